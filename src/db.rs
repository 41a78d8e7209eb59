//! Opens the database named by the configuration and brings its schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

use crate::config::{redact_url, Config};

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbStartError {
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The database refused the connection or a migration failed.
    #[error("database {url}: {source}")]
    Database {
        /// The URL, password redacted.
        url: String,
        /// The cause.
        source: DbErr,
    },
}

/// Connects to `url` (SQLite: WAL, `synchronous=NORMAL`, foreign keys on, busy timeout, a 1 MiB
/// page cache per connection) and runs
/// every pending migration.
pub async fn connect_and_migrate(
    url: &str,
    max_connections: u32,
) -> Result<DatabaseConnection, DbStartError> {
    let wrap = |source| DbStartError::Database {
        url: redact_url(url),
        source,
    };
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
                // 1 MiB of page cache per connection, not SQLite's 2 MiB: the operating system
                // caches the file too, and every connection of the pool keeps its own.
                .pragma("cache_size", "-1024")
                // The WAL file shrinks back to 4 MiB after each checkpoint that empties it
                // (without a limit it stays as large as it ever grew: 115 MB after a flood
                // of abandoned sign-ins).
                .pragma("journal_size_limit", "4194304")
        });
    }
    let db = Database::connect(opts).await.map_err(wrap)?;
    Migrator::up(&db, None).await.map_err(wrap)?;
    Ok(db)
}

/// Opens the configured database, creating the data directory for the SQLite default.
pub async fn open(config: &Config) -> Result<DatabaseConnection, DbStartError> {
    let url = config.effective_database_url();
    if url.starts_with("sqlite:") && config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| DbStartError::DataDir {
            path: config.data_dir.display().to_string(),
            source,
        })?;
    }
    tracing::info!(database = %redact_url(&url), "opening database");
    connect_and_migrate(&url, config.effective_db_max_connections()).await
}

/// `true` when the database answers a trivial query.
pub async fn is_healthy(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
