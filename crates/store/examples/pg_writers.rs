//! PostgreSQL ingest rate with 1, 2 and 4 concurrent writers (a connection each, disjoint
//! synthetic reports, the same total for every writer count), into a fresh schema per run.
//!
//! ```text
//! cargo run --release -p raqib-store --example pg_writers -- postgres://… [REPORTS] [BATCH]
//! ```
//!
//! Prints events/s per writer count. Reports are generated before the clock starts.

use std::time::Instant;

use raqib_store::synth;

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .or_else(|| std::env::var("RAQIB_TEST_PG_URL").ok())
        .expect("a postgres:// URL");
    let total: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(8000);
    let batch: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(500);
    let sep = if url.contains('?') { '&' } else { '?' };
    for writers in [1usize, 2, 4] {
        let schema = format!("writers_{writers}");
        let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .unwrap();
        let db = format!("{url}{sep}schema={schema}");
        drop(raqib_store::open(&db).unwrap());
        let parts: Vec<_> = (0..writers)
            .map(|w| synth::reports(500 + w as u64, total / writers, 5))
            .collect();
        let t = Instant::now();
        let events: u64 = std::thread::scope(|s| {
            let hs: Vec<_> = parts
                .iter()
                .map(|reports| {
                    let db = db.clone();
                    s.spawn(move || {
                        let mut store = raqib_store::open(&db).unwrap();
                        let mut n = 0;
                        for b in reports.chunks(batch) {
                            n += store.ingest(b).unwrap().events;
                        }
                        n
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum()
        });
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{writers} writer(s): {events} events in {secs:.2}s = {:.0} events/s",
            events as f64 / secs
        );
        c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .unwrap();
    }
}
