//! What `raqib serve` needs of a store beyond [`EventStore`]: API tokens (hashed), keyset
//! pagination, grouped counts for charts and the registries of actors and places.
//!
//! Kept as a trait of its own ([`ApiStore`]) so the command-line stages keep their narrower
//! [`EventStore`]; both backends implement it in their `api` submodule with the same bound
//! parameters as the rest of the store (no value given by a client is ever SQL text).

use serde::{Deserialize, Serialize};

use crate::{Error, EventStore, Filter, Result, StoredEvent};

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenRole {
    /// Read everything the API serves.
    Reader,
    /// Read, submit reports, correct and review events.
    Analyst,
}

impl TokenRole {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenRole::Reader => "reader",
            TokenRole::Analyst => "analyst",
        }
    }

    /// Parse the stored name.
    pub fn parse(s: &str) -> Option<TokenRole> {
        match s {
            "reader" => Some(TokenRole::Reader),
            "analyst" => Some(TokenRole::Analyst),
            _ => None,
        }
    }
}

/// An API token as stored: never the secret, only its public id and what it may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// Public handle (a prefix of the secret's hash), safe to show and log.
    pub id: String,
    /// What it may do.
    pub role: TokenRole,
    /// Who or what holds it (shown in the audit log as the author of corrections).
    pub name: String,
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// Where the previous page of events ended (events come latest date first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Effective date of the last event of the page.
    pub date: Option<String>,
    /// Store key of the last event of the page.
    pub key: i64,
}

/// How counts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// The effective date (`YYYY-MM-DD`).
    Day,
    /// The PLOVER type.
    Type,
    /// The first place of the event (its name).
    Place,
    /// The event status.
    Status,
}

impl GroupBy {
    /// The column grouped on (a fixed name, never client text).
    pub(crate) fn column(self) -> &'static str {
        match self {
            GroupBy::Day => "e.date",
            GroupBy::Type => "e.plover",
            GroupBy::Place => "e.place",
            GroupBy::Status => "e.status",
        }
    }
}

/// Events of the current report versions counted by the dimensions the dashboard charts:
/// one cell per distinct combination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCell {
    /// Effective date.
    pub day: Option<String>,
    /// PLOVER type.
    pub plover: String,
    /// Status.
    pub status: String,
    /// Name of the first place.
    pub place: Option<String>,
    /// Main events only.
    pub main: bool,
    /// How many events.
    pub events: u64,
}

/// An actor of the store's registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryActor {
    /// Lexicon id of a named actor.
    pub id: Option<String>,
    /// CAMEO-style code.
    pub code: String,
    /// Canonical name.
    pub name: String,
}

/// A place of the store's registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryPlace {
    /// Gazetteer id.
    pub id: Option<String>,
    /// Canonical name.
    pub name: String,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// First-level administrative area.
    pub admin1: Option<String>,
    /// Second-level administrative area.
    pub admin2: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A store the HTTP API can serve from.
pub trait ApiStore: EventStore {
    /// Keep a new token: its public part and the hex SHA-256 of its secret.
    fn add_token(&mut self, token: &ApiToken, sha256: &str) -> Result<()>;

    /// The token whose secret hashes to `sha256`, revoked or not.
    fn token_by_sha256(&self, sha256: &str) -> Result<Option<ApiToken>>;

    /// Every token, oldest first.
    fn tokens(&self) -> Result<Vec<ApiToken>>;

    /// Revoke a token by its public id; false when there is no such token.
    fn revoke_token(&mut self, id: &str) -> Result<bool>;

    /// At most `limit` events matching `filter`, latest date first, after `after`.
    fn query_after(
        &self,
        filter: &Filter,
        after: Option<&Cursor>,
        limit: u64,
    ) -> Result<Vec<StoredEvent>>;

    /// Matching events counted per group (undated or unplaced events left out), by key.
    fn count_groups(&self, filter: &Filter, by: GroupBy) -> Result<Vec<(String, u64)>>;

    /// Every current event counted by day, type, status, first place and main flag.
    fn facet_cells(&self) -> Result<Vec<FacetCell>>;

    /// Every actor ever stored.
    fn actor_registry(&self) -> Result<Vec<RegistryActor>>;

    /// Every place ever stored.
    fn place_registry(&self) -> Result<Vec<RegistryPlace>>;

    /// A value that changes whenever reports are stored or events corrected or reviewed.
    fn change_marker(&self) -> Result<String>;
}

/// Open the store at `url_or_path` (see [`crate::open`]) for the HTTP API.
pub fn open_api(url_or_path: &str) -> Result<Box<dyn ApiStore>> {
    if crate::is_postgres_url(url_or_path) {
        Ok(Box::new(crate::PgStore::open(url_or_path)?))
    } else {
        Ok(Box::new(crate::SqliteStore::open(url_or_path)?))
    }
}

/// The SQL after a filter's WHERE clause for keyset pagination, and its parameters. Both
/// backends order `date DESC` with undated events last, then `ek DESC`. The key is bound as a
/// float (exact below 2^53) because the shared bound-value type has no integer.
pub(crate) fn after_clause(after: Option<&Cursor>) -> (String, Vec<crate::filter::Val>) {
    use crate::filter::Val;
    match after {
        None => (String::new(), vec![]),
        Some(Cursor { date: Some(d), key }) => (
            " AND (e.date < ? OR (e.date = ? AND e.ek < CAST(? AS DOUBLE PRECISION)) \
             OR e.date IS NULL)"
                .into(),
            vec![
                Val::Text(d.clone()),
                Val::Text(d.clone()),
                Val::Real(*key as f64),
            ],
        ),
        Some(Cursor { date: None, key }) => (
            " AND (e.date IS NULL AND e.ek < CAST(? AS DOUBLE PRECISION))".into(),
            vec![Val::Real(*key as f64)],
        ),
    }
}

pub(crate) fn check_token_fields(token: &ApiToken, sha256: &str) -> Result<()> {
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::invalid("token hash", "expected 64 hex digits"));
    }
    if token.id.is_empty() || token.name.trim().is_empty() {
        return Err(Error::invalid("token", "id and name must not be empty"));
    }
    Ok(())
}
