//! Each account's own settings (Settings: theme, default model, system prompt for new chats,
//! avatar colour) as Open WebUI's `user.settings` JSON, and an uploaded avatar image. A table of
//! its own, not columns of `user`: the account row is read on every request, these only by the
//! pages that use them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserProfile {
    Table,
    UserId,
    Settings,
    Avatar,
    AvatarType,
    UpdatedAt,
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
                    .table(UserProfile::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(UserProfile::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(UserProfile::Settings).text().not_null())
                    .col(ColumnDef::new(UserProfile::Avatar).blob())
                    .col(ColumnDef::new(UserProfile::AvatarType).text())
                    .col(ColumnDef::new(UserProfile::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_profile_user")
                            .from(UserProfile::Table, UserProfile::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserProfile::Table).to_owned())
            .await
    }
}
