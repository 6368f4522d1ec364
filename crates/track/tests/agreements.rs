//! Agreements through their life, on hand-written reports.

mod common;

use common::*;
use raqib_core::{Agreement, Plover, Report, Status};
use raqib_track::track;

fn with(mut r: Report, a: Agreement) -> Report {
    r.agreements.push(a);
    r
}

fn deal(status: &str) -> Agreement {
    let mut a = agreement(
        vec![group("north-brigade"), actor("XXXGOV", None)],
        status,
        vec![alpha()],
    );
    a.mediators = vec![actor("YYYMIL", None)];
    a
}

#[test]
fn one_agreement_keeps_every_reports_status_in_date_order() {
    let mut agreed = deal("agreed");
    agreed.terms = terms(&["evacuation", "amnesty"]);
    agreed.claimed_by = vec![actor("XXXGOV", None)];
    agreed.date = Some(day("2020-03-01"));
    let mut talks = agreement(vec![group("north-brigade")], "negotiating", vec![alpha()]);
    talks.claimed_by = vec![group("north-brigade")];
    talks.denied_by = vec![group("north-brigade")];
    let mut stalled = deal("stalled");
    stalled.terms = terms(&["ceasefire", "evacuation"]);
    let done = agreement(vec![group("north-brigade")], "completed", vec![valley()]);
    let reports = vec![
        with(report("r4", "2020-03-20", vec![]), done),
        with(report("r1", "2020-03-01", vec![]), agreed),
        with(report("r3", "2020-03-05", vec![]), stalled),
        with(report("r2", "2020-03-01", vec![]), talks),
    ];
    let p = track(&reports);
    assert_eq!(p.agreements.len(), 1, "{:#?}", p.agreements);
    let a = &p.agreements[0];
    let h: Vec<(&str, &str, &str)> = a
        .history
        .iter()
        .map(|h| {
            (
                h.date.as_ref().unwrap().value.as_deref().unwrap(),
                h.status.as_str(),
                h.report.as_str(),
            )
        })
        .collect();
    assert_eq!(
        h,
        vec![
            ("2020-03-01", "agreed", "r1"),
            ("2020-03-01", "negotiating", "r2"),
            ("2020-03-05", "stalled", "r3"),
            ("2020-03-20", "completed", "r4"),
        ]
    );
    assert_eq!(a.status, "completed");
    assert_eq!(a.terms, vec!["evacuation", "ceasefire", "amnesty"]);
    assert_eq!(a.history[0].claimed_by[0].code, "XXXGOV");
    assert_eq!(a.history[1].denied_by[0].code, "XXXREB");
    // Dates the report did not give are the report's, and say so.
    assert!(!a.history[0].date_from_report);
    assert!(a.history[1].date_from_report);
    assert_eq!(a.mediators[0].code, "YYYMIL");
    assert_eq!(a.reports, vec!["r1", "r2", "r3", "r4"]);
    assert!(a.id.starts_with("agr-"));
}

#[test]
fn a_status_is_dated_by_the_event_that_carries_it() {
    let halt = ev("halt", Plover::Retreat)
        .src(group("north-brigade"))
        .at(alpha())
        .on("2020-03-04")
        .status(Status::Stalled);
    let mut r = report("r1", "2020-03-06", vec![halt]);
    let mut a = deal("stalled");
    a.events = vec!["r1:halt".into()];
    r.agreements.push(a);
    let p = track(&[r]);
    let h = &p.agreements[0].history[0];
    assert_eq!(
        h.date.as_ref().unwrap().value.as_deref(),
        Some("2020-03-04")
    );
    assert!(!h.date_from_report);
    assert_eq!(h.evidence.as_ref().unwrap().text, "sentence of halt");
}

#[test]
fn different_groups_places_or_months_are_different_agreements() {
    let other_group = agreement(
        vec![group("south-front"), actor("XXXGOV", None)],
        "agreed",
        vec![alpha()],
    );
    let other_place = deal("agreed");
    let mut far = other_place.clone();
    far.location = vec![delta()];
    let reports = vec![
        with(report("r1", "2020-03-01", vec![]), deal("agreed")),
        with(report("r2", "2020-03-02", vec![]), other_group),
        with(report("r3", "2020-03-02", vec![]), far),
        with(report("r4", "2020-09-01", vec![]), deal("agreed")),
    ];
    assert_eq!(track(&reports).agreements.len(), 4);
}

#[test]
fn a_place_guessed_from_context_or_missing_does_not_split_an_agreement() {
    let mut guessed = deal("implementing");
    guessed.location = vec![inferred(gamma())];
    let mut none = deal("completed");
    none.location = vec![];
    let reports = vec![
        with(report("r1", "2020-03-01", vec![]), deal("agreed")),
        with(report("r2", "2020-03-03", vec![]), guessed),
        with(report("r3", "2020-03-09", vec![]), none),
    ];
    let p = track(&reports);
    assert_eq!(p.agreements.len(), 1);
    assert_eq!(p.agreements[0].history.len(), 3);
}
