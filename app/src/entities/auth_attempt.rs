//! A failed sign-in, counted per email and per client address to slow guessing down.
use sea_orm::entity::prelude::*;

/// A row of `auth_attempt`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `email:<address>` or `ip:<address>`.
    pub key: String,
    pub at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
