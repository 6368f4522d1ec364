//! The server's validated configuration.

use std::net::SocketAddr;
use std::time::Duration;

/// Everything `raqib serve` is configured with.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The store: a SQLite file or a `postgres://` URL.
    pub db: String,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Store connections for reads.
    pub readers: usize,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Longest a request may take.
    pub timeout: Duration,
    /// Requests per second allowed per token (or per client address without a token); 0 = no
    /// limit.
    pub rate_per_sec: u32,
    /// Requests a client may make at once above the rate.
    pub rate_burst: u32,
    /// Origins allowed to call the API from other sites (CORS); empty = none.
    pub cors_origins: Vec<String>,
    /// Reads need a token too (by default anyone who reaches the server may read).
    pub auth_reads: bool,
    /// At most this many reports in one `POST /api/v1/reports`.
    pub max_reports_per_request: usize,
    /// How often the store is checked for changes made by other processes.
    pub poll: Duration,
    /// After every store change, make the dashboard's opening views in the background (its
    /// map's and table's first pages, its charts' counts), so the first visitors after an
    /// ingest find them ready instead of waiting for them together.
    pub prepare_views: bool,
}

impl ServeConfig {
    /// Defaults for a store: loopback port 8080, 4 readers, 4 MiB bodies, 30 s timeout,
    /// 50 requests/s with a burst of 200.
    pub fn new(db: impl Into<String>) -> ServeConfig {
        ServeConfig {
            db: db.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            readers: 4,
            max_body: 4 << 20,
            timeout: Duration::from_secs(30),
            rate_per_sec: 50,
            rate_burst: 200,
            cors_origins: Vec::new(),
            auth_reads: false,
            max_reports_per_request: 50,
            poll: Duration::from_secs(2),
            prepare_views: true,
        }
    }
}
