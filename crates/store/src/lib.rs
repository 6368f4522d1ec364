//! Storage of coded reports: one [`EventStore`] trait, two real backends.
//!
//! - **SQLite** ([`SqliteStore`]), embedded and the default: one file, WAL journal, no server.
//! - **PostgreSQL** ([`PgStore`]) for teams sharing one store.
//!
//! [`open`] picks the backend from what the user typed: `postgres://…` (or `postgresql://…`)
//! opens PostgreSQL, anything else is a SQLite file, created when missing.
//!
//! # Why it is built this way
//!
//! - **The coded report stays whole.** Each report version is stored as its contract JSON
//!   (events kept one row each), so every field of the contract survives; normalized tables
//!   (events, actors, places, attribution and denials, agreements, evacuations) exist only to
//!   query fast. Reading a report back reassembles the JSON.
//! - **Idempotent, crash-safe ingest.** A report version is keyed by its id and text hash:
//!   ingesting it again is a no-op. A batch of reports is one transaction, the report row and
//!   its events in it, so a `kill -9` at any moment leaves every report either whole or
//!   absent, and running again completes the store.
//! - **Revisions are versions.** The same report id with a new text is a new version; the old
//!   version and its events stay, marked superseded.
//! - **Humans win.** Analyst corrections are overlay rows keyed by event id, applied whenever an
//!   event is read or (re)written: a re-ingest or a revised article never undoes them. Every
//!   correction and review decision goes to the audit log with who, when, why, old and new.
//! - **One test suite.** Both backends run the same tests (`tests/suite.rs`), the way
//!   tantivy's directories do; the shared logic (planning an ingest, deriving rows, building
//!   filters, applying corrections) lives in backend-neutral modules so the backends only talk
//!   SQL.
#![deny(missing_docs)]

pub mod api;
mod band_index;
mod error;
pub mod export;
#[cfg(feature = "parquet")]
pub mod export_parquet;
mod filter;
pub mod near;
mod overlay;
mod pg;
mod plan;
mod rows;
mod sqlite;
pub mod synth;

use std::fmt;

use raqib_core::{Event, Report};
use serde::{Deserialize, Serialize};

pub use error::{Error, ErrorKind, Result};
pub use overlay::EDITABLE_FIELDS;
pub use pg::PgStore;
pub use sqlite::SqliteStore;

/// The store used when `--db` is absent.
pub const DEFAULT_PATH: &str = "raqib.db";

/// Open (or create) the store at `url_or_path`: a `postgres://` or `postgresql://` URL opens
/// PostgreSQL, anything else a SQLite file. Migrations run on open.
///
/// A PostgreSQL URL may carry `schema=NAME` among its query parameters: the store then lives
/// in that schema (created when missing), so several stores can share one database.
pub fn open(url_or_path: &str) -> Result<Box<dyn EventStore>> {
    if is_postgres_url(url_or_path) {
        Ok(Box::new(PgStore::open(url_or_path)?))
    } else {
        Ok(Box::new(SqliteStore::open(url_or_path)?))
    }
}

/// True for `postgres://…` and `postgresql://…`.
pub fn is_postgres_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// The storage boundary: every backend implements it and passes `tests/suite.rs`.
///
/// Reads apply analyst corrections; only the current version of each report is seen unless a
/// [`Filter`] asks for superseded ones.
pub trait EventStore: Send {
    /// Which backend this is (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// Store coded reports in one transaction. A report whose id and text hash are stored
    /// already is skipped; the same id with a new text becomes a new version and supersedes
    /// the old one. Near-duplicates of stored reports join their story.
    fn ingest(&mut self, reports: &[Report]) -> Result<IngestStats>;

    /// Keep a report that could not be read or coded, with the reason. The same id, origin
    /// and reason recorded again only counts another attempt.
    fn dead_letter(
        &mut self,
        id: Option<&str>,
        origin: &str,
        input: Option<&str>,
        reason: &str,
    ) -> Result<()>;

    /// The dead letters, oldest first.
    fn dead_letters(&self) -> Result<Vec<DeadLetter>>;

    /// One page of the events matching `filter`, latest date first.
    fn query(&self, filter: &Filter, page: &Page) -> Result<Vec<StoredEvent>>;

    /// Every event matching `filter`, latest date first, streamed to `f`.
    fn for_each_event(
        &self,
        filter: &Filter,
        f: &mut dyn FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()>;

    /// How many events match.
    fn count(&self, filter: &Filter) -> Result<u64>;

    /// How many events match, per day (`YYYY-MM-DD`, ascending; undated events left out).
    fn count_by_day(&self, filter: &Filter) -> Result<Vec<(String, u64)>>;

    /// One event of a current report version, by event id.
    fn event(&self, event_id: &str) -> Result<Option<StoredEvent>>;

    /// The current version of a report, corrections applied.
    fn report(&self, id: &str) -> Result<Option<Report>>;

    /// Every stored version of a report, oldest first.
    fn report_versions(&self, id: &str) -> Result<Vec<ReportVersion>>;

    /// Every current report, corrections applied, in ingest order (the tracking stage
    /// rebuilds from these).
    fn for_each_report(&self, f: &mut dyn FnMut(Report) -> Result<()>) -> Result<()>;

    /// Every current report, collected.
    fn reports(&self) -> Result<Vec<Report>> {
        let mut out = Vec::new();
        self.for_each_report(&mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// Correct fields of an event (see [`EDITABLE_FIELDS`]); each change is kept as an
    /// overlay and written to the audit log. Returns the audit entries written.
    fn edit(&mut self, event_id: &str, edit: &Edit) -> Result<Vec<AuditEntry>>;

    /// Move an event through review: `auto → reviewed → published`, or `rejected` from any
    /// state (and back to `reviewed`). Returns the audit entry written.
    fn set_review(
        &mut self,
        event_id: &str,
        state: ReviewState,
        user: &str,
        note: Option<&str>,
    ) -> Result<AuditEntry>;

    /// Events still in `auto` review, lowest confidence first.
    fn review_queue(&self, page: &Page) -> Result<Vec<StoredEvent>>;

    /// The audit log, newest first; only one event's entries when `event_id` is given.
    fn audit_log(&self, event_id: Option<&str>, page: &Page) -> Result<Vec<AuditEntry>>;

    /// Sizes of the store.
    fn stats(&self) -> Result<StoreStats>;

    /// The backend's own consistency check; empty when all is well.
    fn integrity_check(&self) -> Result<Vec<String>>;
}

/// What one [`EventStore::ingest`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestStats {
    /// Reports stored for the first time.
    pub new: u64,
    /// New versions of stored reports (revised text); the old versions are superseded.
    pub revised: u64,
    /// Reports already stored with the same text, skipped.
    pub unchanged: u64,
    /// Events stored.
    pub events: u64,
    /// Stored reports found to be copies of a story already in the store or the batch.
    pub near_duplicates: u64,
}

impl std::ops::AddAssign for IngestStats {
    fn add_assign(&mut self, o: IngestStats) {
        self.new += o.new;
        self.revised += o.revised;
        self.unchanged += o.unchanged;
        self.events += o.events;
        self.near_duplicates += o.near_duplicates;
    }
}

/// Review state of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ReviewState {
    /// As coded, not looked at.
    #[default]
    Auto,
    /// Checked by an analyst.
    Reviewed,
    /// Released.
    Published,
    /// Wrong; kept but not to be used.
    Rejected,
}

impl ReviewState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Auto => "auto",
            ReviewState::Reviewed => "reviewed",
            ReviewState::Published => "published",
            ReviewState::Rejected => "rejected",
        }
    }

    /// Parse the stored name.
    pub fn parse(s: &str) -> Option<ReviewState> {
        [
            ReviewState::Auto,
            ReviewState::Reviewed,
            ReviewState::Published,
            ReviewState::Rejected,
        ]
        .into_iter()
        .find(|x| x.as_str().eq_ignore_ascii_case(s))
    }

    /// Whether an event may move from `self` to `to`.
    pub fn can_move_to(self, to: ReviewState) -> bool {
        use ReviewState::*;
        matches!(
            (self, to),
            (Auto | Rejected | Reviewed, Reviewed)
                | (Reviewed | Published, Published)
                | (_, Rejected)
        )
    }
}

impl fmt::Display for ReviewState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which events a query selects. Every field narrows; the default selects every event of the
/// current report versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// First day, `YYYY-MM-DD`, inclusive (the event's date, else its report's).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// PLOVER type (`ASSAULT`).
    pub plover: Option<String>,
    /// CAMEO code prefix (`19`, `195`).
    pub cameo: Option<String>,
    /// ACLED event type or sub-event type (exact, case-insensitive).
    pub acled: Option<String>,
    /// An actor id, or a prefix of an actor code (`SYRREB`, `RUS`), in any role.
    pub actor: Option<String>,
    /// Restrict `actor` to one role: `source`, `target`, `attribution`, `denier`.
    pub actor_role: Option<String>,
    /// A place name, admin1, admin2 or place id (case-insensitive).
    pub place: Option<String>,
    /// Events within `km` of (`lat`, `lon`).
    pub near: Option<Near>,
    /// Event status (`asserted`, `claimed`...).
    pub status: Option<String>,
    /// Outlet: the report's source name (case-insensitive) or the outlet's id.
    pub outlet: Option<String>,
    /// Review state.
    pub review: Option<ReviewState>,
    /// Only events of this report.
    pub report: Option<String>,
    /// Only events of reports of this story.
    pub story: Option<String>,
    /// Only main events (`main: true`).
    pub main_only: bool,
    /// Include events of superseded report versions.
    pub include_superseded: bool,
}

/// A circle on the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Near {
    /// Latitude of the centre.
    pub lat: f64,
    /// Longitude of the centre.
    pub lon: f64,
    /// Radius in kilometres.
    pub km: f64,
}

/// A page of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// At most this many rows.
    pub limit: u64,
    /// Skip this many first.
    pub offset: u64,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            limit: 50,
            offset: 0,
        }
    }
}

impl Page {
    /// Everything.
    pub const ALL: Page = Page {
        limit: i64::MAX as u64,
        offset: 0,
    };
}

/// An event as stored, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// The store's key for the event row (stable within one store).
    pub key: i64,
    /// The event, analyst corrections applied.
    pub event: Event,
    /// Its effective date: the event's date, else its report's (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// True when `date` is the report's date because the event has none.
    pub date_from_report: bool,
    /// The report id.
    pub report_id: String,
    /// The report version (1 for the first text).
    pub report_version: i64,
    /// The report's publication date.
    pub report_date: Option<String>,
    /// The report's outlet name.
    pub outlet: Option<String>,
    /// The report's URL.
    pub url: Option<String>,
    /// The story the report is a copy of (near-duplicates share it).
    pub story_id: String,
    /// Review state.
    pub review: ReviewState,
    /// True when the report version has been superseded by a revision.
    pub superseded: bool,
    /// Fields an analyst corrected.
    pub corrected: Vec<String>,
}

/// One stored version of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportVersion {
    /// Report id.
    pub id: String,
    /// 1 for the first text.
    pub version: i64,
    /// Hash of its text.
    pub text_sha256: String,
    /// Superseded by a later version.
    pub superseded: bool,
    /// Its story.
    pub story_id: String,
    /// Number of events.
    pub events: i64,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
}

/// A correction of one event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// `(field, value)` pairs; see [`EDITABLE_FIELDS`].
    pub set: Vec<(String, String)>,
    /// Why.
    pub note: Option<String>,
    /// Who.
    pub user: String,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Order of entry.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (`raqib` for the store itself).
    pub user: String,
    /// `edit`, `review` or `revise`.
    pub action: String,
    /// The event concerned.
    pub event_id: Option<String>,
    /// The report concerned.
    pub report_id: Option<String>,
    /// The field changed.
    pub field: Option<String>,
    /// Its value before.
    pub old: Option<String>,
    /// Its value after.
    pub new: Option<String>,
    /// Why.
    pub note: Option<String>,
}

/// A report that could not be read or coded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetter {
    /// Its id, when known.
    pub report_id: Option<String>,
    /// Where it came from (file, line).
    pub origin: String,
    /// The input as read, when there was one.
    pub input: Option<String>,
    /// Why it failed.
    pub reason: String,
    /// When it first failed (RFC 3339, UTC).
    pub at: String,
    /// How many times it failed.
    pub attempts: i64,
}

/// Sizes of a store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStats {
    /// Schema version.
    pub schema_version: i64,
    /// Distinct report ids.
    pub reports: u64,
    /// Report versions, superseded ones included.
    pub versions: u64,
    /// Superseded versions.
    pub superseded: u64,
    /// Events of current versions.
    pub events: u64,
    /// Distinct stories of current versions.
    pub stories: u64,
    /// Dead letters.
    pub dead_letters: u64,
    /// Events with corrections.
    pub corrected_events: u64,
    /// Audit log entries.
    pub audit_entries: u64,
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
