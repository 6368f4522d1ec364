//! Quantities: numerals in digits and words, ordinals, approximations, and what they count.

use std::sync::LazyLock;

use raqib_core::{Quantity, Span};
use raqib_text::{Document, TokenKind};

use crate::words::{TokenForms, WordMap};

const WORD_VALUE_WORDS: &[(&str, u64)] = &[
    ("واحد", 1),
    ("واحده", 1),
    ("one", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("two", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("three", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("four", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("five", 5),
    ("ست", 6),
    ("سته", 6),
    ("six", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("seven", 7),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("ثمان", 8),
    ("eight", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("nine", 9),
    ("عشر", 10),
    ("عشره", 10),
    ("ten", 10),
    ("عشرين", 20),
    ("عشرون", 20),
    ("twenty", 20),
    ("ثلاثين", 30),
    ("ثلاثون", 30),
    ("thirty", 30),
    ("اربعين", 40),
    ("اربعون", 40),
    ("forty", 40),
    ("خمسين", 50),
    ("خمسون", 50),
    ("fifty", 50),
    ("مئه", 100),
    ("مائه", 100),
    ("hundred", 100),
    ("الف", 1000),
    ("thousand", 1000),
];

static WORD_VALUE: LazyLock<WordMap<u64>> = LazyLock::new(|| WordMap::new(WORD_VALUE_WORDS));

const MULTIPLIER_WORDS: &[(&str, u64)] = &[
    ("الف", 1000),
    ("الاف", 1000),
    ("thousand", 1000),
    ("مليون", 1_000_000),
    ("ملايين", 1_000_000),
    ("million", 1_000_000),
    ("مئه", 100),
    ("مائه", 100),
    ("مئات", 100),
    ("hundred", 100),
];

static MULTIPLIER: LazyLock<WordMap<u64>> = LazyLock::new(|| WordMap::new(MULTIPLIER_WORDS));

const VAGUE_WORDS: &[(&str, u64)] = &[
    ("عشرات", 24),
    ("dozens", 24),
    ("مئات", 200),
    ("hundreds", 200),
    ("الاف", 2000),
    ("thousands", 2000),
    ("عده", 3),
    ("several", 3),
];

static VAGUE: LazyLock<WordMap<u64>> = LazyLock::new(|| WordMap::new(VAGUE_WORDS));

const ORDINAL_WORDS: &[(&str, u64)] = &[
    ("اولي", 1),
    ("اول", 1),
    ("first", 1),
    ("ثانيه", 2),
    ("ثاني", 2),
    ("second", 2),
    ("ثالثه", 3),
    ("ثالث", 3),
    ("third", 3),
    ("رابعه", 4),
    ("رابع", 4),
    ("fourth", 4),
    ("خامسه", 5),
    ("خامس", 5),
    ("fifth", 5),
    ("سادسه", 6),
    ("سادس", 6),
    ("sixth", 6),
    ("سابعه", 7),
    ("سابع", 7),
    ("seventh", 7),
    ("ثامنه", 8),
    ("ثامن", 8),
    ("eighth", 8),
    ("تاسعه", 9),
    ("تاسع", 9),
    ("ninth", 9),
    ("عاشره", 10),
    ("عاشر", 10),
    ("tenth", 10),
];

static ORDINAL: LazyLock<WordMap<u64>> = LazyLock::new(|| WordMap::new(ORDINAL_WORDS));

const COUNTED_WORDS: &[(&str, &str)] = &[
    ("دفعه", "batch"),
    ("دفعات", "batch"),
    ("batch", "batch"),
    ("batches", "batch"),
    ("حافله", "buses"),
    ("حافلات", "buses"),
    ("bus", "buses"),
    ("buses", "buses"),
    ("شخص", "people"),
    ("اشخاص", "people"),
    ("شخصا", "people"),
    ("people", "people"),
    ("persons", "people"),
    ("مواطن", "people"),
    ("مواطنين", "people"),
    ("مدنيا", "people"),
    ("مدني", "people"),
    ("مدنيين", "people"),
    ("civilians", "people"),
    ("متظاهر", "people"),
    ("متظاهرين", "people"),
    ("محتج", "people"),
    ("محتجين", "people"),
    ("protesters", "people"),
    ("demonstrators", "people"),
    ("مقاتل", "fighters"),
    ("مقاتلين", "fighters"),
    ("مقاتلا", "fighters"),
    ("مسلح", "fighters"),
    ("مسلحين", "fighters"),
    ("مسلحا", "fighters"),
    ("fighters", "fighters"),
    ("militants", "fighters"),
    ("عنصر", "fighters"),
    ("عناصر", "fighters"),
    ("عنصرا", "fighters"),
    ("عائله", "families"),
    ("عائلات", "families"),
    ("families", "families"),
    ("قتيل", "killed"),
    ("قتلي", "killed"),
    ("قتيلا", "killed"),
    ("killed", "killed"),
    ("dead", "killed"),
    ("شهيد", "killed"),
    ("شهداء", "killed"),
    ("شهيدا", "killed"),
    ("جريح", "injured"),
    ("جرحي", "injured"),
    ("جريحا", "injured"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("مصابين", "injured"),
    ("اصابه", "injured"),
    ("قذيفه", "rockets"),
    ("قذائف", "rockets"),
    ("صاروخ", "rockets"),
    ("صواريخ", "rockets"),
    ("shells", "rockets"),
    ("rockets", "rockets"),
    ("missiles", "rockets"),
    ("غاره", "strikes"),
    ("غارات", "strikes"),
    ("strikes", "strikes"),
    ("airstrikes", "strikes"),
    ("جندي", "soldiers"),
    ("جنود", "soldiers"),
    ("soldiers", "soldiers"),
    ("troops", "soldiers"),
    ("معتقل", "prisoners"),
    ("معتقلين", "prisoners"),
    ("اسير", "prisoners"),
    ("اسري", "prisoners"),
    ("مختطفين", "prisoners"),
    ("prisoners", "prisoners"),
    ("detainees", "prisoners"),
    ("hostages", "prisoners"),
];

static COUNTED: LazyLock<WordMap<&'static str>> = LazyLock::new(|| WordMap::new(COUNTED_WORDS));

/// What a counted noun counts ("قتلى" → killed).
pub fn counted(w: &str) -> Option<&'static str> {
    COUNTED.get(w)
}

fn parse_digits(s: &str) -> Option<u64> {
    // "1,146" and "1.200" use a thousands separator when three digits follow it.
    let parts: Vec<&str> = s.split([',', '.', '٬', '٫']).collect();
    if parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3) {
        return parts.concat().parse().ok();
    }
    let whole = parts.first()?;
    whole.parse().ok()
}

/// The first number written in digits in a token range, counted as `what` ("put the number at
/// about 1,300": people). For sentences that restate a count without naming what is counted.
pub fn bare_number(
    doc: &TokenForms,
    text: &str,
    range: std::ops::Range<usize>,
    what: &str,
) -> Option<Quantity> {
    let i = range
        .clone()
        .find(|&i| doc.tokens[i].kind == TokenKind::Number)?;
    let mut v = parse_digits(doc.norm(&doc.tokens[i]))?;
    let mut end = i + 1;
    if end < range.end {
        if let Some(m) = doc.lookup(end, &MULTIPLIER) {
            if v < 1000 {
                v *= m;
                end += 1;
            }
        }
    }
    let ((approx, back), at_least) = qualifier(doc, i, range.start);
    let span = Span::new(
        doc.tokens[i.saturating_sub(back)].span.start,
        doc.tokens[end - 1].span.end,
    );
    Some(Quantity {
        what: what.to_string(),
        value: v,
        ordinal: false,
        approx,
        at_least,
        text: Some(span.slice(text).to_string()),
        span: Some(span),
    })
}

/// Every quantity in a token range.
pub fn find(doc: &TokenForms, text: &str, range: std::ops::Range<usize>) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let start = i;
        let t = &doc.tokens[i];
        let mut value = None;
        let mut approx = false;
        if t.kind == TokenKind::Number {
            value = parse_digits(doc.norm(t));
        } else if let Some(v) = doc.lookup(i, &WORD_VALUE) {
            value = Some(v);
        } else if let Some(v) = doc.lookup(i, &VAGUE) {
            value = Some(v);
            approx = true;
        }
        if let Some(mut v) = value {
            let mut j = i + 1;
            // "أربعة آلاف", "13 ألف", "1.5 million"
            if j < range.end {
                if let Some(m) = doc.lookup(j, &MULTIPLIER) {
                    if v < 1000 {
                        v *= m;
                        j += 1;
                    }
                }
            }
            // Skip "من" in "عشرات من المدنيين", "dozens of".
            let mut k = j;
            if k < range.end && matches!(doc.norm(&doc.tokens[k]), "من" | "of") {
                k += 1;
            }
            let what = (k < range.end).then(|| doc.lookup(k, &COUNTED)).flatten();
            if let Some(what) = what {
                let (before_approx, at_least) = qualifier(doc, start, range.start);
                let end = k + 1;
                let span = Span::new(
                    doc.tokens[start.saturating_sub(before_approx.1)].span.start,
                    doc.tokens[end - 1].span.end,
                );
                out.push(Quantity {
                    what: what.to_string(),
                    value: v,
                    ordinal: false,
                    approx: approx || before_approx.0,
                    at_least,
                    text: Some(span.slice(text).to_string()),
                    span: Some(span),
                });
                i = end;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        // Ordinals after a counted noun: "الدفعة الرابعة", "the fourth batch", "The first buses".
        if let Some(what) = doc.lookup(i, &COUNTED) {
            let next = (i + 1 < range.end)
                .then(|| doc.lookup(i + 1, &ORDINAL))
                .flatten();
            let prev = (i > range.start)
                .then(|| doc.lookup(i - 1, &ORDINAL))
                .flatten();
            if let Some((v, s, e)) = next
                .map(|v| (v, i, i + 2))
                .or(prev.map(|v| (v, i - 1, i + 1)))
            {
                let span = Span::new(doc.tokens[s].span.start, doc.tokens[e - 1].span.end);
                let what = if what == "buses" { "batch" } else { what };
                out.push(Quantity {
                    what: what.to_string(),
                    value: v,
                    ordinal: true,
                    approx: false,
                    at_least: false,
                    text: Some(span.slice(text).to_string()),
                    span: Some(span),
                });
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Words before a number: ((approx, tokens used), at_least).
fn qualifier(doc: &Document, i: usize, start: usize) -> ((bool, usize), bool) {
    let w = |k: usize| doc.norm(&doc.tokens[k]).to_string();
    if i > start {
        let p = w(i - 1);
        let p = p.trim_start_matches(['و', 'ب']);
        if matches!(
            p,
            "نحو"
                | "حوالي"
                | "قرابه"
                | "about"
                | "around"
                | "nearly"
                | "approximately"
                | "some"
                | "roughly"
        ) {
            return ((true, 1), false);
        }
        if matches!(p, "اكثر" | "over" | "least") {
            return ((false, 1), true);
        }
        if p == "من" && i >= start + 2 && w(i - 2).ends_with("اكثر") {
            return ((false, 2), true);
        }
        if p == "than" && i >= start + 2 && w(i - 2) == "more" {
            return ((false, 2), true);
        }
    }
    ((false, 0), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators_and_decimals() {
        assert_eq!(parse_digits("1,146"), Some(1146));
        assert_eq!(parse_digits("1.200"), Some(1200));
        assert_eq!(parse_digits("3.5"), Some(3));
        assert_eq!(parse_digits("24"), Some(24));
    }
}
