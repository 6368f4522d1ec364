//! Fuzz the API's JSON request bodies (crates/serve): `POST /reports`, an event's edits and
//! its review, through the real router over a temporary SQLite store made once per process.
//! The first byte picks the endpoint, the event and the Content-Type; the rest is the body.
//! The check is the regression replay's: crates/serve/tests/fuzz_checks/api_json.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/serve/tests/fuzz_checks/api_json.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    check::check(body, check::Mode::from_byte(mode));
});
