//! Server-side state shared by every request: the database connection and the server's options.

use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::instance::SettingsDefaults;

/// What every server function and service call on the server can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The connection pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// Setting defaults from the server's environment.
    pub defaults: SettingsDefaults,
    /// The client for model servers, with its short-lived model list cache.
    pub upstream: crate::connections::upstream::Upstream,
}

/// The [`AppState`] provided to the current request, for server functions.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
