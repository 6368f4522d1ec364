//! Weekday names and the weekday expression: "الجمعة", "يوم الأحد", "الخميس الماضي",
//! "on Friday", "Saturday night" (prefixes such as أمس/فجر/on are in the scanner).
//!
//! Ambiguity: الاثنين is also "the two", so it needs a word such as يوم, أمس, فجر or ليلة
//! before it (or a date after it); الأحد needs the article (أحد is "one"); الجمعة after صلاة,
//! خطبة, مسجد... is the prayer, and "Friday prayers" likewise; a weekday after أيام or كل is a
//! habit ("every Friday"), not a date.

use chrono::Weekday;

use super::scan::{weekday_near, Kind, Sc, FRIDAY_PRAYER, M};
use super::table::{Lex, Wd, W};

/// Arabic weekday names (with the article; الأحد only with it): (name, day, needs context).
const AR: &[(&str, Weekday, bool)] = &[
    ("الأحد", Weekday::Sun, false),
    ("الإثنين", Weekday::Mon, true),
    ("الاثنين", Weekday::Mon, true),
    ("الثلاثاء", Weekday::Tue, false),
    ("الأربعاء", Weekday::Wed, false),
    ("الخميس", Weekday::Thu, false),
    ("الجمعة", Weekday::Fri, false),
    ("السبت", Weekday::Sat, false),
];

const EN: &[(&str, Weekday)] = &[
    ("sunday", Weekday::Sun),
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
];

/// Words after an English weekday that make it a newspaper ("The Sunday Times").
const NEWSPAPER: &[&str] = &["times", "telegraph", "express", "mirror", "herald", "post"];

/// Words before a weekday that make it a habit, not a date.
const HABIT: &[&str] = &["ايام", "كل", "اسبوعيا"];

/// Add the weekday words to the table.
pub(super) fn entries(add: &mut dyn FnMut(&str, Lex)) {
    for &(k, day, ctx) in AR {
        add(
            k,
            Lex::Weekday(Wd {
                day,
                en: false,
                ctx,
            }),
        );
    }
    for &(k, day) in EN {
        add(
            k,
            Lex::Weekday(Wd {
                day,
                en: true,
                ctx: false,
            }),
        );
    }
}

impl Sc<'_> {
    /// A weekday, optionally followed by الماضي (strictly before the anchor) or المقبل (after).
    pub(super) fn weekday(&self, i: usize) -> Option<M> {
        let Some(Lex::Weekday(wd)) = self.lex(i) else {
            return None;
        };
        if wd.en {
            if !self.cap(i) || self.w(i + 1) == Some(W::Prayers) || self.tok_is(i + 1, NEWSPAPER) {
                return None;
            }
        } else if i > 0
            && (self.tok_is(i - 1, HABIT)
                || (wd.day == Weekday::Fri && self.tok_is(i - 1, FRIDAY_PRAYER)))
        {
            return None;
        }
        let mut e = i + 1;
        let dir: i8 = match self.w(e) {
            Some(W::Past) if !wd.en => -1,
            Some(W::Next) if !wd.en => 1,
            _ => 0,
        };
        if dir != 0 {
            e += 1;
        }
        if wd.ctx && dir == 0 && !self.weekday_ctx(i) {
            return None;
        }
        let value = self.anchor.and_then(|a| weekday_near(a, wd.day, dir));
        Some(M {
            kind: Kind::Weekday,
            ..M::day(i, e, value, true)
        })
    }

    /// Whether the word before an ambiguous weekday (الاثنين) makes it a day.
    fn weekday_ctx(&self, i: usize) -> bool {
        let Some(b) = self.before(i) else {
            return false;
        };
        match self.lex(b) {
            Some(Lex::Weekday(_)) => true,
            Some(Lex::W(w)) => matches!(
                w,
                W::Yawm
                    | W::AlYawm
                    | W::Ams
                    | W::Part(_)
                    | W::Ghadan
                    | W::AlLayla
                    | W::Mundhu
                    | W::Hatta
            ),
            _ => false,
        }
    }
}
