//! `chatshare`: starts the server. `chatshare --help` lists every option.

use std::process::ExitCode;

use chatshare::config::Config;
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `mi_option_purge_delay` (libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

#[tokio::main]
async fn main() -> ExitCode {
    // Freed memory goes back to the system at once instead of after a delay, so a burst (a
    // 10,000-message chat, a password hash) does not stay in the resident set.
    // SAFETY: sets one process-wide allocator option; nothing depends on its old value.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    c_malloc_returns_memory();
    no_transparent_huge_pages();
    let config = Config::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    // Sign-in settings are checked before anything else starts.
    if let Err(e) = config.sign_in_config() {
        tracing::error!("cannot start: {e}");
        return ExitCode::FAILURE;
    }
    let db = match chatshare::db::open(&config).await {
        Ok(db) => db,
        Err(e) => {
            tracing::error!("cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match chatshare::server::serve_until_signal(&config, db).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// SQLite allocates with glibc's malloc (mimalloc serves Rust only), which kept a burst (a
/// 10,000-message chat bound into a statement, written through the page cache) resident: its
/// mmap threshold rises to the largest block freed, so later multi-megabyte blocks come from
/// heaps it never trims, one heap per sqlx worker thread. Fixed thresholds and one heap: the
/// benchmark's RSS after its large shares fell from 155 to 90 MiB (and 96 to 61 MiB at rest).
fn c_malloc_returns_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` sets process-wide malloc parameters; it is called before the server
    // starts its database threads, and nothing depends on the old values.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Transparent huge pages off for this process: mimalloc asks for them on its arenas
/// (`MADV_HUGEPAGE`), and a 2 MiB page stays resident for a few live bytes. 10 MiB of the
/// resident set right after start were such pages, for a server whose heap is tens of MiB.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `prctl(PR_SET_THP_DISABLE)` changes one flag of this process; its arguments are
    // plain integers.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
