//! Pre-aggregated counts for the charts.
//!
//! The store counts every current event once per (day, type, status, first place, main); a
//! store of a million events has about half a million such cells (days × types × statuses ×
//! places × main). Scanning them for every count request costs hundreds of milliseconds, so
//! they are folded once, when the counts are rebuilt, into two shapes:
//!
//! - a **dense array** of events per (day, type, status, main), days in date order with the
//!   undated events in a last row: counts by day, type or status, by day and type, and totals
//!   read only the rows of the date range (a few tens of thousands of integers for two
//!   years), with no string handled until the answer is built;
//! - the cells that have a place, as small integer records sorted by day, for counts by place.
//!
//! Filters with anything beyond a date range, a type, a status and "main only" go to the store.

use std::collections::{BTreeMap, BTreeSet};

use raqib_store::api::{FacetCell, GroupBy};
use raqib_store::Filter;

/// The counts, as of one state of the store.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Distinct days, in order; row `days.len()` of [`Facets::dense`] is the undated events.
    days: Vec<String>,
    /// Distinct PLOVER types, in order.
    types: Vec<String>,
    /// Distinct statuses, in order.
    statuses: Vec<String>,
    /// Distinct first-place names, in order.
    places: Vec<String>,
    /// Events per (day row, type, status, main), row-major in that order.
    dense: Vec<u64>,
    /// Cells with a place, sorted by day row.
    placed: Vec<PlacedCell>,
    /// How many store cells went in.
    cells: usize,
}

/// A cell with a place, as indexes into the [`Facets`] name lists.
#[derive(Debug, Clone, Copy)]
struct PlacedCell {
    row: u32,
    kind: u16,
    status: u16,
    place: u32,
    main: bool,
    events: u64,
}

/// The rows, types, statuses and main flags a filter selects.
struct Selection {
    rows: std::ops::Range<usize>,
    undated: bool,
    kind: Option<usize>,
    status: Option<usize>,
    main_only: bool,
}

fn index(names: &[String], name: &str) -> usize {
    names
        .binary_search_by(|n| n.as_str().cmp(name))
        .unwrap_or(0)
}

impl Facets {
    /// Fold the store's cells into the dense array and the placed cells.
    pub fn new(cells: Vec<FacetCell>) -> Facets {
        let mut days = BTreeSet::new();
        let mut types = BTreeSet::new();
        let mut statuses = BTreeSet::new();
        let mut places = BTreeSet::new();
        for c in &cells {
            if let Some(d) = &c.day {
                days.insert(d.as_str());
            }
            types.insert(c.plover.as_str());
            statuses.insert(c.status.as_str());
            if let Some(p) = &c.place {
                places.insert(p.as_str());
            }
        }
        let own = |s: BTreeSet<&str>| s.into_iter().map(String::from).collect::<Vec<_>>();
        let mut f = Facets {
            days: own(days),
            types: own(types),
            statuses: own(statuses),
            places: own(places),
            dense: Vec::new(),
            placed: Vec::new(),
            cells: cells.len(),
        };
        f.dense = vec![0; (f.days.len() + 1) * f.row_len()];
        for c in &cells {
            let row = match &c.day {
                Some(d) => index(&f.days, d),
                None => f.days.len(),
            };
            let kind = index(&f.types, &c.plover);
            let status = index(&f.statuses, &c.status);
            let at = f.at(row, kind, status, c.main);
            f.dense[at] += c.events;
            if let Some(p) = &c.place {
                f.placed.push(PlacedCell {
                    row: row as u32,
                    kind: kind as u16,
                    status: status as u16,
                    place: index(&f.places, p) as u32,
                    main: c.main,
                    events: c.events,
                });
            }
        }
        f.placed.sort_by_key(|c| c.row);
        f
    }

    /// Integers per day row.
    fn row_len(&self) -> usize {
        self.types.len() * self.statuses.len() * 2
    }

    fn at(&self, row: usize, kind: usize, status: usize, main: bool) -> usize {
        ((row * self.types.len() + kind) * self.statuses.len() + status) * 2 + usize::from(main)
    }

    /// Number of store cells folded in.
    pub fn len(&self) -> usize {
        self.cells
    }

    /// True when the store has no events.
    pub fn is_empty(&self) -> bool {
        self.cells == 0
    }

    /// Whether these counts can answer `filter` (only date range, type, status and main).
    pub fn answers(filter: &Filter) -> bool {
        let Filter {
            from: _,
            to: _,
            plover: _,
            status: _,
            main_only: _,
            cameo,
            acled,
            actor,
            actor_role,
            place,
            near,
            outlet,
            review,
            report,
            story,
            include_superseded,
        } = filter;
        cameo.is_none()
            && acled.is_none()
            && actor.is_none()
            && actor_role.is_none()
            && place.is_none()
            && near.is_none()
            && outlet.is_none()
            && review.is_none()
            && report.is_none()
            && story.is_none()
            && !include_superseded
    }

    /// What a filter selects (the caller checked [`Facets::answers`]); `None` when it names a
    /// type or status no event has.
    fn select(&self, f: &Filter) -> Option<Selection> {
        let lo = match &f.from {
            Some(d) => self.days.partition_point(|x| x.as_str() < d.as_str()),
            None => 0,
        };
        let hi = match &f.to {
            Some(d) => self.days.partition_point(|x| x.as_str() <= d.as_str()),
            None => self.days.len(),
        };
        let find = |names: &[String], v: &str| names.binary_search_by(|n| n.as_str().cmp(v)).ok();
        let kind = match &f.plover {
            Some(p) => Some(find(&self.types, &p.trim().to_ascii_uppercase())?),
            None => None,
        };
        let status = match &f.status {
            Some(s) => Some(find(&self.statuses, &s.trim().to_ascii_lowercase())?),
            None => None,
        };
        Some(Selection {
            rows: lo..hi.max(lo),
            // Undated events match no date bound (as in the store, where `NULL >= x` is false).
            undated: f.from.is_none() && f.to.is_none(),
            kind,
            status,
            main_only: f.main_only,
        })
    }

    /// The selected rows (dated, then the undated one when selected).
    fn rows(&self, s: &Selection) -> impl Iterator<Item = usize> {
        let undated = self.days.len();
        s.rows.clone().chain(if s.undated {
            undated..undated + 1
        } else {
            0..0
        })
    }

    /// Events of `row` per type (selected types only, the others 0).
    fn row_by_type(&self, row: usize, s: &Selection, out: &mut [u64]) {
        let n_status = self.statuses.len();
        for (k, slot) in out.iter_mut().enumerate() {
            *slot = 0;
            if s.kind.is_some_and(|x| x != k) {
                continue;
            }
            let base = self.at(row, k, 0, false);
            let cells = &self.dense[base..base + n_status * 2];
            for (i, n) in cells.iter().enumerate() {
                let (status, main) = (i / 2, i % 2 == 1);
                if s.status.is_some_and(|x| x != status) || (s.main_only && !main) {
                    continue;
                }
                *slot += n;
            }
        }
    }

    /// How many events match.
    pub fn total(&self, f: &Filter) -> u64 {
        let Some(s) = self.select(f) else { return 0 };
        let mut per_type = vec![0; self.types.len()];
        let mut total = 0;
        for row in self.rows(&s) {
            self.row_by_type(row, &s, &mut per_type);
            total += per_type.iter().sum::<u64>();
        }
        total
    }

    /// Matching events per group (undated or unplaced events left out), by key.
    pub fn count(&self, f: &Filter, by: GroupBy) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        let Some(s) = self.select(f) else { return out };
        let mut sums: Vec<u64>;
        let names: &[String] = match by {
            GroupBy::Day => {
                let mut per_type = vec![0; self.types.len()];
                for row in s.rows.clone() {
                    self.row_by_type(row, &s, &mut per_type);
                    let n: u64 = per_type.iter().sum();
                    if n > 0 {
                        out.insert(self.days[row].clone(), n);
                    }
                }
                return out;
            }
            GroupBy::Type => {
                sums = vec![0; self.types.len()];
                let mut per_type = vec![0; self.types.len()];
                for row in self.rows(&s) {
                    self.row_by_type(row, &s, &mut per_type);
                    sums.iter_mut().zip(&per_type).for_each(|(a, b)| *a += b);
                }
                &self.types
            }
            GroupBy::Status => {
                sums = vec![0; self.statuses.len()];
                for row in self.rows(&s) {
                    for k in 0..self.types.len() {
                        if s.kind.is_some_and(|x| x != k) {
                            continue;
                        }
                        for (st, sum) in sums.iter_mut().enumerate() {
                            if s.status.is_some_and(|x| x != st) {
                                continue;
                            }
                            *sum += self.dense[self.at(row, k, st, true)];
                            if !s.main_only {
                                *sum += self.dense[self.at(row, k, st, false)];
                            }
                        }
                    }
                }
                &self.statuses
            }
            GroupBy::Place => {
                sums = vec![0; self.places.len()];
                let lo = self
                    .placed
                    .partition_point(|c| (c.row as usize) < s.rows.start);
                let hi = self
                    .placed
                    .partition_point(|c| (c.row as usize) < s.rows.end);
                let undated = self
                    .placed
                    .partition_point(|c| (c.row as usize) < self.days.len());
                let tail = if s.undated {
                    &self.placed[undated..]
                } else {
                    &[]
                };
                for c in self.placed[lo..hi.max(lo)].iter().chain(tail) {
                    if s.kind.is_some_and(|x| x != c.kind as usize)
                        || s.status.is_some_and(|x| x != c.status as usize)
                        || (s.main_only && !c.main)
                    {
                        continue;
                    }
                    sums[c.place as usize] += c.events;
                }
                &self.places
            }
        };
        for (name, n) in names.iter().zip(sums) {
            if n > 0 {
                out.insert(name.clone(), n);
            }
        }
        out
    }

    /// Matching events per day and type: `day → type → events`.
    pub fn count_day_type(&self, f: &Filter) -> BTreeMap<String, BTreeMap<String, u64>> {
        let mut out = BTreeMap::new();
        let Some(s) = self.select(f) else { return out };
        let mut per_type = vec![0; self.types.len()];
        for row in s.rows.clone() {
            self.row_by_type(row, &s, &mut per_type);
            let types: BTreeMap<String, u64> = self
                .types
                .iter()
                .zip(&per_type)
                .filter(|(_, n)| **n > 0)
                .map(|(t, n)| (t.clone(), *n))
                .collect();
            if !types.is_empty() {
                out.insert(self.days[row].clone(), types);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(day: Option<&str>, plover: &str, status: &str, main: bool, n: u64) -> FacetCell {
        FacetCell {
            day: day.map(Into::into),
            plover: plover.into(),
            status: status.into(),
            place: Some("Douma".into()),
            main,
            events: n,
        }
    }

    #[test]
    fn date_range_type_and_main_select_the_right_cells() {
        let f = Facets::new(vec![
            cell(Some("2018-04-07"), "ASSAULT", "asserted", true, 3),
            cell(Some("2018-04-01"), "ASSAULT", "claimed", false, 2),
            cell(None, "PROTEST", "asserted", true, 5),
            cell(Some("2018-05-01"), "PROTEST", "asserted", true, 7),
        ]);
        assert_eq!(f.total(&Filter::default()), 17);
        let april = Filter {
            from: Some("2018-04-01".into()),
            to: Some("2018-04-30".into()),
            ..Default::default()
        };
        assert_eq!(f.total(&april), 5);
        let main = Filter {
            main_only: true,
            plover: Some("assault".into()),
            ..Default::default()
        };
        assert_eq!(f.total(&main), 3);
        let by_day = f.count(&Filter::default(), GroupBy::Day);
        assert_eq!(by_day.len(), 3, "{by_day:?}");
        assert_eq!(by_day["2018-04-07"], 3);
        assert!(!Facets::answers(&Filter {
            actor: Some("SYR".into()),
            ..Default::default()
        }));
    }

    /// The counts as a plain scan of the cells would give them (the meaning the dense array
    /// must keep).
    fn naive(cells: &[FacetCell], f: &Filter, by: Option<GroupBy>) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        let plover = f.plover.as_ref().map(|p| p.to_ascii_uppercase());
        let status = f.status.as_ref().map(|s| s.to_ascii_lowercase());
        for c in cells {
            let dated_ok = match &c.day {
                Some(d) => {
                    f.from.as_ref().map_or(true, |x| d >= x)
                        && f.to.as_ref().map_or(true, |x| d <= x)
                }
                None => f.from.is_none() && f.to.is_none(),
            };
            if !dated_ok
                || plover.as_ref().is_some_and(|p| *p != c.plover)
                || status.as_ref().is_some_and(|s| *s != c.status)
                || (f.main_only && !c.main)
            {
                continue;
            }
            let key = match by {
                None => Some("total".to_string()),
                Some(GroupBy::Day) => c.day.clone(),
                Some(GroupBy::Type) => Some(c.plover.clone()),
                Some(GroupBy::Place) => c.place.clone(),
                Some(GroupBy::Status) => Some(c.status.clone()),
            };
            if let Some(k) = key {
                *out.entry(k).or_insert(0) += c.events;
            }
        }
        out
    }

    #[test]
    fn dense_counts_equal_a_scan_of_the_cells_for_every_filter_and_grouping() {
        // A small deterministic generator: days, types, statuses, places and main flags mixed.
        let mut x: u64 = 42;
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let days = [
            "2018-01-01",
            "2018-01-02",
            "2018-02-10",
            "2018-03-31",
            "2019-01-01",
        ];
        let types = ["ASSAULT", "PROTEST", "AID"];
        let statuses = ["asserted", "claimed", "disputed"];
        let places = ["Douma", "Aleppo", "Idlib"];
        let mut cells = Vec::new();
        for _ in 0..300 {
            let day = match next(6) {
                5 => None,
                i => Some(days[i as usize].to_string()),
            };
            cells.push(FacetCell {
                day,
                plover: types[next(3) as usize].into(),
                status: statuses[next(3) as usize].into(),
                place: match next(4) {
                    3 => None,
                    i => Some(places[i as usize].to_string()),
                },
                main: next(2) == 1,
                events: 1 + next(9),
            });
        }
        let facets = Facets::new(cells.clone());
        let ranges = [
            (None, None),
            (Some("2018-01-02"), None),
            (None, Some("2018-02-10")),
            (Some("2018-01-02"), Some("2018-03-31")),
            (Some("2018-02-11"), Some("2018-02-12")),
            (Some("2020-01-01"), None),
        ];
        for (from, to) in ranges {
            for plover in [None, Some("assault"), Some("AID"), Some("RETREAT")] {
                for status in [None, Some("claimed"), Some("negated")] {
                    for main_only in [false, true] {
                        let f = Filter {
                            from: from.map(Into::into),
                            to: to.map(Into::into),
                            plover: plover.map(Into::into),
                            status: status.map(Into::into),
                            main_only,
                            ..Default::default()
                        };
                        let total = naive(&cells, &f, None).get("total").copied().unwrap_or(0);
                        assert_eq!(facets.total(&f), total, "total of {f:?}");
                        for by in [GroupBy::Day, GroupBy::Type, GroupBy::Place, GroupBy::Status] {
                            assert_eq!(
                                facets.count(&f, by),
                                naive(&cells, &f, Some(by)),
                                "{by:?} of {f:?}"
                            );
                        }
                        let mut flat = BTreeMap::new();
                        for (d, types) in facets.count_day_type(&f) {
                            assert!(types.values().all(|n| *n > 0));
                            *flat.entry(d).or_insert(0) += types.values().sum::<u64>();
                        }
                        assert_eq!(
                            flat,
                            naive(&cells, &f, Some(GroupBy::Day)),
                            "day-type of {f:?}"
                        );
                    }
                }
            }
        }
    }
}
