//! Security round three:
//! - `chat_cursor`: where a collaborator on someone else's live chat stands (the message they
//!   see last). Their edits and branches move this, never the chat's own `currentId`, so the
//!   owner and the link's readers keep following the owner's branch.
//! - `share_view` keeps one row per link, reader (or visitor hash) and day, with how many reads
//!   it stands for (`reads`): it had one row per read, forever. Existing rows are folded into
//!   that shape (the newest read of each day kept, the others counted in it).
//! - `community_view`: who read a community chat on which day, so a chat's views count each
//!   reader once a day (300 reloads were 300 views).
//! - `oidc_login.client`: the address that started a pending sign-in, so that one address
//!   cannot fill the table (and the disk) with sign-ins it never finishes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ChatCursor {
    Table,
    ChatId,
    UserId,
    CurrentId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ShareView {
    Table,
    Day,
    Reads,
}

#[derive(DeriveIden)]
enum CommunityView {
    Table,
    ChatId,
    Visitor,
    Day,
}

#[derive(DeriveIden)]
enum CommunityChat {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OidcLogin {
    Table,
    Client,
}

#[derive(DeriveIden)]
enum Chat {
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
                    .table(ChatCursor::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ChatCursor::ChatId).uuid().not_null())
                    .col(ColumnDef::new(ChatCursor::UserId).uuid().not_null())
                    .col(ColumnDef::new(ChatCursor::CurrentId).text().not_null())
                    .col(ColumnDef::new(ChatCursor::UpdatedAt).big_integer().not_null())
                    .primary_key(Index::create().col(ChatCursor::ChatId).col(ChatCursor::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_chat_cursor_chat")
                            .from(ChatCursor::Table, ChatCursor::ChatId)
                            .to(Chat::Table, Chat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_chat_cursor_user")
                            .from(ChatCursor::Table, ChatCursor::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ShareView::Table)
                    .add_column(ColumnDef::new(ShareView::Day).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ShareView::Table)
                    .add_column(
                        ColumnDef::new(ShareView::Reads)
                            .big_integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommunityView::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(CommunityView::ChatId).uuid().not_null())
                    .col(ColumnDef::new(CommunityView::Visitor).string().not_null())
                    .col(ColumnDef::new(CommunityView::Day).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(CommunityView::ChatId)
                            .col(CommunityView::Visitor)
                            .col(CommunityView::Day),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_community_view_chat")
                            .from(CommunityView::Table, CommunityView::ChatId)
                            .to(CommunityChat::Table, CommunityChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OidcLogin::Table)
                    .add_column(ColumnDef::new(OidcLogin::Client).text().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE share_view SET day = viewed_at / 86400")
            .await?;
        db.execute_unprepared(
            "UPDATE share_view SET reads = (SELECT COUNT(*) FROM share_view s2 \
             WHERE s2.share_id = share_view.share_id AND s2.visitor = share_view.visitor \
             AND s2.day = share_view.day)",
        )
        .await?;
        db.execute_unprepared(
            "DELETE FROM share_view WHERE EXISTS (SELECT 1 FROM share_view s2 \
             WHERE s2.share_id = share_view.share_id AND s2.visitor = share_view.visitor \
             AND s2.day = share_view.day AND (s2.viewed_at > share_view.viewed_at \
             OR (s2.viewed_at = share_view.viewed_at AND s2.id > share_view.id)))",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_share_view_reader_day")
                    .table(ShareView::Table)
                    .col(Alias::new("share_id"))
                    .col(Alias::new("visitor"))
                    .col(ShareView::Day)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_share_view_reader_day")
                    .table(ShareView::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OidcLogin::Table)
                    .drop_column(OidcLogin::Client)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CommunityView::Table).to_owned())
            .await?;
        for column in [ShareView::Reads, ShareView::Day] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ShareView::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ChatCursor::Table).to_owned())
            .await
    }
}
