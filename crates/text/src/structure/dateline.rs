//! Datelines: the place (and date, agency) of reporting at the start of a paragraph.
//!
//! `دمشق - `, `بيروت (رويترز) - `, `DAMASCUS, April 2 - `, `BEIRUT (Reuters) -`, `دمشق: `. The
//! coder uses it as the place of reporting, not the place of the event.
//!
//! Rule: the paragraph starts with a word — an Arabic word that is not a common sentence
//! opener (قال, وأضاف, في, لكن...), or a Latin word in capitals (at least two letters) — then,
//! within 14 tokens, 6 words and 120 bytes, comes a dash (`-` with a space on one side at
//! least, `–`, `—`) outside parentheses, or a colon right after one or two words, with more
//! text after it. Only words, numbers, commas, slashes and parentheses may come before it (no
//! `.` `؟` `«`...); the first word has at least two letters. The
//! dateline's span runs from the paragraph's start to the end of the dash or colon.

use crate::sentence::Para;
use crate::{Span, TokenKind};

const MAX_TOKENS: usize = 14;
const MAX_WORDS: usize = 6;
const MAX_BYTES: usize = 120;

/// Normalized Arabic words that open sentences, never datelines.
const OPENERS: &[&str] = &[
    "قال",
    "وقال",
    "قالت",
    "وقالت",
    "اضاف",
    "واضاف",
    "اضافت",
    "واضافت",
    "اكد",
    "واكد",
    "اكدت",
    "واكدت",
    "تابع",
    "وتابع",
    "اوضح",
    "واوضح",
    "اشار",
    "واشار",
    "ذكر",
    "وذكر",
    "لكن",
    "ولكن",
    "ان",
    "وان",
    "انه",
    "وانه",
    "كما",
    "هذا",
    "هذه",
    "في",
    "وفي",
    "من",
    "ومن",
    "علي",
    "وعلي",
    "الي",
    "عن",
    "وعن",
    "ثم",
    "لا",
    "ولا",
    "هو",
    "وهو",
    "هي",
    "وهي",
    "و",
    "او",
    "اي",
    "ما",
    "وما",
    "لم",
    "ولم",
    "قد",
    "وقد",
    "كان",
    "وكان",
    "يقول",
    "ويقول",
    "اعلن",
    "واعلن",
];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―')
}

/// The dateline at the start of a paragraph, if any.
pub(crate) fn find(p: &Para<'_>) -> Option<Span> {
    let toks = p.tokens.get(p.range.clone())?;
    let first = toks.first()?;
    if first.kind != TokenKind::Word {
        return None;
    }
    let first_text = first.span.slice(p.text);
    if first_text.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    if first.arabic {
        let norm = p
            .norm
            .get(first.norm.start as usize..first.norm.end as usize)
            .unwrap_or("");
        if OPENERS.contains(&norm) {
            return None;
        }
    } else {
        let caps = first_text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
        if !caps {
            return None;
        }
    }
    let mut words = 1;
    let mut only_words = true;
    let mut parens = 0u32;
    for (k, t) in toks.iter().enumerate().take(MAX_TOKENS).skip(1) {
        if t.span.end - first.span.start > MAX_BYTES {
            return None;
        }
        match t.kind {
            TokenKind::Word => {
                words += 1;
                if words > MAX_WORDS {
                    return None;
                }
            }
            TokenKind::Number => only_words = false,
            TokenKind::Symbol => return None,
            TokenKind::Punct => {
                let c = t.span.slice(p.text).chars().next()?;
                let more = k + 1 < toks.len();
                if is_dash(c) && parens == 0 {
                    let spaced = toks[k - 1].span.end < t.span.start
                        || toks.get(k + 1).is_some_and(|n| t.span.end < n.span.start);
                    if more && (c != '-' || spaced) {
                        return Some(Span::new(first.span.start, t.span.end));
                    }
                    return None;
                }
                if c == ':' {
                    let ok = more && words <= 2 && only_words && parens == 0;
                    return ok.then(|| Span::new(first.span.start, t.span.end));
                }
                match c {
                    '(' => parens += 1,
                    ')' => parens = parens.saturating_sub(1),
                    ',' | '،' | '/' => {}
                    _ => return None,
                }
                only_words = false;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn dateline(text: &str) -> Option<String> {
        let d = analyze(text, &Options::default());
        d.paragraphs[0].dateline.map(|s| s.slice(text).to_string())
    }

    #[test]
    fn datelines_are_found_at_paragraph_starts() {
        let table: &[(&str, Option<&str>)] = &[
            ("دمشق - قتل ثلاثة.", Some("دمشق -")),
            ("دمشق – قتل ثلاثة.", Some("دمشق –")),
            ("بيروت (رويترز) - قال مسؤول.", Some("بيروت (رويترز) -")),
            (
                "دمشق، 2 نيسان (أ ف ب) - قتل ثلاثة.",
                Some("دمشق، 2 نيسان (أ ف ب) -"),
            ),
            (
                "القدس المحتلة: اعتقلت قوات الاحتلال شابين.",
                Some("القدس المحتلة:"),
            ),
            (
                "DAMASCUS, April 2 - Jets struck.",
                Some("DAMASCUS, April 2 -"),
            ),
            (
                "BEIRUT (Reuters) - A blast hit.",
                Some("BEIRUT (Reuters) -"),
            ),
            (
                "ALEPPO, Syria (AP) — Rebels said.",
                Some("ALEPPO, Syria (AP) —"),
            ),
            ("وقال - في تصريح - إن القصف مستمر.", None),
            ("وقال المتحدث: إن القصف مستمر.", None),
            ("Damascus - jets struck.", None),
            (
                "قتل ثلاثة أشخاص في قصف جوي استهدف سوقا شعبية في المدينة - بحسب المرصد.",
                None,
            ),
            ("قال «هذا» - لا.", None),
            ("دمشق -", None),
            ("2011-2012 - كانت سنوات صعبة.", None),
            ("مرحلة الانتفاضة (1987 - 1994): إثر حادث.", None),
            ("ب: أضرب العرب.", None),
            ("بيت لحم/PNN- تنظم مجموعة.", Some("بيت لحم/PNN-")),
        ];
        for &(text, want) in table {
            assert_eq!(dateline(text).as_deref(), want, "{text:?}");
        }
    }
}
