//! Normalized rows derived from a coded report: what the query tables hold.
//!
//! Shared by both backends so they index exactly the same facts.

use raqib_core::{Event, Report};

use crate::error::Context;
use crate::Result;

/// The normalized columns of one event (corrections already applied).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventCols {
    pub date: Option<String>,
    pub date_from_report: bool,
    pub date_precision: Option<String>,
    pub plover: String,
    pub mode: Option<String>,
    pub cameo: String,
    pub acled_type: String,
    pub acled_sub: String,
    pub status: String,
    pub symmetric: bool,
    pub main: bool,
    pub confidence: f64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub place: Option<String>,
    pub place_id: Option<String>,
    pub geo_precision: Option<i64>,
    pub fatalities: Option<i64>,
    pub actors: Vec<ActorRow>,
    pub places: Vec<PlaceRow>,
}

/// One actor of an event in one role.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ActorRow {
    pub role: &'static str,
    pub pos: i64,
    pub actor_id: Option<String>,
    pub code: String,
    pub name: String,
}

/// One place of an event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlaceRow {
    pub pos: i64,
    pub place_id: Option<String>,
    pub name: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub name_lc: String,
    pub admin1_lc: Option<String>,
    pub admin2_lc: Option<String>,
    pub place_id_lc: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The number of an actor role in SQLite's `role_postings` (migrations 7 and 10).
pub(crate) fn role_code(role: &str) -> Option<i64> {
    match role {
        "source" => Some(0),
        "target" => Some(1),
        "attribution" => Some(2),
        "denier" => Some(3),
        _ => None,
    }
}

impl ActorRow {
    /// Its `actor_keys` pair: the code and the id (`''` without one).
    pub fn code_id(&self) -> (&str, &str) {
        (&self.code, self.actor_id.as_deref().unwrap_or(""))
    }

    /// The registry key of the actor: its id, else its code and name.
    pub fn key(&self) -> String {
        match &self.actor_id {
            Some(id) => format!("id:{id}"),
            None => format!("code:{}:{}", self.code, self.name),
        }
    }
}

impl EventCols {
    /// The `event_actors` rows: `(key, role, pos)`, key the code or `@` and the id.
    pub fn actor_keys(&self) -> Vec<(String, &'static str, i64)> {
        let mut out = Vec::with_capacity(self.actors.len() * 2);
        for a in &self.actors {
            out.push((a.code.clone(), a.role, a.pos));
            if let Some(id) = &a.actor_id {
                out.push((format!("@{id}"), a.role, a.pos));
            }
        }
        out
    }

    /// The `event_places` terms: distinct lower-cased names, admin areas and ids.
    pub fn place_terms(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::with_capacity(self.places.len() * 3);
        for p in &self.places {
            let terms = [
                Some(&p.name_lc),
                p.admin1_lc.as_ref(),
                p.admin2_lc.as_ref(),
                p.place_id_lc.as_ref(),
            ];
            for t in terms.into_iter().flatten() {
                if !t.is_empty() && !out.contains(&t.as_str()) {
                    out.push(t);
                }
            }
        }
        out
    }
}

impl PlaceRow {
    /// The registry key of the place: its id, else its name and country.
    pub fn key(&self) -> String {
        match &self.place_id {
            Some(id) => format!("id:{id}"),
            None => format!(
                "name:{}:{}",
                self.name_lc,
                self.country.as_deref().unwrap_or("")
            ),
        }
    }
}

/// A valid `YYYY-MM-DD`, or `None`.
pub(crate) fn day(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    let d = s.get(..10)?;
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    Some(d.to_string())
}

/// Derive the columns of an event of a report.
pub(crate) fn event_cols(report: &Report, e: &Event) -> EventCols {
    let event_day = e
        .date
        .as_ref()
        .and_then(|d| day(d.value.as_deref()).or_else(|| day(d.from.as_deref())));
    let (date, date_from_report) = match event_day {
        Some(d) => (Some(d), false),
        None => (day(report.date.as_deref()), true),
    };
    let first = e.location.first();
    let mut actors = Vec::new();
    for (role, list) in [
        ("source", &e.source),
        ("target", &e.target),
        ("attribution", &e.attribution),
        ("denier", &e.denied_by),
    ] {
        for (i, a) in list.iter().enumerate() {
            actors.push(ActorRow {
                role,
                pos: i as i64,
                actor_id: a.id.clone(),
                code: a.code.to_ascii_uppercase(),
                name: a.name.clone(),
            });
        }
    }
    let places = e
        .location
        .iter()
        .enumerate()
        .map(|(i, p)| PlaceRow {
            pos: i as i64,
            place_id: p.id.clone(),
            name: p.name.clone(),
            admin1: p.admin1.clone(),
            admin2: p.admin2.clone(),
            name_lc: p.name.to_lowercase(),
            admin1_lc: p.admin1.as_ref().map(|s| s.to_lowercase()),
            admin2_lc: p.admin2.as_ref().map(|s| s.to_lowercase()),
            place_id_lc: p.id.as_ref().map(|s| s.to_lowercase()),
            country: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
        })
        .collect();
    EventCols {
        date,
        date_from_report,
        date_precision: e.date.as_ref().map(|d| d.precision.clone()),
        plover: e.plover.as_str().to_string(),
        mode: e.mode.clone(),
        cameo: e.cameo.clone(),
        acled_type: e.acled.event_type.clone(),
        acled_sub: e.acled.sub_event_type.clone(),
        status: e.status.as_str().to_string(),
        symmetric: e.symmetric,
        main: e.main,
        confidence: if e.confidence.is_finite() {
            e.confidence
        } else {
            0.0
        },
        lat: first.and_then(|p| p.lat).filter(|v| v.is_finite()),
        lon: first.and_then(|p| p.lon).filter(|v| v.is_finite()),
        country: first.and_then(|p| p.country.clone()),
        admin1: first.and_then(|p| p.admin1.clone()),
        admin2: first.and_then(|p| p.admin2.clone()),
        place: first.map(|p| p.name.clone()),
        place_id: first.and_then(|p| p.id.clone()),
        geo_precision: first.map(|p| p.precision as i64),
        fatalities: e
            .quantities
            .iter()
            .filter(|q| q.what == "killed")
            .map(|q| q.value.min(i64::MAX as u64) as i64)
            .min(),
        actors,
        places,
    }
}

/// The report JSON as stored: the whole contract object without its events (they are stored
/// one row each and put back on read).
///
/// Every field is named (no `..`), so a field added to the contract fails to compile here
/// rather than being silently dropped.
pub(crate) fn report_json(r: &Report) -> Result<String> {
    let Report {
        id,
        date,
        lang,
        source,
        url,
        text_sha256,
        coder,
        events: _,
        agreements,
        evacuations,
        skipped,
        text,
        structure,
        outlet,
        sentences,
        error,
    } = r;
    let shell = Report {
        id: id.clone(),
        date: date.clone(),
        lang: lang.clone(),
        source: source.clone(),
        url: url.clone(),
        text_sha256: text_sha256.clone(),
        coder: coder.clone(),
        events: Vec::new(),
        agreements: agreements.clone(),
        evacuations: evacuations.clone(),
        skipped: skipped.clone(),
        text: text.clone(),
        structure: structure.clone(),
        outlet: outlet.clone(),
        sentences: sentences.clone(),
        error: error.clone(),
    };
    serde_json::to_string(&shell).ctx("serializing a report")
}

/// An event's JSON as stored.
pub(crate) fn event_json(e: &Event) -> Result<String> {
    serde_json::to_string(e).ctx("serializing an event")
}

/// An event row as read, before corrections are applied.
#[derive(Debug, Clone)]
pub(crate) struct RawEvent {
    pub ek: i64,
    pub json: String,
    pub date: Option<String>,
    pub date_from_report: bool,
    pub report_id: String,
    pub version: i64,
    pub report_date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub story_id: String,
    pub review: Option<String>,
    pub superseded: bool,
    pub corrected: bool,
}

/// The columns [`RawEvent`] is read from, in order (`e` events, `r` reports).
pub(crate) const RAW_EVENT_COLUMNS: &str = "e.ek, e.json, e.date, e.date_from_report, \
    e.report_id, r.version, r.date, r.source, r.url, e.story_id, \
    (SELECT v.state FROM review v WHERE v.event_id = e.event_id), r.superseded, e.corrected";

impl RawEvent {
    /// The stored event, with `corrections` (`(field, value)` in order) applied.
    pub fn finish(self, corrections: &[(String, String)]) -> Result<crate::StoredEvent> {
        let mut event: Event = serde_json::from_str(&self.json).ctx("reading a stored event")?;
        let mut corrected = Vec::new();
        for (f, v) in corrections {
            if crate::overlay::apply(&mut event, f, v).is_ok() && !corrected.contains(f) {
                corrected.push(f.clone());
            }
        }
        Ok(crate::StoredEvent {
            key: self.ek,
            event,
            date: self.date,
            date_from_report: self.date_from_report,
            report_id: self.report_id,
            report_version: self.version,
            report_date: self.report_date,
            outlet: self.source,
            url: self.url,
            story_id: self.story_id,
            review: self
                .review
                .as_deref()
                .and_then(crate::ReviewState::parse)
                .unwrap_or_default(),
            superseded: self.superseded,
            corrected,
        })
    }
}

/// Put a report back together: its stored JSON and its events in order.
pub(crate) fn assemble(json: &str, events: Vec<Event>) -> Result<Report> {
    let mut r: Report = serde_json::from_str(json).ctx("reading a stored report")?;
    r.events = events;
    Ok(r)
}
