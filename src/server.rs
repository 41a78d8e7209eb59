//! The axum router (Leptos pages and server functions, the JSON API, static files) and the
//! listener with graceful shutdown.

use std::net::SocketAddr;

use app::error::{AppError, WireError};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::db;
use crate::state::ServerState;

/// The shared page's route, which the server answers itself instead of through the app's router.
const SHARED_PAGE: &str = "/s/{id}";

/// The whole HTTP application over its shared state.
pub fn router(config: &Config, state: ServerState) -> Router {
    let leptos_options = state.leptos_options.clone();
    let header_sign_in = (state.clone(), config.trusted_proxies.clone());
    let context = {
        let state = state.clone();
        move || state.provide()
    };
    // `/s/{id}` is written outside the app's router (`api::reading`); its Leptos route is only
    // for the client's own navigation.
    let routes: Vec<_> = generate_route_list(app::App)
        .into_iter()
        .filter(|route| route.path() != SHARED_PAGE)
        .collect();

    let versioned_pkg = Router::new()
        .nest_service(
            &format!("/{}", leptos_options.site_pkg_dir),
            // The build wrote brotli and gzip copies of every file (at the highest levels).
            ServeDir::new(config.site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    let trusted_proxies = config.trusted_proxies.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .merge(crate::api::routes())
        // An `/api/…` path nobody serves is a JSON 404, never the app's HTML page.
        .route("/api", axum::routing::any(api_not_found))
        .route("/api/", axum::routing::any(api_not_found))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || app::shell(options.clone())
        })
        .merge(versioned_pkg)
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(context, app::shell))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .merge(
            crate::api::import_routes()
                .layer(DefaultBodyLimit::max(config.max_import_bytes))
                .layer(RequestBodyLimitLayer::new(config.max_import_bytes)),
        )
        .layer(middleware::map_response(error_responses))
        .layer(middleware::from_fn(move |req, next| {
            sign_in_by_trusted_header(header_sign_in.clone(), req, next)
        }))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(middleware::from_fn(no_store_api_answers))
        .layer(middleware::from_fn(move |req, next| {
            resolve_client(trusted_proxies.clone(), req, next)
        }))
        .layer(middleware::from_fn({
            let state = state.app.clone();
            move |req, next| resolve_language(state.clone(), req, next)
        }))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'self'"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// CSRF protection: a state-changing request (anything but GET, HEAD, OPTIONS) that a browser
/// sent from another site is refused with 403, unless it authenticates with a bearer token
/// (which a browser never adds by itself, so bearer and API-key clients are unaffected; any
/// other `Authorization` header leaves the cookie as the credential and is not exempt).
/// "From another site" means `Sec-Fetch-Site` is `cross-site` or `same-site`, or `Origin` names
/// another origin than the `Host` the request came to. Requests without either header (curl,
/// scripts) are not browsers' cross-site requests and pass; the session cookie is also
/// `SameSite=Lax`, so browsers do not attach it to cross-site POSTs in the first place.
async fn refuse_cross_site(req: axum::extract::Request, next: middleware::Next) -> Response {
    use axum::http::Method;
    let h = req.headers();
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || app::auth::uses_bearer(h) {
        return next.run(req).await;
    }
    // A browser that sends `Sec-Fetch-Site` says where the request came from, and that is
    // what counts: a same-origin form post carries `Origin: null` under our
    // `Referrer-Policy: no-referrer`, and must not be refused for it. `Origin` is checked only
    // for browsers that do not send `Sec-Fetch-Site`.
    let fetch_site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let fetch_site_foreign = matches!(fetch_site, Some("cross-site" | "same-site"));
    let origin_foreign = fetch_site.is_none()
        && h.get(header::ORIGIN).is_some_and(|origin| {
            let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
            let authority = origin
                .to_str()
                .ok()
                .and_then(|o| o.split_once("://"))
                .map(|(_, rest)| rest.trim_end_matches('/'));
            !matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
        });
    if fetch_site_foreign || origin_foreign {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site request refused");
        return AppError::Forbidden(
            "This request came from another site and was refused (cross-site request protection).".to_owned(),
        )
        .into_response();
    }
    next.run(req).await
}

/// The address of the TCP peer that sent `req` (the listener puts it in the extensions).
fn peer_ip(req: &axum::extract::Request) -> Option<std::net::IpAddr> {
    req.extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|axum::extract::ConnectInfo(a)| a.ip())
}

/// Puts the request's [`app::auth::ClientInfo`] in its extensions: the TCP peer, or, when the
/// peer is a trusted proxy, the client its `X-Forwarded-For` names and the scheme its
/// `X-Forwarded-Proto` names.
async fn resolve_client(
    trusted: app::auth::TrustedProxies,
    mut req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let info = app::auth::ClientInfo::resolve(peer_ip(&req), req.headers(), &trusted);
    req.extensions_mut().insert(info);
    next.run(req).await
}

/// The language the request is answered in (`app::i18n`): the `lang` cookie (the account's
/// setting), else `Accept-Language`, else, for pages and server functions, the instance's
/// default (the JSON API and static files answer in English then, without reading the
/// settings). It goes into the request's extensions (which pages and server functions read)
/// and is the task's language while the answer is made (which the JSON API's errors read).
async fn resolve_language(
    state: app::state::AppState,
    mut req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    use app::i18n::Lang;
    let lang = match app::i18n::server::requested(req.headers()) {
        Some(lang) => lang,
        None if wants_default_language(req.uri().path()) => {
            match app::instance::service::get(&state.db, &state.defaults).await {
                Ok(settings) => Lang::parse(&settings.default_language).unwrap_or_default(),
                Err(e) => {
                    tracing::warn!(error = %e, "the instance's default language is unknown; English");
                    Lang::En
                }
            }
        }
        None => Lang::En,
    };
    req.extensions_mut().insert(lang);
    app::i18n::server::REQUEST_LANG.scope(lang, next.run(req)).await
}

/// Whether a request without a language of its own is answered in the instance's default:
/// pages and server functions, not the JSON API or files.
fn wants_default_language(path: &str) -> bool {
    if path.starts_with("/api/") {
        return path.starts_with("/api/fn/");
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    !path.starts_with("/pkg") && !last.contains('.')
}

/// Trusted-header sign-in (`TRUSTED_EMAIL_HEADER`): on a request from a trusted proxy that
/// names a person, without a bearer token and without that person's session, a session is
/// made for them (their account created on the first visit). The request then goes on with
/// that session's cookie in place of any other, and the answer sets it in the browser. From
/// anyone else the header is ignored.
async fn sign_in_by_trusted_header(
    (state, trusted): (ServerState, app::auth::TrustedProxies),
    mut req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let Some(cfg) = state.sso.trusted_header.as_ref() else {
        return next.run(req).await;
    };
    if !peer_ip(&req).is_some_and(|p| trusted.trusts(p)) || app::auth::uses_bearer(req.headers()) {
        return next.run(req).await;
    }
    let token = match app::accounts::sso::trusted_header::session_for(
        &state.app.db,
        &state.app.defaults,
        cfg,
        req.headers(),
    )
    .await
    {
        Ok(Some(token)) => token,
        Ok(None) => return next.run(req).await,
        // The request goes on not signed in (a browser then gets the sign-in page, not
        // an error page).
        Err(e) => {
            tracing::warn!(error = %e, "trusted-header sign-in failed");
            return next.run(req).await;
        }
    };
    let others: Vec<String> = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(app::auth::SESSION_COOKIE))
        .map(str::to_owned)
        .collect();
    let cookie = std::iter::once(format!("{}={token}", app::auth::SESSION_COOKIE))
        .chain(others)
        .collect::<Vec<_>>()
        .join("; ");
    let https = req
        .extensions()
        .get::<app::auth::ClientInfo>()
        .is_some_and(|c| c.https);
    req.headers_mut().remove(header::COOKIE);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        req.headers_mut().insert(header::COOKIE, v);
    }
    let mut res = next.run(req).await;
    res.headers_mut().append(
        header::SET_COOKIE,
        app::auth::session_cookie(&token, app::accounts::service::SESSION_TTL_SECS, https),
    );
    res
}

/// Answers of the JSON API are personal (session tokens, chats): no cache may keep them. Nor may
/// a page written for a signed-in browser (a private chat, a shared one read as a member): with
/// `no-store` the browser keeps it out of its back/forward cache too, so Back after Sign out
/// does not show it again.
async fn no_store_api_answers(req: axum::extract::Request, next: middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let signed_in = app::auth::session_cookie_from_headers(req.headers()).is_some()
        || req.headers().contains_key(header::AUTHORIZATION);
    let mut res = next.run(req).await;
    let page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if (api || (signed_in && page)) && !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

async fn api_not_found() -> AppError {
    AppError::NotFound("There is no such API endpoint.".to_owned())
}

/// `GET /healthz`: `{"status":"ok"}` when the database answers, else 503.
async fn healthz(State(state): State<ServerState>) -> Response {
    if db::is_healthy(&state.app.db).await {
        Json(serde_json::json!({ "status": "ok" })).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "unavailable" })),
        )
            .into_response()
    }
}

const SERVER_FN_ERROR_HEADER: HeaderName = HeaderName::from_static("serverfnerror");

/// Gives server-function errors their real HTTP status (the framework sends every error as 500;
/// the body is our encoded [`AppError`], which knows its status), and turns the body-limit
/// layer's plain-text 413 into `{"detail": …}`.
async fn error_responses(mut res: Response) -> Response {
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_json(&res) {
        return AppError::PayloadTooLarge.into_response();
    }
    // A 429 tells when to try again (the refusals are for a moment's load).
    if res.status() == StatusCode::TOO_MANY_REQUESTS && !res.headers().contains_key(header::RETRY_AFTER) {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, 1024 * 1024).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "cannot read a server function's error body");
            return AppError::Internal.into_response();
        }
    };
    let mut retry_after = None;
    if let Ok(wire) = serde_json::from_slice::<WireError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(wire.status) {
            parts.status = status;
        }
        retry_after = wire.retry_after;
    }
    if parts.status == StatusCode::TOO_MANY_REQUESTS {
        let secs = HeaderValue::from_str(&retry_after.unwrap_or(1).to_string())
            .unwrap_or(HeaderValue::from_static("1"));
        parts.headers.insert(header::RETRY_AFTER, secs);
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn is_json(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// A server running in the background (for tests and embedding).
pub struct RunningServer {
    /// The address it listens on (with the real port when started on port 0).
    pub addr: SocketAddr,
    /// The database it serves.
    pub db: DatabaseConnection,
    shutdown: Option<oneshot::Sender<()>>,
    handle: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// `http://ADDR`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, finishes the ones in flight, and waits.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.handle
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }
}

/// Binds `config.addr` (port 0 picks a free port) and serves `db` in a background task.
pub async fn spawn(config: &Config, db: DatabaseConnection) -> std::io::Result<RunningServer> {
    seed_connection(config, &db).await?;
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let state = ServerState::new(config, db.clone())?;
    let (upstream, live) = (state.upstream.clone(), state.live.clone());
    let upkeep = app::share::upkeep::start(db.clone(), state.views.clone(), state.app.defaults.clone());
    let app = router(config, state);
    let (tx, rx) = oneshot::channel::<()>();
    let limits = config.connection_limits();
    let trusted = config.trusted_proxies.clone();
    let handle = tokio::spawn(async move {
        let served = crate::listener::serve(listener, app, limits, trusted, async move {
            let _ = rx.await;
            // Answers being written end now (saved as far as they got), and so do live
            // links' streams, so shutting down does not wait for a long stream.
            upstream.stop_all();
            live.stop_all();
        })
        .await;
        upkeep.finish().await;
        served
    });
    Ok(RunningServer {
        addr,
        db,
        shutdown: Some(tx),
        handle,
    })
}

/// Serves until SIGINT or SIGTERM, then shuts down gracefully.
pub async fn serve_until_signal(config: &Config, db: DatabaseConnection) -> std::io::Result<()> {
    seed_connection(config, &db).await?;
    // Before anything listens: a SIGTERM from then on shuts down gracefully.
    let shutdown = shutdown_signal();
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    tracing::info!("chatshare is listening on http://{addr}");
    println!("chatshare is running at http://{addr}");
    let state = ServerState::new(config, db.clone())?;
    let (upstream, live) = (state.upstream.clone(), state.live.clone());
    let upkeep = app::share::upkeep::start(db, state.views.clone(), state.app.defaults.clone());
    // Every request carries the peer address, which the sign-in limiter keys on (without it
    // every client would share one "unknown" address, and one person's failures would slow
    // everyone's sign-in).
    crate::listener::serve(
        listener,
        router(config, state),
        config.connection_limits(),
        config.trusted_proxies.clone(),
        async move {
            shutdown.await;
            upstream.stop_all();
            live.stop_all();
        },
    )
    .await?;
    // The last counted reads are written after the last request.
    upkeep.finish().await;
    tracing::info!("chatshare stopped");
    Ok(())
}

/// Creates the first model connection from `OPENAI_API_BASE_URL` / `OPENAI_API_KEY` on the
/// first start with them (once per database).
async fn seed_connection(config: &Config, db: &DatabaseConnection) -> std::io::Result<()> {
    match app::connections::service::seed_from_env(
        db,
        config.openai_api_base_url.as_deref(),
        config.openai_api_key.as_deref(),
    )
    .await
    {
        Ok(true) => {
            tracing::info!("created the first model connection from OPENAI_API_BASE_URL");
            Ok(())
        }
        Ok(false) => Ok(()),
        Err(e) => Err(std::io::Error::other(format!(
            "OPENAI_API_BASE_URL: {}",
            e.detail()
        ))),
    }
}

/// Resolves on SIGINT or SIGTERM. The SIGTERM handler is installed when this is called, not when
/// the future is first polled: the accept loop may serve its first requests before it polls the
/// shutdown future, and a SIGTERM in between killed the process (a flaky shutdown test).
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
    async move {
        let ctrl_c = async {
            if let Err(e) = tokio::signal::ctrl_c().await {
                tracing::error!(error = %e, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        let terminate = async {
            match terminate {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => {},
            _ = terminate => {},
        }
        tracing::info!("shutdown signal received, finishing requests in flight");
    }
}
