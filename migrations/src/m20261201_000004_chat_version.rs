//! `chat.version`: how many times the chat's JSON has been written. Every change to the JSON is
//! `UPDATE … WHERE id = ? AND version = ?` and re-applied to a fresh read when another writer
//! got there first (optimistic concurrency), so two tabs, an answer being saved and a rename
//! never lose each other's writes, on SQLite and PostgreSQL and across processes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Chat {
    Table,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Chat::Table)
                    .add_column(ColumnDef::new(Chat::Version).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Chat::Table)
                    .drop_column(Chat::Version)
                    .to_owned(),
            )
            .await
    }
}
