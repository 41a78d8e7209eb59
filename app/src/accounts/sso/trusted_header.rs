//! Trusted-header sign-in: behind an authenticating reverse proxy (oauth2-proxy, Authelia),
//! the proxy's email header names the person. The server believes it only on requests whose
//! TCP peer is one of `--trusted-proxies` (see the server's middleware); this module says who
//! the header signs in and gives them a session.

use axum::http::HeaderMap;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};

use super::config::TrustedHeaderConfig;
use crate::accounts::service::{self as accounts, normalize_email};
use crate::entities::{session, user};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// The email and name the proxy's headers give, if the email header is there and valid.
pub fn person_in(headers: &HeaderMap, cfg: &TrustedHeaderConfig) -> Option<(String, Option<String>)> {
    let email = headers.get(&cfg.email_header)?.to_str().ok()?;
    let email = normalize_email(email).ok()?;
    let name = cfg
        .name_header
        .as_ref()
        .and_then(|h| headers.get(h))
        .and_then(|v| v.to_str().ok())
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    Some((email, name))
}

/// The account with `email`, created on its first visit (the default role; admin for the
/// instance's first account; `name`, else the email's local part).
pub async fn account_for(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    email: &str,
    name: Option<&str>,
) -> AppResult<user::Model> {
    let find = || user::Entity::find().filter(user::Column::Email.eq(email)).one(db);
    if let Some(u) = find().await? {
        return Ok(u);
    }
    let txn = db.begin().await?;
    match super::identities::create_account(&txn, defaults, db, email, name).await {
        Ok(u) => {
            txn.commit().await?;
            Ok(u)
        }
        // A second request of the same person's first visit made it first.
        Err(AppError::Conflict(_)) => {
            drop(txn);
            find().await?.ok_or(AppError::Internal)
        }
        Err(e) => Err(e),
    }
}

/// A session for the person the headers name, unless the request's own session is already
/// theirs: the new session's token, or none when nothing needs to change.
pub async fn session_for(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    cfg: &TrustedHeaderConfig,
    headers: &HeaderMap,
) -> AppResult<Option<String>> {
    let Some((email, name)) = person_in(headers, cfg) else {
        return Ok(None);
    };
    if let Some(token) = crate::auth::session_cookie_from_headers(headers) {
        if let Some(current) = accounts::authenticate(db, defaults, &token).await? {
            if current.email == email {
                return Ok(None);
            }
        }
    }
    let account = account_for(db, defaults, &email, name.as_deref()).await?;
    header_session(db, account.id).await.map(Some)
}

/// How long one header session serves a person before the next one is made.
const HEADER_SESSION_PERIOD_SECS: i64 = 15 * 86_400;

/// The session header sign-ins give account `user_id`: one per person and fifteen-day period
/// (its token derived from an instance secret, the account and the period), made by the first
/// request of the period and reused by every later one. A client that keeps no cookies behind
/// the proxy used to get a new 30-day session for every request.
async fn header_session(db: &DatabaseConnection, user_id: uuid::Uuid) -> AppResult<String> {
    let secret = instance_secret(db).await?;
    let t = crate::entities::now();
    let period = t.div_euclid(HEADER_SESSION_PERIOD_SECS);
    let token = accounts::hash_secret(&format!("{secret}:trusted-header:{user_id}:{period}"));
    session::Entity::insert(session::ActiveModel {
        token_hash: Set(accounts::hash_secret(&token)),
        user_id: Set(user_id),
        created_at: Set(t),
        expires_at: Set((period + 2) * HEADER_SESSION_PERIOD_SECS),
    })
    .on_conflict(
        OnConflict::column(session::Column::TokenHash)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// A random secret made once per instance and kept in the settings table (so every process
/// derives the same header sessions).
async fn instance_secret(db: &DatabaseConnection) -> AppResult<String> {
    crate::instance::service::secret(db, "trusted_header_secret", accounts::random_hex(32)).await
}
