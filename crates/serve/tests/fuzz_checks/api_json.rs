//! The `api_json` fuzz target's check, shared with the regression replay
//! (`tests/fuzz_regressions.rs`) so that a saved crash input is judged by the same asserts.
//!
//! Arbitrary bytes as the body of the API's writes (`POST /api/v1/reports`,
//! `POST /api/v1/events/{id}/edits`, `POST /api/v1/events/{id}/review`), sent through the real
//! router (every layer: auth, body limit, timeout, panic catcher, security headers) to a
//! temporary SQLite store made once per process, with an analyst token. The store is filled
//! with the repository's example reports first, so edits and reviews reach real events.
//!
//! What is checked, for every body: no panic, no 5xx; the answer is JSON; an error carries its
//! status and a message; a body that is not JSON is refused (400, or 415 when the request does
//! not say JSON); a success has the shape of its endpoint.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use raqib_serve::ServeConfig;
use raqib_store::api::{open_api, TokenRole};
use serde_json::{json, Value};
use tower::ServiceExt;

/// The endpoint a body is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /api/v1/reports`.
    Reports,
    /// `POST /api/v1/events/{id}/edits`.
    Edit,
    /// `POST /api/v1/events/{id}/review`.
    Review,
}

/// What the first byte of a fuzz input picks.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// Where the body goes.
    pub endpoint: Endpoint,
    /// Which event an edit or review is about: one of the stored ones, or (3) none.
    pub event: usize,
    /// The Content-Type header (see [`CONTENT_TYPES`]).
    pub ctype: usize,
}

/// The Content-Types tried; the last is `text/plain` for reports and none for the others.
pub const CONTENT_TYPES: [&str; 4] = [
    "application/json",
    "Application/JSON; charset=utf-8",
    "application/vnd.raqib+json",
    "",
];

impl Mode {
    /// Bits 0-1: endpoint (0 and 1 reports, 2 edit, 3 review); bits 2-3: event; bits 4-5:
    /// Content-Type.
    pub fn from_byte(b: u8) -> Mode {
        Mode {
            endpoint: match b & 3 {
                0 | 1 => Endpoint::Reports,
                2 => Endpoint::Edit,
                _ => Endpoint::Review,
            },
            event: usize::from((b >> 2) & 3),
            ctype: usize::from((b >> 4) & 3),
        }
    }
}

struct Harness {
    rt: tokio::runtime::Runtime,
    app: Router,
    analyst: String,
    events: Vec<String>,
    _dir: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    ctype: String,
    body: Vec<u8>,
}

async fn call(app: &Router, uri: &str, token: &str, ctype: Option<&str>, body: Vec<u8>) -> Reply {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(c) = ctype {
        req = req.header(header::CONTENT_TYPE, c);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body)).expect("a request"))
        .await
        .expect("the router is infallible");
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        ctype,
        body,
    }
}

/// The example reports of the repository, as one batch.
fn examples() -> Value {
    let mut reports: Vec<Value> = include_str!("../../../../examples/reports/batch.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("example JSONL"))
        .collect();
    for (id, lang, text) in [
        (
            "yemen-airstrike",
            "en",
            include_str!("../../../../examples/reports/yemen-airstrike.en.txt"),
        ),
        (
            "idlib-shelling",
            "ar",
            include_str!("../../../../examples/reports/idlib-shelling.ar.txt"),
        ),
    ] {
        reports.push(json!({"id": id, "lang": lang, "date": "2018-04-07", "text": text}));
    }
    json!({ "reports": reports })
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir
            .path()
            .join("fuzz.db")
            .to_str()
            .expect("UTF-8")
            .to_string();
        let analyst = {
            let mut s = open_api(&db).expect("a store");
            raqib_serve::tokens::create(&mut *s, TokenRole::Analyst, "fuzz")
                .expect("a token")
                .secret
        };
        let mut config = ServeConfig::new(db);
        config.readers = 1;
        config.rate_per_sec = 0;
        let (app, _state) = raqib_serve::app(config).expect("the server");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let events = rt.block_on(async {
            let body = serde_json::to_vec(&examples()).expect("JSON");
            let r = call(
                &app,
                "/api/v1/reports",
                &analyst,
                Some("application/json"),
                body,
            )
            .await;
            assert_eq!(
                r.status,
                StatusCode::CREATED,
                "{}",
                String::from_utf8_lossy(&r.body)
            );
            let v: Value = serde_json::from_slice(&r.body).expect("JSON");
            let events: Vec<String> = v["reports"]
                .as_array()
                .expect("reports")
                .iter()
                .flat_map(|r| r["events"].as_array().cloned().unwrap_or_default())
                .filter_map(|e| e.as_str().map(str::to_string))
                .take(3)
                .collect();
            assert!(events.len() >= 3, "the examples give events: {v}");
            events
        });
        Harness {
            rt,
            app,
            analyst,
            events,
            _dir: dir,
        }
    })
}

/// Send `body` as `mode` says, check the answer and return its status.
pub fn check(body: &[u8], mode: Mode) -> StatusCode {
    let h = harness();
    let event = match mode.event {
        i @ 0..=2 => h.events[i].as_str(),
        _ => "no-such-event",
    };
    let uri = match mode.endpoint {
        Endpoint::Reports => "/api/v1/reports".to_string(),
        Endpoint::Edit => format!("/api/v1/events/{event}/edits"),
        Endpoint::Review => format!("/api/v1/events/{event}/review"),
    };
    let text_form = mode.endpoint == Endpoint::Reports && mode.ctype == 3;
    let ctype = match CONTENT_TYPES[mode.ctype] {
        "" if text_form => Some("text/plain; charset=utf-8"),
        "" => None,
        c => Some(c),
    };
    let r =
        h.rt.block_on(call(&h.app, &uri, &h.analyst, ctype, body.to_vec()));
    let shown = String::from_utf8_lossy(&r.body[..r.body.len().min(600)]).into_owned();
    let what = format!(
        "{:?} {uri} ({ctype:?}) -> {}: {shown}",
        mode.endpoint, r.status
    );
    assert!(!r.status.is_server_error(), "a 5xx: {what}");
    assert!(
        r.ctype.starts_with("application/json"),
        "not answered as JSON ({}): {what}",
        r.ctype
    );
    let v: Value = serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{e}: {what}"));
    let valid_json = serde_json::from_slice::<Value>(body).is_ok();
    if r.status.is_client_error() {
        let err = &v["error"];
        assert_eq!(
            err["status"].as_u64(),
            Some(u64::from(r.status.as_u16())),
            "{what}"
        );
        assert!(
            err["code"].as_str().is_some_and(|c| !c.is_empty()),
            "{what}"
        );
        assert!(
            err["message"]
                .as_str()
                .is_some_and(|m| !m.trim().is_empty()),
            "an error without a message: {what}"
        );
    } else {
        assert!(r.status.is_success(), "neither success nor 4xx: {what}");
        assert!(
            text_form || (ctype.is_some() && valid_json),
            "a body that is not JSON was accepted: {what}"
        );
        match mode.endpoint {
            Endpoint::Reports => {
                assert_eq!(r.status, StatusCode::CREATED, "{what}");
                let reports = v["reports"].as_array().expect("a reports array");
                assert!(!reports.is_empty(), "{what}");
                assert!(
                    reports
                        .iter()
                        .all(|r| r["id"].as_str().is_some_and(|i| !i.is_empty())),
                    "{what}"
                );
            }
            Endpoint::Edit => {
                let entries = v.as_array().expect("audit entries");
                assert!(!entries.is_empty(), "{what}");
                assert!(entries.iter().all(|e| e["action"] == "edit"), "{what}");
            }
            Endpoint::Review => assert!(v["action"].is_string(), "{what}"),
        }
        assert!(
            mode.event < 3 || mode.endpoint == Endpoint::Reports,
            "{what}"
        );
    }
    if !valid_json && !text_form {
        let want = if ctype.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        };
        assert_eq!(r.status, want, "{what}");
    }
    r.status
}
