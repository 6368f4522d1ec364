//! `raqib ingest` killed with SIGKILL at random moments, many times, then run to the end:
//! the store must equal a clean single ingest — the same report versions, the same events,
//! the same stories, nothing twice, nothing half-written, and SQLite's integrity check clean.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use raqib_store::synth::{self, Rng};
use raqib_store::Filter;

/// Rounds on a fresh store, and kills per round (21 kills in all).
const ROUNDS: usize = 3;
const KILLS: usize = 7;

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("raqib-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ingest(db: &Path, data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_raqib"));
    c.arg("ingest")
        .arg(data)
        .arg("--db")
        .arg(db)
        .args(["--batch", "40", "--quiet"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Everything that must be equal between two stores.
fn snapshot(db: &Path) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>, u64) {
    let s = raqib_store::open(db.to_str().unwrap()).unwrap();
    let problems = s.integrity_check().unwrap();
    assert!(problems.is_empty(), "{}: {problems:?}", db.display());
    let mut versions = BTreeSet::new();
    let mut stories = BTreeSet::new();
    s.for_each_report(&mut |r| {
        for v in s.report_versions(&r.id).unwrap() {
            assert!(
                versions.insert(format!(
                    "{}@{}:{}:{}",
                    v.id, v.version, v.text_sha256, v.superseded
                )),
                "duplicate version {}@{}",
                v.id,
                v.version
            );
            stories.insert(format!("{}@{}:{}", v.id, v.version, v.story_id));
        }
        Ok(())
    })
    .unwrap();
    let mut events = BTreeSet::new();
    let all = Filter {
        include_superseded: true,
        ..Default::default()
    };
    s.for_each_event(&all, &mut |e| {
        let key = format!("{}@{}/{}", e.report_id, e.report_version, e.event.id);
        assert!(events.insert(key.clone()), "event stored twice: {key}");
        Ok(())
    })
    .unwrap();
    let n = s.count(&all).unwrap();
    (versions, events, stories, n)
}

#[test]
fn killed_ingest_resumes_to_the_same_store() {
    let dir = tmp_dir("crash");
    let data = dir.join("coded.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&data).unwrap());
        for r in synth::reports(7, 1200, 5) {
            serde_json::to_writer(&mut f, &r).unwrap();
            f.write_all(b"\n").unwrap();
        }
    }
    // The reference: one clean run, timed to place the kills inside it.
    let clean = dir.join("clean.db");
    let t = Instant::now();
    assert!(ingest(&clean, &data).status().unwrap().success());
    let full = t.elapsed();
    eprintln!("clean ingest took {full:?}");

    let reference = snapshot(&clean);
    assert!(reference.3 > 4000, "{}", reference.3);
    let mut rng = Rng::new(2024);
    let mut killed = 0;
    for round in 0..ROUNDS {
        let db = dir.join(format!("crash-{round}.db"));
        for _ in 0..KILLS {
            let mut child = ingest(&db, &data).spawn().unwrap();
            // Anywhere from start-up to most of a full run's length.
            let wait = rng.below(full.as_micros() as usize * 8 / 10 + 1) as u64;
            std::thread::sleep(Duration::from_micros(wait));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL
                killed += 1;
            }
            child.wait().unwrap();
        }
        let status = ingest(&db, &data).status().unwrap();
        assert_eq!(status.code(), Some(0));
        let (v, e, s, n) = snapshot(&db);
        assert_eq!(v, reference.0, "round {round}: report versions differ");
        assert_eq!(e, reference.1, "round {round}: events differ");
        assert_eq!(s, reference.2, "round {round}: story links differ");
        assert_eq!(n, reference.3);
    }
    eprintln!("{killed} of {} runs killed mid-way", ROUNDS * KILLS);
    assert!(
        killed >= ROUNDS * KILLS / 3,
        "too few runs were killed mid-way ({killed})"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn failed_reports_become_dead_letters_and_exit_1() {
    let dir = tmp_dir("dead");
    let data = dir.join("mixed.jsonl");
    let good = synth::reports(3, 2, 2);
    let mut f = std::fs::File::create(&data).unwrap();
    writeln!(f, "{}", serde_json::to_string(&good[0]).unwrap()).unwrap();
    writeln!(f, "{{\"id\": \"broken\", \"text\": ").unwrap();
    writeln!(f, "{{\"id\": \"notext\"}}").unwrap();
    writeln!(f, "{}", serde_json::to_string(&good[1]).unwrap()).unwrap();
    drop(f);
    let db = dir.join("s.db");
    let st = ingest(&db, &data).status().unwrap();
    assert_eq!(st.code(), Some(1));
    let s = raqib_store::open(db.to_str().unwrap()).unwrap();
    assert_eq!(s.stats().unwrap().reports, 2);
    let dead = s.dead_letters().unwrap();
    assert_eq!(dead.len(), 2, "{dead:?}");
    assert!(dead[0].origin.ends_with("mixed.jsonl:2"));
    assert!(dead[0].reason.contains("not a valid JSON report"));
    assert_eq!(dead[1].report_id.as_deref(), Some("notext"));
    // Running again stores nothing new and counts the attempts.
    assert_eq!(ingest(&db, &data).status().unwrap().code(), Some(1));
    let s = raqib_store::open(db.to_str().unwrap()).unwrap();
    assert_eq!(s.stats().unwrap().versions, 2);
    assert_eq!(s.dead_letters().unwrap()[0].attempts, 2);
    let _ = std::fs::remove_dir_all(&dir);
}
