//! Linking events into incidents: the rules, one at a time, on hand-written reports.

mod common;

use common::*;
use raqib_core::track::Incident;
use raqib_core::{Plover, Report, Status};
use raqib_track::{track, Tracker};

fn incidents(reports: &[Report]) -> Vec<Incident> {
    track(reports).incidents
}

fn linked(reports: &[Report]) -> bool {
    let inc = incidents(reports);
    let n: usize = reports.iter().map(|r| r.events.len()).sum();
    assert!(n >= 2);
    inc.len() < n
}

fn shelling(id: &str) -> E {
    ev(id, Plover::Assault)
        .src(group("north-brigade"))
        .mode("heavy-weapons")
}

#[test]
fn one_event_told_by_two_reports_is_one_incident_with_both_versions() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1")
            .at(alpha())
            .on("2020-03-06")
            .said(army())
            .qty(count("killed", 5))],
    );
    let r2 = report(
        "r2",
        "2020-03-07",
        vec![shelling("e1")
            .at(alpha())
            .on("2020-03-06")
            .said(actor("XXXMED", None))
            .denied(group("north-brigade"))
            .qty(count("killed", 7))],
    );
    let inc = incidents(&[r2.clone(), r1.clone()]);
    assert_eq!(inc.len(), 1, "{inc:#?}");
    let i = &inc[0];
    assert_eq!(i.reports, vec!["r1", "r2"]);
    assert_eq!(i.plover, Plover::Assault);
    assert_eq!(
        i.date.as_ref().unwrap().value.as_deref(),
        Some("2020-03-06")
    );
    assert_eq!(i.versions.len(), 2);
    // Who claims and who denies, never averaged away.
    let claimers: Vec<&str> = i.claimed_by.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(claimers, vec!["XXXMIL", "XXXMED"]);
    assert_eq!(i.denied_by.len(), 1);
    assert_eq!(i.versions[1].status, Status::Disputed);
    // Both counts kept, each with its report.
    assert_eq!(i.versions[0].quantities[0].value, 5);
    assert_eq!(i.versions[1].quantities[0].value, 7);
    assert_eq!(i.location[0].name, "Alpha");
    assert!(i.id.starts_with("inc-"));
}

#[test]
fn places_far_apart_are_different_incidents() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let r2 = report(
        "r2",
        "2020-03-06",
        vec![shelling("e1").at(delta()).on("2020-03-06")],
    );
    assert!(!linked(&[r1, r2]));
}

#[test]
fn days_two_apart_are_different_incidents_adjacent_days_are_not() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let r2 = report(
        "r2",
        "2020-03-08",
        vec![shelling("e1").at(alpha()).on("2020-03-08")],
    );
    assert!(!linked(&[r1.clone(), r2]));
    let r3 = report(
        "r3",
        "2020-03-07",
        vec![shelling("e1").at(alpha()).on("2020-03-07")],
    );
    assert!(linked(&[r1, r3]));
}

#[test]
fn different_parties_acting_are_different_incidents() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let r2 = report(
        "r2",
        "2020-03-06",
        vec![ev("e1", Plover::Assault)
            .src(army())
            .at(alpha())
            .on("2020-03-06")],
    );
    assert!(!linked(&[r1, r2]));
}

#[test]
fn a_different_type_is_a_different_incident() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let r2 = report(
        "r2",
        "2020-03-06",
        vec![ev("e1", Plover::Protest)
            .src(group("north-brigade"))
            .at(alpha())
            .on("2020-03-06")],
    );
    assert!(!linked(&[r1, r2]));
}

#[test]
fn a_nearby_town_or_the_region_holding_it_is_the_same_place() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let near = report(
        "r2",
        "2020-03-06",
        vec![shelling("e1").at(beta()).on("2020-03-06")],
    );
    assert!(linked(&[r1.clone(), near]));
    let held = report(
        "r3",
        "2020-03-06",
        vec![shelling("e1").at(valley()).on("2020-03-06")],
    );
    assert!(linked(&[r1.clone(), held]));
    // Gamma is 10 km away but in another province, and the Valley does not hold it.
    let g = report(
        "r4",
        "2020-03-06",
        vec![shelling("e1").at(gamma()).on("2020-03-06")],
    );
    let v = report(
        "r5",
        "2020-03-06",
        vec![shelling("e1").at(valley()).on("2020-03-06")],
    );
    assert!(!linked(&[g, v]));
}

#[test]
fn a_place_guessed_from_context_does_not_refute_a_link() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let r2 = report(
        "r2",
        "2020-03-06",
        vec![shelling("e1").at(inferred(delta())).on("2020-03-06")],
    );
    assert!(linked(&[r1, r2]));
}

#[test]
fn an_undated_event_is_dated_by_its_report() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let r2 = report("r2", "2020-03-07", vec![shelling("e1").at(alpha())]);
    let inc = incidents(&[r1.clone(), r2.clone()]);
    assert_eq!(inc.len(), 1);
    assert_eq!(
        inc[0].date.as_ref().unwrap().value.as_deref(),
        Some("2020-03-06")
    );
    assert_eq!(
        inc[0].versions[1].date, None,
        "a version keeps what its report says"
    );
    // A report a week later is not "the same day".
    let r3 = report("r3", "2020-03-14", vec![shelling("e1").at(alpha())]);
    assert!(!linked(&[r1, r3]));
}

#[test]
fn one_report_telling_two_sides_claims_keeps_them_apart() {
    let r = report(
        "r1",
        "2020-03-06",
        vec![
            shelling("e1").at(alpha()).on("2020-03-06").said(army()),
            shelling("e2")
                .at(alpha())
                .on("2020-03-06")
                .said(actor("YYYMIL", None)),
        ],
    );
    assert_eq!(incidents(&[r]).len(), 2);
    // A headline and its lead told by one speaker are one event.
    let r = report(
        "r2",
        "2020-03-06",
        vec![
            shelling("e1").at(alpha()).on("2020-03-06").said(army()),
            shelling("e2").at(alpha()).said(army()),
        ],
    );
    assert_eq!(incidents(&[r]).len(), 1);
}

#[test]
fn an_event_without_an_actor_needs_more_than_a_day_and_a_place() {
    let sourced = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1").at(alpha()).on("2020-03-06")],
    );
    let anonymous = report(
        "r2",
        "2020-03-06",
        vec![ev("e1", Plover::Assault)
            .at(alpha())
            .on("2020-03-06")
            .qty(count("killed", 3))],
    );
    assert!(!linked(&[sourced.clone(), anonymous.clone()]));
    // The same count makes it the same event.
    let counted = report(
        "r1",
        "2020-03-06",
        vec![shelling("e1")
            .at(alpha())
            .on("2020-03-06")
            .qty(count("killed", 3))],
    );
    assert!(linked(&[counted, anonymous.clone()]));
    // Two anonymous accounts of one day and place are one event.
    let other = report(
        "r3",
        "2020-03-07",
        vec![ev("e1", Plover::Assault).at(alpha()).on("2020-03-06")],
    );
    assert!(linked(&[anonymous, other]));
}

#[test]
fn different_ordinals_or_modes_are_different_acts() {
    let r = report(
        "r1",
        "2020-03-06",
        vec![
            ev("e1", Plover::Retreat)
                .src(group("north-brigade"))
                .at(alpha())
                .on("2020-03-06")
                .qty(nth("batch", 2)),
            ev("e2", Plover::Retreat)
                .src(group("north-brigade"))
                .at(alpha())
                .on("2020-03-06")
                .qty(nth("batch", 3)),
        ],
    );
    assert_eq!(incidents(&[r]).len(), 2);
    let r = report(
        "r2",
        "2020-03-06",
        vec![
            ev("e1", Plover::Retreat)
                .src(group("north-brigade"))
                .mode("withdraw")
                .at(alpha())
                .on("2020-03-06"),
            ev("e2", Plover::Retreat)
                .src(group("north-brigade"))
                .mode("disarm")
                .at(alpha())
                .on("2020-03-06"),
        ],
    );
    assert_eq!(incidents(&[r]).len(), 2);
}

#[test]
fn links_do_not_chain_across_days() {
    // The same shelling every day: each day is its own incident, not one long chain.
    let reports: Vec<Report> = ["2020-03-05", "2020-03-06", "2020-03-07", "2020-03-08"]
        .iter()
        .enumerate()
        .map(|(i, d)| report(&format!("r{i}"), d, vec![shelling("e1").at(alpha()).on(d)]))
        .collect();
    let inc = incidents(&reports);
    assert_eq!(inc.len(), 2, "{inc:#?}");
    for i in &inc {
        assert_eq!(i.versions.len(), 2);
    }
}

#[test]
fn a_mutual_act_matches_either_side() {
    let clash = report(
        "r1",
        "2020-03-06",
        vec![ev("e1", Plover::Assault)
            .src(group("north-brigade"))
            .tgt(army())
            .mutual()
            .at(alpha())
            .on("2020-03-06")],
    );
    let by_army = report(
        "r2",
        "2020-03-06",
        vec![ev("e1", Plover::Assault)
            .src(army())
            .at(alpha())
            .on("2020-03-06")],
    );
    assert!(linked(&[clash, by_army]));
}

#[test]
fn explain_says_why_versions_are_linked_and_others_are_not() {
    let r1 = report(
        "r1",
        "2020-03-06",
        vec![
            shelling("e1").at(alpha()).on("2020-03-06").said(army()),
            ev("e2", Plover::Assault)
                .src(army())
                .at(alpha())
                .on("2020-03-06"),
        ],
    );
    let r2 = report(
        "r2",
        "2020-03-07",
        vec![shelling("e1").at(beta()).on("2020-03-06")],
    );
    let t = Tracker::from_reports(&[r1, r2]);
    let inc = t
        .incidents()
        .into_iter()
        .find(|i| i.versions.len() == 2)
        .unwrap();
    let x = t.explain(&inc.id).unwrap();
    assert_eq!(x.versions.len(), 2);
    assert!(x.versions[0].links.is_empty());
    let link = &x.versions[1].links[0];
    assert!(link.linked);
    let text = link.reasons.join("\n");
    assert!(text.contains("acts in both"), "{text}");
    assert!(text.contains("km apart"), "{text}");
    assert_eq!(x.not_linked.len(), 1);
    assert!(x.not_linked[0]
        .reasons
        .join(" ")
        .contains("no party acts in both"));
    assert!(t.explain("inc-nothing").is_none());
}
