//! `/events`: the stored events with `raqib query`'s filters, cursor pagination, JSON, ACLED
//! CSV or GeoJSON; `/events/{id}`: one event with its evidence, source chain and history.

use axum::extract::{Path, State};
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use raqib_core::Actor;
use raqib_store::api::Cursor;
use raqib_store::export::{self, Format};
use raqib_store::{AuditEntry, Page, ReportVersion, StoredEvent};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::params::{encode_cursor, Params, FILTER_PARAMS};
use crate::security::Caller;
use crate::state::AppState;

/// Most events in one JSON page.
pub const MAX_JSON_PAGE: u64 = 1000;
/// Most events in one CSV or GeoJSON page.
pub const MAX_EXPORT_PAGE: u64 = 10_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events", get(list))
        .route("/events/{id}", get(detail))
}

#[derive(Serialize)]
struct EventPage {
    events: Vec<StoredEvent>,
    next_cursor: Option<String>,
    limit: u64,
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Response> {
    caller.require_read()?;
    let mut p = Params::parse(uri.query(), FILTER_PARAMS, &["limit", "cursor", "format"])?;
    let filter = p.filter();
    let format = p.choice("format", &["json", "csv", "geojson"], "json");
    let max = if format == "json" {
        MAX_JSON_PAGE
    } else {
        MAX_EXPORT_PAGE
    };
    let limit = p.uint("limit", 50, max);
    let cursor = p.cursor();
    p.finish()?;
    // Pages are the same for every caller until the store changes.
    let key = format!("events?{}", uri.query().unwrap_or(""));
    if format == "json" {
        if let Some(body) = state.cached(&key) {
            return Ok(json_response(body));
        }
    }
    // One more than asked tells whether there is a next page.
    let mut events = state
        .pool
        .read(move |s| Ok(s.query_after(&filter, cursor.as_ref(), limit + 1)?))
        .await?;
    let next_cursor = if events.len() as u64 > limit {
        events.truncate(limit as usize);
        events.last().map(|e| {
            encode_cursor(&Cursor {
                date: e.date.clone(),
                key: e.key,
            })
        })
    } else {
        None
    };
    match format {
        "json" => {
            let body = serde_json::to_vec(&EventPage {
                events,
                next_cursor,
                limit,
            })
            .map_err(ApiError::internal)?;
            let body = bytes::Bytes::from(body);
            state.cache(key, body.clone());
            Ok(json_response(body))
        }
        fmt => {
            let (f, mime) = if fmt == "csv" {
                (Format::Csv, "text/csv; charset=utf-8")
            } else {
                (Format::GeoJson, "application/geo+json")
            };
            let mut buf = Vec::new();
            {
                let mut sink = export::sink(f, Box::new(&mut buf));
                for e in &events {
                    sink.write(e)?;
                }
                sink.finish()?;
            }
            let mut res = ([(header::CONTENT_TYPE, mime)], buf).into_response();
            if let Some(c) = next_cursor.and_then(|c| c.parse().ok()) {
                res.headers_mut().insert("x-next-cursor", c);
            }
            Ok(res)
        }
    }
}

/// A JSON body already serialized.
pub(crate) fn json_response(body: bytes::Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// One link of the chain a claim travels: the outlet, then each speaker, outermost first.
#[derive(Serialize)]
struct ChainLink {
    role: &'static str,
    name: String,
    code: Option<String>,
    id: Option<String>,
}

#[derive(Serialize)]
struct EventDetail {
    #[serde(flatten)]
    stored: StoredEvent,
    /// The evidence sentence with the trigger's character offsets inside it.
    evidence: Evidence,
    /// Outlet → relaying speakers → innermost speaker.
    source_chain: Vec<ChainLink>,
    denied_by: Vec<Actor>,
    report: ReportInfo,
    versions: Vec<ReportVersion>,
    audit: Vec<AuditEntry>,
}

#[derive(Serialize)]
struct Evidence {
    text: String,
    /// Character offsets of the sentence in the report text.
    start: usize,
    end: usize,
    /// Character offsets of the trigger inside `text`.
    trigger_start: usize,
    trigger_end: usize,
}

#[derive(Serialize)]
struct ReportInfo {
    id: String,
    date: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    url: Option<String>,
    outlet: Option<Actor>,
}

async fn detail(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    uri: Uri,
) -> ApiResult<Json<serde_json::Value>> {
    caller.require_read()?;
    Params::parse(uri.query(), &[], &[])?.finish()?;
    crate::params::check_path_id(&id)?;
    let out = state
        .pool
        .read(move |s| {
            let Some(stored) = s.event(&id)? else {
                return Err(ApiError::not_found(format!("no event {id:?}")));
            };
            let report = s.report(&stored.report_id)?;
            let versions = s.report_versions(&stored.report_id)?;
            let audit = s.audit_log(
                Some(&id),
                &Page {
                    limit: 100,
                    offset: 0,
                },
            )?;
            Ok((stored, report, versions, audit))
        })
        .await?;
    let (stored, report, versions, audit) = out;
    let e = &stored.event;
    let ev_start = e.evidence.span.start;
    let sentence_chars = e.evidence.text.chars().count();
    let clamp = |x: usize| x.saturating_sub(ev_start).min(sentence_chars);
    let evidence = Evidence {
        text: e.evidence.text.clone(),
        start: e.evidence.span.start,
        end: e.evidence.span.end,
        trigger_start: clamp(e.trigger.span.start),
        trigger_end: clamp(e.trigger.span.end),
    };
    let mut chain = vec![ChainLink {
        role: "outlet",
        name: report
            .as_ref()
            .and_then(|r| r.outlet.as_ref().map(|o| o.name.clone()))
            .or_else(|| stored.outlet.clone())
            .unwrap_or_else(|| "unknown outlet".into()),
        code: report
            .as_ref()
            .and_then(|r| r.outlet.as_ref().map(|o| o.code.clone())),
        id: report
            .as_ref()
            .and_then(|r| r.outlet.as_ref().and_then(|o| o.id.clone())),
    }];
    let n = e.attribution.len();
    for (i, a) in e.attribution.iter().enumerate() {
        chain.push(ChainLink {
            role: if i + 1 == n { "speaker" } else { "relay" },
            name: a.name.clone(),
            code: Some(a.code.clone()),
            id: a.id.clone(),
        });
    }
    let report_info = ReportInfo {
        id: stored.report_id.clone(),
        date: stored.report_date.clone(),
        lang: report.as_ref().map(|r| r.lang.clone()),
        source: stored.outlet.clone(),
        url: stored.url.clone(),
        outlet: report.as_ref().and_then(|r| r.outlet.clone()),
    };
    let denied_by = e.denied_by.clone();
    let detail = EventDetail {
        stored,
        evidence,
        source_chain: chain,
        denied_by,
        report: report_info,
        versions,
        audit,
    };
    serde_json::to_value(detail)
        .map(Json)
        .map_err(ApiError::internal)
}
