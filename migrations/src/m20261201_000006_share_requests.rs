//! Requests for access to a link (`share_request`): a signed-in member without a grant asks,
//! the owner approves (the member gets a `user` grant) or declines. One row per (link, member);
//! a declined request stays, so the same member cannot ask again and again. The rows go with
//! their link and with the member's account.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ShareRequest {
    Table,
    Id,
    ShareId,
    UserId,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
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
                    .table(ShareRequest::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareRequest::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ShareRequest::ShareId).uuid().not_null())
                    .col(ColumnDef::new(ShareRequest::UserId).uuid().not_null())
                    .col(ColumnDef::new(ShareRequest::Status).string().not_null())
                    .col(ColumnDef::new(ShareRequest::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_request_share")
                            .from(ShareRequest::Table, ShareRequest::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_request_user")
                            .from(ShareRequest::Table, ShareRequest::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_share_request_member")
                    .table(ShareRequest::Table)
                    .col(ShareRequest::ShareId)
                    .col(ShareRequest::UserId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ShareRequest::Table).to_owned())
            .await
    }
}
