//! Comparable features of actors, places and dates, shared by the three trackers.
//!
//! Everything here is a general rule of event data: a party is a country and a side (state or
//! not), a place is the same as another when the gazetteer says so, when one is the region that
//! holds the other, or when they are a few kilometres apart; a date is a range of days.

use raqib_core::{Actor, DateRef, Place};

/// Days since 1970-01-01 of a `YYYY-MM-DD` string (only the first ten characters are read).
pub fn day_number(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> { s.get(r)?.parse::<i32>().ok() };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` string of a day number.
pub fn day_string(z: i32) -> String {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days an item may span and still be dated; a longer period is too vague to link on.
pub(crate) const MAX_SPAN_DAYS: i32 = 7;

/// The days an item happened on, as a closed range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Days {
    pub lo: i32,
    pub hi: i32,
    /// Taken from context or from the report's date rather than stated.
    pub inferred: bool,
    /// Not the item's date at all but a window around its report's date.
    pub fallback: bool,
}

/// How two date ranges relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayRel {
    /// They share a day.
    Same,
    /// One ends the day before the other starts.
    Adjacent,
    /// Neither is dated.
    Undated,
}

impl Days {
    /// The days of a stated date: a day, or a period of at most [`MAX_SPAN_DAYS`].
    pub fn of(date: &DateRef) -> Option<Days> {
        let inferred = date.inferred;
        if let (Some(f), Some(t)) = (
            date.from.as_deref().and_then(day_number),
            date.to.as_deref().and_then(day_number),
        ) {
            let (lo, hi) = (f.min(t), f.max(t));
            return (hi - lo < MAX_SPAN_DAYS).then_some(Days {
                lo,
                hi,
                inferred,
                fallback: false,
            });
        }
        let v = date.value.as_deref().and_then(day_number)?;
        match date.precision.as_str() {
            "week" => Some(Days {
                lo: v,
                hi: v + 6,
                inferred,
                fallback: false,
            }),
            "month" | "year" => None,
            _ => Some(Days {
                lo: v,
                hi: v,
                inferred,
                fallback: false,
            }),
        }
    }

    /// The stated date, else the report's date: the day before it or that day for something
    /// that happened, that day or the next for something intended.
    pub fn or_report(
        date: Option<&DateRef>,
        report_day: Option<i32>,
        intended: bool,
    ) -> Option<Days> {
        if let Some(d) = date {
            if d.value.is_some() || d.from.is_some() {
                return Days::of(d);
            }
        }
        let rd = report_day?;
        Some(if intended {
            Days {
                lo: rd,
                hi: rd + 1,
                inferred: true,
                fallback: true,
            }
        } else {
            Days {
                lo: rd - 1,
                hi: rd,
                inferred: true,
                fallback: true,
            }
        })
    }
}

/// How two optional day ranges relate, `None` when they are too far apart (or one is undated).
pub(crate) fn day_rel(a: Option<Days>, b: Option<Days>, slack: i32) -> Option<DayRel> {
    match (a, b) {
        (None, None) => Some(DayRel::Undated),
        (Some(a), Some(b)) => {
            if a.lo <= b.hi && b.lo <= a.hi {
                Some(DayRel::Same)
            } else if a.lo <= b.hi + slack && b.lo <= a.hi + slack {
                Some(DayRel::Adjacent)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A country code packed into a number (`SYR`, `IGO`...); 0 when unknown.
pub(crate) type Country = u32;

/// Pack a three-letter code.
pub(crate) fn country(code: &str) -> Country {
    let b = code.as_bytes();
    if b.len() >= 3 && b[..3].iter().all(u8::is_ascii_alphabetic) {
        (u32::from(b[0].to_ascii_uppercase()) << 16)
            | (u32::from(b[1].to_ascii_uppercase()) << 8)
            | u32::from(b[2].to_ascii_uppercase())
    } else {
        0
    }
}

/// The code of a packed country.
pub(crate) fn country_str(c: Country) -> String {
    if c == 0 {
        return "?".into();
    }
    [(c >> 16) as u8, (c >> 8) as u8, c as u8]
        .iter()
        .map(|&b| b as char)
        .collect()
}

/// Which side of a conflict an actor is on, from its CAMEO roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Side {
    /// Government, military, police, intelligence, judiciary.
    State,
    /// Rebels, insurgents, opposition, separatists.
    NonState,
    /// Another role (civilians, media, NGOs...), packed.
    Other(u32),
    /// A bare country code: any side of it.
    Any,
}

const STATE_ROLES: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];
const NONSTATE_ROLES: &[&str] = &["REB", "INS", "OPP", "SEP", "RAD", "UAF"];

/// A country and a side: the grain at which actors are the same party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Party {
    pub country: Country,
    pub side: Side,
}

impl Party {
    /// The party of a CAMEO-style code; `None` when the code has no country.
    pub fn of(code: &str) -> Option<Party> {
        let code = code.trim();
        let c = country(code);
        if c == 0 {
            return None;
        }
        let roles: Vec<&str> = (3..code.len())
            .step_by(3)
            .filter_map(|i| code.get(i..(i + 3).min(code.len())))
            .collect();
        let side = if roles.is_empty() {
            Side::Any
        } else if roles.iter().any(|r| STATE_ROLES.contains(r)) {
            Side::State
        } else if roles.iter().any(|r| NONSTATE_ROLES.contains(r)) {
            Side::NonState
        } else {
            Side::Other(country(roles[0]))
        };
        Some(Party { country: c, side })
    }

    /// The same party: same country, and the same side or a bare country on either part.
    pub fn matches(&self, o: &Party) -> bool {
        self.country == o.country
            && (self.side == o.side || self.side == Side::Any || o.side == Side::Any)
    }

    /// A party to the fighting (a state or an armed group, or a bare country), as opposed to
    /// media, monitors, civilians.
    pub fn belligerent(&self) -> bool {
        matches!(self.side, Side::State | Side::NonState | Side::Any)
    }

    /// `SYR state`, `SYR non-state`...
    pub fn describe(&self) -> String {
        let side = match self.side {
            Side::State => "state".to_string(),
            Side::NonState => "non-state".to_string(),
            Side::Other(r) => country_str(r),
            Side::Any => "any side".to_string(),
        };
        format!("{} {side}", country_str(self.country))
    }
}

/// The distinct parties of some actors.
pub(crate) fn parties<'a>(actors: impl IntoIterator<Item = &'a Actor>) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    for a in actors {
        if let Some(p) = Party::of(&a.code) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// The first pair of matching parties.
pub(crate) fn overlap(a: &[Party], b: &[Party]) -> Option<(Party, Party)> {
    a.iter()
        .find_map(|x| b.iter().find(|y| x.matches(y)).map(|y| (*x, *y)))
}

/// Parties overlap where it matters: the non-state parties when both sides have some (a local
/// deal is told apart by its armed group, not by the government that signs them all), else any.
pub(crate) fn overlap_nonstate_first(a: &[Party], b: &[Party]) -> Option<(Party, Party)> {
    let ns = |v: &[Party]| -> Vec<Party> {
        v.iter()
            .copied()
            .filter(|p| p.side == Side::NonState)
            .collect()
    };
    let (na, nb) = (ns(a), ns(b));
    if !na.is_empty() && !nb.is_empty() {
        overlap(&na, &nb)
    } else {
        overlap(a, b)
    }
}

/// Ids of the named non-state actors (armed groups and their people).
pub(crate) fn nonstate_ids<'a>(actors: impl IntoIterator<Item = &'a Actor>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in actors {
        let ns = Party::of(&a.code).is_some_and(|p| p.side == Side::NonState);
        if let (true, Some(id)) = (ns, a.id.as_ref().filter(|s| !s.is_empty())) {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
    }
    out
}

/// Lower-case, without Latin diacritics, Arabic letter variants unified, punctuation as spaces.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let m = match c {
            'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
            'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
            'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
                'e'
            }
            'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => 'i',
            'Ñ' | 'ñ' => 'n',
            'Ò'..='Ö' | 'ò'..='ö' | 'Ø' | 'ø' | 'Ō' | 'ō' => 'o',
            'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' => 'u',
            'Ý' | 'ý' | 'ÿ' => 'y',
            'Ş' | 'ş' | 'Š' | 'š' | 'Ṣ' | 'ṣ' => 's',
            'Ḩ' | 'ḩ' | 'Ḥ' | 'ḥ' => 'h',
            'Ḑ' | 'ḑ' | 'Ḍ' | 'ḍ' => 'd',
            'Ţ' | 'ţ' | 'Ṭ' | 'ṭ' => 't',
            'Ẓ' | 'ẓ' | 'Ž' | 'ž' => 'z',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{0640}' | '\u{064B}'..='\u{0652}' | '\'' | '’' | 'ʿ' | 'ʾ' | '`' => continue,
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        for l in m.to_lowercase() {
            out.push(l);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What kind of area a place is, for containment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    /// A town, camp, crossing, base...: a point.
    Point,
    /// A first-level administrative area (governorate, province).
    Admin1,
    /// A region inside one admin1 (a countryside, a valley).
    SubRegion,
    /// A region without an admin1 (northern Syria) or a country: matched by name only.
    Wide,
}

/// A place reduced to what linking compares.
#[derive(Debug, Clone)]
pub(crate) struct PlaceSig {
    pub id: Option<String>,
    pub name: String,
    pub display: String,
    pub country: Country,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub kind: PlaceKind,
    /// Taken from the report's context, not named in the clause: a guess that may support a
    /// link but never refutes one.
    pub inferred: bool,
}

const ADMIN1_FEATURES: &[&str] = &["governorate", "province", "admin1", "state", "wilaya"];
const REGION_FEATURES: &[&str] = &[
    "region",
    "area",
    "district",
    "countryside",
    "subdistrict",
    "admin2",
    "valley",
    "country",
];

impl PlaceSig {
    /// Reduce a place.
    pub fn of(p: &Place) -> PlaceSig {
        let feature = p.feature.as_deref().unwrap_or("").to_ascii_lowercase();
        let admin1 = p.admin1.as_deref().map(norm).filter(|s| !s.is_empty());
        let kind = if ADMIN1_FEATURES.contains(&feature.as_str()) {
            if admin1.is_some() {
                PlaceKind::Admin1
            } else {
                PlaceKind::Wide
            }
        } else if REGION_FEATURES.contains(&feature.as_str()) || p.precision >= 3 {
            if admin1.is_some() && feature != "country" {
                PlaceKind::SubRegion
            } else {
                PlaceKind::Wide
            }
        } else {
            PlaceKind::Point
        };
        PlaceSig {
            id: p.id.clone().filter(|s| !s.is_empty()),
            name: norm(&p.name),
            display: p.name.clone(),
            country: p.country.as_deref().map(country).unwrap_or(0),
            admin1,
            lat: p.lat,
            lon: p.lon,
            kind,
            inferred: p.inferred,
        }
    }

    fn coords(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }

    /// The place's point, when it is one and can go into the grid.
    pub fn point(&self) -> Option<(f64, f64)> {
        if self.kind != PlaceKind::Point {
            return None;
        }
        let (lat, lon) = self.coords()?;
        (lat.abs() <= MAX_GRID_LAT && lon.is_finite()).then_some((lat, lon))
    }
}

/// How two places are the same place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PlaceMatch {
    /// The same place (same gazetteer id, or same name not far apart).
    Same,
    /// One is the region that holds the other.
    Contains,
    /// Two points this many kilometres apart.
    Near(f64),
}

impl PlaceMatch {
    fn rank(&self) -> (u8, i64) {
        match self {
            PlaceMatch::Same => (0, 0),
            PlaceMatch::Contains => (1, 0),
            PlaceMatch::Near(km) => (2, (km * 1000.0) as i64),
        }
    }

    /// True when both places are grid points found by distance.
    pub fn by_distance(&self) -> bool {
        matches!(self, PlaceMatch::Near(_))
    }
}

/// Great-circle distance in km.
pub(crate) fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6371.0_f64;
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let dla = la2 - la1;
    let dlo = (b.1 - a.1).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().min(1.0).asin()
}

/// Two mentions of one place (same id or name) are one place when their coordinates are this
/// close (or unknown). Keeps the index exact: such points are always in neighbouring cells.
const SAME_KM: f64 = 15.0;

/// Sub-admin1 regions hold the places of their admin1 within this distance of their centre.
const REGION_KM: f64 = 30.0;

fn same_country(a: &PlaceSig, b: &PlaceSig) -> bool {
    a.country == 0 || b.country == 0 || a.country == b.country
}

fn contains(region: &PlaceSig, p: &PlaceSig) -> bool {
    if !same_country(region, p) {
        return false;
    }
    let (Some(ra), Some(pa)) = (&region.admin1, &p.admin1) else {
        return false;
    };
    if ra != pa {
        return false;
    }
    match region.kind {
        PlaceKind::Admin1 => true,
        PlaceKind::SubRegion => match (region.coords(), p.coords()) {
            (Some(a), Some(b)) => km(a, b) <= REGION_KM,
            _ => true,
        },
        _ => false,
    }
}

/// Whether two places are the same, one holds the other, or (with `near_km`) they are close.
pub(crate) fn place_match(a: &PlaceSig, b: &PlaceSig, near_km: Option<f64>) -> Option<PlaceMatch> {
    let dist = match (a.coords(), b.coords()) {
        (Some(x), Some(y)) => Some(km(x, y)),
        _ => None,
    };
    // The same place by id or name, unless the coordinates put them apart (two towns of one
    // name, or a corrected gazetteer entry).
    let close = dist.map_or(true, |d| d <= near_km.unwrap_or(SAME_KM).max(SAME_KM));
    if let (Some(x), Some(y)) = (&a.id, &b.id) {
        if x == y && close {
            return Some(PlaceMatch::Same);
        }
    }
    if !a.name.is_empty() && a.name == b.name && same_country(a, b) && close {
        return Some(PlaceMatch::Same);
    }
    if a.kind != PlaceKind::Point && contains(a, b) || b.kind != PlaceKind::Point && contains(b, a)
    {
        return Some(PlaceMatch::Contains);
    }
    if let (Some(limit), Some(d), Some(_), Some(_)) = (near_km, dist, a.point(), b.point()) {
        if d <= limit {
            return Some(PlaceMatch::Near(d));
        }
    }
    None
}

/// The best match between two lists of places: indices and how.
pub(crate) fn places_match(
    a: &[PlaceSig],
    b: &[PlaceSig],
    near_km: Option<f64>,
) -> Option<(usize, usize, PlaceMatch)> {
    let mut best: Option<(usize, usize, PlaceMatch)> = None;
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            if let Some(m) = place_match(x, y, near_km) {
                if best.map_or(true, |(_, _, bm)| m.rank() < bm.rank()) {
                    best = Some((i, j, m));
                }
            }
        }
    }
    best
}

/// How two lists of places fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PlaceFit {
    /// Some pair is the same place (indices and how).
    Match(usize, usize, PlaceMatch),
    /// One names no place, or only places taken from context that do not match.
    Unknown,
    /// Both name places in the text and none match.
    Conflict,
}

/// How two lists of places fit: places taken from context support a link when they match
/// but never refute one.
pub(crate) fn place_fit(a: &[PlaceSig], b: &[PlaceSig], near_km: Option<f64>) -> PlaceFit {
    if a.is_empty() || b.is_empty() {
        return PlaceFit::Unknown;
    }
    if let Some((i, j, m)) = places_match(a, b, near_km) {
        return PlaceFit::Match(i, j, m);
    }
    let stated = |v: &[PlaceSig]| v.iter().any(|p| !p.inferred);
    if stated(a) && stated(b) {
        PlaceFit::Conflict
    } else {
        PlaceFit::Unknown
    }
}

/// Points further from the equator than this are not put in the grid (cells get too narrow);
/// their items are found through their countries instead.
pub(crate) const MAX_GRID_LAT: f64 = 60.0;

/// Grid cell size in degrees: at 60° a cell is still wider than 15 km, so two points within
/// 15 km are always in neighbouring cells.
pub(crate) const CELL_DEG: f64 = 0.3;

/// The grid cell of a point.
pub(crate) fn cell(p: (f64, f64)) -> (i32, i32) {
    (
        (p.0 / CELL_DEG).floor() as i32,
        (p.1 / CELL_DEG).floor() as i32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for s in [
            "1970-01-01",
            "2018-04-07",
            "2000-02-29",
            "1999-12-31",
            "2024-03-01",
        ] {
            assert_eq!(day_string(day_number(s).unwrap()), s);
        }
        assert_eq!(
            day_number("2018-04-08").unwrap() - day_number("2018-04-07").unwrap(),
            1
        );
        assert_eq!(day_number("2018-13-01"), None);
    }

    #[test]
    fn parties() {
        let reb = Party::of("SYRREB").unwrap();
        let gov = Party::of("SYRGOVMIL").unwrap();
        let mil = Party::of("SYRMIL").unwrap();
        let rus = Party::of("RUS").unwrap();
        assert!(gov.matches(&mil));
        assert!(!reb.matches(&gov));
        assert!(!rus.matches(&mil));
        assert!(Party::of("SYR").unwrap().matches(&reb));
        assert_eq!(Party::of(""), None);
    }

    #[test]
    fn names() {
        assert_eq!(norm("Dūmā"), "duma");
        assert_eq!(norm("Ḩarastā"), "harasta");
        assert_eq!(norm("Al-Wafideen  Crossing"), "al wafideen crossing");
        assert_eq!(norm("إدلب"), norm("ادلب"));
    }
}
