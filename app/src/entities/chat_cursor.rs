//! Where a collaborator on someone else's live chat stands (migration 15).
use sea_orm::entity::prelude::*;

/// A row of `chat_cursor`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chat_cursor")]
pub struct Model {
    /// The chat.
    #[sea_orm(primary_key, auto_increment = false)]
    pub chat_id: Uuid,
    /// The collaborator.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// The message they last moved to (their own branch's leaf, or one on the shared branch).
    pub current_id: String,
    /// When, epoch seconds.
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
