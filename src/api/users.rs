//! `/api/v1/users/…`: permissions and user management.

use app::accounts::profile::service as profile;
use app::accounts::{self, service, UserObject};
use app::error::AppError;
use app::instance::service as instance;
use axum::extract::{Path, State};

use super::Query;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::{ApiJson, Caller};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/users/permissions", get(my_permissions))
        .route(
            "/api/v1/users/default/permissions",
            get(default_permissions).post(set_default_permissions),
        )
        .route("/api/v1/users/", get(list_users))
        .route("/api/v1/users", get(list_users))
        .route("/api/v1/users/user/settings", get(my_settings))
        .route("/api/v1/users/user/settings/update", post(update_my_settings))
        .route("/api/v1/users/{id}/profile/image", get(profile_image))
        .route("/api/v1/users/{id}/update", post(update_user))
        .route("/api/v1/users/{id}", delete(delete_user))
}

/// Open WebUI's `GET /api/v1/users/user/settings`: my settings (`{"ui": {…}}`), or `null`
/// when none were saved.
async fn my_settings(
    State(state): State<ServerState>,
    caller: Caller,
) -> Result<Json<serde_json::Value>, AppError> {
    let me = caller.member()?;
    let s = profile::stored(&state.app.db, me.id).await?;
    Ok(Json(if s.as_object().is_some_and(|o| o.is_empty()) {
        serde_json::Value::Null
    } else {
        s
    }))
}

/// Open WebUI's `POST /api/v1/users/user/settings/update`: replaces my settings with the body
/// (a JSON object); answers them.
async fn update_my_settings(
    State(state): State<ServerState>,
    caller: Caller,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<serde_json::Value>, AppError> {
    let me = caller.member()?;
    profile::store(&state.app.db, me.id, &body).await?;
    Ok(Json(body))
}

/// `?c=`: the colour of the initials (the avatar's address carries it).
#[derive(Deserialize)]
struct ImageQuery {
    c: Option<String>,
}

/// Open WebUI's `GET /api/v1/users/{id}/profile/image`: the account's uploaded picture, or
/// its initials as SVG. For signed-in members; 404 for an unknown account.
async fn profile_image(
    State(state): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<ImageQuery>,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    caller.member()?;
    let (media_type, bytes) = profile::avatar_image(&state.app.db, user_id(&id)?, q.c.as_deref()).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, media_type),
            (
                axum::http::header::CACHE_CONTROL,
                "private, max-age=86400".to_owned(),
            ),
            (
                axum::http::header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn user_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound("No such user.".to_owned()))
}

async fn my_permissions(
    State(state): State<ServerState>,
    caller: Caller,
) -> Result<Json<accounts::Permissions>, AppError> {
    let me = caller.member()?;
    let u = accounts::session_user(&state.app, &me).await?;
    Ok(Json(u.permissions))
}

async fn default_permissions(
    State(state): State<ServerState>,
    caller: Caller,
) -> Result<Json<accounts::Permissions>, AppError> {
    caller.admin()?;
    let s = instance::get(&state.app.db, &state.app.defaults).await?;
    Ok(Json(accounts::Permissions::defaults(&s)))
}

/// A change to the default permissions: only the fields given change.
#[derive(Deserialize)]
struct PermissionsChange {
    chat: Option<ChatChange>,
    sharing: Option<SharingChange>,
    features: Option<FeaturesChange>,
}

#[derive(Deserialize)]
struct FeaturesChange {
    folders: Option<bool>,
}

#[derive(Deserialize)]
struct ChatChange {
    share: Option<bool>,
}

#[derive(Deserialize)]
struct SharingChange {
    public_chats: Option<bool>,
    open_chats: Option<bool>,
    folders: Option<bool>,
}

async fn set_default_permissions(
    State(state): State<ServerState>,
    caller: Caller,
    ApiJson(change): ApiJson<PermissionsChange>,
) -> Result<Json<accounts::Permissions>, AppError> {
    caller.admin()?;
    let mut patch = serde_json::Map::new();
    let mut set = |k: &str, v: Option<bool>| {
        if let Some(v) = v {
            patch.insert(k.to_owned(), serde_json::Value::Bool(v));
        }
    };
    set("default_can_share", change.chat.and_then(|c| c.share));
    if let Some(sharing) = change.sharing {
        set("allow_member_links", sharing.public_chats);
        set("allow_open_links", sharing.open_chats);
        set("allow_folder_sharing", sharing.folders);
    }
    if let Some(features) = change.features {
        set("folders_enabled", features.folders);
    }
    let s = instance::update(
        &state.app.db,
        &state.app.defaults,
        serde_json::Value::Object(patch),
    )
    .await?;
    Ok(Json(accounts::Permissions::defaults(&s)))
}

#[derive(Deserialize)]
struct ListQuery {
    query: Option<String>,
}

async fn list_users(
    State(state): State<ServerState>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<UserObject>>, AppError> {
    caller.admin()?;
    let users = service::list_users(&state.app.db, q.query.as_deref()).await?;
    Ok(Json(users.iter().map(UserObject::from).collect()))
}

#[derive(Deserialize)]
struct UpdateUserBody {
    role: Option<String>,
    /// `true`/`false` overrides `chat.share` for this user; `null` follows the default.
    #[serde(default, deserialize_with = "some_option")]
    can_share: Option<Option<bool>>,
}

fn some_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<bool>>, D::Error> {
    Option::<bool>::deserialize(d).map(Some)
}

async fn update_user(
    State(state): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateUserBody>,
) -> Result<Json<UserObject>, AppError> {
    caller.admin()?;
    let id = user_id(&id)?;
    let mut u = None;
    if let Some(role) = body.role {
        u = Some(service::set_role(&state.app.db, id, &role).await?);
    }
    if let Some(can_share) = body.can_share {
        u = Some(service::set_can_share(&state.app.db, id, can_share).await?);
    }
    let u = match u {
        Some(u) => u,
        None => {
            return Err(AppError::Unprocessable(
                "Nothing to update: send \"role\" or \"can_share\".".to_owned(),
            ))
        }
    };
    Ok(Json(UserObject::from(&u)))
}

async fn delete_user(
    State(state): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    caller.admin()?;
    service::delete_user(&state.app.db, user_id(&id)?).await?;
    Ok(Json(true))
}
