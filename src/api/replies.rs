//! `POST /api/chats/{id}/reply`: a model's answer, streamed to the browser as server-sent
//! events while it is written, and `GET /api/models`: the models members can pick.
//!
//! Events: `delta` (data: a JSON string, the next piece of text), then `done` (data: the chat as
//! it is now, with the saved answer), and after a chat's first answer `title` (data: a JSON
//! string, the title the model gave the chat, already saved). Closing the connection is "Stop": the upstream request
//! is cancelled and what arrived is saved. Errors before the stream starts are ordinary JSON
//! errors (`{"detail"}` with 404, 422, …); a model server failing during the answer is saved on
//! the answer and arrives in `done`.
//!
//! `GET /api/chats/{id}/events`: an open chat's changes (a collaborator's turn reaches its
//! owner, and the owner's the collaborator), as server-sent events.

use std::convert::Infallible;
use std::time::Duration;

use app::chats::reply::{self, ReplyEvent};
use app::error::AppError;
use app::share::live::{self, ChatEvent};
use axum::extract::{Path, State};

use super::Query;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::{ApiJson, Caller};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/chats/{id}/reply", post(reply_stream))
        .route("/api/chats/{id}/events", get(chat_events))
        .route("/api/models", get(models))
}

/// `GET /api/chats/{id}/events`: an open chat's changes for its owner or a collaborator, as
/// server-sent events: `changed` (data: the chat's version) after anyone, through any process,
/// writes it; `gone` when the caller may no longer open it. 401 without a session, 404 for a
/// chat the caller may not open, 503 when this process follows as many as it keeps.
async fn chat_events(
    State(s): State<ServerState>,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let chat_id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::chat_not_found())?;
    let token = app::auth::token_from_headers(&headers).ok_or(AppError::Unauthenticated)?;
    let follower = live::follow_chat(&s.app.db, &s.app.defaults, &s.live, token, chat_id).await?;
    let events = futures::stream::unfold(follower, |mut follower| async move {
        let event = match follower.next().await? {
            ChatEvent::Changed(version) => Event::default().event("changed").data(version.to_string()),
            ChatEvent::Gone => Event::default().event("gone").data("gone"),
        };
        Some((Ok::<_, Infallible>(event), follower))
    });
    Ok((
        [
            (axum::http::header::CACHE_CONTROL, "no-store"),
            (axum::http::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))),
    ))
}

#[derive(Deserialize)]
struct ReplyBody {
    /// The user message to answer.
    parent_id: String,
    /// The model to ask.
    model: String,
}

async fn reply_stream(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ReplyBody>,
) -> Result<impl IntoResponse, AppError> {
    let me = caller.member()?;
    let chat_id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::chat_not_found())?;
    let prepared = reply::prepare(&s.app.db, &s.upstream, &me, chat_id, &b.parent_id, &b.model).await?;
    let (tx, rx) = mpsc::channel::<ReplyEvent>(256);
    let (db, upstream) = (s.app.db.clone(), s.upstream.clone());
    // The answer is written in its own task, so it is saved even when the browser goes away.
    tokio::spawn(async move {
        let (ending, saved) = reply::run(&db, &upstream, prepared, tx).await;
        match saved {
            Ok(_) => tracing::info!(chat = %chat_id, ?ending, "answer saved"),
            Err(e) => tracing::warn!(chat = %chat_id, ?ending, error = %e, "answer not saved"),
        }
    });
    let events = futures::stream::unfold(rx, |mut rx| async move {
        let ev = rx.recv().await?;
        let event = match ev {
            ReplyEvent::Delta(text) => Event::default()
                .event("delta")
                .data(serde_json::to_string(&text).unwrap_or_default()),
            ReplyEvent::Done(view) => Event::default()
                .event("done")
                .data(serde_json::to_string(&*view).unwrap_or_default()),
            ReplyEvent::Title(title) => Event::default()
                .event("title")
                .data(serde_json::to_string(&title).unwrap_or_default()),
        };
        Some((Ok::<_, Infallible>(event), rx))
    });
    Ok((
        [
            (axum::http::header::CACHE_CONTROL, "no-store"),
            // Tells reverse proxies (nginx) to pass the events on as they come.
            (axum::http::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(5))),
    ))
}

#[derive(Deserialize)]
struct ModelsQuery {
    /// `true` or `1` asks the servers again instead of using the minute-long cache.
    refresh: Option<String>,
}

/// Open WebUI's model list.
#[derive(Serialize)]
struct ModelList {
    data: Vec<ModelItem>,
}

/// One model of [`ModelList`].
#[derive(Serialize)]
struct ModelItem {
    id: String,
    name: String,
    object: &'static str,
    owned_by: &'static str,
    connection_id: uuid::Uuid,
}

/// Open WebUI's `GET /api/models`: `{"data": [{"id", "name", "object", "owned_by"}]}`.
async fn models(
    State(s): State<ServerState>,
    caller: Caller,
    Query(q): Query<ModelsQuery>,
) -> Result<Json<ModelList>, AppError> {
    caller.member()?;
    let refresh = matches!(q.refresh.as_deref(), Some("true" | "1"));
    let menu = s.upstream.models(&s.app.db, refresh).await?;
    Ok(Json(ModelList {
        data: menu
            .models
            .into_iter()
            .map(|m| ModelItem {
                name: m.id.clone(),
                id: m.id,
                object: "model",
                owned_by: "openai",
                connection_id: m.connection_id,
            })
            .collect(),
    }))
}
