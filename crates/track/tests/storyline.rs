//! The shared storyline (`../shared/storyline`) through the real coder and the tracker, held
//! against its expected picture by `../shared/spec/score_track.py`. Skipped, with a message,
//! when the shared folder or python3 is not there.
//!
//! Always checked: the picture does not depend on the order of the reports, nor on a report
//! given twice. The score is printed and must pass (`--min 0.9`, nothing invented).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use raqib_core::{InputReport, Report};
use raqib_track::{track, Picture};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("storyline/reports.jsonl").exists().then_some(p)
}

fn code(path: &Path) -> Vec<Report> {
    let lexicon = raqib_lexicon::Lexicon::shared().expect("lexicon");
    let coder = raqib_extract::Coder::new(lexicon);
    let opts = raqib_extract::CodeOptions { explain: false };
    std::fs::read_to_string(path)
        .expect("reports.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let input: InputReport = serde_json::from_str(l).expect("input line");
            coder.code(&input, &opts).expect("coded")
        })
        .collect()
}

fn write_jsonl<T: serde::Serialize>(path: &Path, items: &[T]) {
    let mut f = std::fs::File::create(path).expect("create");
    for i in items {
        writeln!(f, "{}", serde_json::to_string(i).expect("json")).expect("write");
    }
}

#[test]
fn storyline_through_coder_and_tracker() {
    let Some(shared) = shared() else {
        eprintln!("storyline: ../shared/storyline not found, skipped");
        return;
    };
    let reports = code(&shared.join("storyline/reports.jsonl"));
    assert_eq!(reports.len(), 8);
    let picture = track(&reports);

    // Any order, and twice, gives the same picture.
    let mut reversed = reports.clone();
    reversed.reverse();
    assert_eq!(track(&reversed), picture);
    let mut twice = reports.clone();
    twice.extend(reversed.iter().cloned());
    assert_eq!(track(&twice), picture);
    let mut t = raqib_track::Tracker::new();
    for r in reversed.iter().chain(&reports) {
        t.add(r.clone());
    }
    assert_eq!(t.picture(), picture);

    let dir = std::env::temp_dir().join(format!("raqib-track-storyline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let Picture {
        incidents,
        agreements,
        evacuations,
    } = picture;
    write_jsonl(&dir.join("incidents.jsonl"), &incidents);
    write_jsonl(&dir.join("agreements.jsonl"), &agreements);
    write_jsonl(&dir.join("evacuations.jsonl"), &evacuations);
    let out = Command::new("python3")
        .arg(shared.join("spec/score_track.py"))
        .arg("--expected")
        .arg(shared.join("storyline/expected.json"))
        .arg("--incidents")
        .arg(dir.join("incidents.jsonl"))
        .arg("--agreements")
        .arg(dir.join("agreements.jsonl"))
        .arg("--evacuations")
        .arg(dir.join("evacuations.jsonl"))
        .arg("--reports")
        .arg(shared.join("storyline/reports.jsonl"))
        .args(["--min", "0.9", "--verbose"])
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            eprintln!("storyline: python3 not available ({e}), score skipped");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with("track: found"), "score_track.py: {last}");
    assert!(
        out.status.success(),
        "storyline below --min 0.9 or invented: {last}"
    );
}
