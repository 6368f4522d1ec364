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
struct EventPage<T> {
    events: Vec<T>,
    next_cursor: Option<String>,
    limit: u64,
}

/// What the table and the map show of an event (`fields=summary`): its id, type, status,
/// date, sides and places, without the evidence, the trigger, the quantities or the mention
/// offsets. A page of these is about a tenth of the full page; it keeps the full page's shape
/// (`event.plover`, `event.location[].lat`...), so a client reads either the same way.
#[derive(Serialize)]
struct SummaryEvent<'a> {
    key: i64,
    date: Option<&'a str>,
    report_id: &'a str,
    outlet: Option<&'a str>,
    review: &'a raqib_store::ReviewState,
    event: SummaryCore<'a>,
}

#[derive(Serialize)]
struct SummaryCore<'a> {
    id: &'a str,
    plover: &'a raqib_core::Plover,
    status: &'a raqib_core::Status,
    main: bool,
    confidence: f64,
    source: Vec<SummaryActor<'a>>,
    target: Vec<SummaryActor<'a>>,
    location: Vec<SummaryPlace<'a>>,
}

#[derive(Serialize)]
struct SummaryActor<'a> {
    name: &'a str,
    code: &'a str,
    id: Option<&'a str>,
}

#[derive(Serialize)]
struct SummaryPlace<'a> {
    name: &'a str,
    id: Option<&'a str>,
    country: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
}

fn summary_actors(v: &[Actor]) -> Vec<SummaryActor<'_>> {
    v.iter()
        .map(|a| SummaryActor {
            name: &a.name,
            code: &a.code,
            id: a.id.as_deref(),
        })
        .collect()
}

fn summary(s: &StoredEvent) -> SummaryEvent<'_> {
    let e = &s.event;
    SummaryEvent {
        key: s.key,
        date: s.date.as_deref(),
        report_id: &s.report_id,
        outlet: s.outlet.as_deref(),
        review: &s.review,
        event: SummaryCore {
            id: &e.id,
            plover: &e.plover,
            status: &e.status,
            main: e.main,
            confidence: e.confidence,
            source: summary_actors(&e.source),
            target: summary_actors(&e.target),
            location: e
                .location
                .iter()
                .map(|p| SummaryPlace {
                    name: &p.name,
                    id: p.id.as_deref(),
                    country: p.country.as_deref(),
                    lat: p.lat,
                    lon: p.lon,
                })
                .collect(),
        },
    }
}

/// One page of events and the cursor after it (`limit` asked, one more read to know).
fn page_of(mut events: Vec<StoredEvent>, limit: u64) -> (Vec<StoredEvent>, Option<String>) {
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
    (events, next_cursor)
}

/// A parsed `/events` request.
struct ListRequest {
    filter: raqib_store::Filter,
    format: &'static str,
    summary: bool,
    limit: u64,
    cursor: Option<Cursor>,
    /// The cache key: the parameters in a fixed order.
    key: String,
}

fn parse_list(query: Option<&str>) -> ApiResult<ListRequest> {
    let mut p = Params::parse(
        query,
        FILTER_PARAMS,
        &["limit", "cursor", "format", "fields"],
    )?;
    let filter = p.filter();
    let format = p.choice("format", &["json", "csv", "geojson"], "json");
    let fields = p.choice("fields", &["full", "summary"], "full");
    if fields != "full" && format != "json" {
        p.error(format!("fields={fields} applies to JSON pages only"));
    }
    let max = if format == "json" {
        MAX_JSON_PAGE
    } else {
        MAX_EXPORT_PAGE
    };
    let limit = p.uint("limit", 50, max);
    let cursor = p.cursor();
    p.finish()?;
    Ok(ListRequest {
        filter,
        format,
        summary: fields == "summary",
        limit,
        cursor,
        key: p.key("events"),
    })
}

/// Make (or find) the JSON page of `/events?{query}` ahead of any request for it.
pub(crate) async fn prepare(state: &AppState, query: &str) -> ApiResult<()> {
    json_page(state, parse_list(Some(query))?).await.map(drop)
}

/// A JSON page. Pages are the same for every caller until the store changes: one query per
/// page however many ask at once, then a copy from memory. Serializing runs with the query,
/// on a blocking thread.
async fn json_page(state: &AppState, r: ListRequest) -> ApiResult<bytes::Bytes> {
    let ListRequest {
        filter,
        summary: as_summary,
        limit,
        cursor,
        key,
        ..
    } = r;
    let st = state.clone();
    state
        .respond(key, || async move {
            let body = st
                .pool
                .read(move |s| {
                    let events = crate::pages::query_after(s, &filter, cursor.as_ref(), limit + 1)?;
                    let (events, next_cursor) = page_of(events, limit);
                    let body = if as_summary {
                        serde_json::to_vec(&EventPage {
                            events: events.iter().map(summary).collect(),
                            next_cursor,
                            limit,
                        })
                    } else {
                        serde_json::to_vec(&EventPage {
                            events,
                            next_cursor,
                            limit,
                        })
                    };
                    Ok(bytes::Bytes::from(body.map_err(ApiError::internal)?))
                })
                .await?;
            Ok((body, true))
        })
        .await
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> ApiResult<Response> {
    caller.require_read()?;
    let r = parse_list(uri.query())?;
    if r.format == "json" {
        return Ok(json_response(json_page(&state, r).await?));
    }
    let ListRequest {
        filter,
        format,
        limit,
        cursor,
        ..
    } = r;
    let (f, mime) = if format == "csv" {
        (Format::Csv, "text/csv; charset=utf-8")
    } else {
        (Format::GeoJson, "application/geo+json")
    };
    // Exports are not cached (up to 10,000 events); written on the blocking thread too.
    let (buf, next_cursor) = state
        .pool
        .read(move |s| {
            let events = crate::pages::query_after(s, &filter, cursor.as_ref(), limit + 1)?;
            let (events, next_cursor) = page_of(events, limit);
            let mut buf = Vec::new();
            {
                let mut sink = export::sink(f, Box::new(&mut buf));
                for e in &events {
                    sink.write(e)?;
                }
                sink.finish()?;
            }
            Ok((buf, next_cursor))
        })
        .await?;
    let mut res = ([(header::CONTENT_TYPE, mime)], buf).into_response();
    if let Some(c) = next_cursor.and_then(|c| c.parse().ok()) {
        res.headers_mut().insert("x-next-cursor", c);
    }
    Ok(res)
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
