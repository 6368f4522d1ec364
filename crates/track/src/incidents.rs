//! Incidents: events from different reports (or twice in one report) that are the same
//! real-world event.
//!
//! Two events may be the same event when every one of these holds:
//!
//! - **type**: the same PLOVER type, or two types a coder may choose between for one act
//!   (RETREAT/CONCEDE, AGREE/SUPPORT); for types other than ASSAULT, no different modes
//!   (withdrawing is not disarming); no different ordinals of the same thing ("third batch"
//!   against "second batch");
//! - **day**: the same or adjacent days. An event without a date is taken to have happened on
//!   the report's date or the day before (intended: that day or the next);
//! - **place**: when both name places, some pair is the same place, or one is the region
//!   holding the other, or two points within [`NEAR_KM`];
//! - **actors**: when both name who acted, some party (country and state/non-state side) is
//!   among both (source and target together for a mutual act);
//! - **speakers**: two events of one report told by speakers of different parties are two
//!   claims, kept apart;
//! - **evidence**: at least two of: the same day, the same place, a shared actor.
//!
//! An incident is a cluster in which *every* pair holds (so links do not chain from one event
//! to an unrelated one through a vague middle); each event joins the incident it fits best.

use std::sync::Arc;

use raqib_core::track::{Incident, IncidentVersion};
use raqib_core::{Actor, Event, Plover, Status};

use crate::book::Record;
use crate::common::{
    consensus_date, date_key, detach_actor, stable_id, union_actors, union_places, ReportMeta,
};
use crate::features::{
    day_rel, day_string, overlap, parties, place_fit, Country, DayRel, Days, Party, PlaceFit,
    PlaceKind, PlaceMatch, PlaceSig,
};
use crate::graph::{Clusterable, Footprint, Linkable};

/// Points this close are the same place for an incident.
pub const NEAR_KM: f64 = 15.0;

/// The index family of a type: types that may be one act share one.
fn family(p: Plover) -> u16 {
    match p {
        Plover::Concede => Plover::Retreat as u16,
        Plover::Support => Plover::Agree as u16,
        p => p as u16,
    }
}

/// One event of one report, ready to link.
#[derive(Debug, Clone)]
pub(crate) struct EventItem {
    pub report: Arc<ReportMeta>,
    pub idx: u32,
    pub event: Event,
    days: Option<Days>,
    places: Vec<PlaceSig>,
    actors: Vec<Party>,
    targets: Vec<Party>,
    speaker: Option<Party>,
    ordinals: Vec<(String, u64)>,
    fp: Footprint,
}

/// The innermost speaker of an attribution chain.
pub(crate) fn speaker(attribution: &[Actor]) -> Option<&Actor> {
    attribution.last()
}

impl EventItem {
    pub fn new(report: Arc<ReportMeta>, idx: u32, event: Event) -> EventItem {
        let days = Days::or_report(
            event.date.as_ref(),
            report.day,
            event.status == Status::Intended,
        );
        let places: Vec<PlaceSig> = event.location.iter().map(PlaceSig::of).collect();
        let actors = if event.symmetric {
            parties(event.source.iter().chain(&event.target))
        } else {
            parties(&event.source)
        };
        let targets = parties(&event.target);
        let speaker = speaker(&event.attribution).and_then(|a| Party::of(&a.code));
        let mut ordinals: Vec<(String, u64)> = event
            .quantities
            .iter()
            .filter(|q| q.ordinal)
            .map(|q| (q.what.clone(), q.value))
            .collect();
        ordinals.sort();
        ordinals.dedup();
        let actor_countries: Vec<Country> =
            actors.iter().chain(&targets).map(|p| p.country).collect();
        let fp = Footprint::new(
            family(event.plover),
            days.map(|d| (d.lo, d.hi)),
            1,
            &places,
            actor_countries,
        );
        EventItem {
            report,
            idx,
            event,
            days,
            places,
            actors,
            targets,
            speaker,
            ordinals,
            fp,
        }
    }

    /// Report order: the order of versions in an incident.
    pub fn version_order(&self) -> (i32, String, u32) {
        (
            self.report.day.unwrap_or(i32::MAX),
            self.report.id.clone(),
            self.idx,
        )
    }

    /// A one-line description for explanations.
    pub fn summary(&self) -> String {
        let e = &self.event;
        let codes = |v: &[Actor]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.iter()
                    .map(|a| a.code.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            }
        };
        let places = if self.places.is_empty() {
            "-".to_string()
        } else {
            self.places
                .iter()
                .map(|p| p.display.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let days = match self.days {
            None => "undated".to_string(),
            Some(d) if d.lo == d.hi => {
                format!(
                    "{}{}",
                    day_string(d.lo),
                    if d.inferred { " (inferred)" } else { "" }
                )
            }
            Some(d) => format!(
                "{}..{}{}",
                day_string(d.lo),
                day_string(d.hi),
                if d.inferred { " (inferred)" } else { "" }
            ),
        };
        format!(
            "{} {:?} \"{}\" source {} target {} at {} on {} said by {}",
            e.plover.as_str(),
            e.status.as_str(),
            e.trigger.text,
            codes(&e.source),
            codes(&e.target),
            places,
            days,
            codes(&e.attribution),
        )
    }
}

/// The outcome of holding two events against each other.
#[derive(Debug, Clone, Default)]
pub(crate) struct Check {
    pub linked: bool,
    pub score: i64,
    pub notes: Vec<String>,
}

/// Hold two events against each other; with `explain`, say why at each step.
///
/// Hard rules first (type, mode, ordinal, day, place, actors, speakers), then the evidence:
/// at least two of the same day (both dated by their report, or one report), the same place
/// (or a region holding it), a shared actor; all three when the types differ; and when only
/// one of them names who acted, the same day and place and something more (one report, a
/// shared target, a shared count).
pub(crate) fn check(a: &EventItem, b: &EventItem, explain: bool) -> Check {
    let mut c = Check::default();
    macro_rules! note {
        ($($t:tt)*) => { if explain { c.notes.push(format!($($t)*)); } };
    }
    macro_rules! fail {
        ($($t:tt)*) => {{ note!($($t)*); c.linked = false; return c; }};
    }
    let (ea, eb) = (&a.event, &b.event);
    let same_report = a.report.id == b.report.id;
    // Type.
    if family(ea.plover) != family(eb.plover) {
        fail!(
            "type: {} and {} are different acts",
            ea.plover.as_str(),
            eb.plover.as_str()
        );
    }
    let same_type = ea.plover == eb.plover;
    if ea.plover != Plover::Assault && eb.plover != Plover::Assault {
        if let (Some(x), Some(y)) = (&ea.mode, &eb.mode) {
            if x != y {
                fail!(
                    "type: {} {x} and {} {y} are different acts",
                    ea.plover.as_str(),
                    eb.plover.as_str()
                );
            }
        }
    }
    if same_type {
        c.score += 1;
        note!("type: {} in both", ea.plover.as_str());
        if ea.mode.is_some() && ea.mode == eb.mode {
            c.score += 1;
            note!("mode: {} in both", ea.mode.as_deref().unwrap_or_default());
        }
    } else {
        note!(
            "type: {} and {} may be one act",
            ea.plover.as_str(),
            eb.plover.as_str()
        );
    }
    for (w, v) in &a.ordinals {
        if let Some((_, u)) = b.ordinals.iter().find(|(x, u)| x == w && u != v) {
            fail!("ordinal: {w} #{v} and #{u} are different");
        }
    }
    // Day.
    let mut day_ev = false;
    match (day_rel(a.days, b.days, 1), a.days, b.days) {
        (None, _, _) => fail!("day: too far apart, or only one is dated"),
        (Some(DayRel::Same), Some(x), Some(y)) if !x.fallback && !y.fallback => {
            day_ev = true;
            if x.lo == x.hi && y.lo == y.hi {
                c.score += 3;
                note!("day: {} in both", day_string(x.lo));
            } else {
                c.score += 2;
                note!("day: their dates overlap");
            }
        }
        (Some(DayRel::Same), _, _) if same_report => {
            day_ev = true;
            c.score += 2;
            note!("day: one report, the undated one dated by the report");
        }
        (Some(DayRel::Same), _, _) | (Some(DayRel::Adjacent), _, _) => {
            c.score += 1;
            note!("day: adjacent (or one only dated by its report)");
        }
        (Some(DayRel::Undated), _, _) => note!("day: neither is dated"),
    }
    // Place.
    let mut place_ev = false;
    match place_fit(&a.places, &b.places, Some(NEAR_KM)) {
        PlaceFit::Conflict => {
            fail!("place: no place of one is the same as, in or near a place of the other")
        }
        PlaceFit::Unknown => {
            if !a.fp.share_country(&b.fp) {
                fail!("place: not known for both, and no country in common");
            }
            note!("place: not known for both (none named, or only guessed from context)");
        }
        PlaceFit::Match(i, j, m) => {
            if !m.by_distance() && !a.fp.share_country(&b.fp) {
                fail!("place: no country in common");
            }
            let (pa, pb) = (&a.places[i], &b.places[j]);
            match m {
                PlaceMatch::Same => {
                    place_ev = true;
                    c.score += 3;
                    note!("place: {} = {}", pa.display, pb.display);
                }
                PlaceMatch::Contains
                    if pa.kind == PlaceKind::SubRegion || pb.kind == PlaceKind::SubRegion =>
                {
                    place_ev = true;
                    c.score += 2;
                    note!(
                        "place: one of {} and {} holds the other",
                        pa.display,
                        pb.display
                    );
                }
                PlaceMatch::Contains => {
                    c.score += 1;
                    note!(
                        "place: {} and {} are in one province (compatible, not evidence)",
                        pa.display,
                        pb.display
                    );
                }
                PlaceMatch::Near(d) => {
                    c.score += 1;
                    note!(
                        "place: {} and {} are {d:.1} km apart (compatible, not evidence)",
                        pa.display,
                        pb.display
                    );
                }
            }
        }
    }
    // Actors.
    let mut actor_ev = false;
    let named = (!a.actors.is_empty(), !b.actors.is_empty());
    if named == (true, true) {
        match overlap(&a.actors, &b.actors) {
            None => fail!("actors: no party acts in both"),
            Some((x, _)) => {
                actor_ev = true;
                c.score += 3;
                note!("actors: {} acts in both", x.describe());
            }
        }
    } else {
        note!("actors: not named by both");
    }
    let target_ev =
        !a.targets.is_empty() && !b.targets.is_empty() && overlap(&a.targets, &b.targets).is_some();
    if target_ev {
        c.score += 1;
        note!("targets: a party is targeted in both");
    }
    let counts = ea
        .quantities
        .iter()
        .filter(|q| !q.ordinal)
        .filter(|q| {
            eb.quantities
                .iter()
                .any(|r| !r.ordinal && r.what == q.what && r.value == q.value)
        })
        .count() as i64;
    if counts > 0 {
        c.score += counts;
        note!("counts: {counts} in common");
    }
    // Speakers: two parties to the fighting in one report are two claims.
    if let (Some(x), Some(y)) = (a.speaker, b.speaker) {
        if x.matches(&y) {
            c.score += 1;
            note!("speakers: {} says so in both", x.describe());
        } else if same_report && x.belligerent() && y.belligerent() {
            fail!(
                "speakers: one report, two claims ({} and {})",
                x.describe(),
                y.describe()
            );
        }
    }
    // Evidence.
    let n = [day_ev, place_ev, actor_ev].iter().filter(|x| **x).count();
    if n < 2 {
        fail!("evidence: fewer than two of the same day, the same place, a shared actor");
    }
    if !same_type && n < 3 {
        fail!("evidence: different types need the same day, place and actor");
    }
    if named.0 != named.1 && !(day_ev && place_ev && (same_report || target_ev || counts > 0)) {
        fail!(
            "evidence: only one names who acted; needs the same day and place and one report, a shared target or a shared count"
        );
    }
    c.linked = true;
    c
}

impl Linkable for EventItem {
    fn footprint(&self) -> &Footprint {
        &self.fp
    }

    fn linkable(&self, other: &Self) -> bool {
        check(self, other, false).linked
    }
}

impl Clusterable for EventItem {
    type Order = (i64, i32, String, u32);

    fn order(&self) -> Self::Order {
        (
            self.start(),
            self.report.day.unwrap_or(i32::MAX),
            self.report.id.clone(),
            self.idx,
        )
    }

    fn start(&self) -> i64 {
        self.days.map_or(i64::MAX, |d| i64::from(d.lo))
    }

    fn reach(&self) -> i64 {
        self.days.map_or(i64::MAX, |d| i64::from(d.hi) + 1)
    }

    fn score(&self, other: &Self) -> Option<i64> {
        let c = check(self, other, false);
        c.linked.then_some(c.score)
    }
}

fn version(it: &EventItem) -> IncidentVersion {
    let e = &it.event;
    IncidentVersion {
        report: it.report.id.clone(),
        event: e.id.clone(),
        status: e.status,
        attribution: e.attribution.clone(),
        denied_by: e.denied_by.clone(),
        date: e.date.clone(),
        quantities: e.quantities.clone(),
        plover: Some(e.plover),
        source: e.source.clone(),
        target: e.target.clone(),
        location: e.location.clone(),
        evidence: Some(e.evidence.clone()),
    }
}

impl Record for EventItem {
    type Out = Incident;

    fn record_id(members: &[&Self]) -> String {
        let first = members
            .iter()
            .min_by_key(|m| m.version_order())
            .expect("a cluster has members");
        stable_id(
            "inc",
            &[&first.report.id, &first.event.id, &first.idx.to_string()],
        )
    }

    fn build(members: &[&Self]) -> Incident {
        let mut ms: Vec<&EventItem> = members.to_vec();
        ms.sort_by_key(|m| m.version_order());
        let first = ms[0];
        let id = Self::record_id(members);
        // Consensus type: the most told, the earliest version's on a tie.
        let mut counts: Vec<(Plover, usize)> = Vec::new();
        for m in &ms {
            match counts.iter_mut().find(|(p, _)| *p == m.event.plover) {
                Some((_, n)) => *n += 1,
                None => counts.push((m.event.plover, 1)),
            }
        }
        let plover = counts
            .iter()
            .fold((first.event.plover, 0), |best, &(p, n)| {
                if n > best.1 {
                    (p, n)
                } else {
                    best
                }
            })
            .0;
        let date = consensus_date(ms.iter().filter_map(|m| m.event.date.as_ref()))
            .or_else(|| first.report.date_ref());
        let mut claimed_by: Vec<Actor> = Vec::new();
        for m in &ms {
            if let Some(s) = speaker(&m.event.attribution) {
                push_unique(&mut claimed_by, s);
            }
        }
        let mut denied_by: Vec<Actor> = Vec::new();
        for m in &ms {
            for d in &m.event.denied_by {
                push_unique(&mut denied_by, d);
            }
        }
        let mut reports: Vec<String> = Vec::new();
        for m in &ms {
            if !reports.contains(&m.report.id) {
                reports.push(m.report.id.clone());
            }
        }
        Incident {
            id,
            plover,
            date,
            location: union_places(ms.iter().map(|m| m.event.location.as_slice())),
            source: union_actors(ms.iter().map(|m| m.event.source.as_slice())),
            target: union_actors(ms.iter().map(|m| m.event.target.as_slice())),
            claimed_by,
            denied_by,
            reports,
            versions: ms.iter().map(|m| version(m)).collect(),
        }
    }

    fn sort_key(out: &Incident) -> (String, String) {
        (date_key(out.date.as_ref()), out.id.clone())
    }
}

fn push_unique(v: &mut Vec<Actor>, a: &Actor) {
    let same = |x: &Actor| match (&x.id, &a.id) {
        (Some(p), Some(q)) => p == q,
        _ => x.code == a.code && x.name == a.name,
    };
    if !v.iter().any(same) {
        v.push(detach_actor(a));
    }
}
