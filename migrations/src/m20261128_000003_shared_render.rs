//! The rendered HTML of each share snapshot's messages, kept so that a shared page renders its
//! markdown once per snapshot instead of on every view.
//!
//! A cache: `source` is the SHA-256 of the snapshot's chat JSON it was rendered from, so a
//! render of an older snapshot is never shown for a newer one; the row goes with its snapshot.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedRender {
    Table,
    ShareId,
    Source,
    Html,
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
                    .table(SharedRender::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SharedRender::ShareId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(SharedRender::Source).text().not_null())
                    .col(ColumnDef::new(SharedRender::Html).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shared_render_share")
                            .from(SharedRender::Table, SharedRender::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SharedRender::Table).to_owned())
            .await
    }
}
