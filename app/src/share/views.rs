//! Who read a link: every read by someone other than its owner is counted (`view_count`,
//! `last_viewed_at`) and logged (`share_view`: the reader's account, or for a visitor without
//! one a salted hash of their address whose salt changes every day, never the address itself).
//!
//! The read path does not write: it hands the read to a [`ViewLog`], which a background task
//! writes out once a second in one transaction (and once more at shutdown), so counting costs a
//! read next to nothing. What a process has not yet written is lost if it is killed (at most a
//! second of counts); the counts themselves are added in the database (`view_count + n`), so
//! several processes count into the same rows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub use super::records::ViewEntry;

use crate::entities::{now, session, share_view, shared_chat, user};
use crate::error::AppResult;

/// Reads held at most before new ones are dropped (with a warning) when the database cannot
/// keep up.
const MAX_PENDING: usize = 100_000;

/// Rows per page of the access log.
pub const PAGE_SIZE: u64 = 50;

/// One read to count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The link.
    pub share_id: Uuid,
    /// The reader's account, when signed in.
    pub user_id: Option<Uuid>,
    /// `user:{id}` or `visitor:{hash}` (see [`visitor_key`]).
    pub visitor: String,
    /// When, epoch seconds.
    pub at: i64,
}

/// Reads not yet written, shared by every request of one process (`None`: counting is off).
#[derive(Debug, Clone)]
pub struct ViewLog(Option<Arc<Mutex<Vec<Read>>>>, Arc<tokio::sync::OnceCell<String>>);

/// This server's view log, from the request's context (the server puts it there).
pub fn view_log() -> AppResult<ViewLog> {
    crate::state::from_context("the view log")
}

impl Default for ViewLog {
    fn default() -> Self {
        ViewLog(Some(Arc::default()), Arc::default())
    }
}

impl ViewLog {
    /// A log that counts nothing (`CHATSHARE_COUNT_VIEWS=false`).
    pub fn off() -> Self {
        ViewLog(None, Arc::default())
    }

    /// Whether reads are counted.
    pub fn counts(&self) -> bool {
        self.0.is_some()
    }

    /// Counts `read` (written by the next [`ViewLog::write_out`]).
    pub fn count(&self, read: Read) {
        let Some(Ok(mut pending)) = self.0.as_ref().map(|p| p.lock()) else {
            return;
        };
        if pending.len() >= MAX_PENDING {
            tracing::warn!("the view log is full; a read goes uncounted");
            return;
        }
        pending.push(read);
    }

    /// Writes the waiting reads: the access log rows, each link's count and last read, and one
    /// `share.view` audit row per link saying how many reads it stands for. One transaction;
    /// on failure the reads are put back to be tried again. How many were written.
    pub async fn write_out(&self, db: &DatabaseConnection) -> AppResult<usize> {
        let Some(log) = &self.0 else {
            return Ok(0);
        };
        let reads = match log.lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => return Ok(0),
        };
        if reads.is_empty() {
            return Ok(0);
        }
        match write(db, &reads).await {
            Ok(()) => Ok(reads.len()),
            Err(e) => {
                if let Ok(mut pending) = log.lock() {
                    let room = MAX_PENDING.saturating_sub(pending.len());
                    pending.extend(reads.into_iter().take(room));
                }
                Err(e)
            }
        }
    }
}

async fn write(db: &DatabaseConnection, reads: &[Read]) -> AppResult<()> {
    // Per link: how many reads and the latest.
    let mut per_link: HashMap<Uuid, (i64, i64)> = HashMap::new();
    for r in reads {
        let e = per_link.entry(r.share_id).or_insert((0, r.at));
        e.0 += 1;
        e.1 = e.1.max(r.at);
    }
    // Reads of links deleted meanwhile are dropped (their rows would break the foreign key).
    let live: Vec<Uuid> = shared_chat::Entity::find()
        .select_only()
        .column(shared_chat::Column::Id)
        .filter(shared_chat::Column::Id.is_in(per_link.keys().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let live: std::collections::HashSet<Uuid> = live.into_iter().collect();
    // One row per link, reader and day: the batch's reads are folded first, then added to
    // the day's row (or make it).
    // (link, reader, day) → (account, reads, latest read).
    type Day<'a> = (Uuid, &'a str, i64);
    let mut per_reader: HashMap<Day<'_>, (Option<Uuid>, i64, i64)> = HashMap::new();
    for r in reads.iter().filter(|r| live.contains(&r.share_id)) {
        let e = per_reader
            .entry((r.share_id, r.visitor.as_str(), r.at.div_euclid(86_400)))
            .or_insert((r.user_id, 0, r.at));
        e.1 += 1;
        e.2 = e.2.max(r.at);
    }
    let rows: Vec<share_view::ActiveModel> = per_reader
        .into_iter()
        .map(
            |((share_id, visitor, day), (user_id, n, last))| share_view::ActiveModel {
                id: Set(Uuid::new_v4()),
                share_id: Set(share_id),
                user_id: Set(user_id),
                visitor: Set(visitor.to_owned()),
                viewed_at: Set(last),
                day: Set(day),
                reads: Set(n),
            },
        )
        .collect();
    let txn = crate::entities::begin_write(db).await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        share_view::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::columns([
                    share_view::Column::ShareId,
                    share_view::Column::Visitor,
                    share_view::Column::Day,
                ])
                .value(
                    share_view::Column::Reads,
                    Expr::col((share_view::Entity, share_view::Column::Reads)).add(Expr::col((
                        sea_orm::sea_query::Alias::new("excluded"),
                        share_view::Column::Reads,
                    ))),
                )
                .update_column(share_view::Column::ViewedAt)
                .to_owned(),
            )
            .exec_without_returning(&*txn)
            .await?;
    }
    for (share_id, (n, last)) in per_link.iter().filter(|(id, _)| live.contains(id)) {
        shared_chat::Entity::update_many()
            .col_expr(
                shared_chat::Column::ViewCount,
                Expr::col(shared_chat::Column::ViewCount).add(*n),
            )
            .col_expr(shared_chat::Column::LastViewedAt, Expr::value(*last))
            .filter(shared_chat::Column::Id.eq(*share_id))
            .exec(&*txn)
            .await?;
        super::audit::record(
            &*txn,
            super::audit::VIEW,
            None,
            None,
            Some(*share_id),
            Some(format!("{n} read{}", if *n == 1 { "" } else { "s" })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The key a reader is counted under: `user:{id}` when signed in, else `visitor:{hash}` of
/// their address with the instance's secret salt and today's date (so the same visitor counts
/// once a day, and the address cannot be read back).
pub async fn visitor_key(
    db: &DatabaseConnection,
    log: &ViewLog,
    user: Option<Uuid>,
    address: &str,
) -> AppResult<String> {
    if let Some(u) = user {
        return Ok(format!("user:{u}"));
    }
    let salt = salt(db, &log.1).await?;
    let day = now().div_euclid(86_400);
    let hash = crate::accounts::service::hash_secret(&format!("{salt}:{day}:{address}"));
    Ok(format!("visitor:{}", hash.chars().take(32).collect::<String>()))
}

/// The instance's secret for visitor hashes: made once, kept in the database (so every process
/// hashes alike), then held in `cache` (the server's view log: not a process-wide static, which
/// several servers in one process, as in the tests, would share across databases).
async fn salt(db: &DatabaseConnection, cache: &tokio::sync::OnceCell<String>) -> AppResult<String> {
    const KEY: &str = "visitor_salt";
    cache
        .get_or_try_init(|| {
            let fresh = crate::accounts::service::hash_secret(&Uuid::new_v4().to_string());
            crate::instance::service::secret(db, KEY, fresh)
        })
        .await
        .cloned()
}

/// The access log of chat `chat_id`'s link, newest first, for its owner (or an admin); pages
/// from 1. A chat without a link has none; another user's chat is a 404.
pub async fn log(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
    page: u64,
) -> AppResult<Vec<ViewEntry>> {
    let c = crate::chats::service::find_visible(db, caller, chat_id).await?;
    let Some(share_id) = c.share_id else {
        return Ok(Vec::new());
    };
    let rows = share_view::Entity::find()
        .filter(share_view::Column::ShareId.eq(share_id))
        .order_by_desc(share_view::Column::ViewedAt)
        .order_by_desc(share_view::Column::Id)
        .find_also_related(user::Entity)
        .offset(crate::entities::page_offset(page, PAGE_SIZE)?)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(v, u)| ViewEntry {
            user_id: v.user_id,
            name: u.map(|u| u.name),
            viewed_at: v.viewed_at,
            reads: v.reads,
        })
        .collect())
}

/// How many distinct readers each of `share_ids` has had (accounts, plus visitors counted once
/// a day).
pub async fn viewers(db: &DatabaseConnection, share_ids: &[Uuid]) -> AppResult<HashMap<Uuid, i64>> {
    if share_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i64)> = share_view::Entity::find()
        .select_only()
        .column(share_view::Column::ShareId)
        .column_as(Expr::col(share_view::Column::Visitor).count_distinct(), "viewers")
        .filter(share_view::Column::ShareId.is_in(share_ids.iter().copied()))
        .group_by(share_view::Column::ShareId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Whoever holds `token` (a session token or an API key; `None`: a visitor) opens link
/// `share_id`: who they are, and the snapshot as [`super::service::view_of`] gives it, the read
/// counted unless the reader owns the link. What both read paths (the JSON API and the page)
/// call, so neither forgets to count. With a session token, the session, its account, the link
/// and the link's owner come in one query: a read is one database round trip, not two, and a
/// session ended on any process is refused at once (nothing is cached).
pub async fn read_as(
    db: &DatabaseConnection,
    defaults: &crate::instance::SettingsDefaults,
    log: &ViewLog,
    token: Option<&str>,
    share_id: Uuid,
    presented: &super::password::Presented,
) -> AppResult<(Option<user::Model>, super::service::Snapshot)> {
    use crate::accounts::service as accounts;
    let Some(hash) = token.and_then(accounts::session_token_hash) else {
        let caller = match token {
            Some(t) => accounts::authenticate(db, defaults, t).await?,
            None => None,
        };
        let snap = super::service::view_with(db, caller.as_ref(), share_id, presented).await?;
        count(db, log, caller.as_ref(), &snap, presented).await?;
        return Ok((caller, snap));
    };
    let (row, owner, session) = link_with_session(db, share_id, &hash)
        .await?
        .ok_or_else(super::service::link_not_found)?;
    let caller = accounts::session_caller(db, session, now()).await?;
    let snap = super::service::view_of(db, caller.as_ref(), row, owner, presented).await?;
    count(db, log, caller.as_ref(), &snap, presented).await?;
    Ok((caller, snap))
}

/// What a link, its owner and the session `token_hash` with its account are (`None`: no such
/// link), in one statement ([`joined`]), read on the request's thread on SQLite
/// ([`crate::entities::local`]).
#[allow(clippy::type_complexity)]
async fn link_with_session(
    db: &DatabaseConnection,
    share_id: Uuid,
    token_hash: &str,
) -> AppResult<
    Option<(
        shared_chat::Model,
        Option<user::Model>,
        Option<(session::Model, Option<user::Model>)>,
    )>,
> {
    use crate::entities::local::{self, Shape};
    use sea_orm::{ConnectionTrait, FromQueryResult};
    static SHAPE: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
    let shape = SHAPE.get_or_init(|| {
        Shape::of::<shared_chat::Entity>("A_")
            .and::<user::Entity>("B_")
            .and::<session::Entity>("C_")
            .and::<user::Entity>("D_")
    });
    let stmt = joined_statement(db.get_database_backend(), share_id, token_hash);
    let Some(r) = local::query_one(db, stmt, shape).await? else {
        return Ok(None);
    };
    let link = shared_chat::Model::from_query_result(&r, "A_")?;
    let owner = user::Model::from_query_result_optional(&r, "B_")?;
    let session = match session::Model::from_query_result_optional(&r, "C_")? {
        Some(s) => Some((s, user::Model::from_query_result_optional(&r, "D_")?)),
        None => None,
    };
    Ok(Some((link, owner, session)))
}

/// The link joined with its owner as `find_also_related` selects them (`A_`, `B_`), and the
/// session `token_hash` and its account left-joined under aliases (`C_`, `D_`).
fn joined(share_id: Uuid, token_hash: &str) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Alias, JoinType};
    use sea_orm::{IdenStatic, Iterable, QueryTrait};
    let (cs, cu) = (Alias::new("caller_session"), Alias::new("caller_user"));
    let mut select = shared_chat::Entity::find_by_id(share_id).find_also_related(user::Entity);
    let q = QueryTrait::query(&mut select);
    q.join_as(
        JoinType::LeftJoin,
        session::Entity,
        cs.clone(),
        Expr::col((cs.clone(), session::Column::TokenHash)).eq(token_hash),
    )
    .join_as(
        JoinType::LeftJoin,
        user::Entity,
        cu.clone(),
        Expr::col((cu.clone(), user::Column::Id)).equals((cs.clone(), session::Column::UserId)),
    );
    for c in session::Column::iter() {
        q.expr_as(
            Expr::col((cs.clone(), c)),
            Alias::new(format!("C_{}", c.as_str())),
        );
    }
    for c in user::Column::iter() {
        q.expr_as(
            c.select_as(Expr::col((cu.clone(), c))),
            Alias::new(format!("D_{}", c.as_str())),
        );
    }
    q.take()
}

/// [`joined`] for `backend`. Its SQL differs only by its two values, so it is built once per
/// process and backend (building it, some fifty aliased columns, was a tenth of a read's own
/// work) and each read binds its values in the order the probe found them.
fn joined_statement(backend: sea_orm::DbBackend, share_id: Uuid, token_hash: &str) -> sea_orm::Statement {
    use sea_orm::Value;
    match joined_sql(backend) {
        Some((sql, hash_first)) => {
            let (hash, id) = (Value::from(token_hash), Value::from(share_id));
            let values = if *hash_first { [hash, id] } else { [id, hash] };
            sea_orm::Statement::from_sql_and_values(backend, sql.clone(), values)
        }
        None => backend.build(&joined(share_id, token_hash)),
    }
}

/// [`joined`]'s SQL on `backend` and whether the token's hash is its first value (`None`, and
/// each read builds its own, for another backend or if the probe's values are not the two
/// expected).
fn joined_sql(backend: sea_orm::DbBackend) -> Option<&'static (String, bool)> {
    use sea_orm::{DbBackend, Value};
    use std::sync::OnceLock;
    static SQLITE: OnceLock<Option<(String, bool)>> = OnceLock::new();
    static POSTGRES: OnceLock<Option<(String, bool)>> = OnceLock::new();
    let slot = match backend {
        DbBackend::Sqlite => &SQLITE,
        DbBackend::Postgres => &POSTGRES,
        _ => return None,
    };
    slot.get_or_init(|| {
        let probe = backend.build(&joined(Uuid::nil(), ""));
        match probe.values.as_ref().map(|v| v.0.as_slice()) {
            Some([Value::String(_), Value::Uuid(_)]) => Some((probe.sql, true)),
            Some([Value::Uuid(_), Value::String(_)]) => Some((probe.sql, false)),
            _ => None,
        }
    })
    .as_ref()
}

/// Counts `snap`'s read by `caller` unless they own the link (or counting is off).
async fn count(
    db: &DatabaseConnection,
    log: &ViewLog,
    caller: Option<&user::Model>,
    snap: &super::service::Snapshot,
    presented: &super::password::Presented,
) -> AppResult<()> {
    if !snap.viewer_is_owner && log.counts() {
        let user_id = caller.map(|u| u.id);
        let visitor = visitor_key(db, log, user_id, &presented.client).await?;
        log.count(Read {
            share_id: snap.row.id,
            user_id,
            visitor,
            at: now(),
        });
    }
    Ok(())
}

pub use super::for_readers::snapshot_object;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_joined_statement_built_once_is_the_one_built_each_time() {
        for backend in [sea_orm::DbBackend::Sqlite, sea_orm::DbBackend::Postgres] {
            assert!(joined_sql(backend).is_some(), "the probe found its two values");
            for (id, hash) in [(Uuid::new_v4(), "a1b2"), (Uuid::new_v4(), "ffff")] {
                let fresh = backend.build(&joined(id, hash));
                let reused = joined_statement(backend, id, hash);
                assert_eq!(reused.sql, fresh.sql);
                assert_eq!(reused.values, fresh.values);
                assert!(fresh.sql.contains("caller_session"), "{}", fresh.sql);
            }
        }
    }
}
