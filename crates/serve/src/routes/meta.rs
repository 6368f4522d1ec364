//! The store's sizes, who the caller is, health; the pages: dashboard, API page, OpenAPI
//! document and the embedded assets.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::json;

use crate::assets;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::security::Caller;
use crate::state::AppState;

/// The API routes of this module.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/stats", get(stats))
        .route("/whoami", get(whoami))
        .route("/health", get(health))
}

/// The pages.
pub fn pages_router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { asset_response("index.html") }))
        .route("/api", get(|| async { asset_response("api.html") }))
        .route("/api/", get(|| async { Redirect::permanent("/api") }))
        .route("/openapi.json", get(openapi))
        .route("/assets/{*path}", get(asset))
}

async fn stats(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Json<serde_json::Value>> {
    caller.require_read()?;
    Params::parse(uri.query(), &[], &[])?.finish()?;
    let (stats, backend) = state.pool.read(|s| Ok((s.stats()?, s.backend()))).await?;
    Ok(Json(json!({
        "backend": backend,
        "store": stats,
        "generation": state.generation(),
        "counts_pre_aggregated": state.facets().is_some(),
    })))
}

async fn whoami(Extension(caller): Extension<Caller>) -> Json<serde_json::Value> {
    Json(match &caller.token {
        Some(t) => json!({"token": t.id, "name": t.name, "role": t.role}),
        None => json!({"token": null, "role": "anonymous"}),
    })
}

async fn health(State(state): State<AppState>) -> ApiResult<Json<serde_json::Value>> {
    state.pool.read(|s| Ok(s.change_marker()?)).await?;
    Ok(Json(json!({"status": "ok"})))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::document().to_string(),
    )
        .into_response()
}

fn asset_response(name: &str) -> Response {
    match assets::get(name) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.mime),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            a.bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

async fn asset(Path(path): Path<String>) -> Response {
    // Exact names only (see `assets`): `..` and friends simply are not names.
    if path.contains("..") || path.contains('\\') || path.starts_with('/') {
        return ApiError::bad_request("invalid asset path").into_response();
    }
    asset_response(&path)
}
