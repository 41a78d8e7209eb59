//! Who can open a link: its access grants (Open WebUI's routes) and requests for access,
//! as JSON endpoints, and the 403 page's plain "Request access" form.

use app::error::AppError;
use app::share::{grants, password, requests, AccessGrant, AccessRequest};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::{ApiJson, Caller, Client};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/chats/shared/{id}/access", get(list_access))
        .route("/api/v1/chats/shared/{id}/access/update", post(update_access))
        .route("/api/v1/chats/shared/{id}/access/requests", get(list_requests))
        .route(
            "/api/v1/chats/shared/{id}/access/requests/{request_id}/approve",
            post(approve_request),
        )
        .route(
            "/api/v1/chats/shared/{id}/access/requests/{request_id}/decline",
            post(decline_request),
        )
        .route("/api/v1/chats/share/{id}/access/request", post(request_access))
        // The 403 page's "Request access", a plain HTML form.
        .route("/s/{id}/request-access", post(form_request_access))
        // The 401 page's password form.
        .route("/s/{id}/password", post(form_password))
        // The 410 page's "Extend", for the link's owner.
        .route("/s/{id}/extend", post(form_extend))
}

use super::chats::{chat_id, share_id};

fn request_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound("No such request for this chat.".to_owned()))
}

/// `GET /api/v1/chats/shared/{chat_id}/access`: the link's grants (owner or admin).
async fn list_access(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<AccessGrant>>, AppError> {
    let me = caller.member()?;
    Ok(Json(grants::list(&s.app.db, &me, chat_id(&id)?).await?))
}

/// `POST /api/v1/chats/shared/{chat_id}/access/update`'s body.
#[derive(Deserialize)]
struct AccessUpdate {
    access_grants: Vec<AccessGrant>,
    /// `"continue"` makes a live link; `null` (or leaving it out) a snapshot.
    #[serde(default)]
    share_mode: Option<String>,
}

/// Replaces the link's grants and its mode; answers the chat object (with `share_mode`).
async fn update_access(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<AccessUpdate>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let live = match b.share_mode.as_deref() {
        None => false,
        Some(app::share::LIVE) => true,
        Some(other) => {
            return Err(AppError::Unprocessable(format!(
                "share_mode is \"{}\" (a live link) or null (a snapshot), not \"{other}\".",
                app::share::LIVE
            )))
        }
    };
    let c = grants::replace(
        &s.app.db,
        &s.app.defaults,
        &me,
        chat_id(&id)?,
        b.access_grants,
        live,
    )
    .await?;
    let body = app::chats::transfer::chat_object(&c, live.then_some(app::share::LIVE))?;
    Ok(super::chats::json_response(body))
}

/// `GET /api/v1/chats/shared/{chat_id}/access/requests`: pending requests (owner or admin).
async fn list_requests(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<AccessRequest>>, AppError> {
    let me = caller.member()?;
    Ok(Json(requests::pending(&s.app.db, &me, chat_id(&id)?).await?))
}

async fn answer(
    s: &ServerState,
    caller: Caller,
    id: &str,
    request_id: &str,
    approve: bool,
) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    let request_id = self::request_id(request_id)?;
    requests::answer(&s.app.db, &s.app.defaults, &me, chat_id(id)?, request_id, approve).await?;
    Ok(Json(true))
}

/// Approves a request: the member gets a read grant. Answers `true`.
async fn approve_request(
    State(s): State<ServerState>,
    caller: Caller,
    Path((id, request_id)): Path<(String, String)>,
) -> Result<Json<bool>, AppError> {
    answer(&s, caller, &id, &request_id, true).await
}

/// Declines a request (the member cannot ask this link again). Answers `true`.
async fn decline_request(
    State(s): State<ServerState>,
    caller: Caller,
    Path((id, request_id)): Path<(String, String)>,
) -> Result<Json<bool>, AppError> {
    answer(&s, caller, &id, &request_id, false).await
}

/// `POST /api/v1/chats/share/{share_id}/access/request`: asks for access; the request.
async fn request_access(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<AccessRequest>, AppError> {
    let me = caller.member()?;
    let share_id = share_id(&id)?;
    Ok(Json(requests::request(&s.app.db, &me, share_id).await?))
}

/// What the password form posts.
#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// The password form: a right password sets the link's cookie and opens the page; a wrong one
/// goes back to the form, which says so.
async fn form_password(
    State(s): State<ServerState>,
    caller: Caller,
    Client(client): Client,
    Path(id): Path<String>,
    axum::extract::Form(f): axum::extract::Form<PasswordForm>,
) -> Response {
    let page = format!("/s/{}", app::format::encode_query_value(&id));
    let Ok(share_id) = share_id(&id) else {
        return super::see_other(&page, None);
    };
    let presented = password::Presented {
        password: Some(f.password),
        proof: None,
        client: client.address,
    };
    match app::share::service::view_with(&s.app.db, caller.0.as_ref(), share_id, &presented).await {
        Ok(snap) => {
            let cookie = snap
                .row
                .password_hash
                .as_deref()
                .and_then(|h| password::cookie(share_id, h, client.https));
            super::see_other(&page, cookie)
        }
        Err(AppError::PasswordRequired(_)) => super::see_other(&format!("{page}?wrong=1"), None),
        Err(AppError::Unauthenticated) => super::see_other(
            &format!("/auth?redirect={}", app::format::encode_query_value(&page)),
            None,
        ),
        Err(_) => super::see_other(&page, None),
    }
}

/// The 403 page's form: asks, then back to the page, which then says "Requested".
async fn form_request_access(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Response {
    let page = format!("/s/{}", app::format::encode_query_value(&id));
    let asked = match (caller.member(), share_id(&id)) {
        (Ok(me), Ok(share_id)) => requests::request(&s.app.db, &me, share_id).await.map(|_| ()),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let to = match asked {
        Ok(()) => format!("{page}?requested=1"),
        Err(AppError::Unauthenticated) => {
            format!("/auth?redirect={}", app::format::encode_query_value(&page))
        }
        Err(e) => format!("{page}?error={}", e.notice_code()),
    };
    super::see_other(&to, None)
}

/// The 410 page's "Extend": the link opens again for seven days; back to the page (which says
/// what went wrong, if anything).
async fn form_extend(State(s): State<ServerState>, caller: Caller, Path(id): Path<String>) -> Response {
    let page = format!("/s/{}", app::format::encode_query_value(&id));
    let extended = match (caller.member(), share_id(&id)) {
        (Ok(me), Ok(share_id)) => app::share::lifetime::extend(&s.app.db, &s.app.defaults, &me, share_id)
            .await
            .map(|_| ()),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let to = match extended {
        Ok(()) => page,
        Err(AppError::Unauthenticated) => {
            format!("/auth?redirect={}", app::format::encode_query_value(&page))
        }
        Err(e) => format!("{page}?error={}", e.notice_code()),
    };
    super::see_other(&to, None)
}
