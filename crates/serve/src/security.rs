//! Who is calling, how often, and the headers every response carries.
//!
//! [`identify`] runs before every handler: it resolves the bearer token (a malformed,
//! unknown or revoked token is refused with 401 even on reads), applies the per-client rate
//! limit, and leaves a [`Caller`] for the handlers, which check roles with
//! [`Caller::require_read`] and [`Caller::require_write`].

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use raqib_store::api::{ApiToken, TokenRole};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::tokens;

/// The caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Its token, when it gave one.
    pub token: Option<ApiToken>,
    /// Reads need a token on this server.
    auth_reads: bool,
}

impl Caller {
    /// Refuse unless the caller may read.
    pub fn require_read(&self) -> ApiResult<()> {
        if self.auth_reads && self.token.is_none() {
            return Err(ApiError::unauthorized(
                "this server needs a token to read: send Authorization: Bearer <token>",
            ));
        }
        Ok(())
    }

    /// Refuse unless the caller is an analyst; returns the name to audit.
    pub fn require_write(&self) -> ApiResult<String> {
        match &self.token {
            None => Err(ApiError::unauthorized(
                "writing needs an analyst token: send Authorization: Bearer <token> \
                 (raqib token create --role analyst)",
            )),
            Some(t) if t.role != TokenRole::Analyst => Err(ApiError::forbidden(format!(
                "token {} is a {} token; writing needs an analyst token",
                t.id,
                t.role.as_str()
            ))),
            Some(t) => Ok(format!("{} (token {})", t.name, t.id)),
        }
    }
}

/// Resolve the caller and apply the rate limit.
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().map(str::to_string).unwrap_or_default());
    match caller(&state, auth).await {
        Ok(c) => {
            let key = match &c.token {
                Some(t) => format!("token:{}", t.id),
                None => format!(
                    "addr:{}",
                    req.extensions()
                        .get::<ConnectInfo<SocketAddr>>()
                        .map(|ci| ci.0.ip().to_string())
                        .unwrap_or_else(|| "local".into())
                ),
            };
            if let Err(wait) = state.limiter.check(&key) {
                let mut res = ApiError::rate_limited(wait).into_response();
                if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                    res.headers_mut().insert(header::RETRY_AFTER, v);
                }
                return res;
            }
            req.extensions_mut().insert(c);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    }
}

async fn caller(state: &AppState, auth: Option<String>) -> ApiResult<Caller> {
    let auth_reads = state.config.auth_reads;
    let Some(value) = auth else {
        return Ok(Caller {
            token: None,
            auth_reads,
        });
    };
    let secret = value
        .strip_prefix("Bearer ")
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::unauthorized("the Authorization header must be \"Bearer <token>\"")
        })?;
    if !tokens::well_formed(secret) {
        return Err(ApiError::unauthorized("this is not a raqib token"));
    }
    match state.token(tokens::hash(secret)).await? {
        Some(t) if t.revoked_at.is_none() => Ok(Caller {
            token: Some(t),
            auth_reads,
        }),
        Some(t) => Err(ApiError::unauthorized(format!(
            "token {} was revoked",
            t.id
        ))),
        None => Err(ApiError::unauthorized("unknown token")),
    }
}

/// The content security policy of every page: everything from this server only, no inline
/// script or style, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Add the security headers to every response.
pub async fn headers(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/") || req.uri().path() == "/openapi.json";
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "geolocation=(), camera=(), microphone=()",
    );
    if api && !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    res
}
