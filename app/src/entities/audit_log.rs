//! One sharing action on the instance (the audit log; see migration 10).
use sea_orm::entity::prelude::*;

/// A row of `audit_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// The row's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `share.create`, `share.update`, `share.delete`, `share.expire`, `share.access`,
    /// `share.view` or `share.admin_revoke`.
    pub action: String,
    /// Who did it (none for the server's own clean-up and for visitors).
    pub actor_id: Option<Uuid>,
    /// The chat.
    pub chat_id: Option<Uuid>,
    /// The link.
    pub share_id: Option<Uuid>,
    /// What changed, in words (a view row: how many reads it stands for).
    pub detail: Option<String>,
    /// When, epoch seconds.
    pub at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
