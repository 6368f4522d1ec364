//! Coding one sentence: triggers, their arguments, frames (who says, who denies), status.

use std::ops::Range;
use std::sync::LazyLock;

use raqib_core::{Actor, DateRef, Place, Span, Status};
use raqib_lexicon::dates::DateMention;
use raqib_lexicon::{ActorKind, EntryRef, Lexicon};
use raqib_text::{Document, Sentence};

use crate::mentions::{has_role, place_of, ActorMention, Mentions, PlaceMention};
use crate::tables::{CueKind, FrameKind, Tables};
use crate::words::{words, TokenForms, WordSet};

/// An event found in a sentence, before merging.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Index into the tables' event types.
    pub ty: u16,
    /// Trigger tokens.
    pub trigger: Range<usize>,
    /// Source actors.
    pub source: Vec<Actor>,
    /// Target actors.
    pub target: Vec<Actor>,
    /// Mutual act.
    pub symmetric: bool,
    /// Places.
    pub location: Vec<Place>,
    /// Destinations (RETREAT).
    pub destinations: Vec<Place>,
    /// Date.
    pub date: Option<DateRef>,
    /// Status before attribution and denial are applied.
    pub status: Option<Status>,
    /// Attribution chain.
    pub attribution: Vec<Actor>,
    /// Deniers.
    pub denied_by: Vec<Actor>,
    /// Main event of its sentence.
    pub main: bool,
    /// Sentence index.
    pub sentence: usize,
    /// Aerial agent.
    pub aerial: bool,
    /// Confidence.
    pub confidence: f64,
    /// Told by a verb (rather than a noun).
    pub verb: bool,
    /// The token window its arguments were read from.
    pub window: Range<usize>,
    /// The batch ordinal its window gives ("الدفعة الثانية").
    pub ordinal: Option<u64>,
    /// A running total ("منذ بدء تنفيذ الاتفاق", "so far", "in all"), not one happening.
    pub cumulative: bool,
    /// Token ranges of other tellings merged into this one, whose counts it keeps.
    pub told: Vec<Range<usize>>,
}

/// Everything the sentence coder needs.
pub struct Context<'a> {
    /// The report text.
    pub text: &'a str,
    /// Its analysis.
    pub doc: &'a Document,
    /// Its tokens' readings, for the matchers.
    pub readings: &'a raqib_lexicon::Readings<'a>,
    /// Its tokens' forms, for the rules' word lists.
    pub forms: &'a TokenForms<'a>,
    /// The lexicon.
    pub lex: &'a Lexicon,
    /// Trigger tables.
    pub tables: &'a Tables,
    /// Resolved mentions.
    pub mentions: &'a Mentions,
    /// Date mentions.
    pub dates: &'a [DateMention],
    /// The report date.
    pub anchor: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone)]
struct CueAt {
    tokens: Range<usize>,
    kind: CueKind,
    verb: bool,
    /// Held only with its listed objects ("خرج ... في مسيرة"): the more specific reading.
    specific: bool,
}

/// Whether token `i`, whole or stripped of a clitic reading, is one of `w` (the coder's most
/// frequent question; see [`crate::words`]).
#[inline]
fn is_word(doc: &TokenForms, i: usize, w: &WordSet) -> bool {
    doc.is(i, w)
}

/// A running total: "since" the start of something, "so far", "in all", "منذ بدء", "حتى الآن",
/// "إجمالي". Counts told so are totals to date, not a batch or one happening.
fn running_total(doc: &TokenForms, range: Range<usize>) -> bool {
    range.clone().any(|i| {
        let next = |w: &WordSet| i + 1 < range.end && is_word(doc, i + 1, w);
        (is_word(doc, i, words!["منذ", "since"]) && next(words!["بدء", "بدايه", "انطلاق", "the"]))
            || (is_word(doc, i, words!["حتي"]) && next(words!["الان"]))
            || (is_word(doc, i, words!["so"]) && next(words!["far"]))
            || (is_word(doc, i, words!["in"]) && next(words!["all", "total"]))
            || is_word(doc, i, words!["اجمالي", "بالمجمل", "altogether"])
    })
}

/// Count words that make a crowd new ("آلاف المتظاهرين", "hundreds of").
static COUNTS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "الاف",
        "آلاف",
        "مئات",
        "عشرات",
        "الف",
        "الوف",
        "thousands",
        "hundreds",
        "dozens",
    ])
});

/// The speaker carried over from earlier sentences ("وأضاف", "he said").
#[derive(Debug, Default, Clone)]
pub struct Carry {
    /// The last attribution chain.
    pub chain: Vec<Actor>,
}

/// Background cues: the event after them is not what the sentence chiefly reports.
static BACKGROUND: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "ردا",
        "اثر",
        "عقب",
        "بعد",
        "بسبب",
        "نتيجه",
        "وسط",
        "after",
        "following",
        "amid",
        "response",
        "since",
        "منذ",
    ])
});

/// Code one sentence.
pub fn code_sentence(
    cx: &Context,
    si: usize,
    s: &Sentence,
    carry: &mut Carry,
    notes: &mut Vec<String>,
) -> Vec<Draft> {
    let doc = cx.forms;
    let range = s.tokens.clone();
    let cues: Vec<CueAt> = cx
        .tables
        .matcher
        .find_in(cx.readings, range.clone())
        .into_iter()
        .flat_map(|m| {
            m.entries
                .iter()
                .filter_map(|e| match e {
                    EntryRef::Other(i) => Some(*i),
                    _ => None,
                })
                .map(|i| {
                    let c = &cx.tables.cues[i as usize];
                    (m.tokens.clone(), c.clone())
                })
                .collect::<Vec<_>>()
        })
        .filter(|(tokens, c)| cue_holds(doc, tokens, c, range.end))
        .map(|(tokens, c)| CueAt {
            tokens,
            kind: c.kind,
            verb: c.verb,
            specific: !c.objects.is_empty(),
        })
        .collect();
    let all = &cx.mentions.actors;
    let first = all.partition_point(|a| a.tokens.start < range.start);
    let actors: Vec<&ActorMention> = all[first..]
        .iter()
        .take_while(|a| a.tokens.start < range.end)
        .filter(|a| a.tokens.end <= range.end)
        .collect();
    let all_places = &cx.mentions.places;
    let first = all_places.partition_point(|p| p.tokens.start < range.start);
    let places: Vec<&PlaceMention> = all_places[first..]
        .iter()
        .take_while(|p| p.tokens.start < range.end)
        .filter(|p| p.tokens.end <= range.end)
        .collect();
    let sentence_text = s.span.slice(cx.text).trim_end();
    let is_question = sentence_text.ends_with('؟')
        || sentence_text.ends_with('?')
        || range
            .clone()
            .next()
            .is_some_and(|i| is_word(doc, i, words!["هل"]));
    let frames = |k: FrameKind| {
        cues.iter()
            .filter(move |c| c.kind == CueKind::Frame(k))
            .collect::<Vec<_>>()
    };
    if is_question {
        notes.push("a question: no event is asserted".into());
        carry.chain.clear();
        return Vec::new();
    }
    if !frames(FrameKind::Generic).is_empty() {
        notes
            .push("a generic or background statement (institution, habit, norm): not coded".into());
        return Vec::new();
    }
    let conditional = frames(FrameKind::Condition)
        .iter()
        .any(|c| c.tokens.start <= range.start + 2);

    // Attribution: reporting frames and their speakers.
    let reports = frames(FrameKind::Report);
    let mut chain: Vec<Actor> = Vec::new();
    let mut frame_spans: Vec<Range<usize>> = Vec::new();
    // Per clause: the chain of the frames in it.
    let mut clause_chains: Vec<(usize, Vec<Actor>)> = Vec::new();
    for f in &reports {
        let speakers = speakers_of(doc, f, &actors, range.clone());
        let cs = clause_start(s, f.tokens.start);
        let entry = match clause_chains.iter().position(|(c, _)| *c == cs) {
            Some(i) => i,
            None => {
                clause_chains.push((cs, Vec::new()));
                clause_chains.len() - 1
            }
        };
        for sp in &speakers {
            frame_spans.push(sp.tokens.clone());
            if !chain
                .iter()
                .any(|a| a.code == sp.actor.code && a.name == sp.actor.name)
            {
                chain.push(sp.actor.clone());
            }
            let cc = &mut clause_chains[entry].1;
            if !cc
                .iter()
                .any(|a| a.code == sp.actor.code && a.name == sp.actor.name)
            {
                cc.push(sp.actor.clone());
            }
        }
        frame_spans.push(f.tokens.clone());
    }
    // "مصدر عسكري: ...", "Army: ...": a speaker and a colon open the sentence.
    if let Some(first) = actors.first() {
        if first.tokens.start <= range.start + 1
            && first.tokens.end < range.end
            && is_word(doc, first.tokens.end, words![":"])
        {
            frame_spans.push(first.tokens.clone());
            chain.push(first.actor.clone());
        }
    }
    // Outlets first (outermost), then speakers.
    chain.sort_by_key(|a| {
        !cx.mentions
            .actors
            .iter()
            .any(|m| m.actor.span == a.span && m.kind == ActorKind::Outlet)
    });
    let continues = range.clone().next().is_some_and(|i| {
        is_word(
            doc,
            i,
            words!["اضاف", "تابع", "اوضح", "اشار", "قال", "he", "she", "اكد"],
        )
    }) || (!reports.is_empty() && chain.is_empty());
    if chain.is_empty() && continues && !carry.chain.is_empty() {
        chain = carry.chain.clone();
        notes.push(format!(
            "speaker carried over: {}",
            chain
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(" → ")
        ));
    }
    if !reports.is_empty() && !chain.is_empty() {
        carry.chain = chain.clone();
    } else if reports.is_empty() {
        carry.chain.clear();
    }

    // Denials.
    let mut deniers: Vec<(Range<usize>, Vec<Actor>)> = Vec::new();
    for d in frames(FrameKind::Deny) {
        let who = speakers_of(doc, d, &actors, range.clone());
        for w in &who {
            frame_spans.push(w.tokens.clone());
        }
        deniers.push((
            d.tokens.clone(),
            who.into_iter().map(|a| a.actor.clone()).collect(),
        ));
    }

    let complementizers: Vec<usize> = frames(FrameKind::Complementizer)
        .iter()
        .map(|c| c.tokens.end)
        .chain(reports.iter().map(|c| c.tokens.end))
        .collect();
    let mut triggers: Vec<&CueAt> = cues
        .iter()
        .filter(|c| matches!(c.kind, CueKind::Trigger(_)))
        .filter(|c| {
            !actors.iter().any(|a| overlap(&a.tokens, &c.tokens))
                && !places.iter().any(|p| overlap(&p.tokens, &c.tokens))
        })
        .collect();
    // One word, one trigger (a form may be listed as verb and as noun); a reading held by its
    // objects ("خرج آلاف المتظاهرين": a protest) wins over the plain one ("خرج": leaving).
    triggers.sort_by_key(|c| (c.tokens.start, !c.specific));
    triggers.dedup_by_key(|c| c.tokens.start);
    let mut out: Vec<Draft> = Vec::new();
    let boundaries = Boundaries::new(doc, range.clone());
    for (ti, t) in triggers.iter().enumerate() {
        let CueKind::Trigger(ty) = t.kind else {
            continue;
        };
        let et = &cx.tables.types[ty as usize];
        if frames(FrameKind::Terms).iter().any(|f| {
            f.tokens.end <= t.tokens.start
                && clause_start(s, f.tokens.start) == clause_start(s, t.tokens.start)
                && !complementizers
                    .iter()
                    .any(|&c| c > f.tokens.end && c <= t.tokens.start)
        }) {
            notes.push(format!(
                "{:?}: a term of an agreement, not an event",
                tok_text(cx, &t.tokens)
            ));
            continue;
        }
        // "under shellfire", "على وقع القذائف", "amid": a circumstance of another event;
        // "مكافحة الشغب", "counter-terrorism": what a force fights, not an event.
        if !t.verb && t.tokens.start > range.start {
            let p = t.tokens.start - 1;
            if is_word(
                doc,
                p,
                words!["مكافحه", "لمكافحه", "counter", "anti", "حركه"],
            ) {
                notes.push(format!(
                    "{:?}: what is fought (مكافحة), not an event",
                    tok_text(cx, &t.tokens)
                ));
                continue;
            }
            if is_word(doc, p, words!["under", "amid", "وقع", "وسط"]) {
                notes.push(format!(
                    "{:?}: a circumstance of the sentence's event, not coded",
                    tok_text(cx, &t.tokens)
                ));
                continue;
            }
        }
        // A noun that is the object of the trigger before it ("رفضت الإفراج", "يرفض أي اتفاق",
        // "عرقلت تنفيذ الاتفاق") is not an event of its own.
        if !t.verb && ti > 0 {
            let prev = triggers[ti - 1];
            let between_ok = (prev.tokens.end..t.tokens.start).all(|i| {
                is_word(
                    doc,
                    i,
                    words!["اي", "any", "the", "a", "an", "كل", "to", "علي"],
                )
            });
            if prev.verb
                && prev.kind != t.kind
                && t.tokens.start <= prev.tokens.end + 2
                && between_ok
            {
                notes.push(format!(
                    "{:?}: the object of {:?}, not an event",
                    tok_text(cx, &t.tokens),
                    tok_text(cx, &prev.tokens)
                ));
                continue;
            }
        }
        // "الاتفاق", "the deal": a reference to an agreement already told, not a new one.
        if !t.verb && et.plover == raqib_core::Plover::Agree && t.tokens.len() == 1 {
            let tok = &doc.tokens[t.tokens.start];
            let definite = tok.segs.as_slice().iter().any(|sg| sg.article)
                || (t.tokens.start > range.start
                    && is_word(doc, t.tokens.start - 1, words!["the", "this", "that"]));
            if definite {
                notes.push(format!(
                    "{:?}: a reference to an agreement, not a new one",
                    tok_text(cx, &t.tokens)
                ));
                continue;
            }
        }
        // "تفاوض ... لإخلاء", "talks ... to complete its evacuation": the aim of talks is their
        // topic, not an event.
        let purpose = crate::mentions::prep_before(doc, t.tokens.start, range.start) == Some("ل")
            || (!doc.tokens[t.tokens.start].arabic
                && (t.tokens.start.saturating_sub(3).max(range.start)..t.tokens.start)
                    .any(|i| is_word(doc, i, words!["to", "for"])));
        if !t.verb && ti > 0 && purpose {
            let talks_before = triggers[..ti].iter().any(|p| {
                matches!(p.kind, CueKind::Trigger(pt) if matches!(cx.tables.types[pt as usize].plover, raqib_core::Plover::Consult | raqib_core::Plover::Agree))
                    && clause_start(s, p.tokens.start) == clause_start(s, t.tokens.start)
            });
            if talks_before {
                notes.push(format!(
                    "{:?}: the aim of the talks, not an event",
                    tok_text(cx, &t.tokens)
                ));
                continue;
            }
        }
        // A noun right after an agreement or negotiation noun is its topic, not an event.
        if ti > 0 {
            let prev = triggers[ti - 1];
            if let CueKind::Trigger(pty) = prev.kind {
                let p = &cx.tables.types[pty as usize];
                if !t.verb
                    && prev.tokens.end == t.tokens.start
                    && matches!(
                        p.plover,
                        raqib_core::Plover::Agree | raqib_core::Plover::Consult
                    )
                {
                    continue;
                }
            }
        }
        let left = complementizers
            .iter()
            .filter(|&&c| c <= t.tokens.start)
            .max()
            .copied()
            .unwrap_or(range.start)
            .max(clause_start(s, t.tokens.start))
            .max(boundaries.left(range.start, t.tokens.start));
        let right = complementizers
            .iter()
            .filter(|&&c| c > t.tokens.end)
            .map(|&c| c.saturating_sub(1))
            .min()
            .unwrap_or(range.end)
            .min(clause_end(s, t.tokens.end))
            .min(range.end)
            .min(boundaries.right(t.tokens.end, range.end))
            .min(
                triggers
                    .get(ti + 1)
                    .map_or(range.end, |n| n.tokens.start.max(t.tokens.end)),
            );
        let in_frame = |a: &ActorMention| frame_spans.iter().any(|f| overlap(f, &a.tokens));
        let cands: Vec<&ActorMention> = actors
            .iter()
            .copied()
            .filter(|a| a.tokens.start >= left && a.tokens.end <= right && !in_frame(a))
            .filter(|a| a.kind != ActorKind::Outlet && !a.speaker_noun)
            .collect();
        let mut d = Draft {
            ty,
            trigger: t.tokens.clone(),
            source: Vec::new(),
            target: Vec::new(),
            symmetric: false,
            location: Vec::new(),
            destinations: Vec::new(),
            date: None,
            status: None,
            attribution: Vec::new(),
            denied_by: Vec::new(),
            main: true,
            sentence: si,
            aerial: false,
            confidence: 0.6,
            verb: t.verb || light_verb_near(doc, &t.tokens, range.clone()),
            window: left..right.max(t.tokens.end),
            ordinal: None,
            cumulative: false,
            told: Vec::new(),
        };
        arguments(cx, &mut d, t, &cands, left, right);
        // "استهدفوا ... المدنيين، كما أطلقوا": an implicit subject continues the previous
        // event's; the object of that event is not this one's agent.
        if t.verb && doc.tokens[t.tokens.start].arabic {
            if let Some(prev) = out.last() {
                let was_object = d.source.iter().any(|x| {
                    prev.target
                        .iter()
                        .any(|y| y.span == x.span && y.span.is_some())
                });
                if was_object || (d.source.is_empty() && prev.trigger.end <= t.tokens.start) {
                    d.source = prev.source.clone();
                }
            }
        }
        if et.armed_agent && !d.source.iter().any(|a| armed_code(&a.code)) {
            notes.push(format!(
                "{:?}: no armed agent, not an attack",
                tok_text(cx, &t.tokens)
            ));
            continue;
        }
        if et.dyadic && (d.source.is_empty() || d.target.is_empty()) {
            // The speaker stands for its side: a state's media for the state.
            let speaker = chain.last().map(|sp| {
                let mut sp = sp.clone();
                if sp.code.ends_with("MED") && sp.code.len() > 6 {
                    sp.code.truncate(sp.code.len() - 3);
                }
                sp
            });
            let speaker = speaker.filter(|sp| !sp.code.ends_with("MED") && sp.code.len() > 3);
            let talks = matches!(
                et.plover,
                raqib_core::Plover::Agree | raqib_core::Plover::Consult
            );
            // Talks and deals: the parties may stand in the deal's content ("اتفاق يقضي بخروج
            // X") or elsewhere in the sentence ("مع الجانب الروسي").
            if talks && (d.source.is_empty() || d.target.is_empty()) {
                for a in actors.iter().filter(|a| {
                    a.kind != ActorKind::Outlet && !a.speaker_noun && a.tokens.start >= t.tokens.end
                        || (a.kind != ActorKind::Outlet
                            && !a.speaker_noun
                            && a.tokens.end <= t.tokens.start
                            && !in_frame(a))
                }) {
                    let p = party(&a.actor.code);
                    let known = d
                        .source
                        .iter()
                        .chain(&d.target)
                        .any(|x| party(&x.code) == p);
                    // Named actors, or the armed non-state side; not victims nor bystanders.
                    let party_like = a.kind != ActorKind::Generic || p.1;
                    if known || !party_like || a.actor.code.len() <= 3 {
                        continue;
                    }
                    if d.source.is_empty() {
                        d.source.push(a.actor.clone());
                    } else if d.target.is_empty() {
                        d.target.push(a.actor.clone());
                    }
                }
            }
            if let Some(sp) = speaker {
                let p = party(&sp.code);
                let known = d
                    .source
                    .iter()
                    .chain(&d.target)
                    .any(|x| party(&x.code) == p);
                if !known && talks {
                    if d.source.is_empty() {
                        d.source.push(sp);
                    } else if d.target.is_empty() {
                        d.target.push(sp);
                    }
                }
            }
            if d.source.is_empty() || d.target.is_empty() {
                notes.push(format!(
                    "{:?}: {} needs a source and a target; not coded",
                    tok_text(cx, &t.tokens),
                    et.plover.as_str()
                ));
                continue;
            }
            if talks && !d.symmetric {
                d.symmetric = true;
            }
        }
        if d.source.is_empty()
            && d.target.is_empty()
            && !matches!(
                et.plover,
                raqib_core::Plover::Assault
                    | raqib_core::Plover::Protest
                    | raqib_core::Plover::Retreat
            )
        {
            notes.push(format!(
                "{:?}: no actor; not coded",
                tok_text(cx, &t.tokens)
            ));
            continue;
        }
        if et.plover == raqib_core::Plover::Reject
            && (d.source.is_empty()
                || (d.target.is_empty() && chain.is_empty() && carry.chain.is_empty()))
        {
            notes.push(format!(
                "{:?}: a refusal with no refuser, or with no target nor speaker; not coded",
                tok_text(cx, &t.tokens)
            ));
            continue;
        }
        d.aerial = d.source.iter().any(|a| {
            a.span.is_some_and(|sp| {
                let toks = token_range_of(doc, sp);
                !cx.tables.air.find_in(cx.readings, toks).is_empty()
            })
        }) || (t.tokens.start..right).any(|i| {
            !cx.tables
                .air
                .find_in(cx.readings, i..(i + 1).min(right))
                .is_empty()
        });
        if et.plover == raqib_core::Plover::Retreat {
            d.ordinal = crate::quantity::find(doc, cx.text, d.window.clone())
                .into_iter()
                .find(|q| q.ordinal && q.what == "batch")
                .map(|q| q.value);
            d.cumulative = running_total(doc, range.clone());
        }
        // Places.
        let (loc, dest) = locations(cx, &places, left, right, &frame_spans, et.plover);
        d.location = loc;
        d.destinations = dest;
        if d.location.is_empty() {
            // Where the sentence places it: never where it was headed.
            let (l2, _) = locations(cx, &places, range.start, range.end, &frame_spans, et.plover);
            d.location = l2
                .into_iter()
                .map(|mut p| {
                    p.inferred = true;
                    p
                })
                .collect();
        }
        // Date.
        d.date = date_for(cx, left, right, range.clone());
        // Status cues.
        d.status = status_of(cx, &cues, t, left, right, conditional);
        // "احتجاجا على", "in protest at": the motive of another act, not the act.
        let motive =
            !t.verb && t.tokens.len() == 1 && is_word(doc, t.tokens.start, words!["احتجاجا"]);
        // "جرح مائة متظاهر في مظاهرات", "وفي مظاهرة ... قال": a protest as the setting of
        // what the sentence tells (unless one takes part in it).
        let setting = et.plover == raqib_core::Plover::Protest
            && !t.verb
            && matches!(
                crate::mentions::prep_before(doc, t.tokens.start, range.start),
                Some("في" | "خلال" | "اثناء" | "during" | "in" | "at")
            )
            && !(t.tokens.start.saturating_sub(3).max(range.start)..t.tokens.start).any(|i| {
                is_word(
                    doc,
                    i,
                    words![
                        "شارك",
                        "شاركوا",
                        "يشارك",
                        "يشاركون",
                        "participated",
                        "joined",
                        "took",
                    ],
                )
            });
        // "متظاهرين يحتجون على": a verb describing the protesters another act concerns.
        let describing = et.plover == raqib_core::Plover::Protest
            && t.verb
            && t.tokens.start > range.start
            && is_word(
                doc,
                t.tokens.start - 1,
                words!["متظاهرين", "متظاهرون", "محتجين", "محتجون", "protesters"],
            );
        d.main = !motive
            && !setting
            && !describing
            && !(left..t.tokens.start)
                .rev()
                .take(3)
                .any(|i| is_word(doc, i, &BACKGROUND));
        d.attribution = if s.clauses.len() > 1 && !clause_chains.is_empty() {
            let cs = clause_start(s, t.tokens.start);
            clause_chains
                .iter()
                .find(|(c, _)| *c == cs)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        } else {
            chain.clone()
        };
        if !clause_chains.is_empty()
            && d.attribution.is_empty()
            && clause_chains.iter().all(|(_, v)| v.is_empty())
        {
            d.attribution = chain.clone();
        }
        for (dspan, who) in &deniers {
            // "الأمر الذي نفاه" / "which X denied" deny what precedes; "نفى X أن" what follows.
            // A denial after the events denies the nearest one before it.
            let applies = if dspan.start > t.tokens.start {
                !triggers
                    .iter()
                    .any(|o| o.tokens.start > t.tokens.start && o.tokens.start < dspan.start)
            } else {
                t.tokens.start > dspan.end
            };
            if applies {
                for w in who {
                    if !d.denied_by.iter().any(|x| x.code == w.code) {
                        d.denied_by.push(w.clone());
                    }
                }
            }
        }
        out.push(d);
    }
    // Within a clause, triggers of one type with compatible actors are one event.
    let mut merged: Vec<Draft> = Vec::new();
    for d in out {
        if let Some(prev) = merged.iter_mut().find(|p| {
            cx.tables.types[p.ty as usize].plover == cx.tables.types[d.ty as usize].plover
                && clause_start(s, p.trigger.start) == clause_start(s, d.trigger.start)
                && compatible(&p.source, &d.source)
                && compatible(&p.target, &d.target)
                && modes_agree(cx, p.ty, d.ty)
                && !temporal_between(doc, p.trigger.end, d.trigger.start)
        }) {
            // The more specific telling names the event ("killed in a chemical attack").
            let specific = |ty: u16| {
                let e = &cx.tables.types[ty as usize];
                (
                    e.mode.is_some() as u8,
                    e.cameo.len(),
                    !matches!(e.name.as_str(), "kill" | "target" | "attack"),
                )
            };
            let verb = prev.verb || d.verb;
            if specific(d.ty) > specific(prev.ty) {
                prev.ty = d.ty;
                prev.trigger = d.trigger.clone();
            }
            prev.verb = verb;
            absorb(prev, d);
        } else {
            merged.push(d);
        }
    }
    merged
}

/// Two types of one PLOVER class that name different acts by their mode (disarm, withdraw).
fn modes_agree(cx: &Context, a: u16, b: u16) -> bool {
    let (x, y) = (&cx.tables.types[a as usize], &cx.tables.types[b as usize]);
    x.mode.is_none() || y.mode.is_none() || x.mode == y.mode
}

/// A temporal subordinator between two triggers ("بعد أن", "قبل أن", "after", "before",
/// "since"): they tell two happenings, one before the other.
fn temporal_between(doc: &TokenForms, from: usize, to: usize) -> bool {
    (from..to).any(|i| {
        is_word(doc, i, words!["after", "before", "since", "منذ"])
            || (is_word(doc, i, words!["بعد", "قبل"])
                && i + 1 < to
                && is_word(doc, i + 1, words!["ان", "ما"]))
    })
}

fn absorb(into: &mut Draft, d: Draft) {
    for a in d.source {
        if !into.source.iter().any(|x| x.code == a.code) {
            into.source.push(a);
        }
    }
    for a in d.target {
        if !into.target.iter().any(|x| x.code == a.code) {
            into.target.push(a);
        }
    }
    for p in d.location {
        if !into.location.iter().any(|x| x.id == p.id) {
            into.location.push(p);
        }
    }
    for a in d.denied_by {
        if !into.denied_by.iter().any(|x| x.code == a.code) {
            into.denied_by.push(a);
        }
    }
    if into.attribution.is_empty() {
        into.attribution = d.attribution;
    }
    into.symmetric |= d.symmetric;
    into.aerial |= d.aerial;
    if into.date.is_none() {
        into.date = d.date;
    }
}

fn compatible(a: &[Actor], b: &[Actor]) -> bool {
    a.is_empty()
        || b.is_empty()
        || a.iter()
            .any(|x| b.iter().any(|y| party(&x.code) == party(&y.code)))
}

/// A side of a conflict: country, and state or non-state.
pub fn party(code: &str) -> (String, bool) {
    let country = code.get(..3).unwrap_or("").to_string();
    (country, has_role(code, &["REB", "OPP", "INS"]))
}

fn armed_code(code: &str) -> bool {
    has_role(code, &["MIL", "REB", "INS", "COP", "SPY"])
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn tok_text<'t>(cx: &Context<'t>, r: &Range<usize>) -> &'t str {
    let doc = cx.forms;
    Span::new(
        doc.tokens[r.start].span.start,
        doc.tokens[r.end - 1].span.end,
    )
    .slice(cx.text)
}

fn token_range_of(doc: &Document, sp: Span) -> Range<usize> {
    let s = doc.tokens.partition_point(|t| t.span.end <= sp.start);
    let e = doc.tokens.partition_point(|t| t.span.start < sp.end);
    s..e.max(s)
}

/// "نفذ هجوما", "شن غارات", "وقع انفجار", "carried out an attack": a light verb makes a noun
/// the predicate of its clause.
fn light_verb_near(doc: &TokenForms, t: &Range<usize>, range: Range<usize>) -> bool {
    let from = t.start.saturating_sub(3).max(range.start);
    let to = (t.end + 2).min(range.end);
    (from..to).filter(|i| !t.contains(i)).any(|i| {
        is_word(
            doc,
            i,
            words![
                "نفذ",
                "نفذت",
                "نفذوا",
                "شن",
                "شنت",
                "شنوا",
                "وقع",
                "وقعت",
                "جري",
                "جرت",
                "اندلعت",
                "اندلع",
                "خرجت",
                "خرج",
                "تجمع",
                "تجمعوا",
                "تظاهر",
                "نظم",
                "نظمت",
                "احتشد",
                "رشق",
                "رشقوا",
                "احرق",
                "احرقوا",
                "قطع",
                "قطعوا",
                "ردد",
                "رددوا",
                "هتف",
                "هتفوا",
                "رفع",
                "رفعوا",
                "carried",
                "launched",
                "staged",
                "held",
                "erupted",
                "broke",
            ],
        )
    })
}

/// Where subordinate clauses may begin in a sentence ("after", "which", "بعد أن", "مما"),
/// marked once per sentence: every trigger's argument window stops at them.
struct Boundaries {
    start: usize,
    marks: Vec<u8>,
}

impl Boundaries {
    /// A word that ends the clause before a trigger.
    const LEFT: u8 = 1;
    /// A word that begins a clause after a trigger.
    const RIGHT: u8 = 2;
    /// The first word of a two-word conjunction ("بعد أن", "ما دفع").
    const PAIR: u8 = 4;

    fn new(doc: &TokenForms, range: Range<usize>) -> Boundaries {
        let marks = range
            .clone()
            .map(|i| {
                let mut m = 0;
                if is_word(
                    doc,
                    i,
                    words![
                        "after",
                        "before",
                        "while",
                        "whereas",
                        "prompting",
                        "حيث",
                        "بينما",
                        "فيما",
                        "مما",
                    ],
                ) {
                    m |= Boundaries::LEFT | Boundaries::RIGHT;
                } else if is_word(doc, i, words!["which", "who", "whom"]) {
                    m |= Boundaries::RIGHT;
                }
                if i + 1 < range.end
                    && ((is_word(doc, i, words!["بعد"]) && is_word(doc, i + 1, words!["ان"]))
                        || (is_word(doc, i, words!["ما"])
                            && is_word(doc, i + 1, words!["دفع", "ادي", "اجبر"])))
                {
                    m |= Boundaries::PAIR;
                }
                m
            })
            .collect();
        Boundaries {
            start: range.start,
            marks,
        }
    }

    fn at(&self, i: usize) -> u8 {
        i.checked_sub(self.start)
            .and_then(|k| self.marks.get(k))
            .copied()
            .unwrap_or(0)
    }

    /// Where the clause of a trigger at `to` begins, no earlier than `from`.
    fn left(&self, from: usize, to: usize) -> usize {
        (from..to)
            .rev()
            .find(|&i| {
                let m = self.at(i);
                m & Boundaries::LEFT != 0 || (m & Boundaries::PAIR != 0 && i + 1 < to)
            })
            .map_or(from, |i| i + 1)
    }

    /// Where a subordinate clause begins after a trigger ending at `from` (the sentence's end
    /// when none does).
    fn right(&self, from: usize, to: usize) -> usize {
        (from..to)
            .find(|&i| self.at(i) & (Boundaries::RIGHT | Boundaries::PAIR) != 0)
            .unwrap_or(to)
    }
}

fn clause_start(s: &Sentence, i: usize) -> usize {
    s.clauses
        .iter()
        .find(|c| c.contains(&i))
        .map(|c| c.start)
        .unwrap_or(s.tokens.start)
}

fn clause_end(s: &Sentence, i: usize) -> usize {
    s.clauses
        .iter()
        .find(|c| c.start <= i.saturating_sub(1) && i.saturating_sub(1) < c.end)
        .map(|c| c.end)
        .unwrap_or(s.tokens.end)
}

/// Whether a matched cue's conditions hold (objects that must follow, words that cancel it).
fn cue_holds(doc: &TokenForms, tokens: &Range<usize>, c: &crate::tables::Cue, end: usize) -> bool {
    if !c.not_before.is_empty() && tokens.end < end {
        let next = doc.forms(tokens.end);
        if next
            .iter()
            .any(|(w, _)| c.not_before.iter().any(|n| n == w))
        {
            return false;
        }
    }
    if !c.objects.is_empty() {
        let lim = (tokens.end + c.window).min(end);
        return (tokens.end..lim).any(|i| {
            let listed = doc.forms(i).iter().any(|&(w, _)| {
                c.objects
                    .iter()
                    .any(|o| o == w || raqib_lexicon::matcher::bare(w, true) == o)
            });
            let told_before = c.fresh
                && doc.tokens[i].segs.as_slice().iter().any(|s| s.article)
                && !(i > tokens.end
                    && (doc.tokens[i - 1].kind == raqib_text::TokenKind::Number
                        || is_word(doc, i - 1, &COUNTS)));
            listed && !told_before
        });
    }
    true
}

/// The actors who speak through a frame (reporting or denial verb, "according to").
fn speakers_of<'m>(
    doc: &TokenForms,
    f: &CueAt,
    actors: &[&'m ActorMention],
    range: Range<usize>,
) -> Vec<&'m ActorMention> {
    let prepositional = !f.verb;
    let mut out = Vec::new();
    // An Arabic subject right before its verb ("وزارة الدفاع الروسية أعلنت", "... قد أعلنت").
    if f.verb && doc.tokens[f.tokens.start].arabic {
        if let Some(a) = actors.iter().copied().find(|a| {
            a.prep.is_none()
                && a.tokens.end <= f.tokens.start
                && (a.tokens.end..f.tokens.start)
                    .all(|i| is_word(doc, i, words!["قد", "لقد", "كانت", "كان"]))
        }) {
            return vec![a];
        }
        // VSO: the subject follows the verb closely, with no preposition ("أعلن X عن ...").
        let mut v: Vec<&'m ActorMention> = Vec::new();
        for a in actors.iter().copied() {
            if a.tokens.start < f.tokens.end || a.tokens.start > f.tokens.end + 4 + v.len() * 6 {
                continue;
            }
            if v.is_empty()
                && (a.prep.is_some()
                    || (f.tokens.end..a.tokens.start)
                        .any(|i| is_word(doc, i, words!["ان", "بان", "فان", "لان"])))
            {
                break;
            }
            if let Some(first) = v.first() {
                // Apposition, or a relayed source: "نقل X عن Y".
                let between = first.tokens.end..a.tokens.start;
                if between
                    .clone()
                    .any(|i| is_word(doc, i, words!["ان", "بان", "فان"]))
                {
                    break;
                }
                let relay = between.clone().any(|i| is_word(doc, i, words!["عن"]));
                if !(relay || a.tokens.start <= first.tokens.end + 1) {
                    break;
                }
            }
            v.push(a);
            if v.len() >= 2 {
                break;
            }
        }
        return v;
    }
    // English reporting verbs take their subject before them ("X said", "the army says");
    // inverted "..., said X" only when nothing stands before.
    if f.verb && !doc.tokens[f.tokens.start].arabic {
        let before: Vec<&'m ActorMention> = actors
            .iter()
            .copied()
            .filter(|a| a.tokens.end <= f.tokens.start && a.tokens.end + 3 >= f.tokens.start)
            .collect();
        if let Some(last) = before.last() {
            let start = last.tokens.start;
            let mut v: Vec<&'m ActorMention> = before
                .iter()
                .copied()
                .filter(|a| a.tokens.end + 3 >= start)
                .collect();
            v.dedup_by_key(|a| a.tokens.start);
            return v;
        }
        let pronoun = f.tokens.start > range.start
            && is_word(doc, f.tokens.start - 1, words!["he", "she", "they", "it"]);
        let ends = (f.tokens.end..range.end)
            .all(|i| doc.tokens[i].kind != raqib_text::TokenKind::Word)
            || actors.iter().any(|a| a.tokens.start == f.tokens.end);
        if pronoun || !ends {
            return Vec::new();
        }
    }
    // After the frame word, up to the complementizer or ~8 tokens.
    let mut limit = (f.tokens.end + if f.verb { 10 } else { 14 }).min(range.end);
    for i in f.tokens.end..limit {
        if is_word(doc, i, words!["ان", "بان", "فان", "that"])
            || (is_word(doc, i, words!["،", ","]) && !out.is_empty())
        {
            limit = i;
            break;
        }
    }
    // A participle of state ("مشيرا", "مؤكدا") continues the current speaker.
    let first = &doc.tokens[f.tokens.start];
    let w = doc.norm(first).trim_start_matches('و');
    if first.arabic
        && f.tokens.len() == 1
        && w.starts_with('م')
        && (w.ends_with('ا') || w.ends_with('ه'))
    {
        return Vec::new();
    }
    for a in actors {
        if a.tokens.start >= f.tokens.end && a.tokens.end <= limit {
            out.push(*a);
            if !prepositional && !out.is_empty() && !f.verb {
                break;
            }
        }
        if f.verb && !out.is_empty() && a.tokens.start > out[0].tokens.end + 2 {
            break;
        }
    }
    if f.verb && out.len() > 1 {
        // A verb's subject is one actor phrase: keep the first and what is in apposition to it,
        // and the source it relays ("نقله موقع X عن Y", "citing Y").
        let first = out[0].tokens.clone();
        let relay = actors.iter().copied().find(|a| {
            a.tokens.start > first.end
                && a.tokens.start <= first.end + 4
                && (first.end..a.tokens.start)
                    .any(|i| is_word(doc, i, words!["عن", "citing", "quoting"]))
        });
        out.retain(|a| a.tokens.start <= first.end + 1);
        if let Some(r) = relay {
            out.push(r);
        }
    }
    if out.is_empty() && f.verb && !doc.tokens[f.tokens.start].arabic {
        // SVO: the subject before the verb ("The Syrian government and Russia denied").
        let before: Vec<&&ActorMention> = actors
            .iter()
            .filter(|a| a.tokens.end <= f.tokens.start && a.tokens.end + 4 >= f.tokens.start)
            .collect();
        if let Some(last) = before.last() {
            let start = last.tokens.start;
            out.extend(
                before
                    .iter()
                    .filter(|a| a.tokens.end + 3 >= start)
                    .map(|a| **a),
            );
            out.sort_by_key(|a| a.tokens.start);
            out.dedup_by_key(|a| a.tokens.start);
        }
    }
    out
}

/// Source, target and symmetry from the clause around the trigger.
fn arguments(
    cx: &Context,
    d: &mut Draft,
    t: &CueAt,
    cands: &[&ActorMention],
    left: usize,
    right: usize,
) {
    let doc = cx.forms;
    let pos = t.tokens.start;
    let after: Vec<&&ActorMention> = cands
        .iter()
        .filter(|a| a.tokens.start >= t.tokens.end)
        .collect();
    let before: Vec<&&ActorMention> = cands.iter().filter(|a| a.tokens.end <= pos).collect();
    // "بين A و B", "between A and B".
    if let Some(b) = (t.tokens.end..right).find(|&i| is_word(doc, i, words!["بين", "between"])) {
        let pair: Vec<&&ActorMention> = after
            .iter()
            .copied()
            .filter(|a| a.tokens.start > b)
            .take(2)
            .collect();
        let pair: Vec<&&ActorMention> = if pair.first().is_some_and(|a| a.tokens.start <= b + 3) {
            pair
        } else {
            Vec::new()
        };
        if pair.len() == 2 {
            d.source.push(pair[0].actor.clone());
            d.target.push(pair[1].actor.clone());
            d.symmetric = true;
            return;
        }
        // "بينه وبين X": the pronoun is the last actor before.
        if pair.len() == 1
            && doc
                .forms(b)
                .iter()
                .any(|(w, _)| *w != "بين" && w.starts_with("بين"))
        {
            if let Some(p) = last_actor_before(cx, pos) {
                d.source.push(p);
                d.target.push(pair[0].actor.clone());
                d.symmetric = true;
                return;
            }
        }
    }
    let mutual = (left..right).any(|i| {
        is_word(
            doc,
            i,
            words![
                "تبادل",
                "متبادل",
                "متبادله",
                "mutual",
                "exchange",
                "exchanging",
                "exchanged",
            ],
        )
    });
    // Agent: "من قبل X", "by X".
    let by = after.iter().copied().find(|a| {
        (a.prep == Some("by") && a.tokens.start <= t.tokens.end + 3)
            || (a.tokens.start >= 2
                && is_word(doc, a.tokens.start - 1, words!["قبل"])
                && is_word(doc, a.tokens.start - 2, words!["من"]))
    });
    let subject_ok =
        |a: &ActorMention| a.prep.is_none() || a.prep == Some("of") || is_possessor(doc, a);
    // Past an article: "in an air strike".
    let head = if pos > left && is_word(doc, pos - 1, words!["a", "an", "the"]) {
        pos - 1
    } else {
        pos
    };
    let in_pp = !t.verb
        && crate::mentions::prep_before(doc, head, left).is_some_and(|p| {
            matches!(
                p,
                "in" | "during" | "at" | "by" | "في" | "خلال" | "اثر" | "عقب"
            )
        });
    let mut subject_before = before
        .iter()
        .rev()
        .copied()
        .find(|a| subject_ok(a))
        .filter(|_| by.is_none() && !in_pp);
    if let Some(sb) = subject_before {
        if sb.kind == ActorKind::Generic {
            // "Jaish al-Islam fighters and their families": the named group heads the phrase.
            if let Some(named) = before.iter().rev().copied().find(|a| {
                a.kind != ActorKind::Generic
                    && a.tokens.end + 4 >= sb.tokens.start
                    && a.tokens.start < sb.tokens.start
            }) {
                subject_before = Some(named);
            }
        }
    }
    // "A and B keep exchanging fire": coordinated subjects of a mutual act.
    let co_subject = subject_before.and_then(|sb| {
        let k = sb.tokens.start;
        (k >= 2 && is_word(doc, k - 1, words!["and"]))
            .then(|| before.iter().copied().find(|a| a.tokens.end == k - 1))
            .flatten()
            .or_else(|| {
                let tk = &doc.tokens[k];
                (tk.arabic && doc.norm(tk).starts_with('و'))
                    .then(|| before.iter().copied().find(|a| a.tokens.end == k))
                    .flatten()
            })
    });
    let target_prep = |a: &ActorMention| {
        matches!(
            a.prep,
            Some(
                "علي"
                    | "ضد"
                    | "تجاه"
                    | "بحق"
                    | "مع"
                    | "against"
                    | "on"
                    | "at"
                    | "with"
                    | "ل"
                    | "to"
            )
        )
    };
    let mut source: Option<Actor> = by.map(|a| a.actor.clone());
    let mut used = by.map(|a| a.tokens.start);
    if source.is_none() {
        if let Some(s) = subject_before {
            source = Some(s.actor.clone());
            used = Some(s.tokens.start);
        }
    }
    if source.is_none() {
        // VSO, or a verbal noun's agent in construct ("خروج مسلحي جيش الإسلام").
        if let Some(a) = after.iter().copied().find(|a| {
            (a.prep.is_none()
                || (a.prep == Some("من") && d_is_retreat(cx, d))
                || (a.prep == Some("of")))
                && a.tokens.start <= t.tokens.end + 6
        }) {
            source = Some(a.actor.clone());
            used = Some(a.tokens.start);
        }
    }
    if source.is_none() && !t.verb {
        // A pronoun on a verbal noun ("انسحابه", "هجومها") is its agent.
        let tok = &doc.tokens[t.tokens.end - 1];
        if tok.arabic && tok.segs.as_slice().iter().any(|s| s.suf > 0) {
            if let Some(p) = last_actor_before(cx, pos) {
                source = Some(p);
            }
        }
    }
    if let (Some(co), Some(sb)) = (co_subject, subject_before) {
        let mutual_here = (left..right).any(|i| {
            is_word(
                doc,
                i,
                words![
                    "تبادل",
                    "متبادل",
                    "متبادله",
                    "mutual",
                    "exchange",
                    "exchanging",
                    "exchanged",
                    "clashes",
                    "clashed",
                ],
            )
        });
        if mutual_here && source.as_ref().is_some_and(|s| s.span == sb.actor.span) {
            d.source.push(co.actor.clone());
            d.target.push(sb.actor.clone());
            d.symmetric = true;
            return;
        }
    }
    let retreat = d_is_retreat(cx, d);
    let target = after
        .iter()
        .copied()
        .filter(|a| Some(a.tokens.start) != used)
        .filter(|_| !retreat)
        .find(|a| target_prep(a) || (t.verb && a.prep.is_none()));
    // English passive ("people were killed", "Douma was shelled"): the subject is the target.
    let passive = t.verb
        && pos > left
        && is_word(doc, pos - 1, words!["was", "were", "been", "being", "be"])
        && subject_before.is_some()
        && source.as_ref().map(|x| x.span) == subject_before.map(|x| x.actor.span);
    if passive {
        if let Some(s) = source.take() {
            d.target.push(s);
        }
        return;
    }
    if let Some(s) = source {
        d.source.push(s);
    }
    if let Some(tg) = target {
        if !d
            .source
            .iter()
            .any(|s| s.code == tg.actor.code && s.name == tg.actor.name)
        {
            d.target.push(tg.actor.clone());
        }
    }
    if mutual && !d.target.is_empty() {
        d.symmetric = true;
    }
}

fn d_is_retreat(cx: &Context, d: &Draft) -> bool {
    cx.tables.types[d.ty as usize].plover == raqib_core::Plover::Retreat
}

/// "التابع للتنظيم", "belonging to the group": a possessor stands for the agent.
fn is_possessor(doc: &TokenForms, a: &ActorMention) -> bool {
    a.tokens.start > 0
        && is_word(
            doc,
            a.tokens.start - 1,
            words!["تابع", "التابع", "التابعه", "تابعه", "its"],
        )
}

fn last_actor_before(cx: &Context, pos: usize) -> Option<Actor> {
    let all = &cx.mentions.actors;
    let upto = all.partition_point(|a| a.tokens.start < pos);
    all[..upto]
        .iter()
        .rev()
        .take(64)
        .find(|a| a.tokens.end <= pos && a.kind != ActorKind::Outlet && !a.speaker_noun)
        .map(|a| Actor {
            text: None,
            span: None,
            ..a.actor.clone()
        })
}

/// A preposition that names where something is headed ("إلى", "نحو", "باتجاه", "to", "for").
pub(crate) fn heads_toward(prep: Option<&str>) -> bool {
    matches!(
        prep,
        Some("الي" | "to" | "for" | "نحو" | "باتجاه" | "towards" | "toward")
    )
}

/// Places of the window: the event's location, and destinations ("إلى", "to") for retreats.
fn locations(
    cx: &Context,
    places: &[&PlaceMention],
    left: usize,
    right: usize,
    frames: &[Range<usize>],
    plover: raqib_core::Plover,
) -> (Vec<Place>, Vec<Place>) {
    let resolver_place = |m: &PlaceMention| {
        let p = cx.lex.place_at(m.place);
        place_of(
            p,
            Some(m.span.slice(cx.text).to_string()),
            Some(m.span),
            false,
        )
    };
    let mut loc = Vec::new();
    let mut dest = Vec::new();
    let in_window: Vec<&&PlaceMention> = places
        .iter()
        .filter(|p| p.tokens.start >= left && p.tokens.end <= right)
        .filter(|p| !frames.iter().any(|f| overlap(f, &p.tokens)))
        .filter(|p| !seat_of_speaker(cx, p, frames))
        .collect();
    let mut to_dest = false;
    for p in &in_window {
        let is_dest = heads_toward(p.prep)
            || (to_dest && plover == raqib_core::Plover::Retreat && p.prep.is_none());
        if plover == raqib_core::Plover::Retreat && is_dest {
            to_dest = true;
            dest.push(resolver_place(p));
        } else {
            loc.push(resolver_place(p));
        }
    }
    // A country alone next to a city is not the place.
    if loc.iter().any(|p| p.feature.as_deref() != Some("country")) {
        loc.retain(|p| p.feature.as_deref() != Some("country"));
    }
    (loc, dest)
}

/// A place right after a speaker's name with "في"/"in" ("أعلن مركز المصالحة الروسي في حميميم",
/// "the observatory in London said") is where the speaker sits, not where the event happened.
/// (After a party to the event it may well be the place: "مواقع الجيش في دمشق".)
fn seat_of_speaker(cx: &Context, p: &PlaceMention, frames: &[Range<usize>]) -> bool {
    let doc = cx.forms;
    let start = p.tokens.start;
    let (prep_at, clitic) = if start > 0 && is_word(doc, start - 1, words!["في", "in", "at"]) {
        (start - 1, false)
    } else if matches!(p.prep, Some("في" | "ب")) {
        (start, true)
    } else {
        return false;
    };
    // Mentions are in text order and a name is short: look back from `end` only.
    let ends_actor = |end: usize| {
        let all = &cx.mentions.actors;
        let upto = all.partition_point(|a| a.tokens.start < end);
        all[..upto].iter().rev().take(64).any(|a| {
            a.tokens.end == end
                && a.kind != ActorKind::Generic
                && !a.anaphor
                && frames.iter().any(|f| overlap(f, &a.tokens))
        })
    };
    if clitic {
        ends_actor(start)
    } else {
        ends_actor(prep_at)
    }
}

fn date_for(cx: &Context, left: usize, right: usize, sentence: Range<usize>) -> Option<DateRef> {
    let pick = |l: usize, r: usize| {
        cx.dates
            .iter()
            .find(|d| d.tokens.start >= l && d.tokens.end <= r && d.value.is_some())
    };
    if let Some(d) = pick(left, right) {
        return Some(d.to_date_ref(cx.text));
    }
    if let Some(d) = pick(sentence.start, sentence.end) {
        let mut r = d.to_date_ref(cx.text);
        r.inferred = true;
        r.text = None;
        r.span = None;
        return Some(r);
    }
    None
}

fn status_of(
    cx: &Context,
    cues: &[CueAt],
    t: &CueAt,
    left: usize,
    right: usize,
    conditional: bool,
) -> Option<Status> {
    let doc = cx.forms;
    let pos = t.tokens.start;
    let near = |k: FrameKind, before: usize, after: usize| {
        cues.iter().any(|c| {
            c.kind == CueKind::Frame(k)
                && ((c.tokens.end <= pos && c.tokens.end + before >= pos && c.tokens.start >= left)
                    || (c.tokens.start >= t.tokens.end
                        && c.tokens.start <= t.tokens.end + after
                        && c.tokens.end <= right))
        })
    };
    // "لا يريد غلق باب التفاوض", "does not want to close the door to talks": intent to keep talking.
    let door = (left..pos).any(|i| is_word(doc, i, words!["باب", "door"]))
        && (left..pos).any(|i| is_word(doc, i, words!["غلق", "اغلاق", "close", "closing"]));
    if door {
        return Some(Status::Intended);
    }
    let negated = near(FrameKind::Negate, 2, 0)
        && !(left..pos).any(|i| is_word(doc, i, words!["يريد", "تريد", "want", "wants"]));
    if negated {
        return Some(Status::Negated);
    }
    let relative_stall = (t.tokens.end..(t.tokens.end + 10).min(doc.tokens.len())).any(|i| {
        is_word(doc, i, words!["which", "الذي", "والذي", "التي", "والتي"])
            && cues.iter().any(|c| {
                c.kind == CueKind::Frame(FrameKind::Stall)
                    && c.tokens.start > i
                    && c.tokens.start <= i + 2
            })
    });
    if relative_stall || near(FrameKind::Stall, 3, 6) {
        return Some(Status::Stalled);
    }
    // The future prefix س on an imperfect verb: "سيقصف", "ستنفجر", "وسنرد".
    let future_prefix = doc.tokens[pos].arabic && t.verb && {
        let tok = &doc.tokens[pos];
        std::iter::once(doc.norm(tok))
            .chain(tok.segs.as_slice().iter().map(|sg| doc.stem(tok, *sg)))
            .chain(std::iter::once(
                doc.norm(tok).strip_prefix('و').unwrap_or_default(),
            ))
            .any(|w| {
                let mut c = w.chars();
                c.next() == Some('س') && matches!(c.next(), Some('ي' | 'ت' | 'ن' | 'ا'))
            })
    };
    // A verbal noun after the purpose ل ("لمواجهة", "لاستكمال") is an aim, not a happening.
    let purpose = !t.verb && crate::mentions::prep_before(doc, pos, left) == Some("ل");
    if conditional || future_prefix || purpose || near(FrameKind::Intend, 4, 0) {
        return Some(Status::Intended);
    }
    None
}
