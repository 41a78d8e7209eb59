//! One tag of a community chat (migration 13).
use sea_orm::entity::prelude::*;

/// A row of `community_tag`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_tag")]
pub struct Model {
    /// The community chat.
    #[sea_orm(primary_key, auto_increment = false)]
    pub chat_id: Uuid,
    /// The tag, lower case.
    #[sea_orm(primary_key, auto_increment = false)]
    pub tag: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
