//! The Open WebUI-compatible JSON API (`/api/v1/…`). Handlers are thin: they authenticate, call
//! the same service functions as the server functions, and shape Open WebUI's responses.

mod access;
mod auths;
mod chats;
mod community;
mod config;
mod folders;
mod groups;
mod oversight;
mod reading;
mod replies;
mod sso;
mod users;
mod versions;

use app::accounts::service as accounts;
use app::entities::user;
use app::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::Router;
use serde::de::DeserializeOwned;

use crate::state::ServerState;

pub(super) use app::auth::request_origin;

/// Every JSON API route.
pub fn routes() -> Router<ServerState> {
    Router::new()
        .merge(auths::routes())
        .merge(users::routes())
        .merge(chats::routes())
        .merge(community::routes())
        .merge(versions::routes())
        .merge(access::routes())
        .merge(groups::routes())
        .merge(folders::routes())
        .merge(oversight::routes())
        .merge(config::routes())
        .merge(replies::routes())
        .merge(sso::routes())
        .merge(reading::routes())
}

/// The chat import, which takes a larger body than the rest (its own limit, set by the router).
pub fn import_routes() -> Router<ServerState> {
    Router::new().route("/api/v1/chats/import", axum::routing::post(chats::import))
}

/// The caller, if the request carries a valid session token, cookie or API key.
pub struct Caller(pub Option<user::Model>);

impl Caller {
    /// The caller, who must be signed in and approved.
    pub fn member(self) -> Result<user::Model, AppError> {
        accounts::require_member(self.0)
    }
    /// The caller, who must be an administrator.
    pub fn admin(self) -> Result<user::Model, AppError> {
        accounts::require_admin(self.0)
    }
}

impl FromRequestParts<ServerState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, Self::Rejection> {
        Ok(Caller(
            app::accounts::caller::caller_from_headers(&state.app, &parts.headers).await?,
        ))
    }
}

/// Who sent the request (address for the sign-in limiter, https for the cookie), as the
/// server's middleware resolved it from the TCP peer and the trusted proxies' headers.
pub struct Client(pub app::auth::ClientInfo);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(
            parts
                .extensions
                .get::<app::auth::ClientInfo>()
                .cloned()
                .unwrap_or(app::auth::ClientInfo {
                    address: "unknown".to_owned(),
                    https: false,
                }),
        ))
    }
}

/// A JSON body whose rejections are `{"detail": …}` with 400 (malformed), 413 (too large) or
/// 422 (wrong shape) instead of axum's plain text.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(AppError::Unprocessable(e.body_text())),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(AppError::BadRequest(e.body_text())),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::BadRequest(
                "Expected a JSON body with Content-Type: application/json.".to_owned(),
            )),
            Err(JsonRejection::BytesRejection(e))
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE =>
            {
                Err(AppError::PayloadTooLarge)
            }
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

/// A query string whose rejections are `{"detail": …}` with 422 (`?page=-1`, a word where a
/// number goes) instead of axum's plain-text 400: every `/api` error is JSON.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(e) => Err(AppError::Unprocessable(e.body_text())),
        }
    }
}

/// `303 See Other` to `location` (a same-site path), with extra headers.
pub fn see_other(location: &str, cookie: Option<axum::http::HeaderValue>) -> axum::response::Response {
    let mut res = axum::response::IntoResponse::into_response(axum::http::StatusCode::SEE_OTHER);
    if let Ok(v) = axum::http::HeaderValue::from_str(location) {
        res.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    if let Some(c) = cookie {
        res.headers_mut().insert(axum::http::header::SET_COOKIE, c);
    }
    res
}
