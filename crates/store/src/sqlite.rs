//! The SQLite backend: one file, WAL journal, no server.
//!
//! Writes take the database's write lock at their start (`BEGIN IMMEDIATE`), so the keys a
//! batch gives its rows (`max + 1…`) cannot race another writer, and a batch is all or nothing.
//! `synchronous = NORMAL` in WAL mode keeps every committed transaction across a killed
//! process; only a power loss can lose the last transactions (never corrupt the file). Set
//! `RAQIB_SQLITE_SYNC=FULL` to trade speed for durability against power loss too.

use std::borrow::Cow;
use std::collections::HashMap as StdHashMap;
use std::path::Path;

use raqib_core::Event;
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension, ToSql, TransactionBehavior};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::band_index::BandIndex;
use crate::error::Context;
use crate::filter::{self, Val};
use crate::plan::{self, Candidate, Existing, Plan, Prepared};
use crate::rows::{self, EventCols, RawEvent, RAW_EVENT_COLUMNS};
use crate::{
    near, now, overlay, AuditEntry, DeadLetter, Edit, Error, ErrorKind, EventStore, Filter,
    IngestStats, Page, ReportVersion, Result, ReviewState, StoreStats, StoredEvent,
};

/// Numbered migrations, embedded.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("migrations/sqlite/0001_init.sql")),
    (
        2,
        "api_tokens",
        include_str!("migrations/sqlite/0002_api_tokens.sql"),
    ),
    (
        3,
        "grid_cells",
        include_str!("migrations/sqlite/0003_grid_cells.sql"),
    ),
    (
        4,
        "cell_covering",
        include_str!("migrations/sqlite/0004_cell_covering.sql"),
    ),
    (
        5,
        "daily_counts",
        include_str!("migrations/sqlite/0005_daily_counts.sql"),
    ),
    (
        6,
        "fine_cells",
        include_str!("migrations/sqlite/0006_fine_cells.sql"),
    ),
    (
        7,
        "event_roles",
        include_str!("migrations/sqlite/0007_event_roles.sql"),
    ),
    (
        8,
        "event_terms",
        include_str!("migrations/sqlite/0008_event_terms.sql"),
    ),
    (
        9,
        "band_index",
        include_str!("migrations/sqlite/0009_band_index.sql"),
    ),
    (
        10,
        "postings",
        include_str!("migrations/sqlite/0010_postings.sql"),
    ),
];

/// The schema filters read: tenth-degree cells (migration 6), actor and place posting lists
/// (migrations 7, 8 and 10).
pub(crate) const LAYOUT: filter::Layout = filter::Layout::SQLITE;

mod api;
mod bulk;
mod checkpoint;
mod engine;
mod postings;

use bulk::BulkStatements;
use checkpoint::Checkpointer;
use postings::EventLinks;

/// A store in one SQLite file.
pub struct SqliteStore {
    /// Prepared on `conn`, so declared before it: fields drop in order, and the statements
    /// must be finalized before the connection closes.
    bulk: BulkStatements,
    /// Checkpoints the log of a store file on a thread of its own, from the first ingest on
    /// (`None` before, and for a store in memory). Dropped before `conn`, so the connection
    /// that closes last, and checkpoints the log away, is the store's.
    checkpointer: Option<Checkpointer>,
    /// The `synchronous` setting of `conn` (the checkpointer syncs as it does).
    synchronous: &'static str,
    /// The band keys of stored reports (`band_index.rs`), made at the first ingest; outside
    /// an ingest it covers no more than the committed reports, `band_index_committed`.
    band_index: Option<BandIndex>,
    band_index_committed: i64,
    conn: Connection,
    /// Registry keys (actors, places) known to be stored: their upserts are skipped.
    known: HashSet<String>,
    /// Stored `actor_keys` (migration 7). Keys never change, so an entry stays true; only
    /// committed keys are kept.
    actor_keys: ActorKeys,
    /// Stored `place_terms` (migration 8), kept the same way.
    place_terms: HashMap<String, i64>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.conn.path())
            .finish()
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(match self {
            Val::Real(v) => (*v).into(),
            Val::Text(v) => v.as_str().into(),
            Val::Int(v) => (*v).into(),
        })
    }
}

impl SqliteStore {
    /// Open (or create) the store in `path`, migrating it to the current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        engine::configure();
        let path = path.as_ref();
        let conn = Connection::open(path).ctx(&format!("opening {}", path.display()))?;
        SqliteStore::setup(conn)
    }

    /// A store in memory (for tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        engine::configure();
        SqliteStore::setup(Connection::open_in_memory().ctx("opening memory database")?)
    }

    fn setup(conn: Connection) -> Result<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .ctx("setting busy timeout")?;
        let sync = match std::env::var("RAQIB_SQLITE_SYNC").ok().as_deref() {
            Some("FULL" | "full") => "FULL",
            Some("OFF" | "off") => "OFF",
            _ => "NORMAL",
        };
        // 16 KiB pages (a new file only): event rows hold their JSON, and fewer, fuller pages
        // made ingest ~10% faster than 4 KiB in `examples/store_scale.rs`.
        conn.execute_batch(&format!(
            "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync}; \
             PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; \
             PRAGMA mmap_size = 1073741824;"
        ))
        .ctx("setting pragmas")?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.create_scalar_function(
            "raqib_km",
            4,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                let v: [Option<f64>; 4] = [ctx.get(0)?, ctx.get(1)?, ctx.get(2)?, ctx.get(3)?];
                Ok(match v {
                    [Some(a), Some(b), Some(c), Some(d)] => Some(filter::km(a, b, c, d)),
                    _ => None,
                })
            },
        )
        .ctx("registering raqib_km")?;
        let mut s = SqliteStore {
            bulk: BulkStatements::default(),
            checkpointer: None,
            synchronous: sync,
            band_index: None,
            band_index_committed: 0,
            conn,
            known: HashSet::default(),
            actor_keys: ActorKeys::default(),
            place_terms: HashMap::default(),
        };
        s.migrate()?;
        Ok(s)
    }

    /// Start the background checkpointer of a store file (once; see `sqlite/checkpoint.rs`),
    /// and give the writer's automatic checkpoint the larger bound it then needs.
    fn start_checkpointer(&mut self) -> Result<()> {
        if self.checkpointer.is_some() {
            return Ok(());
        }
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(());
        };
        let c =
            Checkpointer::start(path.into(), self.synchronous).ctx("starting the checkpointer")?;
        self.conn
            .pragma_update(
                None,
                "wal_autocheckpoint",
                checkpoint::WRITER_AUTOCHECKPOINT,
            )
            .ctx("setting wal_autocheckpoint")?;
        self.checkpointer = Some(c);
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        migrate_to(&mut self.conn, i64::MAX)
    }

    fn select_events(
        &self,
        w: &filter::Where,
        order: &str,
        page: &Page,
        f: &mut dyn FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let limit = page.limit.min(i64::MAX as u64) as i64;
        let offset = page.offset.min(i64::MAX as u64) as i64;
        let (sql, params) = if *page == Page::ALL {
            let mut params = w.params.clone();
            params.extend([Val::Int(limit), Val::Int(offset)]);
            let sql = format!(
                "SELECT {RAW_EVENT_COLUMNS} FROM events e JOIN reports r ON r.rk = e.rk \
                 WHERE {} ORDER BY {order} LIMIT ? OFFSET ?",
                w.sql
            );
            (sql, params)
        } else {
            // Page on keys first, so only one page of rows is read and sorted whole.
            let (keys, params) = filter::page_keys(w, order, limit, offset);
            let sql = format!(
                "SELECT {RAW_EVENT_COLUMNS} FROM events e JOIN reports r ON r.rk = e.rk \
                 WHERE e.ek IN ({keys}) ORDER BY {order}"
            );
            (sql, params)
        };
        let params: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
        let mut stmt = self.conn.prepare_cached(&sql).ctx("preparing a query")?;
        let mut rows = stmt.query(params.as_slice()).ctx("running a query")?;
        while let Some(row) = rows.next().ctx("reading a query")? {
            let raw = raw_event(row).ctx("reading an event row")?;
            let corr = if raw.corrected {
                self.corrections_of_ek(raw.ek)?
            } else {
                vec![]
            };
            f(raw.finish(&corr)?)?;
        }
        Ok(())
    }

    fn corrections_of_ek(&self, ek: i64) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT c.field, c.value FROM corrections c JOIN events e ON e.event_id = c.event_id \
                 WHERE e.ek = ? ORDER BY c.seq",
            )
            .ctx("preparing corrections")?;
        let rows = st
            .query_map([ek], |r| Ok((r.get(0)?, r.get(1)?)))
            .ctx("reading corrections")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("reading corrections")
    }

    fn corrections_of(conn: &Connection, event_id: &str) -> Result<Vec<(String, String)>> {
        let mut st = conn
            .prepare_cached("SELECT field, value FROM corrections WHERE event_id = ? ORDER BY seq")
            .ctx("preparing corrections")?;
        let rows = st
            .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .ctx("reading corrections")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("reading corrections")
    }

    fn report_events(&self, rk: i64) -> Result<Vec<Event>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT e.json, e.corrected, e.event_id FROM reports r JOIN events e \
                 ON e.ek BETWEEN r.first_ek AND r.first_ek + r.n_events - 1 \
                 WHERE r.rk = ? ORDER BY e.ek",
            )
            .ctx("preparing report events")?;
        let mut rows = st.query([rk]).ctx("reading report events")?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx("reading report events")? {
            let json: String = row.get(0).ctx("reading an event")?;
            let corrected: bool = row.get(1).ctx("reading an event")?;
            let id: String = row.get(2).ctx("reading an event")?;
            let mut e: Event = serde_json::from_str(&json).ctx("reading a stored event")?;
            if corrected {
                for (f, v) in Self::corrections_of(&self.conn, &id)? {
                    let _ = overlay::apply(&mut e, &f, &v);
                }
            }
            out.push(e);
        }
        Ok(out)
    }

    /// The current event row with this id: `(ek, event json, report json)`.
    fn current_event(conn: &Connection, event_id: &str) -> Result<(i64, String, String)> {
        conn.query_row(
            "SELECT e.ek, e.json, r.json FROM events e JOIN reports r ON r.rk = e.rk \
             WHERE e.event_id = ? AND e.current = 1 ORDER BY e.ek DESC LIMIT 1",
            [event_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .ctx("looking up an event")?
        .ok_or_else(|| ErrorKind::NoSuchEvent(event_id.to_string()).into())
    }

    fn audit(conn: &Connection, a: &AuditEntry) -> Result<AuditEntry> {
        conn.prepare_cached(
            "INSERT INTO audit_log (at, who, action, event_id, report_id, field, old, new, note) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .and_then(|mut s| {
            s.execute(params![
                a.at,
                a.user,
                a.action,
                a.event_id,
                a.report_id,
                a.field,
                a.old,
                a.new,
                a.note
            ])
        })
        .ctx("writing the audit log")?;
        Ok(AuditEntry {
            seq: conn.last_insert_rowid(),
            ..a.clone()
        })
    }
}

/// Apply the migrations the store lacks, up to version `upto`, in one transaction.
fn migrate_to(conn: &mut Connection, upto: i64) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx("starting migration")?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .ctx("creating schema_migrations")?;
    let have: i64 = tx
        .query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
        .ctx("reading schema version")?;
    let known = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
    if have > known {
        return Err(ErrorKind::SchemaTooNew { found: have, known }.into());
    }
    for (v, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > have && m.0 <= upto) {
        tx.execute_batch(sql)
            .ctx(&format!("applying migration {v:04}_{name}"))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            params![v, name, now()],
        )
        .ctx("recording migration")?;
    }
    tx.commit().ctx("committing migration")
}

fn raw_event(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawEvent> {
    Ok(RawEvent {
        ek: row.get(0)?,
        json: row.get(1)?,
        date: row.get(2)?,
        date_from_report: row.get(3)?,
        report_id: row.get(4)?,
        version: row.get(5)?,
        report_date: row.get(6)?,
        source: row.get(7)?,
        url: row.get(8)?,
        story_id: row.get(9)?,
        review: row.get(10)?,
        superseded: row.get(11)?,
        corrected: row.get(12)?,
    })
}

fn audit_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: row.get(0)?,
        at: row.get(1)?,
        user: row.get(2)?,
        action: row.get(3)?,
        event_id: row.get(4)?,
        report_id: row.get(5)?,
        field: row.get(6)?,
        old: row.get(7)?,
        new: row.get(8)?,
        note: row.get(9)?,
    })
}

/// Rewrite the normalized columns and lookup rows of an event row after a correction
/// (`old` the columns it had).
fn write_event_cols(
    tx: &Connection,
    bulk: &mut BulkStatements,
    ek: i64,
    old: &EventCols,
    c: &EventCols,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE events SET date = ?2, date_from_report = ?3, date_precision = ?4, plover = ?5, \
         mode = ?6, cameo = ?7, acled_type = ?8, acled_sub = ?9, status = ?10, symm = ?11, \
         main = ?12, confidence = ?13, lat = ?14, lon = ?15, country = ?16, admin1 = ?17, \
         admin2 = ?18, place = ?19, place_id = ?20, geo_precision = ?21, fatalities = ?22, \
         corrected = 1 WHERE ek = ?1",
    )
    .and_then(|mut s| {
        s.execute(params![
            ek,
            c.date,
            c.date_from_report,
            c.date_precision,
            c.plover,
            c.mode,
            c.cameo,
            c.acled_type,
            c.acled_sub,
            c.status,
            c.symmetric,
            c.main,
            c.confidence,
            c.lat,
            c.lon,
            c.country,
            c.admin1,
            c.admin2,
            c.place,
            c.place_id,
            c.geo_precision,
            c.fatalities
        ])
    })
    .ctx("updating an event")?;
    let mut reg = Registry {
        known: &HashSet::default(),
        added: HashSet::default(),
        actor_keys: &ActorKeys::default(),
        added_actor_keys: ActorKeys::default(),
        place_terms: &HashMap::default(),
        added_place_terms: HashMap::default(),
    };
    for a in &old.actors {
        let ak = reg.actor_key(tx, a)?;
        postings::ROLES.remove(tx, bulk, [ak, role_code(a)], ek)?;
    }
    for term in old.place_terms() {
        let pt = reg.place_term(tx, term)?;
        postings::TERMS.remove(tx, bulk, [pt], ek)?;
    }
    write_links(tx, bulk, ek, c, &mut reg)
}

/// The `role_postings` number of an actor's role.
fn role_code(a: &rows::ActorRow) -> i64 {
    rows::role_code(a.role).expect("actor rows have one of the four roles")
}

/// `actor_keys` rows by code, then id (`''` without one): looked up without building a key.
type ActorKeys = HashMap<String, HashMap<String, i64>>;

/// Registry keys and actor keys already stored, and those this transaction adds.
pub(crate) struct Registry<'a> {
    known: &'a HashSet<String>,
    added: HashSet<String>,
    actor_keys: &'a ActorKeys,
    added_actor_keys: ActorKeys,
    place_terms: &'a HashMap<String, i64>,
    added_place_terms: HashMap<String, i64>,
}

impl Registry<'_> {
    /// True the first time a key unknown to the store is seen.
    fn is_new(&mut self, key: &str) -> bool {
        !self.known.contains(key) && self.added.insert(key.to_string())
    }

    /// The `actor_keys` key of an actor's (code, id), added when the store lacks it. Another
    /// process may have added it since the cache was filled: insert-or-ignore, then read.
    fn actor_key(&mut self, tx: &Connection, a: &rows::ActorRow) -> Result<i64> {
        let (code, id) = a.code_id();
        let known = |m: &ActorKeys| m.get(code).and_then(|ids| ids.get(id)).copied();
        if let Some(k) = known(self.actor_keys).or_else(|| known(&self.added_actor_keys)) {
            return Ok(k);
        }
        tx.prepare_cached("INSERT OR IGNORE INTO actor_keys (code, id) VALUES (?, ?)")
            .and_then(|mut s| s.execute([code, id]))
            .ctx("writing actor keys")?;
        let k: i64 = tx
            .prepare_cached("SELECT ak FROM actor_keys WHERE code = ? AND id = ?")
            .and_then(|mut s| s.query_row([code, id], |r| r.get(0)))
            .ctx("reading actor keys")?;
        self.added_actor_keys
            .entry(code.to_string())
            .or_default()
            .insert(id.to_string(), k);
        Ok(k)
    }

    /// The `place_terms` key of a place term, added when the store lacks it (as
    /// [`Registry::actor_key`]).
    fn place_term(&mut self, tx: &Connection, term: &str) -> Result<i64> {
        if let Some(&k) = self
            .place_terms
            .get(term)
            .or_else(|| self.added_place_terms.get(term))
        {
            return Ok(k);
        }
        tx.prepare_cached("INSERT OR IGNORE INTO place_terms (term) VALUES (?)")
            .and_then(|mut s| s.execute([term]))
            .ctx("writing place terms")?;
        let k: i64 = tx
            .prepare_cached("SELECT pt FROM place_terms WHERE term = ?")
            .and_then(|mut s| s.query_row([term], |r| r.get(0)))
            .ctx("reading place terms")?;
        self.added_place_terms.insert(term.to_string(), k);
        Ok(k)
    }
}

/// A cell of `event_counts_daily`: day (`''` when undated), PLOVER type, status, main flag
/// and review state; borrowed from the rows being written where it can be.
type CountCell<'a> = (Cow<'a, str>, Cow<'a, str>, Cow<'a, str>, bool, Cow<'a, str>);

/// Changes to the daily counts (migration 5) a transaction makes, written by
/// [`CountDeltas::write`] before it commits.
#[derive(Debug, Default)]
struct CountDeltas<'a>(HashMap<CountCell<'a>, i64>);

/// The cells of current events, with how many events each: `?1` and `?2` bound the
/// event keys (`ek`) read; an event id's review state is its cell's.
const CURRENT_CELLS_OF_RANGE: &str = "SELECT coalesce(e.date, ''), e.plover, e.status, e.main, \
    coalesce((SELECT v.state FROM review v WHERE v.event_id = e.event_id), 'auto'), count(*) \
    FROM events e WHERE e.ek BETWEEN ?1 AND ?2 AND e.current = 1 GROUP BY 1, 2, 3, 4, 5";

impl<'a> CountDeltas<'a> {
    /// Count `d` more events (negative: fewer) in the cell of `c` in review state `review`.
    fn add(&mut self, c: &'a EventCols, review: &'a str, d: i64) {
        let cell = (
            Cow::Borrowed(c.date.as_deref().unwrap_or_default()),
            Cow::Borrowed(c.plover.as_str()),
            Cow::Borrowed(c.status.as_str()),
            c.main,
            Cow::Borrowed(review),
        );
        *self.0.entry(cell).or_default() += d;
    }

    /// Count `sign` × the current events `sql` groups into cells (it returns the five cell
    /// columns and a count, like [`CURRENT_CELLS_OF_RANGE`]).
    fn add_query(
        &mut self,
        tx: &Connection,
        sql: &str,
        params: &[&dyn ToSql],
        sign: i64,
    ) -> Result<()> {
        let mut st = tx.prepare_cached(sql).ctx("preparing daily counts")?;
        let mut rows = st.query(params).ctx("reading daily counts")?;
        while let Some(r) = rows.next().ctx("reading daily counts")? {
            let cell: CountCell = (
                Cow::Owned(r.get(0).ctx("reading daily counts")?),
                Cow::Owned(r.get(1).ctx("reading daily counts")?),
                Cow::Owned(r.get(2).ctx("reading daily counts")?),
                r.get(3).ctx("reading daily counts")?,
                Cow::Owned(r.get(4).ctx("reading daily counts")?),
            );
            let n: i64 = r.get(5).ctx("reading daily counts")?;
            *self.0.entry(cell).or_default() += sign * n;
        }
        Ok(())
    }

    /// Apply the changes: add to each cell, then delete the cells that reach zero.
    fn write(self, tx: &Connection, bulk: &mut BulkStatements) -> Result<()> {
        let mut dropped = Vec::new();
        let mut cells: Vec<(&CountCell<'a>, &i64)> = self.0.iter().collect();
        cells.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut ps: Vec<&dyn ToSql> = Vec::with_capacity(self.0.len() * 6);
        for (cell, n) in cells {
            if *n == 0 {
                continue;
            }
            if *n < 0 {
                dropped.push(cell);
            }
            ps.extend([&cell.0 as &dyn ToSql, &cell.1, &cell.2, &cell.3, &cell.4, n]);
        }
        bulk.insert(
            tx,
            "INSERT INTO event_counts_daily (day, plover, status, main, review, n) VALUES",
            "ON CONFLICT (day, plover, status, main, review) DO UPDATE SET n = n + excluded.n",
            6,
            &ps,
        )?;
        for c in dropped {
            tx.prepare_cached(
                "DELETE FROM event_counts_daily WHERE day = ? AND plover = ? AND status = ? \
                 AND main = ? AND review = ? AND n = 0",
            )
            .and_then(|mut s| s.execute(params![c.0, c.1, c.2, c.3, c.4]))
            .ctx("updating daily counts")?;
        }
        Ok(())
    }
}

/// The review states of the event ids that have one, when any event has one.
fn review_states(tx: &Connection, prep: &Prepared<'_>) -> Result<HashMap<String, String>> {
    let mut out = HashMap::default();
    let any: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM review)", [], |r| r.get(0))
        .ctx("looking up review states")?;
    if !any {
        return Ok(out);
    }
    let ids = serde_json::to_string(&prep.event_ids()).ctx("listing event ids")?;
    let mut st = tx
        .prepare_cached(
            "SELECT event_id, state FROM review WHERE event_id IN (SELECT value FROM json_each(?))",
        )
        .ctx("preparing review states")?;
    let rows = st
        .query_map([&ids], |r| Ok((r.get(0)?, r.get(1)?)))
        .ctx("looking up review states")?;
    for x in rows {
        let (id, state) = x.ctx("looking up review states")?;
        out.insert(id, state);
    }
    Ok(out)
}

fn write_links(
    tx: &Connection,
    bulk: &mut BulkStatements,
    ek: i64,
    c: &EventCols,
    reg: &mut Registry<'_>,
) -> Result<()> {
    let mut roles = Vec::with_capacity(c.actors.len());
    for a in &c.actors {
        roles.push((reg.actor_key(tx, a)?, role_code(a)));
    }
    let mut pts = Vec::new();
    for term in c.place_terms() {
        pts.push(reg.place_term(tx, term)?);
    }
    for (ak, role) in roles {
        postings::ROLES.add_one(tx, bulk, [ak, role], ek)?;
    }
    for pt in pts {
        postings::TERMS.add_one(tx, bulk, [pt], ek)?;
    }
    write_registry(tx, c, reg)
}

/// The registry rows (actors, places) of an event's columns that the store lacks.
fn write_registry(tx: &Connection, c: &EventCols, reg: &mut Registry<'_>) -> Result<()> {
    for a in &c.actors {
        write_registry_actor(tx, a, reg)?;
    }
    for p in &c.places {
        write_registry_place(tx, p, reg)?;
    }
    Ok(())
}

fn write_registry_actor(tx: &Connection, a: &rows::ActorRow, reg: &mut Registry<'_>) -> Result<()> {
    let key = a.key();
    if reg.is_new(&key) {
        tx.prepare_cached("INSERT OR IGNORE INTO actors (key, id, code, name) VALUES (?, ?, ?, ?)")
            .and_then(|mut s| s.execute(params![key, a.actor_id, a.code, a.name]))
            .ctx("writing actors")?;
    }
    Ok(())
}

fn write_registry_place(tx: &Connection, p: &rows::PlaceRow, reg: &mut Registry<'_>) -> Result<()> {
    let key = p.key();
    if reg.is_new(&key) {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO places (key, id, name, country, admin1, admin2, lat, lon) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .and_then(|mut s| {
            s.execute(params![
                key, p.place_id, p.name, p.country, p.admin1, p.admin2, p.lat, p.lon
            ])
        })
        .ctx("writing places")?;
    }
    Ok(())
}

const INS_EVENTS: &str = "INSERT OR FAIL INTO events (ek, rk, pos, event_id, report_id, story_id, \
    current, date, date_from_report, date_precision, plover, mode, cameo, acled_type, acled_sub, \
    status, symm, main, confidence, lat, lon, country, admin1, admin2, place, place_id, \
    geo_precision, outlet_lc, outlet_id, fatalities, corrected, json) VALUES";
const INS_REPORTS: &str = "INSERT OR FAIL INTO reports (rk, id, version, text_sha256, date, lang, \
    source, url, outlet_id, story_id, superseded, n_events, first_ek, ingested_at, minhash, \
    json) VALUES";

fn write_plan(
    tx: &Connection,
    bulk: &mut BulkStatements,
    plan: &Plan,
    reviews: &HashMap<String, String>,
    reg: &mut Registry<'_>,
    links: &mut EventLinks,
) -> Result<()> {
    let at = now();
    let mut counts = CountDeltas::default();
    for rk in &plan.supersede {
        // The old version's events leave the daily counts before they stop being current.
        let (first, last): (i64, i64) = tx
            .query_row(
                "SELECT first_ek, first_ek + n_events - 1 FROM reports WHERE rk = ?",
                [rk],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ctx("superseding a report")?;
        counts.add_query(tx, CURRENT_CELLS_OF_RANGE, &[&first, &last], -1)?;
        tx.execute("UPDATE reports SET superseded = 1 WHERE rk = ?", [rk])
            .ctx("superseding a report")?;
        tx.execute(
            "UPDATE events SET current = 0 WHERE ek BETWEEN \
             (SELECT first_ek FROM reports WHERE rk = ?1) AND \
             (SELECT first_ek + n_events - 1 FROM reports WHERE rk = ?1)",
            [rk],
        )
        .ctx("superseding events")?;
    }
    // Reports (their band keys are in their signatures), agreements and evacuations.
    let mut ps: Vec<&dyn ToSql> = Vec::with_capacity(plan.reports.len() * 16);
    for r in &plan.reports {
        ps.extend([
            &r.rk as &dyn ToSql,
            &r.id,
            &r.version,
            &r.sha,
            &r.date,
            &r.lang,
            &r.source,
            &r.url,
            &r.outlet_id,
            &r.story_id,
            &r.superseded,
            &r.n_events,
            &r.first_ek,
            &at,
            &r.sig,
            &r.json,
        ]);
        for (i, name, status, json) in &r.agreements {
            tx.prepare_cached(
                "INSERT INTO agreements (rk, idx, name, status, json) VALUES (?, ?, ?, ?, ?)",
            )
            .and_then(|mut s| s.execute(params![r.rk, i, name, status, json]))
            .ctx("writing agreements")?;
        }
        for (i, status, json) in &r.evacuations {
            tx.prepare_cached(
                "INSERT INTO evacuations (rk, idx, status, json) VALUES (?, ?, ?, ?)",
            )
            .and_then(|mut s| s.execute(params![r.rk, i, status, json]))
            .ctx("writing evacuations")?;
        }
    }
    bulk.insert(tx, INS_REPORTS, "", 16, &ps)?;
    // Events, then their actor and place rows: all rows of a table in a few statements.
    let per_report: Vec<(Option<String>, bool)> = plan
        .reports
        .iter()
        .map(|r| (r.source.as_ref().map(|s| s.to_lowercase()), !r.superseded))
        .collect();
    let mut ps: Vec<&dyn ToSql> = Vec::with_capacity(plan.events.len() * 32);
    for e in &plan.events {
        let r = &plan.reports[e.report];
        let (outlet_lc, current) = &per_report[e.report];
        let c = &e.cols;
        ps.extend([
            &e.ek as &dyn ToSql,
            &r.rk,
            &e.pos,
            &e.event_id,
            &r.id,
            &r.story_id,
            current,
            &c.date,
            &c.date_from_report,
            &c.date_precision,
            &c.plover,
            &c.mode,
            &c.cameo,
            &c.acled_type,
            &c.acled_sub,
            &c.status,
            &c.symmetric,
            &c.main,
            &c.confidence,
            &c.lat,
            &c.lon,
            &c.country,
            &c.admin1,
            &c.admin2,
            &c.place,
            &c.place_id,
            &c.geo_precision,
            outlet_lc,
            &r.outlet_id,
            &c.fatalities,
            &e.corrected,
            &e.json,
        ]);
    }
    bulk.insert(tx, INS_EVENTS, "", 32, &ps)?;
    drop(ps);
    for (e, (_, current)) in plan.events.iter().map(|e| (e, &per_report[e.report])) {
        if *current {
            let review = reviews.get(&e.event_id).map_or("auto", String::as_str);
            counts.add(&e.cols, review, 1);
        }
    }
    counts.write(tx, bulk)?;
    // Actors and places go to the batch's posting lists, written once before the commit.
    for e in &plan.events {
        for a in &e.cols.actors {
            links.roles.add([reg.actor_key(tx, a)?, role_code(a)], e.ek);
        }
        for term in e.cols.place_terms() {
            links.terms.add([reg.place_term(tx, term)?], e.ek);
        }
    }
    // Registry rows: each distinct actor and place of the batch once (formatting a key per
    // mention cost more than all the place rows).
    let mut actors = HashSet::default();
    let mut places = HashSet::default();
    for e in &plan.events {
        for a in &e.cols.actors {
            if actors.insert((&a.actor_id, &a.code, &a.name)) {
                write_registry_actor(tx, a, reg)?;
            }
        }
        for p in &e.cols.places {
            if places.insert((&p.place_id, &p.name_lc, &p.country)) {
                write_registry_place(tx, p, reg)?;
            }
        }
    }
    for (id, old, new) in &plan.revisions {
        SqliteStore::audit(
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

/// Every stored actor key.
fn load_actor_keys(tx: &Connection) -> Result<ActorKeys> {
    let mut st = tx
        .prepare("SELECT code, id, ak FROM actor_keys")
        .ctx("reading actor keys")?;
    let mut rows = st.query([]).ctx("reading actor keys")?;
    let mut out = ActorKeys::default();
    while let Some(r) = rows.next().ctx("reading actor keys")? {
        let (code, id, ak): (String, String, i64) = (
            r.get(0).ctx("reading actor keys")?,
            r.get(1).ctx("reading actor keys")?,
            r.get(2).ctx("reading actor keys")?,
        );
        out.entry(code).or_default().insert(id, ak);
    }
    Ok(out)
}

/// Every stored place term.
fn load_place_terms(tx: &Connection) -> Result<HashMap<String, i64>> {
    let mut st = tx
        .prepare("SELECT term, pt FROM place_terms")
        .ctx("reading place terms")?;
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .ctx("reading place terms")?;
    rows.collect::<rusqlite::Result<_>>()
        .ctx("reading place terms")
}

/// Reports per slice of an ingest's pipeline (see [`SqliteStore::ingest`]) at most; 100 ran
/// the ingest benchmark ~10% faster than 250 (alternating runs).
const PIPELINE_SLICE: usize = 100;

/// Reports in the first slice of a batch. It is prepared before anything can be written, so
/// the slices grow from this size, doubling up to [`PIPELINE_SLICE`]: preparing a slice on one
/// thread takes about half as long as writing one of the same size, so each slice is ready
/// before the writer ends the one before it, twice as small.
const FIRST_SLICE: usize = 25;

/// `reports` cut into the pipeline's slices: [`FIRST_SLICE`], doubling, then
/// [`PIPELINE_SLICE`] each.
fn pipeline_slices(reports: &[raqib_core::Report]) -> Vec<&[raqib_core::Report]> {
    let mut out = Vec::with_capacity(reports.len() / PIPELINE_SLICE + 3);
    let (mut at, mut size) = (0, FIRST_SLICE);
    while at < reports.len() {
        let end = (at + size).min(reports.len());
        out.push(&reports[at..end]);
        at = end;
        size = (size * 2).min(PIPELINE_SLICE);
    }
    out
}

/// Plan and write one prepared slice of a batch, inside the batch's transaction; the plan is
/// returned for its stats (and to be dropped off the writing thread: freeing its ~20 strings an
/// event was 5% of that thread's instructions).
fn write_slice(
    tx: &Connection,
    bulk: &mut BulkStatements,
    band_index: &mut BandIndex,
    prep: Prepared<'_>,
    reg: &mut Registry<'_>,
    links: &mut EventLinks,
) -> Result<Plan> {
    // One lookup each for the batch's ids and band keys (JSON arrays, read by json_each),
    // not one query per report or per band.
    let mut existing = Vec::new();
    {
        let ids = serde_json::to_string(&prep.ids()).ctx("listing report ids")?;
        let mut st = tx
            .prepare_cached(
                "SELECT id, text_sha256, rk, version, superseded, story_id FROM reports \
                     WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id, version",
            )
            .ctx("preparing lookups")?;
        let rows = st
            .query_map([&ids], |r| {
                Ok(Existing {
                    id: r.get(0)?,
                    sha: r.get(1)?,
                    rk: r.get(2)?,
                    version: r.get(3)?,
                    superseded: r.get(4)?,
                    story_id: r.get(5)?,
                })
            })
            .ctx("looking up reports")?;
        for x in rows {
            existing.push(x.ctx("looking up reports")?);
        }
    }
    let max_rk = catch_up_band_index(tx, band_index)?;
    let candidates = band_candidates(tx, band_index, &prep.band_keys())?;
    let mut corrections: StdHashMap<String, Vec<(String, String)>> = StdHashMap::new();
    let any: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM corrections)", [], |r| {
            r.get(0)
        })
        .ctx("looking up corrections")?;
    if any {
        for id in prep.event_ids() {
            let cs = SqliteStore::corrections_of(tx, &id)?;
            if !cs.is_empty() {
                corrections.insert(id, cs);
            }
        }
    }
    let reviews = review_states(tx, &prep)?;
    let mut plan = plan::build(prep, existing, candidates, &corrections)?;
    // No report has been written since the catch-up read `max_rk`, in this transaction.
    let max_ek: i64 = tx
        .query_row("SELECT coalesce(max(ek), 0) FROM events", [], |r| r.get(0))
        .ctx("allocating keys")?;
    let rks: Vec<i64> = (1..=plan.reports.len() as i64)
        .map(|i| max_rk + i)
        .collect();
    let eks: Vec<i64> = (1..=plan.events.len() as i64).map(|i| max_ek + i).collect();
    plan.assign_keys(&rks, &eks);
    write_plan(tx, bulk, &plan, &reviews, reg, links)?;
    for r in &plan.reports {
        band_index
            .insert(r.rk, &r.bands)
            .map_err(|m| Error::invalid("report key", m))?;
    }
    band_index.cover(rks.last().copied().unwrap_or(max_rk));
    Ok(plan)
}

/// The stored reports that share a band key with `keys` (with their story and signature, for
/// the plan to compare), by band key, then report key.
fn band_candidates(
    tx: &Connection,
    index: &BandIndex,
    keys: &[i64],
) -> Result<Vec<(i64, Candidate)>> {
    let hits: Vec<(i64, Vec<i64>)> = keys
        .iter()
        .map(|&k| (k, index.reports_with(k)))
        .filter(|(_, rks)| !rks.is_empty())
        .collect();
    if hits.is_empty() {
        return Ok(Vec::new());
    }
    let mut rks: Vec<i64> = hits
        .iter()
        .flat_map(|(_, rks)| rks.iter().copied())
        .collect();
    rks.sort_unstable();
    rks.dedup();
    let list = serde_json::to_string(&rks).ctx("listing candidate reports")?;
    let mut st = tx
        .prepare_cached(
            "SELECT r.rk, r.story_id, r.minhash FROM json_each(?) k \
             JOIN reports r ON r.rk = k.value",
        )
        .ctx("preparing candidates")?;
    let rows = st
        .query_map([&list], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<Vec<u8>>>(2)?,
            ))
        })
        .ctx("looking up candidates")?;
    let mut stored: HashMap<i64, (String, near::Signature)> = HashMap::default();
    for x in rows {
        let (rk, story_id, sig) = x.ctx("looking up candidates")?;
        if let Some(sig) = sig.as_deref().and_then(near::from_bytes) {
            stored.insert(rk, (story_id, sig));
        }
    }
    let mut out = Vec::new();
    for (key, rks) in hits {
        for rk in rks {
            if let Some((story_id, sig)) = stored.get(&rk) {
                out.push((
                    key,
                    Candidate {
                        rk,
                        story_id: story_id.clone(),
                        sig: *sig,
                    },
                ));
            }
        }
    }
    out.sort_by_key(|(key, c)| (*key, c.rk));
    Ok(out)
}

/// Add to `index` the band keys of the stored reports it does not cover yet (written by
/// another process, or every report when it is new), from their stored signatures, in the
/// transaction `tx`; returns the largest stored report key.
fn catch_up_band_index(tx: &Connection, index: &mut BandIndex) -> Result<i64> {
    let max_rk: i64 = tx
        .query_row("SELECT coalesce(max(rk), 0) FROM reports", [], |r| r.get(0))
        .ctx("reading report keys")?;
    if max_rk <= index.covered() {
        return Ok(max_rk);
    }
    let mut st = tx
        .prepare_cached(
            "SELECT rk, minhash FROM reports WHERE rk > ? AND rk <= ? AND minhash IS NOT NULL",
        )
        .ctx("reading signatures")?;
    let mut rows = st
        .query([index.covered(), max_rk])
        .ctx("reading signatures")?;
    while let Some(r) = rows.next().ctx("reading signatures")? {
        let rk: i64 = r.get(0).ctx("reading signatures")?;
        let bytes = r.get_ref(1).ctx("reading signatures")?;
        if let Some(sig) = bytes.as_blob().ok().and_then(near::from_bytes) {
            index
                .insert_signature(rk, &sig)
                .map_err(|m| Error::invalid("report key", m))?;
        }
    }
    index.cover(max_rk);
    Ok(max_rk)
}

impl EventStore for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn ingest(&mut self, reports: &[raqib_core::Report]) -> Result<IngestStats> {
        if reports.is_empty() {
            return Ok(IngestStats::default());
        }
        self.start_checkpointer()?;
        // An index that holds the keys of a transaction that rolled back (report keys another
        // process may now give to other reports) is dropped and built again.
        if self
            .band_index
            .as_ref()
            .is_some_and(|ix| ix.covered() > self.band_index_committed)
        {
            self.band_index = None;
            self.band_index_committed = 0;
        }
        let band_index = self.band_index.get_or_insert_with(BandIndex::default);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting an ingest")?;
        if self.actor_keys.is_empty() {
            self.actor_keys = load_actor_keys(&tx)?;
        }
        if self.place_terms.is_empty() {
            self.place_terms = load_place_terms(&tx)?;
        }
        let mut reg = Registry {
            known: &self.known,
            added: HashSet::default(),
            actor_keys: &self.actor_keys,
            added_actor_keys: ActorKeys::default(),
            place_terms: &self.place_terms,
            added_place_terms: HashMap::default(),
        };
        // A pipeline inside the one transaction: while this thread writes a slice of the
        // batch, another hashes, signs and serializes the next (pure CPU), so on two cores
        // the preparation costs no wall time. The first slice, which nothing can overlap, is
        // prepared on every core; the later ones on one thread: spread over rayon's workers
        // they took this thread's core away from it for a fifth of the ingest.
        let slices = pipeline_slices(reports);
        let mut stats = IngestStats::default();
        let mut links = EventLinks::default();
        std::thread::scope(|s| -> Result<()> {
            let mut next = Some(Prepared::new(slices[0]));
            for i in 0..slices.len() {
                let prep = next.take().expect("prepared slice");
                let ahead = slices
                    .get(i + 1)
                    .map(|&sl| s.spawn(move || Prepared::new_on_this_thread(sl)));
                let plan =
                    write_slice(&tx, &mut self.bulk, band_index, prep, &mut reg, &mut links)?;
                stats += plan.stats;
                s.spawn(move || drop(plan));
                next = ahead.map(|h| h.join().expect("preparing a slice panicked"));
            }
            Ok(())
        })?;
        links.write(&tx, &mut self.bulk)?;
        let (added, added_actor_keys, added_place_terms) =
            (reg.added, reg.added_actor_keys, reg.added_place_terms);
        tx.commit().ctx("committing an ingest")?;
        self.band_index_committed = band_index.covered();
        if let Some(c) = &self.checkpointer {
            c.wake();
        }
        self.place_terms.extend(added_place_terms);
        for (code, ids) in added_actor_keys {
            self.actor_keys.entry(code).or_default().extend(ids);
        }
        // Only keys of committed rows become known (a failed batch rolls its keys back).
        if self.known.len() > 1_000_000 {
            self.known.clear();
        }
        self.known.extend(added);
        Ok(stats)
    }

    fn dead_letter(
        &mut self,
        id: Option<&str>,
        origin: &str,
        input: Option<&str>,
        reason: &str,
    ) -> Result<()> {
        let at = now();
        self.conn
            .execute(
                "INSERT INTO dead_letters (report_id, origin, input, reason, at, last_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (report_id, origin, reason) DO UPDATE \
                 SET attempts = attempts + 1, last_at = excluded.last_at, \
                 input = coalesce(excluded.input, input)",
                params![id.unwrap_or(""), origin, input, reason, at],
            )
            .ctx("writing a dead letter")?;
        Ok(())
    }

    fn dead_letters(&self) -> Result<Vec<DeadLetter>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT report_id, origin, input, reason, at, attempts FROM dead_letters \
                 ORDER BY seq",
            )
            .ctx("reading dead letters")?;
        let rows = st
            .query_map([], |r| {
                let id: String = r.get(0)?;
                Ok(DeadLetter {
                    report_id: (!id.is_empty()).then_some(id),
                    origin: r.get(1)?,
                    input: r.get(2)?,
                    reason: r.get(3)?,
                    at: r.get(4)?,
                    attempts: r.get(5)?,
                })
            })
            .ctx("reading dead letters")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("reading dead letters")
    }

    fn query(&self, filter: &Filter, page: &Page) -> Result<Vec<StoredEvent>> {
        let w = filter::build_on(filter, LAYOUT)?;
        let mut out = Vec::new();
        self.select_events(&w, "e.date DESC, e.ek DESC", page, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    fn for_each_event(
        &self,
        filter: &Filter,
        f: &mut dyn FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let w = filter::build_on(filter, LAYOUT)?;
        self.select_events(&w, "e.date DESC, e.ek DESC", &Page::ALL, f)
    }

    fn count(&self, filter: &Filter) -> Result<u64> {
        if let Some(c) = filter::daily_counts(filter)? {
            let sql = format!(
                "SELECT coalesce(sum(c.n), 0) FROM event_counts_daily c WHERE {}",
                c.sql
            );
            let n: i64 = self
                .conn
                .prepare_cached(&sql)
                .and_then(|mut s| s.query_row(rusqlite::params_from_iter(&c.params), |r| r.get(0)))
                .ctx("counting events")?;
            return Ok(n as u64);
        }
        let w = filter::build_on(filter, LAYOUT)?;
        let sql = format!("SELECT count(*) FROM events e WHERE {}", w.sql);
        let n: i64 = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(rusqlite::params_from_iter(&w.params), |r| r.get(0)))
            .ctx("counting events")?;
        Ok(n as u64)
    }

    fn count_by_day(&self, filter: &Filter) -> Result<Vec<(String, u64)>> {
        // From the daily counts when they keep what the filter asks (a year of one type is
        // a few hundred cells instead of tens of thousands of events).
        let (w, sql) = match filter::daily_counts(filter)? {
            Some(c) => {
                let sql = format!(
                    "SELECT c.day, sum(c.n) FROM event_counts_daily c WHERE {} AND c.day <> '' \
                     GROUP BY c.day ORDER BY c.day",
                    c.sql
                );
                (c, sql)
            }
            None => {
                let w = filter::build_on(filter, LAYOUT)?;
                let sql = format!(
                    "SELECT e.date, count(*) FROM events e WHERE {} AND e.date IS NOT NULL \
                     GROUP BY e.date ORDER BY e.date",
                    w.sql
                );
                (w, sql)
            }
        };
        let mut st = self.conn.prepare_cached(&sql).ctx("preparing counts")?;
        let rows = st
            .query_map(rusqlite::params_from_iter(&w.params), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .ctx("counting by day")?;
        rows.collect::<rusqlite::Result<_>>().ctx("counting by day")
    }

    fn event(&self, event_id: &str) -> Result<Option<StoredEvent>> {
        let w = filter::Where {
            sql: "e.event_id = ? AND e.current = 1".into(),
            params: vec![Val::Text(event_id.to_string())],
            ..Default::default()
        };
        let mut out = None;
        self.select_events(
            &w,
            "e.ek DESC",
            &Page {
                limit: 1,
                offset: 0,
            },
            &mut |e| {
                out = Some(e);
                Ok(())
            },
        )?;
        Ok(out)
    }

    fn report(&self, id: &str) -> Result<Option<raqib_core::Report>> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT rk, json FROM reports WHERE id = ? AND superseded = 0 \
                 ORDER BY version DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx("reading a report")?;
        match row {
            None => Ok(None),
            Some((rk, json)) => Ok(Some(rows::assemble(&json, self.report_events(rk)?)?)),
        }
    }

    fn report_versions(&self, id: &str) -> Result<Vec<ReportVersion>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, version, text_sha256, superseded, story_id, n_events, ingested_at \
                 FROM reports WHERE id = ? ORDER BY version",
            )
            .ctx("reading versions")?;
        let rows = st
            .query_map([id], |r| {
                Ok(ReportVersion {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    text_sha256: r.get(2)?,
                    superseded: r.get(3)?,
                    story_id: r.get(4)?,
                    events: r.get(5)?,
                    ingested_at: r.get(6)?,
                })
            })
            .ctx("reading versions")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("reading versions")
    }

    fn for_each_report(&self, f: &mut dyn FnMut(raqib_core::Report) -> Result<()>) -> Result<()> {
        let mut st = self
            .conn
            .prepare("SELECT rk, json FROM reports WHERE superseded = 0 ORDER BY rk")
            .ctx("reading reports")?;
        let mut rows = st.query([]).ctx("reading reports")?;
        while let Some(row) = rows.next().ctx("reading reports")? {
            let rk: i64 = row.get(0).ctx("reading reports")?;
            let json: String = row.get(1).ctx("reading reports")?;
            f(rows::assemble(&json, self.report_events(rk)?)?)?;
        }
        Ok(())
    }

    fn edit(&mut self, event_id: &str, edit: &Edit) -> Result<Vec<AuditEntry>> {
        if edit.set.is_empty() {
            return Err(Error::invalid("edit", "nothing to set"));
        }
        for (f, v) in &edit.set {
            overlay::validate(f, v)?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting an edit")?;
        let (ek, json, report_json) = SqliteStore::current_event(&tx, event_id)?;
        let report = rows::assemble(&report_json, vec![])?;
        let mut event: Event = serde_json::from_str(&json).ctx("reading a stored event")?;
        for (f, v) in SqliteStore::corrections_of(&tx, event_id)? {
            let _ = overlay::apply(&mut event, &f, &v);
        }
        let old_cols = rows::event_cols(&report, &event);
        let at = now();
        let mut out = Vec::new();
        for (f, v) in &edit.set {
            let field = overlay::canonical(f);
            let old = overlay::value_of(&event, field);
            overlay::apply(&mut event, field, v)?;
            let new = overlay::value_of(&event, field);
            let entry = SqliteStore::audit(
                &tx,
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
                "INSERT INTO corrections (event_id, field, value, seq) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (event_id, field) DO UPDATE SET value = excluded.value, seq = excluded.seq",
                params![event_id, field, v, entry.seq],
            )
            .ctx("writing a correction")?;
            out.push(entry);
        }
        let cols = rows::event_cols(&report, &event);
        write_event_cols(&tx, &mut self.bulk, ek, &old_cols, &cols)?;
        let review: String = tx
            .query_row(
                "SELECT state FROM review WHERE event_id = ?",
                [event_id],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading review state")?
            .unwrap_or_else(|| "auto".into());
        let mut counts = CountDeltas::default();
        counts.add(&old_cols, &review, -1);
        counts.add(&cols, &review, 1);
        counts.write(&tx, &mut self.bulk)?;
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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting a review")?;
        let _ = SqliteStore::current_event(&tx, event_id)?;
        let old: ReviewState = tx
            .query_row(
                "SELECT state FROM review WHERE event_id = ?",
                [event_id],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .ctx("reading review state")?
            .and_then(|s| ReviewState::parse(&s))
            .unwrap_or_default();
        if !old.can_move_to(state) {
            return Err(Error::invalid(
                "review state",
                format!("event {event_id} is {old}; it cannot become {state}"),
            ));
        }
        // The event id's current events move to the new state's cells of the daily counts.
        let mut counts = CountDeltas::default();
        for (state, sign) in [(old, -1), (state, 1)] {
            counts.add_query(
                &tx,
                "SELECT coalesce(date, ''), plover, status, main, ?2, count(*) FROM events \
                 WHERE event_id = ?1 AND current = 1 GROUP BY 1, 2, 3, 4",
                &[&event_id, &state.as_str()],
                sign,
            )?;
        }
        counts.write(&tx, &mut self.bulk)?;
        let at = now();
        tx.execute(
            "INSERT INTO review (event_id, state, who, at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (event_id) DO UPDATE SET state = excluded.state, who = excluded.who, \
             at = excluded.at",
            params![event_id, state.as_str(), user, at],
        )
        .ctx("writing review state")?;
        let report_id: Option<String> = tx
            .query_row(
                "SELECT report_id FROM events WHERE event_id = ? AND current = 1 LIMIT 1",
                [event_id],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading an event")?;
        let entry = SqliteStore::audit(
            &tx,
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
        let w = filter::build_on(
            &Filter {
                review: Some(ReviewState::Auto),
                ..Default::default()
            },
            LAYOUT,
        )?;
        let mut out = Vec::new();
        self.select_events(&w, "e.confidence ASC, e.ek ASC", page, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    fn audit_log(&self, event_id: Option<&str>, page: &Page) -> Result<Vec<AuditEntry>> {
        let cols = "seq, at, who, action, event_id, report_id, field, old, new, note";
        let limit = page.limit.min(i64::MAX as u64) as i64;
        let offset = page.offset.min(i64::MAX as u64) as i64;
        let mut out = Vec::new();
        match event_id {
            Some(id) => {
                let mut st = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT {cols} FROM audit_log WHERE event_id = ? ORDER BY seq DESC \
                         LIMIT ? OFFSET ?"
                    ))
                    .ctx("reading the audit log")?;
                for r in st
                    .query_map(params![id, limit, offset], audit_row)
                    .ctx("reading the audit log")?
                {
                    out.push(r.ctx("reading the audit log")?);
                }
            }
            None => {
                let mut st = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT {cols} FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?"
                    ))
                    .ctx("reading the audit log")?;
                for r in st
                    .query_map(params![limit, offset], audit_row)
                    .ctx("reading the audit log")?
                {
                    out.push(r.ctx("reading the audit log")?);
                }
            }
        }
        Ok(out)
    }

    fn stats(&self) -> Result<StoreStats> {
        self.conn
            .query_row(
                "SELECT (SELECT coalesce(max(version), 0) FROM schema_migrations), \
                 (SELECT count(DISTINCT id) FROM reports), (SELECT count(*) FROM reports), \
                 (SELECT count(*) FROM reports WHERE superseded = 1), \
                 (SELECT count(*) FROM events WHERE current = 1), \
                 (SELECT count(DISTINCT story_id) FROM reports WHERE superseded = 0), \
                 (SELECT count(*) FROM dead_letters), \
                 (SELECT count(DISTINCT event_id) FROM corrections), \
                 (SELECT count(*) FROM audit_log)",
                [],
                |r| {
                    Ok(StoreStats {
                        schema_version: r.get(0)?,
                        reports: r.get::<_, i64>(1)? as u64,
                        versions: r.get::<_, i64>(2)? as u64,
                        superseded: r.get::<_, i64>(3)? as u64,
                        events: r.get::<_, i64>(4)? as u64,
                        stories: r.get::<_, i64>(5)? as u64,
                        dead_letters: r.get::<_, i64>(6)? as u64,
                        corrected_events: r.get::<_, i64>(7)? as u64,
                        audit_entries: r.get::<_, i64>(8)? as u64,
                    })
                },
            )
            .ctx("reading stats")
    }

    fn integrity_check(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut st = self
            .conn
            .prepare("PRAGMA integrity_check")
            .ctx("integrity check")?;
        for r in st
            .query_map([], |r| r.get::<_, String>(0))
            .ctx("integrity check")?
        {
            let r = r.ctx("integrity check")?;
            if r != "ok" {
                out.push(r);
            }
        }
        out.extend(consistency(&self.conn)?);
        Ok(out)
    }
}

/// Application-level invariants both backends check the same way.
pub(crate) const CONSISTENCY_CHECKS: &[(&str, &str)] = &[
    (
        "events without their report",
        "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.rk = e.rk)",
    ),
    (
        "reports whose event count differs from their event rows",
        "SELECT count(*) FROM reports r LEFT JOIN \
         (SELECT rk, count(*) AS n FROM events GROUP BY rk) x ON x.rk = r.rk \
         WHERE r.n_events <> coalesce(x.n, 0)",
    ),
    (
        "report ids with more than one current version",
        "SELECT count(*) FROM (SELECT id FROM reports WHERE superseded = 0 GROUP BY id \
         HAVING count(*) > 1) x",
    ),
    (
        "events whose current flag disagrees with their report",
        "SELECT count(*) FROM events e JOIN reports r ON r.rk = e.rk \
         WHERE e.current = r.superseded",
    ),
];

/// The daily counts (migration 5) that differ from a count over the current events, in
/// either direction (SQLite only).
const DAILY_COUNTS_CHECK: (&str, &str) = (
    "daily count cells that differ from the current events",
    "WITH live AS (SELECT coalesce(e.date, '') AS day, e.plover, e.status, e.main, \
     coalesce((SELECT v.state FROM review v WHERE v.event_id = e.event_id), 'auto') AS review, \
     count(*) AS n FROM events e WHERE e.current = 1 GROUP BY 1, 2, 3, 4, 5), \
     kept AS (SELECT day, plover, status, main, review, n FROM event_counts_daily) \
     SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM live)) + \
     (SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM kept))",
);

fn consistency(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (what, sql) in CONSISTENCY_CHECKS.iter().chain([&DAILY_COUNTS_CHECK]) {
        let n: i64 = conn
            .query_row(sql, [], |r| r.get(0))
            .ctx("consistency check")?;
        if n != 0 {
            out.push(format!("{n} {what}"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first `n` words of a story of 120 (a copy is the story with a few words less).
    fn story(n: usize) -> String {
        let words = [
            "shelling",
            "of",
            "douma",
            "killed",
            "civilians",
            "near",
            "market",
        ];
        (0..120)
            .map(|i| words[(i * 7 + i / 3) % words.len()].to_string() + &(i % 13).to_string())
            .take(n)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A report that shares no story with [`story`].
    fn unrelated(rng: &mut crate::synth::Rng) -> raqib_core::Report {
        crate::synth::report(
            rng,
            "other",
            "a wholly different text about talks in geneva between the delegations on the fate \
             of the detainees and the return of displaced families to their villages"
                .into(),
            10,
            1,
        )
    }

    /// A copy of a story is linked to it whichever store handle wrote the original: a
    /// handle's band index catches up with reports another handle (another process) wrote.
    #[test]
    fn copies_are_found_across_store_handles_and_batches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.db");
        let mut a = SqliteStore::open(&path).unwrap();
        let mut b = SqliteStore::open(&path).unwrap();
        let mut rng = crate::synth::Rng::new(3);
        let original = crate::synth::report(&mut rng, "orig", story(120), 10, 2);
        let other = unrelated(&mut rng);
        let other2 = crate::synth::report(
            &mut rng,
            "other2",
            "rain and cold weather closed the roads to the camps in the north, where aid \
             workers said tents had flooded and food deliveries were delayed by a week"
                .into(),
            10,
            1,
        );
        // Both handles have ingested (their filters are loaded) before the original exists.
        assert_eq!(a.ingest(&[other]).unwrap().near_duplicates, 0);
        assert_eq!(b.ingest(&[other2]).unwrap().near_duplicates, 0);
        assert_eq!(a.ingest(&[original]).unwrap().near_duplicates, 0);
        let copy = crate::synth::report(&mut rng, "copy", format!("{} (AFP)", story(118)), 10, 2);
        assert_eq!(b.ingest(&[copy]).unwrap().near_duplicates, 1);
        let copy2 =
            crate::synth::report(&mut rng, "copy2", format!("{} (SANA)", story(117)), 10, 1);
        assert_eq!(a.ingest(&[copy2]).unwrap().near_duplicates, 1);
        let stories: i64 = a
            .conn
            .query_row("SELECT count(DISTINCT story_id) FROM reports", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(stories, 3);
    }

    /// A batch that rolls back leaves no band keys behind: another handle may give its report
    /// keys to other reports, and a copy of one of those is still found.
    #[test]
    fn copies_are_found_after_a_batch_rolls_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let mut a = SqliteStore::open(&path).unwrap();
        let mut b = SqliteStore::open(&path).unwrap();
        let mut rng = crate::synth::Rng::new(5);
        let other = unrelated(&mut rng);
        a.ingest(&[other]).unwrap();
        a.conn
            .execute_batch(
                "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.reports WHEN NEW.id = 'fails' \
                 BEGIN SELECT RAISE(ABORT, 'boom'); END;",
            )
            .unwrap();
        // `a` indexes a first slice of the batch under the next report keys, then the
        // second slice fails and the batch rolls back.
        let mut batch = crate::synth::reports(9, FIRST_SLICE, 1);
        batch.push(crate::synth::report(&mut rng, "fails", story(60), 10, 1));
        assert!(a.ingest(&batch).is_err());
        assert!(a.band_index.as_ref().unwrap().covered() > FIRST_SLICE as i64);
        // `b` writes another story under that key; a copy of it must reach `a`'s candidates.
        let original = crate::synth::report(&mut rng, "orig", story(120), 10, 2);
        assert_eq!(b.ingest(&[original]).unwrap().near_duplicates, 0);
        let copy = crate::synth::report(&mut rng, "copy", format!("{} (AFP)", story(118)), 10, 1);
        assert_eq!(a.ingest(&[copy]).unwrap().near_duplicates, 1);
    }

    #[test]
    fn pipeline_slices_grow_to_full_size_and_keep_every_report_in_order() {
        let reports = crate::synth::reports(3, 480, 1);
        let slices = pipeline_slices(&reports);
        let sizes: Vec<usize> = slices.iter().map(|s| s.len()).collect();
        assert_eq!(sizes, [25, 50, 100, 100, 100, 100, 5]);
        let ids: Vec<&str> = slices
            .iter()
            .flat_map(|s| s.iter().map(|r| r.id.as_str()))
            .collect();
        let want: Vec<&str> = reports.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, want);
        assert_eq!(pipeline_slices(&reports[..10]).len(), 1);
        assert!(pipeline_slices(&[]).is_empty());
    }

    #[test]
    fn generated_cell_columns_match_filter_grids() {
        let s = SqliteStore::open_in_memory().unwrap();
        // The generated columns' expressions, as SQLite stored them in the schema.
        let sql: String = s
            .conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'events'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        for grid in [filter::Grid::HALF_DEGREE, filter::Grid::TENTH_DEGREE] {
            let col = grid.column.trim_start_matches("e.");
            let at = sql
                .find(&format!("{col} INTEGER GENERATED ALWAYS AS"))
                .unwrap();
            let expr = &sql[at..];
            let expr = &expr[expr.find("AS").unwrap() + 2..expr.find("VIRTUAL").unwrap()];
            let mut rng = crate::synth::Rng::new(7);
            for _ in 0..2000 {
                let lat = rng.unit() * 180.0 - 90.0;
                let lon = rng.unit() * 360.0 - 180.0;
                let got: i64 = s
                    .conn
                    .query_row(
                        &format!("SELECT {expr} FROM (SELECT ?1 AS lat, ?2 AS lon)"),
                        params![lat, lon],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(got, grid.cell(lat, lon), "{col}: lat {lat} lon {lon}");
            }
            for (lat, lon) in [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0), (33.5, 36.25)] {
                assert!(grid.cell(lat, lon) >= 0);
            }
            let step = 1.0 / grid.per_degree;
            assert_ne!(grid.cell(0.0, 180.0), grid.cell(step, -180.0));
        }
    }

    #[test]
    fn migrations_7_8_and_10_move_actor_and_place_rows_to_integer_keyed_lists() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 6).unwrap();
        conn.execute_batch(
            "INSERT INTO event_places (term, ek) VALUES ('douma', 1), ('rif dimashq', 1), \
             ('douma', 2), ('geo-douma', 2)",
        )
        .unwrap();
        // An actor with an id has a code row and an `@id` row per role and position.
        conn.execute_batch(
            "INSERT INTO event_actors (key, ek, role, pos) VALUES \
             ('SYRGOV', 1, 'source', 0), ('@syr-gov', 1, 'source', 0), \
             ('SYRCVL', 1, 'target', 0), \
             ('RUSMIL', 2, 'attribution', 0), ('@ru-mil', 2, 'attribution', 0), \
             ('RUSMIL', 2, 'attribution', 1), ('@ru-mil', 2, 'attribution', 1), \
             ('SYRGOV', 2, 'denier', 0)",
        )
        .unwrap();
        migrate_to(&mut conn, 8).unwrap();
        let keys: Vec<(String, String)> = conn
            .prepare("SELECT code, id FROM actor_keys ORDER BY code, id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let want = [
            ("RUSMIL", "ru-mil"),
            ("SYRCVL", ""),
            ("SYRGOV", ""),
            ("SYRGOV", "syr-gov"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(c, i)| (c.to_string(), i.to_string()))
            .collect();
        assert_eq!(keys, want);
        let roles_by = |conn: &Connection, sql: &str| -> Vec<(String, String, i64, i64)> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let terms_by = |conn: &Connection, sql: &str| -> Vec<(String, i64)> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let roles = roles_by(
            &conn,
            "SELECT k.code, k.id, r.ek, r.role FROM event_roles r JOIN actor_keys k \
             ON k.ak = r.ak ORDER BY r.ek, r.role",
        );
        let want_roles = [
            ("SYRGOV", "syr-gov", 1, 0),
            ("SYRCVL", "", 1, 1),
            ("RUSMIL", "ru-mil", 2, 2),
            ("SYRGOV", "", 2, 3),
        ];
        let want_roles: Vec<(String, String, i64, i64)> = want_roles
            .iter()
            .map(|(c, i, e, r)| (c.to_string(), i.to_string(), *e, *r))
            .collect();
        assert_eq!(roles, want_roles);
        let terms = terms_by(
            &conn,
            "SELECT t.term, p.ek FROM event_terms p JOIN place_terms t ON t.pt = p.pt \
             ORDER BY t.term, p.ek",
        );
        let want_terms = [
            ("douma", 1),
            ("douma", 2),
            ("geo-douma", 2),
            ("rif dimashq", 1),
        ];
        let want_terms: Vec<(String, i64)> = want_terms
            .iter()
            .map(|(t, e)| (t.to_string(), *e))
            .collect();
        assert_eq!(terms, want_terms);
        // Migration 10: the same rows as posting lists, of at most 1,000 events.
        conn.execute_batch(
            "INSERT INTO place_terms (term) VALUES ('aleppo'); \
             WITH RECURSIVE n(ek) AS (SELECT 10 UNION ALL SELECT ek + 1 FROM n WHERE ek < 2509) \
             INSERT INTO event_terms (pt, ek) \
             SELECT (SELECT pt FROM place_terms WHERE term = 'aleppo'), ek FROM n;",
        )
        .unwrap();
        migrate_to(&mut conn, i64::MAX).unwrap();
        let lists = terms_by(
            &conn,
            "SELECT first_ek || '-' || last_ek, json_array_length(eks) FROM term_postings \
             WHERE pt = (SELECT pt FROM place_terms WHERE term = 'aleppo') ORDER BY last_ek",
        );
        let want_lists = [("10-1009", 1000), ("1010-2009", 1000), ("2010-2509", 500)];
        let want_lists: Vec<(String, i64)> = want_lists
            .iter()
            .map(|(r, n)| (r.to_string(), *n))
            .collect();
        assert_eq!(lists, want_lists);
        conn.execute_batch("DELETE FROM term_postings WHERE pt = (SELECT pt FROM place_terms WHERE term = 'aleppo')")
            .unwrap();
        let roles = roles_by(
            &conn,
            "SELECT k.code, k.id, j.value, r.role FROM role_postings r, json_each(r.eks) j \
             JOIN actor_keys k ON k.ak = r.ak ORDER BY j.value, r.role",
        );
        assert_eq!(roles, want_roles);
        let terms = terms_by(
            &conn,
            "SELECT t.term, j.value FROM term_postings p, json_each(p.eks) j \
             JOIN place_terms t ON t.pt = p.pt ORDER BY t.term, j.value",
        );
        assert_eq!(terms, want_terms);
        let old: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name IN \
                 ('event_actors', 'event_places', 'event_roles', 'event_terms')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0);
    }

    #[test]
    fn radius_page_reads_the_cell_index() {
        let s = SqliteStore::open_in_memory().unwrap();
        let w = filter::build_on(
            &Filter {
                near: Some(crate::Near {
                    lat: 33.5,
                    lon: 36.3,
                    km: 25.0,
                }),
                ..Default::default()
            },
            LAYOUT,
        )
        .unwrap();
        assert!(w.cells.len() > 1, "{:?}", w.cells);
        let (keys, params) = filter::page_keys(&w, "e.date DESC, e.ek DESC", 50, 0);
        let plan: Vec<String> = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {keys}"))
            .unwrap()
            .query_map(rusqlite::params_from_iter(&params), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let cells = plan
            .iter()
            .filter(|l| l.contains("INDEX events_cell10_cover (cell10=?)"))
            .count();
        assert_eq!(cells, w.cells.len(), "{plan:#?}");
    }
}
