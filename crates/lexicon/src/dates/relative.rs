//! Relative days and periods, resolved against the anchor (the report's date):
//! اليوم، أمس، البارحة، أمس الأول، أول من أمس، غداً، بعد غد، الليلة، الليلة الماضية،
//! "قبل يومين"، "قبل ثلاثة أيام"، خلال الأيام الماضية، خلال اليومين الماضيين،
//! خلال الساعات الـ24 الماضية، الأسبوع الماضي، الشهر الماضي، العام الجاري، منذ بداية الشهر;
//! today, yesterday, tonight, last night, this morning, two days ago, last week, this month,
//! earlier this month, in recent days, over the past two days, in the past 24 hours.
//!
//! Weeks: Arabic expressions use the Saturday–Friday week of the Arab world (الأسبوع الماضي
//! in a report of Wednesday 11 April 2018 is Saturday 31 March – Friday 6 April); English
//! ones use the Monday–Sunday (ISO) week.

use chrono::NaiveDate;

use super::scan::{arab_week, iso_week, month_of, shift, year_of, Sc, M};
use super::table::{Lex, Pod, W};
use super::Precision;

/// Arabic and English date function words.
const WORDS: &[(&str, W)] = &[
    ("في", W::Fi),
    ("من", W::Min),
    ("منذ", W::Mundhu),
    ("حتى", W::Hatta),
    ("خلال", W::Khilal),
    ("طيلة", W::Khilal),
    ("طوال", W::Khilal),
    ("قبل", W::Qabl),
    ("بعد", W::Baad),
    ("عام", W::Am),
    ("سنة", W::Am),
    ("العام", W::AlAm),
    ("السنة", W::AlAm),
    ("شهر", W::Shahr),
    ("الشهر", W::AlShahr),
    ("يوم", W::Yawm),
    ("اليوم", W::AlYawm),
    ("أمس", W::Ams),
    ("الأمس", W::Ams),
    ("بالأمس", W::Ams),
    ("البارحة", W::Ams),
    ("أول", W::Awwal),
    ("غدا", W::Ghadan),
    ("غد", W::Ghad),
    ("الغد", W::Ghad),
    ("الليلة", W::AlLayla),
    ("فجر", W::Part(Pod::Dawn)),
    ("صباح", W::Part(Pod::Morning)),
    ("ظهر", W::Part(Pod::Noon)),
    ("ظهيرة", W::Part(Pod::Noon)),
    ("عصر", W::Part(Pod::Afternoon)),
    ("مساء", W::Part(Pod::Evening)),
    ("ليل", W::Part(Pod::Night)),
    ("ليلة", W::Part(Pod::Night)),
    ("فجرا", W::PartAdv(Pod::Dawn)),
    ("صباحا", W::PartAdv(Pod::Morning)),
    ("ظهرا", W::PartAdv(Pod::Noon)),
    ("عصرا", W::PartAdv(Pod::Afternoon)),
    ("مساءا", W::PartAdv(Pod::Evening)),
    ("ليلا", W::PartAdv(Pod::Night)),
    ("الأيام", W::AlAyyam),
    ("أيام", W::Ayyam),
    ("أياما", W::Ayyam),
    ("يوما", W::Ayyam),
    ("الماضي", W::Past),
    ("الماضية", W::Past),
    ("الماضيين", W::Past),
    ("الماضيتين", W::Past),
    ("الفائت", W::Past),
    ("الفائتة", W::Past),
    ("المنصرم", W::Past),
    ("المنصرمة", W::Past),
    ("السابق", W::Past),
    ("الأخير", W::Recent),
    ("الأخيرة", W::Recent),
    ("الأخيرين", W::Recent),
    ("الأخيرتين", W::Recent),
    ("القليلة", W::Qalila),
    ("اليومين", W::AlYawmayn),
    ("يومين", W::Yawmayn),
    ("الساعات", W::AlSaat),
    ("ساعة", W::Saah),
    ("الساعة", W::Saah),
    ("ساعات", W::Saah),
    ("الأسبوع", W::AlUsbu),
    ("أسبوع", W::Usbu),
    ("أسبوعا", W::Usbu),
    ("الأسبوعين", W::AlUsbuayn),
    ("أسبوعين", W::Usbuayn),
    ("أسابيع", W::Asabi),
    ("هذا", W::Hadha),
    ("هذه", W::Hadha),
    ("الجاري", W::Current),
    ("الجارية", W::Current),
    ("الحالي", W::Current),
    ("الحالية", W::Current),
    ("المقبل", W::Next),
    ("المقبلة", W::Next),
    ("القادم", W::Next),
    ("القادمة", W::Next),
    ("بداية", W::Start),
    ("مطلع", W::Start),
    ("أوائل", W::Start),
    ("مستهل", W::Start),
    ("منتصف", W::Edge),
    ("أواسط", W::Edge),
    ("نهاية", W::Edge),
    ("أواخر", W::Edge),
    ("هـ", W::HijriMark),
    ("هجري", W::HijriMark),
    ("هجرية", W::HijriMark),
    ("هجريا", W::HijriMark),
    ("الهجري", W::HijriMark),
    ("الهجرية", W::HijriMark),
    ("للهجرة", W::HijriMark),
    ("م", W::MiladiMark),
    ("ميلادي", W::MiladiMark),
    ("ميلادية", W::MiladiMark),
    ("ميلاديا", W::MiladiMark),
    ("الميلادي", W::MiladiMark),
    ("للميلاد", W::MiladiMark),
    ("الـ", W::Al),
    // English.
    ("on", W::EnPrep),
    ("in", W::EnPrep),
    ("over", W::EnPrep),
    ("during", W::EnPrep),
    ("since", W::EnPrep),
    ("until", W::EnPrep),
    ("late", W::LateEarly(Pod::Night)),
    ("early", W::LateEarly(Pod::Morning)),
    ("of", W::Of),
    ("the", W::The),
    ("last", W::Last),
    ("next", W::EnNext),
    ("this", W::This),
    ("yesterday", W::Yesterday),
    ("today", W::Today),
    ("tonight", W::Tonight),
    ("tomorrow", W::Tomorrow),
    ("dawn", W::EnPart(Pod::Dawn)),
    ("morning", W::EnPart(Pod::Morning)),
    ("afternoon", W::EnPart(Pod::Afternoon)),
    ("evening", W::EnPart(Pod::Evening)),
    ("night", W::EnPart(Pod::Night)),
    ("overnight", W::EnPart(Pod::Night)),
    ("day", W::Day),
    ("days", W::Days),
    ("before", W::Before),
    ("ago", W::Ago),
    ("past", W::EnPast),
    ("recent", W::EnRecent),
    ("few", W::Few),
    ("several", W::Few),
    ("couple", W::Couple),
    ("week", W::Week),
    ("weeks", W::Weeks),
    ("month", W::Month),
    ("year", W::Year),
    ("earlier", W::Earlier),
    ("hours", W::Hours),
    ("hour", W::Hours),
    ("a", W::A),
    ("th", W::OrdSuffix),
    ("st", W::OrdSuffix),
    ("nd", W::OrdSuffix),
    ("rd", W::OrdSuffix),
    ("prayers", W::Prayers),
    ("prayer", W::Prayers),
    ("sermon", W::Prayers),
];

/// Words after اليوم that make it "the day" (اليوم التالي, اليوم العالمي...), not today.
const NOT_TODAY_AFTER: &[&str] = &[
    "التالي",
    "السابق",
    "نفسه",
    "ذاته",
    "الذي",
    "العالمي",
    "الوطني",
    "الدولي",
    "الاخير",
    "المحدد",
    "المقرر",
    "الموعود",
    "الاربعين",
    "الذكري",
];
/// Words before اليوم / الليلة that make them "that day" / "that night" (في اليوم is "on the
/// day" or "per day" in narrative, not "today").
const NOT_TODAY_BEFORE: &[&str] = &["ذلك", "تلك", "نفس", "ذات", "ذاك", "في"];
/// Quotation marks (closing an outlet's name).
const QUOTES: &[&str] = &["\"", "»", "”", "'"];
/// Words after الليلة that make it "the night", not tonight.
const NOT_TONIGHT_AFTER: &[&str] = &[
    "نفسها",
    "ذاتها",
    "التاليه",
    "السابقه",
    "الاولي",
    "الثانيه",
    "الاخيره",
    "التي",
];

/// Add the function words to the table.
pub(super) fn entries(add: &mut dyn FnMut(&str, Lex)) {
    for &(k, w) in WORDS {
        add(k, Lex::W(w));
    }
    // "الـ24": the article alone once tatweel is gone.
    add("ال", Lex::W(W::Al));
}

/// Unit of a calendar period.
#[derive(Clone, Copy)]
enum Unit {
    ArabWeek,
    IsoWeek,
    Month,
    Year,
}

impl Unit {
    fn prec(self) -> Precision {
        match self {
            Unit::ArabWeek | Unit::IsoWeek => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
        }
    }

    fn bounds(self, a: NaiveDate, off: i32) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Unit::ArabWeek => arab_week(a, i64::from(off)),
            Unit::IsoWeek => iso_week(a, i64::from(off)),
            Unit::Month => month_of(a, off),
            Unit::Year => year_of(a, off),
        }
    }

    fn of_ar(w: Option<W>) -> Option<Unit> {
        match w? {
            W::AlUsbu => Some(Unit::ArabWeek),
            W::AlShahr => Some(Unit::Month),
            W::AlAm => Some(Unit::Year),
            _ => None,
        }
    }

    fn of_en(w: Option<W>) -> Option<Unit> {
        match w? {
            W::Week => Some(Unit::IsoWeek),
            W::Month => Some(Unit::Month),
            W::Year => Some(Unit::Year),
            _ => None,
        }
    }
}

impl Sc<'_> {
    /// A day `days` from the anchor.
    fn rday(&self, s: usize, e: usize, days: i64) -> M {
        M::day(s, e, self.rel(days), true)
    }

    /// A day with its part of day.
    fn rday_at(&self, s: usize, e: usize, days: i64, p: Pod) -> M {
        M {
            part: Some(p),
            ..self.rday(s, e, days)
        }
    }

    /// A whole calendar unit, `off` units from the anchor's.
    fn unit(&self, s: usize, e: usize, u: Unit, off: i32) -> M {
        let b = self.anchor.and_then(|a| u.bounds(a, off));
        M::period(s, e, u.prec(), b, true)
    }

    /// From the start of the anchor's unit up to the anchor ("منذ بداية الشهر", "earlier this
    /// month").
    fn unit_to_date(&self, s: usize, e: usize, u: Unit) -> M {
        let b = self.anchor.and_then(|a| Some((u.bounds(a, 0)?.0, a)));
        M::period(s, e, u.prec(), b, true)
    }

    /// The span from `from` days before the anchor to `to` days before it.
    fn back(&self, s: usize, e: usize, from: i64, to: i64, prec: Precision) -> M {
        let b = self
            .anchor
            .and_then(|a| Some((shift(a, -from)?, shift(a, -to)?)));
        M::period(s, e, prec, b, true)
    }

    /// The last `h` hours: from the day before the anchor (or more for 48, 72...) to the anchor.
    fn hours(&self, s: usize, e: usize, h: u32) -> Option<M> {
        if h == 0 || h > 24 * 31 {
            return None;
        }
        let days = i64::from(h.div_ceil(24));
        Some(self.back(s, e, days, 0, Precision::Day))
    }

    /// The last `n` days: the `n` days before the anchor when `n` ≤ 3, else a week-precision
    /// span up to the anchor.
    fn last_days(&self, s: usize, e: usize, n: u32) -> Option<M> {
        match n {
            0 => None,
            1..=3 => Some(self.back(s, e, i64::from(n), 1, Precision::Day)),
            4..=60 => Some(self.back(s, e, i64::from(n), 0, Precision::Week)),
            _ => None,
        }
    }

    fn past_or_recent(&self, k: usize) -> bool {
        matches!(self.w(k), Some(W::Past | W::Recent))
    }

    /// Arabic relative days.
    pub(super) fn relative(&self, i: usize) -> Option<M> {
        match self.w(i)? {
            W::AlYawm => {
                let next_excl = matches!(self.lex(i + 1), Some(Lex::Ord(_) | Lex::OrdUnit(_)))
                    || self.tok_is(i + 1, NOT_TODAY_AFTER);
                let prev_excl = i > 0 && self.tok_is(i - 1, NOT_TODAY_BEFORE);
                // "روسيا اليوم" in quotes or after موقع/قناة is the outlet (Russia Today);
                // "أعلنت روسيا اليوم" is still "Russia announced today".
                let outlet = i > 0
                    && self.tok_is(i - 1, &["روسيا"])
                    && (self.tok_is(i + 1, QUOTES)
                        || (i > 1
                            && (self.tok_is(i - 2, &["موقع", "قناه", "شبكه", "تلفزيون"])
                                || self.tok_is(i - 2, &["\"", "«", "“", "'"]))));
                if next_excl || prev_excl || outlet {
                    return None;
                }
                Some(self.rday(i, i + 1, 0))
            }
            W::Ams => {
                if self.lex(i + 1) == Some(Lex::Ord(1)) {
                    Some(self.rday(i, i + 2, -2)) // أمس الأول
                } else {
                    Some(self.rday(i, i + 1, -1))
                }
            }
            W::Awwal => match (self.w(i + 1), self.w(i + 2)) {
                (Some(W::Ams), _) => Some(self.rday(i, i + 2, -2)),
                (Some(W::Min), Some(W::Ams)) => Some(self.rday(i, i + 3, -2)),
                _ => None,
            },
            W::Ghadan => Some(self.rday(i, i + 1, 1)),
            W::Ghad => {
                let after_day_word = i > 0 && matches!(self.w(i - 1), Some(W::Yawm | W::Part(_)));
                after_day_word.then(|| self.rday(i, i + 1, 1))
            }
            W::Baad if self.w(i + 1) == Some(W::Ghad) => Some(self.rday(i, i + 2, 2)),
            W::AlLayla => {
                if self.w(i + 1) == Some(W::Past) {
                    return Some(self.rday_at(i, i + 2, -1, Pod::Night));
                }
                if self.tok_is(i + 1, NOT_TONIGHT_AFTER)
                    || (i > 0 && self.tok_is(i - 1, NOT_TODAY_BEFORE))
                {
                    return None;
                }
                Some(self.rday_at(i, i + 1, 0, Pod::Night))
            }
            W::Qabl | W::Mundhu => self.ago_ar(i),
            _ => None,
        }
    }

    /// "قبل يومين", "قبل ثلاثة أيام", "منذ 3 أيام", "قبل أسبوع", "قبل 24 ساعة": so long before
    /// the anchor.
    /// Not when followed by من/على ("قبل يومين من الانتخابات": before another event).
    fn ago_ar(&self, i: usize) -> Option<M> {
        let j = i + 1;
        let count_unit = |n: u32, k: usize| match self.w(k) {
            Some(W::Ayyam) => Some((n, Precision::Day, k + 1)),
            Some(W::Asabi) => Some((7 * n, Precision::Week, k + 1)),
            // "قبل 24 ساعة": a day per 24 hours, at least one.
            Some(W::Saah) if n <= 24 * 31 => Some((n.div_ceil(24), Precision::Day, k + 1)),
            _ => None,
        };
        let (days, prec, e) = match self.lex(j) {
            Some(Lex::W(W::Yawmayn)) => (2, Precision::Day, j + 1),
            Some(Lex::W(W::Yawm)) if !self.starts_day(j + 1) => (1, Precision::Day, j + 1),
            Some(Lex::W(W::Usbu)) => (7, Precision::Week, j + 1),
            Some(Lex::W(W::Usbuayn)) => (14, Precision::Week, j + 1),
            Some(Lex::Card(n)) => count_unit(u32::from(n), j + 1)?,
            _ => {
                let n = self.num(j).filter(|&n| (1..=744).contains(&n))?;
                count_unit(n, j + 1)?
            }
        };
        if self.w(e) == Some(W::Min) || self.tok_is(e, &["علي"]) {
            return None;
        }
        Some(M {
            prec,
            ..self.rday(i, e, -i64::from(days))
        })
    }

    /// Periods: خلال الأيام الماضية, اليومين الماضيين, الساعات الـ24 الماضية, الأسبوع الماضي,
    /// الشهر الجاري, العام الماضي, منذ بداية الشهر...
    pub(super) fn period(&self, i: usize) -> Option<M> {
        match self.w(i) {
            Some(W::Khilal) => self.period_core(i + 1).map(|m| m.starting_at(i)),
            Some(W::Mundhu) if self.w(i + 1) == Some(W::Start) => {
                self.period_core(i + 1).map(|m| m.starting_at(i))
            }
            _ => self.period_core(i),
        }
    }

    fn period_core(&self, i: usize) -> Option<M> {
        match self.w(i) {
            Some(W::AlAyyam) => {
                let mut j = i + 1;
                if self.w(j) == Some(W::Qalila) {
                    j += 1;
                }
                if !self.past_or_recent(j) {
                    return None;
                }
                j += 1;
                if self.past_or_recent(j) {
                    j += 1;
                }
                Some(self.back(i, j, 7, 0, Precision::Week))
            }
            Some(W::AlYawmayn) if self.past_or_recent(i + 1) => {
                Some(self.back(i, i + 2, 2, 1, Precision::Day))
            }
            Some(W::AlUsbuayn) if self.past_or_recent(i + 1) => {
                Some(self.back(i, i + 2, 14, 0, Precision::Week))
            }
            Some(W::AlSaat) => {
                let mut j = i + 1;
                let mut h = 24;
                if self.w(j) == Some(W::Al) {
                    j += 1;
                }
                if let Some(n) = self.num(j) {
                    h = n;
                    j += 1;
                }
                if self.w(j) == Some(W::Qalila) {
                    j += 1;
                }
                if !self.past_or_recent(j) {
                    return None;
                }
                self.hours(i, j + 1, h)
            }
            Some(W::Al) | None => {
                // "الـ24 ساعة الماضية", "24 ساعة الماضية".
                let j = if self.w(i) == Some(W::Al) { i + 1 } else { i };
                let h = self.num(j)?;
                if !matches!(self.w(j + 1), Some(W::Saah | W::AlSaat))
                    || !self.past_or_recent(j + 2)
                {
                    return None;
                }
                self.hours(i, j + 3, h)
            }
            Some(W::Hadha) => {
                let u = Unit::of_ar(self.w(i + 1))?;
                Some(self.unit(i, i + 2, u, 0))
            }
            Some(w @ (W::AlUsbu | W::AlShahr | W::AlAm)) => {
                let u = Unit::of_ar(Some(w))?;
                match self.w(i + 1)? {
                    W::Past => Some(self.unit(i, i + 2, u, -1)),
                    W::Current => Some(self.unit(i, i + 2, u, 0)),
                    W::Next => Some(self.unit(i, i + 2, u, 1)),
                    W::Hadha => Some(self.unit(i, i + 2, u, 0)), // الشهر هذا
                    _ => None,
                }
            }
            Some(W::Start) => {
                let u = Unit::of_ar(self.w(i + 1))?;
                match self.w(i + 2) {
                    Some(W::Past) => Some(self.unit(i, i + 3, u, -1)),
                    Some(W::Current) => Some(self.unit_to_date(i, i + 3, u)),
                    _ => Some(self.unit_to_date(i, i + 2, u)),
                }
            }
            _ => None,
        }
    }

    /// English relative days and periods.
    pub(super) fn english(&self, i: usize) -> Option<M> {
        let w = match self.lex(i) {
            Some(Lex::W(w)) => w,
            Some(Lex::Card(_)) => return self.ago_en(i),
            None if self.num(i).is_some() => return self.ago_en(i),
            _ => return None,
        };
        match w {
            W::Yesterday => Some(self.rday(i, i + 1, -1)),
            // "Russia Today", "USA Today" are outlets.
            W::Today if i > 0 && self.tok_is(i - 1, &["russia", "usa"]) => None,
            W::Today => Some(self.rday(i, i + 1, 0)),
            W::Tomorrow => Some(self.rday(i, i + 1, 1)),
            W::Tonight => Some(self.rday_at(i, i + 1, 0, Pod::Night)),
            W::Last => match self.lex(i + 1)? {
                Lex::W(W::EnPart(Pod::Night)) => Some(self.rday_at(i, i + 2, -1, Pod::Night)),
                Lex::Weekday(wd) if wd.en && self.cap(i + 1) => {
                    let v = self
                        .anchor
                        .and_then(|a| super::scan::weekday_near(a, wd.day, -1));
                    Some(M::day(i, i + 2, v, true))
                }
                Lex::W(u) if Unit::of_en(Some(u)).is_some() => {
                    Some(self.unit(i, i + 2, Unit::of_en(Some(u))?, -1))
                }
                _ => self.rolling_en(i),
            },
            W::EnNext => match self.lex(i + 1)? {
                Lex::Weekday(wd) if wd.en && self.cap(i + 1) => {
                    let v = self
                        .anchor
                        .and_then(|a| super::scan::weekday_near(a, wd.day, 1));
                    Some(M::day(i, i + 2, v, true))
                }
                Lex::W(u) => Some(self.unit(i, i + 2, Unit::of_en(Some(u))?, 1)),
                _ => None,
            },
            W::This => match self.w(i + 1)? {
                W::EnPart(p) => Some(self.rday_at(i, i + 2, 0, p)),
                u => Some(self.unit(i, i + 2, Unit::of_en(Some(u))?, 0)),
            },
            W::Earlier if self.w(i + 1) == Some(W::This) => {
                let u = Unit::of_en(self.w(i + 2))?;
                Some(self.unit_to_date(i, i + 3, u))
            }
            W::The => match (self.w(i + 1), self.w(i + 2), self.w(i + 3)) {
                (Some(W::Day), Some(W::Before), Some(W::Yesterday)) => {
                    Some(self.rday(i, i + 4, -2))
                }
                (Some(W::EnPast | W::Last), _, _) => {
                    self.rolling_en(i + 1).map(|m| m.starting_at(i))
                }
                _ => None,
            },
            W::Day if self.w(i + 1) == Some(W::Before) && self.w(i + 2) == Some(W::Yesterday) => {
                Some(self.rday(i, i + 3, -2))
            }
            W::EnPast => self.rolling_en(i),
            W::EnRecent if self.w(i + 1) == Some(W::Days) => {
                Some(self.back(i, i + 2, 7, 0, Precision::Week))
            }
            // "in recent hours": the last day, as "الساعات الأخيرة".
            W::EnRecent if self.w(i + 1) == Some(W::Hours) => self.hours(i, i + 2, 24),
            W::A => self.ago_en(i),
            _ => None,
        }
    }

    /// After "past"/"last": "few days", "two days", "24 hours", "week", "two weeks".
    fn rolling_en(&self, i: usize) -> Option<M> {
        let j = i + 1;
        let count = match self.lex(j) {
            Some(Lex::Card(n)) => Some(u32::from(n)),
            _ => self.num(j),
        };
        if let Some(n) = count {
            return match self.w(j + 1)? {
                W::Days | W::Day => self.last_days(i, j + 2, n),
                W::Hours => self.hours(i, j + 2, n),
                W::Weeks | W::Week if (1..=8).contains(&n) => {
                    Some(self.back(i, j + 2, i64::from(7 * n), 0, Precision::Week))
                }
                _ => None,
            };
        }
        match self.w(j)? {
            W::Week => Some(self.back(i, j + 1, 7, 0, Precision::Week)),
            W::Few | W::Couple => {
                let mut k = j + 1;
                if self.w(k) == Some(W::Of) {
                    k += 1;
                }
                if self.w(k) != Some(W::Days) {
                    return None;
                }
                let n = if self.w(j) == Some(W::Couple) { 2 } else { 7 };
                self.last_days(i, k + 1, n)
            }
            _ => None,
        }
    }

    /// "two days ago", "3 days ago", "a week ago".
    fn ago_en(&self, i: usize) -> Option<M> {
        let n = match self.lex(i) {
            Some(Lex::Card(n)) => u32::from(n),
            Some(Lex::W(W::A)) => 1,
            _ => self.num(i).filter(|&n| n <= 99)?,
        };
        let (days, prec) = match self.w(i + 1)? {
            W::Day | W::Days => (n, Precision::Day),
            W::Week | W::Weeks => (7 * n, Precision::Week),
            _ => return None,
        };
        if self.w(i + 2) != Some(W::Ago) {
            return None;
        }
        Some(M {
            prec,
            ..self.rday(i, i + 3, -i64::from(days))
        })
    }
}
