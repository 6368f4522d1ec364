//! Analyst corrections through the store's edit and review API (every change audited with
//! the token's holder as author), the review queue and the audit log.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use raqib_store::{AuditEntry, Edit, Page, ReviewState, StoredEvent};
use serde::Deserialize;

use super::{body_bytes, parse_json};
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::security::Caller;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/edits", post(edit))
        .route("/events/{id}/review", post(review))
        .route("/review-queue", get(queue))
        .route("/audit", get(audit))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditIn {
    /// Field → new value, as `raqib edit --set field=value` takes them.
    set: BTreeMap<String, String>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewIn {
    state: String,
    note: Option<String>,
}

fn check_id(id: &str) -> ApiResult<()> {
    crate::params::check_path_id(id)
}

async fn edit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    let user = caller.require_write()?;
    check_id(&id)?;
    let bytes = body_bytes(&state, body).await?;
    let e: EditIn = parse_json(&headers, &bytes)?;
    if e.set
        .iter()
        .any(|(k, v)| k.contains('\0') || v.contains('\0'))
        || e.note.as_deref().is_some_and(|n| n.contains('\0'))
    {
        return Err(ApiError::bad_request(
            "values must not contain NUL characters",
        ));
    }
    if e.set.is_empty() {
        return Err(ApiError::bad_request(format!(
            "\"set\" is empty; fields that can be set: {}",
            raqib_store::EDITABLE_FIELDS.join(", ")
        )));
    }
    let edit = Edit {
        set: e.set.into_iter().collect(),
        note: e.note,
        user,
    };
    let out = state.pool.write(move |s| Ok(s.edit(&id, &edit)?)).await?;
    state.store_changed();
    Ok(Json(out))
}

async fn review(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<AuditEntry>> {
    let user = caller.require_write()?;
    check_id(&id)?;
    let bytes = body_bytes(&state, body).await?;
    let r: ReviewIn = parse_json(&headers, &bytes)?;
    if r.note.as_deref().is_some_and(|n| n.contains('\0')) {
        return Err(ApiError::bad_request(
            "the note must not contain NUL characters",
        ));
    }
    let Some(to) = ReviewState::parse(&r.state) else {
        return Err(ApiError::bad_request(format!(
            "state {:?}: expected auto, reviewed, published or rejected",
            r.state
        )));
    };
    let out = state
        .pool
        .write(move |s| Ok(s.set_review(&id, to, &user, r.note.as_deref())?))
        .await?;
    state.store_changed();
    Ok(Json(out))
}

async fn queue(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Vec<StoredEvent>>> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), &["limit", "offset"], &[])?;
    let page = Page {
        limit: p.uint("limit", 50, 1000),
        offset: p.offset("offset", 1_000_000),
    };
    p.finish()?;
    Ok(Json(
        state.pool.read(move |s| Ok(s.review_queue(&page)?)).await?,
    ))
}

async fn audit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), &["event", "limit", "offset"], &[])?;
    let event = p.str("event");
    let page = Page {
        limit: p.uint("limit", 50, 1000),
        offset: p.offset("offset", 1_000_000),
    };
    p.finish()?;
    Ok(Json(
        state
            .pool
            .read(move |s| Ok(s.audit_log(event.as_deref(), &page)?))
            .await?,
    ))
}
