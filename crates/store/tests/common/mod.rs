//! Small hand-written fixtures for the store tests, and the backend factories.
#![allow(dead_code)]

use raqib_core::{
    Acled, Actor, Agreement, Coder, DateRef, Evacuation, Event, Evidence, Place, Plover, Quantity,
    Report, Span, Status, Term, Trigger,
};
use raqib_store::EventStore;

pub fn actor(code: &str, name: &str, id: Option<&str>) -> Actor {
    Actor {
        name: name.into(),
        code: code.into(),
        id: id.map(Into::into),
        text: Some(name.into()),
        span: Some(Span::new(0, 3)),
    }
}

pub fn place(name: &str, admin1: &str, lat: f64, lon: f64) -> Place {
    Place {
        name: name.into(),
        names: vec![format!("{name}-alt")],
        id: Some(format!("geo-{}", name.to_lowercase())),
        lat: Some(lat),
        lon: Some(lon),
        country: Some("SYR".into()),
        admin1: Some(admin1.into()),
        admin2: None,
        feature: Some("city".into()),
        precision: 1,
        inferred: false,
        text: Some(name.into()),
        span: Some(Span::new(10, 15)),
    }
}

pub fn day(d: &str) -> DateRef {
    DateRef {
        value: Some(d.into()),
        precision: "day".into(),
        from: None,
        to: None,
        inferred: false,
        text: Some("Friday".into()),
        span: Some(Span::new(20, 26)),
    }
}

/// An ASSAULT by government forces on Douma, 2018-04-06, unless changed.
pub fn event(id: &str) -> Event {
    Event {
        id: id.into(),
        trigger: Trigger {
            text: "shelled".into(),
            span: Span::new(5, 12),
        },
        plover: Plover::Assault,
        mode: Some("heavy-weapons".into()),
        cameo: "195".into(),
        acled: Acled {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Shelling/artillery/missile attack".into(),
        },
        source: vec![actor("SYRGOVMIL", "Syrian Army", Some("syrian-army"))],
        target: vec![actor("SYRCVL", "civilians", None)],
        symmetric: false,
        location: vec![place("Douma", "Rif Dimashq", 33.571, 36.402)],
        date: Some(day("2018-04-06")),
        status: Status::Asserted,
        attribution: vec![],
        denied_by: vec![],
        quantities: vec![Quantity {
            what: "killed".into(),
            value: 12,
            ordinal: false,
            approx: false,
            at_least: true,
            text: Some("at least twelve".into()),
            span: Some(Span::new(30, 45)),
        }],
        main: true,
        confidence: 0.8,
        evidence: Evidence {
            span: Span::new(0, 60),
            text: "Government forces shelled Douma on Friday, killing at least twelve civilians."
                .into(),
        },
    }
}

pub fn sha(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(text.as_bytes()))
}

pub fn report(id: &str, text: &str, source: &str, events: Vec<Event>) -> Report {
    Report {
        id: id.into(),
        date: Some("2018-04-07".into()),
        lang: "en".into(),
        source: Some(source.into()),
        url: Some(format!("https://example.invalid/{id}")),
        text_sha256: sha(text),
        coder: Coder {
            raqib: "0.1.0".into(),
            lexicon: "2026-01-01".into(),
        },
        events,
        agreements: vec![],
        evacuations: vec![],
        skipped: vec![],
        text: text.into(),
        structure: Default::default(),
        outlet: None,
        sentences: None,
        error: None,
    }
}

/// A report carrying an agreement and an evacuation too.
pub fn rich_report(id: &str) -> Report {
    let mut r = report(
        id,
        &format!("{STORY_A} {id}"),
        "SANA",
        vec![event(&format!("{id}-e1"))],
    );
    r.agreements.push(Agreement {
        name: "Douma evacuation deal".into(),
        parties: vec![actor("SYRREB", "Jaish al-Islam", Some("jaish-al-islam"))],
        mediators: vec![actor("RUSMIL", "Russian military", None)],
        terms: vec![Term {
            kind: "evacuation".into(),
            text: "fighters leave for Jarablus".into(),
            span: Span::new(1, 5),
        }],
        status: "implementing".into(),
        location: vec![place("Douma", "Rif Dimashq", 33.571, 36.402)],
        events: vec![format!("{id}-e1")],
        date: None,
        claimed_by: vec![],
        denied_by: vec![],
        evidence: None,
    });
    r.evacuations.push(Evacuation {
        group: vec![actor("SYRREB", "Jaish al-Islam", Some("jaish-al-islam"))],
        who: vec!["fighters".into(), "families".into()],
        origin: vec![place("Douma", "Rif Dimashq", 33.571, 36.402)],
        destinations: vec![place("Jarablus", "Aleppo", 36.817, 38.011)],
        batches_completed: Some(3),
        batches: vec![],
        status: "ongoing".into(),
        agreement: Some(0),
        totals: vec![],
        date: None,
        attribution: vec![],
    });
    r
}

/// A wire story (long enough for near-duplicate detection).
pub const STORY_A: &str = "Government forces shelled the town of Douma in Eastern Ghouta on \
    Friday, killing at least twelve civilians and wounding dozens more, according to local \
    medical sources. The shelling came a day after rebels fired rockets at residential districts \
    of the capital. Residents said the bombardment continued into the night and that several \
    buildings collapsed near the main market, where rescue workers searched for survivors under \
    the rubble until the early morning hours.";

/// The same story as republished by another outlet, with small edits.
pub fn story_a_copy() -> String {
    format!(
        "DAMASCUS (AFP) - {} Reporting by our correspondent.",
        STORY_A
            .replace("twelve", "13")
            .replace("dozens more", "many others")
            .replace("Friday", "Friday morning")
    )
}

/// An unrelated story.
pub const STORY_B: &str = "The United Nations envoy met opposition delegates in Geneva on \
    Tuesday to discuss a new round of talks on a political transition, a prisoner exchange and \
    humanitarian access to besieged areas, his office said in a statement after the meeting, \
    which lasted more than three hours and ended without an agreement on the next steps.";

/// Strings that would do harm if spliced into SQL.
pub const NASTY: &[&str] = &[
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
];

/// A fresh SQLite store in a temporary directory (kept alive by the returned guard).
pub fn sqlite_store() -> (tempfile::TempDir, Box<dyn EventStore>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raqib.db");
    let s = raqib_store::open(path.to_str().unwrap()).unwrap();
    (dir, s)
}

/// The PostgreSQL URL of the tests, when set.
pub fn pg_url() -> Option<String> {
    std::env::var("RAQIB_TEST_PG_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A fresh PostgreSQL store in its own schema, dropped first if a previous run left it.
pub fn pg_store(name: &str) -> Option<PgGuard> {
    let url = pg_url()?;
    let schema = format!("t_{}_{}", name, std::process::id() % 100_000);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let store = raqib_store::open(&format!("{url}{sep}schema={schema}")).unwrap();
    Some(PgGuard {
        url,
        schema,
        store: Some(store),
    })
}

/// Drops the test schema when the test ends.
pub struct PgGuard {
    url: String,
    schema: String,
    pub store: Option<Box<dyn EventStore>>,
}

impl Drop for PgGuard {
    fn drop(&mut self) {
        self.store = None;
        if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}
