//! The first schema: accounts, settings, chats and share snapshots.
//!
//! Times are epoch seconds (`BIGINT`), as Open WebUI stores them. Ids are UUIDs.
//! Every row that belongs to a user is removed with that user (`ON DELETE CASCADE`), and a
//! share snapshot is removed with its chat, so a link never outlives what it shows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Role,
    ProfileImageUrl,
    CanShare,
    CreatedAt,
    LastActiveAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ApiKey {
    Table,
    Id,
    UserId,
    Prefix,
    KeyHash,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Setting {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum AuthAttempt {
    Table,
    Id,
    Key,
    At,
}

// `chat.chat` is Open WebUI's column name for the chat JSON.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Chat {
    Table,
    Id,
    UserId,
    Title,
    Chat,
    CreatedAt,
    UpdatedAt,
    ShareId,
    Archived,
    Pinned,
    Meta,
    FolderId,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
    ChatId,
    UserId,
    Title,
    Chat,
    CreatedAt,
    UpdatedAt,
}

fn owned_by_user(from: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, Alias::new("user_id"))
        .to(User::Table, User::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(User::Table)
                    .col(ColumnDef::new(User::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(User::Email).string().not_null().unique_key())
                    .col(ColumnDef::new(User::Name).string().not_null())
                    .col(ColumnDef::new(User::PasswordHash).string().not_null())
                    .col(ColumnDef::new(User::Role).string().not_null())
                    .col(
                        ColumnDef::new(User::ProfileImageUrl)
                            .string()
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(User::CanShare).boolean().null())
                    .col(ColumnDef::new(User::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(User::LastActiveAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(
                        ColumnDef::new(Session::TokenHash)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Session::UserId).uuid().not_null())
                    .col(ColumnDef::new(Session::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Session::ExpiresAt).big_integer().not_null())
                    .foreign_key(&mut owned_by_user(Session::Table, "fk_session_user"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_user")
                    .table(Session::Table)
                    .col(Session::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiKey::Table)
                    .col(ColumnDef::new(ApiKey::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ApiKey::UserId).uuid().not_null())
                    .col(ColumnDef::new(ApiKey::Prefix).string().not_null())
                    .col(ColumnDef::new(ApiKey::KeyHash).string().not_null().unique_key())
                    .col(ColumnDef::new(ApiKey::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(ApiKey::LastUsedAt).big_integer().null())
                    .foreign_key(&mut owned_by_user(ApiKey::Table, "fk_api_key_user"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Setting::Table)
                    .col(ColumnDef::new(Setting::Key).string().not_null().primary_key())
                    .col(ColumnDef::new(Setting::Value).text().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuthAttempt::Table)
                    .col(
                        ColumnDef::new(AuthAttempt::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuthAttempt::Key).string().not_null())
                    .col(ColumnDef::new(AuthAttempt::At).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_auth_attempt_key_at")
                    .table(AuthAttempt::Table)
                    .col(AuthAttempt::Key)
                    .col(AuthAttempt::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Chat::Table)
                    .col(ColumnDef::new(Chat::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Chat::UserId).uuid().not_null())
                    .col(ColumnDef::new(Chat::Title).text().not_null())
                    .col(ColumnDef::new(Chat::Chat).text().not_null())
                    .col(ColumnDef::new(Chat::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Chat::UpdatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Chat::ShareId).uuid().null().unique_key())
                    .col(ColumnDef::new(Chat::Archived).boolean().not_null().default(false))
                    .col(ColumnDef::new(Chat::Pinned).boolean().not_null().default(false))
                    .col(ColumnDef::new(Chat::Meta).text().not_null())
                    .col(ColumnDef::new(Chat::FolderId).string().null())
                    .foreign_key(&mut owned_by_user(Chat::Table, "fk_chat_user"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_chat_user_updated")
                    .table(Chat::Table)
                    .col(Chat::UserId)
                    .col(Chat::UpdatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SharedChat::Table)
                    .col(ColumnDef::new(SharedChat::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(SharedChat::ChatId).uuid().not_null().unique_key())
                    .col(ColumnDef::new(SharedChat::UserId).uuid().not_null())
                    .col(ColumnDef::new(SharedChat::Title).text().not_null())
                    .col(ColumnDef::new(SharedChat::Chat).text().not_null())
                    .col(ColumnDef::new(SharedChat::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(SharedChat::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shared_chat_chat")
                            .from(SharedChat::Table, SharedChat::ChatId)
                            .to(Chat::Table, Chat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut owned_by_user(SharedChat::Table, "fk_shared_chat_user"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_shared_chat_user_updated")
                    .table(SharedChat::Table)
                    .col(SharedChat::UserId)
                    .col(SharedChat::UpdatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SharedChat::Table.into_iden(),
            Chat::Table.into_iden(),
            AuthAttempt::Table.into_iden(),
            Setting::Table.into_iden(),
            ApiKey::Table.into_iden(),
            Session::Table.into_iden(),
            User::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
