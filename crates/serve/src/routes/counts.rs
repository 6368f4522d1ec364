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
    let body = answer(&state, uri.query()).await?;
    Ok(super::events::json_response(body))
}

/// Make (or find) the answer to `/counts?{query}` ahead of any request for it.
pub(crate) async fn prepare(state: &AppState, query: &str) -> ApiResult<()> {
    answer(state, Some(query)).await.map(drop)
}

async fn answer(state: &AppState, query: Option<&str>) -> ApiResult<bytes::Bytes> {
    let mut p = Params::parse(query, FILTER_PARAMS, &["by"])?;
    let filter = p.filter();
    let by = p.choice("by", &["day", "type", "place", "status", "day-type"], "day");
    p.finish()?;
    let key = p.key("counts");
    let st = state.clone();
    state
        .respond(key, || async move {
            let group = match by {
                "type" => Some(GroupBy::Type),
                "place" => Some(GroupBy::Place),
                "status" => Some(GroupBy::Status),
                "day" => Some(GroupBy::Day),
                _ => None,
            };
            match st.facets().filter(|_| Facets::answers(&filter)) {
                // Counting and serializing run on a blocking thread: a large answer (day ×
                // type over years) must not hold an async worker.
                Some(f) => {
                    let body = tokio::task::spawn_blocking(move || {
                        let counts = match group {
                            Some(g) => rows(f.count(&filter, g)),
                            None => day_type_rows(f.count_day_type(&filter)),
                        };
                        to_body(&Counts {
                            by,
                            total: f.total(&filter),
                            counts,
                            source: "pre-aggregated",
                        })
                    })
                    .await
                    .map_err(ApiError::internal)??;
                    Ok((body, true))
                }
                // Counts from the store are not kept: they may predate the pre-aggregates.
                None => {
                    let body = st
                        .pool
                        .read(move |s| {
                            let total = s.count(&filter)?;
                            let counts = match group {
                                Some(g) => rows(s.count_groups(&filter, g)?.into_iter().collect()),
                                None => {
                                    let mut m: BTreeMap<String, BTreeMap<String, u64>> =
                                        BTreeMap::new();
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
                            to_body(&Counts {
                                by,
                                total,
                                counts,
                                source: "store",
                            })
                        })
                        .await?;
                    Ok((body, false))
                }
            }
        })
        .await
}

fn to_body(c: &Counts) -> ApiResult<bytes::Bytes> {
    Ok(serde_json::to_vec(c).map_err(ApiError::internal)?.into())
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
