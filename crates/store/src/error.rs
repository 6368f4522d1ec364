//! Typed errors of the store.

use std::fmt;

/// An error of the store, with what it was doing.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The SQLite database failed.
    #[error("sqlite: {context}: {source}")]
    Sqlite {
        /// What the store was doing.
        context: String,
        /// The driver's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The PostgreSQL database failed.
    #[error("postgres: {context}: {source}")]
    Postgres {
        /// What the store was doing.
        context: String,
        /// The driver's error.
        #[source]
        source: postgres::Error,
    },
    /// A stored or given value is not valid JSON of the expected shape.
    #[error("json: {context}: {source}")]
    Json {
        /// What the store was doing.
        context: String,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Writing an export failed.
    #[error("i/o: {context}: {source}")]
    Io {
        /// What the store was doing.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// No event with this id in the current versions of the stored reports.
    #[error("no event {0:?} in the store")]
    NoSuchEvent(String),
    /// A value the caller gave is not acceptable (unknown field, bad value, bad URL).
    #[error("invalid {what}: {message}")]
    Invalid {
        /// Which input.
        what: String,
        /// Why.
        message: String,
    },
    /// The database was written by a newer raqib (its schema version is above ours).
    #[error("the database has schema version {found}, newer than this raqib knows ({known})")]
    SchemaTooNew {
        /// Version in the database.
        found: i64,
        /// Highest version this build knows.
        known: i64,
    },
}

impl Error {
    pub(crate) fn invalid(what: impl Into<String>, message: impl fmt::Display) -> Error {
        ErrorKind::Invalid {
            what: what.into(),
            message: message.to_string(),
        }
        .into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind }
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Attach context to driver errors.
pub(crate) trait Context<T> {
    /// Say what the store was doing when it failed.
    fn ctx(self, context: &str) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| {
            ErrorKind::Sqlite {
                context: context.to_string(),
                source,
            }
            .into()
        })
    }
}

impl<T> Context<T> for std::result::Result<T, postgres::Error> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| {
            ErrorKind::Postgres {
                context: context.to_string(),
                source,
            }
            .into()
        })
    }
}

impl<T> Context<T> for std::result::Result<T, serde_json::Error> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| {
            ErrorKind::Json {
                context: context.to_string(),
                source,
            }
            .into()
        })
    }
}

impl<T> Context<T> for std::result::Result<T, std::io::Error> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| {
            ErrorKind::Io {
                context: context.to_string(),
                source,
            }
            .into()
        })
    }
}
