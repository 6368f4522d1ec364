//! Replays every input saved under `tests/fuzz_regressions/dates/` (crashes found by the
//! `dates` fuzz target, and hand-made seeds) through the target's check, against every anchor.

#[path = "fuzz_checks/dates.rs"]
mod dates;

#[test]
fn every_saved_dates_fuzz_input_is_handled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_regressions/dates");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        // As a text, and as the fuzz target reads a saved input (its first byte is the mode).
        for data in [&bytes[..], bytes.get(1..).unwrap_or_default()] {
            for anchor in dates::anchors() {
                dates::check(data, anchor);
            }
        }
        n += 1;
    }
    assert!(n >= 3, "the seeds are replayed ({n} inputs)");
    eprintln!("{n} dates fuzz regression inputs replayed");
}
