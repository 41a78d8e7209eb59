//! A member's request for access to a share link (see the migration).
use sea_orm::entity::prelude::*;

/// A row of `share_request`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_request")]
pub struct Model {
    /// The request's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The link (`shared_chat.id`).
    pub share_id: Uuid,
    /// Who asks.
    pub user_id: Uuid,
    /// `pending` or `declined` (an approved request becomes a grant and goes).
    pub status: String,
    /// When they asked, epoch seconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Who asks.
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
