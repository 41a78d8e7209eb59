//! Each share link's preview card (the PNG that `og:image` points at), kept so that it is
//! drawn once per link version instead of on every crawler's visit.
//!
//! A cache: `source` is the SHA-256 of what the card shows (title, opening words, model,
//! owner, instance name), so a changed link is drawn again; the row goes with its link.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ShareCard {
    Table,
    ShareId,
    Source,
    Png,
}

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ShareCard::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareCard::ShareId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ShareCard::Source).text().not_null())
                    .col(ColumnDef::new(ShareCard::Png).blob().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_card_share")
                            .from(ShareCard::Table, ShareCard::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ShareCard::Table).to_owned())
            .await
    }
}
