//! A share snapshot: the chat's title and JSON as they were when shared (or last updated).
use sea_orm::entity::prelude::*;

/// A row of `shared_chat`; `id` is the share id in the link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shared_chat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub chat_id: Uuid,
    pub user_id: Uuid,
    pub title: String,
    pub chat: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// The link's password (argon2id), if it has one.
    pub password_hash: Option<String>,
    /// `"continue"` for a live link (readers see the chat as it is now; write grantees may
    /// continue it); null for a snapshot.
    pub share_mode: Option<String>,
    /// When the link stops opening (410), epoch seconds; null: never.
    pub expires_at: Option<i64>,
    /// Reads by anyone but the owner.
    pub view_count: i64,
    /// The last such read, epoch seconds.
    pub last_viewed_at: Option<i64>,
    /// What the link shares ([`crate::share::scope::Scope`] as JSON); null on links made
    /// before scopes existed (read as the default scope).
    pub scope: Option<String>,
    /// The number of the version readers see ([`super::share_version`]).
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Who shared it.
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

impl Model {
    /// Whether the link has expired at time `t` (seconds): its `expires_at` is at or before it.
    pub fn expired_at(&self, t: i64) -> bool {
        self.expires_at.is_some_and(|at| at <= t)
    }
}

/// Link `id` with its owner (`None` inside: the account is gone), in one query; `None`: no such
/// link.
pub async fn with_owner(
    db: &impl sea_orm::ConnectionTrait,
    id: Uuid,
) -> Result<Option<(Model, Option<super::user::Model>)>, DbErr> {
    Entity::find_by_id(id)
        .find_also_related(super::user::Entity)
        .one(db)
        .await
}
