//! Links over time: every share and update of a link keeps its snapshot as a numbered version
//! (`share_version`); readers always get the current one; the link's owner (and admins) list,
//! open, restore and delete the others. Versions go with their link (foreign key, cascade), so
//! also with the chat and the owner. A link keeps its newest [`MAX_VERSIONS`], and no more than
//! [`MAX_VERSION_BYTES`] of them.
//!
//! And, per signed-in reader per link, the version they last saw (`share_reader`): a reader who
//! comes back after an update is shown where the new messages start.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use uuid::Uuid;

use super::ShareVersionInfo;
use crate::accounts::service::Role;
use crate::chats::doc::ChatDoc;
use crate::entities::{now, share_chunk, share_reader, share_version, shared_chat, user};
use crate::error::{AppError, AppResult};
use migrations::version_chunks;

/// The most versions a link keeps (the oldest go first).
pub const MAX_VERSIONS: i64 = 100;

/// The most characters a link's versions keep together, each chunk counted once (the oldest go
/// first, the current one always stays). Versions are stored by content, so 100 updates that
/// each add a message to a 10,000-message chat (3.9 MB) take far less than this; 100 versions of
/// unrelated 1 MB chats would not.
pub const MAX_VERSION_BYTES: i64 = 50 * 1024 * 1024;

/// Snapshots smaller than this cannot reach [`MAX_VERSION_BYTES`] within [`MAX_VERSIONS`], so
/// their updates skip the size check.
const SIZE_CHECK_FROM: usize = (MAX_VERSION_BYTES / MAX_VERSIONS) as usize;

/// Stores version `version` of link `share_id` (in the share's transaction) by content: its
/// skeleton and references in `share_version`, and of its chunks only those the link does not
/// hold yet ([`migrations::version_chunks`]). Then drops versions older than the newest
/// [`MAX_VERSIONS`] (or past [`MAX_VERSION_BYTES`]) and the chunks only they used.
pub(super) async fn keep(
    txn: &impl ConnectionTrait,
    share_id: Uuid,
    version: i64,
    title: String,
    chat: String,
    message_count: usize,
    at: i64,
) -> AppResult<()> {
    let large = chat.len() >= SIZE_CHECK_FROM;
    let (chat, refs, chunks) = match version_chunks::split(&chat) {
        Some(s) => (s.skeleton, Some(s.refs), s.chunks),
        None => (chat, None, Vec::new()),
    };
    let row = share_version::ActiveModel {
        share_id: Set(share_id),
        version: Set(version),
        title: Set(title),
        chat: Set(chat),
        chunks: Set(refs),
        message_count: Set(i64::try_from(message_count).ok()),
        created_at: Set(at),
    };
    // The link's version number moves only when its snapshot changed, so an existing row of
    // this number already holds this very snapshot (an unchanged update, or a retried
    // statement): nothing to write, chunks included.
    let written = share_version::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([share_version::Column::ShareId, share_version::Column::Version])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if written == 0 {
        return Ok(());
    }
    store_chunks(txn, share_id, chunks).await?;
    prune(txn, share_id, version, large).await
}

/// Chunk lookups and writes per statement.
const CHUNKS_PER_STATEMENT: usize = 200;

/// Writes those of `chunks` that link `share_id` does not hold yet.
async fn store_chunks(
    txn: &impl ConnectionTrait,
    share_id: Uuid,
    mut chunks: Vec<(String, String)>,
) -> AppResult<()> {
    if chunks.len() > 16 {
        // A long chat: most chunks are the last version's, so ask first (binding them all
        // would copy the whole snapshot into the statement again).
        let hashes: Vec<&str> = chunks.iter().map(|(h, _)| h.as_str()).collect();
        let mut held = HashSet::new();
        for batch in hashes.chunks(CHUNKS_PER_STATEMENT) {
            let found: Vec<String> = share_chunk::Entity::find()
                .select_only()
                .column(share_chunk::Column::Hash)
                .filter(share_chunk::Column::ShareId.eq(share_id))
                .filter(share_chunk::Column::Hash.is_in(batch.iter().copied()))
                .into_tuple()
                .all(txn)
                .await?;
            held.extend(found);
        }
        chunks.retain(|(h, _)| !held.contains(h));
    }
    let mut rows = chunks.into_iter().map(|(hash, body)| share_chunk::ActiveModel {
        share_id: Set(share_id),
        hash: Set(hash),
        body: Set(body),
    });
    loop {
        let batch: Vec<_> = rows.by_ref().take(CHUNKS_PER_STATEMENT).collect();
        if batch.is_empty() {
            return Ok(());
        }
        share_chunk::Entity::insert_many(batch)
            .on_conflict(
                OnConflict::columns([share_chunk::Column::ShareId, share_chunk::Column::Hash])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
}

/// Drops link `share_id`'s versions older than the newest [`MAX_VERSIONS`] and, when `large`,
/// the oldest ones past [`MAX_VERSION_BYTES`] (counting each chunk once; version `current`
/// always stays), then the chunks no version uses any more.
async fn prune(txn: &impl ConnectionTrait, share_id: Uuid, current: i64, large: bool) -> AppResult<()> {
    let mut oldest_kept = current - MAX_VERSIONS + 1;
    if large {
        let versions: Vec<(i64, i64, Option<String>)> = share_version::Entity::find()
            .select_only()
            .column(share_version::Column::Version)
            .expr(Expr::cust("CAST(LENGTH(chat) AS BIGINT)"))
            .column(share_version::Column::Chunks)
            .filter(share_version::Column::ShareId.eq(share_id))
            .order_by_desc(share_version::Column::Version)
            .into_tuple()
            .all(txn)
            .await?;
        let sizes: HashMap<String, i64> = share_chunk::Entity::find()
            .select_only()
            .column(share_chunk::Column::Hash)
            .expr(Expr::cust("CAST(LENGTH(body) AS BIGINT)"))
            .filter(share_chunk::Column::ShareId.eq(share_id))
            .into_tuple::<(String, i64)>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        let (mut total, mut counted) = (0i64, HashSet::new());
        for (n, bytes, refs) in &versions {
            total += bytes;
            for h in version_chunks::hashes(refs.as_deref().unwrap_or("")) {
                if counted.insert(h) {
                    total += sizes.get(h).copied().unwrap_or(0);
                }
            }
            if total > MAX_VERSION_BYTES && *n != current {
                oldest_kept = oldest_kept.max(n + 1);
                break;
            }
        }
    }
    if oldest_kept > 1 {
        let gone = share_version::Entity::delete_many()
            .filter(share_version::Column::ShareId.eq(share_id))
            .filter(share_version::Column::Version.lt(oldest_kept))
            .exec(txn)
            .await?;
        if gone.rows_affected > 0 {
            drop_unused_chunks(txn, share_id).await?;
        }
    }
    Ok(())
}

/// Deletes link `share_id`'s chunks that none of its versions names.
async fn drop_unused_chunks(txn: &impl ConnectionTrait, share_id: Uuid) -> AppResult<()> {
    let refs: Vec<Option<String>> = share_version::Entity::find()
        .select_only()
        .column(share_version::Column::Chunks)
        .filter(share_version::Column::ShareId.eq(share_id))
        .into_tuple()
        .all(txn)
        .await?;
    let used: HashSet<&str> = refs
        .iter()
        .flat_map(|r| version_chunks::hashes(r.as_deref().unwrap_or("")))
        .collect();
    let stored: Vec<String> = share_chunk::Entity::find()
        .select_only()
        .column(share_chunk::Column::Hash)
        .filter(share_chunk::Column::ShareId.eq(share_id))
        .into_tuple()
        .all(txn)
        .await?;
    let unused: Vec<&String> = stored.iter().filter(|h| !used.contains(h.as_str())).collect();
    for batch in unused.chunks(CHUNKS_PER_STATEMENT) {
        share_chunk::Entity::delete_many()
            .filter(share_chunk::Column::ShareId.eq(share_id))
            .filter(share_chunk::Column::Hash.is_in(batch.iter().map(|h| h.as_str())))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Version `v` with its whole snapshot JSON in `chat` (joined from its chunks when it is stored
/// by content).
async fn whole(db: &impl ConnectionTrait, mut v: share_version::Model) -> AppResult<share_version::Model> {
    let Some(refs) = v.chunks.take().filter(|r| !r.is_empty()) else {
        return Ok(v);
    };
    let wanted: Vec<&str> = version_chunks::hashes(&refs)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut bodies = HashMap::new();
    for batch in wanted.chunks(CHUNKS_PER_STATEMENT) {
        let rows = share_chunk::Entity::find()
            .filter(share_chunk::Column::ShareId.eq(v.share_id))
            .filter(share_chunk::Column::Hash.is_in(batch.iter().copied()))
            .all(db)
            .await?;
        bodies.extend(rows.into_iter().map(|c| (c.hash, c.body)));
    }
    v.chat =
        version_chunks::join(&v.chat, &refs, |h| bodies.get(h).map(String::as_str)).ok_or_else(|| {
            tracing::error!(share = %v.share_id, version = v.version, "a version lacks a chunk");
            AppError::Internal
        })?;
    Ok(v)
}

/// Link `share_id` if the caller owns it or is an admin: 404 when there is no such link, 403
/// for anyone else.
pub async fn owned_link(
    db: &impl ConnectionTrait,
    caller: &user::Model,
    share_id: Uuid,
) -> AppResult<shared_chat::Model> {
    let row = super::service::listed_links()
        .filter(shared_chat::Column::Id.eq(share_id))
        .into_model::<shared_chat::Model>()
        .one(db)
        .await?
        .ok_or_else(super::service::link_not_found)?;
    if row.user_id != caller.id && caller.role != Role::Admin {
        return Err(AppError::Forbidden(
            "Only the link's owner can see its versions.".to_owned(),
        ));
    }
    Ok(row)
}

fn no_version(n: i64) -> AppError {
    AppError::NotFound(format!("This link has no version {n}."))
}

/// The link's versions, newest first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &user::Model,
    share_id: Uuid,
) -> AppResult<Vec<ShareVersionInfo>> {
    let link = owned_link(db, caller, share_id).await?;
    let rows = share_version::Entity::find()
        .filter(share_version::Column::ShareId.eq(link.id))
        .order_by_desc(share_version::Column::Version)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|v| ShareVersionInfo {
            version: v.version,
            created_at: v.created_at,
            message_count: message_count(&v),
            title: v.title,
            current: v.version == link.version,
        })
        .collect())
}

/// Version `n` of the link, with the link (owner or admin).
pub async fn read(
    db: &DatabaseConnection,
    caller: &user::Model,
    share_id: Uuid,
    n: i64,
) -> AppResult<(shared_chat::Model, share_version::Model)> {
    let link = owned_link(db, caller, share_id).await?;
    let v = share_version::Entity::find_by_id((link.id, n))
        .one(db)
        .await?
        .ok_or_else(|| no_version(n))?;
    Ok((link, whole(db, v).await?))
}

/// Version `n` of the link as a snapshot its owner (or an admin) reads, and the number readers
/// see now.
pub async fn open(
    db: &DatabaseConnection,
    caller: &user::Model,
    share_id: Uuid,
    n: i64,
) -> AppResult<(super::service::Snapshot, i64)> {
    let (mut row, v) = read(db, caller, share_id, n).await?;
    let current = row.version;
    row.chat = v.chat;
    row.title = v.title;
    row.updated_at = v.created_at;
    let owner_name = Some(crate::accounts::service::display_name(db, row.user_id).await?);
    let snap = super::service::Snapshot {
        row,
        owner_name,
        stored_chat: None,
        viewer_is_owner: true,
        live: false,
        may_continue: false,
    };
    Ok((snap, current))
}

/// How many messages version `v` holds (counted from its JSON for versions made before the
/// count was kept, which are whole: migration 20 counted those it cut).
fn message_count(v: &share_version::Model) -> i64 {
    v.message_count.unwrap_or_else(|| {
        let whole = v.chunks.as_deref().is_none_or(str::is_empty);
        ChatDoc::from_stored(&v.chat).map_or(0, |d| if whole { d.len() as i64 } else { 0 })
    })
}

/// Makes version `n` what readers get, as a new version (the versions between stay). A live
/// link shows the chat itself, so it has nothing to restore: 409.
pub async fn restore(
    db: &DatabaseConnection,
    caller: &user::Model,
    share_id: Uuid,
    n: i64,
) -> AppResult<i64> {
    let (link, v) = read(db, caller, share_id, n).await?;
    if link.share_mode.as_deref() == Some(super::LIVE) {
        return Err(AppError::Conflict(
            "A live link shows the chat as it is now: make it a snapshot to restore a version.".to_owned(),
        ));
    }
    let t = now();
    let txn = db.begin().await?;
    // The bump comes first, so SQLite takes its write lock at once.
    let bumped = shared_chat::Entity::update_many()
        .col_expr(shared_chat::Column::Title, Expr::value(v.title.clone()))
        .col_expr(shared_chat::Column::Chat, Expr::value(v.chat.clone()))
        .col_expr(shared_chat::Column::UpdatedAt, Expr::value(t))
        .col_expr(
            shared_chat::Column::Version,
            Expr::col(shared_chat::Column::Version).add(1),
        )
        .filter(shared_chat::Column::Id.eq(link.id))
        .exec(&txn)
        .await?;
    if bumped.rows_affected == 0 {
        return Err(super::service::link_not_found());
    }
    let version: i64 = shared_chat::Entity::find_by_id(link.id)
        .select_only()
        .column(shared_chat::Column::Version)
        .into_tuple()
        .one(&txn)
        .await?
        .ok_or_else(super::service::link_not_found)?;
    let count = message_count(&v);
    keep(
        &txn,
        link.id,
        version,
        v.title,
        v.chat,
        usize::try_from(count).unwrap_or(0),
        t,
    )
    .await?;
    super::audit::record(
        &txn,
        super::audit::UPDATE,
        Some(caller.id),
        Some(link.chat_id),
        Some(link.id),
        Some(format!("restored version {n} as version {version}")),
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}

/// Deletes version `n` (not the one readers see: 409).
pub async fn delete(db: &DatabaseConnection, caller: &user::Model, share_id: Uuid, n: i64) -> AppResult<()> {
    let link = owned_link(db, caller, share_id).await?;
    if n == link.version {
        return Err(AppError::Conflict(
            "Readers see this version: restore another one first, or delete the link.".to_owned(),
        ));
    }
    let gone = share_version::Entity::delete_many()
        .filter(share_version::Column::ShareId.eq(link.id))
        .filter(share_version::Column::Version.eq(n))
        .exec(db)
        .await?;
    if gone.rows_affected == 0 {
        return Err(no_version(n));
    }
    drop_unused_chunks(db, link.id).await
}

/// Notes that `reader` (not the owner) opened `link`, whose shown messages are `shown` (ids,
/// in order), and answers the first message that is new since the version they saw before
/// (`None` on a first visit, when nothing is new, or when that version is gone). Written only
/// when the version they saw changes, so rereading costs one lookup.
pub async fn seen(
    db: &DatabaseConnection,
    reader: Uuid,
    link: &shared_chat::Model,
    shown: &[String],
) -> AppResult<Option<String>> {
    let before = share_reader::Entity::find_by_id((link.id, reader))
        .one(db)
        .await?;
    // A live link changes without new versions: each visit is noted ("Shared with me" marks
    // what changed since).
    let live = link.share_mode.as_deref() == Some(super::LIVE);
    if !live && before.as_ref().is_some_and(|b| b.seen_version == link.version) {
        return Ok(None);
    }
    let row = share_reader::ActiveModel {
        share_id: Set(link.id),
        user_id: Set(reader),
        seen_version: Set(link.version),
        seen_at: Set(now()),
    };
    let written = share_reader::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([share_reader::Column::ShareId, share_reader::Column::UserId])
                .update_columns([share_reader::Column::SeenVersion, share_reader::Column::SeenAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await;
    if let Err(e) = written {
        // The link went meanwhile, or the reader: nothing to remember.
        tracing::debug!(error = %e, "could not note a reader's version");
    }
    let Some(before) = before.filter(|b| b.seen_version < link.version) else {
        return Ok(None);
    };
    let Some(old) = share_version::Entity::find()
        .filter(share_version::Column::ShareId.eq(link.id))
        .filter(share_version::Column::Version.lte(before.seen_version))
        .order_by_desc(share_version::Column::Version)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let old = ChatDoc::from_stored(&whole(db, old).await?.chat)?;
    let known: HashSet<&str> = old
        .history
        .iter()
        .flat_map(|h| h.messages.keys())
        .map(String::as_str)
        .collect();
    Ok(shown.iter().find(|id| !known.contains(id.as_str())).cloned())
}
