//! The scanner: one pass over a document's tokens, trying the date patterns at each token that
//! can start one, keeping the longest match and moving past it.
//!
//! Every token is classified once (see [`super::table`]); the patterns then only read that
//! classification. Prefix words (on, يوم, أمس, فجر...) wrap a match that starts right after
//! them, to a bounded depth, so the scan stays linear.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use raqib_text::{Document, Token, TokenKind};

use super::table::{self, Lex, Pod, W};
use super::Precision;

/// What the recognizer knows about one token.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Info {
    pub lex: Option<Lex>,
    /// Value of a plain number (digits only), or of "7th".
    pub num: Option<u32>,
    /// Digits of `num`.
    pub digits: u8,
    /// A number token (maybe with separators).
    pub number: bool,
    /// Punctuation code: `/ - . , ( )`, 0 otherwise.
    pub punct: u8,
    /// Starts with an ASCII capital in the original.
    pub cap: bool,
}

/// What kind of thing a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// One named or relative day.
    Day,
    /// A weekday (resolved against the anchor).
    Weekday,
    /// A week, month, year or span of days.
    Period,
    /// A date shape with an impossible value: consumed, never reported.
    Invalid,
}

/// A match, in token indices.
#[derive(Debug, Clone, Copy)]
pub(super) struct M {
    pub s: usize,
    pub e: usize,
    pub value: Option<NaiveDate>,
    pub prec: Precision,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub relative: bool,
    pub part: Option<Pod>,
    pub kind: Kind,
}

impl M {
    /// One day.
    pub(super) fn day(s: usize, e: usize, value: Option<NaiveDate>, relative: bool) -> M {
        M {
            s,
            e,
            value,
            prec: Precision::Day,
            from: None,
            to: None,
            relative,
            part: None,
            kind: Kind::Day,
        }
    }

    /// A period; unresolved as a whole when either end is unknown.
    pub(super) fn period(
        s: usize,
        e: usize,
        prec: Precision,
        span: Option<(NaiveDate, NaiveDate)>,
        relative: bool,
    ) -> M {
        M {
            s,
            e,
            value: span.map(|p| p.0),
            prec,
            from: span.map(|p| p.0),
            to: span.map(|p| p.1),
            relative,
            part: None,
            kind: Kind::Period,
        }
    }

    /// A consumed, impossible date.
    pub(super) fn invalid(s: usize, e: usize) -> M {
        M {
            kind: Kind::Invalid,
            ..M::day(s, e, None, false)
        }
    }

    /// A single day (not a period, not invalid).
    pub(super) fn daylike(&self) -> bool {
        matches!(self.kind, Kind::Day | Kind::Weekday)
    }

    /// The same match with another first token.
    pub(super) fn starting_at(self, s: usize) -> M {
        M { s, ..self }
    }
}

/// The scanner over one document.
pub(super) struct Sc<'a> {
    pub doc: &'a Document,
    pub info: Vec<Info>,
    pub anchor: Option<NaiveDate>,
}

/// How many prefix words may wrap one match ("late on Thursday", "فجر يوم أمس الأربعاء").
const MAX_DEPTH: u8 = 4;

fn punct_code(s: &str) -> u8 {
    match s.trim() {
        "/" | "\\" => b'/',
        "-" | "–" | "—" | "‐" | "−" => b'-',
        "," | "،" => b',',
        "(" | "[" => b'(',
        ")" | "]" => b')',
        "." => b'.',
        _ => 0,
    }
}

fn digits_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn info_of(doc: &Document, text: &str, t: &Token) -> Info {
    let mut inf = Info::default();
    match t.kind {
        TokenKind::Number => {
            inf.number = true;
            let n = doc.norm(t);
            if let Some(v) = digits_value(n) {
                inf.num = Some(v);
                inf.digits = n.len() as u8;
            }
        }
        TokenKind::Punct | TokenKind::Symbol => {
            inf.punct = punct_code(t.span.slice(text));
            if inf.punct == 0 {
                inf.punct = punct_code(doc.norm(t));
            }
        }
        TokenKind::Word => {
            let n = doc.norm(t);
            let d = n.bytes().take_while(u8::is_ascii_digit).count();
            if d > 0 {
                // "7th" as one word.
                if d <= 2 && matches!(&n[d..], "th" | "st" | "nd" | "rd") {
                    inf.num = digits_value(&n[..d]);
                    inf.digits = d as u8;
                }
                return inf;
            }
            inf.lex = table::lookup(doc, t);
            if inf.lex.is_some() {
                inf.cap = t
                    .span
                    .slice(text)
                    .as_bytes()
                    .first()
                    .is_some_and(u8::is_ascii_uppercase);
            }
        }
    }
    inf
}

impl<'a> Sc<'a> {
    /// Classify every token of `doc`.
    pub(super) fn new(doc: &'a Document, text: &str, anchor: Option<NaiveDate>) -> Sc<'a> {
        let info = doc.tokens.iter().map(|t| info_of(doc, text, t)).collect();
        Sc { doc, info, anchor }
    }

    /// All matches, in order, non-overlapping, longest first-starting match wins.
    pub(super) fn run(&self) -> Vec<M> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.info.len() {
            match self.best(i, 0) {
                Some(m) => {
                    if m.kind != Kind::Invalid {
                        out.push(m);
                    }
                    i = m.e.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest match starting at token `i`.
    pub(super) fn best(&self, i: usize, depth: u8) -> Option<M> {
        let inf = self.info.get(i)?;
        let trigger = match inf.lex {
            Some(l) => l.is_trigger(),
            None => inf.number || inf.num.is_some(),
        };
        if !trigger {
            return None;
        }
        let cands = [
            if depth < MAX_DEPTH {
                self.prefixed(i, depth)
            } else {
                None
            },
            self.absolute(i),
            self.month_alone(i),
            self.numeric(i),
            self.year(i),
            self.weekday(i),
            self.relative(i),
            self.period(i),
            self.english(i),
        ];
        let mut best: Option<M> = None;
        for m in cands.into_iter().flatten() {
            match best {
                Some(b) if b.e >= m.e => {}
                _ => best = Some(m),
            }
        }
        best.map(|m| self.suffix(m))
    }

    /// A part-of-day word after a day: "الجمعة مساءً", "Saturday night".
    fn suffix(&self, mut m: M) -> M {
        if !m.daylike() || m.part.is_some() {
            return m;
        }
        match self.w(m.e) {
            Some(W::PartAdv(p)) | Some(W::EnPart(p)) => {
                m.part = Some(p);
                m.e += 1;
            }
            Some(W::Part(Pod::Evening)) if !self.starts_day(m.e + 1) => {
                m.part = Some(Pod::Evening);
                m.e += 1;
            }
            _ => {}
        }
        m
    }

    /// Whether token `j` could begin a day expression (used to leave "مساء" to what follows).
    pub(super) fn starts_day(&self, j: usize) -> bool {
        match self.lex(j) {
            Some(Lex::Weekday(_)) | Some(Lex::Ord(_)) | Some(Lex::Month(_)) => true,
            Some(Lex::W(w)) => matches!(w, W::AlYawm | W::Ams | W::Ghad | W::Yawm | W::Ghadan),
            _ => self.num(j).is_some(),
        }
    }

    /// Prefix words wrapping a day: "on", "late on", فجر, بعد ظهر, يوم, اليوم, أمس, غداً, yesterday.
    fn prefixed(&self, i: usize, depth: u8) -> Option<M> {
        let w = self.w(i)?;
        let inner = |j: usize| self.best(j, depth + 1);
        match w {
            W::EnPrep => {
                let m = inner(i + 1)?;
                Some(m.starting_at(i))
            }
            W::LateEarly(p) => {
                let mut j = i + 1;
                if self.w(j) == Some(W::EnPrep) && self.norm(j) == "on" {
                    j += 1;
                }
                let m = inner(j).filter(M::daylike)?;
                Some(M {
                    part: m.part.or(Some(p)),
                    ..m.starting_at(i)
                })
            }
            W::Part(p) => {
                let m = inner(i + 1).filter(M::daylike)?;
                let mut m = M {
                    part: Some(p),
                    ..m.starting_at(i)
                };
                if p == Pod::Night && m.kind == Kind::Weekday {
                    // ليل السبت - الأحد: the night from one day to the next; the first day.
                    let mut j = m.e;
                    if matches!(self.punct(j), b'-' | b'/') || self.norm(j) == "علي" {
                        j += 1;
                    }
                    if let Some(Lex::Weekday(_)) = self.lex(j) {
                        m.e = j + 1;
                    }
                }
                Some(m)
            }
            W::Baad if self.w(i + 1) == Some(W::Part(Pod::Noon)) => {
                let m = inner(i + 2).filter(M::daylike)?;
                Some(M {
                    part: Some(Pod::Afternoon),
                    ..m.starting_at(i)
                })
            }
            W::Yawm => {
                let m = inner(i + 1).filter(M::daylike)?;
                if m.kind == Kind::Weekday && self.friday_excluded(i, i + 1) {
                    return None;
                }
                Some(m.starting_at(i))
            }
            W::AlYawm | W::Today | W::Ams | W::Yesterday | W::Ghadan | W::Tomorrow => {
                let mut j = i + 1;
                let open = self.punct(j);
                if open == b'(' || open == b',' {
                    j += 1;
                }
                let m = inner(j)?;
                let mut e = m.e;
                if open == b'(' && self.punct(e) == b')' {
                    e += 1;
                }
                match m.kind {
                    Kind::Weekday => {
                        let value = match w {
                            W::Ams | W::Yesterday => self.rel(-1),
                            W::Ghadan | W::Tomorrow => self.rel(1),
                            _ => m.value,
                        };
                        Some(M {
                            value,
                            e,
                            kind: Kind::Day,
                            ..m.starting_at(i)
                        })
                    }
                    Kind::Day if !m.relative => Some(M {
                        e,
                        ..m.starting_at(i)
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    // ---- token accessors ----

    pub(super) fn lex(&self, i: usize) -> Option<Lex> {
        self.info.get(i)?.lex
    }

    pub(super) fn w(&self, i: usize) -> Option<W> {
        match self.lex(i)? {
            Lex::W(w) => Some(w),
            _ => None,
        }
    }

    pub(super) fn num(&self, i: usize) -> Option<u32> {
        self.info.get(i)?.num
    }

    pub(super) fn digits(&self, i: usize) -> u8 {
        self.info.get(i).map_or(0, |x| x.digits)
    }

    pub(super) fn punct(&self, i: usize) -> u8 {
        self.info.get(i).map_or(0, |x| x.punct)
    }

    pub(super) fn cap(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| x.cap)
    }

    pub(super) fn is_number(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| x.number)
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    pub(super) fn adj(&self, i: usize) -> bool {
        match (self.doc.tokens.get(i), self.doc.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    /// The normalized form of token `i` ("" past the end).
    pub(super) fn norm(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map_or("", |t| self.doc.norm(t))
    }

    /// Whether token `i` is one of `words` (normalized form or a clitic stem).
    pub(super) fn tok_is(&self, i: usize, words: &[&str]) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        let n = self.doc.norm(t);
        if words.contains(&n) {
            return true;
        }
        if t.segs
            .as_slice()
            .iter()
            .any(|s| s.suf == 0 && s.pre > 0 && words.contains(&self.doc.stem(t, *s)))
        {
            return true;
        }
        n.strip_prefix('و')
            .or_else(|| n.strip_prefix('ف'))
            .or_else(|| n.strip_prefix('ل'))
            .is_some_and(|r| words.contains(&r))
    }

    /// The token before `i`, skipping one `,` or `(`.
    pub(super) fn before(&self, i: usize) -> Option<usize> {
        let j = i.checked_sub(1)?;
        if matches!(self.punct(j), b',' | b'(') {
            j.checked_sub(1)
        } else {
            Some(j)
        }
    }

    /// "صلاة الجمعة", "خطبة الجمعة": Friday as the prayer, not the day.
    pub(super) fn friday_excluded(&self, before: usize, wd_tok: usize) -> bool {
        let Some(Lex::Weekday(wd)) = self.lex(wd_tok) else {
            return false;
        };
        if wd.day != Weekday::Fri || wd.en {
            return false;
        }
        before > 0 && self.tok_is(before - 1, FRIDAY_PRAYER)
    }

    // ---- resolution against the anchor ----

    /// The anchor shifted by `days`.
    pub(super) fn rel(&self, days: i64) -> Option<NaiveDate> {
        shift(self.anchor?, days)
    }
}

/// Words before الجمعة that make it the prayer.
pub(super) const FRIDAY_PRAYER: &[&str] = &[
    "صلاه",
    "خطبه",
    "خطيب",
    "صلوات",
    "خطب",
    "امام",
    "ايمه",
    "مسجد",
    "جامع",
    "منبر",
];

/// `d` shifted by `days`.
pub(super) fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// First and last day of a month.
pub(super) fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// First and last day of a year.
pub(super) fn year_bounds(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

/// Largest day of month `m` in any year (29 for February).
pub(super) fn max_day(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How far after the anchor a year-less date may fall before it is taken as last year's.
pub(super) const FUTURE_SLACK_DAYS: i64 = 62;

/// A year-less Gregorian date: the anchor's year, or the year before when that would put it
/// more than about two months after the anchor.
pub(super) fn yearless(anchor: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let y = anchor.year();
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    if date > shift(anchor, FUTURE_SLACK_DAYS)? {
        NaiveDate::from_ymd_opt(y - 1, m, d)
    } else {
        Some(date)
    }
}

/// The most recent `wd` on or before `anchor` (`dir` 0), strictly before it (-1), or the next
/// one strictly after it (1).
pub(super) fn weekday_near(anchor: NaiveDate, wd: Weekday, dir: i8) -> Option<NaiveDate> {
    let a = i64::from(anchor.weekday().num_days_from_monday());
    let w = i64::from(wd.num_days_from_monday());
    match dir {
        0 => shift(anchor, -((a - w).rem_euclid(7))),
        d if d < 0 => {
            let back = (a - w).rem_euclid(7);
            shift(anchor, -(if back == 0 { 7 } else { back }))
        }
        _ => {
            let fwd = (w - a).rem_euclid(7);
            shift(anchor, if fwd == 0 { 7 } else { fwd })
        }
    }
}

/// The Saturday–Friday week holding `anchor`, moved by `offset` weeks.
pub(super) fn arab_week(anchor: NaiveDate, offset: i64) -> Option<(NaiveDate, NaiveDate)> {
    let back = i64::from((anchor.weekday().num_days_from_sunday() + 1) % 7);
    let start = shift(anchor, -back + 7 * offset)?;
    Some((start, shift(start, 6)?))
}

/// The Monday–Sunday (ISO) week holding `anchor`, moved by `offset` weeks.
pub(super) fn iso_week(anchor: NaiveDate, offset: i64) -> Option<(NaiveDate, NaiveDate)> {
    let back = i64::from(anchor.weekday().num_days_from_monday());
    let start = shift(anchor, -back + 7 * offset)?;
    Some((start, shift(start, 6)?))
}

/// The calendar month holding `anchor`, moved by `offset` months.
pub(super) fn month_of(anchor: NaiveDate, offset: i32) -> Option<(NaiveDate, NaiveDate)> {
    let idx = anchor.year() * 12 + anchor.month0() as i32 + offset;
    month_bounds(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

/// The calendar year holding `anchor`, moved by `offset` years.
pub(super) fn year_of(anchor: NaiveDate, offset: i32) -> Option<(NaiveDate, NaiveDate)> {
    year_bounds(anchor.year().checked_add(offset)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekday_resolution() {
        // 2018-04-07 is a Saturday.
        assert_eq!(
            weekday_near(d(2018, 4, 7), Weekday::Fri, 0),
            Some(d(2018, 4, 6))
        );
        assert_eq!(
            weekday_near(d(2018, 4, 7), Weekday::Sat, 0),
            Some(d(2018, 4, 7))
        );
        assert_eq!(
            weekday_near(d(2018, 4, 7), Weekday::Sat, -1),
            Some(d(2018, 3, 31))
        );
        assert_eq!(
            weekday_near(d(2018, 4, 7), Weekday::Sat, 1),
            Some(d(2018, 4, 14))
        );
        assert_eq!(
            weekday_near(d(2018, 4, 7), Weekday::Sun, 1),
            Some(d(2018, 4, 8))
        );
    }

    #[test]
    fn weeks_and_months() {
        assert_eq!(
            arab_week(d(2018, 4, 7), 0),
            Some((d(2018, 4, 7), d(2018, 4, 13)))
        );
        assert_eq!(
            arab_week(d(2018, 4, 6), -1),
            Some((d(2018, 3, 24), d(2018, 3, 30)))
        );
        assert_eq!(
            iso_week(d(2018, 4, 7), -1),
            Some((d(2018, 3, 26), d(2018, 4, 1)))
        );
        assert_eq!(
            month_of(d(2018, 1, 15), -1),
            Some((d(2017, 12, 1), d(2017, 12, 31)))
        );
        assert_eq!(month_bounds(2016, 2), Some((d(2016, 2, 1), d(2016, 2, 29))));
    }

    #[test]
    fn yearless_dates() {
        assert_eq!(yearless(d(2018, 4, 7), 4, 2), Some(d(2018, 4, 2)));
        assert_eq!(yearless(d(2018, 1, 10), 12, 28), Some(d(2017, 12, 28)));
        assert_eq!(yearless(d(2018, 4, 7), 5, 20), Some(d(2018, 5, 20)));
        assert_eq!(yearless(d(2018, 4, 7), 2, 29), None);
    }
}
