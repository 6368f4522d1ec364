//! Multi-row inserts whose text and blob parameters SQLite reads in place.
//!
//! rusqlite binds every text and blob with `SQLITE_TRANSIENT`, so SQLite copies each one
//! into memory of its own before the statement runs: for an ingest's ~600 k parameters
//! (the ~1.2 KB event JSON among them) that copy, its allocation and its free were an eighth
//! of the writing thread's instructions (callgrind, 2,000 synthetic reports). The statements
//! here are prepared on the connection's handle and bind borrowed text and blobs with
//! `SQLITE_STATIC`: SQLite reads them where they are while the statement steps, and this
//! module steps it to the end and resets it before the borrow ends.
//!
//! One statement is prepared (persistent) per table head and row count, and kept for the
//! life of the store; [`BulkStatements`] finalizes them when dropped, which must be before
//! the connection closes (it is declared before the connection in `SqliteStore`).

use std::collections::HashMap;
use std::os::raw::c_int;
use std::ptr::NonNull;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{ffi, Connection, ToSql};

use crate::error::Context;
use crate::Result;

/// Rows per multi-row `INSERT` at most.
const BULK_ROWS: usize = 64;

/// Parameters a statement may have at most (SQLite's limit is 32,766 since 3.32).
const MAX_PARAMS: usize = 4096;

/// One prepared statement of the connection `db`.
struct RawStatement {
    stmt: NonNull<ffi::sqlite3_stmt>,
}

impl Drop for RawStatement {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared by `prepare` and is finalized once, here.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// The bulk-insert statements of one connection, prepared on first use.
#[derive(Default)]
pub(crate) struct BulkStatements {
    /// The connection they were prepared on (statements of another are never used).
    db: Option<NonNull<ffi::sqlite3>>,
    by_sql: HashMap<(&'static str, &'static str, usize), RawStatement>,
}

// SAFETY: the statements are only used through `&mut self` together with the connection
// they belong to, which moves between threads with them (both are fields of `SqliteStore`,
// and rusqlite's `Connection` is `Send`).
unsafe impl Send for BulkStatements {}

impl std::fmt::Debug for BulkStatements {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkStatements")
            .field("prepared", &self.by_sql.len())
            .finish()
    }
}

impl BulkStatements {
    /// Insert `params.len() / ncols` rows with multi-row `INSERT … VALUES (…), (…)`
    /// statements (`head` is the statement up to `VALUES`, `tail` an optional upsert clause
    /// after the rows). Chunks are [`BULK_ROWS`] rows, then powers of two, so a handful of
    /// distinct statements are prepared per table.
    pub fn insert(
        &mut self,
        conn: &Connection,
        head: &'static str,
        tail: &'static str,
        ncols: usize,
        params: &[&dyn ToSql],
    ) -> Result<()> {
        debug_assert!(ncols > 0 && params.len().is_multiple_of(ncols));
        // SAFETY: the handle is only used to prepare statements of this connection and to
        // read its last error; the connection outlives this call.
        let db = unsafe { conn.handle() };
        let db = NonNull::new(db).expect("an open connection has a handle");
        assert!(
            self.db.is_none_or(|d| d == db),
            "bulk statements are used with the connection they were prepared on"
        );
        self.db = Some(db);
        let max = BULK_ROWS.min(MAX_PARAMS / ncols).max(1);
        let rows = params.len() / ncols;
        let mut at = 0;
        while at < rows {
            let left = rows - at;
            let n = if left >= max {
                max
            } else {
                1 << (usize::BITS - 1 - left.leading_zeros())
            };
            let stmt = match self.by_sql.entry((head, tail, n)) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(prepare(db, &sql(head, tail, ncols, n)).ctx(head)?)
                }
            };
            run(db, stmt, &params[at * ncols..(at + n) * ncols]).ctx(head)?;
            at += n;
        }
        Ok(())
    }
}

/// `head (?, …), (?, …) tail` with `rows` tuples of `ncols` parameters.
fn sql(head: &str, tail: &str, ncols: usize, rows: usize) -> String {
    let tuple = format!("({})", vec!["?"; ncols].join(", "));
    format!("{head} {} {tail}", vec![tuple.as_str(); rows].join(", "))
}

/// The last error of `db` as rusqlite's error.
fn error(db: NonNull<ffi::sqlite3>, rc: c_int) -> rusqlite::Error {
    // SAFETY: `db` is an open connection; the message is copied before any other call.
    let msg = unsafe {
        let p = ffi::sqlite3_errmsg(db.as_ptr());
        (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned())
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), msg)
}

fn prepare(db: NonNull<ffi::sqlite3>, sql: &str) -> rusqlite::Result<RawStatement> {
    let mut stmt = std::ptr::null_mut();
    let len = c_int::try_from(sql.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
    // SAFETY: `sql` is valid for `len` bytes; `stmt` receives a statement we own.
    let rc = unsafe {
        ffi::sqlite3_prepare_v3(
            db.as_ptr(),
            sql.as_ptr().cast(),
            len,
            ffi::SQLITE_PREPARE_PERSISTENT as _,
            &mut stmt,
            std::ptr::null_mut(),
        )
    };
    if rc != ffi::SQLITE_OK {
        return Err(error(db, rc));
    }
    NonNull::new(stmt)
        .map(|stmt| RawStatement { stmt })
        .ok_or(rusqlite::Error::InvalidQuery)
}

/// Bind `params` to `stmt`, step it to the end and reset it.
fn run(
    db: NonNull<ffi::sqlite3>,
    stmt: &RawStatement,
    params: &[&dyn ToSql],
) -> rusqlite::Result<()> {
    let s = stmt.stmt.as_ptr();
    let outcome = bind_all(db, s, params).and_then(|()| {
        // SAFETY: every parameter is bound; borrowed ones live in `params` until we return,
        // after the reset below.
        let rc = unsafe { ffi::sqlite3_step(s) };
        if rc == ffi::SQLITE_DONE {
            Ok(())
        } else {
            Err(error(db, rc))
        }
    });
    // SAFETY: `s` is a valid statement. Reset ends its use of the bound values; the stale
    // bindings are never read, since every use binds every parameter first.
    unsafe {
        ffi::sqlite3_reset(s);
    }
    outcome
}

fn bind_all(
    db: NonNull<ffi::sqlite3>,
    s: *mut ffi::sqlite3_stmt,
    params: &[&dyn ToSql],
) -> rusqlite::Result<()> {
    for (i, p) in params.iter().enumerate() {
        let col = (i + 1) as c_int;
        let value = p.to_sql()?;
        // SAFETY: `s` is valid; a borrowed text or blob is bound SQLITE_STATIC and lives in
        // `params` (the caller's) until the statement is reset; owned ones are copied.
        let rc = unsafe {
            match &value {
                ToSqlOutput::Borrowed(v) => bind_ref(s, col, v, ffi::SQLITE_STATIC()),
                ToSqlOutput::Owned(v) => bind_owned(s, col, v),
                _ => {
                    return Err(rusqlite::Error::ToSqlConversionFailure(
                        format!("bulk insert parameter {col}: only plain values can be bound")
                            .into(),
                    ))
                }
            }
        };
        if rc != ffi::SQLITE_OK {
            return Err(error(db, rc));
        }
    }
    Ok(())
}

/// Bind one value; text and blobs with `dtor` (`SQLITE_STATIC` or `SQLITE_TRANSIENT`).
unsafe fn bind_ref(
    s: *mut ffi::sqlite3_stmt,
    col: c_int,
    v: &ValueRef<'_>,
    dtor: ffi::sqlite3_destructor_type,
) -> c_int {
    match *v {
        ValueRef::Null => ffi::sqlite3_bind_null(s, col),
        ValueRef::Integer(i) => ffi::sqlite3_bind_int64(s, col, i),
        ValueRef::Real(r) => ffi::sqlite3_bind_double(s, col, r),
        ValueRef::Text(t) => match c_int::try_from(t.len()) {
            Ok(n) => ffi::sqlite3_bind_text(s, col, t.as_ptr().cast(), n, dtor),
            Err(_) => ffi::SQLITE_TOOBIG,
        },
        ValueRef::Blob(b) => match c_int::try_from(b.len()) {
            Ok(n) => ffi::sqlite3_bind_blob(s, col, b.as_ptr().cast(), n, dtor),
            Err(_) => ffi::SQLITE_TOOBIG,
        },
    }
}

/// Bind an owned value: it is dropped before the statement steps, so SQLite copies it.
unsafe fn bind_owned(s: *mut ffi::sqlite3_stmt, col: c_int, v: &Value) -> c_int {
    bind_ref(s, col, &ValueRef::from(v), ffi::SQLITE_TRANSIENT())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of the test table: one value of each kind.
    type Row = (i64, f64, String, Vec<u8>, Option<String>);

    #[test]
    fn rows_of_every_type_arrive_whole_in_chunks() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
            .unwrap();
        let mut bulk = BulkStatements::default();
        // 150 rows: chunks of 64, 64, 16, 4, 2 — four statements, the first used twice (the
        // one-row insert below is a fifth).
        let rows: Vec<Row> = (0..150)
            .map(|i| {
                let s = format!("ن{i}-{}", "x".repeat(i as usize));
                (
                    i,
                    i as f64 / 4.0,
                    s,
                    vec![i as u8; 3],
                    (i % 3 == 0).then(String::new),
                )
            })
            .collect();
        let mut ps: Vec<&dyn ToSql> = Vec::new();
        for (i, r, s, b, n) in &rows {
            ps.extend([i as &dyn ToSql, r, s, b, n]);
        }
        bulk.insert(&conn, "INSERT INTO t (i, r, s, b, n) VALUES", "", 5, &ps)
            .unwrap();
        // Owned values (bool → integer) are copied, not borrowed.
        bulk.insert(
            &conn,
            "INSERT INTO t (i, r, s, b, n) VALUES",
            "",
            5,
            &[&true, &1.5, &"owned", &vec![9u8], &None::<String>],
        )
        .unwrap();
        let got: Vec<Row> = conn
            .prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(got.len(), 151);
        assert_eq!(&got[..150], &rows[..]);
        assert_eq!(got[150].0, 1);
        assert_eq!(got[150].2, "owned");
        assert_eq!(bulk.by_sql.len(), 5);
    }

    #[test]
    fn a_failing_row_is_an_error_and_the_statement_stays_usable() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            .unwrap();
        let mut bulk = BulkStatements::default();
        let head = "INSERT OR FAIL INTO t (k, v) VALUES";
        bulk.insert(&conn, head, "", 2, &[&1, &"a"]).unwrap();
        let err = bulk.insert(&conn, head, "", 2, &[&1, &"b"]).unwrap_err();
        assert!(err.to_string().contains("UNIQUE"), "{err}");
        let err = bulk
            .insert(&conn, head, "", 2, &[&2, &None::<String>])
            .unwrap_err();
        assert!(err.to_string().contains("NOT NULL"), "{err}");
        bulk.insert(&conn, head, "", 2, &[&2, &"c"]).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
    }
}
