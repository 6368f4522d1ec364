//! Property tests: for arbitrary strings (Arabic, zero-width and bidi marks, combining marks,
//! digits, punctuation, line breaks, emoji, any Unicode) `analyze` never panics and its output
//! satisfies every structural invariant.

mod common;

use proptest::prelude::*;
use raqib_text::{analyze, html_to_text, normalize, Options};

/// Characters that exercise the tricky paths.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            'ا', 'ل', 'و', 'ب', 'ف', 'ك', 'س', 'ه', 'ي', 'ة', 'ى', 'أ', 'إ', 'آ', 'ؤ', 'ئ', 'م', 'ن',
            'ت', 'د', 'ق', 'ص',
        ]),
        2 => prop::sample::select(vec![
            '\u{064B}', '\u{064E}', '\u{0651}', '\u{0670}', '\u{0640}', '\u{0301}', '\u{06D6}',
            '\u{FE70}', '\u{FE71}',
        ]),
        2 => prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}',
            '\u{2066}', '\u{2069}', '\u{FEFF}', '\u{061C}', '\u{00AD}', '\u{FE0F}',
        ]),
        2 => prop::sample::select(vec![
            'a', 'A', 'l', 's', 'S', 'U', 'é', 'ḥ', 'ß', 'ﬁ', '\'', '’', 'ʿ', '-', '\u{2010}',
        ]),
        2 => prop::sample::select(vec!['0', '5', '٣', '۴', '.', ',', '٫', '٬', '%']),
        3 => prop::sample::select(vec![
            ' ', ' ', '\n', '\r', '\t', '\u{2028}', '\u{85}', '\0', '\u{A0}',
        ]),
        3 => prop::sample::select(vec![
            '.', '؟', '?', '!', '،', '؛', ';', ':', '«', '»', '“', '”', '"', '(', ')', '[', ']',
            '…', '–', '—', '•', '*', '©', '/',
        ]),
        1 => prop::sample::select(vec!['ﻻ', 'ﷲ', 'ﷺ', 'ﺑ', '😀', '🇸', 'Ж', '中', '\u{1F3FB}']),
        1 => any::<char>(),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..160).prop_map(|v| v.into_iter().collect())
}

/// Words and separators, so that sentences, dashed lines and datelines come up.
fn wordy_string() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "دمشق",
        " - ",
        "وقال",
        "«",
        "»",
        ". ",
        "\n",
        "- ",
        "اقرأ أيضا:",
        "شارك",
        "(صورة أرشيفية)",
        "والجيش",
        "للتنظيم",
        "3.5",
        "1.200",
        "U.S.",
        " ",
        "؛ ",
        "DAMASCUS,",
        "(Reuters)",
        "د.",
        "al-Assad's",
        "\u{200c}",
        "ًّ",
        "؟",
        "e.g.",
        "Mr.",
        "“",
        "”",
        "(",
        ")",
        "•",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn analyze_never_panics_and_keeps_invariants_on_tricky_text(s in tricky_string()) {
        let d = analyze(&s, &Options::default());
        common::check_invariants(&s, &d);
    }

    #[test]
    fn tokenize_makes_the_tokens_analyze_makes(s in wordy_string()) {
        let full = analyze(&s, &Options::default());
        let tokens = raqib_text::tokenize(&s);
        prop_assert_eq!(&tokens.norm_text, &full.norm_text);
        prop_assert_eq!(&tokens.tokens, &full.tokens);
    }

    #[test]
    fn analyze_never_panics_and_keeps_invariants_on_wordy_text(s in wordy_string()) {
        let d = analyze(&s, &Options::default());
        common::check_invariants(&s, &d);
    }

    #[test]
    fn analyze_never_panics_and_keeps_invariants_on_any_unicode(s in any::<String>()) {
        let d = analyze(&s, &Options::default());
        common::check_invariants(&s, &d);
    }

    #[test]
    fn normalization_is_idempotent(s in tricky_string()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn html_to_text_never_panics_and_has_no_blank_lines(s in tricky_string(), tags in prop::collection::vec(prop::sample::select(vec!["<p>", "</p>", "<div>", "<br>", "<script>", "</script>", "<b>", "&amp;", "&nbsp;", "<li>", "<!--", "-->"]), 0..20)) {
        let html: String = tags.iter().zip(s.split(' ')).map(|(t, w)| format!("{t}{w}")).collect();
        let text = html_to_text(&html);
        prop_assert!(!text.contains("\n\n"));
        prop_assert!(!text.starts_with('\n') && !text.ends_with('\n'));
        let d = analyze(&text, &Options::default());
        common::check_invariants(&text, &d);
    }
}
