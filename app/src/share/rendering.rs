//! A snapshot's messages as readers see them: markdown rendered once per snapshot and kept.

use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{Map, Value};

use super::service::Snapshot;
use crate::chats::doc::ChatDoc;
use crate::chats::service as chats;
use crate::entities::shared_render;
use crate::error::{AppError, AppResult};

/// A snapshot's visible branch with its messages rendered. The rendering is stored with the
/// snapshot the first time anyone opens it (keyed by a hash of the snapshot's JSON, so an
/// update is never shown with an older rendering) and reused by every later view, on every
/// process; markdown is rendered once per snapshot.
pub async fn rendered_messages(
    db: &DatabaseConnection,
    snap: &Snapshot,
    chat: &ChatDoc,
) -> AppResult<Vec<crate::chats::MessageView>> {
    use sea_orm::ActiveValue::Set;
    let mut views = chats::messages_view(chat);
    // The hash of what was stored (private keys are top-level, never in messages, so the
    // owner's and a reader's renderings are the same).
    let source = crate::accounts::service::hash_secret(snap.stored_chat.as_deref().unwrap_or(&snap.row.chat));
    let stored = shared_render::Entity::find_by_id(snap.row.id).one(db).await?;
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
