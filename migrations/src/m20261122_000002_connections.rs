//! OpenAI-compatible model connections (Admin Panel → Settings → Connections).
//!
//! The API key is kept here, server-side only; the app never sends it to a browser.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Connection {
    Table,
    Id,
    BaseUrl,
    ApiKey,
    Enabled,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Connection::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(Connection::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Connection::BaseUrl).text().not_null())
                    .col(ColumnDef::new(Connection::ApiKey).text().not_null())
                    .col(ColumnDef::new(Connection::Enabled).boolean().not_null())
                    .col(ColumnDef::new(Connection::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Connection::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Connection::Table).to_owned())
            .await
    }
}
