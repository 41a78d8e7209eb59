//! Links over time: `share_version`, one row per share or update of a link (its number, title,
//! snapshot JSON and message count; they go with their link), `shared_chat.version` (the
//! number readers see), and `share_reader`, which version each signed-in reader last saw (for
//! "New since you last looked"). Links made before get their snapshot as version 1.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
    Version,
}

#[derive(DeriveIden)]
enum ShareVersion {
    Table,
    ShareId,
    Version,
    Title,
    Chat,
    MessageCount,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ShareReader {
    Table,
    ShareId,
    UserId,
    SeenVersion,
    SeenAt,
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
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .add_column(
                        ColumnDef::new(SharedChat::Version)
                            .big_integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShareVersion::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareVersion::ShareId).uuid().not_null())
                    .col(ColumnDef::new(ShareVersion::Version).big_integer().not_null())
                    .col(ColumnDef::new(ShareVersion::Title).text().not_null())
                    .col(ColumnDef::new(ShareVersion::Chat).text().not_null())
                    .col(ColumnDef::new(ShareVersion::MessageCount).big_integer().null())
                    .col(ColumnDef::new(ShareVersion::CreatedAt).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(ShareVersion::ShareId)
                            .col(ShareVersion::Version),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_version_share")
                            .from(ShareVersion::Table, ShareVersion::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShareReader::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareReader::ShareId).uuid().not_null())
                    .col(ColumnDef::new(ShareReader::UserId).uuid().not_null())
                    .col(ColumnDef::new(ShareReader::SeenVersion).big_integer().not_null())
                    .col(ColumnDef::new(ShareReader::SeenAt).big_integer().not_null())
                    .primary_key(Index::create().col(ShareReader::ShareId).col(ShareReader::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_reader_share")
                            .from(ShareReader::Table, ShareReader::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_reader_user")
                            .from(ShareReader::Table, ShareReader::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Every existing link's snapshot is its version 1 (its message count is worked out when
        // listed).
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO share_version (share_id, version, title, chat, message_count, created_at) \
             SELECT id, 1, title, chat, NULL, updated_at FROM shared_chat",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ShareReader::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ShareVersion::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .drop_column(SharedChat::Version)
                    .to_owned(),
            )
            .await
    }
}
