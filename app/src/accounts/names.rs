//! How members are named to others: display names, one or many at once.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::user;
use crate::error::AppResult;

/// How a shared chat names an owner whose account is gone.
pub const FORMER_MEMBER: &str = "a former member";

/// The display name of account `id`, or [`FORMER_MEMBER`] when it is gone (how shared chats
/// name their owner).
pub async fn display_name(db: &DatabaseConnection, id: Uuid) -> AppResult<String> {
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map_or_else(|| FORMER_MEMBER.to_owned(), |u| u.name))
}

/// The display names of accounts `ids` in one query (accounts that are gone are missing: name
/// them [`FORMER_MEMBER`]).
pub async fn display_names(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = Uuid>,
) -> AppResult<std::collections::HashMap<Uuid, String>> {
    use sea_orm::QuerySelect;
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    let found: Vec<(Uuid, String)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::Name])
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().collect())
}
