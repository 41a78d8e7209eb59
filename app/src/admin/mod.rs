//! The Admin Panel (`/admin`): Users (roles, per-user sharing permission, deletion) and
//! Settings → General (sign-up, default role, API keys, community sharing, text-to-speech,
//! default permissions). Every server function here refuses non-admins with 403.
//!
//! The rules themselves live in the accounts and instance services; these functions only
//! check the caller and shape the answers.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;
use crate::instance::InstanceSettings;

mod add_user;
mod components;
mod general;
pub use components::AdminPage;

/// A user as the Users tab lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUserRow {
    /// Account id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// What the account may do.
    pub role: crate::accounts::Role,
    /// The user's own "Allow chat sharing" (`None`: the instance default applies).
    pub can_share_override: Option<bool>,
    /// What is in force for them.
    pub can_share: bool,
    /// Signed up, epoch seconds.
    pub created_at: i64,
    /// Last seen, epoch seconds.
    pub last_active_at: i64,
    /// This row is the calling admin.
    pub is_me: bool,
    /// Their avatar's address (`accounts::profile`).
    #[serde(default)]
    pub profile_image_url: String,
}

/// A partial change of the instance settings: only the fields that are set change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsPatch {
    /// Enable sign-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_signup: Option<bool>,
    /// Role of new accounts: `pending` or `user`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_user_role: Option<String>,
    /// Enable API keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_api_keys: Option<bool>,
    /// Default "Allow chat sharing".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_can_share: Option<bool>,
    /// Enable Community Sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_community_sharing: Option<bool>,
    /// Community sharing URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_sharing_url: Option<String>,
    /// Text-to-speech on shared pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tts_enabled: Option<bool>,
    /// Voice name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tts_voice: Option<String>,
    /// Speech rate, 0.5 to 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tts_rate: Option<f64>,
    /// Links may be open to every approved member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_member_links: Option<bool>,
    /// Links may be open to anyone who has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_open_links: Option<bool>,
    /// Days a new link lives when its owner picks no expiry (0: forever).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_link_default_days: Option<u32>,
    /// The longest a link may live, in days (0: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_link_max_days: Option<u32>,
    /// Days the audit log keeps its rows (0: forever).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_retention_days: Option<u32>,
    /// This instance is a community hub.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_hub_enabled: Option<bool>,
    /// Instances allowed to upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_allowed_origins: Option<Vec<String>>,
    /// Search engines may index the community.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_indexable: Option<bool>,
    /// Members may keep chats in folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folders_enabled: Option<bool>,
    /// Members may share folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_folder_sharing: Option<bool>,
    /// Megabytes of community chats one member may publish (0: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_quota_mb: Option<u32>,
    /// This instance's name on link previews and embeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name: Option<String>,
    /// Sites that may embed shared chats (`*`: any; empty: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_embed_origins: Option<Vec<String>>,
    /// The interface's language for people whose account and browser name none it speaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_language: Option<String>,
}

#[cfg(feature = "ssr")]
mod wire {
    use super::AdminUserRow;
    use crate::accounts::service;
    use crate::entities::user;
    use crate::error::AppResult;
    use crate::instance::service as instance;
    use crate::state::AppState;

    /// A user row for `me`'s Users tab.
    pub async fn row(state: &AppState, me: &user::Model, u: &user::Model) -> AppResult<AdminUserRow> {
        let defaults = instance::get(&state.db, &state.defaults).await?;
        Ok(row_with(defaults.default_can_share, me, u))
    }

    /// A user row, given the instance's default sharing permission.
    pub fn row_with(default_can_share: bool, me: &user::Model, u: &user::Model) -> AdminUserRow {
        AdminUserRow {
            id: u.id,
            name: u.name.clone(),
            email: u.email.clone(),
            role: u.role,
            can_share_override: u.can_share,
            can_share: service::effective_can_share(u, default_can_share),
            created_at: u.created_at,
            last_active_at: u.last_active_at,
            is_me: u.id == me.id,
            profile_image_url: u.profile_image_url.clone(),
        }
    }
}

/// `POST /api/fn/admin_settings`: the instance settings in force (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_settings", input = Json, output = Json)]
pub async fn admin_settings() -> Result<InstanceSettings, AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    crate::instance::service::get(&state.db, &state.defaults).await
}

/// `POST /api/fn/admin_update_settings` `{"patch": {...}}`: validates and saves the fields
/// given; returns the settings now in force (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_update_settings", input = Json, output = Json)]
pub async fn admin_update_settings(patch: SettingsPatch) -> Result<InstanceSettings, AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    let patch = serde_json::to_value(patch).map_err(|_| AppError::Internal)?;
    crate::instance::service::update(&state.db, &state.defaults, patch).await
}

/// `POST /api/fn/admin_list_users` `{"query": ""}`: accounts waiting for approval first, then
/// the others, newest first; filtered by name or email (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_list_users", input = Json, output = Json)]
pub async fn admin_list_users(query: String) -> Result<Vec<AdminUserRow>, AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    let default_can_share = crate::instance::service::get(&state.db, &state.defaults)
        .await?
        .default_can_share;
    let mut users = crate::accounts::service::list_users(&state.db, Some(&query)).await?;
    users.sort_by_key(|u| u.role != crate::accounts::Role::Pending);
    Ok(users
        .iter()
        .map(|u| wire::row_with(default_can_share, &me, u))
        .collect())
}

/// `POST /api/fn/admin_add_user` `{"name", "email", "password", "role"}`: adds an account
/// (admins only; 409 when the email is taken).
#[server(prefix = "/api/fn", endpoint = "admin_add_user", input = Json, output = Json)]
pub async fn admin_add_user(
    name: String,
    email: String,
    password: String,
    role: String,
) -> Result<AdminUserRow, AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    let u = crate::accounts::service::add_user(&state.db, &name, &email, &password, &role).await?;
    wire::row(&state, &me, &u).await
}

/// `POST /api/fn/admin_pending_count`: how many accounts wait for approval (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_pending_count", input = Json, output = Json)]
pub async fn admin_pending_count() -> Result<u64, AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    crate::accounts::service::pending_count(&state.db).await
}

/// `POST /api/fn/admin_set_role` `{"id": …, "role": "user"}` (admins only; the last admin
/// cannot be demoted: 409).
#[server(prefix = "/api/fn", endpoint = "admin_set_role", input = Json, output = Json)]
pub async fn admin_set_role(id: Uuid, role: String) -> Result<AdminUserRow, AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    let u = crate::accounts::service::set_role(&state.db, id, &role).await?;
    wire::row(&state, &me, &u).await
}

/// `POST /api/fn/admin_set_can_share` `{"id": …, "value": true|false|null}`: the user's own
/// "Allow chat sharing" (`null`: follow the default) (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_set_can_share", input = Json, output = Json)]
pub async fn admin_set_can_share(id: Uuid, value: Option<bool>) -> Result<AdminUserRow, AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    let u = crate::accounts::service::set_can_share(&state.db, id, value).await?;
    wire::row(&state, &me, &u).await
}

/// `POST /api/fn/admin_delete_user` `{"id": …}`: deletes the account with its chats and share
/// links (admins only; the last admin cannot be deleted: 409).
#[server(prefix = "/api/fn", endpoint = "admin_delete_user", input = Json, output = Json)]
pub async fn admin_delete_user(id: Uuid) -> Result<(), AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    crate::accounts::service::delete_user(&state.db, id).await
}
