//! An account's own settings and uploaded avatar (see the migration).
use sea_orm::entity::prelude::*;

/// A row of `user_profile`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_profile")]
pub struct Model {
    /// The account (`user.id`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// Open WebUI's `user.settings` JSON: `{"ui": {"theme", "models", "system", …}}`.
    pub settings: String,
    /// An uploaded avatar image (PNG, JPEG, WebP or GIF), if any.
    pub avatar: Option<Vec<u8>>,
    /// Its media type.
    pub avatar_type: Option<String>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
