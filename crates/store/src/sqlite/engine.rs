//! Process-wide SQLite settings, applied once before the first connection opens.
//!
//! Two of SQLite's defaults cost an ingest about a tenth of its writing thread's instructions
//! (callgrind, 2,000 synthetic reports):
//!
//! - **Memory statistics** (`SQLITE_CONFIG_MEMSTATUS`): every allocation and free takes a
//!   global mutex to keep `sqlite3_status` counters that raqib never reads.
//! - **The system allocator**: SQLite calls `malloc` for every bound text, record and
//!   statement, while the rest of the `raqib` binary allocates with mimalloc. Here SQLite gets
//!   mimalloc too, through `SQLITE_CONFIG_MALLOC`.
//!
//! Both are global and only take effect before SQLite initializes; [`configure`] runs them
//! once, before any connection of this crate opens. If something else initialized SQLite
//! first, the calls are refused (`SQLITE_MISUSE`) and SQLite keeps its defaults: slower,
//! never wrong.

use std::os::raw::{c_int, c_void};
use std::sync::Once;

use rusqlite::ffi;

/// `xMalloc`: at least `n` bytes (SQLite asks for 8-byte alignment, which mimalloc gives).
unsafe extern "C" fn mem_malloc(n: c_int) -> *mut c_void {
    libmimalloc_sys::mi_malloc(n.max(0) as usize)
}

/// `xFree`.
unsafe extern "C" fn mem_free(p: *mut c_void) {
    libmimalloc_sys::mi_free(p)
}

/// `xRealloc`.
unsafe extern "C" fn mem_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    libmimalloc_sys::mi_realloc(p, n.max(0) as usize)
}

/// `xSize`: the usable size of an allocation.
unsafe extern "C" fn mem_size(p: *mut c_void) -> c_int {
    libmimalloc_sys::mi_usable_size(p) as c_int
}

/// `xRoundup`: the size an allocation of `n` bytes really gets.
unsafe extern "C" fn mem_roundup(n: c_int) -> c_int {
    libmimalloc_sys::mi_good_size(n.max(0) as usize) as c_int
}

unsafe extern "C" fn mem_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn mem_shutdown(_: *mut c_void) {}

/// The allocator methods, in a static for the life of the process (SQLite copies them).
struct MemMethods(ffi::sqlite3_mem_methods);

// SAFETY: the struct holds function pointers and a null `pAppData`; nothing in it is mutated.
unsafe impl Sync for MemMethods {}

static MEM_METHODS: MemMethods = MemMethods(ffi::sqlite3_mem_methods {
    xMalloc: Some(mem_malloc),
    xFree: Some(mem_free),
    xRealloc: Some(mem_realloc),
    xSize: Some(mem_size),
    xRoundup: Some(mem_roundup),
    xInit: Some(mem_init),
    xShutdown: Some(mem_shutdown),
    pAppData: std::ptr::null_mut(),
});

static CONFIGURE: Once = Once::new();

/// Apply the process-wide settings (once; later calls do nothing).
pub(crate) fn configure() {
    CONFIGURE.call_once(|| {
        // SAFETY: both calls happen before this crate opens any connection, under `Once`, so
        // no other thread of this crate is inside SQLite; `sqlite3_config` itself refuses
        // (SQLITE_MISUSE) once SQLite is initialized, which leaves the defaults in place.
        // The methods struct is a static, valid for the life of the process.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
            ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_MALLOC,
                &MEM_METHODS.0 as *const ffi::sqlite3_mem_methods,
            );
        }
    });
}
