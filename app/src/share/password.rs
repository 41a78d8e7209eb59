//! A password on a link: set and removed by its owner (or an admin), stored as an argon2id
//! hash; everyone but the owner gives it to open the link: scripts in the `X-Share-Password`
//! header, browsers in the page's form, after which a cookie for that link (a proof derived
//! from the hash, so a new password ends it) opens it for 30 days. Wrong answers are counted
//! per link and client address and slow down like sign-in.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::accounts::service::{
    forget_attempt, hash_password, hash_secret, record_attempts, throttle_delay, verify_password,
};
use crate::entities::{shared_chat, user};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// The request header a script gives the password in.
pub const HEADER: &str = "x-share-password";
/// Shortest password, in characters.
pub const MIN_LEN: usize = 4;
/// Longest password, in characters.
pub const MAX_LEN: usize = 200;
/// How long the page's cookie opens the link.
pub const COOKIE_MAX_AGE_SECS: i64 = 30 * 24 * 3600;

/// What a reader gave for a link's password.
#[derive(Debug, Clone, Default)]
pub struct Presented {
    /// The password itself (the header, or the page's form).
    pub password: Option<String>,
    /// The cookie's proof, from an earlier right answer on the page.
    pub proof: Option<String>,
    /// The client's address (what wrong answers are counted by).
    pub client: String,
}

/// What the request `headers` give for link `share_id`'s password (header or cookie).
pub fn presented(headers: &axum::http::HeaderMap, share_id: Uuid, client: String) -> Presented {
    Presented {
        password: headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        proof: crate::auth::cookie_from_headers(headers, &cookie_name(share_id)),
        client,
    }
}

/// `Set-Cookie` for a browser that gave link `share_id`'s password (hash `hash`).
pub fn cookie(share_id: Uuid, hash: &str, secure: bool) -> Option<axum::http::HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    axum::http::HeaderValue::from_str(&format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={COOKIE_MAX_AGE_SECS}{secure}",
        cookie_name(share_id),
        proof(hash)
    ))
    .ok()
}

/// The cookie that opens link `share_id` for a browser that gave its password.
pub fn cookie_name(share_id: Uuid) -> String {
    format!("share_pass_{}", share_id.simple())
}

/// The cookie's value for a link whose password hash is `hash`.
pub fn proof(hash: &str) -> String {
    hash_secret(&format!("chatshare-share-password:{hash}"))
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn needed() -> AppError {
    AppError::PasswordRequired("This link needs a password.".to_owned())
}

/// Sets (`Some`) or removes (`None`) the password of chat `chat_id`'s link. Owner with
/// `chat.share`, or an admin; 409 without a link; 422 for a password too short or too long.
pub async fn set(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
    password: Option<String>,
) -> AppResult<()> {
    let share_id = super::grants::managed_link(db, defaults, caller, chat_id).await?;
    let hash = match password {
        None => None,
        Some(p) => {
            let n = p.chars().count();
            if !(MIN_LEN..=MAX_LEN).contains(&n) {
                return Err(AppError::Unprocessable(format!(
                    "A link's password has {MIN_LEN} to {MAX_LEN} characters."
                )));
            }
            Some(hash_password(p).await?)
        }
    };
    let detail = if hash.is_some() {
        "password set"
    } else {
        "password removed"
    };
    shared_chat::Entity::update_many()
        .col_expr(shared_chat::Column::PasswordHash, Expr::value(hash))
        .filter(shared_chat::Column::Id.eq(share_id))
        .exec(db)
        .await?;
    super::audit::record(
        db,
        super::audit::ACCESS,
        Some(caller.id),
        Some(chat_id),
        Some(share_id),
        Some(detail.to_owned()),
    )
    .await
}

/// Whether `presented` opens `link` (which may have no password): `Ok`, or 401 "This link
/// needs a password." (none given) or "That password is not right." (a wrong one).
pub async fn check(
    db: &DatabaseConnection,
    link: &shared_chat::Model,
    presented: &Presented,
) -> AppResult<()> {
    let Some(hash) = &link.password_hash else {
        return Ok(());
    };
    if presented.proof.as_deref().is_some_and(|p| same(p, &proof(hash))) {
        return Ok(());
    }
    let Some(given) = presented.password.clone() else {
        return Err(needed());
    };
    let key = format!("share:{}:{}", link.id, presented.client);
    let before = record_attempts(db, std::slice::from_ref(&key)).await?;
    let delay = throttle_delay(before.first().copied().unwrap_or(0));
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if verify_password(hash.clone(), given).await? {
        // A right answer is no failure: a script that sends the header on every read is not
        // slowed down by its own reads.
        forget_attempt(db, &key).await
    } else {
        Err(AppError::PasswordRequired(
            "That password is not right.".to_owned(),
        ))
    }
}
