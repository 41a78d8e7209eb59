//! Which version of a link a signed-in reader last saw (migration 12).
use sea_orm::entity::prelude::*;

/// A row of `share_reader`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_reader")]
pub struct Model {
    /// The link.
    #[sea_orm(primary_key, auto_increment = false)]
    pub share_id: Uuid,
    /// The reader.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// The version they last saw.
    pub seen_version: i64,
    /// When, epoch seconds.
    pub seen_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
