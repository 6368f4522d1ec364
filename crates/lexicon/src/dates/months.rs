//! Month names: Levantine/Iraqi (نيسان), Egyptian/Gulf (أبريل), Maghrebi (أفريل), English, and
//! Hijri (رمضان), with the two-word names (تشرين الأول, ربيع الآخر, ذو الحجة); plus the
//! month-only expressions ("في شهر آذار", "نيسان الماضي", "in April").

use chrono::Datelike;

use super::hijri;
use super::scan::{month_bounds, shift, Sc, FUTURE_SLACK_DAYS, M};
use super::table::{Cal, Head, Lex, MonthName, W};
use super::Precision;

/// Arabic Gregorian month names: (name, month, strict). Strict names are ambiguous alone
/// (آب is also "father" once normalized, ماي and أوت are rare) and need a day, a year or شهر.
const AR_GREG: &[(&str, u8, bool)] = &[
    // Levantine / Iraqi.
    ("شباط", 2, false),
    ("آذار", 3, false),
    ("نيسان", 4, false),
    ("أيار", 5, false),
    ("حزيران", 6, false),
    ("تموز", 7, false),
    ("آب", 8, true),
    ("أيلول", 9, false),
    // Egyptian / Gulf.
    ("يناير", 1, false),
    ("فبراير", 2, false),
    ("مارس", 3, false),
    ("أبريل", 4, false),
    ("إبريل", 4, false),
    ("ابريل", 4, false),
    ("مايو", 5, false),
    ("يونيو", 6, false),
    ("يونية", 6, false),
    ("يوليو", 7, false),
    ("يولية", 7, false),
    ("أغسطس", 8, false),
    ("اغسطس", 8, false),
    ("سبتمبر", 9, false),
    ("أكتوبر", 10, false),
    ("اكتوبر", 10, false),
    ("نوفمبر", 11, false),
    ("ديسمبر", 12, false),
    // Maghrebi.
    ("جانفي", 1, false),
    ("فيفري", 2, false),
    ("أفريل", 4, false),
    ("ماي", 5, true),
    ("جوان", 6, false),
    ("جويلية", 7, false),
    ("أوت", 8, true),
];

/// English month names; abbreviations are strict.
const EN: &[(&str, u8, bool)] = &[
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

/// One-word Hijri month names. صفر is also "zero": strict.
const HIJRI: &[(&str, u8, bool)] = &[
    ("محرم", 1, false),
    ("المحرم", 1, false),
    ("صفر", 2, true),
    ("رجب", 7, false),
    ("شعبان", 8, false),
    ("رمضان", 9, false),
    ("شوال", 10, false),
];

const HEADS: &[(&str, Head)] = &[
    ("كانون", Head::Kanun),
    ("تشرين", Head::Tishrin),
    ("ربيع", Head::Rabi),
    ("جمادى", Head::Jumada),
    ("ذو", Head::Dhu),
    ("ذي", Head::Dhu),
];

/// Add the month words to the table.
pub(super) fn entries(add: &mut dyn FnMut(&str, Lex)) {
    for &(k, m, strict) in AR_GREG {
        add(
            k,
            Lex::Month(MonthName {
                m,
                cal: Cal::Greg,
                en: false,
                strict,
            }),
        );
    }
    for &(k, m, strict) in EN {
        add(
            k,
            Lex::Month(MonthName {
                m,
                cal: Cal::Greg,
                en: true,
                strict,
            }),
        );
    }
    for &(k, m, strict) in HIJRI {
        add(
            k,
            Lex::Month(MonthName {
                m,
                cal: Cal::Hijri,
                en: false,
                strict,
            }),
        );
    }
    for &(k, h) in HEADS {
        add(k, Lex::Head(h));
    }
}

/// The month named by a head word and the (normalized) word after it.
fn head_month(h: Head, q: &str) -> Option<(u8, Cal)> {
    let first = matches!(q, "الاول" | "اول");
    let second = matches!(q, "الثاني" | "ثاني");
    Some(match h {
        Head::Kanun if second => (1, Cal::Greg),
        Head::Kanun if first => (12, Cal::Greg),
        Head::Tishrin if first => (10, Cal::Greg),
        Head::Tishrin if second => (11, Cal::Greg),
        Head::Rabi if first => (3, Cal::Hijri),
        Head::Rabi if second || matches!(q, "الاخر" | "اخر") => (4, Cal::Hijri),
        Head::Jumada if first || matches!(q, "الاولي" | "اولي") => (5, Cal::Hijri),
        Head::Jumada if second || matches!(q, "الاخره" | "الثانيه" | "الاخر" | "اخره" | "ثانيه") => {
            (6, Cal::Hijri)
        }
        Head::Dhu if q == "القعده" => (11, Cal::Hijri),
        Head::Dhu if q == "الحجه" => (12, Cal::Hijri),
        _ => return None,
    })
}

impl Sc<'_> {
    /// One month name at `j` (one or two tokens), without alternatives.
    fn month_single(&self, j: usize) -> Option<(MonthName, usize)> {
        match self.lex(j)? {
            Lex::Month(mn) => {
                if mn.en && !self.cap(j) {
                    return None;
                }
                let mut e = j + 1;
                if mn.en && mn.strict && self.punct(e) == b'.' && self.adj(j) {
                    e += 1; // "Apr."
                }
                Some((mn, e))
            }
            Lex::Head(h) => {
                let (m, cal) = head_month(h, self.norm(j + 1))?;
                let mn = MonthName {
                    m,
                    cal,
                    en: false,
                    strict: false,
                };
                Some((mn, j + 2))
            }
            _ => None,
        }
    }

    /// A month name at `j` with an optional second name of the same month:
    /// "نيسان/أبريل", "نيسان (أبريل)", "تشرين الأول/أكتوبر".
    pub(super) fn month_at(&self, j: usize) -> Option<(MonthName, usize)> {
        let (mn, mut e) = self.month_single(j)?;
        let open = self.punct(e);
        if matches!(open, b'/' | b'(' | b'-') {
            if let Some((alt, e2)) = self.month_single(e + 1) {
                if alt.m == mn.m && alt.cal == mn.cal {
                    e = e2;
                    if open == b'(' && self.punct(e) == b')' {
                        e += 1;
                    }
                }
            }
        }
        Some((mn, e))
    }

    /// A month without day or year: "شهر آذار", "في نيسان", "نيسان الماضي", "in April",
    /// "شهر رمضان". Precision month, year from the anchor.
    pub(super) fn month_alone(&self, i: usize) -> Option<M> {
        let shahr = self.w(i) == Some(W::Shahr);
        let j = if shahr { i + 1 } else { i };
        let (mn, mut e) = self.month_at(j)?;
        // -1 the last such month before the anchor's, 1 the next, 2 the anchor's own, 0 nearest.
        let dir: i8 = match self.w(e) {
            Some(W::Past) if !mn.en => -1,
            Some(W::Next) if !mn.en => 1,
            Some(W::Current) if !mn.en => 2,
            _ => 0,
        };
        if dir != 0 {
            e += 1;
        }
        let ctx_before = i > 0
            && matches!(
                self.w(i - 1),
                Some(
                    W::Fi
                        | W::Mundhu
                        | W::Hatta
                        | W::Khilal
                        | W::Start
                        | W::Edge
                        | W::Min
                        | W::EnPrep
                        | W::LateEarly(_)
                        | W::Of
                )
            );
        let ok = shahr || (!mn.strict && mn.cal == Cal::Greg && (dir != 0 || ctx_before));
        if !ok {
            return None;
        }
        let m = u32::from(mn.m);
        let bounds = self.anchor.and_then(|a| match mn.cal {
            Cal::Greg => {
                let y = a.year();
                let y = match dir {
                    -1 if m < a.month() => y,
                    -1 => y - 1,
                    1 if m > a.month() => y,
                    1 => y + 1,
                    2 => y,
                    _ if month_bounds(y, m)?.0 > shift(a, FUTURE_SLACK_DAYS)? => y - 1,
                    _ => y,
                };
                month_bounds(y, m)
            }
            Cal::Hijri => hijri::month_near(a, m, dir),
        });
        Some(M::period(i, e, Precision::Month, bounds, true))
    }
}
