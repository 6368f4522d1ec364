//! Synthetic coded reports for benchmarks and property tests, generated on the fly from a seed.
//!
//! The shape follows real reporting: real-world events happen at places in a few countries
//! over some years, and each is told by one to four reports, with the noise reports have (a
//! date a day off or left to context, a neighbouring place, a different speaker, figures that
//! differ); a share of reports speak of local agreements and evacuations, batch by batch.

use raqib_core::{
    Acled, Actor, Agreement, Batch, Coder, DateRef, Evacuation, Event, Evidence, Place, Plover,
    Quantity, Report, Span, Status, Term, Trigger,
};

use crate::features::day_string;

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

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

const COUNTRIES: &[(&str, f64, f64)] = &[
    ("SYR", 32.5, 35.8),
    ("IRQ", 31.0, 40.0),
    ("YEM", 13.0, 43.0),
    ("LBY", 27.0, 12.0),
    ("SDN", 12.0, 24.0),
    ("MLI", 13.0, -8.0),
];

/// Days the synthetic world spans.
pub const DAYS: i32 = 1100;
const FIRST_DAY: i32 = 16_800; // 2015-12-30
const PLACES_PER_COUNTRY: usize = 400;
const GROUPS_PER_COUNTRY: usize = 12;

struct World {
    places: Vec<Place>,
}

fn world() -> World {
    let mut rng = Rng::new(7);
    let mut places = Vec::new();
    for (c, lat0, lon0) in COUNTRIES {
        for i in 0..PLACES_PER_COUNTRY {
            let lat = lat0 + (rng.below(6000) as f64) / 1000.0;
            let lon = lon0 + (rng.below(6000) as f64) / 1000.0;
            let admin1 = format!("{c}-A{}", (lat - lat0) as i32 * 6 + (lon - lon0) as i32);
            places.push(Place {
                name: format!("{c} town {i}"),
                names: vec![],
                id: Some(format!("synth:{c}:{i}")),
                lat: Some(lat),
                lon: Some(lon),
                country: Some((*c).to_string()),
                admin1: Some(admin1),
                admin2: None,
                feature: Some("town".into()),
                precision: 1,
                inferred: false,
                text: Some(format!("town {i}")),
                span: Some(Span::new(0, 4)),
            });
        }
    }
    World { places }
}

fn actor(country: &str, role: &str, id: Option<String>) -> Actor {
    Actor {
        name: id.clone().unwrap_or_else(|| format!("{country}{role}")),
        code: format!("{country}{role}"),
        id,
        text: Some(role.to_lowercase()),
        span: Some(Span::new(0, 3)),
    }
}

fn day_ref(day: i32, inferred: bool) -> DateRef {
    DateRef {
        value: Some(day_string(day)),
        precision: "day".into(),
        from: None,
        to: None,
        inferred,
        text: Some("yesterday".into()),
        span: Some(Span::new(0, 9)),
    }
}

fn qty(what: &str, value: u64, ordinal: bool) -> Quantity {
    Quantity {
        what: what.into(),
        value,
        ordinal,
        approx: false,
        at_least: false,
        text: Some(value.to_string()),
        span: Some(Span::new(0, 2)),
    }
}

const TYPES: &[(Plover, &str, u32)] = &[
    (Plover::Assault, "heavy-weapons", 40),
    (Plover::Assault, "aerial", 20),
    (Plover::Coerce, "arrest", 8),
    (Plover::Consult, "", 8),
    (Plover::Protest, "", 6),
    (Plover::Retreat, "withdraw", 5),
    (Plover::Accuse, "", 5),
    (Plover::Threaten, "", 4),
    (Plover::Mobilize, "troops", 4),
];

/// A real-world event behind several reports' events.
#[derive(Clone)]
struct Truth {
    day: i32,
    place: usize,
    plover: Plover,
    mode: &'static str,
    source: Actor,
    target: Actor,
    killed: u64,
}

fn truth(rng: &mut Rng, w: &World, day: i32) -> Truth {
    let total: u32 = TYPES.iter().map(|t| t.2).sum();
    let mut r = rng.below(total as usize) as u32;
    let mut ty = TYPES[0];
    for t in TYPES {
        if r < t.2 {
            ty = *t;
            break;
        }
        r -= t.2;
    }
    let place = rng.below(w.places.len());
    let c = w.places[place].country.clone().unwrap_or_default();
    let rebel = || format!("group-{c}-{}", place % GROUPS_PER_COUNTRY);
    let (source, target) = if rng.chance(0.5) {
        (actor(&c, "MIL", None), actor(&c, "REB", Some(rebel())))
    } else {
        (actor(&c, "REB", Some(rebel())), actor(&c, "GOVMIL", None))
    };
    Truth {
        day,
        place,
        plover: ty.0,
        mode: ty.1,
        source,
        target,
        killed: rng.below(30) as u64,
    }
}

fn tell(rng: &mut Rng, w: &World, t: &Truth, report_id: &str, k: usize, report_day: i32) -> Event {
    let mut place = w.places[t.place].clone();
    if rng.chance(0.1) {
        place.inferred = true;
    }
    let date = if rng.chance(0.15) {
        None
    } else {
        let off = if rng.chance(0.1) { 1 } else { 0 };
        Some(day_ref(t.day + off, rng.chance(0.2)))
    };
    let c = place.country.clone().unwrap_or_default();
    let attribution = if rng.chance(0.5) {
        vec![actor(&c, "MIL", Some(format!("army-{c}")))]
    } else if rng.chance(0.5) {
        vec![actor("GBR", "NGO", Some("monitor".into()))]
    } else {
        vec![]
    };
    let source = if rng.chance(0.1) {
        vec![]
    } else {
        vec![t.source.clone()]
    };
    let mut quantities = Vec::new();
    if t.plover == Plover::Assault && t.killed > 0 {
        let v = if rng.chance(0.3) {
            t.killed + rng.below(5) as u64
        } else {
            t.killed
        };
        quantities.push(qty("killed", v, false));
    }
    let status = if attribution.is_empty() {
        Status::Asserted
    } else {
        Status::Claimed
    };
    Event {
        id: format!("{report_id}:e{k}"),
        trigger: Trigger {
            text: "struck".into(),
            span: Span::new(0, 6),
        },
        plover: t.plover,
        mode: (!t.mode.is_empty()).then(|| t.mode.to_string()),
        cameo: "190".into(),
        acled: Acled {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Shelling/artillery/missile attack".into(),
        },
        source,
        target: vec![t.target.clone()],
        symmetric: false,
        location: vec![place],
        date,
        status,
        attribution,
        denied_by: vec![],
        quantities,
        main: k == 0,
        confidence: 0.8,
        evidence: Evidence {
            span: Span::new(0, 40),
            text: format!("report {report_day} event {k}"),
        },
    }
}

/// `n` synthetic reports (ids `s{seed}-{i}`), in publication order.
pub fn reports(seed: u64, n: usize) -> Vec<Report> {
    let w = world();
    let mut rng = Rng::new(seed);
    let per_day = (n as f64 / f64::from(DAYS)).max(1.0);
    // Real-world events of the last days, still being reported.
    let mut recent: Vec<Truth> = Vec::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let day = FIRST_DAY + (i as f64 / per_day) as i32;
        recent.retain(|t| t.day >= day - 1);
        let id = format!("s{seed}-{i}");
        let k = 2 + rng.below(6);
        let mut events = Vec::with_capacity(k);
        for j in 0..k {
            // Half the time a real-world event already told, else a new one.
            let t = if !recent.is_empty() && rng.chance(0.5) {
                recent[rng.below(recent.len())].clone()
            } else {
                let d = day - rng.below(2) as i32;
                let t = truth(&mut rng, &w, d);
                recent.push(t.clone());
                t
            };
            events.push(tell(&mut rng, &w, &t, &id, j, day));
        }
        let place = w.places[events[0].location[0].id.as_deref().map_or(0, |s| {
            s.rsplit(':')
                .next()
                .and_then(|x| x.parse::<usize>().ok())
                .unwrap_or(0)
        }) % w.places.len()]
        .clone();
        let c = place.country.clone().unwrap_or_default();
        let group = actor(
            &c,
            "REB",
            Some(format!("group-{c}-{}", rng.below(GROUPS_PER_COUNTRY))),
        );
        let mut agreements = Vec::new();
        let mut evacuations = Vec::new();
        if rng.chance(0.05) {
            let statuses = [
                "negotiating",
                "agreed",
                "implementing",
                "stalled",
                "completed",
            ];
            agreements.push(Agreement {
                name: "agreement".into(),
                parties: vec![group.clone(), actor(&c, "GOV", None)],
                mediators: vec![actor("RUS", "MIL", None)],
                terms: vec![Term {
                    kind: "evacuation".into(),
                    text: "leave".into(),
                    span: Span::new(0, 5),
                }],
                status: statuses[rng.below(statuses.len())].into(),
                location: vec![place.clone()],
                events: vec![],
                date: None,
                claimed_by: vec![],
                denied_by: vec![],
                evidence: None,
            });
        }
        if rng.chance(0.03) {
            let ord = 1 + rng.below(5) as u32;
            evacuations.push(Evacuation {
                group: vec![group],
                who: vec!["fighters".into(), "families".into()],
                origin: vec![place.clone()],
                destinations: vec![w.places[rng.below(w.places.len())].clone()],
                batches_completed: Some(ord.saturating_sub(1)),
                batches: vec![Batch {
                    ordinal: ord,
                    status: "departed".into(),
                    date: Some(day_ref(day, false)),
                    people: Some(qty("people", 500 + rng.below(1000) as u64, false)),
                    fighters: None,
                    buses: Some(qty("buses", 10 + rng.below(30) as u64, false)),
                }],
                status: "ongoing".into(),
                agreement: None,
                totals: vec![],
                date: None,
                attribution: vec![],
            });
        }
        out.push(Report {
            id: id.clone(),
            date: Some(day_string(day)),
            lang: "en".into(),
            source: Some("synthetic".into()),
            url: None,
            text_sha256: format!("{seed:016x}{i:016x}"),
            coder: Coder {
                raqib: "synthetic".into(),
                lexicon: "synthetic".into(),
            },
            events,
            agreements,
            evacuations,
            skipped: vec![],
            text: String::new(),
            structure: Default::default(),
            outlet: None,
            sentences: None,
            error: None,
        });
    }
    out
}
