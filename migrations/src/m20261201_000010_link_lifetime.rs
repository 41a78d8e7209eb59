//! How long a link lives and who looked: `shared_chat.expires_at` (null: never),
//! `view_count` and `last_viewed_at`; `share_view`, the access log (one row per read by
//! someone other than the owner: the reader's account, or a salted daily hash for a visitor
//! without one, never an address); and `audit_log`, the instance's record of sharing actions.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
    ExpiresAt,
    ViewCount,
    LastViewedAt,
}

#[derive(DeriveIden)]
enum ShareView {
    Table,
    Id,
    ShareId,
    UserId,
    Visitor,
    ViewedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    Action,
    ActorId,
    ChatId,
    ShareId,
    Detail,
    At,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for col in [
            ColumnDef::new(SharedChat::ExpiresAt)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(SharedChat::ViewCount)
                .big_integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(SharedChat::LastViewedAt)
                .big_integer()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table(SharedChat::Table).add_column(col).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_shared_chat_expires_at")
                    .table(SharedChat::Table)
                    .col(SharedChat::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShareView::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareView::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ShareView::ShareId).uuid().not_null())
                    .col(ColumnDef::new(ShareView::UserId).uuid().null())
                    .col(ColumnDef::new(ShareView::Visitor).string_len(80).not_null())
                    .col(ColumnDef::new(ShareView::ViewedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_view_share")
                            .from(ShareView::Table, ShareView::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_view_user")
                            .from(ShareView::Table, ShareView::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_share_view_link_time")
                    .table(ShareView::Table)
                    .col(ShareView::ShareId)
                    .col(ShareView::ViewedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(AuditLog::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(AuditLog::Action).string_len(32).not_null())
                    .col(ColumnDef::new(AuditLog::ActorId).uuid().null())
                    .col(ColumnDef::new(AuditLog::ChatId).uuid().null())
                    .col(ColumnDef::new(AuditLog::ShareId).uuid().null())
                    .col(ColumnDef::new(AuditLog::Detail).text().null())
                    .col(ColumnDef::new(AuditLog::At).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ShareView::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_shared_chat_expires_at")
                    .table(SharedChat::Table)
                    .to_owned(),
            )
            .await?;
        for col in [
            SharedChat::LastViewedAt,
            SharedChat::ViewCount,
            SharedChat::ExpiresAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SharedChat::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
