//! The router: one module per resource, the hardening layers around them all.

mod corrections;
mod counts;
mod events;
mod meta;
mod registry;
mod reports;
mod tracking;

use std::time::Duration;

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{middleware, Router};
use serde::de::DeserializeOwned;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::timeout::TimeoutLayer;

use crate::error::{ApiError, ApiResult};
use crate::security;
use crate::state::AppState;

/// The whole application.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(events::router())
        .merge(counts::router())
        .merge(tracking::router())
        .merge(registry::router())
        .merge(reports::router())
        .merge(corrections::router())
        .merge(meta::api_router())
        .fallback(api_not_found);
    let mut app = Router::new()
        .nest("/api/v1", api)
        .merge(meta::pages_router())
        .fallback(page_not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::identify,
        ))
        .layer(DefaultBodyLimit::max(state.config.max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.config.timeout.max(Duration::from_millis(100)),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("a handler panicked").into_response()
        }));
    if !state.config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = state
            .config
            .cors_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    app.layer(middleware::from_fn(security::headers))
        .with_state(state)
}

/// The dashboard's opening views, as its script asks for them: the map's and the table's
/// first summary pages, the API's default first page, and the charts' counts.
const OPENING_PAGES: &[&str] = &["limit=1000&fields=summary", "limit=100&fields=summary", ""];
const OPENING_COUNTS: &[&str] = &["by=type", "by=day-type", "by=day"];

/// Make the opening views for the current store generation (see
/// [`crate::ServeConfig::prepare_views`]); failures are logged, the views are then made on
/// the first request as usual.
pub(crate) async fn prepare_views(state: &AppState) {
    for q in OPENING_PAGES {
        if let Err(e) = events::prepare(state, q).await {
            eprintln!("raqib serve: cannot prepare /events?{q}: {}", e.message);
        }
    }
    // Counts are kept only from the pre-aggregates; from the store they would be made for
    // nothing (and again at every check).
    if state.facets().is_none() {
        return;
    }
    for q in OPENING_COUNTS {
        if let Err(e) = counts::prepare(state, q).await {
            eprintln!("raqib serve: cannot prepare /counts?{q}: {}", e.message);
        }
    }
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("no such endpoint; see /openapi.json")
}

async fn page_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found\n",
    )
        .into_response()
}

/// The body as bytes, refused past the configured limit with a 413 that says so.
pub(crate) async fn body_bytes(state: &AppState, body: Body) -> ApiResult<bytes::Bytes> {
    let limit = state.config.max_body;
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let too_large = std::error::Error::source(&e)
            .map(|s| s.is::<http_body_util::LengthLimitError>())
            .unwrap_or(false)
            || e.to_string().contains("length limit");
        if too_large {
            ApiError::too_large(limit)
        } else {
            ApiError::bad_request(format!("cannot read the request body: {e}"))
        }
    })
}

/// Whether the request says its body is JSON.
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    content_type(headers).is_some_and(|c| c == "application/json" || c.ends_with("+json"))
}

/// The media type of the body, lower-cased, without parameters.
pub(crate) fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
}

/// Parse a JSON body strictly (the types refuse unknown fields), with the parser's line and
/// column in the message.
pub(crate) fn parse_json<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> ApiResult<T> {
    if !is_json(headers) {
        return Err(ApiError::unsupported_media(
            "send the body as Content-Type: application/json",
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}
