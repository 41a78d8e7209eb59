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
    /// Which lazily loaded WASM chunks each split point of the client needs (the build's
    /// `__wasm_split_manifest.json`; empty for a server built without the client). The page
    /// shell turns it into preload links for the chunks the rendered page uses.
    pub split_chunks: std::sync::Arc<std::collections::HashMap<String, Vec<String>>>,
    /// Reads of share links waiting to be counted (written out every second by the server's
    /// sharing chores).
    pub views: crate::share::views::ViewLog,
    /// How people sign in: password, OpenID Connect, trusted header.
    pub sso: std::sync::Arc<crate::accounts::sso::SsoConfig>,
}

/// The [`AppState`] provided to the current request, for server functions.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
