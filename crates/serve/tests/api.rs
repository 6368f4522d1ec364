//! The HTTP API end to end through the real router, on a real store: SQLite always,
//! PostgreSQL when `RAQIB_TEST_PG_URL` is set (`eval "$(scripts/ci/start-postgres.sh)"`).
//!
//! The store is filled through the API itself (`POST /api/v1/reports` with the repository's
//! example reports), so coding, storing and reading back are all exercised.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use raqib_serve::{AppState, ServeConfig};
use raqib_store::api::{open_api, TokenRole};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Harness {
    app: Router,
    state: AppState,
    analyst: String,
    reader: String,
    db: String,
    _dir: Option<tempfile::TempDir>,
    _pg: Option<PgSchema>,
}

struct PgSchema {
    url: String,
    schema: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let (url, schema) = (self.url.clone(), self.schema.clone());
        // On a thread of its own: the PostgreSQL client cannot block an async thread.
        let _ = std::thread::spawn(move || {
            if let Ok(mut c) = ::postgres::Client::connect(&url, ::postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        })
        .join();
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(500)])
            )
        })
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn error_message(&self) -> String {
        self.json()["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message in {}", self.text()))
            .to_string()
    }
}

fn example_reports() -> Vec<Value> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/reports");
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".jsonl") {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                out.push(serde_json::from_str(line).unwrap());
            }
        } else if name.ends_with(".txt") {
            let id = name.split('.').next().unwrap();
            let lang = if name.contains(".ar.") { "ar" } else { "en" };
            out.push(json!({"id": id, "text": text, "lang": lang, "date": "2018-04-07", "source": "example outlet"}));
        }
    }
    out
}

/// Run store work off the async threads (the PostgreSQL client blocks on a runtime of its own).
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

impl Harness {
    async fn open(db: String, dir: Option<tempfile::TempDir>, pg: Option<PgSchema>) -> Harness {
        Harness::with_config(db, dir, pg, |_| {}).await
    }

    async fn with_config(
        db: String,
        dir: Option<tempfile::TempDir>,
        pg: Option<PgSchema>,
        f: impl FnOnce(&mut ServeConfig),
    ) -> Harness {
        let db2 = db.clone();
        let (analyst, reader) = blocking(move || {
            let mut s = open_api(&db2).unwrap();
            let a = raqib_serve::tokens::create(&mut *s, TokenRole::Analyst, "amira").unwrap();
            let r = raqib_serve::tokens::create(&mut *s, TokenRole::Reader, "rami").unwrap();
            (a.secret, r.secret)
        })
        .await;
        let mut config = ServeConfig::new(db.clone());
        config.readers = 2;
        config.rate_per_sec = 0;
        f(&mut config);
        let (app, state) = raqib_serve::app_async(config).await.unwrap();
        Harness {
            app,
            state,
            analyst,
            reader,
            db,
            _dir: dir,
            _pg: pg,
        }
    }

    async fn call(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        ctype: Option<&str>,
        body: Vec<u8>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(c) = ctype {
            req = req.header(header::CONTENT_TYPE, c);
        }
        let res = self
            .app
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, uri: &str) -> Reply {
        self.call(Method::GET, uri, None, None, vec![]).await
    }

    async fn post_json(&self, uri: &str, token: Option<&str>, body: &Value) -> Reply {
        self.call(
            Method::POST,
            uri,
            token,
            Some("application/json"),
            serde_json::to_vec(body).unwrap(),
        )
        .await
    }

    /// Store the example reports through the API.
    async fn fill(&self) -> Value {
        let r = self
            .post_json(
                "/api/v1/reports",
                Some(&self.analyst),
                &json!({"reports": example_reports()}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()
    }

    async fn first_event(&self) -> Value {
        let r = self.get("/api/v1/events?limit=1").await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["events"][0].clone()
    }
}

async fn sqlite() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("raqib.db").to_str().unwrap().to_string();
    Harness::open(db, Some(dir), None).await
}

async fn pg(name: &str) -> Option<Harness> {
    let url = std::env::var("RAQIB_TEST_PG_URL")
        .ok()
        .filter(|s| !s.is_empty())?;
    let schema = format!("serve_{}_{}", name, std::process::id() % 100_000);
    let (u, sc) = (url.clone(), schema.clone());
    blocking(move || {
        let mut c = ::postgres::Client::connect(&u, ::postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP SCHEMA IF EXISTS {sc} CASCADE"))
            .unwrap();
    })
    .await;
    let sep = if url.contains('?') { '&' } else { '?' };
    let db = format!("{url}{sep}schema={schema}");
    Some(Harness::open(db, None, Some(PgSchema { url, schema })).await)
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(h) = super::pg(stringify!($name)).await else {
                        eprintln!("skipped: RAQIB_TEST_PG_URL not set");
                        return;
                    };
                    super::$name(h).await;
                }
            )*
        }
    };
}

on_both_backends!(
    every_documented_endpoint_answers,
    reports_posted_are_coded_stored_and_readable,
    writes_need_an_analyst_token,
    malformed_input_is_refused_with_a_message,
    injection_strings_in_every_filter_do_no_harm,
    cursor_pagination_visits_every_event_once,
    corrections_are_audited_with_the_token_holder,
    pre_aggregated_counts_agree_with_the_store,
    exports_are_csv_and_geojson,
    summary_pages_list_the_same_events_in_fewer_bytes,
    cursor_pages_equal_the_store_order_for_every_filter,
);

/// Sample path values for the documented paths.
async fn sample_ids(h: &Harness) -> std::collections::HashMap<&'static str, String> {
    let mut m = std::collections::HashMap::new();
    let ev = h.first_event().await;
    m.insert("event", ev["event"]["id"].as_str().unwrap().to_string());
    m.insert("report", ev["report_id"].as_str().unwrap().to_string());
    for (kind, path) in [
        ("incident", "/api/v1/incidents"),
        ("agreement", "/api/v1/agreements"),
        ("evacuation", "/api/v1/evacuations"),
    ] {
        let r = h.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        if let Some(id) = r.json()["items"][0]["id"].as_str() {
            m.insert(kind, id.to_string());
        }
    }
    m
}

async fn every_documented_endpoint_answers(h: Harness) {
    h.fill().await;
    let doc = h.get("/openapi.json").await;
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.0.3");
    let ids = sample_ids(&h).await;
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 20, "{} paths documented", paths.len());
    for (path, ops) in paths {
        let concrete = if path.contains("{id}") {
            let kind = match path.split('/').nth(1).unwrap() {
                "events" => "event",
                "reports" => "report",
                "incidents" => "incident",
                "agreements" => "agreement",
                "evacuations" => "evacuation",
                other => panic!("no sample id for {other}"),
            };
            match ids.get(kind) {
                Some(id) => path.replace("{id}", id),
                None => continue, // nothing of that kind in the examples
            }
        } else {
            path.clone()
        };
        let uri = format!("/api/v1{concrete}");
        if ops.get("get").is_some() {
            let r = h.get(&uri).await;
            assert_eq!(r.status, 200, "GET {uri}: {}", r.text());
            r.json();
        }
        if ops.get("post").is_some() {
            // Without a token every write is refused, and it is routed (not 404/405).
            let r = h.post_json(&uri, None, &json!({})).await;
            assert_eq!(r.status, 401, "POST {uri}: {}", r.text());
        }
    }
    // And the pages.
    for (uri, mime) in [
        ("/", "text/html"),
        ("/api", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/vendor/d3/d3.min.js", "text/javascript"),
        (
            "/assets/vendor/world-atlas/countries-50m.json",
            "application/json",
        ),
        (
            "/assets/vendor/noto-naskh-arabic/noto-naskh-arabic-arabic-400-normal.woff2",
            "font/woff2",
        ),
    ] {
        let r = h.get(uri).await;
        assert_eq!(r.status, 200, "{uri}");
        let ct = r.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(ct.starts_with(mime), "{uri}: {ct}");
    }
}

async fn reports_posted_are_coded_stored_and_readable(h: Harness) {
    let out = h.fill().await;
    let n = example_reports().len() as u64;
    assert_eq!(out["stored"]["new"], n, "{out}");
    let events: u64 = out["stored"]["events"].as_u64().unwrap();
    assert!(events >= n, "expected events from every example: {out}");
    // Posting again stores nothing twice.
    let again = h.fill().await;
    assert_eq!(again["stored"]["unchanged"], n, "{again}");
    assert_eq!(again["stored"]["new"], 0);
    // Plain text with the fields in the query string.
    let r = h
        .call(
            Method::POST,
            "/api/v1/reports?id=plain-1&date=2018-04-08&lang=en&source=wire",
            Some(&h.analyst),
            Some("text/plain; charset=utf-8"),
            "Government forces shelled the town of Douma on Sunday, killing five civilians."
                .as_bytes()
                .to_vec(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let ids = r.json()["reports"][0]["events"].clone();
    assert!(!ids.as_array().unwrap().is_empty(), "{}", r.text());
    let id = ids[0].as_str().unwrap();
    let d = h.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(d.status, 200, "{}", d.text());
    let d = d.json();
    assert_eq!(d["report"]["id"], "plain-1");
    assert_eq!(d["source_chain"][0]["role"], "outlet");
    let ev = &d["evidence"];
    let text: Vec<char> = ev["text"].as_str().unwrap().chars().collect();
    let (a, b) = (
        ev["trigger_start"].as_u64().unwrap() as usize,
        ev["trigger_end"].as_u64().unwrap() as usize,
    );
    let trigger: String = text[a..b].iter().collect();
    assert_eq!(trigger, d["event"]["trigger"]["text"].as_str().unwrap());
    let rep = h.get("/api/v1/reports/plain-1").await;
    assert_eq!(rep.status, 200);
    assert_eq!(rep.json()["id"], "plain-1");
    // Arabic search: the examples have events in the Idlib countryside; harakat, alef form
    // and clitics vary.
    for q in ["إدلب", "ادلب", "وبإِدْلِب"] {
        let r = h.get(&format!("/api/v1/places?q={}", url_encode(q))).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let names: Vec<String> = r.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        assert!(
            names.iter().any(|n| n.contains("Idlib")),
            "{q}: expected an Idlib place among {names:?}"
        );
        assert!(
            !names.iter().any(|n| n.contains("Aleppo")),
            "{q}: {names:?}"
        );
    }
    let r = h
        .get("/api/v1/actors?q=%D8%A7%D9%84%D9%86%D8%B8%D8%A7%D9%85")
        .await; // النظام
    assert_eq!(r.status, 200);
    assert!(r.json()["total"].as_u64().unwrap() >= 1, "{}", r.text());
}

fn url_encode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn writes_need_an_analyst_token(h: Harness) {
    h.fill().await;
    let body = json!({"text": "Rebels shelled Aleppo.", "date": "2018-04-01", "lang": "en"});
    let r = h.post_json("/api/v1/reports", None, &body).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.headers.contains_key(header::WWW_AUTHENTICATE));
    assert!(r.error_message().contains("analyst"));
    let r = h.post_json("/api/v1/reports", Some(&h.reader), &body).await;
    assert_eq!(r.status, 403, "{}", r.text());
    let fake = format!("rq_{}", "0".repeat(64));
    let r = h.post_json("/api/v1/reports", Some(&fake), &body).await;
    assert_eq!(r.status, 401, "{}", r.text());
    let r = h
        .post_json("/api/v1/reports", Some("not-a-token"), &body)
        .await;
    assert_eq!(r.status, 401);
    let ev = h.first_event().await;
    let id = ev["event"]["id"].as_str().unwrap();
    for path in [
        format!("/api/v1/events/{id}/edits"),
        format!("/api/v1/events/{id}/review"),
    ] {
        let r = h
            .post_json(
                &path,
                Some(&h.reader),
                &json!({"state": "reviewed", "set": {}}),
            )
            .await;
        assert_eq!(r.status, 403, "{path}: {}", r.text());
    }
    // A revoked token stops working (a token never seen before, so not cached).
    let db = h.db.clone();
    let secret = blocking(move || {
        let mut s = open_api(&db).unwrap();
        let t = raqib_serve::tokens::create(&mut *s, TokenRole::Analyst, "gone").unwrap();
        assert!(s.revoke_token(&t.token.id).unwrap());
        t.secret
    })
    .await;
    let r = h.post_json("/api/v1/reports", Some(&secret), &body).await;
    assert_eq!(r.status, 401);
    assert!(r.error_message().contains("revoked"));
    // The analyst may write; nothing the refused calls sent was stored.
    let r = h.get("/api/v1/events?report=api-doesnotexist").await;
    assert_eq!(r.json()["events"].as_array().unwrap().len(), 0);
    let r = h
        .post_json("/api/v1/reports", Some(&h.analyst), &body)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let who = h
        .call(Method::GET, "/api/v1/whoami", Some(&h.reader), None, vec![])
        .await;
    assert_eq!(who.json()["role"], "reader");
}

/// A request and what must come back: method, URI, content type, body, status, a word of
/// the message.
type Case<'a> = (Method, String, Option<&'a str>, Vec<u8>, u16, &'a str);

async fn malformed_input_is_refused_with_a_message(h: Harness) {
    h.fill().await;
    let ev = h.first_event().await;
    let id = ev["event"]["id"].as_str().unwrap().to_string();
    let a = Some(h.analyst.as_str());
    let json_ct = Some("application/json");
    let cases: Vec<Case> = vec![
        (
            Method::GET,
            "/api/v1/events?plover=BOMBING".into(),
            None,
            vec![],
            400,
            "PLOVER",
        ),
        (
            Method::GET,
            "/api/v1/events?from=2018-02-31".into(),
            None,
            vec![],
            400,
            "YYYY-MM-DD",
        ),
        (
            Method::GET,
            "/api/v1/events?from=yesterday".into(),
            None,
            vec![],
            400,
            "YYYY-MM-DD",
        ),
        (
            Method::GET,
            "/api/v1/events?limit=0".into(),
            None,
            vec![],
            400,
            "limit",
        ),
        (
            Method::GET,
            "/api/v1/events?limit=99999999999999999999".into(),
            None,
            vec![],
            400,
            "limit",
        ),
        (
            Method::GET,
            "/api/v1/events?limit=-5".into(),
            None,
            vec![],
            400,
            "limit",
        ),
        (
            Method::GET,
            "/api/v1/events?cursor=zzz".into(),
            None,
            vec![],
            400,
            "cursor",
        ),
        (
            Method::GET,
            "/api/v1/events?bogus=1".into(),
            None,
            vec![],
            400,
            "unknown parameter",
        ),
        (
            Method::GET,
            "/api/v1/events?plover=ASSAULT&plover=PROTEST".into(),
            None,
            vec![],
            400,
            "twice",
        ),
        (
            Method::GET,
            "/api/v1/events?near=91,0".into(),
            None,
            vec![],
            400,
            "near",
        ),
        (
            Method::GET,
            "/api/v1/events?near=33,36&km=NaN".into(),
            None,
            vec![],
            400,
            "km",
        ),
        (
            Method::GET,
            "/api/v1/events?role=source".into(),
            None,
            vec![],
            400,
            "actor",
        ),
        (
            Method::GET,
            "/api/v1/events?format=xml".into(),
            None,
            vec![],
            400,
            "format",
        ),
        (
            Method::GET,
            "/api/v1/events?status=maybe".into(),
            None,
            vec![],
            400,
            "status",
        ),
        (
            Method::GET,
            "/api/v1/events?review=someday".into(),
            None,
            vec![],
            400,
            "review",
        ),
        (
            Method::GET,
            "/api/v1/events?main=perhaps".into(),
            None,
            vec![],
            400,
            "true or false",
        ),
        (
            Method::GET,
            format!("/api/v1/events?actor={}", "x".repeat(600)),
            None,
            vec![],
            400,
            "longer",
        ),
        (
            Method::GET,
            "/api/v1/events?from=%ZZ".into(),
            None,
            vec![],
            400,
            "",
        ),
        (
            Method::GET,
            "/api/v1/counts?by=week".into(),
            None,
            vec![],
            400,
            "by",
        ),
        (
            Method::GET,
            "/api/v1/incidents?limit=abc".into(),
            None,
            vec![],
            400,
            "limit",
        ),
        (
            Method::GET,
            "/api/v1/events/does-not-exist".into(),
            None,
            vec![],
            404,
            "no event",
        ),
        (
            Method::GET,
            "/api/v1/incidents/nope".into(),
            None,
            vec![],
            404,
            "no incident",
        ),
        (
            Method::GET,
            "/api/v1/nothing-here".into(),
            None,
            vec![],
            404,
            "no such endpoint",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"text\": ".to_vec(),
            400,
            "JSON",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"[1,2,3]".to_vec(),
            400,
            "object",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"txt\": \"a\"}".to_vec(),
            400,
            "unknown field",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"text\": \"\"}".to_vec(),
            400,
            "non-empty",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"text\": 5}".to_vec(),
            400,
            "invalid",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"text\": \"x\", \"date\": \"2018-02-30\"}".to_vec(),
            400,
            "date",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"text\": \"x\", \"lang\": \"fr\"}".to_vec(),
            400,
            "lang",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"reports\": []}".to_vec(),
            400,
            "no reports",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            b"{\"text\": \"a\\u0000b\"}".to_vec(),
            400,
            "NUL",
        ),
        (
            Method::GET,
            "/api/v1/reports/a%00b".into(),
            None,
            vec![],
            400,
            "NUL",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            Some("application/xml"),
            b"<r/>".to_vec(),
            415,
            "application/json",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            None,
            b"{}".to_vec(),
            415,
            "application/json",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            Some("text/plain"),
            vec![0xff, 0xfe, 0x00],
            400,
            "UTF-8",
        ),
        (
            Method::POST,
            "/api/v1/reports".into(),
            json_ct,
            vec![b' '; 5 << 20],
            413,
            "larger",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/edits"),
            json_ct,
            b"{\"set\": {\"colour\": \"red\"}}".to_vec(),
            400,
            "colour",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/edits"),
            json_ct,
            b"{\"set\": {}}".to_vec(),
            400,
            "empty",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/edits"),
            json_ct,
            b"{\"set\": {\"status\": \"certain\"}}".to_vec(),
            400,
            "status",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/edits"),
            json_ct,
            b"{\"set\": {\"status\": 3}}".to_vec(),
            400,
            "JSON",
        ),
        (
            Method::POST,
            "/api/v1/events/nope/edits".into(),
            json_ct,
            b"{\"set\": {\"status\": \"claimed\"}}".to_vec(),
            404,
            "no event",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/review"),
            json_ct,
            b"{\"state\": \"great\"}".to_vec(),
            400,
            "expected",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/review"),
            json_ct,
            b"{\"state\": \"published\"}".to_vec(),
            400,
            "cannot become",
        ),
        (
            Method::POST,
            format!("/api/v1/events/{id}/review"),
            json_ct,
            b"{\"state\": \"reviewed\", \"extra\": 1}".to_vec(),
            400,
            "unknown field",
        ),
    ];
    for (method, uri, ctype, body, want, needle) in cases {
        let r = h.call(method.clone(), &uri, a, ctype, body).await;
        let short: String = uri.chars().take(80).collect();
        assert_eq!(r.status.as_u16(), want, "{method} {short}: {}", r.text());
        let msg = r.error_message();
        assert!(!msg.is_empty(), "{short}");
        assert!(
            msg.contains(needle),
            "{method} {short}: message {msg:?} lacks {needle:?}"
        );
        assert!(!msg.contains("panicked") && !msg.contains("src/"), "{msg}");
    }
    // Wrong method: routed path, refused without a 5xx.
    let r = h
        .call(Method::DELETE, "/api/v1/events", a, None, vec![])
        .await;
    assert_eq!(r.status, 405);
}

const NASTY: &[&str] = &[
    "'; DROP TABLE events; --",
    "\" OR 1=1 --",
    "x' OR '1'='1",
    "%",
    "_",
    "\\",
    "?",
    "$1",
    "') UNION SELECT json FROM reports --",
    "ASSAULT' --",
    "2018-01-01' OR '1'='1",
    "1; SELECT pg_sleep(5)",
    "\u{0}",
];

async fn injection_strings_in_every_filter_do_no_harm(h: Harness) {
    h.fill().await;
    let before = h.get("/api/v1/stats").await.json()["store"].clone();
    let total = h.get("/api/v1/counts?by=type").await.json()["total"].clone();
    let mut params: Vec<&str> = raqib_serve_filter_params();
    params.extend(["cursor", "format", "limit", "by"]);
    for p in &params {
        for v in NASTY {
            let q = format!("{p}={}", url_encode(v));
            for path in ["/api/v1/events", "/api/v1/counts"] {
                let uri = format!("{path}?{q}");
                let r = h.get(&uri).await;
                assert!(
                    r.status == 200 || r.status == 400,
                    "{uri}: {} {}",
                    r.status,
                    r.text()
                );
                if r.status == 200 && path == "/api/v1/events" {
                    // Nothing of the store leaks through a value that matches nothing.
                    let n = r.json()["events"].as_array().map(|a| a.len()).unwrap_or(0);
                    if !["main", "all_versions", "limit", "km"].contains(p) {
                        assert_eq!(n, 0, "{uri} matched {n} events");
                    }
                }
            }
        }
    }
    for path in [
        "/api/v1/actors",
        "/api/v1/places",
        "/api/v1/incidents",
        "/api/v1/audit",
    ] {
        for v in NASTY {
            let key = if path.ends_with("audit") {
                "event"
            } else {
                "q"
            };
            let r = h.get(&format!("{path}?{key}={}", url_encode(v))).await;
            let want = if v.contains('\0') { 400 } else { 200 };
            assert_eq!(r.status, want, "{path} {v:?}: {}", r.text());
        }
    }
    for v in NASTY {
        let r = h.get(&format!("/api/v1/events/{}", url_encode(v))).await;
        assert!(r.status == 404 || r.status == 400, "{v:?}: {}", r.status);
    }
    let after = h.get("/api/v1/stats").await.json()["store"].clone();
    assert_eq!(before, after, "the store changed");
    assert_eq!(total, h.get("/api/v1/counts?by=type").await.json()["total"]);
    let db = h.db.clone();
    let problems = blocking(move || open_api(&db).unwrap().integrity_check().unwrap()).await;
    assert_eq!(problems, Vec::<String>::new());
}

fn raqib_serve_filter_params() -> Vec<&'static str> {
    vec![
        "from",
        "to",
        "plover",
        "cameo",
        "acled",
        "actor",
        "role",
        "place",
        "near",
        "km",
        "status",
        "outlet",
        "review",
        "report",
        "story",
        "main",
        "all_versions",
    ]
}

async fn cursor_pagination_visits_every_event_once(h: Harness) {
    h.fill().await;
    let all = h.get("/api/v1/events?limit=1000").await.json();
    let all: Vec<String> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"]["id"].as_str().unwrap().to_string())
        .collect();
    assert!(all.len() >= 5, "{}", all.len());
    let mut seen = Vec::new();
    let mut uri = "/api/v1/events?limit=2".to_string();
    for _ in 0..1000 {
        let r = h.get(&uri).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let page = r.json();
        for e in page["events"].as_array().unwrap() {
            seen.push(e["event"]["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/events?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, all, "pages in order, each event once");
    let total = h.get("/api/v1/counts").await.json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(total as usize, all.len());
}

/// Deep pages are read in parts (the cursor's day, the days before, the undated events);
/// walked two at a time they must give the store's own order for the whole filter.
async fn cursor_pages_equal_the_store_order_for_every_filter(h: Harness) {
    h.fill().await;
    // Undated events come last; a report with no date and no date in its text has some.
    let w = h
        .post_json(
            "/api/v1/reports",
            Some(&h.analyst),
            &json!({"text": "Rebels shelled Aleppo.", "lang": "en"}),
        )
        .await;
    assert_eq!(w.status, 201, "{}", w.text());
    for q in [
        "",
        "&plover=ASSAULT",
        "&from=2018-04-01",
        "&to=2018-04-07",
        "&from=2018-01-01&to=2018-12-31",
        "&main=true",
        "&status=asserted",
    ] {
        let filter_q = q.to_string();
        let db = h.db.clone();
        let want: Vec<String> = blocking(move || {
            let s = open_api(&db).unwrap();
            let mut p = std::collections::HashMap::new();
            for kv in filter_q
                .trim_start_matches('&')
                .split('&')
                .filter(|kv| !kv.is_empty())
            {
                let (k, v) = kv.split_once('=').unwrap();
                p.insert(k.to_string(), v.to_string());
            }
            let f = raqib_store::Filter {
                from: p.get("from").cloned(),
                to: p.get("to").cloned(),
                plover: p.get("plover").cloned(),
                status: p.get("status").cloned(),
                main_only: p.contains_key("main"),
                ..Default::default()
            };
            s.query_after(&f, None, 100_000)
                .unwrap()
                .into_iter()
                .map(|e| e.event.id)
                .collect()
        })
        .await;
        let mut seen = Vec::new();
        let mut uri = format!("/api/v1/events?limit=2{q}");
        for _ in 0..1000 {
            let r = h.get(&uri).await;
            assert_eq!(r.status, 200, "{}", r.text());
            let page = r.json();
            for e in page["events"].as_array().unwrap() {
                seen.push(e["event"]["id"].as_str().unwrap().to_string());
            }
            match page["next_cursor"].as_str() {
                Some(c) => uri = format!("/api/v1/events?limit=2{q}&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen, want, "filter {q:?}");
        if q.is_empty() {
            let undated = h.get("/api/v1/events?limit=1000").await.json()["events"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["date"].is_null())
                .count();
            assert!(undated > 0, "the test needs undated events");
        }
    }
}

async fn corrections_are_audited_with_the_token_holder(h: Harness) {
    h.fill().await;
    let ev = h.first_event().await;
    let id = ev["event"]["id"].as_str().unwrap().to_string();
    let r = h
        .post_json(
            &format!("/api/v1/events/{id}/edits"),
            Some(&h.analyst),
            &json!({"set": {"status": "claimed"}, "note": "the source is a party"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let d = h.get(&format!("/api/v1/events/{id}")).await.json();
    assert_eq!(d["event"]["status"], "claimed");
    assert_eq!(d["corrected"], json!(["status"]));
    let audit = d["audit"].as_array().unwrap();
    assert_eq!(audit[0]["field"], "status");
    assert!(
        audit[0]["user"].as_str().unwrap().starts_with("amira"),
        "{audit:?}"
    );
    let r = h
        .post_json(
            &format!("/api/v1/events/{id}/review"),
            Some(&h.analyst),
            &json!({"state": "reviewed"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let log = h
        .get(&format!("/api/v1/audit?event={}", url_encode(&id)))
        .await
        .json();
    assert_eq!(log.as_array().unwrap().len(), 2, "{log}");
    let q = h.get("/api/v1/events?review=reviewed").await.json();
    assert_eq!(q["events"][0]["event"]["id"], id.as_str());
    let queue = h.get("/api/v1/review-queue?limit=1000").await.json();
    assert!(queue
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["event"]["id"] != id.as_str()));
}

async fn pre_aggregated_counts_agree_with_the_store(h: Harness) {
    h.fill().await;
    let queries = [
        "by=day",
        "by=type",
        "by=place",
        "by=status",
        "by=day-type",
        "by=type&from=2018-01-01&to=2018-12-31",
        "by=day&plover=ASSAULT",
        "by=type&main=true",
        "by=place&status=asserted",
    ];
    let from_store: Vec<Value> = {
        let mut v = Vec::new();
        for q in queries {
            let r = h.get(&format!("/api/v1/counts?{q}")).await.json();
            assert_eq!(r["source"], "store", "{q}");
            v.push(r);
        }
        v
    };
    h.state.refresh_facets().await;
    for (q, want) in queries.iter().zip(from_store) {
        let got = h.get(&format!("/api/v1/counts?{q}")).await.json();
        assert_eq!(got["source"], "pre-aggregated", "{q}");
        assert_eq!(got["counts"], want["counts"], "{q}");
        assert_eq!(got["total"], want["total"], "{q}");
    }
    // A filter the pre-aggregates cannot answer goes to the store.
    let r = h.get("/api/v1/counts?by=type&actor=SYR").await.json();
    assert_eq!(r["source"], "store");
    // A write makes them stale: counts come from the store until rebuilt.
    let body =
        json!({"text": "Rebels shelled Aleppo on Monday.", "date": "2018-04-02", "lang": "en"});
    let before = h.get("/api/v1/counts?by=type").await.json()["total"]
        .as_u64()
        .unwrap();
    let w = h
        .post_json("/api/v1/reports", Some(&h.analyst), &body)
        .await;
    assert_eq!(w.status, 201, "{}", w.text());
    let added = w.json()["stored"]["events"].as_u64().unwrap();
    let r = h.get("/api/v1/counts?by=type").await.json();
    assert_eq!(r["source"], "store");
    assert_eq!(r["total"].as_u64().unwrap(), before + added);
}

async fn exports_are_csv_and_geojson(h: Harness) {
    h.fill().await;
    let r = h.get("/api/v1/events?format=csv&limit=3").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = r.text();
    assert!(
        text.lines().next().unwrap().contains("event_date"),
        "{text}"
    );
    assert!(r.headers.contains_key("x-next-cursor"));
    let g = h.get("/api/v1/events?format=geojson&limit=1000").await;
    assert_eq!(g.status, 200);
    let g = g.json();
    assert_eq!(g["type"], "FeatureCollection");
    assert!(!g["features"].as_array().unwrap().is_empty());
}

async fn summary_pages_list_the_same_events_in_fewer_bytes(h: Harness) {
    h.fill().await;
    for q in [
        "limit=3",
        "limit=1000",
        "limit=2&plover=ASSAULT",
        "limit=5&main=true",
    ] {
        let full = h.get(&format!("/api/v1/events?{q}")).await;
        let summary = h.get(&format!("/api/v1/events?{q}&fields=summary")).await;
        assert_eq!(summary.status, 200, "{}", summary.text());
        assert!(
            summary.body.len() * 3 < full.body.len(),
            "{q}: summary {} bytes, full {}",
            summary.body.len(),
            full.body.len()
        );
        let (full, summary) = (full.json(), summary.json());
        assert_eq!(full["next_cursor"], summary["next_cursor"], "{q}");
        assert_eq!(full["limit"], summary["limit"], "{q}");
        let (fe, se) = (
            full["events"].as_array().unwrap(),
            summary["events"].as_array().unwrap(),
        );
        assert_eq!(fe.len(), se.len(), "{q}");
        for (f, s) in fe.iter().zip(se) {
            for k in ["key", "date", "report_id", "outlet", "review"] {
                assert_eq!(f[k], s[k], "{q}: {k}");
            }
            for k in ["id", "plover", "status", "main", "confidence"] {
                assert_eq!(f["event"][k], s["event"][k], "{q}: event.{k}");
            }
            for side in ["source", "target"] {
                let names = |v: &Value| -> Vec<Value> {
                    v[side]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| json!([a["name"], a["code"], a["id"]]))
                        .collect()
                };
                assert_eq!(names(&f["event"]), names(&s["event"]), "{q}: {side}");
            }
            let places = |v: &Value| -> Vec<Value> {
                v["location"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| json!([p["name"], p["lat"], p["lon"]]))
                    .collect()
            };
            assert_eq!(places(&f["event"]), places(&s["event"]), "{q}: location");
            assert!(s["event"].get("evidence").is_none() && s["event"].get("trigger").is_none());
        }
    }
    // A summary cursor walks the same pages.
    let first = h.get("/api/v1/events?limit=2&fields=summary").await.json();
    let c = first["next_cursor"].as_str().unwrap();
    let next = h
        .get(&format!("/api/v1/events?limit=2&cursor={c}"))
        .await
        .json();
    let next_s = h
        .get(&format!("/api/v1/events?limit=2&cursor={c}&fields=summary"))
        .await
        .json();
    assert_eq!(
        next["events"][0]["event"]["id"],
        next_s["events"][0]["event"]["id"]
    );
    for bad in [
        "fields=all",
        "fields=summary&format=csv",
        "fields=summary&fields=full",
    ] {
        let r = h.get(&format!("/api/v1/events?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(
            r.error_message().contains("fields"),
            "{bad}: {}",
            r.error_message()
        );
    }
}

// ---- Server-level behaviour (one backend is enough) ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_misses_of_one_key_compute_it_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let h = sqlite().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (state, runs) = (h.state.clone(), Arc::clone(&runs));
        tasks.push(tokio::spawn(async move {
            state
                .respond("test-key".into(), || async move {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    Ok((bytes::Bytes::from_static(b"made once"), true))
                })
                .await
                .unwrap()
        }));
    }
    for t in tasks {
        assert_eq!(&t.await.unwrap()[..], b"made once");
    }
    assert_eq!(
        runs.load(Ordering::SeqCst),
        1,
        "one computation for 20 requests"
    );
    // Kept: the next request is a cache hit.
    let again = h
        .state
        .respond("test-key".into(), || async { panic!("recomputed") })
        .await
        .unwrap();
    assert_eq!(&again[..], b"made once");
    // A store change makes it stale.
    h.state.store_changed();
    let fresh = h
        .state
        .respond("test-key".into(), || async {
            Ok((bytes::Bytes::from_static(b"new"), false))
        })
        .await
        .unwrap();
    assert_eq!(&fresh[..], b"new");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboards_opening_views_are_ready_after_a_change() {
    let h = sqlite().await;
    h.fill().await;
    h.state.refresh_facets().await;
    for key in [
        "events?fields=summary&limit=1000",
        "events?fields=summary&limit=100",
        "events?",
        "counts?by=type",
        "counts?by=day-type",
    ] {
        assert!(h.state.cached(key).is_none(), "{key} before");
    }
    h.state.prepare_views().await;
    // The dashboard's own query strings (parameters in its order) find them.
    for (uri, key) in [
        (
            "/api/v1/events?limit=1000&fields=summary",
            "events?fields=summary&limit=1000",
        ),
        (
            "/api/v1/events?limit=100&fields=summary",
            "events?fields=summary&limit=100",
        ),
        ("/api/v1/events", "events?"),
        ("/api/v1/counts?by=type", "counts?by=type"),
        ("/api/v1/counts?by=day-type", "counts?by=day-type"),
    ] {
        let kept = h
            .state
            .cached(key)
            .unwrap_or_else(|| panic!("{key} prepared"));
        let r = h.get(uri).await;
        assert_eq!(r.status, 200, "{uri}");
        assert_eq!(r.body, kept.to_vec(), "{uri}");
    }
    // The same parameters in another order share the cached answer.
    let a = h.get("/api/v1/events?limit=3&plover=ASSAULT").await;
    let b = h.get("/api/v1/events?plover=ASSAULT&limit=3").await;
    assert_eq!(a.body, b.body);
    assert!(h.state.cached("events?limit=3&plover=ASSAULT").is_some());
    // A write makes them stale.
    let w = h
        .post_json(
            "/api/v1/reports",
            Some(&h.analyst),
            &json!({"text": "Rebels shelled Aleppo on Monday.", "date": "2018-04-02", "lang": "en"}),
        )
        .await;
    assert_eq!(w.status, 201, "{}", w.text());
    assert!(h.state.cached("events?fields=summary&limit=1000").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiter_takes_over_when_the_first_request_is_dropped_or_fails() {
    let h = sqlite().await;
    let state = h.state.clone();
    // The first request starts the computation and is dropped (its client went away).
    let leader = tokio::spawn(async move {
        state
            .respond("k".into(), || async {
                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                Ok((bytes::Bytes::from_static(b"never"), true))
            })
            .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let state = h.state.clone();
    let waiter = tokio::spawn(async move {
        state
            .respond("k".into(), || async {
                Ok((bytes::Bytes::from_static(b"second"), true))
            })
            .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    leader.abort();
    let got = tokio::time::timeout(std::time::Duration::from_secs(5), waiter)
        .await
        .expect("the waiter finished")
        .unwrap()
        .unwrap();
    assert_eq!(&got[..], b"second");
    // A failure is not shared or kept: the next request computes again.
    let err = h
        .state
        .respond("e".into(), || async {
            Err(raqib_serve::error::ApiError::internal("boom"))
        })
        .await;
    assert!(err.is_err());
    let ok = h
        .state
        .respond("e".into(), || async {
            Ok((bytes::Bytes::from_static(b"ok"), true))
        })
        .await
        .unwrap();
    assert_eq!(&ok[..], b"ok");
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let h = sqlite().await;
    for uri in [
        "/",
        "/api",
        "/openapi.json",
        "/api/v1/events",
        "/api/v1/nope",
        "/assets/app.css",
        "/nope",
    ] {
        let r = h.get(uri).await;
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{uri}"
        );
        assert!(!csp.contains("unsafe-inline"), "{uri}");
        assert_eq!(
            r.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{uri}"
        );
        assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        assert_eq!(r.headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
        assert!(
            !r.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn static_assets_cannot_be_escaped() {
    let h = sqlite().await;
    for uri in [
        "/assets/../Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/vendor/../../src/lib.rs",
        "/assets/vendor/..%2f..%2fsrc%2flib.rs",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets/..\\..\\Cargo.toml",
        "/assets/app.js%00.png",
        "/../../etc/passwd",
        "/assets/",
    ] {
        let r = h.get(uri).await;
        assert!(r.status == 404 || r.status == 400, "{uri}: {}", r.status);
        let t = r.text();
        assert!(
            !t.contains("[package]") && !t.contains("root:") && !t.contains("#![deny"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn cors_is_closed_unless_configured() {
    let h = sqlite().await;
    let req = |origin: &str| {
        Request::builder()
            .uri("/api/v1/events")
            .header(header::ORIGIN, origin)
            .body(Body::empty())
            .unwrap()
    };
    let r = h
        .app
        .clone()
        .oneshot(req("https://evil.example"))
        .await
        .unwrap();
    assert!(!r
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db").to_str().unwrap().to_string();
    let h = Harness::with_config(db, Some(dir), None, |c| {
        c.cors_origins = vec!["https://monitor.example".into()];
    })
    .await;
    let r = h
        .app
        .clone()
        .oneshot(req("https://monitor.example"))
        .await
        .unwrap();
    assert_eq!(
        r.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://monitor.example"
    );
    let r = h
        .app
        .clone()
        .oneshot(req("https://evil.example"))
        .await
        .unwrap();
    assert!(!r
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

#[tokio::test]
async fn rate_limit_is_per_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db").to_str().unwrap().to_string();
    let h = Harness::with_config(db, Some(dir), None, |c| {
        c.rate_per_sec = 1;
        c.rate_burst = 3;
    })
    .await;
    for _ in 0..3 {
        let r = h
            .call(Method::GET, "/api/v1/whoami", Some(&h.reader), None, vec![])
            .await;
        assert_eq!(r.status, 200);
    }
    let r = h
        .call(Method::GET, "/api/v1/whoami", Some(&h.reader), None, vec![])
        .await;
    assert_eq!(r.status, 429);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(r.error_message().contains("too many"));
    let r = h
        .call(
            Method::GET,
            "/api/v1/whoami",
            Some(&h.analyst),
            None,
            vec![],
        )
        .await;
    assert_eq!(r.status, 200, "another token has its own budget");
}

#[tokio::test]
async fn reads_can_require_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db").to_str().unwrap().to_string();
    let h = Harness::with_config(db, Some(dir), None, |c| c.auth_reads = true).await;
    let r = h.get("/api/v1/events").await;
    assert_eq!(r.status, 401);
    let r = h
        .call(Method::GET, "/api/v1/events", Some(&h.reader), None, vec![])
        .await;
    assert_eq!(r.status, 200);
    // The dashboard page itself still loads (it asks for a token).
    assert_eq!(h.get("/").await.status, 200);
}
