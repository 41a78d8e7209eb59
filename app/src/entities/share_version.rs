//! One version of a share link: its snapshot as one share or update made it (migration 12).
use sea_orm::entity::prelude::*;

/// A row of `share_version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_version")]
pub struct Model {
    /// The link (`shared_chat.id`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub share_id: Uuid,
    /// Its number, from 1.
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i64,
    /// The title it had.
    pub title: String,
    /// The snapshot's chat JSON; with `chunks`, its skeleton ([`migrations::version_chunks`]).
    pub chat: String,
    /// Where the link's chunks (`share_chunk`) go in `chat` (`None` or empty: `chat` is whole).
    pub chunks: Option<String>,
    /// How many messages it holds (null for versions made before it was kept).
    pub message_count: Option<i64>,
    /// When it was made, epoch seconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
