//! Agreements: one record per agreement, with a status history from every report that speaks
//! of it.
//!
//! Two mentions are the same agreement when their parties overlap (the non-state parties when
//! both name some: a local deal is told apart by its armed group, not by the government that
//! signs them all), their places are the same or one holds the other (or one names none), and
//! they are at most [`GAP_DAYS`] apart. A record holds mentions whose places and parties all
//! agree pairwise.
//!
//! Each mention gives one history entry: its status, dated by the agreement's own date, else
//! by the date of the report's event that carries that status (the stalled departure, the
//! signing, the talks), else by the report's date (`date_from_report`).

use std::sync::Arc;

use raqib_core::track::{AgreementStatusEntry, TrackedAgreement};
use raqib_core::{Actor, Agreement, DateRef, Evacuation, Event, Plover, Status};

use crate::book::Record;
use crate::common::{date_key, stable_id, union_actors, union_places, ReportMeta};
use crate::features::{
    day_number, nonstate_ids, overlap_nonstate_first, parties, place_fit, Party, PlaceFit,
    PlaceMatch, PlaceSig,
};
use crate::graph::{Clusterable, Footprint, Linkable};
use crate::incidents::speaker;
use crate::incidents::NEAR_KM;

/// Mentions further apart than this are different agreements.
pub const GAP_DAYS: i32 = 90;

/// Index kind of agreements.
const KIND: u16 = 100;

/// The contract's term kinds, in order.
pub const TERM_KINDS: [&str; 10] = [
    "evacuation",
    "ceasefire",
    "guarantee",
    "amnesty",
    "status-settlement",
    "disarmament",
    "return-of-institutions",
    "prisoner-release",
    "humanitarian-access",
    "other",
];

/// The contract's agreement statuses, in lifecycle order.
pub const STATUSES: [&str; 7] = [
    "negotiating",
    "agreed",
    "implementing",
    "stalled",
    "resumed",
    "completed",
    "collapsed",
];

/// One agreement as one report speaks of it.
#[derive(Debug, Clone)]
pub(crate) struct AgreementItem {
    pub report: Arc<ReportMeta>,
    pub idx: u32,
    pub agreement: Agreement,
    pub entry: AgreementStatusEntry,
    day: Option<i32>,
    parties: Vec<Party>,
    places: Vec<PlaceSig>,
    /// Ids of the named armed groups among them.
    ids: Vec<String>,
    fp: Footprint,
}

fn has_value(d: &Option<DateRef>) -> bool {
    d.as_ref().is_some_and(|d| d.value.is_some())
}

/// The date the report gives this status: the agreement's own, else that of the report's event
/// (or halted batch) that carries the status.
fn status_date(
    a: &Agreement,
    idx: usize,
    events: &[Event],
    evacuations: &[Evacuation],
) -> Option<DateRef> {
    if has_value(&a.date) {
        return a.date.clone();
    }
    let carries = |e: &Event| match a.status.as_str() {
        "stalled" => e.status == Status::Stalled,
        "negotiating" => e.plover == Plover::Consult,
        "agreed" | "resumed" => e.plover == Plover::Agree,
        _ => false,
    };
    for id in &a.events {
        if let Some(e) = events.iter().find(|e| &e.id == id) {
            if carries(e) && has_value(&e.date) {
                return e.date.clone();
            }
        }
    }
    if a.status == "stalled" {
        for v in evacuations.iter().filter(|v| v.agreement == Some(idx)) {
            if let Some(b) = v
                .batches
                .iter()
                .find(|b| b.status == "stalled" && has_value(&b.date))
            {
                return b.date.clone();
            }
            if v.status == "stalled" && has_value(&v.date) {
                return v.date.clone();
            }
        }
    }
    None
}

impl AgreementItem {
    pub fn new(
        report: Arc<ReportMeta>,
        idx: usize,
        agreement: Agreement,
        events: &[Event],
        evacuations: &[Evacuation],
    ) -> AgreementItem {
        let own_events: Vec<&Event> = agreement
            .events
            .iter()
            .filter_map(|id| events.iter().find(|e| &e.id == id))
            .collect();
        let (date, date_from_report) = match status_date(&agreement, idx, events, evacuations) {
            Some(d) => (Some(d), false),
            None => (report.date_ref(), true),
        };
        let mut claimed_by: Vec<Actor> = agreement.claimed_by.clone();
        if claimed_by.is_empty() {
            for e in &own_events {
                if let Some(s) = speaker(&e.attribution) {
                    if !claimed_by.contains(s) {
                        claimed_by.push(s.clone());
                    }
                }
            }
        }
        let mut denied_by: Vec<Actor> = agreement.denied_by.clone();
        if denied_by.is_empty() {
            for e in &own_events {
                for d in &e.denied_by {
                    if !denied_by.contains(d) {
                        denied_by.push(d.clone());
                    }
                }
            }
        }
        let evidence = agreement
            .evidence
            .clone()
            .or_else(|| own_events.first().map(|e| e.evidence.clone()));
        let entry = AgreementStatusEntry {
            date: date.clone(),
            status: agreement.status.clone(),
            report: report.id.clone(),
            claimed_by,
            denied_by,
            evidence,
            date_from_report,
        };
        let day = date
            .as_ref()
            .and_then(|d| d.value.as_deref())
            .and_then(day_number);
        let parties = parties(agreement.parties.iter());
        let ids = nonstate_ids(agreement.parties.iter());
        let places: Vec<PlaceSig> = agreement.location.iter().map(PlaceSig::of).collect();
        let fp = Footprint::new(
            KIND,
            day.map(|d| (d.div_euclid(30), d.div_euclid(30))),
            GAP_DAYS / 30,
            &places,
            parties.iter().map(|p| p.country),
        );
        AgreementItem {
            report,
            idx: idx as u32,
            agreement,
            entry,
            day,
            parties,
            places,
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

    /// Places agree (or one has none), and then they share a country.
    /// Places agree, or are not known for both (then they share a country); the score of the
    /// match (same place 2, holding or near 1, unknown 0).
    fn places_fit(&self, o: &Self) -> Option<i64> {
        let mut fit = place_fit(&self.places, &o.places, None);
        if !matches!(fit, PlaceFit::Match(..)) && self.same_group(o) {
            if let m @ PlaceFit::Match(..) = place_fit(&self.places, &o.places, Some(NEAR_KM)) {
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

    fn parties_fit(&self, o: &Self) -> bool {
        let ids_differ = !self.ids.is_empty()
            && !o.ids.is_empty()
            && !self.ids.iter().any(|i| o.ids.contains(i));
        !ids_differ && overlap_nonstate_first(&self.parties, &o.parties).is_some()
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

impl Linkable for AgreementItem {
    fn footprint(&self) -> &Footprint {
        &self.fp
    }

    fn linkable(&self, o: &Self) -> bool {
        self.parties_fit(o) && self.time_fits(o) && self.places_fit(o).is_some()
    }
}

impl Clusterable for AgreementItem {
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
        Some(self.places_fit(o)? * 1000 + days)
    }

    fn compatible(&self, o: &Self, _score: Option<i64>) -> bool {
        self.places_fit(o).is_some()
            && (self.parties.is_empty() || o.parties.is_empty() || self.parties_fit(o))
    }
}

fn term_rank(kind: &str) -> (usize, String) {
    (
        TERM_KINDS
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(TERM_KINDS.len()),
        kind.to_string(),
    )
}

impl Record for AgreementItem {
    type Out = TrackedAgreement;

    fn record_id(members: &[&Self]) -> String {
        let first = members
            .iter()
            .min_by_key(|m| m.report_order())
            .expect("a cluster has members");
        stable_id("agr", &[&first.report.id, &first.idx.to_string()])
    }

    fn build(members: &[&Self]) -> TrackedAgreement {
        let mut by_report: Vec<&AgreementItem> = members.to_vec();
        by_report.sort_by_key(|m| m.report_order());
        let id = Self::record_id(members);
        let mut by_date = by_report.clone();
        by_date.sort_by_key(|m| (date_key(m.entry.date.as_ref()), m.report_order()));
        let history: Vec<AgreementStatusEntry> = by_date.iter().map(|m| m.entry.clone()).collect();
        let status = history.last().map(|h| h.status.clone()).unwrap_or_default();
        let mut terms: Vec<String> = Vec::new();
        for m in &by_report {
            for t in &m.agreement.terms {
                if !terms.contains(&t.kind) {
                    terms.push(t.kind.clone());
                }
            }
        }
        terms.sort_by_key(|k| term_rank(k));
        let mut reports: Vec<String> = Vec::new();
        for m in &by_report {
            if !reports.contains(&m.report.id) {
                reports.push(m.report.id.clone());
            }
        }
        TrackedAgreement {
            id,
            parties: union_actors(by_report.iter().map(|m| m.agreement.parties.as_slice())),
            mediators: union_actors(by_report.iter().map(|m| m.agreement.mediators.as_slice())),
            location: union_places(by_report.iter().map(|m| m.agreement.location.as_slice())),
            terms,
            status,
            history,
            reports,
        }
    }

    fn sort_key(out: &TrackedAgreement) -> (String, String) {
        (
            date_key(out.history.first().and_then(|h| h.date.as_ref())),
            out.id.clone(),
        )
    }
}
