//! The ground floor's server-side state, shared by every request: the database connection and
//! the settings defaults. Each feature keeps its own state (the model client, the view log, the
//! sign-in configuration); the server makes it at start-up and puts it beside this one in each
//! request's context, where the feature finds it with [`from_context`].

use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// What every server function and service call on the server can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The connection pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// Setting defaults from the server's environment.
    pub defaults: SettingsDefaults,
}

/// Defaults that the server's configuration (environment) can set.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsDefaults {
    /// `ENABLE_SIGNUP`.
    pub enable_signup: bool,
    /// `DEFAULT_USER_ROLE`.
    pub default_user_role: String,
    /// `ENABLE_API_KEYS`.
    pub enable_api_keys: bool,
}

impl Default for SettingsDefaults {
    fn default() -> Self {
        SettingsDefaults {
            enable_signup: true,
            default_user_role: "pending".to_owned(),
            enable_api_keys: true,
        }
    }
}

/// The [`AppState`] provided to the current request, for server functions.
pub fn app_state() -> Result<AppState, AppError> {
    from_context("AppState")
}

/// The `T` the server put into the current request's context (a feature's own state), for
/// server functions and pages; `what` names it in the log when it is missing.
pub fn from_context<T: Clone + Send + Sync + 'static>(what: &str) -> Result<T, AppError> {
    leptos::prelude::use_context::<T>().ok_or_else(|| {
        tracing::error!("{what} missing from the request context");
        AppError::Internal
    })
}
