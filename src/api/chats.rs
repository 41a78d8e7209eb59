//! `/api/v1/chats/…` (and the seed's `/api/chats/…` share paths): the chat store and share
//! links, in Open WebUI's shapes. Stored JSON is sent as it is stored, without being re-parsed.

use app::chats::service as chats;
use app::chats::transfer;
use app::entities::chat;
use app::error::AppError;
use app::share::password;
use app::share::service as share;
use axum::extract::{Path, State};

use super::Query;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::{ApiJson, Caller, Client};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    let mut r = Router::new()
        .route("/api/v1/chats/new", post(create))
        .route("/api/v1/chats/", get(list))
        .route("/api/v1/chats", get(list))
        .route("/api/v1/chats/shared", get(list_shared))
        .route("/api/v1/chats/all", get(export_all))
        .route("/api/v1/chats/share/all", delete(unshare_all))
        .route("/api/v1/chats/{id}", get(read).post(update).delete(remove))
        .route("/api/v1/chats/{id}/pin", post(pin))
        .route("/api/v1/chats/{id}/archive", post(archive))
        .route("/api/v1/chats/{id}/export", get(export))
        .route("/api/v1/chats/{id}/clone/shared", post(clone_shared))
        .route("/api/v1/chats/{id}/share/scan", get(scan_chat))
        // The shared page's "Clone Chat" as a plain HTML form, for browsers without (or before)
        // the WASM client.
        .route("/s/{id}/clone", post(form_clone_shared));
    // The share endpoints, under Open WebUI's paths and the seed's.
    for prefix in ["/api/v1/chats", "/api/chats"] {
        r = r
            .route(
                &format!("{prefix}/{{id}}/share"),
                post(share_chat).delete(unshare_chat),
            )
            .route(&format!("{prefix}/share/{{id}}"), get(view_shared));
    }
    r
}

/// A chat id from the path (404 "Chat not found." when it is not one).
pub(super) fn chat_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::chat_not_found())
}

/// A link id from the path (404 when it is not one).
pub(super) fn share_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| share::link_not_found())
}

pub(super) fn json_response(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub(super) fn chat_object(c: &chat::Model) -> Result<Response, AppError> {
    transfer::chat_object(c, None).map(json_response)
}

/// A JSON download: `Content-Disposition: attachment` with `filename`.
fn download(body: Vec<u8>, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
struct ChatBody {
    chat: Value,
}

async fn create(
    State(s): State<ServerState>,
    caller: Caller,
    ApiJson(b): ApiJson<ChatBody>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    chat_object(&chats::create(&s.app.db, &me, b.chat).await?)
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<u64>,
    query: Option<String>,
}

/// An item of `GET /api/v1/chats/` (Open WebUI's `ChatTitleIdResponse`).
#[derive(Serialize)]
pub(super) struct ChatListItem {
    id: Uuid,
    title: String,
    updated_at: i64,
    created_at: i64,
}

impl From<chat::Model> for ChatListItem {
    fn from(c: chat::Model) -> Self {
        ChatListItem {
            id: c.id,
            title: c.title,
            updated_at: c.updated_at,
            created_at: c.created_at,
        }
    }
}

async fn list(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Vec<ChatListItem>>, AppError> {
    let me = caller.member()?;
    let rows = chats::list(&s.app.db, &me, q.page.unwrap_or(1).max(1)).await?;
    Ok(Json(rows.into_iter().map(ChatListItem::from).collect()))
}

async fn read(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    chat_object(&chats::find_visible(&s.app.db, &me, chat_id(&id)?).await?)
}

async fn update(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ChatBody>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    chat_object(&chats::update(&s.app.db, &me, chat_id(&id)?, b.chat).await?)
}

async fn remove(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    chats::delete(&s.app.db, &me, chat_id(&id)?).await?;
    Ok(Json(true))
}

async fn pin(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    chat_object(&chats::toggle(&s.app.db, &me, chat_id(&id)?, false).await?)
}

async fn archive(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    chat_object(&chats::toggle(&s.app.db, &me, chat_id(&id)?, true).await?)
}

/// Open WebUI's export of one chat: an array holding its chat object, as a download.
async fn export(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let c = chats::find_visible(&s.app.db, &me, chat_id(&id)?).await?;
    Ok(download(
        transfer::export_array(std::slice::from_ref(&c))?,
        &format!("chat-export-{}.json", c.id),
    ))
}

#[derive(Deserialize)]
pub struct ImportQuery {
    summary: Option<bool>,
}

#[derive(Deserialize)]
struct ExportQuery {
    download: Option<bool>,
}

/// `GET /api/v1/chats/all`: every chat of the caller (archived too) as Open WebUI's export
/// array; with `?download=true`, as a file (Settings → Data → "Export All Chats").
async fn export_all(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let body = transfer::export_array(&chats::list_all(&s.app.db, &me).await?)?;
    if q.download.unwrap_or(false) {
        let day = time_stamp_day();
        Ok(download(body, &format!("chat-export-{day}.json")))
    } else {
        Ok(json_response(body))
    }
}

/// Today as `YYYY-MM-DD` (UTC), for file names.
fn time_stamp_day() -> String {
    let (y, m, d) = app::format::civil_date(app::entities::now());
    format!("{y:04}-{m:02}-{d:02}")
}

/// `POST /api/v1/chats/import`: an Open WebUI export (array of chat objects), one chat object
/// (Open WebUI's import form), `{"chats": [...]}`, or ChatGPT's `conversations.json`. All or
/// nothing. Answers with the new chat objects (one object when one object was sent), or with
/// `{"imported": n, "ids": [...]}` when `?summary=true` (what the Settings page asks for).
pub async fn import(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let imported = transfer::import(&s.app.db, &me, Vec::from(body)).await?;
    if q.summary.unwrap_or(false) {
        let ids: Vec<Uuid> = imported.chats.iter().map(|c| c.id).collect();
        return Ok(Json(app::chats::ImportSummary {
            imported: ids.len(),
            ids,
        })
        .into_response());
    }
    match imported.chats.as_slice() {
        [one] if imported.single => chat_object(one),
        all => Ok(json_response(transfer::export_array(all)?)),
    }
}

/// What `POST /api/v1/chats/{id}/share` may carry: `{"password": "…"}` sets the link's
/// password, `{"password": null}` removes it; no body (or no `password`) leaves it as it is.
#[derive(Deserialize, Default)]
struct ShareBody {
    #[serde(default, deserialize_with = "present")]
    password: Option<Option<String>>,
    /// When the link stops opening (epoch seconds); `null`: never (within the instance's longest
    /// lifetime); left out: a new link gets the instance's default, an existing one keeps its
    /// expiry.
    #[serde(default, deserialize_with = "present")]
    expires_at: Option<Option<i64>>,
    /// Every branch (`true`) or only the visible one (`false`, a new link's default); left out:
    /// as the link had it.
    #[serde(default)]
    full_history: Option<bool>,
    /// Only these messages; `null`: no choice any more; left out: as the link had it.
    #[serde(default, deserialize_with = "present")]
    message_ids: Option<Option<Vec<String>>>,
    /// Strings replaced by `[redacted]` everywhere in the snapshot (`[]` removes the masks);
    /// left out: the link's masks.
    #[serde(default)]
    redact: Option<Vec<String>>,
    /// Who may open the link, all its grants at once (Open WebUI's shape); left out: a new
    /// link is for every member, an existing one keeps its grants.
    #[serde(default)]
    access_grants: Option<Vec<app::share::AccessGrant>>,
    /// With `access_grants`: whether write grantees may continue the chat.
    #[serde(default)]
    live: Option<bool>,
}

/// A field that is there (`Some`, maybe `null`), as opposed to left out (`None`).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

async fn share_chat(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let body: ShareBody = if body.iter().all(u8::is_ascii_whitespace) {
        ShareBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            if e.is_data() {
                AppError::Unprocessable(format!("Invalid body: {e}"))
            } else {
                AppError::BadRequest(format!("The body is not valid JSON ({e})."))
            }
        })?
    };
    let id = chat_id(&id)?;
    let expiry = match body.expires_at {
        None => app::share::lifetime::Requested::Unchanged,
        Some(None) => app::share::lifetime::Requested::Never,
        Some(Some(at)) => app::share::lifetime::Requested::At(at),
    };
    let change = app::share::scope::ScopeChange {
        full_history: body.full_history,
        message_ids: body.message_ids,
        redact: body.redact,
    };
    let audience = body.access_grants.map(|grants| app::share::LinkAudience {
        grants,
        live: body.live.unwrap_or(false),
    });
    let request = share::LinkRequest {
        expiry,
        change,
        password: body.password,
        audience,
    };
    let c = share::share_with(&s.app.db, &s.app.defaults, &me, id, request).await?;
    chat_object(&c)
}

/// The privacy check of what the chat's link would share (the chat's owner only).
async fn scan_chat(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<app::share::ScanReport>, AppError> {
    let me = caller.member()?;
    Ok(Json(
        app::share::privacy::scan(&s.app.db, &me, chat_id(&id)?).await?,
    ))
}

async fn unshare_chat(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    Ok(Json(share::unshare(&s.app.db, &me, chat_id(&id)?).await?))
}

/// The snapshot in the chat shape: `id` = `share_id` = the link, `user_id` = `shared-{chat id}`;
/// a live link's answer holds the chat as it is now and `"share_mode": "continue"`.
///
/// The caller is not an extractor here: with a session token, who they are is read in the same
/// query as the link ([`app::share::views::read_as`]).
async fn view_shared(
    State(s): State<ServerState>,
    Client(client): Client,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    if let Some(n) = q.version {
        let caller = Caller(app::accounts::caller::caller_from_headers(&s.app, &headers).await?);
        return super::versions::old_version(&s, caller, &id, &n).await;
    }
    let sid = share_id(&id)?;
    let presented = password::presented(&headers, sid, client.address);
    let token = app::auth::token_from_headers(&headers);
    let (_, snap) = app::share::views::read_as(
        &s.app.db,
        &s.app.defaults,
        &s.views,
        token.as_deref(),
        sid,
        &presented,
    )
    .await?;
    Ok(json_response(app::share::views::snapshot_object(
        &snap.row,
        &snap.row.chat,
    )?))
}

/// `?version=N` on a link's read.
#[derive(Deserialize)]
struct VersionQuery {
    version: Option<String>,
}

async fn clone_shared(
    State(s): State<ServerState>,
    caller: Caller,
    Client(client): Client,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = caller.member()?;
    let sid = share_id(&id)?;
    let presented = password::presented(&headers, sid, client.address);
    chat_object(&share::clone_shared(&s.app.db, &me, sid, &presented).await?)
}

/// `POST /s/{id}/clone` (form): clones the shared chat and goes to the copy; a visitor who is
/// not signed in goes to sign in first (and back to the link), and any other error goes back
/// to the shared page with the message in words.
async fn form_clone_shared(
    State(s): State<ServerState>,
    caller: Caller,
    Client(client): Client,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let page = format!("/s/{}", app::format::encode_query_value(&id));
    let cloned = match caller.member() {
        Ok(me) => match share_id(&id) {
            Ok(sid) => {
                let presented = password::presented(&headers, sid, client.address);
                share::clone_shared(&s.app.db, &me, sid, &presented).await
            }
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    let to = match cloned {
        Ok(chat) => format!("/c/{}", chat.id),
        Err(AppError::Unauthenticated) => {
            format!("/auth?redirect={}", app::format::encode_query_value(&page))
        }
        Err(e) => format!("{page}?error={}", e.notice_code()),
    };
    super::see_other(&to, None)
}

async fn list_shared(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Vec<app::share::SharedLinkItem>>, AppError> {
    let me = caller.member()?;
    Ok(Json(
        app::share::my_links(
            &s.app.db,
            &me,
            q.query.as_deref().unwrap_or(""),
            q.page.unwrap_or(1),
            app::share::LinkOrder::Updated,
            false,
        )
        .await?,
    ))
}

/// Deletes every link of the caller; answers `true`, as Open WebUI does (the Settings page's
/// server function reports how many went).
async fn unshare_all(State(s): State<ServerState>, caller: Caller) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    share::unshare_all(&s.app.db, &me).await?;
    Ok(Json(true))
}
