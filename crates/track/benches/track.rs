//! Tracking at 100 000 reports (generated at bench time by `raqib_track::synth`, never
//! stored): adding one report to a tracker that holds them (incremental), and rebuilding the
//! whole picture from them (batch: linking, clustering and building every record).
//!
//! `cargo bench -p raqib-track --bench track`; `RAQIB_TRACK_BENCH_REPORTS` changes the size.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use raqib_track::{synth, track, Tracker};

fn size() -> usize {
    std::env::var("RAQIB_TRACK_BENCH_REPORTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

fn bench(c: &mut Criterion) {
    let n = size();
    let base = synth::reports(1, n);
    let events: usize = base.iter().map(|r| r.events.len()).sum();
    let t0 = Instant::now();
    let mut tracker = Tracker::from_reports(&base);
    eprintln!(
        "track bench: {n} reports, {events} events -> {} incidents, {} agreements, {} evacuations (built in {:.2?})",
        tracker.incident_count(),
        tracker.agreement_count(),
        tracker.evacuation_count(),
        t0.elapsed()
    );
    // New reports spread over the same days, so they link into what is there; each is removed
    // again after its add is timed, so the tracker stays at `n` reports.
    let fresh = synth::reports(2, n);
    let next = AtomicUsize::new(0);
    let mut g = c.benchmark_group("track");
    g.sample_size(10);
    g.bench_function(format!("add_one_report_into_{n}"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let i = next.fetch_add(7919, Ordering::Relaxed) % fresh.len();
                let r = fresh[i].clone();
                let id = r.id.clone();
                let t = Instant::now();
                tracker.add(r);
                total += t.elapsed();
                tracker.remove(&id);
            }
            total
        })
    });
    g.bench_function(format!("rebuild_{n}"), |b| {
        b.iter_batched(|| base.clone(), |rs| track(&rs), BatchSize::PerIteration)
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
