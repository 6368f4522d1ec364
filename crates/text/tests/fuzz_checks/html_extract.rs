//! The `html_extract` fuzz target's check, shared with the regression replay
//! (`tests/fuzz_regressions.rs`) so that a saved crash input is judged by the same asserts.
//! Needs `crate::common` (tests/common/mod.rs) in the including crate.

use raqib_text::{analyze, html_to_text, looks_like_html, Options};

/// Arbitrary bytes (lossy UTF-8) as HTML: the extracted text keeps the promises of
/// `html_to_text` (one line per block, no blank lines, white space collapsed, bounded size)
/// and analyses cleanly.
pub fn check(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let _ = looks_like_html(&html);
    let text = html_to_text(&html);
    // Every output byte comes from a text node or is one separator before a character; NULs
    // may become U+FFFD (1 byte -> 3), nothing grows more.
    assert!(
        text.len() <= 4 * html.len() + 16,
        "{} bytes of text from {} bytes of HTML",
        text.len(),
        html.len()
    );
    assert_eq!(text.trim(), text, "text is trimmed");
    assert!(!text.contains("\n\n"), "no blank lines: {text:?}");
    assert!(!text.contains("  "), "spaces collapsed: {text:?}");
    assert!(
        !text.contains(" \n") && !text.contains("\n "),
        "lines trimmed: {text:?}"
    );
    assert!(
        text.chars()
            .all(|c| !c.is_whitespace() || c == ' ' || c == '\n'),
        "only spaces and line breaks separate words: {text:?}"
    );
    let d = analyze(&text, &Options::default());
    crate::common::check_invariants(&text, &d);
}
