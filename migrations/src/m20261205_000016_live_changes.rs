//! Live links stay live across processes: on PostgreSQL, a write to a chat or to its link
//! announces the chat's id on the `chatshare_changes` channel (`NOTIFY`, sent when the write
//! commits), which every server process listens to (`app::share::live`). SQLite has no
//! notifications; its processes check for changes instead, and this migration does nothing
//! there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE OR REPLACE FUNCTION chatshare_chat_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('chatshare_changes', OLD.id::text);
    ELSE
        PERFORM pg_notify('chatshare_changes', NEW.id::text);
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION chatshare_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('chatshare_changes', OLD.chat_id::text);
    ELSE
        PERFORM pg_notify('chatshare_changes', NEW.chat_id::text);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER chat_changes AFTER UPDATE OR DELETE ON chat
    FOR EACH ROW EXECUTE FUNCTION chatshare_chat_changed();
CREATE TRIGGER shared_chat_changes AFTER INSERT OR UPDATE OR DELETE ON shared_chat
    FOR EACH ROW EXECUTE FUNCTION chatshare_link_changed();
"#;

const DOWN: &str = r#"
DROP TRIGGER IF EXISTS shared_chat_changes ON shared_chat;
DROP TRIGGER IF EXISTS chat_changes ON chat;
DROP FUNCTION IF EXISTS chatshare_link_changed();
DROP FUNCTION IF EXISTS chatshare_chat_changed();
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager.get_connection().execute_unprepared(UP).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager.get_connection().execute_unprepared(DOWN).await?;
        }
        Ok(())
    }
}
