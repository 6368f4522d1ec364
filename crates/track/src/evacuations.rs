//! Evacuations: one record per operation (a group leaving one place), batch by batch.
//!
//! Two mentions are the same operation when their groups share a party (non-state first, as
//! for agreements), their origins are the same place or one holds the other (or one names
//! none), and they are at most [`GAP_DAYS`] apart.
//!
//! Batches are merged by ordinal across reports; each report gives one version of a batch
//! (figures a report gives twice for one batch, from two sources, stay side by side in
//! `other_figures`). Totals to date keep their report and source. Each mention gives one status
//! entry, dated by the mention's own date, else (for a halt) by its halted batch, else by the
//! report's date.

use std::collections::BTreeMap;
use std::sync::Arc;

use raqib_core::track::{
    BatchVersion, EvacuationStatusEntry, EvacuationTotal, TrackedBatch, TrackedEvacuation,
};
use raqib_core::{DateRef, Evacuation, Quantity};

use crate::book::Record;
use crate::common::{consensus_date, date_key, stable_id, union_actors, union_places, ReportMeta};
use crate::features::{
    day_number, nonstate_ids, overlap_nonstate_first, parties, place_fit, Party, PlaceFit,
    PlaceMatch, PlaceSig,
};
use crate::graph::{Clusterable, Footprint, Linkable};
use crate::incidents::NEAR_KM;

/// Mentions further apart than this are different operations.
pub const GAP_DAYS: i32 = 90;

/// Index kind of evacuations.
const KIND: u16 = 101;

/// One evacuation as one report speaks of it.
#[derive(Debug, Clone)]
pub(crate) struct EvacItem {
    pub report: Arc<ReportMeta>,
    pub idx: u32,
    pub evac: Evacuation,
    pub entry: EvacuationStatusEntry,
    day: Option<i32>,
    group: Vec<Party>,
    origin: Vec<PlaceSig>,
    /// Ids of the named armed groups among them.
    ids: Vec<String>,
    fp: Footprint,
}

fn has_value(d: &Option<DateRef>) -> bool {
    d.as_ref().is_some_and(|d| d.value.is_some())
}

impl EvacItem {
    pub fn new(report: Arc<ReportMeta>, idx: usize, evac: Evacuation) -> EvacItem {
        let own = if has_value(&evac.date) {
            evac.date.clone()
        } else if evac.status == "stalled" {
            evac.batches
                .iter()
                .find(|b| b.status == "stalled" && has_value(&b.date))
                .and_then(|b| b.date.clone())
        } else {
            None
        };
        let (date, date_from_report) = match own {
            Some(d) => (Some(d), false),
            None => (report.date_ref(), true),
        };
        let entry = EvacuationStatusEntry {
            date: date.clone(),
            status: evac.status.clone(),
            report: report.id.clone(),
            source: evac.attribution.clone(),
            batches_completed: evac.batches_completed,
            date_from_report,
        };
        let day = date
            .as_ref()
            .and_then(|d| d.value.as_deref())
            .and_then(day_number);
        let group = parties(evac.group.iter());
        let ids = nonstate_ids(evac.group.iter());
        let origin: Vec<PlaceSig> = evac.origin.iter().map(PlaceSig::of).collect();
        let fp = Footprint::new(
            KIND,
            day.map(|d| (d.div_euclid(30), d.div_euclid(30))),
            GAP_DAYS / 30,
            &origin,
            group.iter().map(|p| p.country),
        );
        EvacItem {
            report,
            idx: idx as u32,
            evac,
            entry,
            day,
            group,
            origin,
            ids,
            fp,
        }
    }

    fn report_order(&self) -> (i32, String, u32) {
        (
            self.report.day.unwrap_or(i32::MAX),
            self.report.id.clone(),
            self.idx,
        )
    }

    /// Places agree, or are not known for both (then they share a country); the score of the
    /// match (same place 2, holding or near 1, unknown 0).
    fn origin_fits(&self, o: &Self) -> Option<i64> {
        let mut fit = place_fit(&self.origin, &o.origin, None);
        if !matches!(fit, PlaceFit::Match(..)) && self.same_group(o) {
            if let m @ PlaceFit::Match(..) = place_fit(&self.origin, &o.origin, Some(NEAR_KM)) {
                fit = m;
            }
        }
        if !self.fp.share_country(&o.fp) {
            return None;
        }
        match fit {
            PlaceFit::Conflict => None,
            PlaceFit::Unknown => Some(0),
            PlaceFit::Match(_, _, PlaceMatch::Same) => Some(2),
            PlaceFit::Match(..) => Some(1),
        }
    }

    fn group_fits(&self, o: &Self) -> bool {
        let ids_differ = !self.ids.is_empty()
            && !o.ids.is_empty()
            && !self.ids.iter().any(|i| o.ids.contains(i));
        !ids_differ && overlap_nonstate_first(&self.group, &o.group).is_some()
    }

    /// Both name the same armed group: then places a few kilometres apart (a town and the
    /// city it is reported from) are one place.
    fn same_group(&self, o: &Self) -> bool {
        self.ids.iter().any(|i| o.ids.contains(i))
    }

    fn time_fits(&self, o: &Self) -> bool {
        match (self.day, o.day) {
            (Some(a), Some(b)) => (a - b).abs() <= GAP_DAYS,
            (None, None) => true,
            _ => false,
        }
    }
}

impl Linkable for EvacItem {
    fn footprint(&self) -> &Footprint {
        &self.fp
    }

    fn linkable(&self, o: &Self) -> bool {
        self.group_fits(o) && self.time_fits(o) && self.origin_fits(o).is_some()
    }
}

impl Clusterable for EvacItem {
    type Order = (i64, i32, String, u32);

    fn order(&self) -> Self::Order {
        let (d, r, i) = self.report_order();
        (self.start(), d, r, i)
    }

    fn start(&self) -> i64 {
        self.day.map_or(i64::MAX, i64::from)
    }

    fn reach(&self) -> i64 {
        self.day
            .map_or(i64::MAX, |d| i64::from(d) + i64::from(GAP_DAYS))
    }

    fn score(&self, o: &Self) -> Option<i64> {
        if !self.linkable(o) {
            return None;
        }
        let days = match (self.day, o.day) {
            (Some(a), Some(b)) => i64::from(GAP_DAYS - (a - b).abs()),
            _ => 0,
        };
        Some(self.origin_fits(o)? * 1000 + days)
    }

    fn compatible(&self, o: &Self, _score: Option<i64>) -> bool {
        self.origin_fits(o).is_some()
            && (self.group.is_empty() || o.group.is_empty() || self.group_fits(o))
    }
}

/// Fill a version's empty fields from another batch of the same report; keep a differing
/// figure side by side.
fn merge_figure(slot: &mut Option<Quantity>, other: &mut Vec<Quantity>, q: &Option<Quantity>) {
    let Some(q) = q else { return };
    match slot {
        None => *slot = Some(q.clone()),
        Some(s) if s.value != q.value || s.what != q.what => {
            if !other.iter().any(|o| o.value == q.value && o.what == q.what) {
                other.push(q.clone());
            }
        }
        Some(_) => {}
    }
}

impl Record for EvacItem {
    type Out = TrackedEvacuation;

    fn record_id(members: &[&Self]) -> String {
        let first = members
            .iter()
            .min_by_key(|m| m.report_order())
            .expect("a cluster has members");
        stable_id("evac", &[&first.report.id, &first.idx.to_string()])
    }

    fn build(members: &[&Self]) -> TrackedEvacuation {
        let mut by_report: Vec<&EvacItem> = members.to_vec();
        by_report.sort_by_key(|m| m.report_order());
        let id = Self::record_id(members);
        let mut by_date = by_report.clone();
        by_date.sort_by_key(|m| (date_key(m.entry.date.as_ref()), m.report_order()));
        let status_history: Vec<EvacuationStatusEntry> =
            by_date.iter().map(|m| m.entry.clone()).collect();
        let status = status_history
            .last()
            .map(|h| h.status.clone())
            .unwrap_or_default();
        // Batches: ordinal -> versions, one per report, in report order.
        let mut batches: BTreeMap<u32, Vec<BatchVersion>> = BTreeMap::new();
        for m in &by_report {
            for b in &m.evac.batches {
                if b.ordinal == 0 {
                    continue;
                }
                let versions = batches.entry(b.ordinal).or_default();
                let v = match versions.iter_mut().position(|v| v.report == m.report.id) {
                    Some(i) => &mut versions[i],
                    None => {
                        versions.push(BatchVersion {
                            report: m.report.id.clone(),
                            source: m.evac.attribution.clone(),
                            status: b.status.clone(),
                            date: None,
                            people: None,
                            fighters: None,
                            buses: None,
                            other_figures: Vec::new(),
                        });
                        versions.last_mut().expect("just pushed")
                    }
                };
                if v.status == "planned" && b.status != "planned" {
                    v.status = b.status.clone();
                }
                if v.source.is_empty() {
                    v.source = m.evac.attribution.clone();
                }
                if !has_value(&v.date) && has_value(&b.date) {
                    v.date = b.date.clone();
                }
                merge_figure(&mut v.people, &mut v.other_figures, &b.people);
                merge_figure(&mut v.fighters, &mut v.other_figures, &b.fighters);
                merge_figure(&mut v.buses, &mut v.other_figures, &b.buses);
            }
        }
        let batches: Vec<TrackedBatch> = batches
            .into_iter()
            .map(|(ordinal, versions)| TrackedBatch {
                ordinal,
                status: versions
                    .last()
                    .map(|v| v.status.clone())
                    .unwrap_or_default(),
                date: consensus_date(versions.iter().filter_map(|v| v.date.as_ref())),
                versions,
            })
            .collect();
        let mut totals: Vec<EvacuationTotal> = Vec::new();
        for m in &by_report {
            for q in &m.evac.totals {
                totals.push(EvacuationTotal {
                    date: m.entry.date.clone(),
                    people: q.clone(),
                    report: m.report.id.clone(),
                    source: m.evac.attribution.clone(),
                });
            }
        }
        totals.sort_by_key(|t| date_key(t.date.as_ref()));
        let mut who: Vec<String> = Vec::new();
        let mut reports: Vec<String> = Vec::new();
        for m in &by_report {
            for w in &m.evac.who {
                if !who.contains(w) {
                    who.push(w.clone());
                }
            }
            if !reports.contains(&m.report.id) {
                reports.push(m.report.id.clone());
            }
        }
        TrackedEvacuation {
            id,
            group: union_actors(by_report.iter().map(|m| m.evac.group.as_slice())),
            origin: union_places(by_report.iter().map(|m| m.evac.origin.as_slice())),
            destinations: union_places(by_report.iter().map(|m| m.evac.destinations.as_slice())),
            status,
            status_history,
            batches,
            totals,
            who,
            reports,
        }
    }

    fn sort_key(out: &TrackedEvacuation) -> (String, String) {
        (
            date_key(out.status_history.first().and_then(|h| h.date.as_ref())),
            out.id.clone(),
        )
    }
}
