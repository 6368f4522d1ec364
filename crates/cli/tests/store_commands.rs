//! `raqib ingest | query | export | edit | review` end to end on a SQLite store.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use raqib_store::synth;

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("raqib-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn raqib(db: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_raqib"));
    c.args(args).arg("--db").arg(db);
    c.output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn ingest_query_export_edit_review() {
    let dir = tmp_dir("cmds");
    let data = dir.join("coded.jsonl");
    let reports = synth::reports(11, 60, 3);
    let mut f = std::fs::File::create(&data).unwrap();
    for r in &reports {
        writeln!(f, "{}", serde_json::to_string(r).unwrap()).unwrap();
    }
    drop(f);
    let db = dir.join("s.db");
    let out = raqib(&db, &["ingest", data.to_str().unwrap()]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("new reports"));
    // Idempotent: a second run stores nothing new.
    let again = raqib(&db, &["ingest", data.to_str().unwrap()]);
    ok(&again);
    assert!(String::from_utf8_lossy(&again.stderr).contains("stored 0 new reports"));

    let count: u64 = ok(&raqib(&db, &["query", "--count"]))
        .trim()
        .parse()
        .unwrap();
    assert!(count > 60, "{count}");
    let assault: u64 = ok(&raqib(&db, &["query", "--count", "--plover", "ASSAULT"]))
        .trim()
        .parse()
        .unwrap();
    assert!(assault > 0 && assault < count);
    let lines = ok(&raqib(
        &db,
        &[
            "query", "--format", "jsonl", "--plover", "ASSAULT", "--limit", "5",
        ],
    ));
    assert_eq!(lines.lines().count(), 5);
    let first: raqib_store::StoredEvent =
        serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first.event.plover, raqib_core::Plover::Assault);
    let table = ok(&raqib(&db, &["query", "--format", "table", "--limit", "3"]));
    assert!(table.starts_with("date"), "{table}");
    assert_eq!(table.lines().count(), 4);
    // Bad flags are usage errors (exit 2), all reported at once.
    let bad = raqib(&db, &["query", "--plover", "BOMB", "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("--plover") && err.contains("--from"), "{err}");

    // Export.
    let csv_path = dir.join("out.csv");
    ok(&raqib(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "-o",
            csv_path.to_str().unwrap(),
        ],
    ));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("event_id_cnty,event_date,year,time_precision,event_type"));
    let gj = ok(&raqib(
        &db,
        &["export", "--format", "geojson", "--plover", "ASSAULT"],
    ));
    let v: serde_json::Value = serde_json::from_str(&gj).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len() as u64, assault);
    assert_eq!(
        raqib(&db, &["export", "--format", "parquet"]).status.code(),
        Some(2)
    );

    // Edit, then re-ingest: the correction stays.
    let id = first.event.id.clone();
    let e = ok(&raqib(
        &db,
        &[
            "edit",
            &id,
            "--set",
            "plover=COERCE",
            "--set",
            "cameo=17",
            "--note",
            "not an attack",
            "--user",
            "maya",
        ],
    ));
    assert!(e.contains("ASSAULT") && e.contains("COERCE"), "{e}");
    ok(&raqib(&db, &["ingest", data.to_str().unwrap()]));
    let after = ok(&raqib(
        &db,
        &[
            "query",
            "--format",
            "jsonl",
            "--plover",
            "COERCE",
            "--report",
            &first.report_id,
        ],
    ));
    assert!(after.contains(&id), "{after}");
    assert_eq!(
        raqib(&db, &["edit", &id, "--set", "colour=red"])
            .status
            .code(),
        Some(2)
    );

    // Review.
    let queue = ok(&raqib(
        &db,
        &["review", "queue", "--format", "jsonl", "--limit", "3"],
    ));
    let q: Vec<raqib_store::StoredEvent> = queue
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(q.len(), 3);
    assert!(q[0].event.confidence <= q[1].event.confidence);
    let low = q[0].event.id.clone();
    ok(&raqib(
        &db,
        &["review", "set", &low, "reviewed", "--user", "omar"],
    ));
    ok(&raqib(&db, &["review", "set", &low, "published"]));
    let queue2 = ok(&raqib(
        &db,
        &["review", "queue", "--format", "jsonl", "--limit", "3"],
    ));
    assert!(!queue2.contains(&format!("\"id\":\"{low}\"")));
    let log = ok(&raqib(&db, &["review", "log"]));
    assert!(
        log.contains("\"user\":\"maya\"") && log.contains("\"user\":\"omar\""),
        "{log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
