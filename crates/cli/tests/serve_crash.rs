//! Crash safety of `raqib serve` writes: the server is killed with SIGKILL while
//! `POST /api/v1/reports` requests are in flight, restarted on the same store, and the store
//! must be consistent with nothing acknowledged lost and nothing doubled. Heavy (it codes and
//! stores a few hundred reports over several kill cycles): `cargo test -- --ignored`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_raqib");

/// Start `raqib serve` on a free loopback port; returns the child and its address (the
/// caller kills and waits for it).
#[allow(clippy::zombie_processes)]
fn start(db: &str) -> (Child, SocketAddr) {
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--db",
            db,
            "--addr",
            "127.0.0.1:0",
            "--rate-limit",
            "0",
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start raqib serve");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        line.clear();
        if err.read_line(&mut line).unwrap_or(0) == 0 || Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("raqib serve did not start: {line}");
        }
        if let Some(rest) = line.split("http://").nth(1) {
            let addr: SocketAddr = rest.split('/').next().unwrap().parse().unwrap();
            // Keep draining stderr so the server never blocks on a full pipe.
            std::thread::spawn(move || {
                let mut sink = String::new();
                let _ = err.read_to_string(&mut sink);
            });
            return (child, addr);
        }
    }
}

/// One HTTP/1.1 request on a fresh connection: `(status, body)`.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut out = String::new();
    s.read_to_string(&mut out)?;
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {out:?}")))?;
    let body = out
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

fn report(i: usize) -> serde_json::Value {
    let places = ["Douma", "Harasta", "Aleppo", "Idlib", "Daraa", "Homs"];
    let p = places[i % places.len()];
    serde_json::json!({
        "id": format!("crash-{i}"),
        "date": "2018-04-07",
        "lang": "en",
        "source": "test wire",
        "text": format!(
            "Government forces shelled {p} on Friday, killing {} civilians, activists said. \
             Rebels fired rockets at the army in {p} the next day. Report number {i}.",
            i % 20 + 2
        ),
    })
}

#[test]
#[ignore = "heavy: kills and restarts the server several times"]
fn killed_during_writes_loses_nothing_acknowledged_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db").display().to_string();
    let out = Command::new(BIN)
        .args([
            "token",
            "create",
            "--role",
            "analyst",
            "--name",
            "crash-test",
            "--db",
            &db,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(token.starts_with("rq_"), "{token}");

    // id → events acknowledged by a 201.
    let acked: Arc<Mutex<Vec<(String, usize)>>> = Arc::default();
    let mut sent = 0usize;
    for cycle in 0..3 {
        let (mut child, addr) = start(&db);
        let stop = Arc::new(AtomicBool::new(false));
        let mut clients = Vec::new();
        for c in 0..4 {
            let (stop, acked, token) = (stop.clone(), acked.clone(), token.clone());
            let base = 10_000 * (cycle + 1) + 1000 * c;
            clients.push(std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) && n < 500 {
                    let i = base + n;
                    n += 1;
                    let body = report(i).to_string();
                    match http(addr, "POST", "/api/v1/reports", &token, &body) {
                        Ok((201, reply)) => {
                            let v: serde_json::Value = serde_json::from_str(&reply).unwrap();
                            let events = v["reports"][0]["events"].as_array().unwrap().len();
                            acked.lock().unwrap().push((format!("crash-{i}"), events));
                        }
                        Ok((status, reply)) => panic!("unexpected {status}: {reply}"),
                        Err(_) => break, // the server died under us
                    }
                }
                n
            }));
        }
        std::thread::sleep(Duration::from_millis(1500 + 500 * cycle as u64));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            sent += c.join().unwrap();
        }
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 10,
        "too few writes before the kills: {}",
        acked.len()
    );

    // The store is consistent and holds every acknowledged report once, whole.
    {
        let store = raqib_store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
        for (id, events) in &acked {
            let versions = store.report_versions(id).unwrap();
            assert_eq!(versions.len(), 1, "{id}: {versions:?}");
            assert_eq!(versions[0].events as usize, *events, "{id}");
        }
        let stats = store.stats().unwrap();
        assert!(stats.reports as usize >= acked.len());
        assert!(
            stats.reports as usize <= sent,
            "more reports than were sent"
        );
    }

    // Restarted, the server answers, and sending everything again doubles nothing.
    let (mut child, addr) = start(&db);
    for (id, _) in acked.iter().take(50) {
        let i: usize = id.trim_start_matches("crash-").parse().unwrap();
        let (status, reply) = http(
            addr,
            "POST",
            "/api/v1/reports",
            &token,
            &report(i).to_string(),
        )
        .unwrap();
        assert_eq!(status, 201, "{reply}");
        let v: serde_json::Value = serde_json::from_str(&reply).unwrap();
        assert_eq!(v["stored"]["unchanged"], 1, "{id} stored twice: {reply}");
    }
    let (status, stats) = http(addr, "GET", "/api/v1/stats", &token, "").unwrap();
    assert_eq!(status, 200, "{stats}");
    child.kill().unwrap();
    child.wait().unwrap();
    let store = raqib_store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
    for (id, _) in &acked {
        assert_eq!(store.report_versions(id).unwrap().len(), 1, "{id}");
    }
}
