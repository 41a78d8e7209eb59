//! The shared page `/s/{id}` (written outside the app's router), what it uses beside its HTML,
//! and how a link is met elsewhere: a live link's stream of new turns (server-sent events), the
//! link's QR code, its preview card, and embeds (the embed view and oEmbed).

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
        .route("/s/{id}", get(shared_page))
        // The same page with a trailing slash (the app's router would otherwise take it).
        .route("/s/{id}/", get(shared_page))
        .route("/s/{id}/events", get(live_events))
        .route("/s/{id}/qr.svg", get(qr_code))
        .route("/s/{id}/card.png", get(preview_card))
        .route("/s/{id}/embed", get(embed_view))
        .route("/api/oembed", get(oembed))
        .route("/times.js", get(times_script))
}

/// `GET /times.js`: the pages' time script (`app::ui::times_script`) as a file, for the embed
/// view, whose policy allows no inline script. The other pages carry it inline.
async fn times_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        app::ui::times_script(),
    )
        .into_response()
}

/// `GET /s/{id}`: the shared page, a whole document written by the server with no client app
/// (`app::share::document`): the chat, or the page that says why it does not open (401
/// password, 403 request access, 410 expired, 404), or a 303 to sign in first. Its one inline
/// script carries this answer's nonce, the only script the page's policy allows.
async fn shared_page(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    query: Result<Query<app::share::page::PageQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    Client(client): Client,
) -> Response {
    use app::share::document::{self, PageFrame, SharedPage};
    // A query the page cannot read (a key twice, say) is ignored: the reader gets the page.
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let stylesheet = format!("/{}/chatshare.css", s.leptos_options.site_pkg_dir);
    let frame = PageFrame {
        assets: &s.reading_assets,
        stylesheet: &stylesheet,
        nonce: &nonce,
    };
    let answer = document::shared_page(&s.app, &s.views, &frame, &headers, &client, &id, query).await;
    let (status, html) = match answer {
        SharedPage::SignIn(to) => return axum::response::Redirect::to(&to).into_response(),
        SharedPage::Page { status, html } => (status, html),
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    let status =
        axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(policy) = header::HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    res
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

/// `GET /s/{id}/card.png`: the link's preview card (1200×630 PNG): its own for a link anyone may
/// open, the instance's generic card (no title, no words) for any other link; 404 for no link.
async fn preview_card(State(s): State<ServerState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let card = app::share::card::link_card(&s.app.db, &s.app.defaults, share_id(&id)?).await?;
    // A link's own card changes with the link (and goes with it): caches keep it briefly.
    let cache = if card.own {
        "public, max-age=600"
    } else {
        "public, max-age=86400"
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, cache),
        ],
        card.png.to_vec(),
    )
        .into_response())
}

/// `GET /s/{id}/embed`: the embed view of a link anyone may open, for another site's
/// `<iframe>`: the only page that may be framed, by the sites in the admin's
/// `share_embed_origins` (`frame-ancestors`). 404 for any other link, or when embeds are off.
async fn embed_view(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Client(client): Client,
) -> Result<Response, AppError> {
    use app::share::embed;
    let share_id = share_id(&id)?;
    let (snap, settings) = embed::embeddable(&s.app.db, &s.app.defaults, &s.views, share_id)
        .await
        .map_err(|e| match e {
            AppError::Unauthenticated => app::share::service::link_not_found(),
            e => e,
        })?;
    let ancestors = settings
        .frame_ancestors()
        .ok_or_else(app::share::service::link_not_found)?;
    let origin = super::request_origin(&headers, client.https).unwrap_or_default();
    let view = app::share::page::page_view(&s.app.db, &s.app.defaults, None, snap, None, None).await?;
    let stylesheet = format!("/{}/chatshare.css", s.leptos_options.site_pkg_dir);
    let html = embed::embed_document(view, &format!("{origin}/s/{share_id}"), &stylesheet);
    let policy = format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors {ancestors}"
    );
    let policy = header::HeaderValue::from_str(&policy).map_err(|_| AppError::Internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, policy),
            (
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            ),
        ],
        html,
    )
        .into_response())
}

/// `GET /api/oembed`'s query (oEmbed 1.0).
#[derive(Deserialize)]
struct OEmbedQuery {
    url: String,
    #[serde(default)]
    maxwidth: Option<u32>,
    #[serde(default)]
    maxheight: Option<u32>,
    #[serde(default)]
    format: Option<String>,
}

/// `GET /api/oembed?url=…&maxwidth=…&maxheight=…`: the oEmbed answer (`type: "rich"`, an
/// `<iframe>` of the embed view, the preview card as thumbnail) for a link anyone may open. 404
/// for an address that is not one of this instance's links, an expired link, or when embeds are
/// off; 401 for a link that is not open to anyone; 501 for a format other than JSON.
async fn oembed(
    State(s): State<ServerState>,
    headers: HeaderMap,
    Client(client): Client,
    Query(q): Query<OEmbedQuery>,
) -> Result<Response, AppError> {
    use app::share::embed;
    if q.format.as_deref().is_some_and(|f| f != "json") {
        let detail = app::error::WireError {
            detail: "Only format=json is offered.".to_owned(),
            status: 501,
            retry_after: None,
            signed_out: false,
        };
        return Ok((axum::http::StatusCode::NOT_IMPLEMENTED, axum::Json(detail)).into_response());
    }
    let origin = super::request_origin(&headers, client.https)
        .ok_or_else(|| AppError::BadRequest("The request has no usable Host header.".to_owned()))?;
    let share_id = embed::link_in(&q.url, &origin).ok_or_else(|| {
        AppError::NotFound("That address is not a shared chat of this instance.".to_owned())
    })?;
    let (snap, settings) = embed::embeddable(
        &s.app.db,
        &s.app.defaults,
        &app::share::views::ViewLog::off(),
        share_id,
    )
    .await?;
    Ok(axum::Json(embed::oembed(
        &snap,
        &settings,
        &origin,
        (q.maxwidth, q.maxheight),
    ))
    .into_response())
}
