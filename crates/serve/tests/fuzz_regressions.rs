//! Replays every input saved under `tests/fuzz_regressions/api_json/` (crashes found by the
//! `api_json` fuzz target, and hand-made seeds) through the target's check: as saved (the
//! first byte is the mode), and the body alone sent to each endpoint as JSON.

#[path = "fuzz_checks/api_json.rs"]
mod api_json;

#[test]
fn every_saved_api_json_fuzz_input_is_handled() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fuzz_regressions/api_json"
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("regression folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && !p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut seen = std::collections::BTreeMap::new();
    for path in &paths {
        let bytes = std::fs::read(path).expect("readable");
        let Some((&mode, body)) = bytes.split_first() else {
            continue;
        };
        let status = api_json::check(body, api_json::Mode::from_byte(mode));
        *seen.entry(status.as_u16()).or_insert(0) += 1;
        // The body to reports (as JSON), to an edit and to a review of a stored event.
        for b in [0u8, 2, 3] {
            api_json::check(body, api_json::Mode::from_byte(b));
        }
    }
    assert!(
        paths.len() >= 2,
        "the seeds are replayed ({} inputs)",
        paths.len()
    );
    eprintln!(
        "{} API JSON fuzz regression inputs replayed; statuses as saved: {seen:?}",
        paths.len()
    );
    // The seeds reach the stored reports, edits and reviews, not only the refusals.
    for s in [200, 201, 400, 404, 415] {
        assert!(
            seen.contains_key(&s),
            "no saved input answered {s}: {seen:?}"
        );
    }
}
