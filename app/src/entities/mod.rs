//! sea-orm entities: the database rows. Server-only, and never sent to a client as they are:
//! each feature maps them to its own wire types.

pub mod api_key;
pub mod audit_log;
pub mod auth_attempt;
pub mod chat;
pub mod community_chat;
pub mod community_tag;
pub mod connection;
pub mod session;
pub mod setting;
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
