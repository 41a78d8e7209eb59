//! Groups of members (Open WebUI's groups), managed by administrators: `user_group` and its
//! members `user_group_member`. A share link can be granted to a group; its members then may
//! open it. Members go with their account and with their group.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserGroup {
    Table,
    Id,
    Name,
    Description,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UserGroupMember {
    Table,
    GroupId,
    UserId,
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
                    .table(UserGroup::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(UserGroup::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(UserGroup::Name).string().not_null())
                    .col(ColumnDef::new(UserGroup::Description).text().not_null())
                    .col(ColumnDef::new(UserGroup::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(UserGroup::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserGroupMember::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(UserGroupMember::GroupId).uuid().not_null())
                    .col(ColumnDef::new(UserGroupMember::UserId).uuid().not_null())
                    .primary_key(
                        Index::create()
                            .col(UserGroupMember::GroupId)
                            .col(UserGroupMember::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_group_member_group")
                            .from(UserGroupMember::Table, UserGroupMember::GroupId)
                            .to(UserGroup::Table, UserGroup::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_group_member_user")
                            .from(UserGroupMember::Table, UserGroupMember::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_user_group_member_user")
                    .table(UserGroupMember::Table)
                    .col(UserGroupMember::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserGroupMember::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UserGroup::Table).to_owned())
            .await
    }
}
