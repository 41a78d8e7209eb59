//! Who is calling: the bearer token or session cookie of a request, resolved to an account.
//! Used by the REST handlers and the server functions alike.

use axum::http::{header, HeaderMap, HeaderValue};

use crate::accounts::service as accounts;
use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "chatshare_session";

/// The credential a request carries: `Authorization: Bearer …` first, else the session cookie.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    if let Some(auth) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        if let Some(token) = auth
            .strip_prefix("Bearer ")
            .or_else(|| auth.strip_prefix("bearer "))
        {
            let token = token.trim();
            if !token.is_empty() {
                return Some(token.to_owned());
            }
        }
    }
    session_cookie_from_headers(headers)
}

/// The session cookie's value, if the request has one.
pub fn session_cookie_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether the request came over https (directly or through a proxy that says so).
pub fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, Secure over https.
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("chatshare_session=; Path=/; Max-Age=0"))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie() -> HeaderValue {
    HeaderValue::from_static("chatshare_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The account behind the request's credential, if it is valid now.
pub async fn caller_from_headers(state: &AppState, headers: &HeaderMap) -> AppResult<Option<user::Model>> {
    match token_from_headers(headers) {
        Some(token) => accounts::authenticate(&state.db, &token).await,
        None => Ok(None),
    }
}

/// In a server function: the app state and the calling account, which must be signed in and
/// approved (401 / 403 otherwise).
pub async fn member() -> AppResult<(AppState, user::Model)> {
    let state = crate::state::app_state()?;
    let me = accounts::require_member(caller().await?)?;
    Ok((state, me))
}

/// In a server function: the app state and the calling account, which must be an administrator
/// (401 when signed out, 403 otherwise).
pub async fn admin() -> AppResult<(AppState, user::Model)> {
    let state = crate::state::app_state()?;
    let me = accounts::require_admin(caller().await?)?;
    Ok((state, me))
}

/// In a server function: the request's headers.
pub async fn request_headers() -> AppResult<HeaderMap> {
    leptos_axum::extract::<HeaderMap>().await.map_err(|e| {
        tracing::error!(error = %e, "cannot read request headers");
        AppError::Internal
    })
}

/// In a server function: the calling account, if any.
pub async fn caller() -> AppResult<Option<user::Model>> {
    let state = crate::state::app_state()?;
    let headers = request_headers().await?;
    caller_from_headers(&state, &headers).await
}

/// In a server function: the client's address (for the sign-in limiter).
pub async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// In a server function: adds a response header (for `Set-Cookie`).
pub fn add_response_header(name: header::HeaderName, value: HeaderValue) {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.append_header(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_wins_over_cookie_and_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; chatshare_session=abc; x=1"),
        );
        assert_eq!(token_from_headers(&h).as_deref(), Some("abc"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer sk-123"));
        assert_eq!(token_from_headers(&h).as_deref(), Some("sk-123"));
        let empty = HeaderMap::new();
        assert_eq!(token_from_headers(&empty), None);
    }

    #[test]
    fn cookie_flags() {
        let c = session_cookie("t", 60, true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!session_cookie("t", 60, false)
            .to_str()
            .unwrap()
            .contains("Secure"));
    }
}
