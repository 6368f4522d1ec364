//! Invariants every analysis must satisfy, shared by the property, robustness and fuzz
//! regression tests.

use raqib_text::{Document, Part, TokenKind};

/// Check every structural invariant of `d`, the analysis of `text`; panics with a message on
/// the first violation.
pub fn check_invariants(text: &str, d: &Document) {
    assert!(d.lang.is_some(), "lang is always set");
    let boundary = |i: usize| text.is_char_boundary(i);

    // Tokens: non-empty, on char boundaries, in order, not overlapping; norms valid.
    let mut prev_end = 0;
    let mut prev_norm_end = 0u32;
    for (k, t) in d.tokens.iter().enumerate() {
        assert!(t.span.start < t.span.end, "token {k} is empty");
        assert!(t.span.end <= text.len(), "token {k} past the end");
        assert!(
            boundary(t.span.start) && boundary(t.span.end),
            "token {k} off char boundary"
        );
        assert!(t.span.start >= prev_end, "token {k} out of order");
        prev_end = t.span.end;
        assert!(t.norm.start <= t.norm.end, "token {k} norm reversed");
        assert!(t.norm.start >= prev_norm_end, "token {k} norm out of order");
        prev_norm_end = t.norm.end;
        let norm = d
            .norm_text
            .get(t.norm.start as usize..t.norm.end as usize)
            .unwrap_or_else(|| panic!("token {k} norm range invalid"));
        assert!(!norm.is_empty(), "token {k} has an empty norm");
        assert_eq!(d.norm(t), norm);
        if t.arabic {
            assert_eq!(t.kind, TokenKind::Word, "only words are Arabic");
        }
        let segs = t.segs.as_slice();
        assert!(
            !segs.is_empty() && segs[0] == Default::default(),
            "token {k}: whole form first"
        );
        for s in segs {
            let (pre, suf) = (s.pre as usize, s.suf as usize);
            assert!(
                pre + suf <= norm.len(),
                "token {k}: segmentation longer than the word"
            );
            assert!(norm.is_char_boundary(pre), "token {k}: pre off boundary");
            assert!(
                norm.is_char_boundary(norm.len() - suf),
                "token {k}: suf off boundary"
            );
            let _ = d.stem(t, *s);
        }
    }

    // Paragraphs: in order, on boundaries; sentences contiguous.
    let mut prev_end = 0;
    let mut next_sentence = 0;
    let mut skipped = d.skipped.iter();
    for (i, p) in d.paragraphs.iter().enumerate() {
        assert!(p.span.start < p.span.end, "paragraph {i} empty");
        assert!(
            boundary(p.span.start) && boundary(p.span.end),
            "paragraph {i} off boundary"
        );
        assert!(p.span.start >= prev_end, "paragraph {i} out of order");
        prev_end = p.span.end;
        assert_eq!(
            p.sentences.start, next_sentence,
            "paragraph {i} sentences not contiguous"
        );
        next_sentence = p.sentences.end;
        if p.part == Part::Skipped {
            assert!(
                p.sentences.is_empty(),
                "skipped paragraph {i} has sentences"
            );
            let s = skipped
                .next()
                .expect("a skipped line per skipped paragraph");
            assert_eq!(s.span, p.span);
            assert!(p.dateline.is_none());
        } else {
            assert!(
                !p.sentences.is_empty(),
                "story paragraph {i} has no sentence"
            );
        }
        if let Some(dl) = p.dateline {
            assert!(p.span.contains(dl) && boundary(dl.start) && boundary(dl.end));
        }
    }
    assert!(skipped.next().is_none(), "skipped lines without paragraphs");
    assert_eq!(
        next_sentence,
        d.sentences.len(),
        "sentences outside paragraphs"
    );
    let headlines = d
        .paragraphs
        .iter()
        .filter(|p| p.part == Part::Headline)
        .count();
    let leads = d.paragraphs.iter().filter(|p| p.part == Part::Lead).count();
    assert!(headlines <= 1 && leads <= 1);

    // Sentences: non-empty, in order, containing their tokens; clauses tile them.
    let mut prev_tok = 0;
    for (k, s) in d.sentences.iter().enumerate() {
        assert!(!s.tokens.is_empty(), "sentence {k} has no token");
        assert!(s.tokens.start >= prev_tok && s.tokens.end <= d.tokens.len());
        prev_tok = s.tokens.end;
        assert!(
            boundary(s.span.start) && boundary(s.span.end),
            "sentence {k} off boundary"
        );
        for t in &d.tokens[s.tokens.clone()] {
            assert!(
                s.span.contains(t.span),
                "sentence {k} does not contain its token"
            );
        }
        assert_eq!(
            s.span.start, d.tokens[s.tokens.start].span.start,
            "sentence {k} untrimmed"
        );
        assert_eq!(
            s.span.end,
            d.tokens[s.tokens.end - 1].span.end,
            "sentence {k} untrimmed"
        );
        let p = &d.paragraphs[s.paragraph];
        assert!(p.sentences.contains(&k) && p.span.contains(s.span));
        let mut at = s.tokens.start;
        for c in &s.clauses {
            assert!(
                !c.is_empty() && c.start == at,
                "sentence {k}: clauses do not tile it"
            );
            at = c.end;
        }
        assert_eq!(at, s.tokens.end, "sentence {k}: clauses do not tile it");
    }
}
