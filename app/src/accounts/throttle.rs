//! What keeps password checking from being abused: every sign-in and sign-up attempt is
//! recorded (per email and per client address, in the database so every process counts the
//! same) before it is checked, and slows down past a few; every argon2id computation passes one
//! gate that runs at most one per core and lets a bounded queue wait.

use std::time::Duration;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entities::{auth_attempt, now};
use crate::error::{AppError, AppResult};

/// Attempts are counted over this window.
pub const ATTEMPT_WINDOW_SECS: i64 = 15 * 60;
/// Attempts allowed in the window before sign-in slows down (a client address gets four times
/// as many).
pub const FREE_ATTEMPTS: u64 = 5;

/// Password hashes waiting for a turn, at most, before more are refused with 429.
pub const MAX_WAITING_HASHES: usize = 32;

/// The gate every argon2id computation passes: at most one per core runs at once (each takes
/// 19 MiB and a core for ~50 ms), and at most [`MAX_WAITING_HASHES`] wait for a turn. Without
/// it, 250 concurrent sign-ins took the server to 2.6 GB.
struct HashGate {
    running: tokio::sync::Semaphore,
    waiting: std::sync::atomic::AtomicUsize,
}

/// Which gate a hash passes: sign-ins and sign-ups, or link passwords. Each has its own, so a
/// flood of guesses at a link's password never makes members' sign-ins wait or fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    SignIn,
    LinkPassword,
}

fn hash_gate(which: Gate) -> &'static HashGate {
    static SIGN_IN: std::sync::OnceLock<HashGate> = std::sync::OnceLock::new();
    static LINK_PASSWORD: std::sync::OnceLock<HashGate> = std::sync::OnceLock::new();
    let cell = match which {
        Gate::SignIn => &SIGN_IN,
        Gate::LinkPassword => &LINK_PASSWORD,
    };
    cell.get_or_init(|| HashGate {
        running: tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())),
        waiting: std::sync::atomic::AtomicUsize::new(0),
    })
}

/// Runs `work` (an argon2id hash or check) on the blocking pool once gate `which` lets it
/// through; 429 when too many are already waiting.
async fn gated<T: Send + 'static>(which: Gate, work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    use std::sync::atomic::Ordering;
    let gate = hash_gate(which);
    let busy = || {
        AppError::TooManyRequests(match which {
            Gate::SignIn => {
                "Too many sign-ins are being checked right now. Please try again in a moment.".to_owned()
            }
            Gate::LinkPassword => {
                "Too many link passwords are being checked right now. Please try again in a moment."
                    .to_owned()
            }
        })
    };
    /// One place in the queue, given back however the wait ends (a caller that disconnects
    /// drops its future while waiting).
    struct Waiting(&'static std::sync::atomic::AtomicUsize);
    impl Drop for Waiting {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let ahead = gate.waiting.fetch_add(1, Ordering::SeqCst);
    let place = Waiting(&gate.waiting);
    if ahead >= MAX_WAITING_HASHES {
        return Err(busy());
    }
    let permit = gate.running.acquire().await;
    drop(place);
    let _permit = permit.map_err(|_| busy())?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        AppError::Internal
    })
}

/// argon2id hash of a password, computed off the async threads (through the hash gate).
pub async fn hash_password(password: String) -> AppResult<String> {
    gated(Gate::SignIn, move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password against a stored hash, off the async threads (through the sign-in gate).
pub async fn verify_password(hash: String, password: String) -> AppResult<bool> {
    gated(Gate::SignIn, move || verified(&hash, &password)).await
}

/// Checks a guess at a link's password against its hash (through the link passwords' own
/// gate).
pub async fn verify_link_password(hash: String, password: String) -> AppResult<bool> {
    gated(Gate::LinkPassword, move || verified(&hash, &password)).await
}

fn verified(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A valid hash of a random password, checked when the email is unknown so that a wrong
/// email takes as long as a wrong password.
pub(super) async fn dummy_hash() -> AppResult<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password(super::service::random_hex(16)))
        .await
        .cloned()
}

/// How long to wait before checking a sign-in after `failures` recent failures.
pub fn throttle_delay(failures: u64) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let step = (failures - FREE_ATTEMPTS).min(5) as u32;
    Duration::from_millis(250 * 2u64.pow(step)).min(Duration::from_secs(8))
}

/// Records one attempt under each key (before the attempt is checked, so simultaneous attempts
/// count each other) and returns, per key, how many attempts came before it in the window, this
/// one's included among the in-flight ones. Old rows are swept on the way.
pub(crate) async fn record_attempts(db: &DatabaseConnection, keys: &[String]) -> AppResult<Vec<u64>> {
    let t = now();
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::At.lt(t - ATTEMPT_WINDOW_SECS))
        .exec(db)
        .await?;
    auth_attempt::Entity::insert_many(keys.iter().map(|key| auth_attempt::ActiveModel {
        key: Set(key.clone()),
        at: Set(t),
        ..Default::default()
    }))
    .exec_without_returning(db)
    .await?;
    let mut before = Vec::with_capacity(keys.len());
    for key in keys {
        before.push(count_attempts(db, key).await?.saturating_sub(1));
    }
    Ok(before)
}

async fn count_attempts(db: &DatabaseConnection, key: &str) -> AppResult<u64> {
    Ok(auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Key.eq(key))
        .filter(auth_attempt::Column::At.gte(now() - ATTEMPT_WINDOW_SECS))
        .count(db)
        .await?)
}

/// When each attempt under `key` in the window was made (epoch seconds), oldest first.
pub async fn attempt_times(db: &DatabaseConnection, key: &str) -> AppResult<Vec<i64>> {
    Ok(auth_attempt::Entity::find()
        .select_only()
        .column(auth_attempt::Column::At)
        .filter(auth_attempt::Column::Key.eq(key))
        .filter(auth_attempt::Column::At.gte(now() - ATTEMPT_WINDOW_SECS))
        .order_by_asc(auth_attempt::Column::At)
        .into_tuple()
        .all(db)
        .await?)
}

/// The delay a sign-in for `email` from `client` would wait if it started now.
pub async fn sign_in_delay(db: &DatabaseConnection, email: &str, client: &str) -> AppResult<Duration> {
    let by_email = count_attempts(db, &format!("email:{email}")).await?;
    let by_client = count_attempts(db, &format!("ip:{client}")).await?;
    Ok(delay_for(by_email, by_client))
}

/// Forgets one attempt recorded under `key` (a sign-in that succeeded is no failure).
pub(crate) async fn forget_attempt(db: &DatabaseConnection, key: &str) -> AppResult<()> {
    let newest = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Key.eq(key))
        .order_by_desc(auth_attempt::Column::Id)
        .one(db)
        .await?;
    if let Some(row) = newest {
        auth_attempt::Entity::delete_by_id(row.id).exec(db).await?;
    }
    Ok(())
}

/// The delay a sign-in must wait when `by_email` attempts for its email and `by_client` from
/// its address came before it in the window (a client address counts four times as many, so
/// a shared office address is not locked out).
pub(super) fn delay_for(by_email: u64, by_client: u64) -> Duration {
    throttle_delay(by_email.max(by_client / 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A flood of guesses at link passwords fills the link passwords' gate only: a sign-in
    /// checked meanwhile goes through (with one gate for both, it got 429).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn link_password_guesses_never_fill_the_sign_in_gate() {
        let hash = hash_password("the real one".to_owned()).await.unwrap();
        let guesses: Vec<_> = (0..MAX_WAITING_HASHES + 20)
            .map(|_| tokio::spawn(verify_link_password(hash.clone(), "a wrong one".to_owned())))
            .collect();
        // The link passwords' queue is full before the sign-in comes.
        let waiting = || {
            hash_gate(Gate::LinkPassword)
                .waiting
                .load(std::sync::atomic::Ordering::SeqCst)
        };
        while waiting() < MAX_WAITING_HASHES {
            tokio::task::yield_now().await;
        }
        let sign_in = verify_password(hash.clone(), "the real one".to_owned()).await;
        assert_eq!(sign_in, Ok(true), "a member's sign-in is checked");
        let mut refused = 0;
        for g in guesses {
            match g.await.unwrap() {
                Ok(ok) => assert!(!ok),
                Err(AppError::TooManyRequests(_)) => refused += 1,
                Err(e) => panic!("{e}"),
            }
        }
        assert!(refused > 0, "the flood did fill the link passwords' gate");
    }
}
