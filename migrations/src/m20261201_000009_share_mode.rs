//! Live links: `shared_chat.share_mode`, `"continue"` when the link shows the chat as it is now
//! (and its write grantees may continue it), null for a snapshot (Open WebUI 0.12's name).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    ShareMode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .add_column(ColumnDef::new(SharedChat::ShareMode).string_len(16).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .drop_column(SharedChat::ShareMode)
                    .to_owned(),
            )
            .await
    }
}
