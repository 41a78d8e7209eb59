//! A chat, in Open WebUI's shape. `chat` and `meta` are JSON kept as text, so they pass through
//! without being parsed where nothing needs to look inside.
use sea_orm::entity::prelude::*;

/// A row of `chat`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub title: String,
    pub chat: String,
    pub created_at: i64,
    pub updated_at: i64,
    #[sea_orm(unique)]
    pub share_id: Option<Uuid>,
    pub archived: bool,
    pub pinned: bool,
    pub meta: String,
    /// The folder it sits in (a `folder.id`, as text: Open WebUI's column).
    pub folder_id: Option<String>,
    /// Kept out of its shared folder's reach: the folder's grantees do not see it.
    pub folder_private: bool,
    /// How many times `chat` has been written: every write of it names the version it read
    /// (see `chats::service::save`), so concurrent writers never lose each other's changes.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
