//! Chats: create, read, list, update (merge), delete, pin, archive, the composer's append and
//! branch switching. Another user's chat is a 404 unless the caller is an admin.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::{json, Value};
use uuid::Uuid;

use super::doc::ChatDoc;
use super::{markdown, ChatSummary, ChatView, MessageRole, MessageView};
use crate::accounts::service::Role;
use crate::entities::{chat, now, user};
use crate::error::{AppError, AppResult};

pub use super::turns::{
    add_assistant_message, add_user_message, edit_user_message, first_words, name_if_untitled, set_model,
    switch_branch,
};

/// Longest accepted title, in characters.
pub const MAX_TITLE: usize = 500;
/// Longest accepted message, in bytes.
pub const MAX_MESSAGE: usize = 200_000;
/// Chats per page of `GET /api/v1/chats/`.
pub const PAGE_SIZE: u64 = 60;

fn encode(v: &Value) -> AppResult<String> {
    serde_json::to_string(v).map_err(|_| AppError::Internal)
}

/// The stored title: trimmed, "New Chat" when empty, at most `MAX_TITLE` characters (422).
pub fn clean_title(raw: Option<&str>) -> AppResult<String> {
    let t = raw.map(str::trim).filter(|t| !t.is_empty()).unwrap_or("New Chat");
    if t.chars().count() > MAX_TITLE {
        return Err(AppError::Unprocessable(format!(
            "The title is longer than {MAX_TITLE} characters."
        )));
    }
    Ok(t.to_owned())
}

fn checked_now(chat: &ChatDoc) -> AppResult<()> {
    chat.validate().map_err(|e| AppError::Unprocessable(e.0))
}

/// Chats with more messages than this are validated on the blocking pool (validation is linear,
/// but a 30,000-message tree still takes milliseconds of a core).
const VALIDATE_INLINE_UP_TO: usize = 2_000;

/// Validates `chat` (422 naming the problem), off the async threads when it is large.
pub(super) async fn checked(chat: ChatDoc) -> AppResult<ChatDoc> {
    if chat.len() <= VALIDATE_INLINE_UP_TO {
        checked_now(&chat)?;
        return Ok(chat);
    }
    let (result, chat) = tokio::task::spawn_blocking(move || (checked_now(&chat), chat))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "chat validation task failed");
            AppError::Internal
        })?;
    result.map(|()| chat)
}

/// The chat with this id if the caller owns it or is an admin; otherwise 404. Read on the
/// request's thread on SQLite ([`crate::entities::local`]).
pub async fn find_visible(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<chat::Model> {
    let c = crate::entities::local::one(db, chat::Entity::find_by_id(id))
        .await?
        .ok_or_else(AppError::chat_not_found)?;
    if c.user_id == caller.id || caller.role == Role::Admin {
        Ok(c)
    } else {
        Err(AppError::chat_not_found())
    }
}

/// Foreign chat JSON (a request body) as a checked document: 422 naming what is wrong. A large
/// tree is read and checked on the blocking pool (both are linear, but 30,000 messages take a
/// core for milliseconds).
pub async fn read_chat(chat: Value) -> AppResult<ChatDoc> {
    let large = chat
        .pointer("/history/messages")
        .and_then(Value::as_object)
        .is_some_and(|m| m.len() > VALIDATE_INLINE_UP_TO);
    let read = move || ChatDoc::from_json(chat).map_err(|e| AppError::Unprocessable(e.0));
    if !large {
        return read();
    }
    tokio::task::spawn_blocking(read).await.map_err(|e| {
        tracing::error!(error = %e, "chat reading task failed");
        AppError::Internal
    })?
}

/// Creates a chat for `owner` from Open WebUI's chat JSON (validated; unknown fields kept).
pub async fn create(db: &DatabaseConnection, owner: &user::Model, chat: Value) -> AppResult<chat::Model> {
    create_doc(db, owner, read_chat(chat).await?).await
}

/// Creates a chat for `owner` from a checked document.
pub(super) async fn create_doc(
    db: &DatabaseConnection,
    owner: &user::Model,
    mut chat: ChatDoc,
) -> AppResult<chat::Model> {
    let title = clean_title(chat.title.as_deref())?;
    let tags = chat.tags.clone().unwrap_or_default();
    chat.title = Some(title.clone());
    insert(db, owner.id, title, &chat, json!({ "tags": tags }), now(), now()).await
}

async fn insert(
    db: &impl sea_orm::ConnectionTrait,
    owner: Uuid,
    title: String,
    chat: &ChatDoc,
    meta: Value,
    created_at: i64,
    updated_at: i64,
) -> AppResult<chat::Model> {
    let row = super::transfer::PreparedChat {
        title,
        chat: chat.encode()?,
        meta: encode(&meta)?,
        created_at,
        updated_at,
        pinned: false,
        archived: false,
    };
    insert_prepared(db, owner, row).await
}

/// Inserts a chat row as given (import and clone use it).
pub async fn insert_raw(
    db: &impl sea_orm::ConnectionTrait,
    owner: Uuid,
    chat: &ChatDoc,
    meta: Value,
    created_at: i64,
    updated_at: i64,
) -> AppResult<chat::Model> {
    checked_now(chat)?;
    let title = clean_title(chat.title.as_deref())?;
    insert(db, owner, title, chat, meta, created_at, updated_at).await
}

/// Inserts a chat row whose JSON is encoded and validated (the importer's rows, and every
/// other insert through [`insert`]).
pub async fn insert_prepared(
    db: &impl sea_orm::ConnectionTrait,
    owner: Uuid,
    p: super::transfer::PreparedChat,
) -> AppResult<chat::Model> {
    Ok(chat::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(owner),
        title: Set(p.title),
        chat: Set(p.chat),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
        share_id: Set(None),
        archived: Set(p.archived),
        pinned: Set(p.pinned),
        meta: Set(p.meta),
        folder_id: Set(None),
        folder_private: Set(false),
        version: Set(0),
    }
    .insert(db)
    .await?)
}

/// Every chat of `owner`, archived ones too, newest first (for "Export All Chats").
pub async fn list_all(db: &DatabaseConnection, owner: &user::Model) -> AppResult<Vec<chat::Model>> {
    Ok(chat::Entity::find()
        .filter(chat::Column::UserId.eq(owner.id))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// `owner`'s chats that are not archived, newest first, `PAGE_SIZE` per page (pages from 1).
pub async fn list(db: &DatabaseConnection, owner: &user::Model, page: u64) -> AppResult<Vec<chat::Model>> {
    Ok(chat::Entity::find()
        .filter(chat::Column::UserId.eq(owner.id))
        .filter(chat::Column::Archived.eq(false))
        .order_by_desc(chat::Column::UpdatedAt)
        .offset(crate::entities::page_offset(page, PAGE_SIZE)?)
        .limit(PAGE_SIZE)
        .all(db)
        .await?)
}

/// The sidebar: pinned chats first, then the rest by last update; titles matching `query`; at
/// most `limit` of them ([`super::SIDEBAR_MAX`] at the most).
pub async fn sidebar(
    db: &DatabaseConnection,
    owner: &user::Model,
    query: &str,
    limit: u64,
) -> AppResult<Vec<ChatSummary>> {
    let mut q = chat::Entity::find()
        .select_only()
        .columns([
            chat::Column::Id,
            chat::Column::Title,
            chat::Column::UpdatedAt,
            chat::Column::Pinned,
            chat::Column::Archived,
            chat::Column::ShareId,
        ])
        .filter(chat::Column::UserId.eq(owner.id))
        .filter(chat::Column::Archived.eq(false));
    let query = query.trim();
    if query.is_empty() {
        // Chats in folders are listed under their folder (search finds them all).
        q = q.filter(chat::Column::FolderId.is_null());
    } else {
        q = q.filter(crate::entities::contains_ignoring_case(
            chat::Column::Title,
            query,
        ));
    }
    let rows: Vec<(Uuid, String, i64, bool, bool, Option<Uuid>)> = q
        .order_by_desc(chat::Column::Pinned)
        .order_by_desc(chat::Column::UpdatedAt)
        .limit(limit.min(super::SIDEBAR_MAX))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, updated_at, pinned, archived, share_id)| ChatSummary {
                id,
                title,
                updated_at,
                pinned,
                archived,
                share_id,
            },
        )
        .collect())
}

/// How many times a change is applied to a fresh read of the chat when other writers keep
/// getting there first, before the caller is told to try again (409).
const WRITE_ATTEMPTS: u32 = 32;

/// Writes `chat` (and `title`, when given) over the row `c` was read from, if nobody has
/// written the chat's JSON since (`version` unchanged: optimistic concurrency). `None` when
/// somebody has: the caller reads the chat again and re-applies its change (see [`change`]).
/// The title column is left alone unless the change is a new title, so a rename racing this
/// write is kept.
pub(super) async fn save(
    db: &DatabaseConnection,
    c: chat::Model,
    chat: &ChatDoc,
    title: Option<String>,
) -> AppResult<Option<chat::Model>> {
    let text = chat.encode()?;
    let updated_at = now();
    let mut write = chat::Entity::update_many()
        .col_expr(chat::Column::Chat, Expr::value(text.clone()))
        .col_expr(chat::Column::UpdatedAt, Expr::value(updated_at));
    if let Some(t) = &title {
        write = write.col_expr(chat::Column::Title, Expr::value(t.clone()));
    }
    let written = write
        .col_expr(chat::Column::Version, Expr::value(c.version + 1))
        .filter(chat::Column::Id.eq(c.id))
        .filter(chat::Column::Version.eq(c.version))
        .exec(db)
        .await?;
    if written.rows_affected == 0 {
        return Ok(None);
    }
    Ok(Some(chat::Model {
        chat: text,
        title: title.unwrap_or(c.title.clone()),
        updated_at,
        version: c.version + 1,
        ..c
    }))
}

/// Runs `attempt` (read the chat, apply a change, [`save`]) until its save lands: a change
/// another writer beat is re-applied to what that writer saved, so no write is lost. A short,
/// growing pause between attempts lets a burst of writers through one by one.
pub(super) async fn change<R, Fut>(mut attempt: impl FnMut() -> Fut) -> AppResult<R>
where
    Fut: std::future::Future<Output = AppResult<Option<R>>>,
{
    for n in 0..WRITE_ATTEMPTS {
        if let Some(done) = attempt().await? {
            return Ok(done);
        }
        let pause = rand::random::<u64>() % (2 + u64::from(n.min(8)) * 4);
        tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
    }
    tracing::warn!("a chat write lost {WRITE_ATTEMPTS} races in a row");
    Err(AppError::Conflict(
        "This chat is being changed in another place right now. Please try again.".to_owned(),
    ))
}

/// Merges `patch` into the chat's JSON (top-level keys replace, as Open WebUI does), validates
/// the result and bumps `updated_at`. The title changes only when `patch` holds one.
pub async fn update(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    patch: Value,
) -> AppResult<chat::Model> {
    let Value::Object(patch) = patch else {
        return Err(AppError::Unprocessable(
            "The chat must be a JSON object.".to_owned(),
        ));
    };
    let retitles = patch.contains_key("title");
    change(|| async {
        let c = find_visible(db, caller, id).await?;
        let stored = ChatDoc::from_stored(&c.chat)?;
        let Value::Object(mut merged) = serde_json::to_value(&stored).map_err(|_| AppError::Internal)? else {
            return Err(AppError::Internal);
        };
        merged.extend(patch.clone());
        let mut chat = read_chat(Value::Object(merged)).await?;
        let title = if retitles {
            let t = clean_title(chat.title.as_deref())?;
            chat.title = Some(t.clone());
            Some(t)
        } else {
            None
        };
        save(db, c, &chat, title).await
    })
    .await
}

/// Renames a chat. Only the title column changes: the chat's JSON is not rewritten, so a
/// rename never races a message being saved (readers take the title from the column).
pub async fn rename(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    title: &str,
) -> AppResult<chat::Model> {
    if title.trim().is_empty() {
        return Err(AppError::Unprocessable("The title cannot be empty.".to_owned()));
    }
    let title = clean_title(Some(title))?;
    set_column(db, caller, id, chat::Column::Title, Expr::value(title)).await
}

/// Writes one column of a chat the caller may see (never its JSON) and bumps `updated_at`;
/// returns the chat as it is now.
async fn set_column(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    column: chat::Column,
    value: sea_orm::sea_query::SimpleExpr,
) -> AppResult<chat::Model> {
    let c = find_visible(db, caller, id).await?;
    chat::Entity::update_many()
        .col_expr(column, value)
        .col_expr(chat::Column::UpdatedAt, Expr::value(now()))
        .filter(chat::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    chat::Entity::find_by_id(c.id)
        .one(db)
        .await?
        .ok_or_else(AppError::chat_not_found)
}

/// Deletes a chat; its share snapshot goes with it (foreign key cascade).
pub async fn delete(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<()> {
    let c = find_visible(db, caller, id).await?;
    chat::Entity::delete_by_id(c.id).exec(db).await?;
    Ok(())
}

/// Flips `pinned` (or `archived` when `archive`), returning the chat.
pub async fn toggle(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    archive: bool,
) -> AppResult<chat::Model> {
    // Flipped in the database (`SET pinned = NOT pinned`), not from what was read: two flips at
    // once are two flips. The chat's JSON is not touched.
    let column = if archive {
        chat::Column::Archived
    } else {
        chat::Column::Pinned
    };
    set_column(db, caller, id, column, Expr::col(column).not()).await
}

/// The visible branch of a chat, not yet rendered (`html` is empty: fill it with
/// [`render_views`], or from a stored render).
pub fn messages_view(chat: &ChatDoc) -> Vec<MessageView> {
    messages_view_for(chat, None)
}

/// [`messages_view`] for a reader: `None` for the owner (who may edit every message),
/// `Some(id)` for a collaborator (who may edit their own messages and regenerate the answers
/// to them only).
pub fn messages_view_for(chat: &ChatDoc, collaborator: Option<Uuid>) -> Vec<MessageView> {
    let wrote = |m: &super::doc::Message, who: Uuid| m.author.as_ref().is_some_and(|a| a.id == who);
    chat.visible_path()
        .into_iter()
        .map(|m| {
            let sibs = chat.siblings(&m.id);
            let pos = sibs.iter().position(|s| *s == m.id).unwrap_or(0);
            MessageView {
                id: m.id.clone(),
                role: m.role,
                model: m.model_name.clone().or_else(|| m.model.clone()),
                timestamp: m.seconds(),
                html: String::new(),
                text: m.content.clone(),
                sibling_index: pos,
                sibling_count: sibs.len().max(1),
                prev_sibling: pos
                    .checked_sub(1)
                    .and_then(|p| sibs.get(p))
                    .map(|s| (*s).to_owned()),
                next_sibling: sibs.get(pos + 1).map(|s| (*s).to_owned()),
                parent_id: m.parent_id.clone(),
                error: m.error.as_ref().and_then(|e| e.text()).map(str::to_owned),
                author: m.author.as_ref().map(|a| (a.id, a.name.clone())),
                stopped: m.rest.get(super::STOPPED) == Some(&serde_json::Value::Bool(true)),
                editable: match collaborator {
                    None => true,
                    Some(who) => match m.role {
                        MessageRole::User => wrote(m, who),
                        _ => m
                            .parent_id
                            .as_deref()
                            .and_then(|p| chat.message(p))
                            .is_some_and(|p| wrote(p, who)),
                    },
                },
            }
        })
        .collect()
}

/// Renders each view's markdown into its `html`, off the async threads and within the
/// rendering budget (see [`markdown::render_all`]).
pub async fn render_views(views: &mut [MessageView]) {
    let texts = views.iter().map(|v| v.text.clone()).collect();
    for (v, html) in views.iter_mut().zip(markdown::render_all(texts).await) {
        v.html = html;
    }
}

/// A chat, ready to read (its messages rendered).
pub async fn view(c: &chat::Model) -> AppResult<ChatView> {
    let mut v = view_unrendered(c)?;
    render_views(&mut v.messages).await;
    Ok(v)
}

fn view_unrendered(c: &chat::Model) -> AppResult<ChatView> {
    let chat = ChatDoc::from_stored(&c.chat)?;
    Ok(view_of_doc(c, &chat, c.title.clone(), None))
}

/// The view of chat row `c` showing `doc` (the row's tree, or a collaborator's cut of it)
/// under `title`, not yet rendered; `collaborator` as in [`messages_view_for`].
pub fn view_of_doc(c: &chat::Model, doc: &ChatDoc, title: String, collaborator: Option<Uuid>) -> ChatView {
    ChatView {
        id: c.id,
        title,
        share_id: c.share_id,
        updated_at: c.updated_at,
        version: c.version,
        models: doc.models.clone().unwrap_or_default(),
        messages: messages_view_for(doc, collaborator),
        shared_by: None,
        read_only: false,
        in_folder: c.folder_id.is_some(),
    }
}
