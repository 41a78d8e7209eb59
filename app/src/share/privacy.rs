//! The privacy check and the review before sharing, as services: what a link would share
//! ([`super::scope`]) checked by [`super::scan`], and previewed. The chat's owner only: anyone
//! else gets the 404 of a chat that is not theirs.

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::review::{Finding, ReviewMessage, SharePreview, ShareReview};
use super::scope::{self, Scope, ScopeChange};
use crate::chats::doc::ChatDoc;
use crate::entities::{chat, shared_chat, user};
use crate::error::{AppError, AppResult};

/// The choices of chat `chat_id`'s link (the default when it has none, or had one made before
/// choices existed).
pub async fn stored_scope(db: &DatabaseConnection, chat_id: Uuid) -> AppResult<Scope> {
    use crate::entities::local;
    use sea_orm::QueryTrait;
    let stmt = shared_chat::Entity::find()
        .select_only()
        .column(shared_chat::Column::Scope)
        .filter(shared_chat::Column::ChatId.eq(chat_id))
        .build(db.get_database_backend());
    // One text column, on the request's thread on SQLite.
    let stored = match local::query_one(db, stmt, &local::Shape::default()).await? {
        Some(row) => row.try_get::<Option<String>>("", "scope")?,
        None => None,
    };
    Ok(Scope::from_stored(stored.as_deref()))
}

/// Chat `c`'s link (`None`: it has none), read on the request's thread on SQLite.
pub(super) async fn link_of(
    db: &DatabaseConnection,
    c: &chat::Model,
) -> AppResult<Option<shared_chat::Model>> {
    if c.share_id.is_none() {
        return Ok(None);
    }
    let of_chat = shared_chat::Entity::find().filter(shared_chat::Column::ChatId.eq(c.id));
    Ok(crate::entities::local::one(db, of_chat).await?)
}

/// The caller's own chat `chat_id` (anyone else's, an admin's view of it included: 404).
async fn own_chat(db: &DatabaseConnection, caller: &user::Model, chat_id: Uuid) -> AppResult<chat::Model> {
    let c = crate::chats::service::find_visible(db, caller, chat_id).await?;
    if c.user_id != caller.id {
        return Err(AppError::chat_not_found());
    }
    Ok(c)
}

/// CPU work on a chat (parsing, scoping, scanning) on the blocking pool: for a
/// 10,000-message chat (3.9 MB) the privacy check is about 100 ms of CPU, which must not hold
/// one of the server's async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> AppResult<T> + Send + 'static) -> AppResult<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "a sharing task on the blocking pool failed");
        AppError::Internal
    })?
}

/// `work` on chat `c` parsed (its title inside), on the blocking pool.
async fn off_async<T: Send + 'static>(
    c: chat::Model,
    work: impl FnOnce(chat::Model, ChatDoc) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    blocking(move || {
        let doc = ChatDoc::from_stored(crate::chats::transfer::titled(&c.chat, &c.title)?.get())?;
        work(c, doc)
    })
    .await
}

/// What chat `c`'s link holds once its `stored` choices are changed by `change`: the snapshot
/// JSON, its message count and the new choices (worked out on the blocking pool; 422 for a
/// change the chat refuses).
pub(super) async fn snapshot_of(
    c: &chat::Model,
    stored: Scope,
    change: ScopeChange,
) -> AppResult<(String, usize, Scope)> {
    let (chat, title) = (c.chat.clone(), c.title.clone());
    let work = move || {
        let whole = crate::chats::transfer::titled(&chat, &title)?.get().to_owned();
        let doc = ChatDoc::from_stored(&whole)?;
        let scope = stored.changed(&doc, change)?;
        Ok(match scope::apply(&doc, &scope)? {
            Some(shared) => (shared.encode()?, shared.len(), scope),
            None => (whole, doc.len(), scope),
        })
    };
    if c.chat.len() <= SNAPSHOT_INLINE_UP_TO {
        // Tens of microseconds: less than handing it to the blocking pool and back.
        return work();
    }
    blocking(work).await
}

/// Bytes of chat JSON up to which a snapshot is made on the request's own thread.
const SNAPSHOT_INLINE_UP_TO: usize = 64 * 1024;

/// Most findings one privacy check lists; the rest are counted ("and N more").
pub const MAX_FINDINGS: usize = 500;
/// Text one privacy check reads at most (the title and the messages, in reading order); what
/// lies past it is counted as not checked.
pub const MAX_SCANNED_BYTES: usize = 4 * 1024 * 1024;
/// Privacy checks running at once per process (each takes a core); more wait their turn.
const CHECKS_AT_ONCE: usize = 2;
/// Privacy checks waiting at most; more are refused with 429.
const CHECKS_WAITING: usize = 16;

/// What a privacy check found.
pub(super) struct Checked {
    /// The first [`MAX_FINDINGS`] findings.
    pub findings: Vec<Finding>,
    /// How many more there were.
    pub more: usize,
    /// Bytes of text past [`MAX_SCANNED_BYTES`], not checked.
    pub unchecked_bytes: usize,
}

/// The findings in the title and in every message of `doc` (reading order), within the
/// check's limits, and the words that come close to one of `masks` without being masked.
pub(super) fn findings(doc: &ChatDoc, masks: &[String]) -> Checked {
    let mut out = Checked {
        findings: Vec::new(),
        more: 0,
        unchecked_bytes: 0,
    };
    let mut budget = MAX_SCANNED_BYTES;
    let texts = std::iter::once((None, doc.title.as_deref().unwrap_or_default())).chain(
        scope::reading_order(doc)
            .into_iter()
            .map(|m| (Some(m.id.as_str()), m.content.as_str())),
    );
    for (id, text) in texts {
        let mut cut = text.len().min(budget);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        budget -= cut;
        out.unchecked_bytes += text.len() - cut;
        let checked = &text[..cut];
        let near = masks.iter().flat_map(|m| {
            super::masks::near_misses(checked, m).into_iter().map(move |w| {
                let at = w.as_ptr() as usize - checked.as_ptr() as usize;
                let start = checked[..at].chars().count();
                Finding {
                    message_id: id.map(str::to_owned),
                    kind: super::scan::kind::NEAR_MASK.to_owned(),
                    text: w.to_owned(),
                    start,
                    end: start + w.chars().count(),
                }
            })
        });
        for f in super::scan::scan(id, checked).into_iter().chain(near) {
            if out.findings.len() < MAX_FINDINGS {
                out.findings.push(f);
            } else {
                out.more += 1;
            }
        }
    }
    out
}

/// A turn to run a privacy check: at most [`CHECKS_AT_ONCE`] run, [`CHECKS_WAITING`] wait, and
/// more are refused with 429 (a member could otherwise ask for many at once).
async fn check_turn() -> AppResult<tokio::sync::SemaphorePermit<'static>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUNNING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CHECKS_AT_ONCE);
    static WAITING: AtomicUsize = AtomicUsize::new(0);
    struct Place;
    impl Drop for Place {
        fn drop(&mut self) {
            WAITING.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let ahead = WAITING.fetch_add(1, Ordering::SeqCst);
    let place = Place;
    if ahead >= CHECKS_WAITING {
        return Err(AppError::TooManyRequests(
            "Too many privacy checks are running right now. Please try again in a moment.".to_owned(),
        ));
    }
    let permit = RUNNING.acquire().await.map_err(|_| AppError::Internal);
    drop(place);
    permit
}

/// `GET /api/v1/chats/{id}/share/scan`: the findings in what the chat's link would share now
/// (its choices and masks applied; a chat without a link: the visible branch).
pub async fn scan(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<super::ScanReport> {
    let c = own_chat(db, caller, chat_id).await?;
    let scope = stored_scope(db, c.id).await?;
    report(c, scope).await
}

/// The findings in the whole visible branch of chat `chat_id` (the caller's), without a link's
/// choices or masks: what a shared folder's grantees read.
pub async fn scan_whole(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<super::ScanReport> {
    let c = own_chat(db, caller, chat_id).await?;
    report(c, Scope::default()).await
}

/// The findings in chat `c` as `scope` shares it.
async fn report(c: chat::Model, scope: Scope) -> AppResult<super::ScanReport> {
    let _turn = check_turn().await?;
    off_async(c, move |_, doc| {
        let checked = findings(&scope::apply(&doc, &scope)?.unwrap_or(doc), &scope.redact);
        Ok(super::ScanReport {
            findings: checked.findings,
            more: checked.more,
            unchecked_bytes: checked.unchecked_bytes,
        })
    })
    .await
}

/// The Share modal's review: every message (with whether the link shares it), the findings
/// before masks, and the link's choices.
pub async fn review(db: &DatabaseConnection, caller: &user::Model, chat_id: Uuid) -> AppResult<ShareReview> {
    let c = own_chat(db, caller, chat_id).await?;
    let scope = stored_scope(db, c.id).await?;
    let _turn = check_turn().await?;
    off_async(c, move |_, doc| {
        let shared = scope.shared_ids(&doc);
        let branch: std::collections::HashSet<&str> =
            doc.visible_path().iter().map(|m| m.id.as_str()).collect();
        let messages = scope::reading_order(&doc)
            .into_iter()
            .map(|m| ReviewMessage {
                id: m.id.clone(),
                role: m.role,
                text: m.content.clone(),
                on_branch: branch.contains(m.id.as_str()),
                shared: shared.contains(m.id.as_str()),
            })
            .collect();
        let checked = findings(&doc, &scope.redact);
        Ok(ShareReview {
            messages,
            findings: checked.findings,
            more_findings: checked.more,
            unchecked_bytes: checked.unchecked_bytes,
            masks: scope.redact,
            full_history: scope.full_history,
        })
    })
    .await
}

/// What viewers would get if the link had the choices `change` makes (nothing is stored).
pub async fn preview(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
    change: ScopeChange,
) -> AppResult<SharePreview> {
    let c = own_chat(db, caller, chat_id).await?;
    let stored = stored_scope(db, c.id).await?;
    let (title, total, mut messages) = off_async(c, move |c, doc| {
        let scope: Scope = stored.changed(&doc, change)?;
        let shared = scope::apply(&doc, &scope)?.unwrap_or(doc);
        let mut title = c.title;
        scope::mask_text(&mut title, &scope.redact);
        Ok((title, shared.len(), crate::chats::service::messages_view(&shared)))
    })
    .await?;
    crate::chats::service::render_views(&mut messages).await;
    Ok(SharePreview {
        title,
        total,
        messages,
        shared_by: caller.name.clone(),
    })
}
