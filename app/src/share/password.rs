//! A password on a link: set and removed by its owner (or an admin), stored as an argon2id
//! hash; everyone but the owner gives it to open the link: scripts in the `X-Share-Password`
//! header, browsers in the page's form, after which a cookie for that link (a proof derived
//! from the hash, so a new password ends it) opens it for 30 days. Guesses are counted per link
//! (across every address) and per link and address, and refused for a while past a budget
//! ([`check`]); link passwords have their own hash gate, apart from sign-ins'.

use std::time::Duration;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::accounts::service::{
    attempt_times, forget_attempt, hash_password, hash_secret, record_attempts, throttle_delay,
    verify_link_password,
};
use crate::entities::{shared_chat, user};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// The request header a script gives the password in.
pub const HEADER: &str = "x-share-password";
/// Shortest password, in characters.
pub const MIN_LEN: usize = 8;
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
    let hash = hashed(password).await?;
    let detail = change_detail(hash.as_deref());
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

/// A new password checked (422 for one too short or too long) and hashed (429 when the hash
/// gate is full), before anything is written; `None` (no password) stays `None`.
pub async fn hashed(password: Option<String>) -> AppResult<Option<String>> {
    let Some(p) = password else {
        return Ok(None);
    };
    let n = p.chars().count();
    if !(MIN_LEN..=MAX_LEN).contains(&n) {
        return Err(AppError::Unprocessable(format!(
            "A link's password has {MIN_LEN} to {MAX_LEN} characters."
        )));
    }
    Ok(Some(hash_password(p).await?))
}

/// The audit log's words for a password change to `hash`.
pub fn change_detail(hash: Option<&str>) -> &'static str {
    if hash.is_some() {
        "password set"
    } else {
        "password removed"
    }
}

/// Wrong guesses at one link's password, from every address together, within the attempt
/// window before the link stops checking guesses for a while (429 with `Retry-After`; a reader
/// with the page's cookie still opens it, and its owner sees the lock in My shared links).
pub const LINK_GUESS_BUDGET: u64 = 20;
/// Wrong guesses from one address at one link before that address is refused for a while.
pub const CLIENT_GUESS_BUDGET: u64 = 10;

fn link_key(share_id: Uuid) -> String {
    format!("share:{share_id}")
}

fn client_key(share_id: Uuid, client: &str) -> String {
    format!("share:{share_id}:{client}")
}

/// The pause a wrong password for link `share_id` from `client` would wait if it came now
/// (longer the more that address got wrong in the window).
pub async fn wrong_guess_delay(db: &DatabaseConnection, share_id: Uuid, client: &str) -> AppResult<Duration> {
    let before = attempt_times(db, &client_key(share_id, client)).await?;
    Ok(throttle_delay(before.len() as u64))
}

/// Until when link `share_id` refuses password guesses (epoch seconds), if it does now.
pub async fn locked_until(db: &DatabaseConnection, share_id: Uuid) -> AppResult<Option<i64>> {
    budget_spent(db, &link_key(share_id), LINK_GUESS_BUDGET).await
}

/// Whether the attempts under `key` reached `budget` in the window: until when, if so.
async fn budget_spent(db: &DatabaseConnection, key: &str, budget: u64) -> AppResult<Option<i64>> {
    let times = attempt_times(db, key).await?;
    if (times.len() as u64) < budget {
        return Ok(None);
    }
    // Open again when enough of them have left the window.
    let idx = times.len() - budget as usize;
    Ok(times
        .get(idx)
        .map(|t| t + crate::accounts::service::ATTEMPT_WINDOW_SECS))
}

/// Whether `presented` opens `link` (which may have no password): `Ok`, or 401 "This link
/// needs a password." (none given) or "That password is not right." (a wrong one).
///
/// Every guess is recorded before it is checked (parallel guesses count each other), under the
/// link and under the link and address. Past [`LINK_GUESS_BUDGET`] for the link, or
/// [`CLIENT_GUESS_BUDGET`] for the address, guesses are refused unchecked with 429 and
/// `Retry-After` (so no flood of addresses gets more than the budget of checks). A right
/// answer is never delayed and forgets its record; a wrong one waits after its check (longer
/// the more that address got wrong), so a reader behind the same office address as a guesser
/// is not slowed down by the guesser's failures.
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
    let keys = [link_key(link.id), client_key(link.id, &presented.client)];
    let before = record_attempts(db, &keys).await?;
    let (by_link, by_client) = (
        before.first().copied().unwrap_or(0),
        before.get(1).copied().unwrap_or(0),
    );
    if by_link >= LINK_GUESS_BUDGET || by_client >= CLIENT_GUESS_BUDGET {
        // Refused unchecked: this guess is no attempt.
        for key in &keys {
            forget_attempt(db, key).await?;
        }
        let [by_link_key, by_client_key] = &keys;
        let until = match budget_spent(db, by_link_key, LINK_GUESS_BUDGET).await? {
            Some(t) => Some(t),
            None => budget_spent(db, by_client_key, CLIENT_GUESS_BUDGET).await?,
        };
        let retry_after = until.map_or(60, |t| (t - crate::entities::now()).max(1)) as u64;
        return Err(AppError::RetryLater {
            detail: format!(
                "This link has had too many wrong passwords. Try again in {} minutes.",
                retry_after.div_ceil(60)
            ),
            retry_after,
        });
    }
    if verify_link_password(hash.clone(), given).await? {
        // A right answer is no failure: a script that sends the header on every read is not
        // slowed down by its own reads.
        for key in &keys {
            forget_attempt(db, key).await?;
        }
        return Ok(());
    }
    let delay = throttle_delay(by_client);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    Err(AppError::PasswordRequired(
        "That password is not right.".to_owned(),
    ))
}
