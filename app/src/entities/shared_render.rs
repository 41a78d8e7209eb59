//! The rendered HTML of a share snapshot's messages (a cache, see the migration).
use sea_orm::entity::prelude::*;

/// A row of `shared_render`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shared_render")]
pub struct Model {
    /// The snapshot (`shared_chat.id`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub share_id: Uuid,
    /// SHA-256 (hex) of the snapshot's chat JSON this was rendered from.
    pub source: String,
    /// JSON object: message id → sanitised HTML.
    pub html: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
