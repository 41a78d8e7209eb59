//! A link over time and its downloads: `GET /api/v1/chats/share/{share_id}/versions`,
//! `…/versions/{n}/restore` (POST), `…/versions/{n}` (DELETE), the `?version=N` read (in
//! `chats.rs`, which serves the link) and `GET …/export?format=md|json`.

use app::error::AppError;
use app::share::password;
use axum::extract::{Path, State};

use super::Query;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::chats::{json_response, share_id};
use super::{Caller, Client};
use crate::state::ServerState;

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

/// `GET /api/v1/chats/share/{id}?version=N`: version N of the link (its owner or an admin).
pub(super) async fn old_version(
    s: &ServerState,
    caller: Caller,
    id: &str,
    n: &str,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let (snap, _) = app::share::versions::open(&s.app.db, &me, share_id(id)?, version_number(n)?).await?;
    Ok(json_response(app::share::views::snapshot_object(
        &snap.row,
        &snap.row.chat,
    )?))
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

/// The link as a download (`format=md`, the default, or `format=json`), for whoever may read it.
async fn export_shared(
    State(s): State<ServerState>,
    caller: Caller,
    Client(client): Client,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let sid = share_id(&id)?;
    let presented = password::presented(&headers, sid, client.address);
    let format = q.format.as_deref().unwrap_or("md");
    let file = app::share::export::download(&s.app.db, caller.0.as_ref(), sid, &presented, format).await?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.file_name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(file.content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file.body,
    )
        .into_response())
}
