//! Synthetic coded reports for benchmarks and load tests, generated on the fly (never stored
//! in the repository): realistic shapes — several events per report, actors in several roles,
//! Syrian places with coordinates, dates over two years, a share of near-duplicate copies
//! and of revised articles — from a seeded generator, so runs are repeatable.

use raqib_core::{
    Acled, Actor, Coder, DateRef, Event, Evidence, Place, Plover, Quantity, Report, Span, Status,
    Trigger,
};
use sha2::{Digest, Sha256};

/// A small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// One of the items.
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// Places: name, admin1, lat, lon.
pub const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Douma", "Rif Dimashq", 33.571, 36.402),
    ("Harasta", "Rif Dimashq", 33.558, 36.365),
    ("Jobar", "Damascus", 33.530, 36.330),
    ("Damascus", "Damascus", 33.513, 36.292),
    ("Aleppo", "Aleppo", 36.202, 37.134),
    ("Idlib", "Idlib", 35.930, 36.633),
    ("Maarrat al-Numan", "Idlib", 35.643, 36.675),
    ("Saraqib", "Idlib", 35.864, 36.806),
    ("Homs", "Homs", 34.733, 36.717),
    ("Rastan", "Homs", 34.927, 36.733),
    ("Hama", "Hama", 35.135, 36.755),
    ("Daraa", "Daraa", 32.625, 36.106),
    ("Raqqa", "Ar-Raqqa", 35.950, 39.010),
    ("Deir ez-Zor", "Deir ez-Zor", 35.336, 40.141),
    ("Al-Bukamal", "Deir ez-Zor", 34.453, 40.936),
    ("Manbij", "Aleppo", 36.528, 37.955),
    ("Afrin", "Aleppo", 36.512, 36.869),
    ("Jarablus", "Aleppo", 36.817, 38.011),
    ("Qamishli", "Al-Hasakeh", 37.052, 41.231),
    ("Latakia", "Lattakia", 35.523, 35.792),
];

/// Actors: code, name, id.
pub const ACTORS: &[(&str, &str, Option<&str>)] = &[
    ("SYRGOVMIL", "Syrian Army", Some("syrian-army")),
    ("SYRGOV", "Syrian government", Some("syrian-government")),
    ("RUSMIL", "Russian forces", Some("russian-forces")),
    ("SYRREB", "Jaish al-Islam", Some("jaish-al-islam")),
    ("SYRREB", "Faylaq al-Rahman", Some("faylaq-al-rahman")),
    ("SYRINS", "Hayat Tahrir al-Sham", Some("hts")),
    ("IMGINS", "Islamic State", Some("isis")),
    ("SYRCVL", "civilians", None),
    ("TURMIL", "Turkish forces", Some("turkish-forces")),
    ("SYRREB", "Syrian Democratic Forces", Some("sdf")),
    ("IGO", "United Nations", Some("un")),
    ("SYRMED", "SANA", Some("sana")),
    (
        "GBRNGO",
        "Syrian Observatory for Human Rights",
        Some("sohr"),
    ),
];

/// Event types: PLOVER, CAMEO, ACLED type, ACLED sub-type, mode.
pub const TYPES: &[(Plover, &str, &str, &str, Option<&str>)] = &[
    (
        Plover::Assault,
        "195",
        "Explosions/Remote violence",
        "Air/drone strike",
        Some("aerial"),
    ),
    (
        Plover::Assault,
        "194",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        Some("heavy-weapons"),
    ),
    (
        Plover::Assault,
        "190",
        "Battles",
        "Armed clash",
        Some("firearms"),
    ),
    (
        Plover::Retreat,
        "0874",
        "Strategic developments",
        "Non-violent transfer of territory",
        Some("withdraw"),
    ),
    (
        Plover::Agree,
        "057",
        "Strategic developments",
        "Agreement",
        None,
    ),
    (Plover::Protest, "141", "Protests", "Peaceful protest", None),
    (
        Plover::Accuse,
        "112",
        "Strategic developments",
        "Other",
        None,
    ),
    (
        Plover::Threaten,
        "138",
        "Strategic developments",
        "Other",
        None,
    ),
    (Plover::Aid, "073", "Strategic developments", "Other", None),
];

const WORDS: &[&str] = &[
    "forces",
    "shelled",
    "town",
    "killing",
    "civilians",
    "rebels",
    "said",
    "sources",
    "local",
    "district",
    "eastern",
    "western",
    "northern",
    "southern",
    "countryside",
    "government",
    "opposition",
    "fighters",
    "buses",
    "evacuation",
    "agreement",
    "ceasefire",
    "violated",
    "reported",
    "monitor",
    "observatory",
    "wounded",
    "market",
    "hospital",
    "school",
    "road",
    "checkpoint",
    "villages",
    "advance",
    "withdrew",
    "positions",
    "airstrikes",
    "artillery",
    "mortar",
    "rockets",
    "residential",
    "neighbourhood",
    "statement",
    "ministry",
    "spokesman",
    "accused",
    "denied",
    "claimed",
    "operation",
    "military",
    "convoy",
    "aid",
    "humanitarian",
    "crossing",
    "border",
    "displaced",
    "families",
    "camp",
    "talks",
    "negotiations",
];

fn sha(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn actor(rng: &mut Rng) -> Actor {
    let (code, name, id) = *rng.pick(ACTORS);
    Actor {
        name: name.into(),
        code: code.into(),
        id: id.map(Into::into),
        text: Some(name.into()),
        span: Some(Span::new(0, name.chars().count())),
    }
}

fn date(day0: i64, rng: &mut Rng) -> (String, i64) {
    let base = chrono::NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
    let d = day0 + rng.below(3) as i64;
    let s = (base + chrono::Duration::days(d))
        .format("%Y-%m-%d")
        .to_string();
    (s, d)
}

fn text(rng: &mut Rng, words: usize) -> String {
    let mut t = String::new();
    for i in 0..words {
        if i > 0 {
            t.push(if i % 17 == 0 { '.' } else { ' ' });
            if i % 17 == 0 {
                t.push(' ');
            }
        }
        let w = rng.pick::<&str>(WORDS);
        t.push_str(w);
    }
    t.push('.');
    t
}

/// One synthetic coded report with `events` events.
pub fn report(rng: &mut Rng, id: &str, text: String, day0: i64, events: usize) -> Report {
    let (rdate, _) = date(day0, rng);
    let mut evs = Vec::with_capacity(events);
    for k in 0..events {
        let (plover, cameo, at, ast, mode) = *rng.pick(TYPES);
        let (pn, a1, lat, lon) = *rng.pick(PLACES);
        let (edate, _) = date(day0 - 2, rng);
        let n_src = 1 + rng.below(2);
        let status = *rng.pick(&[
            Status::Asserted,
            Status::Asserted,
            Status::Claimed,
            Status::Disputed,
            Status::Intended,
        ]);
        let attribution = if status == Status::Asserted {
            vec![]
        } else {
            vec![actor(rng)]
        };
        let denied_by = if status == Status::Disputed {
            vec![actor(rng)]
        } else {
            vec![]
        };
        let killed = rng.below(30) as u64;
        evs.push(Event {
            id: format!("{id}-e{k}"),
            trigger: Trigger {
                text: "shelled".into(),
                span: Span::new(10 * k, 10 * k + 7),
            },
            plover,
            mode: mode.map(Into::into),
            cameo: cameo.into(),
            acled: Acled {
                event_type: at.into(),
                sub_event_type: ast.into(),
            },
            source: (0..n_src).map(|_| actor(rng)).collect(),
            target: vec![actor(rng)],
            symmetric: rng.below(10) == 0,
            location: vec![Place {
                name: pn.into(),
                names: vec![],
                id: Some(format!("geo-{}", pn.to_lowercase().replace(' ', "-"))),
                lat: Some(lat + (rng.unit() - 0.5) * 0.02),
                lon: Some(lon + (rng.unit() - 0.5) * 0.02),
                country: Some("SYR".into()),
                admin1: Some(a1.into()),
                admin2: None,
                feature: Some("city".into()),
                precision: 1,
                inferred: rng.below(4) == 0,
                text: Some(pn.into()),
                span: Some(Span::new(0, 5)),
            }],
            date: Some(DateRef {
                value: Some(edate),
                precision: "day".into(),
                from: None,
                to: None,
                inferred: false,
                text: Some("yesterday".into()),
                span: Some(Span::new(0, 9)),
            }),
            status,
            attribution,
            denied_by,
            quantities: if killed > 0 && plover == Plover::Assault {
                vec![Quantity {
                    what: "killed".into(),
                    value: killed,
                    ordinal: false,
                    approx: false,
                    at_least: rng.below(3) == 0,
                    text: Some(format!("{killed} people")),
                    span: Some(Span::new(0, 9)),
                }]
            } else {
                vec![]
            },
            main: rng.below(4) != 0,
            confidence: (rng.unit() * 100.0).round() / 100.0,
            evidence: Evidence {
                span: Span::new(0, 80),
                text: text.chars().take(160).collect(),
            },
        });
    }
    Report {
        id: id.into(),
        date: Some(rdate),
        lang: "en".into(),
        source: Some((*rng.pick(&["SANA", "Reuters", "AFP", "Enab Baladi", "SOHR"])).into()),
        url: Some(format!("https://example.invalid/{id}")),
        text_sha256: sha(&text),
        coder: Coder {
            raqib: raqib_core::VERSION.into(),
            lexicon: "synthetic".into(),
        },
        events: evs,
        agreements: vec![],
        evacuations: vec![],
        skipped: vec![],
        text,
        structure: Default::default(),
        outlet: None,
        sentences: None,
        error: None,
    }
}

/// `n` reports of about `events_per_report` events each (between half and twice as many),
/// spread over two years. About 1 in 10 is a near-duplicate copy of an earlier report (the
/// same story from another outlet with small edits) and about 1 in 50 a revised version of an
/// earlier report id.
pub fn reports(seed: u64, n: usize, events_per_report: usize) -> Vec<Report> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<Report> = Vec::with_capacity(n);
    for i in 0..n {
        let day0 = (i * 730 / n.max(1)) as i64 + 2;
        let ne = (events_per_report / 2).max(1) + rng.below(events_per_report * 3 / 2 + 1);
        if i > 10 && rng.below(10) == 0 {
            let j = rng.below(i);
            let w = *rng.pick(WORDS);
            let t = format!("{} (copy) {w}", out[j].text);
            out.push(report(&mut rng, &format!("s{seed}-r{i}"), t, day0, ne));
        } else if i > 10 && rng.below(50) == 0 {
            let j = rng.below(i);
            let id = out[j].id.clone();
            let t = format!("{} Updated: {}", out[j].text, text(&mut rng, 12));
            out.push(report(&mut rng, &id, t, day0, ne));
        } else {
            let len = 60 + rng.below(60);
            let t = text(&mut rng, len);
            out.push(report(&mut rng, &format!("s{seed}-r{i}"), t, day0, ne));
        }
    }
    out
}
