//! `/counts`: events counted by day, type, place or status (or by day and type) for charts,
//! from the pre-aggregated counts when the filter allows, else from the store.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::Uri;
use axum::routing::get;
use axum::{Extension, Router};
use raqib_store::api::GroupBy;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::facets::Facets;
use crate::params::{Params, FILTER_PARAMS};
use crate::security::Caller;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/counts", get(counts))
}

#[derive(Serialize)]
struct Row {
    key: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    events: u64,
}

#[derive(Serialize)]
struct Counts {
    by: &'static str,
    total: u64,
    counts: Vec<Row>,
    /// `pre-aggregated` or `store`.
    source: &'static str,
}

fn rows(m: BTreeMap<String, u64>) -> Vec<Row> {
    m.into_iter()
        .map(|(key, events)| Row {
            key,
            kind: None,
            events,
        })
        .collect()
}

async fn counts(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<axum::response::Response> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), FILTER_PARAMS, &["by"])?;
    let filter = p.filter();
    let by = p.choice("by", &["day", "type", "place", "status", "day-type"], "day");
    p.finish()?;
    let key = format!("counts?{}", uri.query().unwrap_or(""));
    if let Some(body) = state.cached(&key) {
        return Ok(super::events::json_response(body));
    }
    let group = match by {
        "type" => Some(GroupBy::Type),
        "place" => Some(GroupBy::Place),
        "status" => Some(GroupBy::Status),
        "day" => Some(GroupBy::Day),
        _ => None,
    };
    let facets = state.facets().filter(|_| Facets::answers(&filter));
    let out = match facets {
        Some(f) => {
            let counts = match group {
                Some(g) => rows(f.count(&filter, g)),
                None => day_type_rows(f.count_day_type(&filter)),
            };
            Counts {
                by,
                total: f.total(&filter),
                counts,
                source: "pre-aggregated",
            }
        }
        None => {
            let (total, counts) = state
                .pool
                .read(move |s| {
                    let total = s.count(&filter)?;
                    let counts = match group {
                        Some(g) => rows(s.count_groups(&filter, g)?.into_iter().collect()),
                        None => {
                            let mut m: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
                            for (t, _) in s.count_groups(&filter, GroupBy::Type)? {
                                let mut f = filter.clone();
                                f.plover = Some(t.clone());
                                for (d, n) in s.count_groups(&f, GroupBy::Day)? {
                                    m.entry(d).or_default().insert(t.clone(), n);
                                }
                            }
                            day_type_rows(m)
                        }
                    };
                    Ok((total, counts))
                })
                .await?;
            Counts {
                by,
                total,
                counts,
                source: "store",
            }
        }
    };
    let body = bytes::Bytes::from(serde_json::to_vec(&out).map_err(ApiError::internal)?);
    // Only counts from the pre-aggregates are kept: those from the store may predate them.
    if out.source == "pre-aggregated" {
        state.cache(key, body.clone());
    }
    Ok(super::events::json_response(body))
}

fn day_type_rows(m: BTreeMap<String, BTreeMap<String, u64>>) -> Vec<Row> {
    m.into_iter()
        .flat_map(|(day, types)| {
            types.into_iter().map(move |(t, events)| Row {
                key: day.clone(),
                kind: Some(t),
                events,
            })
        })
        .collect()
}
