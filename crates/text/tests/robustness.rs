//! Hostile inputs: `analyze` must not panic and must keep its invariants.

mod common;

use raqib_text::{analyze, html_to_text, Options};

fn check(text: &str) {
    let d = analyze(text, &Options::default());
    common::check_invariants(text, &d);
}

#[test]
fn empty_and_blank_inputs_give_an_empty_document() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\t \r\n \u{a0}",
        "\u{200f}\u{200e}\u{feff}",
    ] {
        let d = analyze(text, &Options::default());
        assert!(d.tokens.is_empty() && d.sentences.is_empty() && d.paragraphs.is_empty());
        assert!(d.lang.is_some());
        common::check_invariants(text, &d);
    }
}

#[test]
fn nul_bytes_and_control_characters_are_separators() {
    let text = "قتل\0ثلاثة\u{1}\u{7f}في\u{8}حلب.";
    let d = analyze(text, &Options::default());
    assert_eq!(d.tokens.len(), 5);
    common::check_invariants(text, &d);
}

#[test]
fn lone_combining_marks_and_rtl_overrides_do_not_break_anything() {
    for text in [
        "\u{064E}",
        "\u{0301}\u{0301}\u{0301}",
        "ـــــ",
        "\u{202E}\u{202E}قصف\u{202C}",
        "\u{202E}Douma\u{202D}٣\u{2066}",
        "\u{0651} \u{0651}قصف",
        "\u{FE70}\u{FE71}",
    ] {
        check(text);
    }
}

#[test]
fn mixed_scripts_and_emoji_are_tokenized() {
    check("قصف😀Douma٢٠١٨Ж中文 👨‍👩‍👧 🇸🇾 ﷺ ﷽");
}

#[test]
fn a_megabyte_on_one_line_is_handled() {
    let unit = "قصفت الطائرات مدينة دوما، وقتل 12 شخصا؛ ";
    let text = unit.repeat(1_000_000 / unit.len() + 1);
    let d = analyze(&text, &Options::default());
    assert_eq!(d.paragraphs.len(), 1);
    assert!(d.tokens.len() > 100_000);
    assert!(d.norm_text.len() <= 2 * text.len(), "memory stays linear");
    common::check_invariants(&text, &d);
}

#[test]
fn long_runs_of_one_character_are_linear() {
    for unit in [
        "\u{200c}",
        "«",
        ".",
        "a\u{200c}",
        "ب\u{064E}",
        "1.",
        "-",
        "\n",
        "(",
        "'",
    ] {
        let text = format!("x{}y", unit.repeat(200_000));
        check(&text);
    }
}

#[test]
fn html_to_text_survives_broken_markup() {
    for html in [
        "<",
        "<<>>",
        "<p",
        "</p></p></div>",
        "<script>",
        "&#xFFFFFF;",
        "<svg><p>x",
        "\0<p>\0",
    ] {
        let text = html_to_text(html);
        check(&text);
    }
}
