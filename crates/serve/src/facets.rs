//! Pre-aggregated counts for the charts.
//!
//! The store counts every current event once per (day, type, status, first place, main); the
//! server keeps those cells sorted by day, so a count request with a date range, a type, a
//! status or "main only" is a binary search and a scan of the cells in range — a few thousand
//! for years of data — instead of a scan of the events. Requests with any other filter go to
//! the store.

use std::collections::BTreeMap;

use raqib_store::api::{FacetCell, GroupBy};
use raqib_store::Filter;

/// The counts, as of one state of the store.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Dated cells sorted by day, then the undated ones.
    cells: Vec<FacetCell>,
    /// Where the undated cells start.
    undated: usize,
}

impl Facets {
    /// Sort the store's cells for range scans.
    pub fn new(mut cells: Vec<FacetCell>) -> Facets {
        cells.sort_by(|a, b| match (&a.day, &b.day) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let undated = cells.partition_point(|c| c.day.is_some());
        Facets { cells, undated }
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when the store has no events.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
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

    /// The cells a filter selects (the caller checked [`Facets::answers`]).
    fn selected<'a>(&'a self, f: &'a Filter) -> impl Iterator<Item = &'a FacetCell> + 'a {
        let dated = &self.cells[..self.undated];
        let lo = match &f.from {
            Some(d) => dated.partition_point(|c| c.day.as_deref() < Some(d.as_str())),
            None => 0,
        };
        let hi = match &f.to {
            Some(d) => dated.partition_point(|c| c.day.as_deref() <= Some(d.as_str())),
            None => dated.len(),
        };
        // Undated events match no date bound (as in the store, where `NULL >= x` is false).
        let undated: &[FacetCell] = if f.from.is_none() && f.to.is_none() {
            &self.cells[self.undated..]
        } else {
            &[]
        };
        let plover = f.plover.as_ref().map(|p| p.trim().to_ascii_uppercase());
        let status = f.status.as_ref().map(|s| s.trim().to_ascii_lowercase());
        let main_only = f.main_only;
        dated[lo..hi.max(lo)]
            .iter()
            .chain(undated)
            .filter(move |c| {
                plover.as_deref().map_or(true, |p| c.plover == p)
                    && status.as_deref().map_or(true, |s| c.status == s)
                    && (!main_only || c.main)
            })
    }

    /// How many events match.
    pub fn total(&self, f: &Filter) -> u64 {
        self.selected(f).map(|c| c.events).sum()
    }

    /// Matching events per group (undated or unplaced events left out), by key.
    pub fn count(&self, f: &Filter, by: GroupBy) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for c in self.selected(f) {
            let key = match by {
                GroupBy::Day => c.day.as_deref(),
                GroupBy::Type => Some(c.plover.as_str()),
                GroupBy::Place => c.place.as_deref(),
                GroupBy::Status => Some(c.status.as_str()),
            };
            if let Some(k) = key {
                *out.entry(k.to_string()).or_insert(0) += c.events;
            }
        }
        out
    }

    /// Matching events per day and type: `day → type → events`.
    pub fn count_day_type(&self, f: &Filter) -> BTreeMap<String, BTreeMap<String, u64>> {
        let mut out: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for c in self.selected(f) {
            if let Some(d) = &c.day {
                *out.entry(d.clone())
                    .or_default()
                    .entry(c.plover.clone())
                    .or_insert(0) += c.events;
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
}
