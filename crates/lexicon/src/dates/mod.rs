//! Date expressions in Arabic and English news, found in an analysed document and resolved to
//! calendar days against an anchor (the report's date).
//!
//! What is recognised:
//!
//! - **Absolute dates**: "7 نيسان 2018", "7 أبريل 2018", "7 نيسان/أبريل 2018", "السبت 7 نيسان",
//!   "في السابع من نيسان", "الحادي والعشرين من آذار", "نيسان 2018", "شهر آذار", "عام 2017",
//!   "في 2017"; English "April 7, 2018", "7 April 2018", "April 7", "in April", "April 2018";
//!   numeric "2018-04-07", "07/04/2018" (day/month/year, as Arabic news writes them). Month
//!   names: Levantine/Iraqi (كانون الثاني … كانون الأول), Egyptian/Gulf (يناير … ديسمبر) and
//!   Maghrebi (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت). Impossible dates ("31/02/2018",
//!   "31 شباط 2018") give no mention.
//! - **Year-less dates** take the anchor's year, or the year before when that would put them
//!   more than about two months after the anchor (news reports the past); a weekday before
//!   them ("الأحد 1 تموز") picks the neighbouring year it falls on, and الماضي/المقبل/الجاري
//!   after the month ("21 شباط الماضي") pick the last, next or current one.
//! - **Weekdays** ("الجمعة", "يوم الأحد", "فجر الأربعاء", "ليل السبت - الأحد", "on Friday",
//!   "Saturday night", "late on Thursday"): the most recent such day on or before the anchor;
//!   with الماضي/`last` strictly before it, with المقبل/`next` after it. After أمس/`yesterday`
//!   ("أمس الجمعة") the whole is one expression resolving to the day before the anchor, whatever
//!   the weekday says. See the `weekdays` module for the ambiguous words (صلاة الجمعة,
//!   الاثنين "the two").
//! - **Relative days and periods** (module `relative`): اليوم، أمس، أمس الأول، غداً، الليلة
//!   الماضية، قبل يومين، خلال الأيام الماضية، الأسبوع الماضي (Saturday–Friday weeks)،
//!   الشهر الماضي، منذ بداية الشهر; today, yesterday, last night, two days ago, last week
//!   (Monday–Sunday weeks), in recent days, over the past two days, earlier this month.
//! - **Hijri dates** ("15 رمضان 1439 هـ", "1439 هـ", "شهر رمضان"), converted with the tabular
//!   Islamic calendar, which can be a day or two off the calendars actually observed (see
//!   the `hijri` module). A Hijri month name alone ("رمضان" is also a name) is never a date:
//!   it needs a day number, a year, هـ, or شهر before it.
//!
//! Words are matched on the text stage's normalized forms and clitic stems ("وأمس", "بالأمس",
//! "والخميس"); spans cover whole original tokens. English prepositions before an expression
//! ("on Friday", "in April", "over the past two days") are part of its span; Arabic في is not
//! ("في السابع من نيسان" gives "السابع من نيسان"), while خلال/طيلة before a period and منذ in
//! "منذ يومين"/"منذ بداية الشهر" are.
//!
//! Without an anchor, anything that needs one (relative days, weekdays, year-less dates) is
//! still found but has no value.
//!
//! Speed: every token is classified once with a hash lookup behind a bit filter; patterns
//! only run at tokens that can start an expression, and the scan is linear.
//!
//! Guarded ambiguities: a bare number after في/in is a year only in 1800–2100 and when not a
//! multiple of 100 ("في 2000 منزل"); اليوم is not today in اليوم التالي / في اليوم / ذلك اليوم;
//! "Russia Today", "The Sunday Times" are outlets; an English month or weekday must be
//! capitalized; "قبل يومين من ..." is relative to another event and left out.
//!
//! Not handled: date ranges as one mention ("من 7 إلى 10 نيسان" gives "10 نيسان"), times of day
//! ("الساعة العاشرة"), the eve reading of ليلة + weekday (ليلة الجمعة is taken as Friday, not
//! Thursday night), feminine ordinal days, ordinals written as words in English ("the
//! seventh"), two-digit years, month/day/year numeric order, "mid-April", expressions split
//! across a line break are not prevented from joining.

mod absolute;
mod hijri;
mod months;
mod numbers;
mod relative;
mod scan;
mod table;
mod weekdays;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use raqib_core::{DateRef, Span};
use raqib_text::Document;

pub use hijri::{
    from_gregorian as gregorian_to_hijri, is_leap as hijri_is_leap, month_len as hijri_month_len,
    to_gregorian as hijri_to_gregorian,
};

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// One day.
    Day,
    /// A week (or a span of several days).
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Precision {
    /// The contract's name: `day`, `week`, `month`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date expression found in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Bytes in the original text covering the whole expression ("أمس الجمعة",
    /// "7 نيسان/أبريل 2018", "on Friday").
    pub span: Span,
    /// Token indices in the [`Document`].
    pub tokens: Range<usize>,
    /// The day (the first day of a period); `None` when it cannot be resolved (a relative
    /// expression with no anchor, a year-less 29 February in a common year).
    pub value: Option<NaiveDate>,
    /// How precise the value is.
    pub precision: Precision,
    /// First day of a period (`None` for single days).
    pub from: Option<NaiveDate>,
    /// Last day of a period (`None` for single days).
    pub to: Option<NaiveDate>,
    /// Whether the value was resolved against the anchor (relative days, weekdays, year-less
    /// dates, periods such as الأسبوع الماضي).
    pub relative: bool,
    /// `dawn`, `morning`, `noon`, `afternoon`, `evening` or `night` when the expression says.
    pub part_of_day: Option<&'static str>,
}

fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

impl DateMention {
    /// The contract's DATE object: value `YYYY-MM-DD`, precision, from/to, `inferred` false,
    /// text the original slice, span in **bytes** (to be converted to characters at the output).
    pub fn to_date_ref(&self, text: &str) -> DateRef {
        DateRef {
            value: self.value.map(iso),
            precision: self.precision.as_str().to_string(),
            from: self.from.map(iso),
            to: self.to.map(iso),
            inferred: false,
            text: Some(self.span.slice(text).to_string()),
            span: Some(self.span),
        }
    }

    /// The original text of the expression.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// All date expressions of `doc` (analysed from `text`), in text order, non-overlapping, the
/// longest match winning at each position. `anchor` is the report's date; without it, relative
/// expressions are found with no value.
pub fn find_dates(doc: &Document, text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    let sc = scan::Sc::new(doc, text, anchor);
    sc.run()
        .into_iter()
        .filter_map(|m| {
            let first = doc.tokens.get(m.s)?;
            let last = doc.tokens.get(m.e.checked_sub(1)?)?;
            let (from, to) = match m.kind {
                scan::Kind::Period => (m.from, m.to),
                _ => (None, None),
            };
            Some(DateMention {
                span: Span::new(first.span.start, last.span.end),
                tokens: m.s..m.e,
                value: m.value,
                precision: m.prec,
                from,
                to,
                relative: m.relative,
                part_of_day: m.part.map(table::Pod::as_str),
            })
        })
        .collect()
}

/// Parse `YYYY-MM-DD` (or `YYYY/MM/DD`), optionally followed by a time (`T...` or a space):
/// the form report dates come in. `None` for anything else or an impossible date.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || !s.is_char_boundary(10) {
        return None;
    }
    let (date, rest) = s.split_at(10);
    if !rest.is_empty() && !rest.starts_with(['T', 't', ' ']) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/') || b[7] != sep {
        return None;
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let p = &date[r];
        if p.bytes().all(|c| c.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let y = digits(0..4)?;
    let m = digits(5..7)?;
    let d = digits(8..10)?;
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates() {
        let d = NaiveDate::from_ymd_opt(2018, 4, 7);
        assert_eq!(parse_iso("2018-04-07"), d);
        assert_eq!(parse_iso("2018/04/07"), d);
        assert_eq!(parse_iso(" 2018-04-07T10:00:00Z"), d);
        assert_eq!(parse_iso("2018-02-31"), None);
        assert_eq!(parse_iso("2018-04-7"), None);
        assert_eq!(parse_iso("2018-04/07"), None);
        assert_eq!(parse_iso("٢٠١٨-٠٤-٠٧"), None);
        assert_eq!(parse_iso(""), None);
    }

    #[test]
    fn precision_names() {
        assert_eq!(Precision::Day.as_str(), "day");
        assert_eq!(Precision::Week.as_str(), "week");
        assert_eq!(Precision::Month.as_str(), "month");
        assert_eq!(Precision::Year.as_str(), "year");
    }
}
