//! What the shared page `/s/{id}` uses beside its HTML: a live link's stream of new turns
//! (server-sent events) and the link's QR code.

use std::convert::Infallible;
use std::time::Duration;

use app::error::AppError;
use app::share::live::{self, LiveEvent};
use app::share::password;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::chats::share_id;
use super::Client;
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/s/{id}/events", get(live_events))
        .route("/s/{id}/qr.svg", get(qr_code))
}

/// `GET /s/{id}/events`'s query: the fingerprint of the messages the reader's page shows.
#[derive(Deserialize)]
struct EventsQuery {
    #[serde(default)]
    state: Option<String>,
}

/// `GET /s/{id}/events`: a live link's changes for one reader, as server-sent events:
/// `messages` (the messages, rendered as the page writes them) after each change that shows,
/// `gone` when the link is deleted, expires or is closed to the reader; a comment every 15
/// seconds keeps the connection open through proxies. 404 for a reader who may not open the
/// link or a link that is not live; 503 when this process has as many live readers as it keeps.
async fn live_events(
    State(s): State<ServerState>,
    headers: HeaderMap,
    Client(client): Client,
    Path(id): Path<String>,
    Query(q): Query<EventsQuery>,
) -> Result<Response, AppError> {
    let share_id = share_id(&id)?;
    let reader = live::Reader {
        token: app::auth::token_from_headers(&headers),
        presented: password::presented(&headers, share_id, client.address),
    };
    let reader = live::connect(
        &s.app.db,
        &s.app.defaults,
        &s.live,
        share_id,
        reader,
        q.state.as_deref(),
    )
    .await?;
    let events = futures::stream::unfold(reader, |mut reader| async move {
        let event = match reader.next().await? {
            LiveEvent::Messages(html) => Event::default().event("messages").data(html),
            // Browsers drop an event whose data is empty: it says what it is.
            LiveEvent::Gone => Event::default().event("gone").data("gone"),
        };
        Some((Ok::<_, Infallible>(event), reader))
    });
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// `GET /s/{id}/qr.svg`: the link's address as a QR code (for a slide, or to open it on a
/// phone). The address is this server's as the request reached it. 404 for an unknown link.
async fn qr_code(
    State(s): State<ServerState>,
    headers: HeaderMap,
    Client(client): Client,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let share_id = share_id(&id)?;
    let origin = super::request_origin(&headers, client.https)
        .ok_or_else(|| AppError::BadRequest("The request has no usable Host header.".to_owned()))?;
    let svg = app::share::qr::link_qr_svg(&s.app.db, share_id, &format!("{origin}/s/{share_id}")).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}
