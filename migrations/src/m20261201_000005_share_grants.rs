//! Who may open a share link: `share_grant`, one row per (link, principal, permission), as Open
//! WebUI's access grants. `principal_type` is `user` (`principal_id` a user's id, or `*` for
//! every approved member), `group` (a group's id) or `anyone` (`*`: anyone with the link, signed
//! in or not); `permission` is `read` or `write`. The rows go with their link.
//!
//! Every link made before this migration was readable by every approved member: each gets the
//! grant `user:* read`, so nothing changes for them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, TryGetable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ShareGrant {
    Table,
    Id,
    ShareId,
    PrincipalType,
    PrincipalId,
    Permission,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ShareGrant::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareGrant::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ShareGrant::ShareId).uuid().not_null())
                    .col(ColumnDef::new(ShareGrant::PrincipalType).string().not_null())
                    .col(ColumnDef::new(ShareGrant::PrincipalId).string().not_null())
                    .col(ColumnDef::new(ShareGrant::Permission).string().not_null())
                    .col(ColumnDef::new(ShareGrant::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_grant_share")
                            .from(ShareGrant::Table, ShareGrant::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_share_grant_principal")
                    .table(ShareGrant::Table)
                    .col(ShareGrant::ShareId)
                    .col(ShareGrant::PrincipalType)
                    .col(ShareGrant::PrincipalId)
                    .col(ShareGrant::Permission)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Existing links keep their audience: every approved member may read them.
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let links = db
            .query_all(
                backend.build(
                    Query::select()
                        .columns([SharedChat::Id, SharedChat::CreatedAt])
                        .from(SharedChat::Table),
                ),
            )
            .await?;
        for link in links {
            let id = uuid::Uuid::try_get(&link, "", "id")
                .map_err(|e| DbErr::Custom(format!("a shared_chat id does not read: {e:?}")))?;
            let created_at = i64::try_get(&link, "", "created_at")
                .map_err(|e| DbErr::Custom(format!("a shared_chat created_at does not read: {e:?}")))?;
            let mut grant = Query::insert();
            grant
                .into_table(ShareGrant::Table)
                .columns([
                    ShareGrant::Id,
                    ShareGrant::ShareId,
                    ShareGrant::PrincipalType,
                    ShareGrant::PrincipalId,
                    ShareGrant::Permission,
                    ShareGrant::CreatedAt,
                ])
                .values([
                    uuid::Uuid::new_v4().into(),
                    id.into(),
                    "user".into(),
                    "*".into(),
                    "read".into(),
                    created_at.into(),
                ])
                .map_err(|e| DbErr::Custom(format!("the grant does not build: {e}")))?;
            db.execute(backend.build(&grant)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ShareGrant::Table).to_owned())
            .await
    }
}
