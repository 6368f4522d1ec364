//! Fuzz the JSONL report readers of `raqib code` and `raqib ingest` (crates/cli/src/input.rs):
//! the first byte picks the size limit and lossy decoding, the rest is the stream.
//! The check is the regression replay's: crates/cli/tests/fuzz_checks/jsonl_reader.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The reader's source, compiled here rather than linked from the `raqib` package so the fuzz
// build does not pull in the store and server stacks (it needs only core, text, serde_json).
#[path = "../../crates/cli/tests/fuzz_checks/jsonl_reader.rs"]
mod check;
#[allow(dead_code)]
#[path = "../../crates/cli/src/input.rs"]
mod input;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let max = check::LIMITS[usize::from(mode & 3) % check::LIMITS.len()];
    check::check(rest, max, mode & 4 != 0);
});
