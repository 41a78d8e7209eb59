//! Who is calling: a request's credential (bearer token or session cookie) resolved to an
//! account, and the checks every server function starts with ([`member`], [`admin`]).

use axum::http::HeaderMap;

use super::service as accounts;
use crate::auth::{request_headers, token_from_headers};
use crate::entities::user;
use crate::error::AppResult;
use crate::state::AppState;

/// The account behind the request's credential, if it is valid now.
pub async fn caller_from_headers(state: &AppState, headers: &HeaderMap) -> AppResult<Option<user::Model>> {
    match token_from_headers(headers) {
        Some(token) => accounts::authenticate(&state.db, &state.defaults, &token).await,
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

/// In a server function: the calling account, if any.
pub async fn caller() -> AppResult<Option<user::Model>> {
    let state = crate::state::app_state()?;
    let headers = request_headers().await?;
    caller_from_headers(&state, &headers).await
}

/// In a server function: the request's credential (bearer token or session cookie), if any.
pub async fn request_token() -> Option<String> {
    request_headers().await.ok().and_then(|h| token_from_headers(&h))
}
