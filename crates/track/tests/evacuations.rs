//! Evacuations batch by batch, on hand-written reports.

mod common;

use common::*;
use raqib_core::{Evacuation, Report};
use raqib_track::track;

fn with(mut r: Report, v: Evacuation) -> Report {
    r.evacuations.push(v);
    r
}

fn op(status: &str) -> Evacuation {
    evacuation(group("north-brigade"), alpha(), status)
}

#[test]
fn batches_merge_by_ordinal_with_every_reports_figures_side_by_side() {
    // Report 1: the first batch, two figures from two sources in one report.
    let mut v1 = op("ongoing");
    v1.attribution = vec![actor("XXXGOVMED", None)];
    let mut b1 = batch(1, "departed", Some("2020-03-02"));
    b1.people = Some(count("people", 1100));
    b1.buses = Some(count("buses", 20));
    let mut b1b = batch(1, "departed", None);
    b1b.people = Some(count("people", 1300));
    v1.batches = vec![b1, b1b];
    // Report 2: the first batch again with another count, the second batch, a total.
    let mut v2 = op("ongoing");
    v2.attribution = vec![actor("YYYMIL", None)];
    let mut b1c = batch(1, "arrived", Some("2020-03-02"));
    b1c.people = Some(count("people", 1250));
    let mut b2 = batch(2, "departed", Some("2020-03-03"));
    b2.fighters = Some(count("fighters", 300));
    v2.batches = vec![b1c, b2];
    v2.totals = vec![count("people", 4000)];
    v2.date = Some(day("2020-03-04"));
    // Report 3: the third batch halted.
    let mut v3 = op("stalled");
    v3.batches = vec![batch(3, "stalled", Some("2020-03-05"))];
    let reports = vec![
        with(report("r3", "2020-03-06", vec![]), v3),
        with(report("r2", "2020-03-04", vec![]), v2),
        with(report("r1", "2020-03-02", vec![]), v1),
    ];
    let p = track(&reports);
    assert_eq!(p.evacuations.len(), 1, "{:#?}", p.evacuations);
    let e = &p.evacuations[0];
    assert_eq!(e.batches.len(), 3);
    let b = &e.batches[0];
    assert_eq!(b.ordinal, 1);
    assert_eq!(b.versions.len(), 2, "one version per report");
    assert_eq!(b.versions[0].report, "r1");
    assert_eq!(b.versions[0].people.as_ref().unwrap().value, 1100);
    assert_eq!(b.versions[0].other_figures[0].value, 1300);
    assert_eq!(b.versions[0].buses.as_ref().unwrap().value, 20);
    assert_eq!(b.versions[0].source[0].code, "XXXGOVMED");
    assert_eq!(b.versions[1].people.as_ref().unwrap().value, 1250);
    assert_eq!(b.status, "arrived", "the latest report's status");
    assert_eq!(
        b.date.as_ref().unwrap().value.as_deref(),
        Some("2020-03-02")
    );
    assert_eq!(
        e.batches[1].versions[0].fighters.as_ref().unwrap().value,
        300
    );
    assert_eq!(e.batches[2].status, "stalled");
    assert_eq!(e.totals.len(), 1);
    assert_eq!(e.totals[0].people.value, 4000);
    assert_eq!(e.totals[0].report, "r2");
    assert_eq!(e.totals[0].source[0].code, "YYYMIL");
    let sh: Vec<(&str, &str)> = e
        .status_history
        .iter()
        .map(|s| {
            (
                s.date.as_ref().unwrap().value.as_deref().unwrap(),
                s.status.as_str(),
            )
        })
        .collect();
    // The halt is dated by its halted batch, not by the report.
    assert_eq!(
        sh,
        vec![
            ("2020-03-02", "ongoing"),
            ("2020-03-04", "ongoing"),
            ("2020-03-05", "stalled")
        ]
    );
    assert_eq!(e.status, "stalled");
    assert_eq!(e.destinations[0].name, "Delta");
    assert_eq!(e.reports, vec!["r1", "r2", "r3"]);
}

#[test]
fn other_groups_or_origins_are_other_operations() {
    let reports = vec![
        with(report("r1", "2020-03-02", vec![]), op("ongoing")),
        with(
            report("r2", "2020-03-02", vec![]),
            evacuation(group("south-front"), alpha(), "ongoing"),
        ),
        with(
            report("r3", "2020-03-02", vec![]),
            evacuation(group("north-brigade"), delta(), "ongoing"),
        ),
        with(
            report("r4", "2020-03-03", vec![]),
            evacuation(group("north-brigade"), valley(), "completed"),
        ),
    ];
    let p = track(&reports);
    assert_eq!(p.evacuations.len(), 3, "{:#?}", p.evacuations);
    let main = p
        .evacuations
        .iter()
        .find(|e| e.reports.contains(&"r1".to_string()))
        .unwrap();
    assert_eq!(main.reports, vec!["r1", "r4"], "the region holds the town");
}
