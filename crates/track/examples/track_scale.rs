//! Build a tracker over synthetic reports and time it: `cargo run --release -p raqib-track
//! --example track_scale -- 100000`.

use std::time::Instant;

use raqib_track::{synth, Tracker};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let reports = synth::reports(1, n);
    let events: usize = reports.iter().map(|r| r.events.len()).sum();
    println!(
        "generated {n} reports, {events} events in {:.2?}",
        t.elapsed()
    );
    let t = Instant::now();
    let tracker = Tracker::from_reports(&reports);
    println!(
        "rebuild: {} incidents, {} agreements, {} evacuations in {:.2?}",
        tracker.incident_count(),
        tracker.agreement_count(),
        tracker.evacuation_count(),
        t.elapsed()
    );
    println!("{:?}", tracker.stats());
    let t = Instant::now();
    let p = tracker.picture();
    println!(
        "picture: {} incidents out in {:.2?}",
        p.incidents.len(),
        t.elapsed()
    );
    let multi = p.incidents.iter().filter(|i| i.reports.len() > 1).count();
    let max = p
        .incidents
        .iter()
        .map(|i| i.versions.len())
        .max()
        .unwrap_or(0);
    println!("incidents told by several reports: {multi}; largest: {max} versions");
    let fresh = synth::reports(2, 1000);
    let mut tracker = tracker;
    let t = Instant::now();
    for r in fresh {
        tracker.add(r);
    }
    println!("incremental: 1000 adds in {:.2?}", t.elapsed());
}
