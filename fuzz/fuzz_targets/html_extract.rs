//! Fuzz the HTML extractor (`raqib_text::html`): arbitrary bytes as HTML, the extracted text
//! checked for the extractor's promises and analysed. The check is the regression replay's:
//! crates/text/tests/fuzz_checks/html_extract.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/text/tests/fuzz_checks/html_extract.rs"]
mod check;
#[allow(dead_code)]
#[path = "../../crates/text/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    check::check(data);
});
