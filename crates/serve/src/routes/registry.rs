//! `/actors` and `/places`: everyone and everywhere the store has seen, searchable by any
//! of their names (Arabic search ignores harakat, alef forms and clitics).

use axum::extract::State;
use axum::http::Uri;
use axum::routing::get;
use axum::{Extension, Json, Router};
use raqib_store::api::{RegistryActor, RegistryPlace};
use serde::Serialize;

use crate::error::ApiResult;
use crate::params::Params;
use crate::search::Query;
use crate::security::Caller;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/actors", get(actors))
        .route("/places", get(places))
}

#[derive(Serialize)]
struct Found<T> {
    total: usize,
    items: Vec<Named<T>>,
}

#[derive(Serialize)]
struct Named<T> {
    #[serde(flatten)]
    entry: T,
    /// Other names (Arabic first where the lexicon has them).
    names: Vec<String>,
}

fn search<T: Clone + Serialize>(
    entries: &[(T, Vec<String>)],
    q: Option<&Query>,
    limit: u64,
) -> Found<T> {
    let hits: Vec<&(T, Vec<String>)> = entries
        .iter()
        .filter(|(_, names)| q.map_or(true, |q| q.matches(names.iter().map(String::as_str))))
        .collect();
    Found {
        total: hits.len(),
        items: hits
            .into_iter()
            .take(limit as usize)
            .map(|(e, names)| Named {
                entry: e.clone(),
                names: names.iter().skip(1).cloned().collect(),
            })
            .collect(),
    }
}

async fn actors(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Found<RegistryActor>>> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), &["q", "limit"], &[])?;
    let q = p.str("q");
    let limit = p.uint("limit", 50, 1000);
    p.finish()?;
    let q = q.and_then(|q| Query::new(&q));
    let r = state.registry().await?;
    Ok(Json(search(&r.actors, q.as_ref(), limit)))
}

async fn places(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Found<RegistryPlace>>> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), &["q", "limit"], &[])?;
    let q = p.str("q");
    let limit = p.uint("limit", 50, 1000);
    p.finish()?;
    let q = q.and_then(|q| Query::new(&q));
    let r = state.registry().await?;
    Ok(Json(search(&r.places, q.as_ref(), limit)))
}
