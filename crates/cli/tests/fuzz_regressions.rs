//! Replays every input saved under `tests/fuzz_regressions/jsonl_reader/` (crashes found by
//! the `jsonl_reader` fuzz target, and hand-made seeds) through the target's check, with every
//! size limit, strict and lossy.

use raqib_cli::input;

#[path = "fuzz_checks/jsonl_reader.rs"]
mod jsonl_reader;

#[test]
fn every_saved_jsonl_fuzz_input_is_handled() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fuzz_regressions/jsonl_reader"
    );
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        // As a stream, and as the fuzz target reads a saved input (its first byte is the mode).
        for data in [&bytes[..], bytes.get(1..).unwrap_or_default()] {
            for max in jsonl_reader::LIMITS {
                for lossy in [false, true] {
                    jsonl_reader::check(data, max, lossy);
                }
            }
        }
        n += 1;
    }
    assert!(n >= 2, "the seeds are replayed ({n} inputs)");
    eprintln!("{n} JSONL fuzz regression inputs replayed");
}
