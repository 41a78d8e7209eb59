//! A group of members (see the migration).
use sea_orm::entity::prelude::*;

/// A row of `user_group`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_group")]
pub struct Model {
    /// The group's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Created, epoch seconds.
    pub created_at: i64,
    /// Last changed, epoch seconds.
    pub updated_at: i64,
    /// What it lets its members do beyond the instance's defaults, as JSON
    /// (`groups::GroupPermissions`; migration 19).
    pub permissions: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
