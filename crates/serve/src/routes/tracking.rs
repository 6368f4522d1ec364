//! `/incidents`, `/agreements`, `/evacuations`: the picture raqib-track makes of the stored
//! reports (`spec/tracking.md`), listed with paging and by id.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::routing::get;
use axum::{Extension, Json, Router};
use raqib_core::track::Incident;
use raqib_core::Status;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::search::Query;
use crate::security::Caller;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/incidents", get(incidents))
        .route("/incidents/{id}", get(incident))
        .route("/agreements", get(agreements))
        .route("/agreements/{id}", get(agreement))
        .route("/evacuations", get(evacuations))
        .route("/evacuations/{id}", get(evacuation))
}

#[derive(Serialize)]
struct Listing<T> {
    total: usize,
    offset: u64,
    items: Vec<T>,
}

fn page<T: Clone>(items: impl Iterator<Item = T>, offset: u64, limit: u64) -> Listing<T> {
    let all: Vec<T> = items.collect();
    let total = all.len();
    let items = all
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    Listing {
        total,
        offset,
        items,
    }
}

/// Whether an incident is contested: denied, or told as a claim by someone.
fn is_claim(i: &Incident) -> bool {
    !i.denied_by.is_empty()
        || i.versions.iter().any(|v| {
            matches!(v.status, Status::Claimed | Status::Disputed) || !v.denied_by.is_empty()
        })
}

fn names(i: &Incident) -> impl Iterator<Item = &str> {
    i.source
        .iter()
        .chain(&i.target)
        .chain(&i.claimed_by)
        .chain(&i.denied_by)
        .map(|a| a.name.as_str())
        .chain(i.location.iter().map(|p| p.name.as_str()))
}

async fn incidents(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Listing<Incident>>> {
    caller.require_read()?;
    let mut p = Params::parse(
        uri.query(),
        &["claims", "denied", "plover", "q", "limit", "offset"],
        &[],
    )?;
    let claims = p.flag("claims");
    let denied = p.flag("denied");
    let plover = p.str("plover").map(|s| s.to_ascii_uppercase());
    if let Some(pl) = &plover {
        if raqib_core::Plover::parse(pl).is_none() {
            p.error(format!("plover={pl:?} is not a PLOVER event type"));
        }
    }
    let q = p.str("q").and_then(|q| Query::new(&q));
    let limit = p.uint("limit", 100, 1000);
    let offset = p.offset("offset", 1_000_000);
    p.finish()?;
    let t = state.tracked().await?;
    let items = t.incidents.iter().filter(|i| {
        (!claims || is_claim(i))
            && (!denied || !i.denied_by.is_empty())
            && plover.as_deref().map_or(true, |pl| i.plover.as_str() == pl)
            && q.as_ref().map_or(true, |q| q.matches(names(i)))
    });
    Ok(Json(page(items.cloned(), offset, limit)))
}

async fn incident(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Incident>> {
    caller.require_read()?;
    let t = state.tracked().await?;
    t.incidents
        .iter()
        .find(|i| i.id == id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no incident {id:?}")))
}

async fn agreements(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Listing<raqib_core::track::TrackedAgreement>>> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), &["status", "limit", "offset"], &[])?;
    let status = p.str("status");
    let limit = p.uint("limit", 100, 1000);
    let offset = p.offset("offset", 1_000_000);
    p.finish()?;
    let t = state.tracked().await?;
    let items = t
        .agreements
        .iter()
        .filter(|a| status.as_deref().map_or(true, |s| a.status == s));
    Ok(Json(page(items.cloned(), offset, limit)))
}

async fn agreement(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<raqib_core::track::TrackedAgreement>> {
    caller.require_read()?;
    let t = state.tracked().await?;
    t.agreements
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no agreement {id:?}")))
}

async fn evacuations(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Listing<raqib_core::track::TrackedEvacuation>>> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), &["status", "limit", "offset"], &[])?;
    let status = p.str("status");
    let limit = p.uint("limit", 100, 1000);
    let offset = p.offset("offset", 1_000_000);
    p.finish()?;
    let t = state.tracked().await?;
    let items = t
        .evacuations
        .iter()
        .filter(|a| status.as_deref().map_or(true, |s| a.status == s));
    Ok(Json(page(items.cloned(), offset, limit)))
}

async fn evacuation(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<raqib_core::track::TrackedEvacuation>> {
    caller.require_read()?;
    let t = state.tracked().await?;
    t.evacuations
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no evacuation {id:?}")))
}
