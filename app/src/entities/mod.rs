//! sea-orm entities: the database rows. Server-only, and never sent to a client as they are:
//! each feature maps them to its own wire types.

pub mod api_key;
pub mod audit_log;
pub mod auth_attempt;
pub mod chat;
pub mod chat_cursor;
pub mod community_chat;
pub mod community_tag;
pub mod community_view;
pub mod connection;
pub mod folder;
pub mod folder_grant;
pub mod folder_read;
pub mod local;
pub mod oidc_login;
pub mod session;
pub mod setting;
pub mod share_card;
pub mod share_chunk;
pub mod share_grant;
pub mod share_reader;
pub mod share_request;
pub mod share_version;
pub mod share_view;
pub mod shared_chat;
pub mod shared_render;
pub mod user;
pub mod user_group;
pub mod user_group_member;
pub mod user_identity;
pub mod user_profile;

/// Now, in epoch seconds (how every time is stored).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Takes the write lock named `name` inside `txn`, before the transaction reads anything: it
/// upserts a `setting` row, so SQLite takes its write lock at once (a read first would have to
/// upgrade its lock, which fails with "database is locked" when another writer committed
/// meanwhile) and PostgreSQL holds that row's lock until commit. Transactions that check a rule
/// across rows (the last administrator, the settings merge) take it, so they run one at a time
/// on every backend and every process, and each sees what the one before it committed.
pub async fn lock_for_write(txn: &impl sea_orm::ConnectionTrait, name: &str) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    setting::Entity::insert(setting::ActiveModel {
        key: Set(format!("lock:{name}")),
        value: Set(now().to_string()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_column(setting::Column::Value)
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// A write transaction from [`begin_write`]: the transaction (`&*txn` where a connection is
/// wanted) and, on SQLite, this process's turn to write, held until it commits or is dropped.
pub struct WriteTxn {
    txn: sea_orm::DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTxn {
    type Target = sea_orm::DatabaseTransaction;
    fn deref(&self) -> &Self::Target {
        &self.txn
    }
}

impl WriteTxn {
    /// Commits, then gives the turn to the next writer.
    pub async fn commit(self) -> Result<(), sea_orm::DbErr> {
        self.txn.commit().await
    }
}

/// Begins a transaction that writes. SQLite has one writer at a time, and a transaction that
/// finds the write lock taken does not queue: it sleeps in SQLite's busy handler (1 ms, then
/// 2, 5, 10 …) and tries again, which at four concurrent share updates cost more than the
/// updates themselves. So on SQLite this process's writers take turns here first (an async
/// queue that hands over the moment the previous one commits); writers in other processes still
/// meet in SQLite's lock and its busy timeout. PostgreSQL locks rows, and is not gated. A
/// transaction begun here must not begin another one inside it.
pub async fn begin_write(db: &sea_orm::DatabaseConnection) -> Result<WriteTxn, sea_orm::DbErr> {
    use sea_orm::TransactionTrait;
    let turn = write_turn(db).await;
    Ok(WriteTxn {
        txn: db.begin().await?,
        _turn: turn,
    })
}

/// This process's turn to write to SQLite, held until dropped (`None`: PostgreSQL, which is not
/// gated).
async fn write_turn(db: &sea_orm::DatabaseConnection) -> Option<tokio::sync::OwnedMutexGuard<()>> {
    use sea_orm::ConnectionTrait;
    static SQLITE_WRITER: std::sync::LazyLock<std::sync::Arc<tokio::sync::Mutex<()>>> =
        std::sync::LazyLock::new(Default::default);
    match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => Some(SQLITE_WRITER.clone().lock_owned().await),
        _ => None,
    }
}

/// Highest page number a listing accepts (60 or 30 rows a page: far beyond any real list).
pub const MAX_PAGE: u64 = 1_000_000;

/// The row offset of page `page` (from 1; 0 counts as 1) of `page_size` rows; 422 past
/// [`MAX_PAGE`], so no page number can overflow the database's integers.
pub fn page_offset(page: u64, page_size: u64) -> Result<u64, crate::error::AppError> {
    if page > MAX_PAGE {
        return Err(crate::error::AppError::Unprocessable(format!(
            "The page must be a number from 1 to {MAX_PAGE}."
        )));
    }
    Ok(page.max(1).saturating_sub(1).saturating_mul(page_size))
}

/// `lower(column) LIKE '%fragment%' ESCAPE '\'`: the rows whose `column` contains `fragment`,
/// ignoring case. `%`, `_` and `\` in the fragment are escaped, so they match themselves (a
/// search for "50%" finds "50% off", not every title).
pub fn contains_ignoring_case(
    column: impl sea_orm::sea_query::IntoColumnRef,
    fragment: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, Func, LikeExpr};
    let mut pattern = String::from("%");
    for c in fragment.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}

#[cfg(test)]
mod tests {
    /// sea-orm's `exec_with_returning` on an update is `unimplemented!()` on a backend it thinks
    /// has no `RETURNING`: the workspace's `sqlite-use-returning-for-3_35` feature is what makes
    /// sharing's update of the chat row safe on SQLite.
    #[test]
    fn both_backends_answer_writes_with_returning() {
        assert!(sea_orm::DbBackend::Sqlite.support_returning());
        assert!(sea_orm::DbBackend::Postgres.support_returning());
    }
}
