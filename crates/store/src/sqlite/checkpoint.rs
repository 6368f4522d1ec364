//! Checkpoints of the write-ahead log on a thread of their own.
//!
//! In WAL mode with `synchronous = NORMAL` a commit appends to the log and does not wait for
//! the disk; the wait comes at a checkpoint, which syncs the log, copies its pages into the
//! database file and syncs that. SQLite runs it inside the commit that fills the log past
//! `wal_autocheckpoint` pages, so the ingest's writing thread stood still for those syncs:
//! about a third of the ingest benchmark's wall time (`RAQIB_SQLITE_SYNC=OFF`, which syncs
//! nothing, ran in two thirds of the time).
//!
//! [`Checkpointer`] is woken after each ingest commits and runs a `PASSIVE` checkpoint on a
//! connection of its own: it copies what is committed without blocking the writer or any
//! reader, and syncs on this thread. A passive checkpoint cannot reset the log while the
//! writer keeps appending, so the writer's own automatic checkpoint stays, at
//! [`WRITER_AUTOCHECKPOINT`] pages, as the bound of the log's size: when it runs, this thread
//! has already copied and synced nearly everything, and it finishes the rest, after which the
//! next transaction starts the log again from its beginning.
//!
//! Durability is SQLite's own either way: a checkpoint only copies committed pages, and a
//! crash in the middle of one is recovered from the log.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use rusqlite::Connection;

/// The writer's automatic checkpoint, in pages (16 KiB each: 64 MiB of log), the bound of
/// the log's size; SQLite's default is 1,000.
pub(crate) const WRITER_AUTOCHECKPOINT: u32 = 4096;

/// A background checkpointing thread for one database file. Dropping it stops the thread
/// after the checkpoint it is running, if any.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    wake: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Start checkpointing `path`, syncing as `synchronous` says (the writer's setting).
    pub fn start(path: PathBuf, synchronous: &'static str) -> std::io::Result<Checkpointer> {
        let (wake, woken) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("raqib-checkpoint".into())
            .spawn(move || run(&path, synchronous, &woken))?;
        Ok(Checkpointer {
            wake: Some(wake),
            thread: Some(thread),
        })
    }

    /// Ask for a checkpoint of what has been committed (returns at once).
    pub fn wake(&self) {
        if let Some(w) = &self.wake {
            // A stopped thread (it could not open the file) leaves the writer's automatic
            // checkpoint to do the work, as without this thread.
            let _ = w.send(());
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.wake.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The thread: one passive checkpoint per wake-up (wake-ups that came meanwhile are one).
fn run(path: &Path, synchronous: &str, woken: &Receiver<()>) {
    yield_to_writer();
    let Ok(conn) = Connection::open(path) else {
        return;
    };
    if conn
        .execute_batch(&format!(
            "PRAGMA synchronous = {synchronous}; PRAGMA wal_autocheckpoint = 0;"
        ))
        .is_err()
    {
        return;
    }
    while woken.recv().is_ok() {
        while woken.try_recv().is_ok() {}
        // It returns (busy, pages in the log, pages copied); a busy or failed checkpoint is
        // left to the next wake-up or to the writer's automatic one.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

/// Give this thread a lower CPU priority (nice 10) than the writer's: a checkpoint can wait,
/// and on two cores it ran beside the writer and its preparing thread, taking turns on the
/// writer's core. A refusal leaves the priority as it was.
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system call; on Linux, `who = 0` names the calling thread alone (the nice
    // value is per thread), so the writer and the rest of the process keep theirs.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use crate::{synth, EventStore};

    /// With the writer's automatic checkpoint far away (a small ingest fills a few MiB of
    /// log, the bound is 64 MiB), only the checkpointer copies pages into the database file
    /// while the store is open.
    #[test]
    fn committed_pages_reach_the_database_file_while_the_store_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut s = crate::sqlite::SqliteStore::open(&path).unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        let reports = synth::reports(7, 200, 5);
        s.ingest(&reports).unwrap();
        let wal = std::fs::metadata(dir.path().join("c.db-wal"))
            .unwrap()
            .len();
        assert!(wal > 1 << 20, "the ingest wrote {wal} bytes of log");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut after = before;
        while after <= before && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
            after = std::fs::metadata(&path).unwrap().len();
        }
        assert!(
            after > before + (1 << 20),
            "database file {before} -> {after} bytes"
        );
        // What was copied is what was committed.
        let stats = s.stats().unwrap();
        assert!(stats.events > 500, "{stats:?}");
        drop(s);
        let s = crate::sqlite::SqliteStore::open(&path).unwrap();
        assert_eq!(s.stats().unwrap(), stats);
        assert!(s.integrity_check().unwrap().is_empty());
    }
}
