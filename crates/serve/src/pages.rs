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
//!
//! A large first page (the map's thousand events) is read on **two connections at once**
//! ([`first_page_split`]): the pre-aggregated counts say from which day on the latest half of
//! the page lies, one connection reads those days and the other the page's rest before them.
//! The counts only choose the split: if the first part does not hold exactly as many events
//! as they said (the store moved on), the page is read the plain way.

use std::sync::Arc;

use raqib_store::api::{ApiStore, Cursor};
use raqib_store::{Filter, StoredEvent};

use crate::error::ApiResult;
use crate::facets::Facets;
use crate::pool::Pool;

/// Pages from this many events up are read on two connections.
pub const SPLIT_FROM: u64 = 200;

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

/// The first `want` events matching `filter` (no cursor), read as two date ranges on two
/// store connections at once; `None` when the page is too small to be worth it, the counts
/// cannot answer the filter, one day holds most of the page, or the store disagreed with the
/// counts (the caller then reads it the plain way).
pub async fn first_page_split(
    pool: &Arc<Pool>,
    facets: &Facets,
    filter: &Filter,
    want: u64,
) -> ApiResult<Option<Vec<StoredEvent>>> {
    if want < SPLIT_FROM || !Facets::answers(filter) {
        return Ok(None);
    }
    let Some((day, latest)) = facets.day_holding(filter, want / 2) else {
        return Ok(None);
    };
    let Some(before) = raqib_lexicon::dates::parse_iso(&day).and_then(|d| d.pred_opt()) else {
        return Ok(None);
    };
    if latest >= want {
        return Ok(None);
    }
    // `day` lies in the filter's date range (the counts found events there), so the two
    // parts are the range from `day` on and the range up to the day before.
    let recent = Filter {
        from: Some(day),
        ..filter.clone()
    };
    let earlier = Filter {
        to: Some(before.format("%Y-%m-%d").to_string()),
        ..filter.clone()
    };
    let (a, b) = tokio::try_join!(
        // One more than counted tells whether the store holds more than the counts said.
        pool.read(move |s| Ok(s.query_after(&recent, None, latest + 1)?)),
        pool.read(move |s| Ok(s.query_after(&earlier, None, want - latest)?)),
    )?;
    if a.len() as u64 != latest {
        return Ok(None);
    }
    let mut out = a;
    out.extend(b);
    // The undated events come last, when the filter has no date bound.
    let left = want - out.len() as u64;
    if left > 0 && filter.from.is_none() && filter.to.is_none() {
        let filter = filter.clone();
        let undated = pool
            .read(move |s| {
                let after = Cursor {
                    date: None,
                    key: i64::MAX,
                };
                Ok(s.query_after(&filter, Some(&after), left)?)
            })
            .await?;
        out.extend(undated);
    }
    Ok(Some(out))
}
