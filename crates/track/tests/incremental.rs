//! The picture depends on the set of reports only: any order, repeats, incremental adds,
//! revisions and removals give what a rebuild from scratch gives.

mod common;

use common::*;
use proptest::prelude::*;
use raqib_core::{Plover, Report, Status};
use raqib_track::{synth, track, Tracker};

/// A small world with every kind of record and links within and across reports.
fn fixtures() -> Vec<Report> {
    let g = || group("north-brigade");
    let mut r1 = report(
        "r1",
        "2020-03-01",
        vec![
            ev("deal", Plover::Agree)
                .src(g())
                .tgt(actor("XXXGOV", None))
                .at(alpha())
                .on("2020-03-01")
                .said(actor("XXXGOV", None)),
            ev("talks", Plover::Consult)
                .src(actor("YYYMIL", None))
                .tgt(g())
                .at(alpha()),
        ],
    );
    r1.agreements.push(agreement(
        vec![g(), actor("XXXGOV", None)],
        "agreed",
        vec![alpha()],
    ));
    let r2 = report(
        "r2",
        "2020-03-01",
        vec![ev("deal", Plover::Agree)
            .src(g())
            .tgt(actor("YYY", None))
            .at(alpha())
            .on("2020-03-01")
            .said(g())
            .denied(g())],
    );
    let mut r3 = report(
        "r3",
        "2020-03-02",
        vec![ev("leave", Plover::Retreat)
            .src(g())
            .mode("withdraw")
            .at(alpha())
            .on("2020-03-02")
            .qty(nth("batch", 1))],
    );
    let mut v = evacuation(g(), alpha(), "ongoing");
    v.batches = vec![batch(1, "departed", Some("2020-03-02"))];
    r3.evacuations.push(v);
    r3.agreements
        .push(agreement(vec![g()], "implementing", vec![alpha()]));
    let mut r4 = report(
        "r4",
        "2020-03-06",
        vec![
            ev("shell", Plover::Assault)
                .src(g())
                .at(beta())
                .on("2020-03-06")
                .said(army()),
            ev("strikes", Plover::Assault)
                .src(army())
                .at(alpha())
                .said(army()),
            ev("halt", Plover::Retreat)
                .src(g())
                .at(alpha())
                .on("2020-03-05")
                .status(Status::Stalled)
                .qty(nth("batch", 2)),
        ],
    );
    let mut v = evacuation(g(), alpha(), "stalled");
    v.batches = vec![batch(2, "stalled", Some("2020-03-05"))];
    r4.evacuations.push(v);
    r4.agreements
        .push(agreement(vec![g()], "stalled", vec![valley()]));
    let r5 = report(
        "r5",
        "2020-03-07",
        vec![
            ev("shell", Plover::Assault)
                .src(g())
                .at(alpha())
                .on("2020-03-06")
                .said(army()),
            ev("strikes", Plover::Assault)
                .src(army())
                .at(alpha())
                .on("2020-03-06")
                .said(actor("XXXMIL", Some("army"))),
            ev("other", Plover::Assault)
                .src(group("south-front"))
                .at(gamma())
                .on("2020-03-06"),
        ],
    );
    let r6 = report(
        "r6",
        "2020-03-07",
        vec![ev("killed", Plover::Assault)
            .at(inferred(alpha()))
            .on("2020-03-06")
            .said(actor("XXXNGO", None))
            .qty(count("killed", 4))],
    );
    vec![r1, r2, r3, r4, r5, r6]
}

fn incremental(reports: &[Report]) -> Tracker {
    let mut t = Tracker::new();
    for r in reports {
        t.add(r.clone());
    }
    t
}

#[test]
fn every_order_gives_the_same_picture() {
    let rs = fixtures();
    let want = track(&rs);
    assert!(want.incidents.len() < rs.iter().map(|r| r.events.len()).sum::<usize>());
    assert_eq!(want.agreements.len(), 1);
    assert_eq!(want.evacuations.len(), 1);
    // All 720 orders, batch and incremental.
    let mut idx: Vec<usize> = (0..rs.len()).collect();
    let mut n = 0;
    permute(&mut idx, 0, &mut |order| {
        let shuffled: Vec<Report> = order.iter().map(|&i| rs[i].clone()).collect();
        assert_eq!(track(&shuffled), want, "batch, order {order:?}");
        assert_eq!(
            incremental(&shuffled).picture(),
            want,
            "incremental, order {order:?}"
        );
        n += 1;
    });
    assert_eq!(n, 720);
}

fn permute(v: &mut Vec<usize>, k: usize, f: &mut impl FnMut(&[usize])) {
    if k == v.len() {
        f(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permute(v, k + 1, f);
        v.swap(k, i);
    }
}

#[test]
fn a_report_given_twice_counts_once() {
    let rs = fixtures();
    let want = track(&rs);
    let mut twice = rs.clone();
    twice.extend(rs.iter().rev().cloned());
    assert_eq!(track(&twice), want);
    assert_eq!(incremental(&twice).picture(), want);
    assert_eq!(incremental(&twice).len(), rs.len());
}

#[test]
fn a_revised_report_replaces_the_old_one_and_removal_forgets_it() {
    let rs = fixtures();
    let mut t = incremental(&rs);
    // Revise r5: its shelling moves to a far town.
    let mut r5 = rs[4].clone();
    r5.events[0].location = vec![delta()];
    r5.text_sha256 = "revised".into();
    t.add(r5.clone());
    let mut revised = rs.clone();
    revised[4] = r5;
    assert_eq!(t.picture(), track(&revised));
    // Remove r3.
    assert!(t.remove("r3"));
    assert!(!t.remove("r3"));
    revised.remove(2);
    assert_eq!(t.picture(), track(&revised));
}

#[test]
fn the_fixture_world_is_linked_as_expected() {
    let p = track(&fixtures());
    let has = |reports: &[&str], plover: Plover| {
        p.incidents
            .iter()
            .any(|i| i.plover == plover && i.reports == reports)
    };
    assert!(has(&["r1", "r2"], Plover::Agree), "{:#?}", p.incidents);
    assert!(has(&["r4", "r5"], Plover::Assault));
    let a = &p.agreements[0];
    assert_eq!(a.history.len(), 3);
    assert_eq!(a.status, "stalled");
    let e = &p.evacuations[0];
    assert_eq!(e.batches.len(), 2);
    assert_eq!(e.status, "stalled");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Synthetic reports added one by one in a random order (some twice, some revised, some
    /// removed) give the picture a rebuild from the final set gives.
    #[test]
    fn incremental_equals_batch(seed in 0u64..1000, n in 20usize..160, shuffle in any::<u64>()) {
        let rs = synth::reports(seed, n);
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = synth::Rng::new(shuffle);
        for i in (1..n).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut t = Tracker::new();
        let mut current: Vec<Report> = Vec::new();
        for (k, &i) in order.iter().enumerate() {
            t.add(rs[i].clone());
            current.push(rs[i].clone());
            if k % 7 == 3 {
                // The same report again.
                t.add(rs[i].clone());
            }
            if k % 11 == 5 {
                // A revision: drop its first event.
                let mut r = rs[i].clone();
                r.events.remove(0);
                t.add(r.clone());
                current.retain(|x| x.id != r.id);
                current.push(r);
            }
            if k % 13 == 9 {
                let gone = current.remove(0);
                prop_assert!(t.remove(&gone.id));
            }
        }
        prop_assert_eq!(t.picture(), track(&current));
        prop_assert_eq!(Tracker::from_reports(&current).picture(), track(&current));
    }
}
