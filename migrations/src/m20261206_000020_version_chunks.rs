//! Versions stored by content ([`crate::version_chunks`]): `share_chunk` holds each link's
//! message chunks once (they go with their link), and `share_version.chunks` says where a
//! version's chunks go in its `chat`, which then holds the skeleton (`NULL`: `chat` is the whole
//! JSON, as every version was before; empty: a version that could not be cut, kept whole).
//! Existing versions are converted here, a batch at a time, each to the same bytes when joined.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, TransactionTrait, TryGetable};

use crate::version_chunks;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SharedChat {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ShareVersion {
    Table,
    ShareId,
    Version,
    Chat,
    Chunks,
    MessageCount,
}

#[derive(DeriveIden)]
enum ShareChunk {
    Table,
    ShareId,
    Hash,
    Body,
}

/// Versions converted per transaction.
const BATCH: u64 = 50;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ShareChunk::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(ShareChunk::ShareId).uuid().not_null())
                    .col(ColumnDef::new(ShareChunk::Hash).string_len(32).not_null())
                    .col(ColumnDef::new(ShareChunk::Body).text().not_null())
                    .primary_key(Index::create().col(ShareChunk::ShareId).col(ShareChunk::Hash))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_share_chunk_share")
                            .from(ShareChunk::Table, ShareChunk::ShareId)
                            .to(SharedChat::Table, SharedChat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ShareVersion::Table)
                    .add_column(ColumnDef::new(ShareVersion::Chunks).text().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        loop {
            let txn = db.begin().await?;
            let rows = txn
                .query_all(
                    backend.build(
                        Query::select()
                            .columns([
                                ShareVersion::ShareId,
                                ShareVersion::Version,
                                ShareVersion::Chat,
                                ShareVersion::MessageCount,
                            ])
                            .from(ShareVersion::Table)
                            .and_where(Expr::col(ShareVersion::Chunks).is_null())
                            .limit(BATCH),
                    ),
                )
                .await?;
            if rows.is_empty() {
                txn.commit().await?;
                break;
            }
            for row in rows {
                let read = |e| DbErr::Custom(format!("a share_version row does not read: {e:?}"));
                let share_id = uuid::Uuid::try_get(&row, "", "share_id").map_err(read)?;
                let version = i64::try_get(&row, "", "version").map_err(read)?;
                let chat = String::try_get(&row, "", "chat").map_err(read)?;
                let count = Option::<i64>::try_get(&row, "", "message_count").map_err(read)?;
                let mut update = Query::update();
                update
                    .table(ShareVersion::Table)
                    .and_where(Expr::col(ShareVersion::ShareId).eq(share_id))
                    .and_where(Expr::col(ShareVersion::Version).eq(version));
                match version_chunks::split(&chat) {
                    Some(split) => {
                        for (hash, body) in split.chunks {
                            let mut chunk = Query::insert();
                            chunk
                                .into_table(ShareChunk::Table)
                                .columns([ShareChunk::ShareId, ShareChunk::Hash, ShareChunk::Body])
                                .values([share_id.into(), hash.into(), body.into()])
                                .map_err(|e| DbErr::Custom(format!("a chunk does not build: {e}")))?
                                .on_conflict(
                                    OnConflict::columns([ShareChunk::ShareId, ShareChunk::Hash])
                                        .do_nothing()
                                        .to_owned(),
                                );
                            txn.execute(backend.build(&chunk)).await?;
                        }
                        let messages = count.unwrap_or(split.messages as i64);
                        update.values([
                            (ShareVersion::Chat, split.skeleton.into()),
                            (ShareVersion::Chunks, split.refs.into()),
                            (ShareVersion::MessageCount, messages.into()),
                        ]);
                    }
                    None => {
                        update.values([(ShareVersion::Chunks, "".into())]);
                    }
                }
                txn.execute(backend.build(&update)).await?;
            }
            txn.commit().await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every version whole again, then the column and the chunks go.
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all(
                backend.build(
                    Query::select()
                        .columns([
                            ShareVersion::ShareId,
                            ShareVersion::Version,
                            ShareVersion::Chat,
                            ShareVersion::Chunks,
                        ])
                        .from(ShareVersion::Table)
                        .and_where(Expr::col(ShareVersion::Chunks).ne("")),
                ),
            )
            .await?;
        for row in rows {
            let read = |e| DbErr::Custom(format!("a share_version row does not read: {e:?}"));
            let share_id = uuid::Uuid::try_get(&row, "", "share_id").map_err(read)?;
            let version = i64::try_get(&row, "", "version").map_err(read)?;
            let skeleton = String::try_get(&row, "", "chat").map_err(read)?;
            let refs = String::try_get(&row, "", "chunks").map_err(read)?;
            let chunks = db
                .query_all(
                    backend.build(
                        Query::select()
                            .columns([ShareChunk::Hash, ShareChunk::Body])
                            .from(ShareChunk::Table)
                            .and_where(Expr::col(ShareChunk::ShareId).eq(share_id)),
                    ),
                )
                .await?;
            let mut bodies = std::collections::HashMap::new();
            for c in chunks {
                let hash = String::try_get(&c, "", "hash").map_err(read)?;
                bodies.insert(hash, String::try_get(&c, "", "body").map_err(read)?);
            }
            let whole = version_chunks::join(&skeleton, &refs, |h| bodies.get(h).map(String::as_str))
                .ok_or_else(|| {
                    DbErr::Custom(format!("version {version} of link {share_id} lacks a chunk"))
                })?;
            let mut update = Query::update();
            update
                .table(ShareVersion::Table)
                .values([(ShareVersion::Chat, whole.into())])
                .and_where(Expr::col(ShareVersion::ShareId).eq(share_id))
                .and_where(Expr::col(ShareVersion::Version).eq(version));
            db.execute(backend.build(&update)).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ShareVersion::Table)
                    .drop_column(ShareVersion::Chunks)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ShareChunk::Table).to_owned())
            .await
    }
}
