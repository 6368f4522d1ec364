//! The PostgreSQL backend, for teams sharing one store.
//!
//! Synchronous (`postgres` crate): the command line needs no async runtime. Writers serialize
//! on a transaction-scoped advisory lock per schema, so two `raqib ingest` runs against one
//! database never race on versions or story links. A batch is written with one `INSERT …
//! SELECT FROM UNNEST(arrays)` per table — a handful of round trips per batch, not per row.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, GenericClient, NoTls, Row, Transaction};
use raqib_core::Event;

use crate::error::Context;
use crate::filter::{self, numbered, Val};
use crate::plan::{self, Candidate, Existing, Plan, Prepared};
use crate::rows::{self, EventCols, RawEvent, RAW_EVENT_COLUMNS};
use crate::sqlite::CONSISTENCY_CHECKS;
use crate::{
    near, now, overlay, AuditEntry, DeadLetter, Edit, Error, ErrorKind, EventStore, Filter,
    IngestStats, Page, ReportVersion, Result, ReviewState, StoreStats, StoredEvent,
};

/// Numbered migrations, embedded.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("migrations/postgres/0001_init.sql")),
    (
        2,
        "api_tokens",
        include_str!("migrations/postgres/0002_api_tokens.sql"),
    ),
    (
        3,
        "grid_cells",
        include_str!("migrations/postgres/0003_grid_cells.sql"),
    ),
    (
        4,
        "cell_covering",
        include_str!("migrations/postgres/0004_cell_covering.sql"),
    ),
];

mod api;

const ORDER: &str = "e.date DESC NULLS LAST, e.ek DESC";
const LOCK: &str = "SELECT pg_advisory_xact_lock(hashtext('raqib:' || current_schema()))";

/// A store in a PostgreSQL database (optionally in one schema of it).
pub struct PgStore {
    client: RefCell<Client>,
    schema: Option<String>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("schema", &self.schema)
            .finish()
    }
}

/// Split our own `schema=NAME` parameter off a URL (the driver does not know it).
fn split_schema(url: &str) -> Result<(String, Option<String>)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), None));
    };
    let mut schema = None;
    let mut rest = Vec::new();
    for kv in query.split('&').filter(|s| !s.is_empty()) {
        match kv.strip_prefix("schema=") {
            Some(s) => {
                if s.is_empty()
                    || s.len() > 63
                    || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    || s.starts_with(|c: char| c.is_ascii_digit())
                {
                    return Err(Error::invalid(
                        "schema",
                        format!("{s:?}: use letters, digits and _ only"),
                    ));
                }
                schema = Some(s.to_ascii_lowercase());
            }
            None => rest.push(kv),
        }
    }
    let url = if rest.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((url, schema))
}

fn boxed(params: &[Val]) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Val::Real(x) => Box::new(*x),
                Val::Text(s) => Box::new(s.clone()),
                Val::Int(i) => Box::new(*i),
            }
        })
        .collect()
}

fn refs(b: &[Box<dyn ToSql + Sync>]) -> Vec<&(dyn ToSql + Sync)> {
    b.iter().map(|x| x.as_ref()).collect()
}

fn raw_event(r: &Row) -> Result<RawEvent> {
    let g = || -> std::result::Result<RawEvent, postgres::Error> {
        Ok(RawEvent {
            ek: r.try_get(0)?,
            json: r.try_get(1)?,
            date: r.try_get(2)?,
            date_from_report: r.try_get::<_, i64>(3)? != 0,
            report_id: r.try_get(4)?,
            version: r.try_get(5)?,
            report_date: r.try_get(6)?,
            source: r.try_get(7)?,
            url: r.try_get(8)?,
            story_id: r.try_get(9)?,
            review: r.try_get(10)?,
            superseded: r.try_get::<_, i64>(11)? != 0,
            corrected: r.try_get::<_, i64>(12)? != 0,
        })
    };
    g().ctx("reading an event row")
}

fn audit_row(r: &Row) -> Result<AuditEntry> {
    let g = || -> std::result::Result<AuditEntry, postgres::Error> {
        Ok(AuditEntry {
            seq: r.try_get(0)?,
            at: r.try_get(1)?,
            user: r.try_get(2)?,
            action: r.try_get(3)?,
            event_id: r.try_get(4)?,
            report_id: r.try_get(5)?,
            field: r.try_get(6)?,
            old: r.try_get(7)?,
            new: r.try_get(8)?,
            note: r.try_get(9)?,
        })
    };
    g().ctx("reading the audit log")
}

/// Corrections of the event rows `eks`, by row key, in order.
fn corrections_by_ek(
    c: &mut impl GenericClient,
    eks: &[i64],
) -> Result<HashMap<i64, Vec<(String, String)>>> {
    let mut out: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    if eks.is_empty() {
        return Ok(out);
    }
    for r in c
        .query(
            "SELECT e.ek, c.field, c.value FROM corrections c JOIN events e \
             ON e.event_id = c.event_id WHERE e.ek = ANY($1) ORDER BY c.seq",
            &[&eks],
        )
        .ctx("reading corrections")?
    {
        out.entry(r.get(0)).or_default().push((r.get(1), r.get(2)));
    }
    Ok(out)
}

fn finish_rows(c: &mut impl GenericClient, rows: &[Row]) -> Result<Vec<StoredEvent>> {
    let raws = rows.iter().map(raw_event).collect::<Result<Vec<_>>>()?;
    let eks: Vec<i64> = raws.iter().filter(|r| r.corrected).map(|r| r.ek).collect();
    let corr = corrections_by_ek(c, &eks)?;
    raws.into_iter()
        .map(|r| {
            let cs = corr.get(&r.ek).cloned().unwrap_or_default();
            r.finish(&cs)
        })
        .collect()
}

fn audit(c: &mut impl GenericClient, a: &AuditEntry) -> Result<AuditEntry> {
    let row = c
        .query_one(
            "INSERT INTO audit_log (at, who, action, event_id, report_id, field, old, new, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq",
            &[
                &a.at,
                &a.user,
                &a.action,
                &a.event_id,
                &a.report_id,
                &a.field,
                &a.old,
                &a.new,
                &a.note,
            ],
        )
        .ctx("writing the audit log")?;
    Ok(AuditEntry {
        seq: row.get(0),
        ..a.clone()
    })
}

fn b(x: bool) -> i64 {
    x as i64
}

/// Insert the actor and place rows of events (`(ek, cols)`), registries included.
fn insert_links(tx: &mut Transaction<'_>, items: &[(i64, &EventCols)]) -> Result<()> {
    insert_rows(tx, items, true)
}

/// Insert the registry rows (actors, places) of events, not their links.
fn insert_registry(tx: &mut Transaction<'_>, items: &[(i64, &EventCols)]) -> Result<()> {
    insert_rows(tx, items, false)
}

fn insert_rows(tx: &mut Transaction<'_>, items: &[(i64, &EventCols)], links: bool) -> Result<()> {
    let (mut k_key, mut k_ek, mut k_role, mut k_pos) = (vec![], vec![], vec![], vec![]);
    let (mut t_term, mut t_ek) = (vec![], vec![]);
    let (mut a_key, mut a_id, mut a_code, mut a_name) = (vec![], vec![], vec![], vec![]);
    let (mut p_key, mut p_id, mut p_name, mut p_country) = (vec![], vec![], vec![], vec![]);
    let (mut p_a1, mut p_a2, mut p_lat, mut p_lon) = (vec![], vec![], vec![], vec![]);
    for (ek, c) in items {
        for (key, role, pos) in c.actor_keys() {
            k_key.push(key);
            k_ek.push(*ek);
            k_role.push(role.to_string());
            k_pos.push(pos);
        }
        for term in c.place_terms() {
            t_term.push(term);
            t_ek.push(*ek);
        }
        for a in &c.actors {
            a_key.push(a.key());
            a_id.push(a.actor_id.clone());
            a_code.push(a.code.clone());
            a_name.push(a.name.clone());
        }
        for p in &c.places {
            p_key.push(p.key());
            p_id.push(p.place_id.clone());
            p_name.push(p.name.clone());
            p_country.push(p.country.clone());
            p_a1.push(p.admin1.clone());
            p_a2.push(p.admin2.clone());
            p_lat.push(p.lat);
            p_lon.push(p.lon);
        }
    }
    if links && !k_key.is_empty() {
        tx.execute(
            "INSERT INTO event_actors (key, ek, role, pos) SELECT * FROM UNNEST($1::text[], \
             $2::bigint[], $3::text[], $4::bigint[]) ON CONFLICT DO NOTHING",
            &[&k_key, &k_ek, &k_role, &k_pos],
        )
        .ctx("writing event actors")?;
    }
    if links && !t_term.is_empty() {
        tx.execute(
            "INSERT INTO event_places (term, ek) SELECT * FROM UNNEST($1::text[], $2::bigint[]) \
             ON CONFLICT DO NOTHING",
            &[&t_term, &t_ek],
        )
        .ctx("writing event places")?;
    }
    if !a_key.is_empty() {
        tx.execute(
            "INSERT INTO actors (key, id, code, name) \
             SELECT DISTINCT ON (k) k, i, c, n FROM UNNEST($1::text[], $2::text[], $3::text[], \
             $4::text[]) AS u(k, i, c, n) ON CONFLICT DO NOTHING",
            &[&a_key, &a_id, &a_code, &a_name],
        )
        .ctx("writing actors")?;
    }
    if !p_key.is_empty() {
        tx.execute(
            "INSERT INTO places (key, id, name, country, admin1, admin2, lat, lon) \
             SELECT DISTINCT ON (k) * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], \
             $5::text[], $6::text[], $7::float8[], $8::float8[]) AS u(k, i, n, c, a1, a2, la, lo) \
             ON CONFLICT DO NOTHING",
            &[
                &p_key, &p_id, &p_name, &p_country, &p_a1, &p_a2, &p_lat, &p_lon,
            ],
        )
        .ctx("writing places")?;
    }
    Ok(())
}

/// Write the plan's rows. With `staged`, report JSON and uncorrected events come from the
/// staging tables ([`stage`], [`merge_staged`]); corrected events (their columns differ from
/// what was staged) and the small tables are written from the plan's arrays.
fn write_plan(tx: &mut Transaction<'_>, plan: &Plan, staged: bool) -> Result<()> {
    let at = now();
    if !plan.supersede.is_empty() {
        tx.execute(
            "UPDATE reports SET superseded = 1 WHERE rk = ANY($1)",
            &[&plan.supersede],
        )
        .ctx("superseding reports")?;
        tx.execute(
            "UPDATE events SET current = 0 WHERE rk = ANY($1)",
            &[&plan.supersede],
        )
        .ctx("superseding events")?;
    }
    if !plan.reports.is_empty() {
        let rs = &plan.reports;
        let col = |f: &dyn Fn(&plan::NewReport) -> Option<String>| -> Vec<Option<String>> {
            rs.iter().map(f).collect()
        };
        let rk: Vec<i64> = rs.iter().map(|r| r.rk).collect();
        let id = col(&|r| Some(r.id.clone()));
        let version: Vec<i64> = rs.iter().map(|r| r.version).collect();
        let sha = col(&|r| Some(r.sha.clone()));
        let date = col(&|r| r.date.clone());
        let lang = col(&|r| Some(r.lang.clone()));
        let source = col(&|r| r.source.clone());
        let url = col(&|r| r.url.clone());
        let outlet = col(&|r| r.outlet_id.clone());
        let story = col(&|r| Some(r.story_id.clone()));
        let sup: Vec<i64> = rs.iter().map(|r| b(r.superseded)).collect();
        let n: Vec<i64> = rs.iter().map(|r| r.n_events).collect();
        let first: Vec<i64> = rs.iter().map(|r| r.first_ek).collect();
        let ats: Vec<String> = rs.iter().map(|_| at.clone()).collect();
        let sig: Vec<Option<Vec<u8>>> = rs.iter().map(|r| r.sig.clone()).collect();
        let json = col(&|r| Some(r.json.clone()));
        if staged {
            merge_staged(tx, plan, &at)?;
        } else {
            tx.execute(
                "INSERT INTO reports (rk, id, version, text_sha256, date, lang, source, url, \
             outlet_id, story_id, superseded, n_events, first_ek, ingested_at, minhash, json) \
             SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], \
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], \
             $12::bigint[], $13::bigint[], $14::text[], $15::bytea[], $16::text[])",
                &[
                    &rk, &id, &version, &sha, &date, &lang, &source, &url, &outlet, &story, &sup,
                    &n, &first, &ats, &sig, &json,
                ],
            )
            .ctx("writing reports")?;
        }
        let (mut bk, mut brk) = (vec![], vec![]);
        let (mut ark, mut aidx, mut aname, mut astatus, mut ajson) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut vrk, mut vidx, mut vstatus, mut vjson) = (vec![], vec![], vec![], vec![]);
        for r in rs {
            for k in &r.bands {
                bk.push(*k);
                brk.push(r.rk);
            }
            for (i, name, status, json) in &r.agreements {
                ark.push(r.rk);
                aidx.push(*i);
                aname.push(name.clone());
                astatus.push(status.clone());
                ajson.push(json.clone());
            }
            for (i, status, json) in &r.evacuations {
                vrk.push(r.rk);
                vidx.push(*i);
                vstatus.push(status.clone());
                vjson.push(json.clone());
            }
        }
        if !bk.is_empty() {
            tx.execute(
                "INSERT INTO report_bands (band_key, rk) SELECT * FROM UNNEST($1::bigint[], \
                 $2::bigint[]) ON CONFLICT DO NOTHING",
                &[&bk, &brk],
            )
            .ctx("writing bands")?;
        }
        if !ark.is_empty() {
            tx.execute(
                "INSERT INTO agreements (rk, idx, name, status, json) SELECT * FROM \
                 UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[])",
                &[&ark, &aidx, &aname, &astatus, &ajson],
            )
            .ctx("writing agreements")?;
        }
        if !vrk.is_empty() {
            tx.execute(
                "INSERT INTO evacuations (rk, idx, status, json) SELECT * FROM \
                 UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[])",
                &[&vrk, &vidx, &vstatus, &vjson],
            )
            .ctx("writing evacuations")?;
        }
    }
    // Events in slices, so one statement's arrays stay a few MB.
    if staged && plan.reports.is_empty() {
        merge_staged(tx, plan, &at)?;
    }
    let rest: Vec<&plan::NewEvent> = plan
        .events
        .iter()
        .filter(|e| !staged || e.corrected)
        .collect();
    for chunk in rest.chunks(5000) {
        let rep = |e: &plan::NewEvent| &plan.reports[e.report];
        let s = |f: &dyn Fn(&plan::NewEvent) -> Option<String>| -> Vec<Option<String>> {
            chunk.iter().map(|e| f(e)).collect()
        };
        let i = |f: &dyn Fn(&plan::NewEvent) -> Option<i64>| -> Vec<Option<i64>> {
            chunk.iter().map(|e| f(e)).collect()
        };
        let fl = |f: &dyn Fn(&plan::NewEvent) -> Option<f64>| -> Vec<Option<f64>> {
            chunk.iter().map(|e| f(e)).collect()
        };
        let ek = i(&|e| Some(e.ek));
        let rk = i(&|e| Some(rep(e).rk));
        let pos = i(&|e| Some(e.pos));
        let event_id = s(&|e| Some(e.event_id.clone()));
        let report_id = s(&|e| Some(rep(e).id.clone()));
        let story = s(&|e| Some(rep(e).story_id.clone()));
        let current = i(&|e| Some(b(!rep(e).superseded)));
        let date = s(&|e| e.cols.date.clone());
        let dfr = i(&|e| Some(b(e.cols.date_from_report)));
        let dprec = s(&|e| e.cols.date_precision.clone());
        let plover = s(&|e| Some(e.cols.plover.clone()));
        let mode = s(&|e| e.cols.mode.clone());
        let cameo = s(&|e| Some(e.cols.cameo.clone()));
        let at_ = s(&|e| Some(e.cols.acled_type.clone()));
        let as_ = s(&|e| Some(e.cols.acled_sub.clone()));
        let status = s(&|e| Some(e.cols.status.clone()));
        let symm = i(&|e| Some(b(e.cols.symmetric)));
        let main = i(&|e| Some(b(e.cols.main)));
        let conf = fl(&|e| Some(e.cols.confidence));
        let lat = fl(&|e| e.cols.lat);
        let lon = fl(&|e| e.cols.lon);
        let country = s(&|e| e.cols.country.clone());
        let admin1 = s(&|e| e.cols.admin1.clone());
        let admin2 = s(&|e| e.cols.admin2.clone());
        let place = s(&|e| e.cols.place.clone());
        let place_id = s(&|e| e.cols.place_id.clone());
        let geo = i(&|e| e.cols.geo_precision);
        let outlet_lc = s(&|e| rep(e).source.as_ref().map(|x| x.to_lowercase()));
        let outlet_id = s(&|e| rep(e).outlet_id.clone());
        let fat = i(&|e| e.cols.fatalities);
        let corrected = i(&|e| Some(b(e.corrected)));
        let json = s(&|e| Some(e.json.clone()));
        tx.execute(
            "INSERT INTO events (ek, rk, pos, event_id, report_id, story_id, current, date, \
             date_from_report, date_precision, plover, mode, cameo, acled_type, acled_sub, status, \
             symm, main, confidence, lat, lon, country, admin1, admin2, place, place_id, \
             geo_precision, outlet_lc, outlet_id, fatalities, corrected, json) \
             SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], \
             $5::text[], $6::text[], $7::bigint[], $8::text[], $9::bigint[], $10::text[], \
             $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], \
             $17::bigint[], $18::bigint[], $19::float8[], $20::float8[], $21::float8[], \
             $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::bigint[], \
             $28::text[], $29::text[], $30::bigint[], $31::bigint[], $32::text[])",
            &[
                &ek, &rk, &pos, &event_id, &report_id, &story, &current, &date, &dfr, &dprec,
                &plover, &mode, &cameo, &at_, &as_, &status, &symm, &main, &conf, &lat, &lon,
                &country, &admin1, &admin2, &place, &place_id, &geo, &outlet_lc, &outlet_id, &fat,
                &corrected, &json,
            ],
        )
        .ctx("writing events")?;
        let items: Vec<(i64, &EventCols)> = chunk.iter().map(|e| (e.ek, &e.cols)).collect();
        insert_links(tx, &items)?;
    }
    if staged {
        // The registries (actors, places) of staged events; their links came from staging.
        let items: Vec<(i64, &EventCols)> = plan
            .events
            .iter()
            .filter(|e| !e.corrected)
            .map(|e| (e.ek, &e.cols))
            .collect();
        insert_registry(tx, &items)?;
    }
    for (id, old, new) in &plan.revisions {
        audit(
            tx,
            &AuditEntry {
                seq: 0,
                at: at.clone(),
                user: "raqib".into(),
                action: "revise".into(),
                event_id: None,
                report_id: Some(id.clone()),
                field: Some("version".into()),
                old: Some(old.to_string()),
                new: Some(new.to_string()),
                note: Some("new text for the same report id; old version superseded".into()),
            },
        )?;
    }
    Ok(())
}

/// Session-local staging tables (created once per connection, emptied by each batch).
const STAGE_DDL: &str = "
    CREATE TEMP TABLE IF NOT EXISTS stage_reports (ri BIGINT, json TEXT, minhash BYTEA);
    CREATE TEMP TABLE IF NOT EXISTS stage_events (ri BIGINT, pos BIGINT, event_id TEXT,
        date TEXT, date_from_report BIGINT, date_precision TEXT, plover TEXT, mode TEXT,
        cameo TEXT, acled_type TEXT, acled_sub TEXT, status TEXT, symm BIGINT, main BIGINT,
        confidence FLOAT8, lat FLOAT8, lon FLOAT8, country TEXT, admin1 TEXT, admin2 TEXT,
        place TEXT, place_id TEXT, geo_precision BIGINT, fatalities BIGINT, json TEXT);
    CREATE TEMP TABLE IF NOT EXISTS stage_actors (ri BIGINT, pos BIGINT, key TEXT, role TEXT,
        apos BIGINT);
    CREATE TEMP TABLE IF NOT EXISTS stage_places (ri BIGINT, pos BIGINT, term TEXT);
    TRUNCATE stage_reports, stage_events, stage_actors, stage_places;";

/// Send the batch's bulk rows (report JSON, event rows, actor and place links) to the
/// server with `COPY … FROM STDIN BINARY` into session staging tables, before the batch takes
/// the store's lock: writers transfer and parse their batches in parallel, and under the lock
/// only planning and `INSERT … SELECT` from staging remain. Rows are keyed by their place in
/// the batch (`ri` the report's index, `pos` the event's); keys (`rk`, `ek`) are given under
/// the lock.
fn stage(tx: &mut Transaction<'_>, prep: &Prepared<'_>) -> Result<()> {
    use postgres::binary_copy::BinaryCopyInWriter;
    use postgres::types::Type;
    tx.batch_execute(STAGE_DDL)
        .ctx("preparing staging tables")?;
    let w = tx
        .copy_in("COPY stage_reports (ri, json, minhash) FROM STDIN BINARY")
        .ctx("staging reports")?;
    let mut w = BinaryCopyInWriter::new(w, &[Type::INT8, Type::TEXT, Type::BYTEA]);
    for (i, rows) in prep.rows.iter().enumerate() {
        if let Ok((json, _)) = rows {
            let sig = prep.sigs[i].as_ref().map(near::to_bytes);
            w.write(&[&(i as i64), json, &sig]).ctx("staging reports")?;
        }
    }
    w.finish().ctx("staging reports")?;

    let t = Type::TEXT;
    let (i8_, f8) = (Type::INT8, Type::FLOAT8);
    let w = tx
        .copy_in(
            "COPY stage_events (ri, pos, event_id, date, date_from_report, date_precision, \
             plover, mode, cameo, acled_type, acled_sub, status, symm, main, confidence, lat, \
             lon, country, admin1, admin2, place, place_id, geo_precision, fatalities, json) \
             FROM STDIN BINARY",
        )
        .ctx("staging events")?;
    let mut w = BinaryCopyInWriter::new(
        w,
        &[
            i8_.clone(),
            i8_.clone(),
            t.clone(),
            t.clone(),
            i8_.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            i8_.clone(),
            i8_.clone(),
            f8.clone(),
            f8.clone(),
            f8.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            t.clone(),
            i8_.clone(),
            i8_.clone(),
            t.clone(),
        ],
    );
    for (i, rows) in prep.rows.iter().enumerate() {
        let Ok((_, evs)) = rows else { continue };
        for (pos, (json, c)) in evs.iter().enumerate() {
            let id = &prep.reports[i].events[pos].id;
            w.write(&[
                &(i as i64),
                &(pos as i64),
                id,
                &c.date,
                &b(c.date_from_report),
                &c.date_precision,
                &c.plover,
                &c.mode,
                &c.cameo,
                &c.acled_type,
                &c.acled_sub,
                &c.status,
                &b(c.symmetric),
                &b(c.main),
                &c.confidence,
                &c.lat,
                &c.lon,
                &c.country,
                &c.admin1,
                &c.admin2,
                &c.place,
                &c.place_id,
                &c.geo_precision,
                &c.fatalities,
                json,
            ])
            .ctx("staging events")?;
        }
    }
    w.finish().ctx("staging events")?;

    let w = tx
        .copy_in("COPY stage_actors (ri, pos, key, role, apos) FROM STDIN BINARY")
        .ctx("staging actors")?;
    let mut w = BinaryCopyInWriter::new(
        w,
        &[i8_.clone(), i8_.clone(), t.clone(), t.clone(), i8_.clone()],
    );
    for (i, rows) in prep.rows.iter().enumerate() {
        let Ok((_, evs)) = rows else { continue };
        for (pos, (_, c)) in evs.iter().enumerate() {
            for (key, role, apos) in c.actor_keys() {
                w.write(&[&(i as i64), &(pos as i64), &key, &role, &apos])
                    .ctx("staging actors")?;
            }
        }
    }
    w.finish().ctx("staging actors")?;

    let w = tx
        .copy_in("COPY stage_places (ri, pos, term) FROM STDIN BINARY")
        .ctx("staging places")?;
    let mut w = BinaryCopyInWriter::new(w, &[i8_.clone(), i8_, t]);
    for (i, rows) in prep.rows.iter().enumerate() {
        let Ok((_, evs)) = rows else { continue };
        for (pos, (_, c)) in evs.iter().enumerate() {
            for term in c.place_terms() {
                w.write(&[&(i as i64), &(pos as i64), &term])
                    .ctx("staging places")?;
            }
        }
    }
    w.finish().ctx("staging places")?;
    Ok(())
}

/// Write the staged rows of the plan's new reports and (uncorrected) events with their keys:
/// `INSERT … SELECT` from the staging tables joined to the plan's key arrays.
fn merge_staged(tx: &mut Transaction<'_>, plan: &Plan, at: &str) -> Result<()> {
    let rs = &plan.reports;
    if !rs.is_empty() {
        let ri: Vec<i64> = rs.iter().map(|r| r.src as i64).collect();
        let rk: Vec<i64> = rs.iter().map(|r| r.rk).collect();
        let id: Vec<&str> = rs.iter().map(|r| r.id.as_str()).collect();
        let version: Vec<i64> = rs.iter().map(|r| r.version).collect();
        let sha: Vec<&str> = rs.iter().map(|r| r.sha.as_str()).collect();
        let date: Vec<Option<&str>> = rs.iter().map(|r| r.date.as_deref()).collect();
        let lang: Vec<&str> = rs.iter().map(|r| r.lang.as_str()).collect();
        let source: Vec<Option<&str>> = rs.iter().map(|r| r.source.as_deref()).collect();
        let url: Vec<Option<&str>> = rs.iter().map(|r| r.url.as_deref()).collect();
        let outlet: Vec<Option<&str>> = rs.iter().map(|r| r.outlet_id.as_deref()).collect();
        let story: Vec<&str> = rs.iter().map(|r| r.story_id.as_str()).collect();
        let sup: Vec<i64> = rs.iter().map(|r| b(r.superseded)).collect();
        let n: Vec<i64> = rs.iter().map(|r| r.n_events).collect();
        let first: Vec<i64> = rs.iter().map(|r| r.first_ek).collect();
        tx.execute(
            "INSERT INTO reports (rk, id, version, text_sha256, date, lang, source, url, \
             outlet_id, story_id, superseded, n_events, first_ek, ingested_at, minhash, json) \
             SELECT k.rk, k.id, k.version, k.sha, k.date, k.lang, k.source, k.url, k.outlet, \
             k.story, k.sup, k.n, k.first, $15, s.minhash, s.json \
             FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], \
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], \
             $12::bigint[], $13::bigint[], $14::bigint[]) \
             AS k(ri, rk, id, version, sha, date, lang, source, url, outlet, story, sup, n, first) \
             JOIN stage_reports s ON s.ri = k.ri",
            &[
                &ri, &rk, &id, &version, &sha, &date, &lang, &source, &url, &outlet, &story, &sup,
                &n, &first, &at,
            ],
        )
        .ctx("writing reports")?;
    }
    let evs: Vec<&plan::NewEvent> = plan.events.iter().filter(|e| !e.corrected).collect();
    if evs.is_empty() {
        return Ok(());
    }
    let rep = |e: &plan::NewEvent| &plan.reports[e.report];
    let ri: Vec<i64> = evs.iter().map(|e| rep(e).src as i64).collect();
    let pos: Vec<i64> = evs.iter().map(|e| e.pos).collect();
    let ek: Vec<i64> = evs.iter().map(|e| e.ek).collect();
    let rk: Vec<i64> = evs.iter().map(|e| rep(e).rk).collect();
    let report_id: Vec<&str> = evs.iter().map(|e| rep(e).id.as_str()).collect();
    let story: Vec<&str> = evs.iter().map(|e| rep(e).story_id.as_str()).collect();
    let current: Vec<i64> = evs.iter().map(|e| b(!rep(e).superseded)).collect();
    let outlet_lc: Vec<Option<String>> = evs
        .iter()
        .map(|e| rep(e).source.as_ref().map(|x| x.to_lowercase()))
        .collect();
    let outlet_id: Vec<Option<&str>> = evs.iter().map(|e| rep(e).outlet_id.as_deref()).collect();
    tx.execute(
        "INSERT INTO events (ek, rk, pos, event_id, report_id, story_id, current, date, \
         date_from_report, date_precision, plover, mode, cameo, acled_type, acled_sub, status, \
         symm, main, confidence, lat, lon, country, admin1, admin2, place, place_id, \
         geo_precision, outlet_lc, outlet_id, fatalities, corrected, json) \
         SELECT k.ek, k.rk, s.pos, s.event_id, k.report_id, k.story, k.cur, s.date, \
         s.date_from_report, s.date_precision, s.plover, s.mode, s.cameo, s.acled_type, \
         s.acled_sub, s.status, s.symm, s.main, s.confidence, s.lat, s.lon, s.country, s.admin1, \
         s.admin2, s.place, s.place_id, s.geo_precision, k.outlet_lc, k.outlet_id, \
         s.fatalities, 0, s.json \
         FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], \
         $6::text[], $7::bigint[], $8::text[], $9::text[]) \
         AS k(ri, pos, ek, rk, report_id, story, cur, outlet_lc, outlet_id) \
         JOIN stage_events s ON s.ri = k.ri AND s.pos = k.pos",
        &[
            &ri, &pos, &ek, &rk, &report_id, &story, &current, &outlet_lc, &outlet_id,
        ],
    )
    .ctx("writing events")?;
    tx.execute(
        "INSERT INTO event_actors (key, ek, role, pos) \
         SELECT s.key, k.ek, s.role, s.apos FROM UNNEST($1::bigint[], $2::bigint[], \
         $3::bigint[]) AS k(ri, pos, ek) JOIN stage_actors s ON s.ri = k.ri AND s.pos = k.pos \
         ON CONFLICT DO NOTHING",
        &[&ri, &pos, &ek],
    )
    .ctx("writing event actors")?;
    tx.execute(
        "INSERT INTO event_places (term, ek) \
         SELECT s.term, k.ek FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[]) \
         AS k(ri, pos, ek) JOIN stage_places s ON s.ri = k.ri AND s.pos = k.pos \
         ON CONFLICT DO NOTHING",
        &[&ri, &pos, &ek],
    )
    .ctx("writing event places")?;
    Ok(())
}

fn next_keys(tx: &mut Transaction<'_>, seq: &str, n: usize) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(vec![]);
    }
    let rows = tx
        .query(
            &format!("SELECT nextval('{seq}') FROM generate_series(1, $1::bigint)"),
            &[&(n as i64)],
        )
        .ctx("allocating keys")?;
    let mut v: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
    v.sort_unstable();
    Ok(v)
}

/// The current event row with this id: `(ek, event json, report json)`.
fn current_event(tx: &mut Transaction<'_>, event_id: &str) -> Result<(i64, String, String)> {
    tx.query_opt(
        "SELECT e.ek, e.json, r.json FROM events e JOIN reports r ON r.rk = e.rk \
         WHERE e.event_id = $1 AND e.current = 1 ORDER BY e.ek DESC LIMIT 1",
        &[&event_id],
    )
    .ctx("looking up an event")?
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .ok_or_else(|| ErrorKind::NoSuchEvent(event_id.to_string()).into())
}

impl PgStore {
    /// Connect to `url` (`postgres://user:password@host:port/db`, optionally `?schema=NAME`)
    /// and migrate the store to the current schema.
    pub fn open(url: &str) -> Result<PgStore> {
        let (url, schema) = split_schema(url)?;
        let mut client = Client::connect(&url, NoTls).ctx("connecting")?;
        if let Some(s) = &schema {
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS \"{s}\"; SET search_path TO \"{s}\""
                ))
                .ctx("selecting the schema")?;
        }
        let store = PgStore {
            client: RefCell::new(client),
            schema,
        };
        store.migrate()?;
        Ok(store)
    }

    /// The schema the store lives in, when one was given.
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }

    fn migrate(&self) -> Result<()> {
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction().ctx("starting migration")?;
        tx.batch_execute(LOCK).ctx("locking for migration")?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        )
        .ctx("creating schema_migrations")?;
        let have: i64 = tx
            .query_one(
                "SELECT coalesce(max(version), 0) FROM schema_migrations",
                &[],
            )
            .ctx("reading schema version")?
            .get(0);
        let known = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
        if have > known {
            return Err(ErrorKind::SchemaTooNew { found: have, known }.into());
        }
        for (v, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > have) {
            tx.batch_execute(sql)
                .ctx(&format!("applying migration {v:04}_{name}"))?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                &[v, name, &now()],
            )
            .ctx("recording migration")?;
        }
        tx.commit().ctx("committing migration")
    }

    fn select_page(&self, w: &filter::Where, order: &str, page: &Page) -> Result<Vec<StoredEvent>> {
        // Page on keys first, so only one page of rows is read and sorted whole.
        let (keys, params) = filter::page_keys(
            w,
            order,
            page.limit.min(i64::MAX as u64) as i64,
            page.offset.min(i64::MAX as u64) as i64,
        );
        let sql = numbered(&format!(
            "SELECT {RAW_EVENT_COLUMNS} FROM events e JOIN reports r ON r.rk = e.rk \
             WHERE e.ek IN ({keys}) ORDER BY {order}"
        ));
        let ps = boxed(&params);
        let mut c = self.client.borrow_mut();
        let rows = c.query(&sql, &refs(&ps)).ctx("running a query")?;
        finish_rows(&mut *c, &rows)
    }

    fn report_events(c: &mut impl GenericClient, rk: i64) -> Result<Vec<Event>> {
        let rows = c
            .query(
                "SELECT ek, json, corrected FROM events WHERE rk = $1 ORDER BY pos",
                &[&rk],
            )
            .ctx("reading report events")?;
        let eks: Vec<i64> = rows
            .iter()
            .filter(|r| r.get::<_, i64>(2) != 0)
            .map(|r| r.get(0))
            .collect();
        let corr = corrections_by_ek(c, &eks)?;
        rows.iter()
            .map(|r| {
                let mut e: Event =
                    serde_json::from_str(r.get::<_, &str>(1)).ctx("reading a stored event")?;
                for (f, v) in corr.get(&r.get::<_, i64>(0)).into_iter().flatten() {
                    let _ = overlay::apply(&mut e, f, v);
                }
                Ok(e)
            })
            .collect()
    }
}

impl EventStore for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn ingest(&mut self, reports: &[raqib_core::Report]) -> Result<IngestStats> {
        if reports.is_empty() {
            return Ok(IngestStats::default());
        }
        let prep = Prepared::new(reports);
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction().ctx("starting an ingest")?;
        // The bulk of the batch travels before the lock (concurrent writers overlap here);
        // planning and the merge from staging run under it, one writer at a time, so the
        // store ends as some serial order of the batches would leave it.
        stage(&mut tx, &prep)?;
        tx.batch_execute(LOCK).ctx("locking for ingest")?;
        let existing = tx
            .query(
                "SELECT id, text_sha256, rk, version, superseded, story_id FROM reports \
                 WHERE id = ANY($1)",
                &[&prep.ids()],
            )
            .ctx("looking up reports")?
            .iter()
            .map(|r| Existing {
                id: r.get(0),
                sha: r.get(1),
                rk: r.get(2),
                version: r.get(3),
                superseded: r.get::<_, i64>(4) != 0,
                story_id: r.get(5),
            })
            .collect();
        let keys = prep.band_keys();
        let mut candidates = Vec::new();
        if !keys.is_empty() {
            for r in tx
                .query(
                    "SELECT b.band_key, b.rk, r.story_id, r.minhash FROM report_bands b \
                     JOIN reports r ON r.rk = b.rk WHERE b.band_key = ANY($1)",
                    &[&keys],
                )
                .ctx("looking up candidates")?
            {
                let sig: Option<Vec<u8>> = r.get(3);
                if let Some(sig) = sig.as_deref().and_then(near::from_bytes) {
                    candidates.push((
                        r.get(0),
                        Candidate {
                            rk: r.get(1),
                            story_id: r.get(2),
                            sig,
                        },
                    ));
                }
            }
        }
        let mut corrections: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let any: bool = tx
            .query_one("SELECT EXISTS (SELECT 1 FROM corrections)", &[])
            .ctx("looking up corrections")?
            .get(0);
        if any {
            for r in tx
                .query(
                    "SELECT event_id, field, value FROM corrections WHERE event_id = ANY($1) \
                     ORDER BY seq",
                    &[&prep.event_ids()],
                )
                .ctx("looking up corrections")?
            {
                corrections
                    .entry(r.get(0))
                    .or_default()
                    .push((r.get(1), r.get(2)));
            }
        }
        let mut plan = plan::build(prep, existing, candidates, &corrections)?;
        let rks = next_keys(&mut tx, "reports_rk_seq", plan.reports.len())?;
        let eks = next_keys(&mut tx, "events_ek_seq", plan.events.len())?;
        plan.assign_keys(&rks, &eks);
        write_plan(&mut tx, &plan, true)?;
        tx.commit().ctx("committing an ingest")?;
        Ok(plan.stats)
    }

    fn dead_letter(
        &mut self,
        id: Option<&str>,
        origin: &str,
        input: Option<&str>,
        reason: &str,
    ) -> Result<()> {
        let at = now();
        self.client
            .borrow_mut()
            .execute(
                "INSERT INTO dead_letters (report_id, origin, input, reason, at, last_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (report_id, origin, reason) DO UPDATE \
                 SET attempts = dead_letters.attempts + 1, last_at = excluded.last_at, \
                 input = coalesce(excluded.input, dead_letters.input)",
                &[&id.unwrap_or(""), &origin, &input, &reason, &at],
            )
            .ctx("writing a dead letter")?;
        Ok(())
    }

    fn dead_letters(&self) -> Result<Vec<DeadLetter>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT report_id, origin, input, reason, at, attempts FROM dead_letters \
                 ORDER BY seq",
                &[],
            )
            .ctx("reading dead letters")?;
        Ok(rows
            .iter()
            .map(|r| {
                let id: String = r.get(0);
                DeadLetter {
                    report_id: (!id.is_empty()).then_some(id),
                    origin: r.get(1),
                    input: r.get(2),
                    reason: r.get(3),
                    at: r.get(4),
                    attempts: r.get(5),
                }
            })
            .collect())
    }

    fn query(&self, filter: &Filter, page: &Page) -> Result<Vec<StoredEvent>> {
        let w = filter::build(filter)?;
        self.select_page(&w, ORDER, page)
    }

    fn for_each_event(
        &self,
        filter: &Filter,
        f: &mut dyn FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let w = filter::build(filter)?;
        let sql = numbered(&format!(
            "SELECT {RAW_EVENT_COLUMNS} FROM events e JOIN reports r ON r.rk = e.rk \
             WHERE {} ORDER BY {ORDER}",
            w.sql
        ));
        let ps = boxed(&w.params);
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction().ctx("starting an export")?;
        let portal = tx.bind(sql.as_str(), &refs(&ps)).ctx("running a query")?;
        loop {
            let rows = tx.query_portal(&portal, 2000).ctx("reading a query")?;
            if rows.is_empty() {
                break;
            }
            for e in finish_rows(&mut tx, &rows)? {
                f(e)?;
            }
        }
        tx.commit().ctx("ending an export")
    }

    fn count(&self, filter: &Filter) -> Result<u64> {
        let w = filter::build(filter)?;
        let sql = numbered(&format!("SELECT count(*) FROM events e WHERE {}", w.sql));
        let ps = boxed(&w.params);
        let n: i64 = self
            .client
            .borrow_mut()
            .query_one(&sql, &refs(&ps))
            .ctx("counting events")?
            .get(0);
        Ok(n as u64)
    }

    fn count_by_day(&self, filter: &Filter) -> Result<Vec<(String, u64)>> {
        let w = filter::build(filter)?;
        let sql = numbered(&format!(
            "SELECT e.date, count(*) FROM events e WHERE {} AND e.date IS NOT NULL \
             GROUP BY e.date ORDER BY e.date",
            w.sql
        ));
        let ps = boxed(&w.params);
        let rows = self
            .client
            .borrow_mut()
            .query(&sql, &refs(&ps))
            .ctx("counting by day")?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1) as u64))
            .collect())
    }

    fn event(&self, event_id: &str) -> Result<Option<StoredEvent>> {
        let w = filter::Where {
            sql: "e.event_id = ? AND e.current = 1".into(),
            params: vec![Val::Text(event_id.to_string())],
            ..Default::default()
        };
        Ok(self
            .select_page(
                &w,
                "e.ek DESC",
                &Page {
                    limit: 1,
                    offset: 0,
                },
            )?
            .into_iter()
            .next())
    }

    fn report(&self, id: &str) -> Result<Option<raqib_core::Report>> {
        let mut c = self.client.borrow_mut();
        let row = c
            .query_opt(
                "SELECT rk, json FROM reports WHERE id = $1 AND superseded = 0 \
                 ORDER BY version DESC LIMIT 1",
                &[&id],
            )
            .ctx("reading a report")?;
        match row {
            None => Ok(None),
            Some(r) => {
                let events = PgStore::report_events(&mut *c, r.get(0))?;
                Ok(Some(rows::assemble(r.get(1), events)?))
            }
        }
    }

    fn report_versions(&self, id: &str) -> Result<Vec<ReportVersion>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, version, text_sha256, superseded, story_id, n_events, ingested_at \
                 FROM reports WHERE id = $1 ORDER BY version",
                &[&id],
            )
            .ctx("reading versions")?;
        Ok(rows
            .iter()
            .map(|r| ReportVersion {
                id: r.get(0),
                version: r.get(1),
                text_sha256: r.get(2),
                superseded: r.get::<_, i64>(3) != 0,
                story_id: r.get(4),
                events: r.get(5),
                ingested_at: r.get(6),
            })
            .collect())
    }

    fn for_each_report(&self, f: &mut dyn FnMut(raqib_core::Report) -> Result<()>) -> Result<()> {
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction().ctx("starting a read")?;
        let portal = tx
            .bind(
                "SELECT rk, json FROM reports WHERE superseded = 0 ORDER BY rk",
                &[],
            )
            .ctx("reading reports")?;
        loop {
            let rows = tx.query_portal(&portal, 500).ctx("reading reports")?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let events = PgStore::report_events(&mut tx, r.get(0))?;
                f(rows::assemble(r.get(1), events)?)?;
            }
        }
        tx.commit().ctx("ending a read")
    }

    fn edit(&mut self, event_id: &str, edit: &Edit) -> Result<Vec<AuditEntry>> {
        if edit.set.is_empty() {
            return Err(Error::invalid("edit", "nothing to set"));
        }
        for (f, v) in &edit.set {
            overlay::validate(f, v)?;
        }
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction().ctx("starting an edit")?;
        tx.batch_execute(LOCK).ctx("locking for edit")?;
        let (ek, json, report_json) = current_event(&mut tx, event_id)?;
        let report = rows::assemble(&report_json, vec![])?;
        let mut event: Event = serde_json::from_str(&json).ctx("reading a stored event")?;
        for r in tx
            .query(
                "SELECT field, value FROM corrections WHERE event_id = $1 ORDER BY seq",
                &[&event_id],
            )
            .ctx("reading corrections")?
        {
            let _ = overlay::apply(&mut event, r.get(0), r.get(1));
        }
        let old_cols = rows::event_cols(&report, &event);
        let at = now();
        let mut out = Vec::new();
        for (f, v) in &edit.set {
            let field = overlay::canonical(f);
            let old = overlay::value_of(&event, field);
            overlay::apply(&mut event, field, v)?;
            let new = overlay::value_of(&event, field);
            let entry = audit(
                &mut tx,
                &AuditEntry {
                    seq: 0,
                    at: at.clone(),
                    user: edit.user.clone(),
                    action: "edit".into(),
                    event_id: Some(event_id.to_string()),
                    report_id: Some(report.id.clone()),
                    field: Some(field.to_string()),
                    old: Some(old),
                    new: Some(new),
                    note: edit.note.clone(),
                },
            )?;
            tx.execute(
                "INSERT INTO corrections (event_id, field, value, seq) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (event_id, field) DO UPDATE SET value = excluded.value, \
                 seq = excluded.seq",
                &[&event_id, &field, v, &entry.seq],
            )
            .ctx("writing a correction")?;
            out.push(entry);
        }
        let c2 = rows::event_cols(&report, &event);
        tx.execute(
            "UPDATE events SET date = $2, date_from_report = $3, date_precision = $4, \
             plover = $5, mode = $6, cameo = $7, acled_type = $8, acled_sub = $9, status = $10, \
             symm = $11, main = $12, confidence = $13, lat = $14, lon = $15, country = $16, \
             admin1 = $17, admin2 = $18, place = $19, place_id = $20, geo_precision = $21, \
             fatalities = $22, corrected = 1 WHERE ek = $1",
            &[
                &ek,
                &c2.date,
                &b(c2.date_from_report),
                &c2.date_precision,
                &c2.plover,
                &c2.mode,
                &c2.cameo,
                &c2.acled_type,
                &c2.acled_sub,
                &c2.status,
                &b(c2.symmetric),
                &b(c2.main),
                &c2.confidence,
                &c2.lat,
                &c2.lon,
                &c2.country,
                &c2.admin1,
                &c2.admin2,
                &c2.place,
                &c2.place_id,
                &c2.geo_precision,
                &c2.fatalities,
            ],
        )
        .ctx("updating an event")?;
        for (key, role, pos) in old_cols.actor_keys() {
            tx.execute(
                "DELETE FROM event_actors WHERE key = $1 AND ek = $2 AND role = $3 AND pos = $4",
                &[&key, &ek, &role, &pos],
            )
            .ctx("updating event actors")?;
        }
        for term in old_cols.place_terms() {
            tx.execute(
                "DELETE FROM event_places WHERE term = $1 AND ek = $2",
                &[&term, &ek],
            )
            .ctx("updating event places")?;
        }
        insert_links(&mut tx, &[(ek, &c2)])?;
        tx.commit().ctx("committing an edit")?;
        Ok(out)
    }

    fn set_review(
        &mut self,
        event_id: &str,
        state: ReviewState,
        user: &str,
        note: Option<&str>,
    ) -> Result<AuditEntry> {
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction().ctx("starting a review")?;
        tx.batch_execute(LOCK).ctx("locking for review")?;
        let _ = current_event(&mut tx, event_id)?;
        let old = tx
            .query_opt("SELECT state FROM review WHERE event_id = $1", &[&event_id])
            .ctx("reading review state")?
            .and_then(|r| ReviewState::parse(r.get(0)))
            .unwrap_or_default();
        if !old.can_move_to(state) {
            return Err(Error::invalid(
                "review state",
                format!("event {event_id} is {old}; it cannot become {state}"),
            ));
        }
        let at = now();
        tx.execute(
            "INSERT INTO review (event_id, state, who, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (event_id) DO UPDATE SET state = excluded.state, who = excluded.who, \
             at = excluded.at",
            &[&event_id, &state.as_str(), &user, &at],
        )
        .ctx("writing review state")?;
        let report_id: Option<String> = tx
            .query_opt(
                "SELECT report_id FROM events WHERE event_id = $1 AND current = 1 LIMIT 1",
                &[&event_id],
            )
            .ctx("reading an event")?
            .map(|r| r.get(0));
        let entry = audit(
            &mut tx,
            &AuditEntry {
                seq: 0,
                at,
                user: user.to_string(),
                action: "review".into(),
                event_id: Some(event_id.to_string()),
                report_id,
                field: Some("review".into()),
                old: Some(old.as_str().into()),
                new: Some(state.as_str().into()),
                note: note.map(str::to_string),
            },
        )?;
        tx.commit().ctx("committing a review")?;
        Ok(entry)
    }

    fn review_queue(&self, page: &Page) -> Result<Vec<StoredEvent>> {
        let w = filter::build(&Filter {
            review: Some(ReviewState::Auto),
            ..Default::default()
        })?;
        self.select_page(&w, "e.confidence ASC, e.ek ASC", page)
    }

    fn audit_log(&self, event_id: Option<&str>, page: &Page) -> Result<Vec<AuditEntry>> {
        let cols = "seq, at, who, action, event_id, report_id, field, old, new, note";
        let limit = page.limit.min(i64::MAX as u64) as i64;
        let offset = page.offset.min(i64::MAX as u64) as i64;
        let mut c = self.client.borrow_mut();
        let rows = match event_id {
            Some(id) => c.query(
                &format!(
                    "SELECT {cols} FROM audit_log WHERE event_id = $1 ORDER BY seq DESC \
                     LIMIT $2 OFFSET $3"
                ),
                &[&id, &limit, &offset],
            ),
            None => c.query(
                &format!("SELECT {cols} FROM audit_log ORDER BY seq DESC LIMIT $1 OFFSET $2"),
                &[&limit, &offset],
            ),
        }
        .ctx("reading the audit log")?;
        rows.iter().map(audit_row).collect()
    }

    fn stats(&self) -> Result<StoreStats> {
        let r = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT (SELECT coalesce(max(version), 0) FROM schema_migrations), \
                 (SELECT count(DISTINCT id) FROM reports), (SELECT count(*) FROM reports), \
                 (SELECT count(*) FROM reports WHERE superseded = 1), \
                 (SELECT count(*) FROM events WHERE current = 1), \
                 (SELECT count(DISTINCT story_id) FROM reports WHERE superseded = 0), \
                 (SELECT count(*) FROM dead_letters), \
                 (SELECT count(DISTINCT event_id) FROM corrections), \
                 (SELECT count(*) FROM audit_log)",
                &[],
            )
            .ctx("reading stats")?;
        let u = |i: usize| r.get::<_, i64>(i) as u64;
        Ok(StoreStats {
            schema_version: r.get(0),
            reports: u(1),
            versions: u(2),
            superseded: u(3),
            events: u(4),
            stories: u(5),
            dead_letters: u(6),
            corrected_events: u(7),
            audit_entries: u(8),
        })
    }

    fn integrity_check(&self) -> Result<Vec<String>> {
        let mut c = self.client.borrow_mut();
        let mut out = Vec::new();
        for (what, sql) in CONSISTENCY_CHECKS {
            let n: i64 = c.query_one(*sql, &[]).ctx("consistency check")?.get(0);
            if n != 0 {
                out.push(format!("{n} {what}"));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_parameter_is_split_off() {
        let (u, s) = split_schema("postgres://a:b@h:5432/db?schema=t_1&sslmode=disable").unwrap();
        assert_eq!(u, "postgres://a:b@h:5432/db?sslmode=disable");
        assert_eq!(s.as_deref(), Some("t_1"));
        assert!(split_schema("postgres://h/db?schema=x;drop").is_err());
        assert_eq!(split_schema("postgres://h/db").unwrap().1, None);
    }
}
