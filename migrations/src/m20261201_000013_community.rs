//! The in-house community (`/community`): `community_chat`, a chat someone published to this
//! instance (from here or from another instance's "Share to Community"), with its access level
//! (`private`, `public`, `public_full_history`), uploader, views and moderation flag;
//! `community_tag`, its tags (one row each, for filtering and the tag list); and the search
//! index over its title, tags and `search_text` (the message text visitors may read): an FTS5
//! table kept in step by triggers on SQLite, a generated `tsvector` column with a GIN index on
//! PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CommunityChat {
    Table,
    Id,
    UserId,
    Title,
    Chat,
    Models,
    Access,
    Tags,
    Source,
    Views,
    Hidden,
    SearchText,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommunityTag {
    Table,
    ChatId,
    Tag,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommunityChat::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(CommunityChat::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(CommunityChat::UserId).uuid().not_null())
                    .col(ColumnDef::new(CommunityChat::Title).text().not_null())
                    .col(ColumnDef::new(CommunityChat::Chat).text().not_null())
                    .col(ColumnDef::new(CommunityChat::Models).text().not_null())
                    .col(ColumnDef::new(CommunityChat::Access).string_len(32).not_null())
                    .col(ColumnDef::new(CommunityChat::Tags).text().not_null())
                    .col(ColumnDef::new(CommunityChat::Source).text().null())
                    .col(
                        ColumnDef::new(CommunityChat::Views)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(CommunityChat::Hidden)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(CommunityChat::SearchText).text().not_null())
                    .col(ColumnDef::new(CommunityChat::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(CommunityChat::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_community_chat_user")
                            .from(CommunityChat::Table, CommunityChat::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_community_chat_listing")
                    .table(CommunityChat::Table)
                    .col(CommunityChat::Access)
                    .col(CommunityChat::Hidden)
                    .col(CommunityChat::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_community_chat_user")
                    .table(CommunityChat::Table)
                    .col(CommunityChat::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommunityTag::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(CommunityTag::ChatId).uuid().not_null())
                    .col(ColumnDef::new(CommunityTag::Tag).string_len(64).not_null())
                    .primary_key(Index::create().col(CommunityTag::ChatId).col(CommunityTag::Tag))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_community_tag_chat")
                            .from(CommunityTag::Table, CommunityTag::ChatId)
                            .to(CommunityChat::Table, CommunityChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_community_tag_tag")
                    .table(CommunityTag::Table)
                    .col(CommunityTag::Tag)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                // The index holds its own copy of the text; the triggers keep it in step with
                // every insert, update and delete (a user's deletion cascades here too).
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE community_search USING fts5(\
                     chat_id UNINDEXED, title, tags, body, tokenize = 'porter unicode61 remove_diacritics 2')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER community_search_insert AFTER INSERT ON community_chat BEGIN \
                     INSERT INTO community_search (chat_id, title, tags, body) \
                     VALUES (new.id, new.title, new.tags, new.search_text); END",
                )
                .await?;
                // Not on every update: a read's `views + 1` leaves the index alone.
                db.execute_unprepared(
                    "CREATE TRIGGER community_search_update AFTER UPDATE OF title, tags, search_text ON community_chat BEGIN \
                     DELETE FROM community_search WHERE chat_id = old.id; \
                     INSERT INTO community_search (chat_id, title, tags, body) \
                     VALUES (new.id, new.title, new.tags, new.search_text); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER community_search_delete AFTER DELETE ON community_chat BEGIN \
                     DELETE FROM community_search WHERE chat_id = old.id; END",
                )
                .await?;
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE community_chat ADD COLUMN search tsvector \
                     GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || tags || ' ' || search_text)) STORED",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_community_chat_search ON community_chat USING GIN (search)",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            for sql in [
                "DROP TRIGGER IF EXISTS community_search_insert",
                "DROP TRIGGER IF EXISTS community_search_update",
                "DROP TRIGGER IF EXISTS community_search_delete",
                "DROP TABLE IF EXISTS community_search",
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        manager
            .drop_table(Table::drop().table(CommunityTag::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CommunityChat::Table).to_owned())
            .await
    }
}
