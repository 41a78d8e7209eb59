//! A snapshot's messages as readers see them: markdown rendered once per snapshot and kept.

use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{Map, Value};

use super::service::Snapshot;
use crate::chats::doc::ChatDoc;
use crate::chats::service as chats;
use crate::entities::shared_render;
use crate::error::{AppError, AppResult};

/// The version of the markdown renderer's output, kept with each stored rendering: raised when
/// the output changes (2: code blocks carry their language's label; 3: and their syntax is
/// highlighted), so no page shows what an older renderer made.
const RENDERER_VERSION: u32 = 3;

/// A snapshot's visible branch with its messages rendered. The rendering is stored with the
/// snapshot the first time anyone opens it (keyed by a hash of the snapshot's JSON, so an
/// update is never shown with an older rendering) and reused by every later view, on every
/// process; markdown is rendered once per snapshot.
///
/// `stored`: the snapshot's stored rendering, as [`page_inputs`] read it.
pub async fn rendered_messages(
    db: &DatabaseConnection,
    snap: &Snapshot,
    chat: &ChatDoc,
    stored: Option<shared_render::Model>,
) -> AppResult<Vec<crate::chats::MessageView>> {
    use sea_orm::ActiveValue::Set;
    let mut views = chats::messages_view(chat);
    // The hash of what was stored (private keys are top-level, never in messages, so the
    // owner's and a reader's renderings are the same), with the renderer's version, so that
    // what an older renderer kept is rendered again.
    let source = format!(
        "{RENDERER_VERSION}:{}",
        crate::accounts::service::hash_secret(snap.stored_chat.as_deref().unwrap_or(&snap.row.chat))
    );
    let mut html: Map<String, Value> = stored
        .filter(|r| r.source == source)
        .and_then(|r| serde_json::from_str(&r.html).ok())
        .unwrap_or_default();
    let (ids, texts): (Vec<String>, Vec<String>) = views
        .iter()
        .filter(|v| !html.contains_key(&v.id))
        .map(|v| (v.id.clone(), v.text.clone()))
        .unzip();
    if !ids.is_empty() {
        let rendered = crate::chats::markdown::render_all(texts).await;
        for (id, h) in ids.into_iter().zip(rendered) {
            html.insert(id, Value::String(h));
        }
        let row = shared_render::ActiveModel {
            share_id: Set(snap.row.id),
            source: Set(source),
            html: Set(serde_json::to_string(&html).map_err(|_| AppError::Internal)?),
        };
        // A cache: failing to keep it (the link was deleted meanwhile, say) costs nothing.
        if let Err(e) = shared_render::Entity::insert(row)
            .on_conflict(
                OnConflict::column(shared_render::Column::ShareId)
                    .update_columns([shared_render::Column::Source, shared_render::Column::Html])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await
        {
            tracing::debug!(error = %e, "could not keep a snapshot's rendering");
        }
    }
    for v in &mut views {
        if let Some(Value::String(h)) = html.remove(&v.id) {
            v.html = h;
        }
    }
    Ok(views)
}
/// What the shared page reads beside its link, in one query (each query is a round trip to the
/// database's connection, which is most of a page's time): the instance's settings in force and
/// link `share_id`'s stored rendering, if any.
pub async fn page_inputs(
    db: &DatabaseConnection,
    defaults: &crate::instance::SettingsDefaults,
    share_id: uuid::Uuid,
) -> AppResult<(crate::instance::InstanceSettings, Option<shared_render::Model>)> {
    use sea_orm::ConnectionTrait;
    let backend = db.get_database_backend();
    let stmt = match inputs_sql(backend) {
        Some(sql) => sea_orm::Statement::from_sql_and_values(
            backend,
            sql.clone(),
            [
                sea_orm::Value::from(crate::instance::service::KEY),
                sea_orm::Value::from(share_id),
            ],
        ),
        None => backend.build(&inputs_query(share_id)),
    };
    // Untyped: its three columns are text or NULL.
    let row = crate::entities::local::query_one(db, stmt, &crate::entities::local::Shape::default()).await?;
    let get = |col: &str| -> AppResult<Option<String>> {
        match &row {
            Some(r) => Ok(r.try_get::<Option<String>>("", col)?),
            None => Ok(None),
        }
    };
    let settings = crate::instance::service::from_stored(defaults, get("settings")?.as_deref())?;
    let stored = match (get("source")?, get("html")?) {
        (Some(source), Some(html)) => Some(shared_render::Model {
            share_id,
            source,
            html,
        }),
        _ => None,
    };
    Ok((settings, stored))
}

/// [`page_inputs`]' query: one row, with the settings' JSON (`settings`) and the stored
/// rendering (`source`, `html`) left-joined onto it, `NULL` where there is none.
fn inputs_query(share_id: uuid::Uuid) -> sea_orm::sea_query::SelectStatement {
    use crate::entities::setting;
    use sea_orm::sea_query::{Alias, Expr, JoinType, Query};
    Query::select()
        .expr_as(
            Expr::col((setting::Entity, setting::Column::Value)),
            Alias::new("settings"),
        )
        .expr_as(
            Expr::col((shared_render::Entity, shared_render::Column::Source)),
            Alias::new("source"),
        )
        .expr_as(
            Expr::col((shared_render::Entity, shared_render::Column::Html)),
            Alias::new("html"),
        )
        .from_subquery(
            Query::select().expr(Expr::cust("1")).to_owned(),
            Alias::new("one"),
        )
        .join(
            JoinType::LeftJoin,
            setting::Entity,
            Expr::col((setting::Entity, setting::Column::Key)).eq(crate::instance::service::KEY),
        )
        .join(
            JoinType::LeftJoin,
            shared_render::Entity,
            Expr::col((shared_render::Entity, shared_render::Column::ShareId)).eq(share_id),
        )
        .to_owned()
}

/// [`inputs_query`]'s SQL on `backend`, built once per process (its values, the settings' key
/// and the link's id, are bound in that order); `None` for another backend, or when a probe
/// does not find the two values in that order (each read then builds its own).
fn inputs_sql(backend: sea_orm::DbBackend) -> Option<&'static String> {
    use sea_orm::{DbBackend, Value};
    use std::sync::OnceLock;
    static SQLITE: OnceLock<Option<String>> = OnceLock::new();
    static POSTGRES: OnceLock<Option<String>> = OnceLock::new();
    let slot = match backend {
        DbBackend::Sqlite => &SQLITE,
        DbBackend::Postgres => &POSTGRES,
        _ => return None,
    };
    slot.get_or_init(|| {
        let probe = backend.build(&inputs_query(uuid::Uuid::nil()));
        match probe.values.as_ref().map(|v| v.0.as_slice()) {
            Some([Value::String(_), Value::Uuid(_)]) => Some(probe.sql),
            _ => None,
        }
    })
    .as_ref()
}
