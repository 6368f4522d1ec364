//! The coded report: raqib's output contract (`spec/coded-report.md`).
//!
//! Field names and meanings here are the contract. New fields may be added; none may be renamed
//! or dropped. Spans in a finished [`Report`] are **character** offsets into `Report::text`.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// One coded report, one line of `raqib code` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Report {
    /// Report id (input `id`, `--id`, or the file name up to its first dot).
    pub id: String,
    /// Publication date `YYYY-MM-DD`, the anchor of relative dates.
    pub date: Option<String>,
    /// `ar`, `en` or `other`.
    pub lang: String,
    /// Outlet name from the input.
    pub source: Option<String>,
    /// URL from the input.
    pub url: Option<String>,
    /// Hex SHA-256 of `text`.
    pub text_sha256: String,
    /// Versions of the coder and its lexicon.
    pub coder: Coder,
    /// Coded events.
    pub events: Vec<Event>,
    /// Agreements the report speaks of.
    pub agreements: Vec<Agreement>,
    /// Evacuations the report speaks of.
    pub evacuations: Vec<Evacuation>,
    /// Lines not coded (related links, share lines, captions) with the reason.
    pub skipped: Vec<Skipped>,
    /// The text as coded (for HTML input, the extracted text); every span refers to it.
    pub text: String,
    /// Headline, lead and paragraphs of the story (character spans).
    #[serde(default)]
    pub structure: Structure,
    /// The outlet of the report resolved against the lexicon, when it is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<Actor>,
    /// Sentences and per-sentence explanations; present with `--explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceExplain>>,
    /// Why this report could not be coded (its events are then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Coder versions, for provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Coder {
    /// raqib's version.
    pub raqib: String,
    /// The lexicon's version (a date).
    pub lexicon: String,
}

/// A span of the text left out of coding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The skipped line.
    pub span: Span,
    /// Why it was skipped (`related-links block`, `share line`, `photo caption`...).
    pub reason: String,
}

/// Where the parts of the story are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Structure {
    /// The headline, when the report has one.
    pub headline: Option<Span>,
    /// The lead (first story paragraph after the headline).
    pub lead: Option<Span>,
    /// Every story paragraph, lead included, headline and skipped lines excluded.
    pub paragraphs: Vec<Span>,
}

/// One sentence with what the coder found in it (`--explain`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SentenceExplain {
    /// The sentence's span.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// `headline`, `lead` or `body`.
    pub part: String,
    /// Human-readable notes: triggers found, frames, arguments, resolutions, why no event.
    pub notes: Vec<String>,
    /// Every actor, outlet, place and date the sentence names, as recognised.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
}

/// One recognised mention (with `--explain`): what the lexicon and the resolver made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// `actor`, `outlet`, `place` or `date`.
    pub kind: String,
    /// The words as written.
    pub text: String,
    /// Where.
    pub span: Span,
    /// Actors and outlets: the CAMEO-style code; places: the country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Lexicon or gazetteer id, when the mention names a known entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Canonical name (actors, places) or the resolved day (`YYYY-MM-DD`, dates).
    pub value: String,
    /// Resolved from an anaphor ("التنظيم", "the group") rather than named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anaphor: bool,
}

/// PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum Plover {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl Plover {
    /// Every type, in PLOVER's order.
    pub const ALL: [Plover; 16] = [
        Plover::Agree,
        Plover::Consult,
        Plover::Support,
        Plover::Concede,
        Plover::Cooperate,
        Plover::Aid,
        Plover::Retreat,
        Plover::Request,
        Plover::Accuse,
        Plover::Reject,
        Plover::Threaten,
        Plover::Protest,
        Plover::Sanction,
        Plover::Mobilize,
        Plover::Coerce,
        Plover::Assault,
    ];

    /// The contract's upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Plover::Agree => "AGREE",
            Plover::Consult => "CONSULT",
            Plover::Support => "SUPPORT",
            Plover::Concede => "CONCEDE",
            Plover::Cooperate => "COOPERATE",
            Plover::Aid => "AID",
            Plover::Retreat => "RETREAT",
            Plover::Request => "REQUEST",
            Plover::Accuse => "ACCUSE",
            Plover::Reject => "REJECT",
            Plover::Threaten => "THREATEN",
            Plover::Protest => "PROTEST",
            Plover::Sanction => "SANCTION",
            Plover::Mobilize => "MOBILIZE",
            Plover::Coerce => "COERCE",
            Plover::Assault => "ASSAULT",
        }
    }

    /// Parse the upper-case name.
    pub fn parse(s: &str) -> Option<Plover> {
        Plover::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
    }
}

/// An event's status, from most to least specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The report says it did not happen.
    Negated,
    /// An ongoing process halted.
    Stalled,
    /// A threat, plan, promise or future event.
    Intended,
    /// Claimed and denied.
    Disputed,
    /// Attributed to a party.
    Claimed,
    /// Stated as fact by the report.
    Asserted,
}

impl Status {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Negated => "negated",
            Status::Stalled => "stalled",
            Status::Intended => "intended",
            Status::Disputed => "disputed",
            Status::Claimed => "claimed",
            Status::Asserted => "asserted",
        }
    }

    /// Parse the contract's name.
    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Negated,
            Status::Stalled,
            Status::Intended,
            Status::Disputed,
            Status::Claimed,
            Status::Asserted,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// The words that carry an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The trigger's text as in the report.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// The sentence an event was coded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence's span.
    pub span: Span,
    /// The sentence's text.
    pub text: String,
}

/// ACLED's event and sub-event type names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Acled {
    /// ACLED event type (`Battles`, `Explosions/Remote violence`...).
    pub event_type: String,
    /// ACLED sub-event type (`Armed clash`, `Shelling/artillery/missile attack`...).
    pub sub_event_type: String,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: report id, trigger span and type.
    pub id: String,
    /// The trigger.
    pub trigger: Trigger,
    /// PLOVER type.
    pub plover: Plover,
    /// PLOVER mode, where the type has one.
    pub mode: Option<String>,
    /// CAMEO code, 2–4 digits.
    pub cameo: String,
    /// ACLED types.
    pub acled: Acled,
    /// Who acts.
    pub source: Vec<Actor>,
    /// Who is acted on.
    pub target: Vec<Actor>,
    /// A mutual act.
    pub symmetric: bool,
    /// Where it happened.
    pub location: Vec<Place>,
    /// When it happened.
    pub date: Option<DateRef>,
    /// The single most specific status.
    pub status: Status,
    /// Who says so, outermost first.
    pub attribution: Vec<Actor>,
    /// Who denies it.
    pub denied_by: Vec<Actor>,
    /// Counts in the event.
    pub quantities: Vec<Quantity>,
    /// Whether the event is what its sentence chiefly reports.
    pub main: bool,
    /// raqib's estimate that the coding is right, 0–1.
    pub confidence: f64,
    /// The sentence it was coded from.
    pub evidence: Evidence,
}

/// An actor mention resolved against the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// CAMEO-style code.
    pub code: String,
    /// Stable id of a named actor; null for generic actors.
    pub id: Option<String>,
    /// The mention it was resolved from.
    pub text: Option<String>,
    /// Where the mention is.
    pub span: Option<Span>,
}

/// A place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical (English) name.
    pub name: String,
    /// Other names and spellings.
    pub names: Vec<String>,
    /// Gazetteer id.
    pub id: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// First-level administrative area.
    pub admin1: Option<String>,
    /// Second-level administrative area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// Feature type (`city`, `camp`, `crossing`, `region`...).
    pub feature: Option<String>,
    /// ACLED geo precision: 1 the place itself, 2 near it or part of a region, 3 only the region.
    pub precision: u8,
    /// True when taken from context rather than named in the clause.
    pub inferred: bool,
    /// The mention.
    pub text: Option<String>,
    /// Where the mention is.
    pub span: Option<Span>,
}

/// A date or period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRef {
    /// `YYYY-MM-DD` (first day of a period); null when unresolved.
    pub value: Option<String>,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// Start of a period.
    pub from: Option<String>,
    /// End of a period.
    pub to: Option<String>,
    /// True when carried from context.
    pub inferred: bool,
    /// The expression.
    pub text: Option<String>,
    /// Where the expression is.
    pub span: Option<Span>,
}

/// A count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// What is counted (`people`, `fighters`, `batch`, `buses`, `killed`...).
    pub what: String,
    /// The number.
    pub value: u64,
    /// An ordinal ("the fourth batch").
    pub ordinal: bool,
    /// Approximate ("about", "dozens").
    pub approx: bool,
    /// A lower bound ("more than").
    pub at_least: bool,
    /// The expression.
    pub text: Option<String>,
    /// Where it is.
    pub span: Option<Span>,
}

/// One term of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// `evacuation`, `ceasefire`, `guarantee`, `amnesty`, `status-settlement`, `disarmament`,
    /// `return-of-institutions`, `prisoner-release`, `humanitarian-access`, `other`.
    pub kind: String,
    /// The words of the term.
    pub text: String,
    /// Where they are.
    pub span: Span,
}

/// An agreement a report speaks of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// A readable name.
    pub name: String,
    /// The parties.
    pub parties: Vec<Actor>,
    /// Mediators and guarantors.
    pub mediators: Vec<Actor>,
    /// Its terms.
    pub terms: Vec<Term>,
    /// `negotiating`, `agreed`, `implementing`, `stalled`, `resumed`, `completed`, `collapsed`.
    pub status: String,
    /// Where it applies.
    pub location: Vec<Place>,
    /// Ids of the events that speak of it.
    pub events: Vec<String>,
    /// When the report dates this status (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRef>,
    /// Who the report says claims this status (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claimed_by: Vec<Actor>,
    /// Who denies it (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denied_by: Vec<Actor>,
    /// The sentence the status comes from (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// An evacuation a report speaks of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evacuation {
    /// Who leaves (the group).
    pub group: Vec<Actor>,
    /// `fighters`, `families`, `civilians`, `wounded`.
    pub who: Vec<String>,
    /// From where.
    pub origin: Vec<Place>,
    /// To where.
    pub destinations: Vec<Place>,
    /// Batches done so far, where the report says.
    pub batches_completed: Option<u32>,
    /// Batches the report speaks of.
    pub batches: Vec<Batch>,
    /// `planned`, `ongoing`, `stalled`, `completed`.
    pub status: String,
    /// Index into the report's agreements.
    pub agreement: Option<usize>,
    /// Totals to date the report gives (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<Quantity>,
    /// When the report dates the status (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRef>,
    /// Who the report's figures come from (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribution: Vec<Actor>,
}

/// One batch of an evacuation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// 1 for the first batch.
    pub ordinal: u32,
    /// `planned`, `departed`, `arrived`, `stalled`.
    pub status: String,
    /// When.
    pub date: Option<DateRef>,
    /// People aboard.
    pub people: Option<Quantity>,
    /// Fighters aboard.
    pub fighters: Option<Quantity>,
    /// Buses.
    pub buses: Option<Quantity>,
}

impl Report {
    /// Apply `f` to every span in the report (events, actors, places, dates, quantities,
    /// agreements, evacuations, skipped lines, structure, sentences).
    ///
    /// The extract stage builds reports in byte offsets and calls this once with a
    /// [`crate::CharIndex`] to turn them into the contract's character offsets.
    pub fn map_spans(&mut self, mut f: impl FnMut(Span) -> Span) {
        let f = &mut f;
        for s in &mut self.skipped {
            s.span = f(s.span);
        }
        self.structure.headline = self.structure.headline.map(&mut *f);
        self.structure.lead = self.structure.lead.map(&mut *f);
        for p in &mut self.structure.paragraphs {
            *p = f(*p);
        }
        if let Some(o) = &mut self.outlet {
            map_actor(o, f);
        }
        if let Some(ss) = &mut self.sentences {
            for s in ss {
                s.span = f(s.span);
                for m in &mut s.mentions {
                    m.span = f(m.span);
                }
            }
        }
        for e in &mut self.events {
            e.trigger.span = f(e.trigger.span);
            e.evidence.span = f(e.evidence.span);
            for a in e
                .source
                .iter_mut()
                .chain(&mut e.target)
                .chain(&mut e.attribution)
                .chain(&mut e.denied_by)
            {
                map_actor(a, f);
            }
            e.location.iter_mut().for_each(|p| map_place(p, f));
            if let Some(d) = &mut e.date {
                map_date(d, f);
            }
            e.quantities.iter_mut().for_each(|q| map_quantity(q, f));
        }
        for a in &mut self.agreements {
            for x in a
                .parties
                .iter_mut()
                .chain(&mut a.mediators)
                .chain(&mut a.claimed_by)
                .chain(&mut a.denied_by)
            {
                map_actor(x, f);
            }
            for t in &mut a.terms {
                t.span = f(t.span);
            }
            a.location.iter_mut().for_each(|p| map_place(p, f));
            if let Some(d) = &mut a.date {
                map_date(d, f);
            }
            if let Some(e) = &mut a.evidence {
                e.span = f(e.span);
            }
        }
        for v in &mut self.evacuations {
            for x in v.group.iter_mut().chain(&mut v.attribution) {
                map_actor(x, f);
            }
            v.origin
                .iter_mut()
                .chain(&mut v.destinations)
                .for_each(|p| map_place(p, f));
            v.totals.iter_mut().for_each(|q| map_quantity(q, f));
            if let Some(d) = &mut v.date {
                map_date(d, f);
            }
            for b in &mut v.batches {
                if let Some(d) = &mut b.date {
                    map_date(d, f);
                }
                for q in [&mut b.people, &mut b.fighters, &mut b.buses]
                    .into_iter()
                    .flatten()
                {
                    map_quantity(q, f);
                }
            }
        }
    }
}

fn map_actor(a: &mut Actor, f: &mut impl FnMut(Span) -> Span) {
    a.span = a.span.map(f);
}

fn map_place(p: &mut Place, f: &mut impl FnMut(Span) -> Span) {
    p.span = p.span.map(f);
}

fn map_date(d: &mut DateRef, f: &mut impl FnMut(Span) -> Span) {
    d.span = d.span.map(f);
}

fn map_quantity(q: &mut Quantity, f: &mut impl FnMut(Span) -> Span) {
    q.span = q.span.map(f);
}
