//! Reads what [`super::SystemInfo`] reports, straight from the database.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

use super::{SystemDetails, SystemInfo};
use crate::error::AppError;

async fn count(db: &DatabaseConnection, table: &str) -> Result<u64, AppError> {
    let backend = db.get_database_backend();
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db
        .query_one(Statement::from_string(backend, sql))
        .await?
        .ok_or(AppError::Internal)?;
    let n: i64 = row.try_get("", "n")?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The server's version and whether its database answers; with `details`, also its backend,
/// applied migrations and number of accounts.
pub async fn system_info(db: &DatabaseConnection, details: bool) -> Result<SystemInfo, AppError> {
    let database = match db.get_database_backend() {
        DatabaseBackend::Sqlite => "sqlite",
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::MySql => "mysql",
    };
    let migrations_applied = count(db, "seaql_migrations").await?;
    let details = if details {
        Some(SystemDetails {
            database: database.to_owned(),
            migrations_applied,
            users: count(db, "\"user\"").await?,
        })
    } else {
        None
    };
    Ok(SystemInfo {
        name: "chatshare".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database_ok: true,
        details,
    })
}
