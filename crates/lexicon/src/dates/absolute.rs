//! Dates named by day and month: "7 نيسان 2018", "السبت 7 نيسان/أبريل 2018",
//! "في السابع من نيسان", "15 رمضان 1439 هـ", "April 7, 2018", "7 April", "Friday, April 6",
//! "the 7th of April", "السابع من الشهر الجاري"; and month with year: "نيسان 2018",
//! "شهر رمضان 1439 هـ", "April 2018".

use chrono::{Datelike, NaiveDate, Weekday};

use super::hijri;
use super::scan::{max_day, month_bounds, month_of, yearless, Sc, M};
use super::table::{Cal, Lex, MonthName, W};
use super::Precision;

/// A calendar's (year, month, day) → Gregorian day.
type MakeDate = fn(i32, u32, u32) -> Option<NaiveDate>;

impl Sc<'_> {
    /// A year after a month name: optional "،", "من", "عام"; then four digits in range for the
    /// calendar, then an optional م / هـ. `(None, k)` when there is none.
    fn year_after(&self, k: usize, cal: Cal) -> (Option<i32>, usize) {
        let mut j = k;
        if self.punct(j) == b',' {
            j += 1;
        }
        if self.w(j) == Some(W::Min) {
            j += 1;
        }
        if matches!(self.w(j), Some(W::Am | W::AlAm)) {
            j += 1;
        }
        let Some(n) = self.num(j).filter(|_| self.digits(j) == 4) else {
            return (None, k);
        };
        let (range, mark) = match cal {
            Cal::Greg => (1800..=2100, W::MiladiMark),
            Cal::Hijri => (1200..=1700, W::HijriMark),
        };
        if !range.contains(&n) {
            return (None, k);
        }
        let mut e = j + 1;
        if self.w(e) == Some(mark) {
            e += 1;
        }
        (Some(n as i32), e)
    }

    /// A year-less date's direction word: الماضي (-1), المقبل (1), الجاري (2), or none (0).
    fn month_dir(&self, k: usize, mn: MonthName) -> (i8, usize) {
        if mn.en {
            return (0, k);
        }
        match self.w(k) {
            Some(W::Past) => (-1, k + 1),
            Some(W::Next) => (1, k + 1),
            Some(W::Current) => (2, k + 1),
            _ => (0, k),
        }
    }

    /// A year-less day with a direction: the latest on or before the anchor (-1), the first
    /// on or after it (1), in the anchor's year (2).
    fn directed(&self, cal: Cal, m: u32, d: u32, dir: i8) -> Option<NaiveDate> {
        let a = self.anchor?;
        let (y, make): (i32, MakeDate) = match cal {
            Cal::Greg => (a.year(), NaiveDate::from_ymd_opt),
            Cal::Hijri => (hijri::from_gregorian(a)?.0, hijri::to_gregorian),
        };
        match dir {
            2 => make(y, m, d),
            1 => [y - 1, y, y + 1]
                .into_iter()
                .filter_map(|y| make(y, m, d))
                .find(|&v| v >= a),
            _ => [y + 1, y, y - 1]
                .into_iter()
                .filter_map(|y| make(y, m, d))
                .find(|&v| v <= a),
        }
    }

    /// The match for day `d` of month `mn`, in `year` or (year-less) near the anchor.
    fn dated(&self, s: usize, e: usize, mn: MonthName, d: u32, year: Option<i32>) -> M {
        if year.is_none() {
            let (dir, e2) = self.month_dir(e, mn);
            if dir != 0 {
                let limit = if mn.cal == Cal::Greg {
                    max_day(u32::from(mn.m))
                } else {
                    30
                };
                if d > limit {
                    return M::invalid(s, e2);
                }
                let v = self.directed(mn.cal, u32::from(mn.m), d, dir);
                return M::day(s, e2, v, true);
            }
        }
        let m = u32::from(mn.m);
        let exact = |v: Option<NaiveDate>| match v {
            Some(v) => M::day(s, e, Some(v), false),
            None => M::invalid(s, e),
        };
        match (mn.cal, year) {
            (Cal::Greg, Some(y)) => exact(NaiveDate::from_ymd_opt(y, m, d)),
            (Cal::Hijri, Some(y)) => exact(hijri::to_gregorian(y, m, d)),
            (Cal::Greg, None) if d > max_day(m) => M::invalid(s, e),
            (Cal::Hijri, None) if d > 30 => M::invalid(s, e),
            (Cal::Greg, None) => M::day(s, e, self.anchor.and_then(|a| yearless(a, m, d)), true),
            (Cal::Hijri, None) => M::day(
                s,
                e,
                self.anchor.and_then(|a| hijri::yearless(a, m, d)),
                true,
            ),
        }
    }

    /// A year-less date after a weekday ("الأحد 1 تموز"): when the year chosen does not fall on
    /// that weekday but the year before or after does, take that year.
    fn weekday_year(&self, m: M, wd: Option<Weekday>, mn: MonthName, d: u32) -> M {
        let (Some(wd), Some(v), true) = (wd, m.value, m.relative) else {
            return m;
        };
        if v.weekday() == wd {
            return m;
        }
        let mo = u32::from(mn.m);
        let other = |dy: i32| match mn.cal {
            Cal::Greg => NaiveDate::from_ymd_opt(v.year() + dy, mo, d),
            Cal::Hijri => {
                let (hy, _, _) = hijri::from_gregorian(v)?;
                hijri::to_gregorian(hy + dy, mo, d)
            }
        };
        match [-1, 1]
            .into_iter()
            .filter_map(other)
            .find(|o| o.weekday() == wd)
        {
            Some(o) => M {
                value: Some(o),
                ..m
            },
            None => m,
        }
    }

    /// Day–month(–year), month–day(–year) in English, month–year.
    pub(super) fn absolute(&self, i: usize) -> Option<M> {
        let mut j = i;
        let wd = match self.lex(i) {
            Some(Lex::Weekday(w)) => Some(w.day),
            _ => None,
        };
        let weekday = wd.is_some();
        if weekday {
            j += 1;
            if self.punct(j) == b',' {
                j += 1;
            }
        }
        if self.w(j) == Some(W::The) && self.num(j + 1).is_some() {
            j += 1; // "the 7th of April"
        }
        if let Some((day, mut k)) = self.day_at(j) {
            if matches!(self.w(k), Some(W::Min | W::Of)) {
                k += 1;
            }
            if let Some((mn, k2)) = self.month_at(k) {
                let (year, e) = self.year_after(k2, mn.cal);
                return Some(self.weekday_year(self.dated(i, e, mn, day, year), wd, mn, day));
            }
            // "السابع من الشهر الجاري": a day of the anchor's month (or the one before/after).
            if self.w(k) == Some(W::AlShahr) {
                let off = match self.w(k + 1)? {
                    W::Current | W::Hadha => 0,
                    W::Past => -1,
                    W::Next => 1,
                    _ => return None,
                };
                let e = k + 2;
                let Some(a) = self.anchor else {
                    return Some(M::day(i, e, None, true));
                };
                let (first, last) = month_of(a, off)?;
                if day > last.day() {
                    return Some(M::invalid(i, e));
                }
                let v = NaiveDate::from_ymd_opt(first.year(), first.month(), day);
                return Some(M::day(i, e, v, true));
            }
            return None;
        }
        let shahr = !weekday && self.w(j) == Some(W::Shahr);
        if shahr {
            j += 1;
        }
        let (mn, k) = self.month_at(j)?;
        if mn.en && !shahr {
            // "April 7", "April 7, 2018", "April 7th".
            if let Some((day, k2)) = self.num(k).and_then(|_| self.day_at(k)) {
                let (year, e) = self.year_after(k2, mn.cal);
                return Some(self.weekday_year(self.dated(i, e, mn, day, year), wd, mn, day));
            }
        }
        if weekday {
            return None;
        }
        let (Some(y), e) = self.year_after(k, mn.cal) else {
            return None;
        };
        let m = u32::from(mn.m);
        let bounds = match mn.cal {
            Cal::Greg => month_bounds(y, m),
            Cal::Hijri => hijri::month_bounds(y, m),
        };
        Some(match bounds {
            Some(b) => M::period(i, e, Precision::Month, Some(b), false),
            None => M::invalid(i, e),
        })
    }
}
