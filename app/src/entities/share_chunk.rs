//! A piece of a link's versions: consecutive messages of its snapshots, stored once per link by
//! their hash (migration 20, [`migrations::version_chunks`]).
use sea_orm::entity::prelude::*;

/// A row of `share_chunk`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "share_chunk")]
pub struct Model {
    /// The link (`shared_chat.id`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub share_id: Uuid,
    /// The start of the text's SHA-256, in base64url.
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    /// The messages' JSON, comma-separated.
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
