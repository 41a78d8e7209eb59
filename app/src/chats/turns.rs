//! A conversation's turns: the composer's message, the model's answer, edits (a sibling
//! version), branch switching, the model picked and the title the model gives. Each is a
//! compare-and-set write of the chat JSON through [`super::service`]'s `change`, so none is
//! lost to a concurrent writer.

use sea_orm::DatabaseConnection;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::service::{
    change, checked, clean_title, create, find_visible, parse_stored, save, update, MAX_MESSAGE,
};
use super::tree;
use crate::entities::{chat, now, user};
use crate::error::{AppError, AppResult};
use sea_orm::EntityTrait;

/// Appends the user's message to the visible branch of `chat_id`, or starts a new chat titled
/// after its first words when `chat_id` is `None`.
///
/// `model`, when given, is remembered as the chat's model (`chat.models`).
pub async fn add_user_message(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Option<Uuid>,
    content: &str,
    model: Option<&str>,
) -> AppResult<chat::Model> {
    let message = user_message(content)?;
    let models = model_list(model)?;
    match chat_id {
        None => {
            let mut chat = json!({
                "title": first_words(content),
                "models": models.unwrap_or_default(),
                "history": { "messages": {}, "currentId": null },
            });
            tree::append(&mut chat, None, message);
            create(db, caller, chat).await
        }
        Some(id) => {
            change(|| async {
                let c = find_visible(db, caller, id).await?;
                let mut chat = parse_stored(&c.chat)?;
                let parent = tree::current_id(&chat).map(str::to_owned);
                tree::append(&mut chat, parent.as_deref(), message.clone());
                remember_model(&mut chat, models.clone());
                let chat = checked(chat).await?;
                let title = c.title.clone();
                save(db, c, &chat, title).await
            })
            .await
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
fn user_message(content: &str) -> AppResult<Map<String, Value>> {
    let content = content.trim();
    if content.is_empty() {
        return Err(AppError::Unprocessable("The message is empty.".to_owned()));
    }
    if content.len() > MAX_MESSAGE {
        return Err(AppError::PayloadTooLarge);
    }
    let mut message = Map::new();
    message.insert("id".into(), json!(Uuid::new_v4().to_string()));
    message.insert("role".into(), json!("user"));
    message.insert("content".into(), json!(content));
    message.insert("timestamp".into(), json!(now()));
    Ok(message)
}

/// `chat.models` for a picked model (422 when the name is empty or absurdly long).
fn model_list(model: Option<&str>) -> AppResult<Option<Value>> {
    match model.map(str::trim) {
        None => Ok(None),
        Some(m) if m.is_empty() || m.len() > 500 => {
            Err(AppError::Unprocessable("The model name is not valid.".to_owned()))
        }
        Some(m) => Ok(Some(json!([m]))),
    }
}

fn remember_model(chat: &mut Value, models: Option<Value>) {
    if let (Some(models), Some(o)) = (models, chat.as_object_mut()) {
        o.insert("models".into(), models);
    }
}

/// Remembers `model` as the chat's model (the picker's choice).
pub async fn set_model(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    model: &str,
) -> AppResult<chat::Model> {
    let models = model_list(Some(model))?.unwrap_or_default();
    update(db, caller, id, json!({ "models": models })).await
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
    let new_id = message
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let saved = change(|| async {
        let c = find_visible(db, caller, id).await?;
        let mut chat = parse_stored(&c.chat)?;
        let original = tree::messages(&chat)
            .and_then(|m| m.get(message_id))
            .ok_or_else(|| AppError::NotFound("Message not found.".to_owned()))?;
        if original.get("role").and_then(Value::as_str) != Some("user") {
            return Err(AppError::Unprocessable(
                "Only your own messages can be edited.".to_owned(),
            ));
        }
        let parent = original
            .get("parentId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        tree::append(&mut chat, parent.as_deref(), message.clone());
        remember_model(&mut chat, models.clone());
        let chat = checked(chat).await?;
        let title = c.title.clone();
        save(db, c, &chat, title).await
    })
    .await?;
    Ok((saved, new_id))
}

/// Saves a model's answer under `parent_id` and shows it. Reads the chat fresh, so nothing is
/// held while the answer was being written.
pub async fn add_assistant_message(
    db: &DatabaseConnection,
    chat_id: Uuid,
    parent_id: &str,
    message: Map<String, Value>,
) -> AppResult<chat::Model> {
    let model = message.get("model").cloned();
    change(|| async {
        let c = chat::Entity::find_by_id(chat_id)
            .one(db)
            .await?
            .ok_or_else(AppError::chat_not_found)?;
        let mut chat = parse_stored(&c.chat)?;
        if tree::messages(&chat).is_none_or(|m| !m.contains_key(parent_id)) {
            return Err(AppError::NotFound(
                "The message this answers was deleted.".to_owned(),
            ));
        }
        tree::append(&mut chat, Some(parent_id), message.clone());
        remember_model(&mut chat, model.clone().map(|m| json!([m])));
        let chat = checked(chat).await?;
        let title = c.title.clone();
        save(db, c, &chat, title).await
    })
    .await
}

/// Gives the chat the model's `title` if its title is still `provisional`; false when it was
/// renamed meanwhile (or is gone).
pub async fn name_if_untitled(
    db: &DatabaseConnection,
    chat_id: Uuid,
    provisional: &str,
    title: &str,
) -> AppResult<bool> {
    let title = clean_title(Some(title))?;
    change(|| async {
        let Some(c) = chat::Entity::find_by_id(chat_id).one(db).await? else {
            return Ok(Some(false));
        };
        if c.title != provisional {
            return Ok(Some(false));
        }
        let mut chat = parse_stored(&c.chat)?;
        if let Some(o) = chat.as_object_mut() {
            o.insert("title".into(), Value::String(title.clone()));
        }
        Ok(save(db, c, &chat, title.clone()).await?.map(|_| true))
    })
    .await
}

/// Shows the branch of `message_id` (its newest leaf becomes `currentId`).
pub async fn switch_branch(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    message_id: &str,
) -> AppResult<chat::Model> {
    change(|| async {
        let c = find_visible(db, caller, id).await?;
        let mut chat = parse_stored(&c.chat)?;
        if !tree::switch_to(&mut chat, message_id) {
            return Err(AppError::NotFound("Message not found.".to_owned()));
        }
        tree::sync_flat_messages(&mut chat);
        let title = c.title.clone();
        save(db, c, &chat, title).await
    })
    .await
}
