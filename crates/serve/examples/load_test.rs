//! A bounded load test of `raqib serve`'s list and count endpoints (not run in CI).
//!
//! ```sh
//! cargo run --release -p raqib-serve --example load_test -- \
//!     --db /tmp/raqib-1m.db --events 1000000 --clients 50 --requests 40
//! ```
//!
//! Fills the store with synthetic events (`raqib_store::synth`) up to `--events` if it has
//! fewer, starts the server in this process on a loopback port (rate limit off), waits for the
//! pre-aggregated counts and the dashboard's opening views (what the server prepares after
//! every store change; `--cold` turns that off), then for each scenario runs `--clients`
//! concurrent keep-alive clients making `--requests` requests each, and prints latency
//! percentiles. There is no warm-up: every other page or count is computed when the clients
//! first ask for it, all at once, and that cold tail is in the figures. Only 127.0.0.1 is
//! ever contacted, and every loop is bounded.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use raqib_serve::ServeConfig;
use raqib_store::synth;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Args {
    db: String,
    events: u64,
    clients: usize,
    requests: usize,
    readers: usize,
    cold: bool,
}

fn args() -> Args {
    let mut a = Args {
        db: std::env::temp_dir()
            .join("raqib-load.db")
            .display()
            .to_string(),
        events: 1_000_000,
        clients: 50,
        requests: 40,
        readers: 4,
        cold: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        if k == "--cold" {
            a.cold = true;
            continue;
        }
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--db" => a.db = v,
            "--events" => a.events = v.parse().expect("--events N"),
            "--clients" => a.clients = v.parse().expect("--clients N"),
            "--requests" => a.requests = v.parse().expect("--requests N"),
            "--readers" => a.readers = v.parse().expect("--readers N"),
            _ => panic!("unknown argument {k}"),
        }
    }
    a
}

fn fill(db: &str, target: u64) {
    let mut store = raqib_store::open(db).expect("open store");
    let mut have = store.stats().expect("stats").events;
    let mut chunk = 0u64;
    while have < target {
        let t = Instant::now();
        let reports = synth::reports(5000 + chunk, 20_000, 5);
        chunk += 1;
        for batch in reports.chunks(1000) {
            store.ingest(batch).expect("ingest");
        }
        have = store.stats().expect("stats").events;
        eprintln!(
            "filled to {have} events ({:.1} s)",
            t.elapsed().as_secs_f64()
        );
    }
}

/// One keep-alive HTTP/1.1 connection; responses must carry Content-Length (the JSON ones do).
struct Conn {
    r: BufReader<TcpStream>,
}

impl Conn {
    async fn open(addr: SocketAddr) -> Conn {
        let s = TcpStream::connect(addr).await.expect("connect");
        s.set_nodelay(true).ok();
        Conn {
            r: BufReader::new(s),
        }
    }

    async fn get(&mut self, path: &str) -> (u16, Vec<u8>) {
        let req =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n");
        self.r
            .get_mut()
            .write_all(req.as_bytes())
            .await
            .expect("send");
        let mut line = String::new();
        self.r.read_line(&mut line).await.expect("status line");
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut len = 0usize;
        loop {
            line.clear();
            self.r.read_line(&mut line).await.expect("header");
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; len];
        self.r.read_exact(&mut body).await.expect("body");
        (status, body)
    }
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn scenario(
    addr: SocketAddr,
    name: &str,
    paths: Vec<String>,
    clients: usize,
    requests: usize,
) {
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let paths = paths.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::open(addr).await;
            let mut lat = Vec::with_capacity(requests);
            let mut bytes = 0usize;
            for i in 0..requests {
                let p = &paths[(c * 7 + i) % paths.len()];
                let t = Instant::now();
                let (status, body) = conn.get(p).await;
                lat.push(t.elapsed());
                assert_eq!(status, 200, "{p}: {}", String::from_utf8_lossy(&body));
                bytes += body.len();
            }
            (lat, bytes)
        }));
    }
    let mut all = Vec::new();
    let mut bytes = 0;
    for t in tasks {
        let (l, b) = t.await.expect("client");
        all.extend(l);
        bytes += b;
    }
    let wall = t0.elapsed().as_secs_f64();
    all.sort();
    println!(
        "| {name} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {:.0} |",
        all.len(),
        pct(&all, 0.50),
        pct(&all, 0.95),
        pct(&all, 0.99),
        all.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0),
        all.len() as f64 / wall,
        bytes as f64 / all.len().max(1) as f64,
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let a = args();
    let t = Instant::now();
    let db = a.db.clone();
    let target = a.events;
    let stats = tokio::task::spawn_blocking(move || {
        fill(&db, target);
        raqib_store::open(&db).unwrap().stats().unwrap()
    })
    .await
    .unwrap();
    eprintln!(
        "store ready: {} events ({:.1} s)",
        stats.events,
        t.elapsed().as_secs_f64()
    );
    let mut config = ServeConfig::new(a.db.clone());
    config.rate_per_sec = 0;
    config.readers = a.readers;
    config.prepare_views = !a.cold;
    let (router, state) = raqib_serve::app_async(config).await.expect("app");
    let t = Instant::now();
    state.refresh_facets().await;
    eprintln!(
        "pre-aggregated counts built in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    if !a.cold {
        // What the server does after every store change: the dashboard's opening views.
        let t = Instant::now();
        state.prepare_views().await;
        eprintln!(
            "opening views prepared in {:.2} s",
            t.elapsed().as_secs_f64()
        );
    }
    state.start_background();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    // A cursor into the middle of the list, for deep pages.
    let mut warm = Conn::open(addr).await;
    let mut cursor = String::new();
    let mut deep = Vec::new();
    for _ in 0..20 {
        let (_, body) = warm.get(&format!("/api/v1/events?limit=500{cursor}")).await;
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        if let Some(c) = v["next_cursor"].as_str() {
            cursor = format!("&cursor={c}");
            deep.push(format!("/api/v1/events?limit=50&cursor={c}"));
        }
    }
    let months: Vec<String> = (0..24)
        .map(|m| {
            let (y, mo) = (2017 + m / 12, m % 12 + 1);
            format!("from={y}-{mo:02}-01&to={y}-{mo:02}-28")
        })
        .collect();
    let (_, body) = warm.get("/api/v1/counts?by=type").await;
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let types: Vec<String> = v["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap().to_string())
        .collect();
    println!(
        "\n{} events, {} clients × {} requests per scenario, {} store readers, opening views {}\n",
        stats.events,
        a.clients,
        a.requests,
        a.readers,
        if a.cold {
            "not prepared (--cold)"
        } else {
            "prepared"
        }
    );
    println!("| scenario | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | bytes/resp |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let c = a.clients;
    let r = a.requests;
    scenario(
        addr,
        "list: first page (50)",
        vec!["/api/v1/events?limit=50".into()],
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "list: by type (50)",
        types
            .iter()
            .map(|t| format!("/api/v1/events?limit=50&plover={t}"))
            .collect(),
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "list: by month (50)",
        months
            .iter()
            .map(|m| format!("/api/v1/events?limit=50&{m}"))
            .collect(),
        c,
        r,
    )
    .await;
    scenario(addr, "list: deep cursor pages (50)", deep, c, r).await;
    // What the dashboard asks for: its table (100 a page) and its map (1000) read the
    // summary pages.
    scenario(
        addr,
        "list: first page, summary (100)",
        vec!["/api/v1/events?limit=100&fields=summary".into()],
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "list: by type, summary (100)",
        types
            .iter()
            .map(|t| format!("/api/v1/events?limit=100&plover={t}&fields=summary"))
            .collect(),
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "list: map page, summary (1000)",
        vec!["/api/v1/events?limit=1000&fields=summary".into()],
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "counts: by day",
        vec!["/api/v1/counts?by=day".into()],
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "counts: by type per month",
        months
            .iter()
            .map(|m| format!("/api/v1/counts?by=type&{m}"))
            .collect(),
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "counts: by place per type",
        types
            .iter()
            .map(|t| format!("/api/v1/counts?by=place&plover={t}"))
            .collect(),
        c,
        r,
    )
    .await;
    scenario(
        addr,
        "counts: day × type",
        vec!["/api/v1/counts?by=day-type".into()],
        c,
        r,
    )
    .await;
}
