//! The `dates` fuzz target's check, shared with the regression replay
//! (`tests/fuzz_regressions.rs`) so that a saved crash input is judged by the same asserts.

use chrono::{Datelike, NaiveDate};
use raqib_lexicon::dates::{find_dates, parse_iso};
use raqib_text::{analyze, Options};

/// Report dates to resolve against: none, an ordinary day, a leap day, and the ends of the
/// range `parse_iso` accepts (relative arithmetic must not overflow there).
pub fn anchors() -> [Option<NaiveDate>; 5] {
    [
        None,
        NaiveDate::from_ymd_opt(2018, 4, 7),
        NaiveDate::from_ymd_opt(2020, 2, 29),
        NaiveDate::from_ymd_opt(0, 1, 1),
        NaiveDate::from_ymd_opt(9999, 12, 31),
    ]
}

/// Arbitrary bytes (lossy UTF-8) through `parse_iso` (the whole input and each line) and
/// `find_dates` against `anchor`: an accepted ISO date prints back as its first ten
/// characters; date mentions are in order, disjoint, on token and char boundaries, and
/// periods run forwards.
pub fn check(data: &[u8], anchor: Option<NaiveDate>) {
    let text = String::from_utf8_lossy(data);
    for s in std::iter::once(&*text).chain(text.lines().take(64)) {
        if let Some(d) = parse_iso(s) {
            let head = &s.trim()[..10];
            let printed = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            assert_eq!(head.replace('/', "-"), printed, "parse_iso({s:?})");
        }
    }
    let doc = analyze(&text, &Options::default());
    let found = find_dates(&doc, &text, anchor);
    let mut prev_tokens = 0;
    let mut prev_end = 0;
    for m in &found {
        assert!(
            m.tokens.start >= prev_tokens && m.tokens.start < m.tokens.end,
            "mentions in token order: {found:?}"
        );
        assert!(m.tokens.end <= doc.tokens.len(), "token range past the end");
        prev_tokens = m.tokens.end;
        assert!(m.span.start >= prev_end && m.span.start < m.span.end);
        prev_end = m.span.end;
        assert_eq!(m.span.start, doc.tokens[m.tokens.start].span.start);
        assert_eq!(m.span.end, doc.tokens[m.tokens.end - 1].span.end);
        assert!(
            text.get(m.span.start..m.span.end).is_some(),
            "on char boundaries"
        );
        if let (Some(from), Some(to)) = (m.from, m.to) {
            assert!(from <= to, "period runs backwards: {m:?}");
        }
        if anchor.is_none() && m.relative {
            assert!(m.value.is_none(), "a relative date needs an anchor: {m:?}");
        }
        let r = m.to_date_ref(&text);
        assert_eq!(r.text.as_deref(), Some(m.text(&text)));
    }
}
