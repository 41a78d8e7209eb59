//! A link over time and its downloads: `GET /api/v1/chats/share/{share_id}/versions`,
//! `…/versions/{n}/restore` (POST), `…/versions/{n}` (DELETE), the `?version=N` read (in
//! `chats.rs`, which serves the link) and `GET …/export?format=md|json`.

use app::entities::shared_chat;
use app::error::AppError;
use app::share::password;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::chats::{json_response, share_id};
use super::{Caller, Client};
use crate::server::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/chats/share/{id}/versions", get(list_versions))
        .route(
            "/api/v1/chats/share/{id}/versions/{n}",
            axum::routing::delete(delete_version),
        )
        .route(
            "/api/v1/chats/share/{id}/versions/{n}/restore",
            post(restore_version),
        )
        .route("/api/v1/chats/share/{id}/export", get(export_shared))
}

/// A version number from the path or the query: 404 when it is not one.
pub(super) fn version_number(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| AppError::NotFound(format!("This link has no version {raw}.")))
}

/// A snapshot row in Open WebUI's chat shape (`id` = `share_id` = the link).
pub(super) fn snapshot_object(r: &shared_chat::Model, chat: &str) -> Result<Vec<u8>, AppError> {
    let obj = app::chats::transfer::ChatObject {
        id: r.id.to_string(),
        user_id: format!("shared-{}", r.chat_id),
        title: &r.title,
        chat: app::chats::transfer::raw(chat)?,
        created_at: r.created_at,
        updated_at: r.updated_at,
        share_id: Some(r.id),
        archived: false,
        pinned: false,
        meta: app::chats::transfer::raw("{}")?,
        folder_id: None,
        share_mode: r.share_mode.as_deref(),
    };
    serde_json::to_vec(&obj).map_err(|_| AppError::Internal)
}

/// `GET /api/v1/chats/share/{id}?version=N`: version N of the link (its owner or an admin).
pub(super) async fn old_version(
    s: &ServerState,
    caller: Caller,
    id: &str,
    n: &str,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let (mut link, v) = app::share::versions::read(&s.app.db, &me, share_id(id)?, version_number(n)?).await?;
    link.title = v.title;
    link.updated_at = v.created_at;
    Ok(json_response(snapshot_object(&link, &v.chat)?))
}

async fn list_versions(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<app::share::ShareVersionInfo>>, AppError> {
    let me = caller.member()?;
    Ok(Json(
        app::share::versions::list(&s.app.db, &me, share_id(&id)?).await?,
    ))
}

/// Answers `{"version": <the new current number>}`.
async fn restore_version(
    State(s): State<ServerState>,
    caller: Caller,
    Path((id, n)): Path<(String, String)>,
) -> Result<Json<serde_json::Value>, AppError> {
    let me = caller.member()?;
    let version = app::share::versions::restore(&s.app.db, &me, share_id(&id)?, version_number(&n)?).await?;
    Ok(Json(serde_json::json!({ "version": version })))
}

async fn delete_version(
    State(s): State<ServerState>,
    caller: Caller,
    Path((id, n)): Path<(String, String)>,
) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    app::share::versions::delete(&s.app.db, &me, share_id(&id)?, version_number(&n)?).await?;
    Ok(Json(true))
}

#[derive(Deserialize)]
struct ExportQuery {
    format: Option<String>,
}

/// The link as a download, for whoever may read it (its password too): `format=md` (the
/// default) or `format=json`.
async fn export_shared(
    State(s): State<ServerState>,
    caller: Caller,
    Client(client): Client,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let sid = share_id(&id)?;
    let format = q.format.unwrap_or_else(|| "md".to_owned());
    if format != "md" && format != "json" {
        return Err(AppError::Unprocessable("format must be md or json.".to_owned()));
    }
    let presented = password::presented(&headers, sid, client.address);
    let snap = app::share::service::view_with(&s.app.db, caller.0.as_ref(), sid, &presented).await?;
    let r = &snap.row;
    let (body, kind, name) = if format == "json" {
        let chat = app::share::export::public_json(&r.chat)?;
        let one = snapshot_object(r, &chat)?;
        let mut all = Vec::with_capacity(one.len() + 2);
        all.push(b'[');
        all.extend(one);
        all.push(b']');
        (
            all,
            "application/json",
            app::share::export::file_name(&r.title, "json"),
        )
    } else {
        use sea_orm::EntityTrait;
        let shared_by = app::entities::user::Entity::find_by_id(r.user_id)
            .one(&s.app.db)
            .await?
            .map_or_else(|| "a former member".to_owned(), |u| u.name);
        let chat = app::chats::doc::ChatDoc::from_stored(&r.chat)?;
        let md = app::share::export::markdown(&r.title, &shared_by, r.updated_at, &chat);
        (
            md.into_bytes(),
            "text/markdown; charset=utf-8",
            app::share::export::file_name(&r.title, "md"),
        )
    };
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
