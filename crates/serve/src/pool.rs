//! Store connections for the server: a few readers and one writer, each used on tokio's
//! blocking threads.
//!
//! The store's connections are `Send` but not `Sync` (a SQLite connection, a PostgreSQL
//! client in a `RefCell`), so each is lent to one call at a time. A semaphore bounds how many
//! reads run at once; the writer is one connection behind a mutex, because both backends
//! serialize writes anyway.

use std::sync::{Arc, Mutex};

use raqib_store::api::{open_api, ApiStore};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

/// The server's store connections.
pub struct Pool {
    readers: Mutex<Vec<Box<dyn ApiStore>>>,
    permits: Semaphore,
    writer: Arc<Mutex<Option<Box<dyn ApiStore>>>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("available_readers", &self.permits.available_permits())
            .finish()
    }
}

impl Pool {
    /// Open `readers` read connections and one write connection to `db`.
    pub fn open(db: &str, readers: usize) -> raqib_store::Result<Pool> {
        let writer = open_api(db)?;
        let mut conns = Vec::new();
        for _ in 0..readers.max(1) {
            conns.push(open_api(db)?);
        }
        Ok(Pool {
            permits: Semaphore::new(conns.len()),
            readers: Mutex::new(conns),
            writer: Arc::new(Mutex::new(Some(writer))),
        })
    }

    /// Run `f` with a read connection on a blocking thread.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&dyn ApiStore) -> ApiResult<T> + Send + 'static,
    {
        let permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
        let pool = Arc::clone(self);
        let out = tokio::task::spawn_blocking(move || {
            let conn = pool.readers.lock().ok().and_then(|mut v| v.pop());
            let Some(conn) = conn else {
                return Err(ApiError::internal("no free reader despite a permit"));
            };
            // A panic inside `f` would lose the connection; catch it and keep the pool whole.
            let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&*conn)));
            if let Ok(mut v) = pool.readers.lock() {
                v.push(conn);
            }
            res.unwrap_or_else(|_| Err(ApiError::internal("a read panicked")))
        })
        .await
        .map_err(ApiError::internal)?;
        drop(permit);
        out
    }

    /// Run `f` with the write connection on a blocking thread.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn ApiStore) -> ApiResult<T> + Send + 'static,
    {
        let writer = Arc::clone(&self.writer);
        tokio::task::spawn_blocking(move || {
            let mut guard = writer
                .lock()
                .map_err(|_| ApiError::internal("the writer lock is poisoned"))?;
            match guard.as_mut() {
                Some(w) => f(&mut **w),
                None => Err(ApiError::unavailable("the server is shutting down")),
            }
        })
        .await
        .map_err(ApiError::internal)?
    }
}

impl Drop for Pool {
    /// Close the connections on a thread of their own: the PostgreSQL client blocks on a
    /// runtime of its own when it closes, which tokio forbids on an async thread.
    fn drop(&mut self) {
        let readers = self
            .readers
            .get_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let writer = self.writer.lock().ok().and_then(|mut w| w.take());
        let _ = std::thread::spawn(move || drop((readers, writer))).join();
    }
}
