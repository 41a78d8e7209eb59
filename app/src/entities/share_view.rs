//! One read of a share link by someone other than its owner (the access log; see migration 10).
use sea_orm::entity::prelude::*;

/// A row of `share_view`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_view")]
pub struct Model {
    /// The row's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The link (`shared_chat.id`).
    pub share_id: Uuid,
    /// The reader's account, when signed in.
    pub user_id: Option<Uuid>,
    /// Who read it, for counting distinct viewers: `user:{id}`, or `visitor:{hash}` (a salted
    /// hash of the visitor's address, its salt rotated daily).
    pub visitor: String,
    /// When, epoch seconds.
    pub viewed_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The reader.
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
