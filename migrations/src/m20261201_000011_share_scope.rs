//! What a link shares: `shared_chat.scope`, a JSON object with the owner's choices (every branch
//! or only the visible one, chosen and left-out messages, masked strings), re-applied by every
//! update. Null on links made before it existed: they are read as the default scope (the
//! visible branch only, private message fields removed).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Scope,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .add_column(ColumnDef::new(SharedChat::Scope).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SharedChat::Table)
                    .drop_column(SharedChat::Scope)
                    .to_owned(),
            )
            .await
    }
}
