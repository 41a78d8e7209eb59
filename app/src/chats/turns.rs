//! A conversation's turns: the composer's message, the model's answer, edits (a sibling
//! version), branch switching, the model picked and the title the model gives. Each change to
//! the chat's JSON is a compare-and-set write through [`super::service`]'s `change`, so none is
//! lost to a concurrent writer; the title is a column of its own.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::collaborators::{self, find_writable, Access, Writable};
use super::doc::Author;
use super::doc::{ChatDoc, Message, MessageRole};
use super::service::{change, checked, clean_title, create_doc, save, MAX_MESSAGE};
use crate::entities::{chat, now, user};
use crate::error::{AppError, AppResult};

/// Appends the user's message to the visible branch of `chat_id`, or starts a new chat titled
/// after its first words when `chat_id` is `None`.
///
/// `model`, when given, is remembered as the chat's model (`chat.models`).
/// Where a chat keeps its settings for the model (`params.system`: the system prompt).
pub const SYSTEM_PARAMS: &str = "params";

pub async fn add_user_message(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Option<Uuid>,
    content: &str,
    model: Option<&str>,
) -> AppResult<chat::Model> {
    add_user_message_in(db, caller, chat_id, content, model, None).await
}

/// [`add_user_message`]; a new chat goes into `folder` when it is one of the caller's own
/// folders, and starts with that folder's system prompt (its `data.system_prompt`) instead of
/// the one in the caller's Settings.
pub async fn add_user_message_in(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Option<Uuid>,
    content: &str,
    model: Option<&str>,
    folder: Option<Uuid>,
) -> AppResult<chat::Model> {
    let message = user_message(content)?;
    let models = model_list(model)?;
    match chat_id {
        None => {
            let mut chat = ChatDoc {
                title: Some(first_words(content)),
                models: Some(models.unwrap_or_default()),
                ..ChatDoc::default()
            };
            // The system prompt of the owner's Settings, kept with the chat (Open WebUI's
            // `params.system`; links never show it).
            let project = match folder {
                Some(f) => crate::entities::folder::Entity::find_by_id(f)
                    .one(db)
                    .await?
                    .filter(|f| f.user_id == caller.id),
                None => None,
            };
            let system = match project.as_ref().and_then(|f| f.system_prompt()) {
                Some(p) => Some(p),
                None => crate::accounts::profile::service::system_prompt(db, caller.id).await?,
            };
            if let Some(system) = system {
                chat.rest
                    .insert(SYSTEM_PARAMS.to_owned(), serde_json::json!({ "system": system }));
            }
            chat.append(None, message);
            let made = create_doc(db, caller, chat).await?;
            let Some(f) = project else {
                return Ok(made);
            };
            chat::Entity::update_many()
                .col_expr(chat::Column::FolderId, Expr::value(f.id.to_string()))
                .filter(chat::Column::Id.eq(made.id))
                .exec(db)
                .await?;
            Ok(chat::Model {
                folder_id: Some(f.id.to_string()),
                ..made
            })
        }
        Some(id) => {
            let new_id = message.id.clone();
            let saved = change(|| async {
                let Writable { chat: c, access, .. } = find_writable(db, caller, id).await?;
                let mut chat = ChatDoc::from_stored(&c.chat)?;
                let message = message.clone();
                match &access {
                    Access::Owner => {
                        let parent = chat.current_id().map(str::to_owned);
                        chat.append(parent.as_deref(), message);
                        remember_model(&mut chat, models.clone());
                    }
                    Access::Collaborator(bounds) => {
                        // After the leaf they see: the shared branch's tip (the chat's
                        // `currentId` moves with it) or a branch of their own (it does not).
                        let parent =
                            collaborators::collaborator_leaf(db, &chat, bounds.as_ref(), c.id, caller.id)
                                .await?;
                        append_beside(&mut chat, parent.as_deref(), signed(message, caller));
                    }
                }
                let chat = checked(chat).await?;
                save(db, c, &chat, None).await
            })
            .await?;
            if !collaborators::owns(&saved, caller) {
                collaborators::move_cursor(db, saved.id, caller.id, &new_id).await?;
            }
            Ok(saved)
        }
    }
}

/// A chat's provisional title: the first eight words of its first message, without markdown
/// marks, at most 80 characters (the model's title replaces it after the first answer).
pub fn first_words(content: &str) -> String {
    let words = super::markdown::words_of(content, 400);
    let title: String = words.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
    title.chars().take(80).collect()
}

/// A new user message (422 when empty, 413 when too long).
fn user_message(content: &str) -> AppResult<Message> {
    let content = content.trim();
    if content.is_empty() {
        return Err(AppError::Unprocessable("The message is empty.".to_owned()));
    }
    if content.len() > MAX_MESSAGE {
        return Err(AppError::PayloadTooLarge);
    }
    Ok(Message::new(MessageRole::User, content))
}

/// Appends `message` under `parent` without moving the chat's `currentId`, unless `parent` is
/// that `currentId` (the message then extends the visible branch): how a collaborator's turns
/// are added.
fn append_beside(chat: &mut ChatDoc, parent: Option<&str>, message: Message) {
    let tip = chat.current_id().map(str::to_owned);
    let extends = parent.is_some() && parent == tip.as_deref();
    chat.append(parent, message);
    if !extends {
        if let Some(h) = &mut chat.history {
            h.current_id = tip;
        }
        chat.sync_flat_messages();
    }
}

/// `message` with its author recorded (a collaborator's, not the owner's).
fn signed(mut message: Message, writer: &user::Model) -> Message {
    message.author = Some(Author {
        id: writer.id,
        name: writer.name.clone(),
    });
    message
}

/// `chat.models` for a picked model (422 when the name is empty or absurdly long).
fn model_list(model: Option<&str>) -> AppResult<Option<Vec<String>>> {
    match model.map(str::trim) {
        None => Ok(None),
        Some(m) if m.is_empty() || m.len() > 500 => {
            Err(AppError::Unprocessable("The model name is not valid.".to_owned()))
        }
        Some(m) => Ok(Some(vec![m.to_owned()])),
    }
}

fn remember_model(chat: &mut ChatDoc, models: Option<Vec<String>>) {
    if models.is_some() {
        chat.models = models;
    }
}

/// Remembers `model` as the chat's model (the picker's choice).
pub async fn set_model(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    model: &str,
) -> AppResult<chat::Model> {
    let models = model_list(Some(model))?;
    change(|| async {
        let found = find_writable(db, caller, id).await?;
        if !found.owned() {
            // A collaborator's pick is theirs: the owner's chat keeps its model.
            return Ok(Some(found.chat));
        }
        let c = found.chat;
        let mut chat = ChatDoc::from_stored(&c.chat)?;
        remember_model(&mut chat, models.clone());
        save(db, c, &chat, None).await
    })
    .await
}

/// Edit: adds `content` as a new sibling of the user message `message_id` (the original stays,
/// one "‹ ›" step away) and shows it. Returns the chat and the new message's id.
pub async fn edit_user_message(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    message_id: &str,
    content: &str,
    model: Option<&str>,
) -> AppResult<(chat::Model, String)> {
    let message = user_message(content)?;
    let models = model_list(model)?;
    let new_id = message.id.clone();
    let saved = change(|| async {
        let Writable { chat: c, access, .. } = find_writable(db, caller, id).await?;
        let mut chat = ChatDoc::from_stored(&c.chat)?;
        if let Access::Collaborator(bounds) = &access {
            collaborators::check_message(&chat, bounds.as_ref(), caller.id, message_id, true)?;
        }
        let original = chat
            .message(message_id)
            .ok_or_else(|| AppError::NotFound("Message not found.".to_owned()))?;
        if original.role != MessageRole::User {
            return Err(AppError::Unprocessable(
                "Only your own messages can be edited.".to_owned(),
            ));
        }
        let parent = original.parent_id.clone();
        match access {
            Access::Owner => {
                chat.append(parent.as_deref(), message.clone());
                remember_model(&mut chat, models.clone());
            }
            Access::Collaborator(_) => {
                // Their edit is a branch of their own: the owner's branch stays where it is.
                append_beside(&mut chat, parent.as_deref(), signed(message.clone(), caller));
            }
        }
        let chat = checked(chat).await?;
        save(db, c, &chat, None).await
    })
    .await?;
    if !collaborators::owns(&saved, caller) {
        collaborators::move_cursor(db, saved.id, caller.id, &new_id).await?;
    }
    Ok((saved, new_id))
}

/// Saves a model's answer under `parent_id` and shows it. Reads the chat fresh, so nothing is
/// held while the answer was being written.
///
/// `collaborator`: who asked, when it was a collaborator on the chat's live link: their answer
/// moves the chat's `currentId` only when it extends the visible branch, and moves their cursor.
pub async fn add_assistant_message(
    db: &DatabaseConnection,
    chat_id: Uuid,
    parent_id: &str,
    message: Message,
    collaborator: Option<Uuid>,
) -> AppResult<chat::Model> {
    let models = message.model.clone().map(|m| vec![m]);
    let answer_id = message.id.clone();
    let saved = change(|| async {
        let c = chat::Entity::find_by_id(chat_id)
            .one(db)
            .await?
            .ok_or_else(AppError::chat_not_found)?;
        let mut chat = ChatDoc::from_stored(&c.chat)?;
        if chat.message(parent_id).is_none() {
            return Err(AppError::NotFound(
                "The message this answers was deleted.".to_owned(),
            ));
        }
        if collaborator.is_some() {
            append_beside(&mut chat, Some(parent_id), message.clone());
        } else {
            chat.append(Some(parent_id), message.clone());
            remember_model(&mut chat, models.clone());
        }
        let chat = checked(chat).await?;
        save(db, c, &chat, None).await
    })
    .await?;
    if let Some(who) = collaborator {
        collaborators::move_cursor(db, chat_id, who, &answer_id).await?;
    }
    Ok(saved)
}

/// Gives the chat the model's `title` if its title is still `provisional`; false when it was
/// renamed meanwhile (or is gone). One conditional write of the title column.
pub async fn name_if_untitled(
    db: &DatabaseConnection,
    chat_id: Uuid,
    provisional: &str,
    title: &str,
) -> AppResult<bool> {
    let title = clean_title(Some(title))?;
    let written = chat::Entity::update_many()
        .col_expr(chat::Column::Title, Expr::value(title))
        .col_expr(chat::Column::UpdatedAt, Expr::value(now()))
        .filter(chat::Column::Id.eq(chat_id))
        .filter(chat::Column::Title.eq(provisional))
        .exec(db)
        .await?;
    Ok(written.rows_affected > 0)
}

/// Shows the branch of `message_id` (its newest leaf becomes `currentId`).
pub async fn switch_branch(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    message_id: &str,
) -> AppResult<chat::Model> {
    change(|| async {
        let found = find_writable(db, caller, id).await?;
        if let Access::Collaborator(bounds) = &found.access {
            // A collaborator's switch moves their own cursor, never the owner's branch.
            let chat = ChatDoc::from_stored(&found.chat.chat)?;
            collaborators::check_message(&chat, bounds.as_ref(), caller.id, message_id, false)?;
            collaborators::move_cursor(db, found.chat.id, caller.id, message_id).await?;
            return Ok(Some(found.chat));
        }
        let c = found.chat;
        let mut chat = ChatDoc::from_stored(&c.chat)?;
        if !chat.switch_to(message_id) {
            return Err(AppError::NotFound("Message not found.".to_owned()));
        }
        save(db, c, &chat, None).await
    })
    .await
}
