//! When a grantee last marked a shared folder read (migration 19).
use sea_orm::entity::prelude::*;

/// A row of `folder_read`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "folder_read")]
pub struct Model {
    /// The folder.
    #[sea_orm(primary_key, auto_increment = false)]
    pub folder_id: Uuid,
    /// The grantee.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// Epoch seconds: chats changed after it are unread.
    pub read_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
