//! An account.
use sea_orm::entity::prelude::*;

/// A row of `user`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Lower-cased and trimmed; unique.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// What the account may do.
    pub role: crate::role::Role,
    pub profile_image_url: String,
    /// Per-user override of the `chat.share` permission; `None` follows the default.
    pub can_share: Option<bool>,
    pub created_at: i64,
    pub last_active_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
