//! Sign-in through the identity provider: `GET /auth/oidc/start` sends the browser there and
//! `GET /auth/oidc/callback` takes its answer. Browser routes: every failure goes back to the
//! sign-in page with the reason in words, never a JSON page.

use app::accounts::service as accounts;
use app::accounts::sso::{identities, oidc, OidcConfig, OIDC_CALLBACK_PATH};
use app::error::AppError;
use axum::extract::State;

use super::Query;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::{see_other, Client};
use crate::state::ServerState;

/// The cookie that ties the provider's answer to the browser that started the sign-in.
const STATE_COOKIE: &str = "chatshare_oidc_state";

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(app::accounts::sso::OIDC_START_PATH, get(start))
        .route(OIDC_CALLBACK_PATH, get(callback))
}

/// The sign-in page with `error` in words, and where to go after signing in.
fn back_to_sign_in(e: &AppError, return_to: Option<&str>) -> Response {
    let q = app::format::encode_query_value;
    let mut url = format!("/auth?error={}", e.notice_code());
    if let Some(r) = return_to.filter(|r| *r != "/") {
        url.push_str(&format!("&redirect={}", q(r)));
    }
    see_other(&url, Some(state_cookie("", 0, false)))
}

fn state_cookie(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{STATE_COOKIE}={value}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("chatshare_oidc_state=; Path=/auth/oidc; Max-Age=0"))
}

fn configured(state: &ServerState) -> Result<std::sync::Arc<OidcConfig>, AppError> {
    state.sso.oidc.clone().ok_or_else(|| {
        AppError::NotFound("Sign-in with an identity provider is not set up on this instance.".to_owned())
    })
}

/// The callback URL: `OIDC_REDIRECT_URI`, else this request's scheme and `Host`.
fn callback_url(cfg: &OidcConfig, headers: &HeaderMap, https: bool) -> Result<String, AppError> {
    if let Some(uri) = &cfg.redirect_uri {
        return Ok(uri.clone());
    }
    let origin = super::request_origin(headers, https).ok_or_else(|| {
        AppError::BadRequest(
            "This request names no valid host, so the sign-in cannot come back here.".to_owned(),
        )
    })?;
    Ok(format!("{origin}{OIDC_CALLBACK_PATH}"))
}

#[derive(Deserialize)]
struct StartQuery {
    redirect: Option<String>,
}

/// `GET /auth/oidc/start?redirect=/s/…`: a new sign-in at the provider (303 there).
async fn start(
    State(state): State<ServerState>,
    Client(client): Client,
    headers: HeaderMap,
    Query(q): Query<StartQuery>,
) -> Response {
    let return_to = app::redirect::sanitize_redirect(q.redirect.as_deref());
    let started = async {
        let cfg = configured(&state)?;
        let callback = callback_url(&cfg, &headers, client.https)?;
        oidc::start(&state.app.db, &cfg, &callback, &return_to, &client.address).await
    }
    .await;
    match started {
        Ok(s) => see_other(
            &s.authorize_url,
            Some(state_cookie(&s.state, oidc::LOGIN_TTL_SECS, client.https)),
        ),
        Err(e) => back_to_sign_in(&e, Some(&return_to)),
    }
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// What the provider's error answer means, in our words: its `error_description` (free text
/// anyone can put in the callback's address) is logged, never shown.
fn provider_error(cfg: &OidcConfig, error: &str, description: Option<&str>) -> AppError {
    let said: String = description
        .unwrap_or(error)
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    tracing::info!(provider_error = %error.chars().take(64).collect::<String>(), description = %said, "the identity provider answered with an error");
    AppError::Forbidden(match error {
        "access_denied" => format!("Signing in at {} was cancelled or refused.", cfg.provider_name),
        _ => format!("{} could not sign you in.", cfg.provider_name),
    })
}

/// `GET /auth/oidc/callback?code=…&state=…`: finishes the sign-in and goes where the sign-in
/// was started for, with a session; or back to the sign-in page with why not.
async fn callback(
    State(state): State<ServerState>,
    Client(client): Client,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let cfg = match configured(&state) {
        Ok(c) => c,
        Err(e) => return back_to_sign_in(&e, None),
    };
    let browser_state = app::auth::cookie_from_headers(&headers, STATE_COOKIE);
    if let Some(error) = &q.error {
        return back_to_sign_in(&provider_error(&cfg, error, q.error_description.as_deref()), None);
    }
    let (Some(code), Some(given_state)) = (q.code.as_deref(), q.state.as_deref()) else {
        let e = AppError::BadRequest(
            "The identity provider's answer is missing its code or state. Please sign in again.".to_owned(),
        );
        return back_to_sign_in(&e, None);
    };
    let db = &state.app.db;
    let (person, return_to) = match oidc::finish(db, &cfg, code, given_state, browser_state.as_deref()).await
    {
        Ok(done) => done,
        Err(e) => return back_to_sign_in(&e, None),
    };
    let signed = async {
        let account = identities::sign_in_person(db, &state.app.defaults, &cfg, &person).await?;
        accounts::create_session(db, account.id, accounts::SESSION_TTL_SECS).await
    }
    .await;
    match signed {
        Ok((token, _)) => {
            let mut res = see_other(
                &return_to,
                Some(app::auth::session_cookie(
                    &token,
                    accounts::SESSION_TTL_SECS,
                    client.https,
                )),
            );
            res.headers_mut()
                .append(header::SET_COOKIE, state_cookie("", 0, client.https));
            res
        }
        Err(e) => {
            tracing::info!(issuer = %person.issuer, reason = %e, "an identity provider's sign-in was refused");
            back_to_sign_in(&e, Some(&return_to))
        }
    }
}
