//! `raqib serve`: the HTTP API and the web dashboard over a raqib store.
//!
//! # Why it is built this way
//!
//! - **The store stays synchronous.** The store crate speaks blocking SQLite/PostgreSQL; the
//!   server keeps a small pool of store connections ([`pool`]) and runs every store call on
//!   tokio's blocking threads, so a slow query never stalls the event loop. SQLite in WAL
//!   mode lets the readers run beside the one writer.
//! - **One router per resource** (`routes/`), private request and response types, and one
//!   [`error::ApiError`] that maps to a status code and a JSON body and never carries an
//!   internal message to the client (store failures are logged, the client sees "internal
//!   error").
//! - **Strict input.** Query strings and JSON bodies are parsed by hand-checked rules: an
//!   unknown parameter or field, a repeated parameter, a malformed date or cursor is a 400
//!   that says what was wrong. Values only ever reach SQL as bound parameters (the store's
//!   filters).
//! - **Counts pre-aggregated.** Charts ask for counts by day, type, place and status; the
//!   server folds the store's counts per (day, type, status, first place, main) into a dense
//!   array in memory ([`facets`]), rebuilt in the background whenever the store changes, so a
//!   count over a million events reads a few tens of thousands of integers, not the events.
//! - **Each answer computed once.** JSON pages and counts are cached per query (parameters in
//!   a fixed order) until the store changes; when many requests miss the same one together,
//!   one computes it and the others wait for it ([`AppState::respond`]). After every change
//!   the dashboard's opening views are made in the background (`ServeConfig::prepare_views`).
//! - **Offline dashboard.** Pages, scripts, the basemap and the Arabic font are embedded in
//!   the binary ([`assets`]); the JavaScript libraries are vendored from npm with their
//!   licences (`assets/vendor/README.md`), so neither `cargo build` nor the browser needs the
//!   network.
#![deny(missing_docs)]
#![recursion_limit = "512"]

pub mod assets;
pub mod config;
pub mod error;
pub mod facets;
mod openapi;
mod pages;
mod params;
pub mod pool;
mod ratelimit;
mod routes;
pub mod search;
mod security;
pub mod state;
pub mod tokens;
mod tracked;

use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;

pub use config::ServeConfig;
pub use state::AppState;

/// Build the application: open the store, prepare the shared state and the router.
///
/// Opening a PostgreSQL store blocks on its own runtime, so call this outside of an async
/// context (or use [`app_async`]).
pub fn app(config: ServeConfig) -> anyhow::Result<(Router, AppState)> {
    let state = AppState::open(config).context("cannot open the store")?;
    let router = routes::router(state.clone());
    Ok((router, state))
}

/// [`app`] from async code: the store is opened on a blocking thread.
pub async fn app_async(config: ServeConfig) -> anyhow::Result<(Router, AppState)> {
    tokio::task::spawn_blocking(move || app(config))
        .await
        .context("opening the store panicked")?
}

/// Serve until Ctrl-C (or SIGTERM): the API under `/api/v1`, the dashboard at `/`.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let addr = config.addr;
    let (router, state) = app_async(config).await?;
    state.start_background();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    eprintln!("raqib serve: listening on http://{local}/ (API at /api, OpenAPI at /openapi.json)");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("the server failed")?;
    Ok(())
}

/// [`serve`] on a runtime of its own, for the command line.
pub fn serve_blocking(config: ServeConfig) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(serve(config))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
