//! Groups of members (Open WebUI's groups), managed by administrators. A share link can be
//! granted to a group (a `group` grant, see the share feature); its members then may open it.
//! Members see the groups (to share with them) but not who is in them.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

mod components;
#[cfg(feature = "ssr")]
pub mod service;

pub use components::GroupsPanel;

/// A member, by name (the Admin Panel's group cards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Their account id.
    pub id: Uuid,
    /// Their display name.
    pub name: String,
}

/// A group with its members, as the Admin Panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetail {
    /// The group's id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its members, by name.
    pub members: Vec<Member>,
    /// What it lets its members do.
    pub permissions: GroupPermissions,
}

/// Every group with its members, and every approved member (to add).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupsState {
    /// The groups, by name.
    pub groups: Vec<GroupDetail>,
    /// The approved members, by name.
    pub users: Vec<Member>,
}

/// `POST /api/fn/admin_groups` `{}`: every group with its members (admins).
#[server(prefix = "/api/fn", endpoint = "admin_groups", input = Json, output = Json)]
pub async fn admin_groups() -> Result<GroupsState, AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    service::state(&state.db).await
}

/// `POST /api/fn/admin_create_group` `{"name", "description"}` (admins).
#[server(prefix = "/api/fn", endpoint = "admin_create_group", input = Json, output = Json)]
pub async fn admin_create_group(name: String, description: String) -> Result<(), AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    service::create(&state.db, &name, &description).await.map(|_| ())
}

/// `POST /api/fn/admin_delete_group` `{"id"}` (admins).
#[server(prefix = "/api/fn", endpoint = "admin_delete_group", input = Json, output = Json)]
pub async fn admin_delete_group(id: Uuid) -> Result<(), AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    service::delete(&state.db, id).await
}

/// `POST /api/fn/admin_change_group_members` `{"id", "user_ids", "add"}` (admins).
#[server(prefix = "/api/fn", endpoint = "admin_change_group_members", input = Json, output = Json)]
pub async fn admin_change_group_members(id: Uuid, user_ids: Vec<Uuid>, add: bool) -> Result<(), AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    service::change_members(&state.db, id, &user_ids, add)
        .await
        .map(|_| ())
}

/// What a group lets its members do beyond the instance's defaults (Open WebUI's group
/// permissions: a member has a permission when the default or any of their groups gives it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPermissions {
    /// `sharing.*`.
    #[serde(default)]
    pub sharing: GroupSharing,
    /// `features.*`.
    #[serde(default)]
    pub features: GroupFeatures,
}

/// A group's `sharing.*` permissions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSharing {
    /// `sharing.folders`: its members may share folders.
    #[serde(default)]
    pub folders: bool,
}

/// A group's `features.*` permissions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFeatures {
    /// `features.folders`: its members keep chats in folders.
    #[serde(default)]
    pub folders: bool,
}

/// `POST /api/fn/admin_set_group_permissions` `{"id", "permissions"}` (admins).
#[server(prefix = "/api/fn", endpoint = "admin_set_group_permissions", input = Json, output = Json)]
pub async fn admin_set_group_permissions(id: Uuid, permissions: GroupPermissions) -> Result<(), AppError> {
    let (state, _) = crate::accounts::caller::admin().await?;
    service::set_permissions(&state.db, id, permissions).await
}

/// A group, as `GET /api/v1/groups/` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupItem {
    /// The group's id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// What it lets its members do.
    #[serde(default)]
    pub permissions: GroupPermissions,
    /// Its members' ids (for administrators only; absent for anyone else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_ids: Option<Vec<Uuid>>,
    /// Created, epoch seconds.
    pub created_at: i64,
    /// Last changed, epoch seconds.
    pub updated_at: i64,
}
