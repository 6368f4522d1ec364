//! Tracking across reports: the picture `raqib track` shows (`spec/tracking.md`).
//!
//! - **Incidents** ([`raqib_core::track::Incident`]): events from different reports (or told
//!   twice in one) that are the same real-world event, linked by general rules of event data
//!   (compatible type, same or adjacent day, same or nearby place, a shared party, see
//!   [`incidents`](crate#linking-rules)); each report's version is kept, with who claims and who
//!   denies it, and a consensus view on top. [`Tracker::explain`] says why.
//! - **Agreements** ([`raqib_core::track::TrackedAgreement`]): one record per agreement, with
//!   a status history entry from every report that speaks of it.
//! - **Evacuations** ([`raqib_core::track::TrackedEvacuation`]): one record per operation,
//!   batch by batch, every report's figures side by side, totals with their sources.
//!
//! [`track`] computes the picture from a set of reports; [`Tracker`] keeps it up to date as
//! reports arrive, re-clustering only what a new report touches. Both give the same picture
//! for the same set of reports, in any order, each report counted once (a report added again
//! replaces its earlier version).
//!
//! # How it is built
//!
//! Each kind of item (event, agreement mention, evacuation mention) has a symmetric pairwise
//! rule saying two items *may* be the same thing. The connected components of that graph
//! depend on the set of items only; each component is clustered greedily in a canonical order
//! of content (date, report date, report id, position), so that an item joins the cluster
//! where it fits every member best. A space–time index (grid cells of ~30 km per day, plus
//! countries) finds the candidates of a new item, so adding a report costs the size of the
//! components it touches, not the size of the store.
//!
//! # Linking rules
//!
//! Incidents: see [`NEAR_KM`] and the `incidents` module docs: same or compatible type (and no
//! conflicting mode or ordinal), same or adjacent day (an undated event is dated by its report),
//! places equal, one inside the other or within 15 km, overlapping parties (country + state or
//! non-state side), different speakers of one report kept apart, and at least two of same day,
//! same place, shared actor — for every pair in the incident.
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
fn distinct(reports: &[Report]) -> Vec<&Report> {
    let mut last: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, r) in reports.iter().enumerate() {
        last.insert(r.id.as_str(), i);
    }
    let mut out: Vec<&Report> = last.into_values().map(|i| &reports[i]).collect();
    out.sort_by(|a, b| {
        let key = |r: &Report| (r.date.clone().unwrap_or_else(|| "~".into()), r.id.clone());
        key(a).cmp(&key(b))
    });
    out
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
        let (mut ev, mut agr, mut evac) = (Vec::new(), Vec::new(), Vec::new());
        let mut ids: FxHashMap<String, ReportIds> = FxHashMap::default();
        for r in distinct(reports) {
            let (e, a, v) = items(r.clone());
            let entry = ReportIds {
                events: (ev.len()..ev.len() + e.len()).map(|i| i as u32).collect(),
                agreements: (agr.len()..agr.len() + a.len()).map(|i| i as u32).collect(),
                evacuations: (evac.len()..evac.len() + v.len()).map(|i| i as u32).collect(),
            };
            ids.insert(r.id.clone(), entry);
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
    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incidents.records.get(id)
    }

    /// How many incidents there are.
    pub fn incident_count(&self) -> usize {
        self.incidents.records.len()
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
