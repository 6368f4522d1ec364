//! The tabular (arithmetical) Islamic calendar and its conversion to and from the Gregorian.
//!
//! Months alternate 30 and 29 days (Muharram 30, Safar 29, ...), Dhu al-Hijja has 30 days in
//! the 11 leap years of each 30-year cycle (2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29), and day 1
//! of Muharram 1 AH is Friday 16 July 622 (Julian), the "civil" epoch. The calendars actually
//! used (Umm al-Qura in Saudi Arabia, moon sighting elsewhere) can differ from it by a day or
//! two, so a Hijri date converted here may be a day off the one the report meant.

use chrono::{Datelike, NaiveDate};

use super::scan::{shift, FUTURE_SLACK_DAYS};

/// Julian day number of 1 Muharram 1 AH (civil epoch).
const EPOCH_JDN: i64 = 1_948_440;
/// Julian day number minus chrono's days from the common era.
const JDN_CE: i64 = 1_721_425;

/// Whether Hijri year `y` has 355 days.
pub fn is_leap(y: i64) -> bool {
    (14 + 11 * y).rem_euclid(30) < 11
}

/// Days of Hijri month `m` (1–12) of year `y`.
pub fn month_len(y: i64, m: u32) -> u32 {
    if m % 2 == 1 || (m == 12 && is_leap(y)) {
        30
    } else {
        29
    }
}

fn to_jdn(y: i64, m: u32, d: u32) -> i64 {
    let m = i64::from(m);
    i64::from(d) + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + EPOCH_JDN
        - 1
}

/// The Gregorian date of Hijri `y`-`m`-`d` in the tabular calendar; `None` for an impossible
/// date (month outside 1–12, day past the month's end, year before 1 AH or far in the future).
pub fn to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=9666).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    if d > month_len(i64::from(y), m) {
        return None;
    }
    let days = to_jdn(i64::from(y), m, d) - JDN_CE;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
}

/// The tabular Hijri (year, month, day) of a Gregorian date; `None` before 1 AH.
pub fn from_gregorian(date: NaiveDate) -> Option<(i32, u32, u32)> {
    let jdn = i64::from(date.num_days_from_ce()) + JDN_CE;
    if jdn < EPOCH_JDN {
        return None;
    }
    let mut y = (30 * (jdn - EPOCH_JDN) + 10646).div_euclid(10631);
    while y > 1 && to_jdn(y, 1, 1) > jdn {
        y -= 1;
    }
    while to_jdn(y + 1, 1, 1) <= jdn {
        y += 1;
    }
    let mut m = 12;
    while m > 1 && to_jdn(y, m, 1) > jdn {
        m -= 1;
    }
    let d = jdn - to_jdn(y, m, 1) + 1;
    Some((i32::try_from(y).ok()?, m, d as u32))
}

/// First and last Gregorian day of Hijri month `m` of year `y`.
pub(super) fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        to_gregorian(y, m, 1)?,
        to_gregorian(y, m, month_len(i64::from(y), m))?,
    ))
}

/// First and last Gregorian day of Hijri year `y`.
pub(super) fn year_bounds(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        to_gregorian(y, 1, 1)?,
        to_gregorian(y, 12, month_len(i64::from(y), 12))?,
    ))
}

/// The Hijri year for a year-less Hijri month near `anchor`: `dir` -1 the last such month
/// before the anchor's, 1 the next after it, 2 the anchor's Hijri year, 0 the anchor's Hijri
/// year unless that puts the month's first day more than ~2 months after the anchor.
fn year_near(anchor: NaiveDate, m: u32, dir: i8) -> Option<i32> {
    let (hy, hm, _) = from_gregorian(anchor)?;
    Some(match dir {
        -1 if m < hm => hy,
        -1 => hy - 1,
        1 if m > hm => hy,
        1 => hy + 1,
        2 => hy,
        _ if to_gregorian(hy, m, 1)? > shift(anchor, FUTURE_SLACK_DAYS)? => hy - 1,
        _ => hy,
    })
}

/// A year-less Hijri month near `anchor` (see [`year_near`]), as Gregorian bounds.
pub(super) fn month_near(anchor: NaiveDate, m: u32, dir: i8) -> Option<(NaiveDate, NaiveDate)> {
    month_bounds(year_near(anchor, m, dir)?, m)
}

/// A year-less Hijri day near `anchor`: the anchor's Hijri year, or the one before when the
/// day would fall more than ~2 months after the anchor.
pub(super) fn yearless(anchor: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let (hy, _, _) = from_gregorian(anchor)?;
    let date = to_gregorian(hy, m, d)?;
    if date > shift(anchor, FUTURE_SLACK_DAYS)? {
        to_gregorian(hy - 1, m, d)
    } else {
        Some(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn epoch_is_16_july_622_julian() {
        // 16 July 622 Julian = 19 July 622 proleptic Gregorian.
        assert_eq!(to_gregorian(1, 1, 1), Some(d(622, 7, 19)));
    }

    #[test]
    fn known_tabular_dates() {
        assert_eq!(to_gregorian(1439, 9, 1), Some(d(2018, 5, 16)));
        assert_eq!(to_gregorian(1440, 1, 1), Some(d(2018, 9, 12)));
        assert_eq!(to_gregorian(1445, 9, 1), Some(d(2024, 3, 11)));
    }

    #[test]
    fn round_trips_every_day_of_several_years() {
        let mut day = d(1990, 1, 1);
        while day < d(2040, 1, 1) {
            let (y, m, dd) = from_gregorian(day).unwrap();
            assert_eq!(to_gregorian(y, m, dd), Some(day), "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn rejects_impossible_days() {
        assert_eq!(to_gregorian(1439, 2, 30), None);
        assert_eq!(to_gregorian(1439, 13, 1), None);
        assert_eq!(to_gregorian(1439, 1, 0), None);
        assert!(to_gregorian(1439, 1, 30).is_some());
    }
}
