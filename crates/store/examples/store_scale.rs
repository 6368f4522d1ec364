//! Ingest speed and dashboard query latency at scale (default 1 M events).
//!
//! ```text
//! cargo run --release -p raqib-store --example store_scale -- [EVENTS] [DB]
//! cargo run --release -p raqib-store --example store_scale -- 1000000 postgres://…?schema=scale
//! ```
//!
//! Generates synthetic coded reports on the fly (5 events a report on average), ingests them
//! in batches of 1,000 reports, then times three dashboard queries 200 times each with varied
//! parameters and prints p50/p99:
//! 1. events in a 30-day range with a PLOVER type, page 1 (50 rows);
//! 2. event counts by day for a PLOVER type over a year;
//! 3. events within 25 km of a point, page 1;
//!
//! and two filters of the events table: 4. events of an actor (a code prefix, in any role),
//! page 1; 5. events at a place (by name), page 1.
//!
//! Knobs for experiments: `RAQIB_SCALE_NO_QUERIES=1` stops after ingest;
//! `RAQIB_SCALE_DROP=idx1,idx2` drops those SQLite indexes first (to price an index);
//! `RAQIB_SCALE_REUSE=1` queries a store already filled (no ingest; give the SQLite file or
//! PostgreSQL URL).
//!
//! On PostgreSQL it then prints `EXPLAIN` of the three queries' key selections and fails
//! when one reads `events` with a sequential scan (the plans must use the indexes).

use std::time::{Duration, Instant};

use raqib_store::synth::{self, Rng, PLACES};
use raqib_store::{Filter, Near, Page};

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let target: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let db = args.next().unwrap_or_else(|| {
        let p = std::env::temp_dir().join("raqib-scale.db");
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
        }
        p.display().to_string()
    });
    let mut store = raqib_store::open(&db).expect("open store");
    if let Ok(list) = std::env::var("RAQIB_SCALE_DROP") {
        let c = rusqlite::Connection::open(&db).unwrap();
        for ix in list.split(',') {
            c.execute_batch(&format!("DROP INDEX IF EXISTS {ix}"))
                .unwrap();
        }
    }
    println!("backend: {}  store: {db}", store.backend());
    let (mut events, mut chunk, mut busy) = (0u64, 0u64, Duration::ZERO);
    let t_all = Instant::now();
    let reuse = std::env::var_os("RAQIB_SCALE_REUSE").is_some();
    while !reuse && (events as usize) < target {
        // Generate outside the timed section; ids are unique per chunk (the seed).
        let reports = synth::reports(1000 + chunk, 20_000, 5);
        chunk += 1;
        for batch in reports.chunks(1000) {
            let t = Instant::now();
            let st = store.ingest(batch).expect("ingest");
            busy += t.elapsed();
            events += st.events;
            if events as usize >= target {
                break;
            }
        }
        eprintln!(
            "  {events} events, {:.0} events/s so far",
            events as f64 / busy.as_secs_f64()
        );
    }
    if !reuse {
        println!(
            "ingest: {events} events in {:.1}s of ingest calls ({:.0} events/s); wall {:.1}s",
            busy.as_secs_f64(),
            events as f64 / busy.as_secs_f64(),
            t_all.elapsed().as_secs_f64()
        );
    }
    let st = store.stats().unwrap();
    println!(
        "store: {} reports, {} versions, {} current events, {} stories",
        st.reports, st.versions, st.events, st.stories
    );

    if std::env::var_os("RAQIB_SCALE_NO_QUERIES").is_some() {
        return;
    }
    if raqib_store::is_postgres_url(&db) {
        explain_pg(&db);
    }
    let mut rng = Rng::new(99);
    let base = chrono::NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
    let day = |d: i64| {
        (base + chrono::Duration::days(d))
            .format("%Y-%m-%d")
            .to_string()
    };
    let plovers = ["ASSAULT", "PROTEST", "RETREAT", "ACCUSE", "AGREE"];
    let runs = 200;
    let mut q1 = Vec::new();
    let mut q2 = Vec::new();
    let mut q3 = Vec::new();
    let (mut q4, mut q5) = (Vec::new(), Vec::new());
    let (mut n1, mut n2, mut n3, mut n4, mut n5) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let actors = ["SYRGOVMIL", "SYRREB", "RUSMIL", "SYR", "TURMIL", "IRQ"];
    for _ in 0..runs {
        let d0 = rng.below(700) as i64;
        let f = Filter {
            from: Some(day(d0)),
            to: Some(day(d0 + 30)),
            plover: Some(rng.pick(&plovers).to_string()),
            ..Default::default()
        };
        let t = Instant::now();
        n1 += store.query(&f, &Page::default()).unwrap().len();
        q1.push(t.elapsed());

        let d0 = rng.below(365) as i64;
        let f = Filter {
            from: Some(day(d0)),
            to: Some(day(d0 + 365)),
            plover: Some(rng.pick(&plovers).to_string()),
            ..Default::default()
        };
        let t = Instant::now();
        n2 += store.count_by_day(&f).unwrap().len();
        q2.push(t.elapsed());

        let (_, _, lat, lon) = *rng.pick(PLACES);
        let f = Filter {
            near: Some(Near { lat, lon, km: 25.0 }),
            ..Default::default()
        };
        let t = Instant::now();
        n3 += store.query(&f, &Page::default()).unwrap().len();
        q3.push(t.elapsed());

        let f = Filter {
            actor: Some(rng.pick(&actors).to_string()),
            ..Default::default()
        };
        let t = Instant::now();
        n4 += store.query(&f, &Page::default()).unwrap().len();
        q4.push(t.elapsed());

        let (name, _, _, _) = *rng.pick(PLACES);
        let f = Filter {
            place: Some(name.to_string()),
            ..Default::default()
        };
        let t = Instant::now();
        n5 += store.query(&f, &Page::default()).unwrap().len();
        q5.push(t.elapsed());
    }
    for (name, v, n) in [
        ("date range + type, page 1", &mut q1, n1),
        ("counts by day for a type (1 year)", &mut q2, n2),
        ("near a point (25 km), page 1", &mut q3, n3),
        ("an actor (code prefix), page 1", &mut q4, n4),
        ("a place (by name), page 1", &mut q5, n5),
    ] {
        println!(
            "query {name:<36} p50 {:>8.2?}  p99 {:>8.2?}  ({:.0} rows avg)",
            pct(v, 0.5),
            pct(v, 0.99),
            n as f64 / runs as f64
        );
    }
}

/// `EXPLAIN` the dashboard queries' key selections on PostgreSQL (after `ANALYZE`) and fail
/// on a sequential scan of `events`.
fn explain_pg(db: &str) {
    let (url, schema) = match db.split_once("schema=") {
        Some((u, s)) => (
            u.trim_end_matches(['?', '&']).to_string(),
            s.split('&').next().unwrap().to_string(),
        ),
        None => (db.to_string(), "public".to_string()),
    };
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("SET search_path TO {schema}; ANALYZE events"))
        .unwrap();
    let queries = [
        (
            "date range + type, page 1",
            "SELECT e.ek FROM events e WHERE e.current = 1 AND e.date >= '2017-06-01' AND \
             e.date <= '2017-07-01' AND e.plover = 'ASSAULT' \
             ORDER BY e.date DESC NULLS LAST, e.ek DESC LIMIT 50",
        ),
        (
            "counts by day for a type (1 year)",
            "SELECT e.date, count(*) FROM events e WHERE e.current = 1 AND \
             e.date >= '2017-03-01' AND e.date <= '2018-03-01' AND e.plover = 'PROTEST' \
             AND e.date IS NOT NULL GROUP BY e.date ORDER BY e.date",
        ),
        (
            "near a point (one cell of the union)",
            "SELECT e.ek FROM events e WHERE e.current = 1 AND e.cell = 178519 AND \
             e.lat BETWEEN 33.3 AND 33.7 AND e.lon BETWEEN 36.0 AND 36.5 \
             ORDER BY e.date DESC NULLS LAST, e.ek DESC LIMIT 50",
        ),
    ];
    let mut bad = Vec::new();
    for (name, q) in queries {
        let plan: Vec<String> = c
            .query(&format!("EXPLAIN {q}"), &[])
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect();
        println!("EXPLAIN {name}:");
        for l in &plan {
            println!("    {l}");
        }
        let seq = plan.iter().any(|l| l.contains("Seq Scan on events"));
        let cover = plan
            .iter()
            .any(|l| l.contains("Index Only Scan using events_cell_cover"));
        if seq || (name.starts_with("near") && !cover) {
            bad.push(name);
        }
    }
    assert!(bad.is_empty(), "sequential scans of events in: {bad:?}");
}
