//! The `jsonl_reader` fuzz target's check, shared with the regression replay
//! (`tests/fuzz_regressions.rs`) so that a saved crash input is judged by the same asserts.

use std::io::Cursor;

// `crate::input` is `raqib_cli::input` in the replay test and the same source file compiled
// into the fuzz target.
use crate::input::{self, IngestLine, JsonlLines, JsonlReader, Origin, ReadOptions};

/// The size limits tried: tiny (most lines refused), small, and the default.
pub const LIMITS: [usize; 3] = [16, 300, 10 << 20];

fn options(max_bytes: usize, lossy: bool) -> ReadOptions {
    ReadOptions {
        max_bytes,
        lossy,
        html: false,
        id: None,
        date: None,
        source: None,
        lang: None,
    }
}

/// Arbitrary bytes as a JSONL stream, read as `raqib code` reads it ([`JsonlReader`]) and as
/// `raqib ingest` does ([`JsonlLines`] then [`input::classify_ingest_line`]): one item per
/// non-blank line, in line order, each a report with an id and a text or an error naming its
/// line; no kept line is above the limit; the two readers agree on which lines are reports.
pub fn check(data: &[u8], max_bytes: usize, lossy: bool) {
    let opts = options(max_bytes, lossy);
    let lines = data.split(|&c| c == b'\n').count();
    let reader = JsonlReader::new(Box::new(Cursor::new(data.to_vec())), "f.jsonl", &opts);
    let mut prev = 0;
    let mut code_ok = Vec::new();
    for item in reader {
        let line = item.origin.line.expect("JSONL items have a line");
        assert!(
            line > prev && line <= lines,
            "line {line} after {prev} of {lines}"
        );
        prev = line;
        match &item.report {
            Ok(r) => {
                assert!(r.id.as_deref().is_some_and(|i| !i.is_empty()), "an id");
                assert!(r.text.is_some() || r.html.is_some(), "a text");
                code_ok.push(line);
            }
            Err(e) => assert!(e.starts_with(&format!("f.jsonl:{line}: ")), "{e}"),
        }
    }
    let lines_reader = JsonlLines::new(
        Box::new(Cursor::new(data.to_vec())),
        "f.jsonl",
        max_bytes,
        lossy,
    );
    let mut ingest_raw = Vec::new();
    for (origin, text) in lines_reader {
        let line = origin.line.expect("a line");
        match text {
            Ok(t) => {
                // The limit is on the bytes read; lossy decoding may turn each invalid byte
                // into U+FFFD (3 bytes).
                let bound = if lossy { 3 * max_bytes } else { max_bytes };
                assert!(t.len() <= bound, "line {line} above the limit kept");
                // Blank means JSON white space (ASCII); a line of other white space (a vertical
                // tab, U+00A0) is read and refused as "not a JSON object".
                assert!(
                    !t.bytes().all(|c| c.is_ascii_whitespace()),
                    "blank lines are skipped"
                );
                let at = Origin {
                    path: origin.to_string(),
                    line: None,
                };
                match input::classify_ingest_line(&at, &t, "f-1") {
                    IngestLine::Raw(r) => {
                        assert!(r.id.is_some() && (r.text.is_some() || r.html.is_some()));
                        ingest_raw.push(line);
                    }
                    IngestLine::Coded(r) => assert!(!r.id.is_empty(), "a coded report has an id"),
                    IngestLine::Failed { reason, .. } => {
                        assert!(!reason.trim().is_empty(), "a dead letter says why")
                    }
                }
            }
            Err(e) => assert!(e.starts_with(&format!("f.jsonl:{line}: ")), "{e}"),
        }
    }
    // Every line `raqib code` reads as a report, `raqib ingest` reads as one too (ingest
    // also takes coded reports, which `code` reads as raw reports when they carry a text).
    for l in &ingest_raw {
        assert!(
            code_ok.contains(l),
            "line {l}: ingest reads a report that code refuses"
        );
    }
}
