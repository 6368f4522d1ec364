//! Ingest throughput (events/s) into SQLite, and into PostgreSQL when `RAQIB_TEST_PG_URL` is
//! set. Reports are generated at bench time (`raqib_store::synth`), never stored.
//!
//! `cargo bench -p raqib-store --bench ingest`. Query latency at 1 M events is measured by
//! `examples/store_scale.rs` (criterion at that size is too slow).

use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use raqib_store::synth;

/// The `raqib` binary's allocator (crates/cli/src/main.rs): ingest through it is what this
/// measures. SQLite allocates for every bound text and page; with the system allocator malloc
/// and free were a fifth of an ingest's instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const REPORTS: usize = 2_000;

fn bench(c: &mut Criterion) {
    let seed = AtomicU64::new(1);
    let sample = synth::reports(0, REPORTS, 5);
    let events: usize = sample.iter().map(|r| r.events.len()).sum();
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    g.throughput(Throughput::Elements(events as u64));
    g.bench_function("sqlite", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let s = raqib_store::open(dir.path().join("b.db").to_str().unwrap()).unwrap();
                (dir, s, sample.clone())
            },
            |(dir, mut s, reports)| {
                for batch in reports.chunks(500) {
                    s.ingest(batch).unwrap();
                }
                (dir, s)
            },
            BatchSize::PerIteration,
        )
    });
    if let Some(url) = std::env::var("RAQIB_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        let sep = if url.contains('?') { '&' } else { '?' };
        let mut s = raqib_store::open(&format!("{url}{sep}schema=bench_ingest")).unwrap();
        g.bench_function("postgres", |b| {
            b.iter_batched(
                // Fresh ids each iteration (a new seed), so every report is new.
                || synth::reports(seed.fetch_add(1, Ordering::Relaxed) + 100, REPORTS, 5),
                |reports| {
                    for batch in reports.chunks(500) {
                        s.ingest(batch).unwrap();
                    }
                },
                BatchSize::PerIteration,
            )
        });
        drop(s);
        if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
            let _ = c.batch_execute("DROP SCHEMA IF EXISTS bench_ingest CASCADE");
        }
    } else {
        eprintln!("postgres: skipped: RAQIB_TEST_PG_URL not set");
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
