//! Replays every input saved under `tests/fuzz_regressions/coder/` (crashes found by the
//! `coder` fuzz target, and hand-made seeds) through the target's check, as text and as HTML,
//! against every report date, with and without `--explain`.

use std::sync::Arc;

#[path = "fuzz_checks/coder.rs"]
mod coder;

#[test]
fn every_saved_coder_fuzz_input_is_handled() {
    let lex = raqib_lexicon::Lexicon::shared().expect("lexicon");
    let c = raqib_extract::Coder::new(Arc::clone(&lex));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_regressions/coder");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        if !path.is_file() || path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        // The modes the fuzz target derives from a first byte: every date, as text, as
        // text with explanations, and as HTML.
        // As a text, and as the fuzz target reads a saved input (its first byte is the mode).
        for data in [&bytes[..], bytes.get(1..).unwrap_or_default()] {
            for date in 0..coder::DATES.len() as u8 {
                for flags in [0, 0x80, 0x40] {
                    coder::check(&c, data, coder::Mode::from_byte(date | flags));
                }
            }
        }
        n += 1;
    }
    assert!(n >= 2, "the seeds are replayed ({n} inputs)");
    eprintln!("{n} coder fuzz regression inputs replayed");
}
