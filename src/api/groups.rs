//! Groups under Open WebUI's routes: any member lists them (to share with), administrators
//! create, change, fill and delete them.

use app::error::AppError;
use app::groups::{service as groups, GroupItem};
use axum::extract::{Path, State};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::{ApiJson, Caller};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/groups/", get(list))
        .route("/api/v1/groups", get(list))
        .route("/api/v1/groups/create", post(create))
        .route("/api/v1/groups/id/{id}/update", post(update))
        .route("/api/v1/groups/id/{id}/users/add", post(add_users))
        .route("/api/v1/groups/id/{id}/users/remove", post(remove_users))
        .route("/api/v1/groups/id/{id}/delete", delete(remove))
}

fn group_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound("No such group.".to_owned()))
}

/// Every group by name; with its members' ids for administrators.
async fn list(State(s): State<ServerState>, caller: Caller) -> Result<Json<Vec<GroupItem>>, AppError> {
    let me = caller.member()?;
    let admin = me.role == app::accounts::Role::Admin;
    Ok(Json(groups::list(&s.app.db, admin).await?))
}

/// A group's name and description.
#[derive(Deserialize)]
struct GroupForm {
    name: String,
    #[serde(default)]
    description: String,
    /// Open WebUI's group permissions (only `sharing.folders` and `features.folders` mean
    /// something here).
    #[serde(default)]
    permissions: Option<app::groups::GroupPermissions>,
}

async fn create(
    State(s): State<ServerState>,
    caller: Caller,
    ApiJson(f): ApiJson<GroupForm>,
) -> Result<Json<GroupItem>, AppError> {
    caller.admin()?;
    Ok(Json(groups::create(&s.app.db, &f.name, &f.description).await?))
}

async fn update(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<GroupForm>,
) -> Result<Json<GroupItem>, AppError> {
    caller.admin()?;
    let id = group_id(&id)?;
    let mut g = groups::update(&s.app.db, id, &f.name, &f.description).await?;
    if let Some(p) = f.permissions {
        groups::set_permissions(&s.app.db, id, p).await?;
        g.permissions = p;
    }
    Ok(Json(g))
}

/// Whom to add or remove.
#[derive(Deserialize)]
struct UserIds {
    user_ids: Vec<Uuid>,
}

async fn add_users(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<UserIds>,
) -> Result<Json<GroupItem>, AppError> {
    change_members(&s, caller, &id, &b.user_ids, true).await
}

async fn remove_users(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<UserIds>,
) -> Result<Json<GroupItem>, AppError> {
    change_members(&s, caller, &id, &b.user_ids, false).await
}

async fn change_members(
    s: &ServerState,
    caller: Caller,
    id: &str,
    user_ids: &[Uuid],
    add: bool,
) -> Result<Json<GroupItem>, AppError> {
    caller.admin()?;
    Ok(Json(
        groups::change_members(&s.app.db, group_id(id)?, user_ids, add).await?,
    ))
}

async fn remove(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    caller.admin()?;
    groups::delete(&s.app.db, group_id(&id)?).await?;
    Ok(Json(true))
}
