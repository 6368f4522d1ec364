//! Fuzz the date parser (`raqib_lexicon::dates::{find_dates, parse_iso}`): the first byte
//! picks the report date, the rest is the text. The check is the regression replay's:
//! crates/lexicon/tests/fuzz_checks/dates.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/lexicon/tests/fuzz_checks/dates.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let anchors = check::anchors();
    check::check(rest, anchors[usize::from(mode) % anchors.len()]);
});
