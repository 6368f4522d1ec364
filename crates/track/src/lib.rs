//! Tracking across reports: the picture `raqib track` shows (`spec/tracking.md`).
//!
//! - **Incidents** ([`raqib_core::track::Incident`]): events from different reports (or told
//!   twice in one) that are the same real-world event, linked by general rules of event data
//!   (see [Linking rules](#linking-rules)); each report's version is kept — who claims it, who
//!   denies it, its counts and targets — under a consensus view. [`Tracker::explain`] says why.
//! - **Agreements** ([`raqib_core::track::TrackedAgreement`]): one record per agreement (parties,
//!   mediators, place, terms), with a status history entry from every report that speaks of it.
//! - **Evacuations** ([`raqib_core::track::TrackedEvacuation`]): one record per operation,
//!   batch by batch, every report's figures side by side, totals with their sources.
//!
//! [`track`] computes the picture of a set of reports; [`Tracker`] keeps it up to date as
//! reports arrive, re-clustering only what a new report touches. Both give the same picture
//! for the same set of reports in any order, each report counted once (a report added again
//! replaces its earlier version).
//!
//! # How it is built
//!
//! Each kind of item (an event, an agreement mention, an evacuation mention) has a symmetric
//! pairwise rule saying two items *may* be the same thing. The connected components of that
//! graph depend on the set of items only. Each component is clustered agglomeratively: linked
//! pairs are taken from the most alike down (ties in a canonical order of content: date,
//! report date, report id, position), and two clusters merge only when every pair across them
//! may sit together (complete linkage, so links never chain from one event to an unrelated one
//! through a vague middle). A space–time index (grid cells of 0.3° per day, plus countries)
//! finds the candidates of a new item, so adding a report costs the size of the components it
//! touches, not the size of the store. Records are built when read.
//!
//! Ids are stable and derived from content: the earliest report's id and position of the
//! record's first version (`inc-…`, `agr-…`, `evac-…`).
//!
//! # Linking rules
//!
//! Two events may be one incident when all of these hold:
//!
//! - **type**: the same PLOVER type, or RETREAT/CONCEDE or AGREE/SUPPORT (then with the same
//!   day, place and actor); outside ASSAULT no different modes (withdrawing is not disarming);
//!   no different ordinals of the same thing (the second batch is not the third);
//! - **day**: the same or adjacent days; an undated event is taken to have happened on its
//!   report's date or the day before (an intended one: that day or the next);
//! - **place**: some pair of places is the same (gazetteer id, or name), one is the region
//!   holding the other (same admin1), or two points within [`NEAR_KM`]; places taken from the
//!   report's context support a link when they match but never refute one;
//! - **actors**: when both name who acted, a party — country and state/non-state side — acts in
//!   both (source and target together for a mutual act);
//! - **speakers**: two events of one report told by two different parties to the fighting are
//!   two claims, kept apart;
//! - **evidence**: at least two of: the same day (both dated, or one report), the same place (or
//!   a region holding it), a shared actor; when only one names who acted, the same day and
//!   place and something more: one report, a shared target, or a shared count.
//!
//! Agreements are the same agreement when their parties overlap (their armed groups when both
//! name one, by id when both have ids), their places agree (or one is unknown; a few
//! kilometres apart when they name the same armed group) and they are at most
//! [`AGREEMENT_GAP_DAYS`] apart; evacuations likewise by group, origin and
//! [`EVACUATION_GAP_DAYS`].
#![deny(missing_docs)]

mod agreements;
mod book;
mod common;
mod evacuations;
mod explain;
mod features;
mod graph;
mod incidents;
pub mod synth;

use std::sync::Arc;

use raqib_core::track::{Incident, TrackedAgreement, TrackedEvacuation};
use raqib_core::Report;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use agreements::AgreementItem;
use book::Book;
use common::ReportMeta;
use evacuations::EvacItem;
use incidents::EventItem;

pub use agreements::{GAP_DAYS as AGREEMENT_GAP_DAYS, STATUSES as AGREEMENT_STATUSES, TERM_KINDS};
pub use evacuations::GAP_DAYS as EVACUATION_GAP_DAYS;
pub use explain::{ExplainedVersion, Explanation, LinkCheck, NotLinked};
pub use features::{day_number, day_string};
pub use incidents::NEAR_KM;

/// What every report together says: incidents, agreements, evacuations, each in a stable order
/// (by date, then id).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Picture {
    /// One real-world event per record, as every report tells it.
    pub incidents: Vec<Incident>,
    /// One agreement per record, through its life.
    pub agreements: Vec<TrackedAgreement>,
    /// One evacuation operation per record, batch by batch.
    pub evacuations: Vec<TrackedEvacuation>,
}

/// Sizes of what a tracker holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// Reports.
    pub reports: usize,
    /// Events.
    pub events: usize,
    /// Incidents.
    pub incidents: usize,
    /// Agreements.
    pub agreements: usize,
    /// Evacuations.
    pub evacuations: usize,
    /// Events in the largest group of linkable events (what one added report may re-cluster).
    pub largest_component: usize,
}

type Items = (Vec<EventItem>, Vec<AgreementItem>, Vec<EvacItem>);

/// Split a report into the items the trackers link.
fn items(report: Report) -> Items {
    let meta = ReportMeta::new(&report.id, report.date.as_deref());
    let Report {
        events,
        agreements,
        evacuations,
        ..
    } = report;
    let agr: Vec<AgreementItem> = agreements
        .into_iter()
        .enumerate()
        .map(|(i, a)| AgreementItem::new(Arc::clone(&meta), i, a, &events, &evacuations))
        .collect();
    let evac: Vec<EvacItem> = evacuations
        .into_iter()
        .enumerate()
        .map(|(i, v)| EvacItem::new(Arc::clone(&meta), i, v))
        .collect();
    let ev: Vec<EventItem> = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| EventItem::new(Arc::clone(&meta), i as u32, e))
        .collect();
    (ev, agr, evac)
}

/// The reports to track: the last one given for each id, sorted by (date, id).
fn distinct(reports: Vec<Report>) -> Vec<Report> {
    let mut last: FxHashMap<String, usize> = FxHashMap::default();
    for (i, r) in reports.iter().enumerate() {
        last.insert(r.id.clone(), i);
    }
    let mut out: Vec<Report> = reports
        .into_iter()
        .enumerate()
        .filter(|(i, r)| last.get(&r.id) == Some(i))
        .map(|(_, r)| r)
        .collect();
    out.sort_by(|a, b| {
        let key = |r: &Report| (r.date.is_none(), r.date.clone(), r.id.clone());
        key(a).cmp(&key(b))
    });
    out
}

/// What tracking reads of a report (its text and structure are left behind).
fn slim(r: &Report) -> Report {
    Report {
        id: r.id.clone(),
        date: r.date.clone(),
        events: r.events.clone(),
        agreements: r.agreements.clone(),
        evacuations: r.evacuations.clone(),
        ..Report::default()
    }
}

/// The picture of a set of reports, computed from scratch.
///
/// Pure and deterministic: the same reports in any order give the same picture. When one id
/// comes several times, the last one counts (as with [`Tracker::add`] in that order).
pub fn track(reports: &[Report]) -> Picture {
    Tracker::from_reports(reports).picture()
}

#[derive(Debug, Default, Clone)]
struct ReportIds {
    events: Vec<u32>,
    agreements: Vec<u32>,
    evacuations: Vec<u32>,
}

/// The picture kept up to date as reports arrive.
#[derive(Debug, Default)]
pub struct Tracker {
    incidents: Book<EventItem>,
    agreements: Book<AgreementItem>,
    evacuations: Book<EvacItem>,
    reports: FxHashMap<String, ReportIds>,
}

impl Tracker {
    /// An empty tracker.
    pub fn new() -> Tracker {
        Tracker::default()
    }

    /// Build from a set of reports at once (components by union–find over the whole set).
    pub fn from_reports(reports: &[Report]) -> Tracker {
        Tracker::build(reports.iter().map(slim).collect())
    }

    /// [`Tracker::from_reports`], taking the reports.
    pub fn build(reports: Vec<Report>) -> Tracker {
        let (mut ev, mut agr, mut evac) = (Vec::new(), Vec::new(), Vec::new());
        let mut ids: FxHashMap<String, ReportIds> = FxHashMap::default();
        for r in distinct(reports) {
            let id = r.id.clone();
            let (e, a, v) = items(r);
            let entry = ReportIds {
                events: (ev.len()..ev.len() + e.len()).map(|i| i as u32).collect(),
                agreements: (agr.len()..agr.len() + a.len()).map(|i| i as u32).collect(),
                evacuations: (evac.len()..evac.len() + v.len())
                    .map(|i| i as u32)
                    .collect(),
            };
            ids.insert(id, entry);
            ev.extend(e);
            agr.extend(a);
            evac.extend(v);
        }
        Tracker {
            incidents: Book::build(ev),
            agreements: Book::build(agr),
            evacuations: Book::build(evac),
            reports: ids,
        }
    }

    /// Add a report, or replace the report of the same id. Only the incidents, agreements and
    /// evacuations it touches are rebuilt.
    pub fn add(&mut self, report: Report) {
        self.remove(&report.id.clone());
        let id = report.id.clone();
        let (e, a, v) = items(report);
        let entry = ReportIds {
            events: self.incidents.insert(e),
            agreements: self.agreements.insert(a),
            evacuations: self.evacuations.insert(v),
        };
        self.reports.insert(id, entry);
    }

    /// Forget a report; returns whether it was there.
    pub fn remove(&mut self, report_id: &str) -> bool {
        let Some(ids) = self.reports.remove(report_id) else {
            return false;
        };
        self.incidents.remove(&ids.events);
        self.agreements.remove(&ids.agreements);
        self.evacuations.remove(&ids.evacuations);
        true
    }

    /// How many reports are tracked.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    /// Whether no report is tracked.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// How many events are tracked.
    pub fn events(&self) -> usize {
        self.incidents.graph.len()
    }

    /// Every incident, by date then id.
    pub fn incidents(&self) -> Vec<Incident> {
        self.incidents.sorted()
    }

    /// Every agreement, by first date then id.
    pub fn agreements(&self) -> Vec<TrackedAgreement> {
        self.agreements.sorted()
    }

    /// Every evacuation, by first date then id.
    pub fn evacuations(&self) -> Vec<TrackedEvacuation> {
        self.evacuations.sorted()
    }

    /// One incident by id.
    pub fn incident(&self, id: &str) -> Option<Incident> {
        self.incidents.get(id)
    }

    /// How many incidents there are.
    pub fn incident_count(&self) -> usize {
        self.incidents.len()
    }

    /// How many agreements there are.
    pub fn agreement_count(&self) -> usize {
        self.agreements.len()
    }

    /// How many evacuations there are.
    pub fn evacuation_count(&self) -> usize {
        self.evacuations.len()
    }

    /// Sizes.
    pub fn stats(&self) -> Stats {
        let g = &self.incidents.graph;
        Stats {
            reports: self.reports.len(),
            events: g.len(),
            incidents: self.incidents.len(),
            agreements: self.agreements.len(),
            evacuations: self.evacuations.len(),
            largest_component: g
                .comp_ids()
                .into_iter()
                .map(|c| g.members(c).len())
                .max()
                .unwrap_or(0),
        }
    }

    /// The whole picture.
    pub fn picture(&self) -> Picture {
        Picture {
            incidents: self.incidents(),
            agreements: self.agreements(),
            evacuations: self.evacuations(),
        }
    }

    /// Why an incident holds its versions, and why the events around it are not in it.
    pub fn explain(&self, incident_id: &str) -> Option<Explanation> {
        explain::explain(&self.incidents, incident_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Graph, Linkable};

    /// Synthetic reports with the awkward cases mixed in: no place, a region, a place guessed
    /// from context, no date, no actor, a place far north.
    fn awkward(n: usize) -> Vec<Report> {
        let mut rs = synth::reports(5, n);
        let mut rng = synth::Rng::new(9);
        for r in &mut rs {
            for e in &mut r.events {
                match rng.below(8) {
                    0 => e.location.clear(),
                    1 => {
                        for p in &mut e.location {
                            p.feature = Some("region".into());
                            p.precision = 3;
                        }
                    }
                    2 => e.location.iter_mut().for_each(|p| p.inferred = true),
                    3 => e.date = None,
                    4 => e.source.clear(),
                    5 => e.location.iter_mut().for_each(|p| {
                        p.lat = p.lat.map(|l| l + 30.0);
                    }),
                    _ => {}
                }
            }
        }
        rs
    }

    /// Every linkable pair is found through the index; returns how many pairs there were.
    fn all_found<T: Linkable + std::fmt::Debug>(items: Vec<T>) -> usize {
        let n = items.len();
        let g = Graph::build(items);
        let mut pairs = 0;
        for i in 0..n as u32 {
            let near = g.nearby(i);
            for j in 0..n as u32 {
                if i != j && g.get(i).linkable(g.get(j)) {
                    pairs += 1;
                    assert!(
                        near.contains(&j),
                        "{i} and {j} are linkable but not found:\n{:#?}\n{:#?}",
                        g.get(i),
                        g.get(j),
                    );
                }
            }
        }
        pairs
    }

    #[test]
    fn the_index_finds_every_linkable_pair() {
        let events: Vec<EventItem> = awkward(400).into_iter().flat_map(|r| items(r).0).collect();
        let pairs = all_found(events);
        assert!(
            pairs > 100,
            "only {pairs} linkable events: the test would prove little"
        );
        let (mut agr, mut evac) = (Vec::new(), Vec::new());
        for mut r in awkward(4000) {
            for a in &mut r.agreements {
                a.location = r.events[0].location.clone();
            }
            for v in &mut r.evacuations {
                v.origin = r.events[0].location.clone();
            }
            let (_, a, v) = items(r);
            agr.extend(a);
            evac.extend(v);
        }
        let pairs = all_found(agr) + all_found(evac);
        assert!(
            pairs > 20,
            "only {pairs} linkable mentions: the test would prove little"
        );
    }
}
