//! Accounts: sign-up, sign-in, sessions, API keys, roles, the `chat.share` permission and user
//! management. Plain async functions over a database connection, tested without HTTP.

use argon2::password_hash::rand_core::OsRng;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, SqlErr, TransactionTrait,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use super::names::{display_name, display_names, FORMER_MEMBER};

pub use super::throttle::{
    attempt_times, hash_password, sign_in_delay, throttle_delay, verify_link_password, verify_password,
    ATTEMPT_WINDOW_SECS, FREE_ATTEMPTS,
};
use super::throttle::{delay_for, dummy_hash};
pub(crate) use super::throttle::{forget_attempt, record_attempts};
use crate::entities::{api_key, auth_attempt, local, now, session, user};
use crate::error::{AppError, AppResult};
use crate::instance::{service as settings, SettingsDefaults};

/// How long a session lasts.
pub const SESSION_TTL_SECS: i64 = 30 * 24 * 3600;
const MIN_PASSWORD: usize = 8;
const MAX_PASSWORD: usize = 256;

pub use super::management::{add_user, delete_user, list_users, pending_count, set_can_share, set_role};
pub(crate) use super::management::{default_role, insert_account};
pub use crate::role::Role;

/// A signed-in user and the session token that proves it.
#[derive(Debug, Clone)]
pub struct Authenticated {
    /// The account.
    pub user: user::Model,
    /// The session token (sent once, stored only hashed).
    pub token: String,
    /// When the session ends, epoch seconds.
    pub expires_at: i64,
}

/// Sign-up input.
#[derive(Debug, Clone)]
pub struct SignUp {
    /// Display name.
    pub name: String,
    /// Email (compared case-insensitively).
    pub email: String,
    /// Password, at least 8 characters.
    pub password: String,
}

/// SHA-256, hex: how tokens and keys are stored.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lower-cases and trims an email and checks its form.
pub fn normalize_email(email: &str) -> AppResult<String> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= 254
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !e.contains(char::is_whitespace)
        });
    if valid {
        Ok(e)
    } else {
        Err(AppError::BadRequest(
            "Please enter a valid email address.".to_owned(),
        ))
    }
}

pub(crate) fn check_password_rules(password: &str) -> AppResult<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(AppError::BadRequest(format!(
            "The password must be at least {MIN_PASSWORD} characters long."
        )));
    }
    if password.len() > MAX_PASSWORD {
        return Err(AppError::BadRequest(format!(
            "The password must be at most {MAX_PASSWORD} bytes long."
        )));
    }
    Ok(())
}

pub(crate) fn unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Whether the instance has no account yet: its first visitor creates the admin account.
pub async fn is_first_run(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(user::Entity::find().count(db).await? == 0)
}

/// Creates an account and signs it in. The first account becomes `admin`; later ones get the
/// default role, and only while sign-up is enabled.
pub async fn sign_up(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    input: SignUp,
) -> AppResult<Authenticated> {
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "Please enter a name of 1 to 100 characters.".to_owned(),
        ));
    }
    let email = normalize_email(&input.email)?;
    check_password_rules(&input.password)?;
    let settings = settings::get(db, defaults).await?;
    // Refused before anything about the email is looked at, so a closed instance answers a
    // known and an unknown email alike (the first account is always allowed).
    if !settings.enable_signup && user::Entity::find().count(db).await? > 0 {
        return Err(signup_disabled());
    }
    let password_hash = hash_password(input.password).await?;

    // The account row is written first, so SQLite takes its write lock at once (a read first
    // would have to upgrade its lock, which fails under concurrent sign-ups).
    let txn = db.begin().await?;
    let (created, first) =
        insert_account(&txn, &email, &name, password_hash, default_role(&settings)).await?;
    if !first && !settings.enable_signup {
        return Err(signup_disabled());
    }
    txn.commit().await?;
    let (token, expires_at) = create_session(db, created.id, SESSION_TTL_SECS).await?;
    Ok(Authenticated {
        user: created,
        token,
        expires_at,
    })
}

fn signup_disabled() -> AppError {
    AppError::Forbidden("Sign-up is disabled. Ask an administrator for an account.".to_owned())
}

/// [`sign_up`] for a request from `client`: sign-ups from one address are counted like failed
/// sign-ins (the attempt is recorded first) and slow down past [`FREE_ATTEMPTS`] × 4 in the
/// window, so nobody can create accounts, or probe emails, in bulk.
pub async fn sign_up_from(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    input: SignUp,
    client: &str,
) -> AppResult<Authenticated> {
    let key = sign_up_key(client);
    let before = record_attempts(db, std::slice::from_ref(&key)).await?;
    let delay = sign_up_wait(before.first().copied().unwrap_or(0));
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    sign_up(db, defaults, input).await
}

fn sign_up_key(client: &str) -> String {
    format!("signup:{client}")
}

/// The wait of a sign-up after `before` sign-ups from its address in the window.
fn sign_up_wait(before: u64) -> std::time::Duration {
    throttle_delay(before / 4)
}

/// The wait a sign-up from `client` would start with if it came now.
pub async fn sign_up_delay(db: &DatabaseConnection, client: &str) -> AppResult<std::time::Duration> {
    let before = attempt_times(db, &sign_up_key(client)).await?.len() as u64;
    Ok(sign_up_wait(before))
}

/// Signs in with email and password. Wrong email and wrong password give the same message
/// after the same work. Every attempt is recorded before it is checked, so guesses sent in
/// parallel count each other: past [`FREE_ATTEMPTS`] for one email (or four times that from
/// one address) each waits longer, up to 8 s. A successful sign-in clears its email's record.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    client: &str,
) -> AppResult<Authenticated> {
    let bad = || AppError::BadRequest("The email or password is incorrect.".to_owned());
    let Ok(email) = normalize_email(email) else {
        return Err(bad());
    };
    let email_key = format!("email:{email}");
    let client_key = format!("ip:{client}");
    let before = record_attempts(db, &[email_key.clone(), client_key.clone()]).await?;
    let delay = delay_for(
        before.first().copied().unwrap_or(0),
        before.get(1).copied().unwrap_or(0),
    );
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let hash = match &found {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash().await?,
    };
    let ok = verify_password(hash, password.to_owned()).await?;
    match found {
        Some(u) if ok => {
            auth_attempt::Entity::delete_many()
                .filter(auth_attempt::Column::Key.eq(email_key))
                .exec(db)
                .await?;
            forget_attempt(db, &client_key).await?;
            let (token, expires_at) = create_session(db, u.id, SESSION_TTL_SECS).await?;
            Ok(Authenticated {
                user: u,
                token,
                expires_at,
            })
        }
        _ => Err(bad()),
    }
}

/// Starts a session lasting `ttl_secs`; returns its token and expiry.
pub async fn create_session(
    db: &DatabaseConnection,
    user_id: Uuid,
    ttl_secs: i64,
) -> AppResult<(String, i64)> {
    let token = random_hex(32);
    let t = now();
    session::ActiveModel {
        token_hash: Set(hash_secret(&token)),
        user_id: Set(user_id),
        created_at: Set(t),
        expires_at: Set(t + ttl_secs),
    }
    .insert(db)
    .await?;
    Ok((token, t + ttl_secs))
}

/// Ends the session of `token` (no error when it is already gone).
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> AppResult<()> {
    session::Entity::delete_by_id(hash_secret(token)).exec(db).await?;
    Ok(())
}

/// The user a bearer token (session token or `sk-` API key) belongs to, if it is valid now. API
/// keys count only while the instance allows them (`ENABLE_API_KEYS`): turning keys off stops
/// the existing ones at once, as Open WebUI does.
pub async fn authenticate(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    token: &str,
) -> AppResult<Option<user::Model>> {
    let Some(token) = bearer(token) else {
        return Ok(None);
    };
    let t = now();
    if let Some(hash) = session_token_hash(token) {
        // The session and its user in one query (this runs on every request).
        // On the request's own thread on SQLite (`entities::local`).
        let found = local::one_also(
            db,
            session::Entity::find_by_id(hash).find_also_related(user::Entity),
        )
        .await?;
        return session_caller(db, found, t).await;
    }
    // An `sk-` API key.
    if !settings::get(db, defaults).await?.enable_api_keys {
        return Ok(None);
    }
    let Some(key) = local::one(
        db,
        api_key::Entity::find().filter(api_key::Column::KeyHash.eq(hash_secret(token))),
    )
    .await?
    else {
        return Ok(None);
    };
    if key.last_used_at.is_none_or(|last| t - last > 60) {
        api_key::Entity::update_many()
            .col_expr(api_key::Column::LastUsedAt, Expr::value(t))
            .filter(api_key::Column::Id.eq(key.id))
            .exec(db)
            .await?;
    }
    let Some(u) = local::one(db, user::Entity::find_by_id(key.user_id)).await? else {
        return Ok(None);
    };
    Ok(Some(touch(db, u, t).await?))
}

/// `token` trimmed, when it can be a credential at all (not empty, at most 200 characters).
fn bearer(token: &str) -> Option<&str> {
    let token = token.trim();
    (!token.is_empty() && token.len() <= 200).then_some(token)
}

/// The stored hash of `token` when it is a session token (a [`bearer`] that is not an `sk-` API
/// key): what [`session_caller`] is given the lookup of.
pub fn session_token_hash(token: &str) -> Option<String> {
    bearer(token).filter(|t| !t.starts_with("sk-")).map(hash_secret)
}

/// Who a session lookup (the session row and its account, as read at `t`) signs in: the account
/// while the session lasts, touched at most once a minute; an expired session is deleted.
pub async fn session_caller(
    db: &DatabaseConnection,
    found: Option<(session::Model, Option<user::Model>)>,
    t: i64,
) -> AppResult<Option<user::Model>> {
    match found {
        Some((s, Some(u))) if s.expires_at > t => Ok(Some(touch(db, u, t).await?)),
        Some((s, _)) => {
            session::Entity::delete_by_id(s.token_hash).exec(db).await?;
            Ok(None)
        }
        None => Ok(None),
    }
}

/// Records that `u` was active (at most once a minute, so reads stay reads).
async fn touch(db: &DatabaseConnection, u: user::Model, t: i64) -> AppResult<user::Model> {
    if t - u.last_active_at > 60 {
        user::Entity::update_many()
            .col_expr(user::Column::LastActiveAt, Expr::value(t))
            .filter(user::Column::Id.eq(u.id))
            .exec(db)
            .await?;
    }
    Ok(u)
}

/// The caller, who must be signed in and approved (not pending).
pub fn require_member(caller: Option<user::Model>) -> AppResult<user::Model> {
    let u = caller.ok_or(AppError::Unauthenticated)?;
    if u.role == Role::Pending {
        return Err(AppError::Forbidden(
            "Your account is waiting for an administrator's approval.".to_owned(),
        ));
    }
    Ok(u)
}

/// The caller, who must be an administrator.
pub fn require_admin(caller: Option<user::Model>) -> AppResult<user::Model> {
    let u = require_member(caller)?;
    if u.role != Role::Admin {
        return Err(AppError::Forbidden("Only administrators can do this.".to_owned()));
    }
    Ok(u)
}

/// Whether `u` may create and update share links (`chat.share`): admins always; others by
/// their override, else the instance default.
pub async fn can_share(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    u: &user::Model,
) -> AppResult<bool> {
    if u.role == Role::User && u.can_share.is_none() {
        let default_can_share = settings::get(db, defaults).await?.default_can_share;
        return Ok(effective_can_share(u, default_can_share));
    }
    Ok(effective_can_share(u, false))
}

/// The `chat.share` rule, given the instance default: admins always, pending accounts never,
/// users by their own override, else the default.
pub fn effective_can_share(u: &user::Model, default_can_share: bool) -> bool {
    match u.role {
        Role::Admin => true,
        Role::Pending => false,
        Role::User => u.can_share.unwrap_or(default_can_share),
    }
}

/// Creates an API key for `u` (when API keys are enabled). Returns the row and the key, which
/// is shown this once.
pub async fn create_api_key(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    u: &user::Model,
) -> AppResult<(api_key::Model, String)> {
    if !settings::get(db, defaults).await?.enable_api_keys {
        return Err(AppError::Forbidden(
            "API keys are disabled on this instance.".to_owned(),
        ));
    }
    let key = format!("sk-{}", random_hex(24));
    let row = api_key::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(u.id),
        prefix: Set(key.chars().take(10).collect()),
        key_hash: Set(hash_secret(&key)),
        created_at: Set(now()),
        last_used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok((row, key))
}

/// `u`'s API keys, newest first.
pub async fn list_api_keys(db: &DatabaseConnection, u: &user::Model) -> AppResult<Vec<api_key::Model>> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::UserId.eq(u.id))
        .order_by_desc(api_key::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Revokes one of `u`'s API keys; another user's key is a 404.
pub async fn revoke_api_key(db: &DatabaseConnection, u: &user::Model, key_id: Uuid) -> AppResult<()> {
    let res = api_key::Entity::delete_many()
        .filter(api_key::Column::Id.eq(key_id))
        .filter(api_key::Column::UserId.eq(u.id))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::NotFound("No such API key.".to_owned()));
    }
    Ok(())
}

/// Every approved member's id and display name, by name (at most 10,000): whom a link can be
/// opened to and whom a group can hold. Names only, never emails.
pub async fn members_by_name(db: &DatabaseConnection) -> AppResult<Vec<(Uuid, String)>> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::Name])
        .filter(user::Column::Role.ne(Role::Pending))
        .order_by_asc(user::Column::Name)
        .limit(10_000)
        .into_tuple()
        .all(db)
        .await?)
}
