//! Fuzz the coder (`raqib_extract::Coder::code`) on arbitrary text with the full embedded
//! lexicon: the first byte picks the report date, HTML or text, and `--explain`; the rest is
//! the report. The check is the regression replay's: crates/extract/tests/fuzz_checks/coder.rs.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use raqib_extract::Coder;

#[path = "../../crates/extract/tests/fuzz_checks/coder.rs"]
mod check;

fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| {
        let lex = raqib_lexicon::Lexicon::shared().expect("embedded lexicon");
        Coder::new(Arc::clone(&lex))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    check::check(coder(), rest, check::Mode::from_byte(mode));
});
