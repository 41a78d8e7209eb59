//! Who read a community chat on which day (migration 15): a chat's views count each reader
//! once a day.
use sea_orm::entity::prelude::*;

/// A row of `community_view`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_view")]
pub struct Model {
    /// The community chat.
    #[sea_orm(primary_key, auto_increment = false)]
    pub chat_id: Uuid,
    /// `user:{id}`, or `visitor:{hash}` of the visitor's address (salted, the salt rotated daily).
    #[sea_orm(primary_key, auto_increment = false)]
    pub visitor: String,
    /// The day, in days since the epoch (UTC).
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
