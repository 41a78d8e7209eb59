//! Reads of a share link by someone other than its owner, one row per reader (or visitor hash)
//! and day (the access log; see migrations 10 and 15).
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
    /// The latest read that day, epoch seconds.
    pub viewed_at: i64,
    /// The day, in days since the epoch (UTC).
    pub day: i64,
    /// How many reads the row stands for.
    pub reads: i64,
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
