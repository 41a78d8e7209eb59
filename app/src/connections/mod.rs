//! Model connections: OpenAI-compatible servers (Ollama's `/v1`, vLLM, llama.cpp's server,
//! OpenAI itself) an administrator adds in Admin Panel → Settings → Connections, and the models
//! they offer, which members pick in the chat view.
//!
//! API keys stay on the server: every answer here shows only `sk-…last4`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod sse;
#[cfg(feature = "ssr")]
pub mod upstream;

pub use components::{pick_model, ConnectionsPanel, ModelPicker, NoModelNotice};

/// A connection as the Admin Panel shows it (never with its key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionView {
    /// Connection id.
    pub id: Uuid,
    /// Base URL, e.g. `http://localhost:11434/v1`.
    pub base_url: String,
    /// `sk-…abcd`, or empty when the connection has no key.
    pub key_hint: String,
    /// Whether its models are offered.
    pub enabled: bool,
}

/// A model offered to members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The model's id, as its server names it.
    pub id: String,
    /// The connection serving it.
    pub connection_id: Uuid,
}

/// What the model picker needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelMenu {
    /// Every enabled connection's models, first connection first, each id once.
    pub models: Vec<ModelInfo>,
    /// Whether any connection is enabled.
    pub has_connections: bool,
    /// Connections that could not be asked, in words (shown to administrators only).
    pub problems: Vec<String>,
    /// The caller's default model (Settings), which new chats start with when it is offered.
    #[serde(default)]
    pub default_model: Option<String>,
}

/// What "Verify" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// The server answered with a model list.
    pub ok: bool,
    /// What happened, in words.
    pub message: String,
    /// The models it listed.
    pub models: Vec<String>,
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::{admin, member};

/// `POST /api/fn/list_models` `{"refresh": false}`: the models members can pick (cached for a
/// minute; `refresh` asks the servers again).
#[server(prefix = "/api/fn", endpoint = "list_models", input = Json, output = Json)]
pub async fn list_models(refresh: bool) -> Result<ModelMenu, AppError> {
    let (state, me) = member().await?;
    let mut menu = upstream::upstream()?.models(&state.db, refresh).await?;
    if me.role != crate::accounts::Role::Admin {
        menu.problems.clear();
    }
    menu.default_model = crate::accounts::profile::service::profile(&state.db, &me)
        .await?
        .default_model;
    Ok(menu)
}

/// `POST /api/fn/admin_list_connections`: every connection (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_list_connections", input = Json, output = Json)]
pub async fn admin_list_connections() -> Result<Vec<ConnectionView>, AppError> {
    let (state, _) = admin().await?;
    Ok(service::list(&state.db)
        .await?
        .iter()
        .map(service::to_view)
        .collect())
}

/// `POST /api/fn/admin_save_connection`: adds a connection (`id` null) or changes one. A null
/// `api_key` keeps the stored key; an empty one removes it.
#[server(prefix = "/api/fn", endpoint = "admin_save_connection", input = Json, output = Json)]
pub async fn admin_save_connection(
    id: Option<Uuid>,
    base_url: String,
    api_key: Option<String>,
    enabled: bool,
) -> Result<ConnectionView, AppError> {
    let (state, _) = admin().await?;
    let saved = service::save(&state.db, id, &base_url, api_key.as_deref(), enabled).await?;
    Ok(service::to_view(&saved))
}

/// `POST /api/fn/admin_delete_connection` `{"id": …}` (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_delete_connection", input = Json, output = Json)]
pub async fn admin_delete_connection(id: Uuid) -> Result<(), AppError> {
    let (state, _) = admin().await?;
    service::delete(&state.db, id).await
}

/// `POST /api/fn/admin_verify_connection`: calls `GET {base}/models` with the given URL and key
/// (a null key with an `id` uses that connection's stored key, only with its stored URL) and
/// reports what came back.
#[server(prefix = "/api/fn", endpoint = "admin_verify_connection", input = Json, output = Json)]
pub async fn admin_verify_connection(
    id: Option<Uuid>,
    base_url: String,
    api_key: Option<String>,
) -> Result<VerifyReport, AppError> {
    let (state, _) = admin().await?;
    let base_url = service::clean_base_url(&base_url)?;
    let key = match (api_key, id) {
        (Some(k), _) => k.trim().to_owned(),
        (None, Some(id)) => service::stored_key_for(&state.db, id, &base_url).await?,
        (None, None) => String::new(),
    };
    Ok(match upstream::upstream()?.fetch_models(&base_url, &key).await {
        Ok(models) => VerifyReport {
            ok: true,
            message: match models.len() {
                0 => "Connected, but the server lists no models.".to_owned(),
                1 => "Connected: 1 model.".to_owned(),
                n => format!("Connected: {n} models."),
            },
            models,
        },
        Err(e) => VerifyReport {
            ok: false,
            message: e.to_string(),
            models: Vec::new(),
        },
    })
}
