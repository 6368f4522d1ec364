//! Keyset pages that stay cheap however deep the cursor is.
//!
//! The store's keyset condition after a cursor `(day, key)` is one disjunction, `date < day
//! OR (date = day AND ek < key) OR date IS NULL`, which neither SQLite nor PostgreSQL can turn
//! into an index range: both walk the date index from the latest event and test every entry
//! until they pass the cursor, so page 1,000 of the table reads 50,000 index entries first
//! (37 ms cold on a 1M-event SQLite store, against 0.1 ms for a range). Here the same page is
//! asked of the store in up to three parts, each an index range in the same order:
//!
//! 1. the rest of the cursor's day (`from = to = day`, with the cursor: a range on that day),
//! 2. the days before it (`to = day - 1`, no cursor),
//! 3. the undated events, which come last (only when the filter has no date bound, as undated
//!    events match none).
//!
//! The parts are disjoint and their concatenation is the store's order, so the page is the
//! one [`raqib_store::api::ApiStore::query_after`] would give for the whole condition.

use raqib_store::api::{ApiStore, Cursor};
use raqib_store::{Filter, StoredEvent};

/// At most `limit` events matching `filter` after `after`, latest date first.
pub fn query_after(
    s: &dyn ApiStore,
    filter: &Filter,
    after: Option<&Cursor>,
    limit: u64,
) -> raqib_store::Result<Vec<StoredEvent>> {
    let Some(Cursor {
        date: Some(day),
        key,
    }) = after
    else {
        // No cursor, or one among the undated events (`date IS NULL AND ek < key` is a
        // range already).
        return s.query_after(filter, after, limit);
    };
    let Some(before) = raqib_lexicon::dates::parse_iso(day).and_then(|d| d.pred_opt()) else {
        return s.query_after(filter, after, limit);
    };
    let before = before.format("%Y-%m-%d").to_string();
    let from = filter.from.as_deref().map(str::trim);
    let to = filter.to.as_deref().map(str::trim);
    let mut out = Vec::new();
    // 1. The cursor's day, after the cursor's key (only if the filter's range holds the day).
    if from.map_or(true, |f| f <= day.as_str()) && to.map_or(true, |t| t >= day.as_str()) {
        let same_day = Filter {
            from: Some(day.clone()),
            to: Some(day.clone()),
            ..filter.clone()
        };
        let cursor = Cursor {
            date: Some(day.clone()),
            key: *key,
        };
        out = s.query_after(&same_day, Some(&cursor), limit)?;
    }
    // 2. The days before it.
    let left = limit - out.len() as u64;
    if left > 0 && from.map_or(true, |f| f <= before.as_str()) {
        let earlier = Filter {
            to: Some(match to {
                Some(t) if t < before.as_str() => t.to_string(),
                _ => before,
            }),
            ..filter.clone()
        };
        out.extend(s.query_after(&earlier, None, left)?);
    }
    // 3. The undated events, last.
    let left = limit - out.len() as u64;
    if left > 0 && from.is_none() && to.is_none() {
        let undated = Cursor {
            date: None,
            key: i64::MAX,
        };
        out.extend(s.query_after(filter, Some(&undated), left)?);
    }
    Ok(out)
}
