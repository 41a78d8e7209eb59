//! A password on a share link: `shared_chat.password_hash`, an argon2id hash, null when the
//! link has none. Everyone but its owner must give it to open the link.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    PasswordHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .add_column(ColumnDef::new(SharedChat::PasswordHash).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .drop_column(SharedChat::PasswordHash)
                    .to_owned(),
            )
            .await
    }
}
