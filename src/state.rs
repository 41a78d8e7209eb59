//! The server's state: the ground every request stands on ([`AppState`]: the database and the
//! settings defaults) and each feature's own state, made here when the server starts and handed
//! to the features: to the JSON API's handlers as axum state (each takes the part it needs), to
//! pages and server functions as Leptos context ([`ServerState::provide`]). The router
//! (`server.rs`) and the handlers (`api/`) both import it; it imports neither.

use std::sync::Arc;

use app::accounts::sso::SsoConfig;
use app::connections::upstream::Upstream;
use app::share::live::LiveHub;
use app::share::views::ViewLog;
use app::share::ReadingAssets;
use app::state::AppState;
use app::SplitChunks;
use axum::extract::FromRef;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use sea_orm::DatabaseConnection;

use crate::assets;
use crate::config::Config;

/// Everything a request can reach.
#[derive(Clone, FromRef)]
pub struct ServerState {
    /// Leptos' site options (output name, site root, versioned pkg path).
    pub leptos_options: LeptosOptions,
    /// The ground: database and settings defaults.
    pub app: AppState,
    /// Connections' state: the client for model servers, with its model list cache.
    pub upstream: Upstream,
    /// Sharing's state: reads of share links waiting to be counted.
    pub views: ViewLog,
    /// Sharing's state: the readers of live links connected here, and news of changed chats.
    pub live: LiveHub,
    /// Accounts' state: how people sign in (password, OpenID Connect, trusted header).
    pub sso: Arc<SsoConfig>,
    /// The shell's state: which WASM chunks each lazily loaded page needs.
    pub split_chunks: SplitChunks,
    /// Sharing's state: the shared page's stylesheet and script, written into the page itself.
    pub reading_assets: ReadingAssets,
}

impl ServerState {
    /// The state for `config` over `db`. Fails when the sign-in settings are inconsistent.
    pub fn new(config: &Config, db: DatabaseConnection) -> std::io::Result<ServerState> {
        let sso = config.sign_in_config().map_err(std::io::Error::other)?;
        // Live links' write grantees may continue the chats they are shared.
        app::share::grants::let_collaborators_continue();
        // Shared folders' grantees read (write grantees continue) the chats inside.
        app::folders::access::let_folder_members_in();
        let hash = assets::pkg_hash(&config.site_root);
        Ok(ServerState {
            leptos_options: LeptosOptions::builder()
                .output_name("chatshare")
                .site_root(config.site_root.to_string_lossy().to_string())
                .site_pkg_dir(format!("pkg/{hash}"))
                .site_addr(config.addr)
                .env(Env::PROD)
                .build(),
            app: AppState {
                db,
                defaults: config.settings_defaults(),
            },
            upstream: Upstream::new(std::time::Duration::from_secs(config.model_idle_timeout_secs)),
            views: if config.count_views {
                ViewLog::default()
            } else {
                ViewLog::off()
            },
            live: LiveHub::new(config.live_readers_max),
            sso: Arc::new(sso),
            split_chunks: SplitChunks(Arc::new(assets::split_manifest(&config.site_root))),
            reading_assets: assets::reading_assets(&config.site_root),
        })
    }

    /// Puts the ground and each feature's state into the current Leptos context (a page's or a
    /// server function's request), where the features look for their own.
    pub fn provide(&self) {
        provide_context(self.app.clone());
        provide_context(self.upstream.clone());
        provide_context(self.views.clone());
        provide_context(self.sso.clone());
        provide_context(self.split_chunks.clone());
    }
}
