//! Folders under Open WebUI 0.12's routes (`/api/v1/folders/…`, and the chats' `…/folder`
//! routes): the caller's folders, sharing one, the chats of a shared folder and read marks.
//! Errors are Open WebUI's: 400 for a name a sibling has or a move into itself, 403 without the
//! feature or access, 404 for a folder the caller may not see.

use std::collections::HashMap;

use app::entities::{folder, folder_grant, user};
use app::error::AppError;
use app::folders::{access, service as folders};
use app::share::{AccessGrant, GrantPermission};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::chats::{chat_object, json_response, ChatListItem};
use super::{ApiJson, Caller, Query};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/folders/", get(list).post(create))
        .route("/api/v1/folders", get(list).post(create))
        .route("/api/v1/folders/shared", get(shared))
        .route("/api/v1/folders/{id}", get(read).delete(remove))
        .route("/api/v1/folders/{id}/update", post(update))
        .route("/api/v1/folders/{id}/update/parent", post(set_parent))
        .route("/api/v1/folders/{id}/update/expanded", post(set_expanded))
        .route("/api/v1/folders/{id}/access/update", post(set_access))
        .route("/api/v1/folders/{id}/shared/chats", get(shared_chats))
        .route("/api/v1/folders/{id}/read", post(mark_read))
        .route("/api/v1/chats/{id}/folder", post(move_chat))
        .route("/api/v1/chats/folder/{folder_id}", get(chats_in))
        .route("/api/v1/chats/folder/{folder_id}/list", get(chat_list))
}

fn not_found() -> AppError {
    AppError::NotFound("Folder not found.".to_owned())
}

fn folder_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| not_found())
}

fn json_of(stored: Option<&str>) -> Option<Value> {
    stored.and_then(|s| serde_json::from_str(s).ok())
}

/// A signed-in member who has folders (`features.folders`).
async fn member_with_folders(s: &ServerState, caller: Caller) -> Result<user::Model, AppError> {
    let me = caller.member()?;
    folders::check_enabled(&s.app.db, &s.app.defaults, &me).await?;
    Ok(me)
}

/// Open WebUI's `FolderModel`.
#[derive(Serialize)]
struct FolderModel {
    id: Uuid,
    parent_id: Option<Uuid>,
    user_id: Uuid,
    name: String,
    items: Option<Value>,
    meta: Option<Value>,
    data: Option<Value>,
    is_expanded: bool,
    created_at: i64,
    updated_at: i64,
}

impl From<folder::Model> for FolderModel {
    fn from(f: folder::Model) -> Self {
        FolderModel {
            id: f.id,
            parent_id: f.parent_id,
            user_id: f.user_id,
            meta: json_of(f.meta.as_deref()),
            data: json_of(f.data.as_deref()),
            name: f.name,
            items: None,
            is_expanded: f.is_expanded,
            created_at: f.created_at,
            updated_at: f.updated_at,
        }
    }
}

/// An item of `GET /api/v1/folders/` (Open WebUI's `FolderNameIdResponse`).
#[derive(Serialize)]
struct FolderListItem {
    id: Uuid,
    name: String,
    meta: Option<Value>,
    parent_id: Option<Uuid>,
    is_expanded: bool,
    unread_count: u64,
    created_at: i64,
    updated_at: i64,
}

async fn list(State(s): State<ServerState>, caller: Caller) -> Result<Json<Vec<FolderListItem>>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let unread = app::folders::inbox::unread_counts(&s.app.db, &me).await?;
    let rows = folders::list(&s.app.db, me.id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|f| FolderListItem {
                unread_count: unread.get(&f.id).copied().unwrap_or(0),
                id: f.id,
                meta: json_of(f.meta.as_deref()).map(|m| serde_json::json!({ "icon": m.get("icon") })),
                name: f.name,
                parent_id: f.parent_id,
                is_expanded: f.is_expanded,
                created_at: f.created_at,
                updated_at: f.updated_at,
            })
            .collect(),
    ))
}

/// Open WebUI's `FolderForm` (unknown fields refused, as there).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FolderForm {
    name: Option<String>,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    meta: Option<Value>,
    #[serde(default)]
    parent_id: Option<Uuid>,
}

impl From<FolderForm> for folders::FolderForm {
    fn from(f: FolderForm) -> Self {
        folders::FolderForm {
            name: f.name,
            parent_id: f.parent_id,
            data: f.data,
            meta: f.meta,
        }
    }
}

async fn create(
    State(s): State<ServerState>,
    caller: Caller,
    ApiJson(f): ApiJson<FolderForm>,
) -> Result<Json<FolderModel>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    Ok(Json(folders::create(&s.app.db, &me, f.into()).await?.into()))
}

/// Open WebUI's `AccessGrantModel`.
#[derive(Serialize)]
struct GrantModel {
    id: Uuid,
    resource_type: &'static str,
    resource_id: Uuid,
    principal_type: String,
    principal_id: String,
    permission: String,
    created_at: i64,
}

impl From<folder_grant::Model> for GrantModel {
    fn from(g: folder_grant::Model) -> Self {
        GrantModel {
            id: g.id,
            resource_type: "folder",
            resource_id: g.folder_id,
            principal_type: g.principal_type,
            principal_id: g.principal_id,
            permission: g.permission,
            created_at: g.created_at,
        }
    }
}

async fn grant_models(s: &ServerState, id: Uuid) -> Result<Vec<GrantModel>, AppError> {
    Ok(access::grant_rows(&s.app.db, id)
        .await?
        .into_iter()
        .map(GrantModel::from)
        .collect())
}

/// `GET /api/v1/folders/{id}`: Open WebUI's `FolderResponse`.
#[derive(Serialize)]
struct FolderResponse {
    #[serde(flatten)]
    folder: FolderModel,
    access_grants: Vec<GrantModel>,
    write_access: bool,
}

async fn read(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<FolderResponse>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let (f, p) = access::readable(&s.app.db, &me, folder_id(&id)?)
        .await
        .map_err(|e| match e {
            // A folder the caller may not see does not exist for them (Open WebUI's 404).
            AppError::Forbidden(_) => not_found(),
            e => e,
        })?;
    let access_grants = grant_models(&s, f.id).await?;
    Ok(Json(FolderResponse {
        folder: f.into(),
        access_grants,
        write_access: p == GrantPermission::Write,
    }))
}

async fn update(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<FolderForm>,
) -> Result<Json<FolderModel>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = folder_id(&id)?;
    let mut form: folders::FolderForm = f.into();
    form.parent_id = None;
    Ok(Json(folders::update(&s.app.db, &me, id, form).await?.into()))
}

#[derive(Deserialize)]
struct ParentForm {
    #[serde(default)]
    parent_id: Option<Uuid>,
}

async fn set_parent(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<ParentForm>,
) -> Result<Json<FolderModel>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = folder_id(&id)?;
    Ok(Json(
        folders::set_parent(&s.app.db, &me, id, f.parent_id).await?.into(),
    ))
}

#[derive(Deserialize)]
struct ExpandedForm {
    is_expanded: bool,
}

async fn set_expanded(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<ExpandedForm>,
) -> Result<Json<FolderModel>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = folder_id(&id)?;
    let found = folders::find(&s.app.db, id).await?;
    if found.user_id != me.id {
        // Open WebUI answers a grantee with the folder unchanged (the state is the owner's).
        let (f, _) = access::readable(&s.app.db, &me, id)
            .await
            .map_err(|_| not_found())?;
        return Ok(Json(f.into()));
    }
    Ok(Json(
        folders::set_expanded(&s.app.db, &me, id, f.is_expanded)
            .await?
            .into(),
    ))
}

#[derive(Deserialize)]
struct AccessForm {
    access_grants: Vec<AccessGrant>,
    #[serde(default, deserialize_with = "present")]
    share_mode: Option<Option<String>>,
}

/// A field that may be absent (`None`), null (`Some(None)`) or set.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::<String>::deserialize(d)?))
}

#[derive(Serialize)]
struct AccessResponse {
    #[serde(flatten)]
    folder: FolderModel,
    access_grants: Vec<GrantModel>,
}

async fn set_access(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<AccessForm>,
) -> Result<Json<AccessResponse>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = folder_id(&id)?;
    if let Some(Some(mode)) = &f.share_mode {
        if mode != app::share::LIVE {
            return Err(AppError::Unprocessable(format!(
                "share_mode is \"{}\" or null.",
                app::share::LIVE
            )));
        }
    }
    let saved =
        access::set_grants(&s.app.db, &s.app.defaults, &me, id, f.access_grants, f.share_mode).await?;
    Ok(Json(AccessResponse {
        access_grants: grant_models(&s, id).await?,
        folder: saved.into(),
    }))
}

async fn shared(
    State(s): State<ServerState>,
    caller: Caller,
) -> Result<Json<Vec<app::folders::SharedFolderItem>>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    Ok(Json(app::folders::inbox::shared_with(&s.app.db, &me).await?))
}

async fn shared_chats(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<app::folders::FolderChats>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    Ok(Json(access::shared_chats(&s.app.db, &me, folder_id(&id)?).await?))
}

#[derive(Serialize)]
struct ReadResponse {
    folder_id: Uuid,
    folder_ids: Vec<Uuid>,
    folder_unread_counts: HashMap<Uuid, u64>,
}

async fn mark_read(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ReadResponse>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = folder_id(&id)?;
    access::mark_read(&s.app.db, &me, id).await?;
    Ok(Json(ReadResponse {
        folder_id: id,
        folder_ids: vec![id],
        folder_unread_counts: app::folders::inbox::unread_counts(&s.app.db, &me).await?,
    }))
}

#[derive(Deserialize)]
struct DeleteQuery {
    delete_contents: Option<bool>,
}

async fn remove(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<DeleteQuery>,
) -> Result<Json<bool>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = folder_id(&id)?;
    // Open WebUI deletes the chats unless told not to.
    folders::delete(&s.app.db, &me, id, q.delete_contents.unwrap_or(true)).await?;
    Ok(Json(true))
}

#[derive(Deserialize)]
struct ChatFolderForm {
    #[serde(default)]
    folder_id: Option<Uuid>,
}

async fn move_chat(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<ChatFolderForm>,
) -> Result<Response, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let id = Uuid::parse_str(&id).map_err(|_| AppError::chat_not_found())?;
    chat_object(&folders::move_chat(&s.app.db, &me, id, f.folder_id).await?)
}

/// `GET /api/v1/chats/folder/{id}`: the caller's chats in their folder and the folders below.
async fn chats_in(
    State(s): State<ServerState>,
    caller: Caller,
    Path(folder): Path<String>,
) -> Result<Response, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let f = folders::find_owned(&s.app.db, &me, folder_id(&folder)?).await?;
    let rows = app::folders::listing::own_chats_below(&s.app.db, &me, &f).await?;
    Ok(json_response(app::chats::transfer::export_array(&rows)?))
}

#[derive(Deserialize)]
struct ListQuery {
    page: Option<u64>,
}

/// `GET /api/v1/chats/folder/{id}/list?page=`: the caller's chats in their folder, ten a page.
async fn chat_list(
    State(s): State<ServerState>,
    caller: Caller,
    Path(folder): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<ChatListItem>>, AppError> {
    let me = member_with_folders(&s, caller).await?;
    let f = folders::find_owned(&s.app.db, &me, folder_id(&folder)?).await?;
    let page = q.page.unwrap_or(1).max(1);
    let rows = folders::chats_in(&s.app.db, f.id).await?;
    Ok(Json(
        rows.into_iter()
            .filter(|c| c.user_id == me.id)
            .skip(((page - 1) * 10) as usize)
            .take(10)
            .map(ChatListItem::from)
            .collect(),
    ))
}
