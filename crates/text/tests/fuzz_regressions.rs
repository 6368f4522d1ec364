//! Replays every input saved under `tests/fuzz_regressions/` (crashes found by the
//! `text_pipeline` and `html_extract` fuzz targets, and hand-made seeds) through `analyze` and
//! `html_to_text`, with the `html_extract` target's own check.

mod common;
#[path = "fuzz_checks/html_extract.rs"]
mod html_extract;

use raqib_text::{analyze, html_to_text, Options};

#[test]
fn every_saved_fuzz_input_is_handled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        let d = analyze(&text, &Options::default());
        common::check_invariants(&text, &d);
        let plain = html_to_text(&text);
        let d = analyze(&plain, &Options::default());
        common::check_invariants(&plain, &d);
        html_extract::check(&bytes);
        n += 1;
    }
    assert!(n >= 3, "the seeds are replayed ({n} inputs)");
    eprintln!("{n} fuzz regression inputs replayed");
}
