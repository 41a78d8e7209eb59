//! Server and version information: what is running and whether its database answers.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod service;

/// What the server reports about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemInfo {
    /// Product name.
    pub name: String,
    /// Server version (the crate version).
    pub version: String,
    /// Whether the database answered.
    pub database_ok: bool,
    /// What only administrators see: the database kind and its counts.
    pub details: Option<SystemDetails>,
}

/// The instance's internals, for administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemDetails {
    /// `sqlite` or `postgres`.
    pub database: String,
    /// How many schema migrations the database has applied.
    pub migrations_applied: u64,
    /// How many accounts exist.
    pub users: u64,
}

/// `POST /api/fn/system_info` (JSON in and out): server version and a live read of the
/// database; the database kind and account count only for administrators (anyone can call
/// this, and how many accounts an instance has is nobody else's business).
#[server(prefix = "/api/fn", endpoint = "system_info", input = Json, output = Json)]
pub async fn get_system_info() -> Result<SystemInfo, AppError> {
    let state = crate::state::app_state()?;
    let admin = crate::accounts::caller::caller()
        .await?
        .is_some_and(|u| u.role == crate::accounts::Role::Admin);
    service::system_info(&state.db, admin).await
}
