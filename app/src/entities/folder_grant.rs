//! Who may open a shared folder and its chats (migration 19): one row per (folder, principal,
//! permission), as `share_grant` is for links.
use sea_orm::entity::prelude::*;

/// A row of `folder_grant`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "folder_grant")]
pub struct Model {
    /// The grant's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The folder.
    pub folder_id: Uuid,
    /// `user` or `group`.
    pub principal_type: String,
    /// A user's or group's id, or `*` (every approved member).
    pub principal_id: String,
    /// `read` or `write`.
    pub permission: String,
    /// When it was granted, epoch seconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
