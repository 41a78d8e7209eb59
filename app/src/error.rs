//! The one application error type.
//!
//! Every failure a user can see is an [`AppError`]: it carries a stable, user-safe message and an
//! HTTP status. On the wire (JSON API and server functions alike) it is `{"detail": …, "status": …}`,
//! the `detail` convention Open WebUI clients expect. Causes (database errors and the like) are
//! logged where they happen and never put in the message.

use serde::{Deserialize, Serialize};

/// A failure with a user-safe message and the HTTP status that goes with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(into = "WireError", from = "WireError")]
pub enum AppError {
    /// The request is malformed (400).
    #[error("{0}")]
    BadRequest(String),
    /// The caller is not signed in, or their session or key is no longer valid (401).
    #[error("You are not signed in, or your session has expired. Please sign in again.")]
    Unauthenticated,
    /// The link has a password and the request did not give it, or gave a wrong one (401).
    #[error("{0}")]
    PasswordRequired(String),
    /// The caller is signed in but may not do this (403).
    #[error("{0}")]
    Forbidden(String),
    /// The thing asked for does not exist, or is not the caller's to see (404).
    #[error("{0}")]
    NotFound(String),
    /// The request conflicts with what is stored (409).
    #[error("{0}")]
    Conflict(String),
    /// It existed and has ended: an expired share link (410).
    #[error("{0}")]
    Gone(String),
    /// The request body is over the configured limit (413).
    #[error("The request body is too large.")]
    PayloadTooLarge,
    /// The request is well-formed but its content is invalid (422).
    #[error("{0}")]
    Unprocessable(String),
    /// Too many attempts in a short time (429).
    #[error("{0}")]
    TooManyRequests(String),
    /// Refused for a while, `retry_after` seconds more (429 with that `Retry-After`): a link
    /// that had too many wrong passwords.
    #[error("{detail}")]
    RetryLater {
        /// The user-safe message.
        detail: String,
        /// Seconds until it is worth trying again.
        retry_after: u64,
    },
    /// The server or its database cannot answer right now (503); also used by the client when
    /// the server cannot be reached.
    #[error("{0}")]
    Unavailable(String),
    /// Something failed on the server; the cause is in the server log (500).
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

impl AppError {
    /// The HTTP status code of this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest(_) => 400,
            AppError::Unauthenticated | AppError::PasswordRequired(_) => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::Gone(_) => 410,
            AppError::PayloadTooLarge => 413,
            AppError::Unprocessable(_) => 422,
            AppError::TooManyRequests(_) | AppError::RetryLater { .. } => 429,
            AppError::Unavailable(_) => 503,
            AppError::Internal => 500,
        }
    }

    /// A generic 404 for something that does not exist or is not the caller's.
    pub fn not_found() -> Self {
        AppError::NotFound("We could not find what you're looking for.".to_owned())
    }

    /// 404 "Chat not found.": a chat that does not exist or is not the caller's to see.
    pub fn chat_not_found() -> Self {
        AppError::NotFound("Chat not found.".to_owned())
    }

    /// Seconds a 429 asks the client to wait before trying again.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::RetryLater { retry_after, .. } => Some(*retry_after),
            AppError::TooManyRequests(_) => Some(1),
            _ => None,
        }
    }

    /// The message in English (same as `Display`): what the log and the JSON API's `detail`
    /// carry for a caller that asks for no other language.
    pub fn detail(&self) -> String {
        self.to_string()
    }

    /// The message in the language of the request being answered (`crate::i18n`): on the
    /// server, its catalogue entry's words there (its English words when it has no entry);
    /// in the browser, as it came.
    pub fn said(&self) -> String {
        #[cfg(feature = "ssr")]
        {
            crate::i18n::server::error_in(crate::i18n::current(), &self.detail())
        }
        #[cfg(not(feature = "ssr"))]
        {
            match self {
                AppError::Unauthenticated => t!("error-unauthenticated"),
                AppError::PayloadTooLarge => t!("error-too-large"),
                AppError::Internal => t!("error-internal"),
                other => other.detail(),
            }
        }
    }
}

/// The wire shape of an [`AppError`]: `{"detail": "...", "status": 404}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WireError {
    /// The user-safe message.
    pub detail: String,
    /// The HTTP status code.
    #[serde(default = "internal_status")]
    pub status: u16,
    /// For a 429 that holds for a while: seconds until it is worth trying again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The caller is not signed in ([`AppError::Unauthenticated`], whatever the language of
    /// its words).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed_out: bool,
}

fn internal_status() -> u16 {
    500
}

impl From<AppError> for WireError {
    fn from(e: AppError) -> Self {
        WireError {
            status: e.status(),
            detail: e.said(),
            signed_out: matches!(e, AppError::Unauthenticated),
            retry_after: match &e {
                AppError::RetryLater { retry_after, .. } => Some(*retry_after),
                _ => None,
            },
        }
    }
}

impl From<WireError> for AppError {
    fn from(w: WireError) -> Self {
        let d = w.detail;
        match w.status {
            400 => AppError::BadRequest(d),
            401 if w.signed_out || d == AppError::Unauthenticated.detail() => AppError::Unauthenticated,
            401 => AppError::PasswordRequired(d),
            403 => AppError::Forbidden(d),
            404 => AppError::NotFound(d),
            409 => AppError::Conflict(d),
            410 => AppError::Gone(d),
            413 => AppError::PayloadTooLarge,
            422 => AppError::Unprocessable(d),
            429 => match w.retry_after {
                Some(retry_after) => AppError::RetryLater {
                    detail: d,
                    retry_after,
                },
                None => AppError::TooManyRequests(d),
            },
            503 => AppError::Unavailable(d),
            _ => AppError::Internal,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(m) | E::MissingArg(m) => AppError::BadRequest(format!("Invalid request: {m}")),
            E::Request(_) => AppError::Unavailable(t!("error-unreachable")),
            // On the server, failing to decode the arguments means the caller sent a bad body.
            E::Deserialization(m) if cfg!(feature = "ssr") => {
                AppError::BadRequest(format!("Invalid request: {m}"))
            }
            E::Deserialization(_) | E::Serialization(_) | E::Response(_) => AppError::Internal,
            E::Registration(_)
            | E::UnsupportedRequestMethod(_)
            | E::ServerError(_)
            | E::MiddlewareError(_) => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        match e {
            sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_) => {
                AppError::Unavailable("The database is not available right now.".to_owned())
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::Json(serde_json::json!({ "detail": self.said() }));
        let mut res = (status, body).into_response();
        if let Some(secs) = self.retry_after() {
            if let Ok(v) = axum::http::HeaderValue::from_str(&secs.to_string()) {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        res
    }
}

/// Notices: what a form's page is sent back with after a failure, as `?error=CODE`. The code
/// names one of our own messages, so nothing typed into an address bar (or sent by an identity
/// provider) is ever shown as text on our pages.
const NOTICES: &[&str] = &[
    "link-password",
    "link-password-wrong",
    "link-locked",
    "link-gone",
    "link-expired",
    "already-open",
    "e403",
    "e404",
    "e422",
    "e429",
    "e500",
];

/// The notices of pages written by the server alone (the sign-in page, the community's
/// pages), which have no client code: the client's module carries only those of the shared page.
#[cfg(feature = "ssr")]
const SIGN_IN_NOTICES: &[&str] = &[
    "pending",
    "community-gone",
    "e503",
    "no-share-permission",
    "e400",
    "e401",
    "e409",
    "e410",
    "e413",
    "signin-wrong",
    "signup-off",
    "email-invalid",
    "name-invalid",
    "password-short",
    "password-long",
    "email-taken",
    "password-login-off",
    "signin-busy",
    "sso-again",
    "sso-state",
    "sso-slow",
    "sso-used",
    "sso-code",
    "sso-checks",
    "sso-exists",
    "sso-unverified",
    "sso-cancelled",
    "sso-failed",
    "sso-no-email",
    "sso-domain",
    "sso-linked",
    "sso-off",
];

/// Every notice this build can show: on the client, those of the pages it renders.
fn notices() -> impl Iterator<Item = &'static &'static str> {
    #[cfg(feature = "ssr")]
    let all = NOTICES.iter().chain(SIGN_IN_NOTICES.iter());
    #[cfg(not(feature = "ssr"))]
    let all = NOTICES.iter();
    all
}

/// Messages of ours whose words vary (names, dates), by a piece they always hold: the notice
/// each becomes.
#[cfg(feature = "ssr")]
const NOTICE_PATTERNS: &[(&str, &str)] = &[
    ("did not start in this browser", "sso-state"),
    ("This sign-in took too long.", "sso-slow"),
    ("already used or has expired", "sso-used"),
    ("did not accept this sign-in", "sso-code"),
    ("failed its security checks", "sso-checks"),
    ("already exists here and is not linked", "sso-exists"),
    ("has not verified that this email", "sso-unverified"),
    ("Please sign in again.", "sso-again"),
    ("was cancelled or refused", "sso-cancelled"),
    ("could not sign you in", "sso-failed"),
    ("did not send your email address", "sso-no-email"),
    ("may not sign in to this instance", "sso-domain"),
    ("This link expired on ", "link-expired"),
    ("too many wrong passwords", "link-locked"),
    ("Password sign-in is turned off", "password-login-off"),
];

#[cfg(feature = "ssr")]
impl AppError {
    /// The notice code a page is sent back with for this error (see [`notice_message`]): the
    /// code of its message, else of the pattern it follows, else of its status.
    pub fn notice_code(&self) -> String {
        let detail = self.detail();
        let english =
            |code: &str| crate::i18n::server::format(crate::i18n::Lang::En, &format!("notice-{code}"), &[]);
        if let Some(code) = notices().find(|code| english(code) == detail) {
            return (*code).to_owned();
        }
        if let Some((_, code)) = NOTICE_PATTERNS.iter().find(|(p, _)| detail.contains(p)) {
            return (*code).to_owned();
        }
        format!("e{}", self.status())
    }
}

/// Our message for notice `code`; `None` for a code we never send (the page then shows none).
pub fn notice_message(code: &str) -> Option<String> {
    notices()
        .any(|c| *c == code)
        .then(|| crate::i18n::tr(&format!("notice-{code}")))
}

/// A result whose error is an [`AppError`].
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_shape_round_trips_every_variant() {
        let all = [
            AppError::BadRequest("bad".into()),
            AppError::Unauthenticated,
            AppError::Forbidden("no".into()),
            AppError::NotFound("gone".into()),
            AppError::Conflict("clash".into()),
            AppError::PayloadTooLarge,
            AppError::Unprocessable("tree".into()),
            AppError::TooManyRequests("slow down".into()),
            AppError::RetryLater {
                detail: "later".into(),
                retry_after: 90,
            },
            AppError::Unavailable("db".into()),
            AppError::Internal,
        ];
        for e in all {
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["status"], e.status());
            assert_eq!(json["detail"], e.detail());
            let back: AppError = serde_json::from_value(json).unwrap();
            assert_eq!(back, e);
        }
    }

    #[test]
    fn notices_are_codes_of_our_own_messages() {
        let wrong = AppError::BadRequest("The email or password is incorrect.".into());
        assert_eq!(wrong.notice_code(), "signin-wrong");
        assert_eq!(
            notice_message("signin-wrong").as_deref(),
            Some("The email or password is incorrect.")
        );
        let provider = AppError::Forbidden(
            "Company SSO could not sign you in: Your session expired. Re-enter your password at https://evil.example."
                .into(),
        );
        assert_eq!(provider.notice_code(), "sso-failed");
        assert!(!notice_message("sso-failed").unwrap_or_default().contains("evil"));
        assert_eq!(AppError::Conflict("anything else".into()).notice_code(), "e409");
        assert_eq!(
            notice_message("Your session expired. Re-enter your password at https://evil.example"),
            None
        );
        for code in notices() {
            let message = notice_message(code).unwrap_or_default();
            assert!(code.len() <= 24 && !message.is_empty() && message != format!("notice-{code}"));
        }
    }

    #[test]
    fn internal_errors_never_carry_a_cause() {
        let json = serde_json::to_string(&AppError::Internal).unwrap();
        assert_eq!(
            json,
            r#"{"detail":"Something went wrong on our side. Please try again.","status":500}"#
        );
    }
}
