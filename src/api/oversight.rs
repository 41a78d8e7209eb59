//! Who looked and what is shared: a link's access log for its owner, and for administrators
//! every link on the instance (list, revoke one, revoke a member's) and the audit log (JSON or
//! CSV).

use app::error::AppError;
use app::share::{audit, oversight, views, AuditEntry, InstanceLink, ViewEntry};
use axum::extract::{Path, State};

use super::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::chats::{chat_id, share_id};
use super::Caller;
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/chats/shared/{id}/views", get(access_log))
        .route(
            "/api/v1/admin/shared",
            get(list_links).delete(revoke_members_links),
        )
        .route("/api/v1/admin/shared/{id}", delete(revoke_link))
        .route("/api/v1/admin/audit", get(audit_log))
}

/// `?page=`.
#[derive(Deserialize)]
struct PageOnly {
    page: Option<u64>,
}

/// `GET /api/v1/chats/shared/{chat_id}/views?page=`: the link's readers, newest first (owner
/// or admin).
async fn access_log(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<PageOnly>,
) -> Result<Json<Vec<ViewEntry>>, AppError> {
    let me = caller.member()?;
    Ok(Json(
        views::log(&s.app.db, &me, chat_id(&id)?, q.page.unwrap_or(1)).await?,
    ))
}

/// `?query=&user_id=&page=`.
#[derive(Deserialize)]
struct LinkFilter {
    query: Option<String>,
    user_id: Option<Uuid>,
    page: Option<u64>,
}

/// `GET /api/v1/admin/shared`: every link on the instance, newest first.
async fn list_links(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<LinkFilter>,
) -> Result<Json<Vec<InstanceLink>>, AppError> {
    caller.admin()?;
    Ok(Json(
        oversight::list(
            &s.app.db,
            q.query.as_deref().unwrap_or(""),
            q.user_id,
            q.page.unwrap_or(1),
        )
        .await?,
    ))
}

/// `DELETE /api/v1/admin/shared/{share_id}`: revokes one link; `true`.
async fn revoke_link(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    let me = caller.admin()?;
    oversight::revoke(&s.app.db, &me, share_id(&id)?).await?;
    Ok(Json(true))
}

/// `?user_id=` (required).
#[derive(Deserialize)]
struct OwnerFilter {
    user_id: Option<Uuid>,
}

/// `DELETE /api/v1/admin/shared?user_id=…`: revokes every link of one member; how many.
async fn revoke_members_links(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<OwnerFilter>,
) -> Result<Json<u64>, AppError> {
    let me = caller.admin()?;
    let owner = q
        .user_id
        .ok_or_else(|| AppError::Unprocessable("Say whose links to revoke: ?user_id=….".to_owned()))?;
    Ok(Json(oversight::revoke_all_of(&s.app.db, &me, owner).await?))
}

/// `?action=&user_id=&page=&format=csv`.
#[derive(Deserialize)]
struct AuditFilter {
    action: Option<String>,
    user_id: Option<Uuid>,
    page: Option<u64>,
    format: Option<String>,
}

/// Most rows one CSV download holds.
const CSV_ROWS: u64 = 100_000;

/// `GET /api/v1/admin/audit`: the audit log, newest first; `format=csv` downloads it (every
/// row that matches, up to 100,000, without paging).
async fn audit_log(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<AuditFilter>,
) -> Result<Response, AppError> {
    caller.admin()?;
    let action = q.action.as_deref();
    match q.format.as_deref() {
        None | Some("json") => {
            let rows: Vec<AuditEntry> = audit::list(
                &s.app.db,
                action,
                q.user_id,
                q.page.unwrap_or(1),
                audit::PAGE_SIZE,
            )
            .await?;
            Ok(Json(rows).into_response())
        }
        Some("csv") => {
            let rows = audit::list(&s.app.db, action, q.user_id, 1, CSV_ROWS).await?;
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"chatshare-audit.csv\"",
                    ),
                ],
                audit::csv(&rows),
            )
                .into_response())
        }
        Some(other) => Err(AppError::Unprocessable(format!(
            "format is \"json\" or \"csv\", not \"{other}\"."
        ))),
    }
}
