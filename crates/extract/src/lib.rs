//! The event coder of raqib.
//!
//! A report goes through the text stage ([`raqib_text::analyze`]), the lexicon
//! ([`raqib_lexicon::Lexicon`], dates), then sentence by sentence: trigger and frame words from
//! the tables in `data/triggers` ([`tables`]), arguments from the clause around each trigger
//! ([`sentence`]), status from negation, stall, intent, attribution and denial frames; events
//! telling the same happening within the report are merged ([`merge`]); agreements and
//! evacuations are read off the events ([`deals`]). Spans are bytes inside and turned into
//! characters once, at the end.
//!
//! Why rules and tables rather than a statistical model: every coded event must be explainable
//! to an analyst (`--explain` prints the triggers, frames and arguments behind it) and
//! correctable by editing data, and the coder must run at several MB/s per core.
#![deny(missing_docs)]

pub mod deals;
pub mod mentions;
pub mod merge;
pub mod quantity;
pub mod sentence;
pub mod tables;
pub mod words;

use std::sync::{Arc, OnceLock};

use raqib_core::{
    CharIndex, Coder as CoderInfo, Event, Evidence, InputReport, Mention, Report, SentenceExplain,
    Skipped, Span, Status, Structure, Trigger,
};
use raqib_lexicon::Lexicon;
use raqib_text::{Lang, Part};
use sha2::{Digest, Sha256};

/// Options of one coding run.
#[derive(Debug, Clone, Default)]
pub struct CodeOptions {
    /// Add sentences and explanations to each report.
    pub explain: bool,
}

/// Why a report could not be coded.
#[derive(Debug)]
pub enum CodeError {
    /// The input has neither text nor HTML.
    NoText,
    /// The date is not `YYYY-MM-DD`.
    BadDate(String),
    /// The trigger tables could not be loaded.
    Tables(String),
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeError::NoText => write!(f, "the report has no text"),
            CodeError::BadDate(d) => {
                write!(f, "the report date {d:?} is not of the form YYYY-MM-DD")
            }
            CodeError::Tables(e) => write!(f, "cannot load the trigger tables: {e}"),
        }
    }
}

impl std::error::Error for CodeError {}

/// The coder: a lexicon and the trigger tables.
pub struct Coder {
    lexicon: Arc<Lexicon>,
    tables: Arc<tables::Tables>,
}

fn shared_tables() -> Result<Arc<tables::Tables>, String> {
    static T: OnceLock<Result<Arc<tables::Tables>, String>> = OnceLock::new();
    T.get_or_init(|| tables::Tables::load().map(Arc::new))
        .clone()
}

impl Coder {
    /// A coder over a lexicon (the trigger tables are embedded).
    pub fn new(lexicon: Arc<Lexicon>) -> Coder {
        let tables = shared_tables().unwrap_or_else(|e| panic!("embedded trigger tables: {e}"));
        Coder { lexicon, tables }
    }

    /// Code one report.
    pub fn code(&self, input: &InputReport, opts: &CodeOptions) -> Result<Report, CodeError> {
        let text = match (&input.text, &input.html) {
            (Some(t), _) => t.clone(),
            (None, Some(h)) => raqib_text::html::html_to_text(h),
            (None, None) => return Err(CodeError::NoText),
        };
        let anchor = match &input.date {
            Some(d) => Some(
                raqib_lexicon::dates::parse_iso(d).ok_or_else(|| CodeError::BadDate(d.clone()))?,
            ),
            None => None,
        };
        let date_str = anchor.map(|d| d.format("%Y-%m-%d").to_string());
        let lang = input
            .lang
            .as_deref()
            .map(Lang::from_code)
            .filter(|l| *l != Lang::Other);
        let doc = raqib_text::analyze(&text, &raqib_text::Options { lang });
        let id = input.id.clone().unwrap_or_else(|| "report".into());
        let mut report = Report {
            id: id.clone(),
            date: date_str.clone(),
            lang: doc.lang.unwrap_or(Lang::Other).code().to_string(),
            source: input.source.clone(),
            url: input.url.clone(),
            text_sha256: hex::encode(Sha256::digest(text.as_bytes())),
            coder: CoderInfo {
                raqib: raqib_core::VERSION.to_string(),
                lexicon: self.lexicon.version.clone(),
            },
            skipped: doc
                .skipped
                .iter()
                .map(|s| Skipped {
                    span: s.span,
                    reason: s.reason.to_string(),
                })
                .collect(),
            structure: Structure {
                headline: doc
                    .paragraphs
                    .iter()
                    .find(|p| p.part == Part::Headline)
                    .map(|p| p.span),
                lead: doc
                    .paragraphs
                    .iter()
                    .find(|p| p.part == Part::Lead)
                    .map(|p| p.span),
                paragraphs: doc
                    .paragraphs
                    .iter()
                    .filter(|p| matches!(p.part, Part::Lead | Part::Body))
                    .map(|p| p.span)
                    .collect(),
            },
            outlet: input
                .source
                .as_deref()
                .and_then(|s| self.lexicon.actor_by_name(s))
                .map(|a| raqib_core::Actor {
                    name: a.name.clone(),
                    code: a.code.clone(),
                    id: Some(a.id.clone()),
                    text: None,
                    span: None,
                }),
            ..Default::default()
        };
        if text.trim().is_empty() {
            report.error = Some("empty report: nothing to code".into());
        }
        let story: Vec<std::ops::Range<usize>> = doc
            .paragraphs
            .iter()
            .filter(|p| p.part != Part::Skipped)
            .filter_map(|p| {
                let s = doc.sentences.get(p.sentences.start)?;
                let e = doc.sentences.get(p.sentences.end.checked_sub(1)?)?;
                Some(s.tokens.start..e.tokens.end)
            })
            .collect();
        let readings = raqib_lexicon::Readings::new(&doc);
        let forms = words::TokenForms::new(&doc);
        let resolver = mentions::Resolver::new(
            &self.lexicon,
            &self.tables,
            &readings,
            &text,
            date_str.as_deref(),
        );
        let m = resolver.resolve(&story);
        let dates = raqib_lexicon::dates::find_dates(&doc, &text, anchor);
        let cx = sentence::Context {
            text: &text,
            doc: &doc,
            readings: &readings,
            forms: &forms,
            lex: &self.lexicon,
            tables: &self.tables,
            mentions: &m,
            dates: &dates,
            anchor,
        };
        let mut drafts = Vec::new();
        let mut carry = sentence::Carry::default();
        let mut explain = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let part = doc
                .paragraphs
                .get(s.paragraph)
                .map(|p| p.part)
                .unwrap_or(Part::Body);
            if part == Part::Skipped {
                continue;
            }
            let mut notes = Vec::new();
            // A run-on "sentence" (a text with no punctuation) is coded in windows, so coding
            // time stays linear in the text.
            let mut found = Vec::new();
            for piece in windows(s) {
                found.extend(sentence::code_sentence(
                    &cx, si, &piece, &mut carry, &mut notes,
                ));
            }
            if opts.explain {
                for (tok, n) in &m.notes {
                    if s.tokens.contains(tok) {
                        notes.push(n.clone());
                    }
                }
                for d in &found {
                    notes.push(describe(&cx, d));
                }
                if found.is_empty() && notes.is_empty() {
                    notes.push("no trigger: no event".into());
                }
                explain.push(SentenceExplain {
                    span: s.span,
                    text: s.span.slice(&text).to_string(),
                    part: match part {
                        Part::Headline => "headline",
                        Part::Lead => "lead",
                        _ => "body",
                    }
                    .into(),
                    notes,
                    mentions: sentence_mentions(&cx, s.tokens.clone()),
                });
            }
            drafts.extend(found);
        }
        let drafts = merge::merge(&cx, drafts, m.focal_place);
        let mut events: Vec<Event> = drafts.iter().map(|d| self.finish(&cx, &id, d)).collect();
        events.sort_by_key(|e| e.trigger.span.start);
        let (agreements, evacuations) = deals::read(&cx, &drafts, &events);
        report.events = events;
        report.agreements = agreements;
        report.evacuations = evacuations;
        if opts.explain {
            report.sentences = Some(explain);
        }
        report.text = text.clone();
        let idx = CharIndex::new(&text);
        report.map_spans(|s| idx.span(s));
        Ok(report)
    }

    fn finish(&self, cx: &sentence::Context, report_id: &str, d: &sentence::Draft) -> Event {
        let doc = cx.doc;
        let et = &self.tables.types[d.ty as usize];
        let tspan = Span::new(
            doc.tokens[d.trigger.start].span.start,
            doc.tokens[d.trigger.end - 1].span.end,
        );
        let s = &doc.sentences[d.sentence];
        let (mode, cameo, acled) = if d.aerial && et.plover == raqib_core::Plover::Assault {
            (
                Some("aerial".to_string()),
                "195".to_string(),
                raqib_core::Acled {
                    event_type: "Explosions/Remote violence".into(),
                    sub_event_type: "Air/drone strike".into(),
                },
            )
        } else {
            (et.mode.clone(), et.cameo.clone(), et.acled.clone())
        };
        let status = d.status.unwrap_or(if !d.denied_by.is_empty() {
            Status::Disputed
        } else if !d.attribution.is_empty() {
            Status::Claimed
        } else {
            Status::Asserted
        });
        let status = match status {
            Status::Asserted | Status::Claimed if !d.denied_by.is_empty() => Status::Disputed,
            x => x,
        };
        // Counts of the event's sentence, or of its own window in a run-on text.
        let qrange = if s.tokens.len() <= MAX_SENTENCE_TOKENS {
            s.tokens.clone()
        } else {
            d.window.clone()
        };
        let mut quantities = quantity::find(cx.forms, cx.text, qrange.clone());
        // Counts of the tellings merged into this event, each from its own sentence.
        let mut seen = vec![qrange];
        for r in &d.told {
            let si = doc.sentences.partition_point(|s| s.tokens.end <= r.start);
            let range = match doc.sentences.get(si) {
                Some(s) if s.tokens.len() <= MAX_SENTENCE_TOKENS => s.tokens.clone(),
                _ => r.clone(),
            };
            if seen.contains(&range) {
                continue;
            }
            for q in quantity::find(cx.forms, cx.text, range.clone()) {
                if !quantities
                    .iter()
                    .any(|x| x.what == q.what && x.value == q.value && x.ordinal == q.ordinal)
                {
                    quantities.push(q);
                }
            }
            seen.push(range);
        }
        let main = d.main
            && matches!(
                d.status,
                None | Some(Status::Claimed) | Some(Status::Asserted) | Some(Status::Disputed)
            )
            && main_event_score(cx, d, &quantities)
                >= match et.plover {
                    raqib_core::Plover::Protest => 1.5,
                    raqib_core::Plover::Assault => 2.5,
                    _ => 2.0,
                };
        let confidence = (d.confidence
            + 0.1 * (!d.source.is_empty()) as u8 as f64
            + 0.1 * (!d.location.is_empty()) as u8 as f64)
            .min(0.95);
        Event {
            id: event_id(report_id, tspan, et.plover.as_str()),
            trigger: Trigger {
                text: tspan.slice(cx.text).to_string(),
                span: tspan,
            },
            plover: et.plover,
            mode,
            cameo,
            acled,
            source: d.source.clone(),
            target: d.target.clone(),
            symmetric: d.symmetric,
            location: d.location.clone(),
            date: d.date.clone(),
            status,
            attribution: d.attribution.clone(),
            denied_by: d.denied_by.clone(),
            quantities,
            main,
            confidence,
            evidence: Evidence {
                span: s.span,
                text: s.span.slice(cx.text).to_string(),
            },
        }
    }
}

/// What the sentence names (for `--explain`): actors and outlets as resolved, places, dates.
fn sentence_mentions(cx: &sentence::Context, tokens: std::ops::Range<usize>) -> Vec<Mention> {
    let inside = |r: &std::ops::Range<usize>| r.start >= tokens.start && r.end <= tokens.end;
    let mut out: Vec<Mention> = Vec::new();
    for a in cx.mentions.actors.iter().filter(|a| inside(&a.tokens)) {
        let Some(span) = a.actor.span else { continue };
        out.push(Mention {
            kind: if a.kind == raqib_lexicon::ActorKind::Outlet {
                "outlet"
            } else {
                "actor"
            }
            .into(),
            text: span.slice(cx.text).to_string(),
            span,
            code: Some(a.actor.code.clone()),
            id: a.actor.id.clone(),
            value: a.actor.name.clone(),
            anaphor: a.anaphor,
        });
    }
    for p in cx.mentions.places.iter().filter(|p| inside(&p.tokens)) {
        let place = cx.lex.place_at(p.place);
        out.push(Mention {
            kind: "place".into(),
            text: p.span.slice(cx.text).to_string(),
            span: p.span,
            code: Some(place.country.clone()),
            id: Some(place.id.clone()),
            value: place.name.clone(),
            anaphor: false,
        });
    }
    for d in cx.dates.iter().filter(|d| inside(&d.tokens)) {
        out.push(Mention {
            kind: "date".into(),
            text: d.span.slice(cx.text).to_string(),
            span: d.span,
            code: None,
            id: None,
            value: d.value.map(|v| v.to_string()).unwrap_or_default(),
            anaphor: false,
        });
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

/// Longest sentence coded in one piece, in tokens.
const MAX_SENTENCE_TOKENS: usize = 256;

/// A sentence, or windows of it when it is longer than [`MAX_SENTENCE_TOKENS`].
fn windows(s: &raqib_text::Sentence) -> Vec<raqib_text::Sentence> {
    if s.tokens.len() <= MAX_SENTENCE_TOKENS {
        return vec![s.clone()];
    }
    let mut out = Vec::new();
    let mut start = s.tokens.start;
    while start < s.tokens.end {
        let end = (start + MAX_SENTENCE_TOKENS).min(s.tokens.end);
        let clauses = s
            .clauses
            .iter()
            .filter_map(|c| {
                let (a, b) = (c.start.max(start), c.end.min(end));
                (a < b).then_some(a..b)
            })
            .collect();
        out.push(raqib_text::Sentence {
            tokens: start..end,
            clauses,
            ..s.clone()
        });
        start = end;
    }
    out
}

/// Words that mark a mention as background, history or talk rather than a reported happening:
/// relative clauses, "since", a court case, a film, an anniversary, an accusation.
const BACKGROUND_CUES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "منذ",
    "قضيه",
    "ذكري",
    "فيلم",
    "مسلسل",
    "روايه",
    "محاكمه",
    "بتهمه",
    "بتهم",
    "تهم",
    "جرائم",
    "بجرائم",
    "اتهام",
    "باتهام",
    "باتهامه",
    "ادانه",
    "تدين",
    "يدين",
    "ادان",
    "تندد",
    "لتندد",
    "يندد",
    "لبحث",
    "التحقيق",
    "التحقيقات",
    "بالضلوع",
    "خلفيه",
    "تحسبا",
    "ذريعه",
    "احتجاجا",
    "تحريم",
    "investigation",
    "condemned",
    "condemning",
    "protest",
    "involvement",
    "متهم",
    "متهمين",
    "عزم",
    "لمنع",
    "ضحايا",
    "which",
    "since",
    "trial",
    "film",
    "anniversary",
    "accused",
    "charged",
    "memory",
];

/// How much a coded event looks like what its sentence chiefly reports (the GSR annotators'
/// notion): told by a verb, dated, with a toll, at a named place, with actors; less when it
/// stands in a relative clause, a case, a film or a memory.
fn main_event_score(
    cx: &sentence::Context,
    d: &sentence::Draft,
    q: &[raqib_core::Quantity],
) -> f64 {
    let doc = cx.doc;
    let sentence = doc.sentences[d.sentence].tokens.clone();
    let has = |m: &raqib_lexicon::Matcher| !m.find_in(cx.readings, sentence.clone()).is_empty();
    // (Salience cues are looked up only for attacks, the one type they weigh for.)
    let plover = cx.tables.types[d.ty as usize].plover;
    let assault = plover == raqib_core::Plover::Assault;
    // For attacks the sentence's means and toll weigh most; for other acts the verb and date.
    let light = if assault { 0.5 } else { 1.0 };
    let mut score = 0.0;
    if d.verb {
        score += light;
    }
    // A dated event is told as a happening (history too: "في يوليو 2005 ... هجوم انتحاري").
    if d.date.as_ref().is_some_and(|x| !x.inferred) {
        score += light;
    }
    if q.iter().any(|x| {
        matches!(
            x.what.as_str(),
            "killed" | "injured" | "people" | "soldiers" | "fighters"
        )
    }) {
        score += 1.0;
    }
    if !d.source.is_empty() || !d.target.is_empty() {
        score += light / 2.0;
    }
    if assault {
        // A report of an attack names its means and its toll, often from a field source.
        if has(&cx.tables.means) {
            score += 1.0;
        }
        if has(&cx.tables.toll) {
            score += 1.0;
        }
        if has(&cx.tables.field_sources) {
            score += 0.5;
        }
    } else if d
        .location
        .iter()
        .any(|p| !p.inferred && p.feature.as_deref() != Some("country"))
    {
        score += 0.75;
    }
    let from = d.trigger.start.saturating_sub(4).max(sentence.start);
    let background = (from..d.trigger.start).any(|i| {
        let t = &doc.tokens[i];
        std::iter::once(doc.norm(t))
            .chain(t.segs.as_slice().iter().map(|sg| doc.stem(t, *sg)))
            .any(|w| BACKGROUND_CUES.contains(&w))
    });
    if background {
        score -= 2.0;
    }
    score
}

/// A stable event id: report id, trigger byte span and type, hashed.
pub fn event_id(report: &str, trigger: Span, plover: &str) -> String {
    let h = Sha256::digest(format!(
        "{report}\u{1f}{}\u{1f}{}\u{1f}{plover}",
        trigger.start, trigger.end
    ));
    format!("{report}:{}", &hex::encode(h)[..12])
}

fn describe(cx: &sentence::Context, d: &sentence::Draft) -> String {
    let et = &cx.tables.types[d.ty as usize];
    let doc = cx.doc;
    let t = Span::new(
        doc.tokens[d.trigger.start].span.start,
        doc.tokens[d.trigger.end - 1].span.end,
    );
    let names = |v: &[raqib_core::Actor]| {
        v.iter()
            .map(|a| format!("{} ({})", a.name, a.code))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "trigger {:?} → {} ({}){}; source [{}]; target [{}]; places [{}]; attribution [{}]; denied by [{}]; status cue {:?}",
        t.slice(cx.text),
        et.plover.as_str(),
        et.name,
        if d.symmetric { " symmetric" } else { "" },
        names(&d.source),
        names(&d.target),
        d.location.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
        names(&d.attribution),
        names(&d.denied_by),
        d.status.map(|s| s.as_str()),
    )
}
