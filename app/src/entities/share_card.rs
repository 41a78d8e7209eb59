//! A share link's preview card, drawn once per version (a cache, see the migration).
use sea_orm::entity::prelude::*;

/// A row of `share_card`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_card")]
pub struct Model {
    /// The link (`shared_chat.id`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub share_id: Uuid,
    /// SHA-256 (hex) of what the card shows.
    pub source: String,
    /// The card, a 1200×630 PNG.
    pub png: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
