//! Actor and place mentions of a report, resolved: generic nouns take their country, anaphors
//! ("التنظيم", "the group") take the last named group, places and actors are told apart by
//! their preposition.

use std::ops::Range;

use raqib_core::{Actor, Place, Span};
use raqib_lexicon::{ActorKind, EntryRef, Lexicon, Readings};
use raqib_text::{Document, TokenKind};
use rustc_hash::FxHashMap;

use crate::tables::Tables;

/// A resolved actor mention.
#[derive(Debug, Clone)]
pub struct ActorMention {
    /// Token range.
    pub tokens: Range<usize>,
    /// The output actor (byte span).
    pub actor: Actor,
    /// Lexicon kind.
    pub kind: ActorKind,
    /// The preposition governing it (bare form), when any.
    pub prep: Option<&'static str>,
    /// Resolved from an anaphor or a pronoun.
    pub anaphor: bool,
    /// A speaker-only noun ("مصدر عسكري", "state media").
    pub speaker_noun: bool,
}

/// Whether a CAMEO-style code holds any of these roles after its country
/// (`has_role("SYRGOVMIL", &["MIL"])`).
pub fn has_role(code: &str, roles: &[&str]) -> bool {
    code.len() > 3
        && code.as_bytes()[3..]
            .chunks(3)
            .any(|x| roles.iter().any(|r| x == r.as_bytes()))
}

/// A resolved place mention.
#[derive(Debug, Clone)]
pub struct PlaceMention {
    /// Token range.
    pub tokens: Range<usize>,
    /// Index into the lexicon's places.
    pub place: u32,
    /// The preposition governing it, when any.
    pub prep: Option<&'static str>,
    /// Byte span.
    pub span: Span,
}

/// Prepositions, as bare forms, Arabic and English.
const PREPS: &[&str] = &[
    "علي",
    "ضد",
    "مع",
    "من",
    "الي",
    "عن",
    "في",
    "بين",
    "تجاه",
    "نحو",
    "لدي",
    "عند",
    "قرب",
    "داخل",
    "خارج",
    "حول",
    "بحق",
    "باتجاه",
    "اتجاه",
    "فوق",
    "تحت",
    "against",
    "on",
    "at",
    "with",
    "between",
    "from",
    "to",
    "by",
    "of",
    "in",
    "near",
    "for",
    "into",
    "outside",
    "inside",
    "toward",
    "towards",
    "through",
];

/// Nouns that head an actor phrase ("قادة التنظيم", "leaders of").
const HEADS: &[&str] = &[
    "قاده",
    "قياده",
    "ممثلي",
    "مسوولي",
    "عناصر",
    "مقاتلي",
    "مسلحي",
    "وفد",
    "اعضاء",
    "leaders",
    "members",
    "representatives",
    "fighters",
    "officials",
    "delegation",
    "of",
];

/// The preposition right before token `i`: a separate word, or a proclitic ب ل ك.
pub fn prep_before(doc: &Document, i: usize, range_start: usize) -> Option<&'static str> {
    let t = &doc.tokens[i];
    if t.arabic {
        let norm = doc.norm(t);
        for seg in t.segs.as_slice() {
            if seg.pre == 0 {
                continue;
            }
            let pre = norm.get(..seg.pre as usize).unwrap_or("");
            let pre = pre.strip_suffix("ال").unwrap_or(pre);
            let pre = pre.trim_start_matches(['و', 'ف']);
            match pre {
                "ب" => return Some("ب"),
                // ل before the article drops its alef: "للتظاهر" = ل + التظاهر.
                "ل" | "لل" => return Some("ل"),
                "ك" => return Some("ك"),
                _ => {}
            }
        }
    }
    // Skip quotes and the like back to the previous word.
    let mut j = i;
    while j > range_start {
        j -= 1;
        let p = &doc.tokens[j];
        if p.kind == TokenKind::Punct {
            let s = doc.norm(p);
            if matches!(s, "\"" | "«" | "»" | "“" | "”" | "'" | "(") {
                continue;
            }
            return None;
        }
        let w = doc.norm(p);
        let w = w
            .strip_prefix('و')
            .filter(|x| PREPS.contains(x))
            .unwrap_or(w);
        if let Some(x) = PREPS.iter().find(|&&x| x == w) {
            return Some(x);
        }
        // A head noun between ("مع قادة التنظيم", "with the group's leaders"): look past it.
        if HEADS.contains(&w) && j > range_start {
            continue;
        }
        return None;
    }
    None
}

/// Resolves the mentions of one report.
pub struct Resolver<'a> {
    lex: &'a Lexicon,
    tables: &'a Tables,
    doc: &'a Document,
    readings: &'a Readings<'a>,
    text: &'a str,
    date: Option<&'a str>,
}

/// Every mention of a report.
#[derive(Debug, Default)]
pub struct Mentions {
    /// Actors in text order.
    pub actors: Vec<ActorMention>,
    /// Places in text order.
    pub places: Vec<PlaceMention>,
    /// The report's focal country.
    pub country: String,
    /// The report's focal place (index into the lexicon).
    pub focal_place: Option<u32>,
    /// Explanations.
    pub notes: Vec<(usize, String)>,
}

impl<'a> Resolver<'a> {
    /// A resolver for one document.
    pub fn new(
        lex: &'a Lexicon,
        tables: &'a Tables,
        readings: &'a Readings<'a>,
        text: &'a str,
        date: Option<&'a str>,
    ) -> Resolver<'a> {
        Resolver {
            lex,
            tables,
            doc: readings.doc(),
            readings,
            text,
            date,
        }
    }

    /// Find and resolve every mention in the story's token ranges.
    pub fn resolve(&self, ranges: &[Range<usize>]) -> Mentions {
        let doc = self.doc;
        let mut out = Mentions::default();
        let mut raw = Vec::new();
        let mut speakers = Vec::new();
        let mut anaphors = Vec::new();
        let mut named_anaphors = Vec::new();
        let mut sides = Vec::new();
        for r in ranges {
            let rd = self.readings;
            named_anaphors.extend(self.tables.named_anaphors.find_in(rd, r.clone()));
            sides.extend(self.tables.sides.find_in(rd, r.clone()));
            raw.extend(self.lex.find_in(rd, r.clone()));
            speakers.extend(self.tables.sources.find_in(rd, r.clone()));
            anaphors.extend(self.tables.anaphors.find_in(rd, r.clone()));
        }
        // A dateline names where the report was filed, not where anything happened.
        let datelines: Vec<raqib_core::Span> =
            doc.paragraphs.iter().filter_map(|p| p.dateline).collect();
        raw.retain(|m| {
            // Datelines come in paragraph order: the last one starting at or before `at`.
            let at = doc.tokens[m.tokens.start].span.start;
            let k = datelines.partition_point(|d| d.start <= at);
            !(k > 0 && at < datelines[k - 1].end)
        });
        let raw = self.names_over_generic_heads(raw, ranges);
        // Country counts for the focal country and place.
        let mut country_votes: FxHashMap<String, usize> = FxHashMap::default();
        let mut place_votes: FxHashMap<u32, usize> = FxHashMap::default();
        for m in &raw {
            for e in &m.entries {
                match *e {
                    EntryRef::Place(i) => {
                        let p = self.lex.place_at(i);
                        *country_votes.entry(p.country.clone()).or_default() += 2;
                        if !matches!(p.feature.as_str(), "country" | "governorate" | "region") {
                            *place_votes.entry(i).or_default() += 1;
                        }
                    }
                    EntryRef::Actor(i) => {
                        let a = self.lex.actor_at(i);
                        if !a.country.is_empty() && a.kind != ActorKind::Outlet {
                            *country_votes.entry(a.country.clone()).or_default() += 1;
                        }
                    }
                    EntryRef::Other(_) => {}
                }
            }
        }
        out.country = country_votes
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse((*c).clone())))
            .map(|(c, _)| c.clone())
            .unwrap_or_default();
        // Places: keep, per mention, the most prominent place (in the focal country first).
        for m in &raw {
            let places: Vec<u32> = m
                .entries
                .iter()
                .filter_map(|e| match e {
                    EntryRef::Place(i) => Some(*i),
                    _ => None,
                })
                .collect();
            let actors: Vec<u32> = m
                .entries
                .iter()
                .filter_map(|e| match e {
                    EntryRef::Actor(i) => Some(*i),
                    _ => None,
                })
                .collect();
            let prep = prep_before(doc, m.tokens.start, 0);
            let locative = matches!(
                prep,
                Some(
                    "في" | "ب"
                        | "قرب"
                        | "داخل"
                        | "خارج"
                        | "in"
                        | "at"
                        | "near"
                        | "outside"
                        | "inside"
                        | "من"
                        | "from"
                        | "الي"
                        | "to"
                        | "نحو"
                        | "باتجاه"
                        | "into"
                )
            );
            let locative = locative || after_direction(doc, m.tokens.start);
            let as_place = !places.is_empty() && (actors.is_empty() || locative);
            if let Some(state) = places
                .iter()
                .find_map(|&i| self.capital_agent(m.tokens.start, i))
                .filter(|_| as_place && prep.is_none())
            {
                out.actors.push(ActorMention {
                    tokens: m.tokens.clone(),
                    actor: Actor {
                        name: state.name.clone(),
                        code: state.code_on(self.date).to_string(),
                        id: Some(state.id.clone()),
                        text: Some(m.span.slice(self.text).to_string()),
                        span: Some(m.span),
                    },
                    kind: state.kind,
                    prep,
                    anaphor: false,
                    speaker_noun: false,
                });
                continue;
            }
            if as_place {
                let best = *places
                    .iter()
                    .max_by_key(|&&i| {
                        let p = self.lex.place_at(i);
                        (p.country == out.country, p.prominence())
                    })
                    .unwrap();
                if places.len() > 1 {
                    out.notes.push((
                        m.tokens.start,
                        format!(
                            "place {:?} is ambiguous ({} places); chose {} ({}) by country and prominence",
                            m.span.slice(self.text),
                            places.len(),
                            self.lex.place_at(best).name,
                            self.lex.place_at(best).country
                        ),
                    ));
                }
                out.places.push(PlaceMention {
                    tokens: m.tokens.clone(),
                    place: best,
                    prep,
                    span: m.span,
                });
                continue;
            }
            if actors.is_empty() {
                continue;
            }
            // Prefer named over generic entries, then entries whose code is in force on the date.
            let best = *actors
                .iter()
                .max_by_key(|&&i| {
                    let a = self.lex.actor_at(i);
                    (a.kind != ActorKind::Generic, a.country == out.country)
                })
                .unwrap();
            let entry = self.lex.actor_at(best);
            let mut code = entry.code_on(self.date).to_string();
            let generic = entry.kind == ActorKind::Generic;
            let (mut tokens, mut span) = (m.tokens.clone(), m.span);
            if generic {
                let country = match self.nationality_near(m.tokens.clone()) {
                    Some((c, at)) => {
                        (tokens, span) = self.with_adjective(m.tokens.clone(), at);
                        c
                    }
                    None => out.country.clone(),
                };
                code = format!("{country}{code}");
            }
            out.actors.push(ActorMention {
                tokens,
                actor: Actor {
                    name: entry.name.clone(),
                    code,
                    id: (!generic).then(|| entry.id.clone()),
                    text: Some(span.slice(self.text).to_string()),
                    span: Some(span),
                },
                kind: entry.kind,
                prep,
                anaphor: false,
                speaker_noun: false,
            });
        }
        // Nationality nouns used as actors: "بين الروس و...", "the Russians".
        let mut covered = vec![false; doc.tokens.len()];
        let mut ends = rustc_hash::FxHashSet::default();
        for a in &out.actors {
            covered[a.tokens.clone()].iter_mut().for_each(|c| *c = true);
            ends.insert(a.tokens.end);
        }
        for r in ranges {
            for i in r.clone() {
                let t = &doc.tokens[i];
                if t.kind != TokenKind::Word || covered[i] {
                    continue;
                }
                if i > 0 && ends.contains(&i) {
                    continue; // an adjective of the actor before it
                }
                let norm = doc.norm(t);
                let (noun, key) = if t.arabic {
                    let Some(seg) = t.segs.as_slice().iter().find(|s| s.article) else {
                        continue;
                    };
                    let stem = doc.stem(t, *seg);
                    (!stem.ends_with('ي') && !stem.ends_with("يه"), stem)
                } else {
                    (norm.ends_with('s') && norm.len() > 4, norm)
                };
                if !noun {
                    continue;
                }
                let country = self
                    .tables
                    .nationality
                    .get(key)
                    .or_else(|| self.tables.nationality.get(norm));
                if let Some(c) = country {
                    let text = t.span.slice(self.text).to_string();
                    out.actors.push(ActorMention {
                        tokens: i..i + 1,
                        actor: Actor {
                            name: text.clone(),
                            code: format!("{c}GOV"),
                            id: None,
                            text: Some(text),
                            span: Some(t.span),
                        },
                        kind: ActorKind::Generic,
                        prep: prep_before(doc, i, 0),
                        anaphor: false,
                        speaker_noun: false,
                    });
                }
            }
        }
        // Unnamed speakers ("وسائل إعلام النظام", "state media") win over the generic nouns
        // inside them.
        for s in speakers {
            out.actors.retain(|a| {
                !(a.kind == ActorKind::Generic
                    && a.tokens.start >= s.tokens.start
                    && a.tokens.end <= s.tokens.end
                    && a.tokens.len() < s.tokens.len())
            });
            if out.actors.iter().any(|a| overlaps(&a.tokens, &s.tokens)) {
                continue;
            }
            let EntryRef::Other(i) = s.entries[0] else {
                continue;
            };
            let roles = &self.tables.source_roles[i as usize];
            let (mut tokens, mut span) = (s.tokens.clone(), s.span);
            let country = match self.nationality_near(s.tokens.clone()) {
                Some((c, at)) => {
                    (tokens, span) = self.with_adjective(s.tokens.clone(), at);
                    c
                }
                None => out.country.clone(),
            };
            out.actors.push(ActorMention {
                tokens,
                actor: Actor {
                    name: span.slice(self.text).to_string(),
                    code: format!("{country}{roles}"),
                    id: None,
                    text: Some(span.slice(self.text).to_string()),
                    span: Some(span),
                },
                kind: ActorKind::Generic,
                prep: prep_before(doc, s.tokens.start, 0),
                anaphor: false,
                speaker_noun: true,
            });
        }
        self.source_anaphors(&mut out, ranges);
        // Anaphors: the last named group before them; a head noun before a name is dropped.
        out.actors.sort_by_key(|a| a.tokens.start);
        let mut covered = vec![false; doc.tokens.len()];
        let mut named_starts = rustc_hash::FxHashSet::default();
        for a in &out.actors {
            covered[a.tokens.clone()].iter_mut().for_each(|c| *c = true);
            if a.kind != ActorKind::Generic {
                named_starts.insert(a.tokens.start);
            }
        }
        let groups: Vec<ActorMention> = out
            .actors
            .iter()
            .filter(|x| matches!(x.kind, ActorKind::ArmedGroup | ActorKind::Party))
            .cloned()
            .collect();
        for a in anaphors {
            if covered[a.tokens.clone()].iter().any(|c| *c) {
                continue;
            }
            let next_named = named_starts.contains(&a.tokens.end)
                || (named_starts.contains(&(a.tokens.end + 1))
                    && doc.tokens[a.tokens.end].kind == TokenKind::Punct);
            if next_named {
                continue;
            }
            let upto = groups.partition_point(|x| x.tokens.start < a.tokens.start);
            let antecedent = groups[..upto]
                .iter()
                .rev()
                .find(|x| x.tokens.end <= a.tokens.start)
                .cloned();
            let span = Span::new(
                doc.tokens[a.tokens.start].span.start,
                doc.tokens[a.tokens.end - 1].span.end,
            );
            if let Some(ant) = antecedent {
                self.push_resolved(&mut out, a.tokens.clone(), span, &ant);
            }
        }
        // Institution anaphors: the last named actor whose name holds the same word.
        let mut name_keys: FxHashMap<String, Vec<String>> = FxHashMap::default();
        out.actors.sort_by_key(|x| x.tokens.start);
        let sorted = out.actors.clone();
        for a in named_anaphors {
            if out.actors.iter().any(|x| overlaps(&x.tokens, &a.tokens)) {
                continue;
            }
            let EntryRef::Other(k) = a.entries[0] else {
                continue;
            };
            let word = &self.tables.named_keys[k as usize];
            let upto = sorted.partition_point(|x| x.tokens.start < a.tokens.start);
            let antecedent = sorted[..upto]
                .iter()
                .rev()
                .filter(|x| x.tokens.end <= a.tokens.start && x.kind != ActorKind::Generic)
                .take(40)
                .find(|x| {
                    let Some(id) = x.actor.id.as_deref() else {
                        return false;
                    };
                    name_keys
                        .entry(id.to_string())
                        .or_insert_with(|| {
                            self.lex
                                .actor(id)
                                .map(|e| {
                                    e.all_names()
                                        .filter_map(raqib_lexicon::matcher::MatcherBuilder::keys)
                                        .flatten()
                                        .collect()
                                })
                                .unwrap_or_default()
                        })
                        .iter()
                        .any(|k| k == word)
                })
                .cloned();
            if let Some(ant) = antecedent {
                let span = a.span;
                self.push_resolved(&mut out, a.tokens.clone(), span, &ant);
            }
        }
        // "الجانب الروسي", "the Russian side".
        for sd in sides {
            if out.actors.iter().any(|x| overlaps(&x.tokens, &sd.tokens)) {
                continue;
            }
            if let Some((c, _)) = self.nationality_near(sd.tokens.clone()) {
                let end = (sd.tokens.end + 1).min(doc.tokens.len());
                let span = Span::new(
                    doc.tokens[sd.tokens.start].span.start,
                    doc.tokens[end - 1].span.end,
                );
                let text = span.slice(self.text).to_string();
                out.actors.push(ActorMention {
                    tokens: sd.tokens.start..end,
                    actor: Actor {
                        name: text.clone(),
                        code: format!("{c}GOV"),
                        id: None,
                        text: Some(text),
                        span: Some(span),
                    },
                    kind: ActorKind::Generic,
                    prep: prep_before(doc, sd.tokens.start, 0),
                    anaphor: false,
                    speaker_noun: false,
                });
            }
        }
        out.actors.sort_by_key(|a| a.tokens.start);
        self.drop_titles_of_named(&mut out.actors);
        out.places.sort_by_key(|p| p.tokens.start);
        out.focal_place = place_votes
            .iter()
            .max_by_key(|(i, n)| (**n, self.lex.place_at(**i).prominence()))
            .map(|(i, _)| *i);
        out
    }

    /// A generic noun heading a named actor — "رئيس مركز المصالحة", "مقاتلي جيش الإسلام",
    /// "head of the Reconciliation Centre" — is that actor's title or members, not a second
    /// actor: the named one stands for both.
    fn drop_titles_of_named(&self, actors: &mut Vec<ActorMention>) {
        let doc = self.doc;
        let heads: Vec<bool> = (0..actors.len())
            .map(|k| {
                let a = &actors[k];
                let Some(next) = actors.get(k + 1) else {
                    return false;
                };
                if a.kind != ActorKind::Generic
                    || next.kind == ActorKind::Generic
                    || a.anaphor
                    || a.speaker_noun
                {
                    return false;
                }
                let last = &doc.tokens[a.tokens.end - 1];
                if last.arabic {
                    // Construct state: the head takes no article.
                    next.tokens.start == a.tokens.end
                        && !last.segs.as_slice().iter().any(|s| s.article)
                        && !doc.norm(last).starts_with("ال")
                } else {
                    a.tokens.end < doc.tokens.len()
                        && doc.norm(&doc.tokens[a.tokens.end]) == "of"
                        && (next.tokens.start == a.tokens.end + 1
                            || (next.tokens.start == a.tokens.end + 2
                                && doc.norm(&doc.tokens[a.tokens.end + 1]) == "the"))
                }
            })
            .collect();
        let mut k = 0;
        actors.retain(|_| {
            k += 1;
            !heads[k - 1]
        });
    }

    /// A nationality adjective next to a generic noun ("ضباط روس", "Russian officers"): the
    /// country and the adjective's token.
    fn nationality_near(&self, tokens: Range<usize>) -> Option<(String, usize)> {
        let doc = self.doc;
        let mut cands = Vec::new();
        // Inside the mention (e.g. "القوات الروسية" matched as one generic).
        cands.extend(tokens.clone());
        // After (Arabic adjectives follow), before (English adjectives precede).
        cands.extend(tokens.end..(tokens.end + 2).min(doc.tokens.len()));
        if tokens.start > 0 {
            cands.push(tokens.start - 1);
        }
        for i in cands {
            let t = &doc.tokens[i];
            if t.kind != TokenKind::Word {
                continue;
            }
            for seg in t.segs.as_slice() {
                let stem = doc.stem(t, *seg);
                let key = raqib_lexicon::matcher::bare(stem, t.arabic);
                if let Some(c) = self.tables.nationality.get(key) {
                    return Some((c.clone(), i));
                }
                if let Some(c) = self.tables.nationality.get(stem) {
                    return Some((c.clone(), i));
                }
                if let Some(c) = nisba(key).and_then(|k| self.tables.nationality.get(k)) {
                    return Some((c.clone(), i));
                }
            }
        }
        None
    }

    /// A capital as the subject of a relative clause's verb ("الاتفاق الذي رعته موسكو"): after
    /// الذي/التي and a verb carrying the resumptive pronoun, the noun is the verb's subject (a
    /// word with an attached pronoun takes no genitive), and a capital there stands for its
    /// state, as CAMEO dictionaries code capitals.
    fn capital_agent(&self, start: usize, place: u32) -> Option<&'a raqib_lexicon::ActorEntry> {
        let doc = self.doc;
        let p = self.lex.place_at(place);
        if p.feature != "capital" || start < 2 {
            return None;
        }
        let verb = &doc.tokens[start - 1];
        let rel = &doc.tokens[start - 2];
        let resumptive = verb.arabic
            && verb.kind == TokenKind::Word
            && verb
                .segs
                .as_slice()
                .iter()
                .any(|sg| sg.suf > 0 && !sg.article);
        let relative = matches!(
            doc.norm(rel),
            "الذي" | "التي" | "الذين" | "اللذان" | "اللتان" | "اللذين" | "اللتين"
        );
        if !(resumptive && relative) {
            return None;
        }
        self.lex
            .actors
            .iter()
            .find(|a| a.kind == ActorKind::State && a.country == p.country)
    }

    /// "المصدر", "the source": the last source named before ("أفاد مصدر رسمي ... وأوضح
    /// المصدر"), whether a speaker noun or a generic ("مصدر رسمي" is both).
    fn source_anaphors(&self, out: &mut Mentions, ranges: &[Range<usize>]) {
        let doc = self.doc;
        let is_source = |k: usize| {
            let t = &doc.tokens[k];
            t.kind == TokenKind::Word
                && t.segs.as_slice().iter().any(|sg| {
                    let stem = doc.stem(t, *sg);
                    if t.arabic {
                        sg.article && matches!(stem, "مصدر" | "مصادر")
                    } else {
                        matches!(stem, "source" | "sources")
                    }
                })
        };
        let mut found = Vec::new();
        for r in ranges {
            for i in r.clone() {
                if !is_source(i) || out.actors.iter().any(|a| a.tokens.contains(&i)) {
                    continue;
                }
                let arabic = doc.tokens[i].arabic;
                let start = if arabic {
                    i
                } else if i > r.start && doc.norm(&doc.tokens[i - 1]) == "the" {
                    i - 1
                } else {
                    continue;
                };
                let antecedent = out
                    .actors
                    .iter()
                    .filter(|a| !a.anaphor && a.tokens.end <= start)
                    .filter(|a| a.tokens.clone().any(is_source_word(doc)))
                    .max_by_key(|a| a.tokens.start)
                    .cloned();
                if let Some(ant) = antecedent {
                    found.push((start..i + 1, ant));
                }
            }
        }
        for (tokens, ant) in found {
            let span = Span::new(
                doc.tokens[tokens.start].span.start,
                doc.tokens[tokens.end - 1].span.end,
            );
            self.push_resolved(out, tokens, span, &ant);
            if let Some(a) = out.actors.last_mut() {
                a.speaker_noun = true;
            }
        }
    }

    /// The mention with its nationality adjective when that stands right next to it, on the
    /// side the language puts adjectives (after in Arabic, before in English): the adjective
    /// belongs to the noun phrase ("ضباط روس", "Syrian state media").
    fn with_adjective(&self, tokens: Range<usize>, at: usize) -> (Range<usize>, Span) {
        let doc = self.doc;
        let arabic = doc.tokens[tokens.start].arabic;
        let tokens = if arabic && at == tokens.end && doc.tokens[at].arabic {
            tokens.start..at + 1
        } else if !arabic && at + 1 == tokens.start && !doc.tokens[at].arabic {
            at..tokens.end
        } else {
            tokens
        };
        let span = Span::new(
            doc.tokens[tokens.start].span.start,
            doc.tokens[tokens.end - 1].span.end,
        );
        (tokens, span)
    }

    /// A generic phrase whose last words begin a name ("وحدات الجيش" before "الجيش العربي
    /// السوري"): the longest match took the head noun, but the name is the actor and the head
    /// only its members or units, so the name's match replaces the generic one.
    fn names_over_generic_heads(
        &self,
        raw: Vec<raqib_lexicon::Mention>,
        ranges: &[Range<usize>],
    ) -> Vec<raqib_lexicon::Mention> {
        let generic_only = |m: &raqib_lexicon::Mention| {
            m.entries.iter().all(|e| {
                matches!(e, EntryRef::Actor(i) if self.lex.actor_at(*i).kind == ActorKind::Generic)
            })
        };
        let named = |m: &raqib_lexicon::Mention| {
            m.entries.iter().any(|e| {
                matches!(e, EntryRef::Actor(i) if self.lex.actor_at(*i).kind != ActorKind::Generic)
            })
        };
        let mut out: Vec<raqib_lexicon::Mention> = Vec::with_capacity(raw.len());
        for m in raw {
            if out.last().is_some_and(|p| p.tokens.end > m.tokens.start) {
                continue; // inside a name that replaced a generic phrase
            }
            if m.tokens.len() < 2 || !generic_only(&m) {
                out.push(m);
                continue;
            }
            let end = ranges
                .iter()
                .find(|r| r.contains(&m.tokens.start))
                .map_or(m.tokens.end, |r| r.end);
            let name = (m.tokens.start + 1..m.tokens.end).find_map(|k| {
                self.lex
                    .find_in(self.readings, k..(k + 12).min(end))
                    .into_iter()
                    .find(|n| n.tokens.start == k && n.tokens.end > m.tokens.end && named(n))
            });
            out.push(name.unwrap_or(m));
        }
        out
    }

    /// Record an anaphor resolved to `ant`: the antecedent's identity at the anaphor's words.
    fn push_resolved(
        &self,
        out: &mut Mentions,
        tokens: Range<usize>,
        span: Span,
        ant: &ActorMention,
    ) {
        out.notes.push((
            tokens.start,
            format!(
                "{:?} resolved to {} ({})",
                span.slice(self.text),
                ant.actor.name,
                ant.actor.code
            ),
        ));
        out.actors.push(ActorMention {
            prep: prep_before(self.doc, tokens.start, 0),
            tokens,
            actor: Actor {
                text: Some(span.slice(self.text).to_string()),
                span: Some(span),
                ..ant.actor.clone()
            },
            kind: ant.kind,
            anaphor: true,
            speaker_noun: false,
        });
    }

    /// Turn a place mention into the contract's PLACE.
    pub fn place(&self, m: &PlaceMention) -> Place {
        let p = self.lex.place_at(m.place);
        place_of(
            p,
            Some(m.span.slice(self.text).to_string()),
            Some(m.span),
            false,
        )
    }
}

/// The contract's PLACE for a gazetteer entry.
pub fn place_of(
    p: &raqib_lexicon::PlaceEntry,
    text: Option<String>,
    span: Option<Span>,
    inferred: bool,
) -> Place {
    let precision = match p.feature.as_str() {
        "region" | "governorate" | "country" => 3,
        "neighbourhood" | "camp" | "crossing" | "base" | "landmark" | "airport" => 1,
        _ => 1,
    };
    Place {
        name: p.name.clone(),
        names: p.names.clone(),
        id: Some(p.id.clone()),
        lat: Some(p.lat),
        lon: Some(p.lon),
        country: Some(p.country.clone()),
        admin1: (!p.admin1.is_empty()).then(|| p.admin1.clone()),
        admin2: (!p.admin2.is_empty()).then(|| p.admin2.clone()),
        feature: Some(p.feature.clone()),
        precision,
        inferred,
        text,
        span,
    }
}

/// The masculine singular of a plural nisba adjective: "باكستانيين", "باكستانيون" →
/// "باكستاني". (Not -يا/-ية: country names end so, "تركيا", "سورية".)
fn nisba(word: &str) -> Option<&str> {
    ["يين", "يون"].iter().find_map(|suf| {
        let stem = word.strip_suffix(suf)?;
        (stem.chars().count() >= 3).then(|| &word[..stem.len() + 'ي'.len_utf8()])
    })
}

/// Nouns of direction that take a place as their genitive ("بشمال الصومال", "وسط بغداد",
/// "north of Baghdad" is caught by "of"): the place after them is a location, not an actor.
const DIRECTIONS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "اطراف",
    "ضواحي",
];

/// Whether the word before token `i` is a noun of direction (with any proclitics).
fn after_direction(doc: &Document, i: usize) -> bool {
    let Some(p) = i.checked_sub(1).map(|j| &doc.tokens[j]) else {
        return false;
    };
    p.arabic
        && p.kind == TokenKind::Word
        && p.segs
            .as_slice()
            .iter()
            .any(|sg| sg.suf == 0 && DIRECTIONS.contains(&doc.stem(p, *sg)))
}

/// Whether token `k` is "مصدر"/"مصادر"/"source(s)", with any clitics.
fn is_source_word(doc: &Document) -> impl Fn(usize) -> bool + '_ {
    move |k| {
        let t = &doc.tokens[k];
        t.segs
            .as_slice()
            .iter()
            .any(|sg| matches!(doc.stem(t, *sg), "مصدر" | "مصادر" | "source" | "sources"))
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
