//! `raqib serve`: the HTTP API and the web dashboard over a store (crates/serve).

use std::net::SocketAddr;
use std::time::Duration;

use raqib_serve::ServeConfig;

use super::ingest::DbArgs;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on (loopback by default; put a TLS proxy in front for other hosts).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Store connections used for reads.
    #[arg(long, default_value_t = 4)]
    pub readers: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 4 << 20)]
    pub max_body: usize,
    /// Longest a request may take, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Requests per second per token (or per client address without a token); 0 for no limit.
    #[arg(long, default_value_t = 50)]
    pub rate_limit: u32,
    /// Requests a client may make at once above the rate.
    #[arg(long, default_value_t = 200)]
    pub burst: u32,
    /// Allow this origin to call the API from its pages (CORS); repeat for several. None by
    /// default.
    #[arg(long = "cors-origin")]
    pub cors_origins: Vec<String>,
    /// Require a token for reads too (by default anyone who reaches the server may read).
    #[arg(long)]
    pub auth_reads: bool,
}

impl Args {
    /// The validated configuration; every bad value is reported at once.
    fn config(&self) -> anyhow::Result<ServeConfig> {
        let mut errors = Vec::new();
        if self.readers == 0 || self.readers > 64 {
            errors.push(format!("--readers {}: expected 1 to 64", self.readers));
        }
        if self.max_body < 1024 {
            errors.push(format!(
                "--max-body {}: expected at least 1024",
                self.max_body
            ));
        }
        if self.timeout == 0 {
            errors.push("--timeout 0: expected at least 1 second".to_string());
        }
        for o in &self.cors_origins {
            if !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') {
                errors.push(format!(
                    "--cors-origin {o:?}: expected an origin such as https://example.org"
                ));
            }
        }
        if !errors.is_empty() {
            anyhow::bail!("{}", errors.join("; "));
        }
        let mut c = ServeConfig::new(self.db.db.clone());
        c.addr = self.addr;
        c.readers = self.readers;
        c.max_body = self.max_body;
        c.timeout = Duration::from_secs(self.timeout);
        c.rate_per_sec = self.rate_limit;
        c.rate_burst = self.burst;
        c.cors_origins = self.cors_origins.clone();
        c.auth_reads = self.auth_reads;
        Ok(c)
    }
}

/// Serve until interrupted.
pub fn run(args: Args) -> anyhow::Result<u8> {
    raqib_serve::serve_blocking(args.config()?)?;
    Ok(0)
}
