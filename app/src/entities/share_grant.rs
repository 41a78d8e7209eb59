//! Who may open a share link: one row per (link, principal, permission), Open WebUI's access
//! grants (see the migration for what each column holds).
use sea_orm::entity::prelude::*;

/// A row of `share_grant`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_grant")]
pub struct Model {
    /// The grant's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The link (`shared_chat.id`).
    pub share_id: Uuid,
    /// `user`, `group` or `anyone`.
    pub principal_type: String,
    /// A user's or group's id, or `*`.
    pub principal_id: String,
    /// `read` or `write`.
    pub permission: String,
    /// When it was granted, epoch seconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
