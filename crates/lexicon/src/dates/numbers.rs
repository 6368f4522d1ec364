//! Numbers in dates: day numbers ("7", "7th"), Arabic ordinal days (السابع, الحادي عشر,
//! الثاني والعشرين), count words (ثلاثة, `two`), all-numeric dates ("2018-04-07",
//! "07/04/2018", day/month/year as Arabic news writes them), and years ("عام 2017",
//! "في 2017", "1439 هـ").

use chrono::NaiveDate;

use super::hijri;
use super::scan::{year_bounds, Sc, M};
use super::table::{Lex, W};
use super::Precision;

/// Masculine ordinals 1–10, 20 and 30 (the forms a day takes: "السابع من نيسان").
const ORD: &[(&str, u8)] = &[
    ("الأول", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
    ("العشرين", 20),
    ("العشرون", 20),
    ("الثلاثين", 30),
    ("الثلاثون", 30),
];

/// Count words (days, weeks): Arabic masculine and feminine, English.
const CARD: &[(&str, u8)] = &[
    ("ثلاثة", 3),
    ("ثلاث", 3),
    ("أربعة", 4),
    ("أربع", 4),
    ("خمسة", 5),
    ("خمس", 5),
    ("ستة", 6),
    ("ست", 6),
    ("سبعة", 7),
    ("سبع", 7),
    ("ثمانية", 8),
    ("ثماني", 8),
    ("ثمان", 8),
    ("تسعة", 9),
    ("تسع", 9),
    ("عشرة", 10),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
];

/// Add the number words to the table.
pub(super) fn entries(add: &mut dyn FnMut(&str, Lex)) {
    for &(k, n) in ORD {
        add(k, Lex::Ord(n));
    }
    add("الحادي", Lex::OrdUnit(1));
    add("الواحد", Lex::OrdUnit(1));
    add("عشر", Lex::Teen);
    for k in ["والعشرين", "والعشرون"] {
        add(k, Lex::OrdTens(20));
    }
    for k in ["والثلاثين", "والثلاثون"] {
        add(k, Lex::OrdTens(30));
    }
    for &(k, n) in CARD {
        add(k, Lex::Card(n));
    }
}

/// Digits of a number part of a numeric date.
fn part(s: &str) -> Option<(u32, usize)> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((s.parse().ok()?, s.len()))
}

impl Sc<'_> {
    /// A day of the month at `j`: "7", "07", "7th", "السابع", "الحادي عشر", "الثاني والعشرين".
    pub(super) fn day_at(&self, j: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.num(j) {
            if self.digits(j) > 2 || !(1..=31).contains(&n) {
                return None;
            }
            let mut e = j + 1;
            if self.w(e) == Some(W::OrdSuffix) && self.adj(j) {
                e += 1;
            }
            return Some((n, e));
        }
        self.ordinal_day(j)
    }

    /// An Arabic ordinal day, up to الحادي والثلاثين.
    fn ordinal_day(&self, j: usize) -> Option<(u32, usize)> {
        let unit = match self.lex(j)? {
            Lex::Ord(u) if u >= 10 => return Some((u32::from(u), j + 1)),
            Lex::Ord(u) => Some(u),
            Lex::OrdUnit(_) => None,
            _ => return None,
        };
        match (self.lex(j + 1), unit) {
            (Some(Lex::Teen), Some(u)) if u >= 2 => Some((10 + u32::from(u), j + 2)),
            (Some(Lex::Teen), None) => Some((11, j + 2)),
            (Some(Lex::OrdTens(t)), Some(u)) if u >= 2 => {
                Some((u32::from(t) + u32::from(u), j + 2))
            }
            (Some(Lex::OrdTens(t)), None) => Some((u32::from(t) + 1, j + 2)),
            (_, Some(u)) => Some((u32::from(u), j + 1)),
            (_, None) => None,
        }
        .filter(|&(d, _)| d <= 31)
    }

    /// An all-numeric date: "2018-04-07", "2018/04/07", "07/04/2018", "7.4.2018" (year first,
    /// or day/month/year). An impossible one ("31/02/2018") is consumed without a mention.
    pub(super) fn numeric(&self, i: usize) -> Option<M> {
        if !self.is_number(i) {
            return None;
        }
        let (a, b, c, e) = if self.num(i).is_none() {
            // One token with separators inside.
            let s = self.norm(i);
            let mut it = s.split(['.', '/', '-']);
            let a = part(it.next()?)?;
            let b = part(it.next()?)?;
            let c = part(it.next()?)?;
            if it.next().is_some() {
                return None;
            }
            (a, b, c, i + 1)
        } else {
            let sep = self.punct(i + 1);
            if !matches!(sep, b'/' | b'-' | b'.') || self.punct(i + 3) != sep {
                return None;
            }
            if !(0..4).all(|k| self.adj(i + k)) {
                return None;
            }
            let a = (self.num(i)?, usize::from(self.digits(i)));
            let b = (self.num(i + 2)?, usize::from(self.digits(i + 2)));
            let c = (self.num(i + 4)?, usize::from(self.digits(i + 4)));
            (a, b, c, i + 5)
        };
        let (y, m, d) = if a.1 == 4 && b.1 <= 2 && c.1 <= 2 {
            (a.0, b.0, c.0)
        } else if c.1 == 4 && a.1 <= 2 && b.1 <= 2 {
            (c.0, b.0, a.0)
        } else {
            return None;
        };
        if !(1800..=2100).contains(&y) {
            return None;
        }
        match NaiveDate::from_ymd_opt(y as i32, m, d) {
            Some(v) => Some(M::day(i, e, Some(v), false)),
            None => Some(M::invalid(i, e)),
        }
    }

    /// A year: "عام 2017", "العام 2017", "سنة 2017", "2017" after في/منذ/حتى/in/since,
    /// "1439 هـ" (Hijri, converted to its Gregorian bounds). Precision year.
    pub(super) fn year(&self, i: usize) -> Option<M> {
        let am = matches!(self.w(i), Some(W::Am | W::AlAm));
        let j = if am { i + 1 } else { i };
        let n = self.num(j)?;
        if self.digits(j) != 4 {
            return None;
        }
        let mut e = j + 1;
        if self.w(e) == Some(W::HijriMark) && (1200..=1700).contains(&n) {
            e += 1;
            return Some(match hijri::year_bounds(n as i32) {
                Some(b) => M::period(i, e, Precision::Year, Some(b), false),
                None => M::invalid(i, e),
            });
        }
        if !(1800..=2100).contains(&n) {
            return None;
        }
        // A bare number after في/in is a year only when it is not a round count ("في 2000
        // منزل" is "in 2000 houses").
        let ctx = am
            || (n % 100 != 0
                && i > 0
                && matches!(
                    self.w(i - 1),
                    Some(W::Fi | W::Mundhu | W::Hatta | W::EnPrep)
                ));
        if !ctx {
            return None;
        }
        if self.w(e) == Some(W::MiladiMark) {
            e += 1;
        }
        Some(M::period(
            i,
            e,
            Precision::Year,
            year_bounds(n as i32),
            false,
        ))
    }
}
