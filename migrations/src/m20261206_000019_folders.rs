//! Folders (Open WebUI's `folder`): a member's chats in a tree of named folders, each with
//! settings (`data`: the system prompt new chats in it start with) and whether the sidebar shows
//! it open. A folder can be shared: `folder_grant` holds its grants as `share_grant` holds a
//! link's (user, group or every member; read or write), and `folder_read` when each grantee last
//! marked it read. A chat may be kept out of its shared folder's reach (`chat.folder_private`).
//! A group can give its members permissions beyond the instance's defaults
//! (`user_group.permissions`, Open WebUI's group permissions: `sharing.folders`,
//! `features.folders`). Grants and read marks go with their folder; folders go with their owner, and a folder's
//! children with it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Folder {
    Table,
    Id,
    UserId,
    ParentId,
    Name,
    Data,
    Meta,
    IsExpanded,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FolderGrant {
    Table,
    Id,
    FolderId,
    PrincipalType,
    PrincipalId,
    Permission,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FolderRead {
    Table,
    FolderId,
    UserId,
    ReadAt,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserGroup {
    Table,
    Permissions,
}

#[derive(DeriveIden)]
enum Chat {
    Table,
    FolderId,
    FolderPrivate,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Folder::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(Folder::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Folder::UserId).uuid().not_null())
                    .col(ColumnDef::new(Folder::ParentId).uuid())
                    .col(ColumnDef::new(Folder::Name).text().not_null())
                    .col(ColumnDef::new(Folder::Data).text())
                    .col(ColumnDef::new(Folder::Meta).text())
                    .col(
                        ColumnDef::new(Folder::IsExpanded)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Folder::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Folder::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_folder_user")
                            .from(Folder::Table, Folder::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_folder_parent")
                            .from(Folder::Table, Folder::ParentId)
                            .to(Folder::Table, Folder::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_folder_user_parent")
                    .table(Folder::Table)
                    .col(Folder::UserId)
                    .col(Folder::ParentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FolderGrant::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(FolderGrant::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(FolderGrant::FolderId).uuid().not_null())
                    .col(ColumnDef::new(FolderGrant::PrincipalType).string().not_null())
                    .col(ColumnDef::new(FolderGrant::PrincipalId).string().not_null())
                    .col(ColumnDef::new(FolderGrant::Permission).string().not_null())
                    .col(ColumnDef::new(FolderGrant::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_folder_grant_folder")
                            .from(FolderGrant::Table, FolderGrant::FolderId)
                            .to(Folder::Table, Folder::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_folder_grant_principal")
                    .table(FolderGrant::Table)
                    .col(FolderGrant::FolderId)
                    .col(FolderGrant::PrincipalType)
                    .col(FolderGrant::PrincipalId)
                    .col(FolderGrant::Permission)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FolderRead::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(FolderRead::FolderId).uuid().not_null())
                    .col(ColumnDef::new(FolderRead::UserId).uuid().not_null())
                    .col(ColumnDef::new(FolderRead::ReadAt).big_integer().not_null())
                    .primary_key(Index::create().col(FolderRead::FolderId).col(FolderRead::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_folder_read_folder")
                            .from(FolderRead::Table, FolderRead::FolderId)
                            .to(Folder::Table, Folder::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_folder_read_user")
                            .from(FolderRead::Table, FolderRead::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Chat::Table)
                    .add_column(
                        ColumnDef::new(Chat::FolderPrivate)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UserGroup::Table)
                    .add_column(ColumnDef::new(UserGroup::Permissions).text())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_chat_folder")
                    .table(Chat::Table)
                    .col(Chat::FolderId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ix_chat_folder").table(Chat::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UserGroup::Table)
                    .drop_column(UserGroup::Permissions)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Chat::Table)
                    .drop_column(Chat::FolderPrivate)
                    .to_owned(),
            )
            .await?;
        for t in [
            FolderRead::Table.into_iden(),
            FolderGrant::Table.into_iden(),
            Folder::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
