//! Fuzz the text stage: arbitrary bytes (lossy UTF-8) through `analyze` and `html_to_text`,
//! checking the offsets `analyze` returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use raqib_text::{analyze, html_to_text, looks_like_html, Options};

fn check(text: &str) {
    let d = analyze(text, &Options::default());
    assert!(d.lang.is_some());
    let mut prev = 0;
    for t in &d.tokens {
        assert!(t.span.start >= prev && t.span.start < t.span.end);
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        prev = t.span.end;
        assert!(!d.norm(t).is_empty());
        for s in t.segs.as_slice() {
            let _ = d.stem(t, *s);
        }
    }
    for s in &d.sentences {
        assert!(!s.tokens.is_empty());
        assert!(text.get(s.span.start..s.span.end).is_some());
        for t in &d.tokens[s.tokens.clone()] {
            assert!(s.span.contains(t.span));
        }
    }
    for p in &d.paragraphs {
        assert!(text.get(p.span.start..p.span.end).is_some());
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    let _ = looks_like_html(&text);
    let plain = html_to_text(&text);
    check(&plain);
});
