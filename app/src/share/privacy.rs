//! The privacy check and the review before sharing, as services: what a link would share
//! ([`super::scope`]) checked by [`super::scan`], and previewed. The chat's owner only: anyone
//! else gets the 404 of a chat that is not theirs.

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::review::{Finding, ReviewMessage, SharePreview, ShareReview};
use super::scope::{self, Scope, ScopeChange};
use crate::chats::doc::ChatDoc;
use crate::entities::{chat, shared_chat, user};
use crate::error::{AppError, AppResult};

/// The choices of chat `chat_id`'s link (the default when it has none, or had one made before
/// choices existed).
pub async fn stored_scope(db: &impl ConnectionTrait, chat_id: Uuid) -> AppResult<Scope> {
    let stored: Option<Option<String>> = shared_chat::Entity::find()
        .select_only()
        .column(shared_chat::Column::Scope)
        .filter(shared_chat::Column::ChatId.eq(chat_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(Scope::from_stored(stored.flatten().as_deref()))
}

/// The caller's own chat `chat_id` with its title inside its JSON.
async fn own_chat(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<(chat::Model, ChatDoc)> {
    let c = crate::chats::service::find_visible(db, caller, chat_id).await?;
    if c.user_id != caller.id {
        return Err(AppError::chat_not_found());
    }
    let doc = ChatDoc::from_stored(crate::chats::transfer::titled(&c.chat, &c.title)?.get())?;
    Ok((c, doc))
}

/// The findings in the title and in every message of `doc` (reading order).
fn findings(doc: &ChatDoc) -> Vec<Finding> {
    let mut out = doc
        .title
        .as_deref()
        .map(|t| super::scan::scan(None, t))
        .unwrap_or_default();
    for m in scope::reading_order(doc) {
        out.extend(super::scan::scan(Some(&m.id), &m.content));
    }
    out
}

/// `GET /api/v1/chats/{id}/share/scan`: the findings in what the chat's link would share now
/// (its choices and masks applied; a chat without a link: the visible branch).
pub async fn scan(db: &DatabaseConnection, caller: &user::Model, chat_id: Uuid) -> AppResult<Vec<Finding>> {
    let (c, doc) = own_chat(db, caller, chat_id).await?;
    let scope = stored_scope(db, c.id).await?;
    let shared = scope::apply(&doc, &scope)?.unwrap_or(doc);
    Ok(findings(&shared))
}

/// The Share modal's review: every message (with whether the link shares it), the findings
/// before masks, and the link's choices.
pub async fn review(db: &DatabaseConnection, caller: &user::Model, chat_id: Uuid) -> AppResult<ShareReview> {
    let (c, doc) = own_chat(db, caller, chat_id).await?;
    let scope = stored_scope(db, c.id).await?;
    let shared = scope.shared_ids(&doc);
    let branch: std::collections::HashSet<&str> = doc.visible_path().iter().map(|m| m.id.as_str()).collect();
    let messages = scope::reading_order(&doc)
        .into_iter()
        .map(|m| ReviewMessage {
            id: m.id.clone(),
            role: m.role,
            text: m.content.clone(),
            on_branch: branch.contains(m.id.as_str()),
            shared: shared.contains(m.id.as_str()),
        })
        .collect();
    Ok(ShareReview {
        messages,
        findings: findings(&doc),
        masks: scope.redact,
        full_history: scope.full_history,
    })
}

/// What viewers would get if the link had the choices `change` makes (nothing is stored).
pub async fn preview(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
    change: ScopeChange,
) -> AppResult<SharePreview> {
    let (c, doc) = own_chat(db, caller, chat_id).await?;
    let scope: Scope = stored_scope(db, c.id).await?.changed(&doc, change)?;
    let shared = scope::apply(&doc, &scope)?.unwrap_or(doc);
    let mut messages = crate::chats::service::messages_view(&shared);
    crate::chats::service::render_views(&mut messages).await;
    let mut title = c.title;
    scope::mask_text(&mut title, &scope.redact);
    Ok(SharePreview {
        title,
        total: shared.len(),
        messages,
    })
}
