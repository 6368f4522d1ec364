//! `POST /reports`: submit reports for coding (analysts only). JSON (one report, or
//! `{"reports": [...]}`) or plain text with the report's fields in the query string. The
//! reports are coded with raqib-extract and stored in one transaction, so a report answered
//! with 201 is stored, and one whose request failed is not stored at all.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use raqib_core::InputReport;
use raqib_extract::CodeOptions;
use raqib_store::IngestStats;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{body_bytes, content_type, parse_json};
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::security::Caller;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", post(submit))
        .route("/reports/{id}", get(report))
}

/// One report to code, strictly: unknown fields are refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportIn {
    id: Option<String>,
    text: Option<String>,
    html: Option<String>,
    date: Option<String>,
    source: Option<String>,
    lang: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch {
    reports: Vec<ReportIn>,
}

#[derive(Serialize)]
struct Submitted {
    stored: IngestStats,
    reports: Vec<SubmittedReport>,
}

#[derive(Serialize)]
struct SubmittedReport {
    id: String,
    events: Vec<String>,
    agreements: usize,
    evacuations: usize,
}

fn check(r: ReportIn, i: usize) -> Result<InputReport, String> {
    let at = |m: String| format!("report {i}: {m}");
    let fields = [&r.id, &r.text, &r.html, &r.date, &r.source, &r.lang, &r.url];
    if fields
        .iter()
        .any(|f| f.as_deref().is_some_and(|v| v.contains('\0')))
    {
        return Err(at("NUL characters are not allowed in a report".into()));
    }
    if r.text.as_deref().map_or(true, |t| t.trim().is_empty())
        && r.html.as_deref().map_or(true, |t| t.trim().is_empty())
    {
        return Err(at("needs a non-empty \"text\" or \"html\"".into()));
    }
    if let Some(d) = &r.date {
        if d.len() != 10 || raqib_lexicon::dates::parse_iso(d).is_none() {
            return Err(at(format!("date {d:?} is not of the form YYYY-MM-DD")));
        }
    }
    if let Some(l) = &r.lang {
        if !["ar", "en", "other"].contains(&l.as_str()) {
            return Err(at(format!("lang {l:?}: expected ar, en or other")));
        }
    }
    if let Some(id) = &r.id {
        if id.trim().is_empty() || id.len() > 200 || id.chars().any(char::is_control) {
            return Err(at(
                "id must have 1 to 200 bytes and no control characters".into()
            ));
        }
    }
    let id = r.id.clone().unwrap_or_else(|| {
        let mut h = Sha256::new();
        h.update(r.text.as_deref().unwrap_or(""));
        h.update(r.html.as_deref().unwrap_or(""));
        format!("api-{}", &hex::encode(h.finalize())[..16])
    });
    Ok(InputReport {
        id: Some(id),
        text: r.text,
        html: r.html,
        date: r.date,
        source: r.source,
        lang: r.lang,
        url: r.url,
    })
}

async fn submit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> ApiResult<(StatusCode, Json<Submitted>)> {
    caller.require_write()?;
    let ctype = content_type(&headers);
    let inputs: Vec<ReportIn> =
        if ctype.as_deref() == Some("text/plain") {
            let p = Params::parse(uri.query(), &["id", "date", "source", "lang", "url"], &[])?;
            p.finish()?;
            let bytes = body_bytes(&state, body).await?;
            let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
                ApiError::bad_request(format!(
                    "the text is not valid UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ))
            })?;
            vec![ReportIn {
                id: p.str("id"),
                text: Some(text),
                html: None,
                date: p.str("date"),
                source: p.str("source"),
                lang: p.str("lang"),
                url: p.str("url"),
            }]
        } else {
            Params::parse(uri.query(), &[], &[])?.finish()?;
            let bytes = body_bytes(&state, body).await?;
            let value: serde_json::Value = parse_json(&headers, &bytes)?;
            let bad = |e: serde_json::Error| ApiError::bad_request(format!("invalid report: {e}"));
            match value {
                serde_json::Value::Object(m) if m.contains_key("reports") => {
                    serde_json::from_value::<Batch>(serde_json::Value::Object(m))
                        .map_err(bad)?
                        .reports
                }
                v @ serde_json::Value::Object(_) => {
                    vec![serde_json::from_value::<ReportIn>(v).map_err(bad)?]
                }
                _ => return Err(ApiError::bad_request(
                    "expected a JSON object: one report {\"text\": ...} or {\"reports\": [...]}",
                )),
            }
        };
    if inputs.is_empty() {
        return Err(ApiError::bad_request("no reports given"));
    }
    let max = state.config.max_reports_per_request;
    if inputs.len() > max {
        return Err(ApiError::bad_request(format!(
            "{} reports in one request; at most {max}",
            inputs.len()
        )));
    }
    let inputs = inputs
        .into_iter()
        .enumerate()
        .map(|(i, r)| check(r, i))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::bad_request)?;
    let coder = state.coder()?;
    let reports = tokio::task::spawn_blocking(move || {
        inputs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                coder
                    .code(r, &CodeOptions::default())
                    .map_err(|e| format!("report {i}: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::unprocessable)?;
    let summary: Vec<SubmittedReport> = reports
        .iter()
        .map(|r| SubmittedReport {
            id: r.id.clone(),
            events: r.events.iter().map(|e| e.id.clone()).collect(),
            agreements: r.agreements.len(),
            evacuations: r.evacuations.len(),
        })
        .collect();
    let stats = state.pool.write(move |s| Ok(s.ingest(&reports)?)).await?;
    state.store_changed();
    Ok((
        StatusCode::CREATED,
        Json(Submitted {
            stored: stats,
            reports: summary,
        }),
    ))
}

async fn report(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> ApiResult<Json<raqib_core::Report>> {
    caller.require_read()?;
    crate::params::check_path_id(&id)?;
    state
        .pool
        .read(move |s| {
            s.report(&id)?
                .map(Json)
                .ok_or_else(|| ApiError::not_found(format!("no report {id:?}")))
        })
        .await
}
