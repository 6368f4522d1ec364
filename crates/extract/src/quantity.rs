//! Quantities: numerals in digits and words, ordinals, approximations, and what they count.

use raqib_core::{Quantity, Span};
use raqib_text::{Document, TokenKind};

fn stem_of(doc: &Document, i: usize) -> Vec<&str> {
    let t = &doc.tokens[i];
    let mut v: Vec<&str> = t.segs.as_slice().iter().map(|s| doc.stem(t, *s)).collect();
    v.push(doc.norm(t));
    v
}

fn word_value(w: &str) -> Option<u64> {
    Some(match w {
        "واحد" | "واحده" | "one" => 1,
        "اثنان" | "اثنين" | "two" => 2,
        "ثلاث" | "ثلاثه" | "three" => 3,
        "اربع" | "اربعه" | "four" => 4,
        "خمس" | "خمسه" | "five" => 5,
        "ست" | "سته" | "six" => 6,
        "سبع" | "سبعه" | "seven" => 7,
        "ثماني" | "ثمانيه" | "ثمان" | "eight" => 8,
        "تسع" | "تسعه" | "nine" => 9,
        "عشر" | "عشره" | "ten" => 10,
        "عشرين" | "عشرون" | "twenty" => 20,
        "ثلاثين" | "ثلاثون" | "thirty" => 30,
        "اربعين" | "اربعون" | "forty" => 40,
        "خمسين" | "خمسون" | "fifty" => 50,
        "مئه" | "مائه" | "hundred" => 100,
        "الف" | "thousand" => 1000,
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<u64> {
    Some(match w {
        "الف" | "الاف" | "thousand" => 1000,
        "مليون" | "ملايين" | "million" => 1_000_000,
        "مئه" | "مائه" | "مئات" | "hundred" => 100,
        _ => return None,
    })
}

fn vague(w: &str) -> Option<u64> {
    Some(match w {
        "عشرات" | "dozens" => 24,
        "مئات" | "hundreds" => 200,
        "الاف" | "thousands" => 2000,
        "عده" | "several" => 3,
        _ => return None,
    })
}

fn ordinal(w: &str) -> Option<u64> {
    Some(match w {
        "اولي" | "اول" | "first" => 1,
        "ثانيه" | "ثاني" | "second" => 2,
        "ثالثه" | "ثالث" | "third" => 3,
        "رابعه" | "رابع" | "fourth" => 4,
        "خامسه" | "خامس" | "fifth" => 5,
        "سادسه" | "سادس" | "sixth" => 6,
        "سابعه" | "سابع" | "seventh" => 7,
        "ثامنه" | "ثامن" | "eighth" => 8,
        "تاسعه" | "تاسع" | "ninth" => 9,
        "عاشره" | "عاشر" | "tenth" => 10,
        _ => return None,
    })
}

/// What a counted noun counts.
pub fn counted(w: &str) -> Option<&'static str> {
    Some(match w {
        "دفعه" | "دفعات" | "batch" | "batches" => "batch",
        "حافله" | "حافلات" | "bus" | "buses" => "buses",
        "شخص" | "اشخاص" | "شخصا" | "people" | "persons" | "مواطن" | "مواطنين" | "مدنيا"
        | "مدني" | "مدنيين" | "civilians" | "متظاهر" | "متظاهرين" | "محتج" | "محتجين"
        | "protesters" | "demonstrators" => "people",
        "مقاتل" | "مقاتلين" | "مقاتلا" | "مسلح" | "مسلحين" | "مسلحا" | "fighters" | "militants"
        | "عنصر" | "عناصر" | "عنصرا" => "fighters",
        "عائله" | "عائلات" | "families" => "families",
        "قتيل" | "قتلي" | "قتيلا" | "killed" | "dead" | "شهيد" | "شهداء" | "شهيدا" => {
            "killed"
        }
        "جريح" | "جرحي" | "جريحا" | "injured" | "wounded" | "مصابين" | "اصابه" => {
            "injured"
        }
        "قذيفه" | "قذائف" | "صاروخ" | "صواريخ" | "shells" | "rockets" | "missiles" => {
            "rockets"
        }
        "غاره" | "غارات" | "strikes" | "airstrikes" => "strikes",
        "جندي" | "جنود" | "soldiers" | "troops" => "soldiers",
        "معتقل" | "معتقلين" | "اسير" | "اسري" | "مختطفين" | "prisoners" | "detainees"
        | "hostages" => "prisoners",
        _ => return None,
    })
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
    doc: &Document,
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
        if let Some(m) = stem_of(doc, end).iter().find_map(|w| multiplier(w)) {
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
pub fn find(doc: &Document, text: &str, range: std::ops::Range<usize>) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let start = i;
        let t = &doc.tokens[i];
        let forms = stem_of(doc, i);
        let mut value = None;
        let mut approx = false;
        if t.kind == TokenKind::Number {
            value = parse_digits(doc.norm(t));
        } else if let Some(v) = forms.iter().find_map(|w| word_value(w)) {
            value = Some(v);
        } else if let Some(v) = forms.iter().find_map(|w| vague(w)) {
            value = Some(v);
            approx = true;
        }
        if let Some(mut v) = value {
            let mut j = i + 1;
            // "أربعة آلاف", "13 ألف", "1.5 million"
            if j < range.end {
                if let Some(m) = stem_of(doc, j).iter().find_map(|w| multiplier(w)) {
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
            let what = (k < range.end)
                .then(|| stem_of(doc, k).iter().find_map(|w| counted(w)))
                .flatten();
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
        if let Some(what) = forms.iter().find_map(|w| counted(w)) {
            let next = (i + 1 < range.end)
                .then(|| stem_of(doc, i + 1).iter().find_map(|w| ordinal(w)))
                .flatten();
            let prev = (i > range.start)
                .then(|| stem_of(doc, i - 1).iter().find_map(|w| ordinal(w)))
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
