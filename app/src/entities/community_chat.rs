//! A chat published to this instance's community (migration 13).
use sea_orm::entity::prelude::*;

/// A row of `community_chat`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_chat")]
pub struct Model {
    /// The id in `/community/c/{id}`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Who published it (a member of this instance).
    pub user_id: Uuid,
    /// Its title.
    pub title: String,
    /// The whole chat document as uploaded ([`crate::chats::doc::ChatDoc`] JSON).
    pub chat: String,
    /// The models it names, a JSON array of strings.
    pub models: String,
    /// `private`, `public` or `public_full_history`.
    pub access: String,
    /// Its tags, a JSON array of strings (also rows of `community_tag`).
    pub tags: String,
    /// The origin of the instance that sent it, when it came from another tab.
    pub source: Option<String>,
    /// Reads by anyone but the uploader.
    pub views: i64,
    /// Hidden by an administrator: only the uploader and admins see it.
    pub hidden: bool,
    /// The message text visitors may read, for search (empty when private); the title and tags
    /// are indexed beside it.
    pub search_text: String,
    /// Published, epoch seconds.
    pub created_at: i64,
    /// Last changed, epoch seconds.
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
