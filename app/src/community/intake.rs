//! What an upload brings, read into types at the edge: the chat (a chat document, Open WebUI's
//! chat object, or either as a JSON string), its tags and model names, and the text search
//! finds it by.

use serde_json::Value;

use super::Access;
use crate::chats::doc::ChatDoc;
use crate::error::{AppError, AppResult};
use crate::share::scope::{self, Scope};

/// Most tags a chat carries.
pub const MAX_TAGS: usize = 10;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 32;
/// Most model names kept with a chat.
const MAX_MODELS: usize = 10;
/// Most text a chat's search index holds, in bytes (the rest of a very long chat is not found).
const MAX_SEARCH_BYTES: usize = 1 << 20;
/// The characters search marks a match with; taken out of every indexed text first.
pub const MARK_START: char = '\u{E000}';
/// See [`MARK_START`].
pub const MARK_END: char = '\u{E001}';

/// A JSON text from a form or a server function's argument: 400 when it does not parse.
pub fn json_text(text: &str) -> AppResult<Value> {
    serde_json::from_str(text).map_err(|e| AppError::BadRequest(format!("The chat is not valid JSON: {e}")))
}

/// The received chat as a checked document: unwrapped from Open WebUI's chat object, titled,
/// with the uploader's private configuration (system prompt, attached files, per-message
/// settings) left out. 422 when it is not a chat or has no messages.
pub async fn received_chat(chat: Value) -> AppResult<ChatDoc> {
    let chat = match chat {
        Value::String(text) => json_text(&text)?,
        other => other,
    };
    let outer_title = chat.get("title").and_then(Value::as_str).map(str::to_owned);
    let inner = match chat {
        Value::Object(mut m) if !m.contains_key("history") && m.get("chat").is_some_and(Value::is_object) => {
            m.remove("chat").unwrap_or(Value::Null)
        }
        other => other,
    };
    let mut doc = crate::chats::service::read_chat(inner).await?;
    if doc.is_empty() {
        return Err(AppError::Unprocessable("The chat has no messages.".to_owned()));
    }
    let named = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let title = crate::chats::service::clean_title(named(&doc.title).or(named(&outer_title)).as_deref())?;
    for k in crate::share::service::PRIVATE_KEYS {
        doc.rest.remove(*k);
    }
    let full = Scope {
        full_history: true,
        ..Scope::default()
    };
    let mut doc = scope::apply(&doc, &full)?.unwrap_or(doc);
    doc.title = Some(title);
    Ok(doc)
}

/// Tags as stored: lower case, letters, digits and `-`, at most [`MAX_TAGS`] of at most
/// [`MAX_TAG_CHARS`] characters, each once (422 naming the rule broken).
pub fn clean_tags(raw: &[String]) -> AppResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in raw {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > MAX_TAG_CHARS
            || !t.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return Err(AppError::Unprocessable(format!(
                "A tag is one word of at most {MAX_TAG_CHARS} letters, digits, - or _ (not \"{t}\")."
            )));
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(AppError::Unprocessable(format!(
            "A chat has at most {MAX_TAGS} tags."
        )));
    }
    Ok(out)
}

/// Model names from what an upload says (or the chat's own `models`).
pub fn model_names(models: &Value, doc: &ChatDoc) -> Vec<String> {
    let given: Vec<String> = models
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| match m {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o
                        .get("name")
                        .or_else(|| o.get("id"))
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let names = if given.is_empty() {
        doc.models.clone().unwrap_or_default()
    } else {
        given
    };
    names
        .into_iter()
        .map(|n| n.chars().take(200).collect::<String>())
        .filter(|n| !n.trim().is_empty())
        .take(MAX_MODELS)
        .collect()
}

/// The message text search finds a chat by (its title and tags are indexed beside it): what
/// its visitors can read, the visible branch of a public chat, every branch of a full-history
/// one; nothing for a private one. The match markers are taken out, and the text stops at
/// [`MAX_SEARCH_BYTES`].
pub fn search_text(doc: &ChatDoc, access: Access) -> String {
    if access == Access::Private {
        return String::new();
    }
    let mut out = String::new();
    let messages = match access {
        Access::PublicFullHistory => scope::reading_order(doc),
        _ => doc.visible_path(),
    };
    for m in messages {
        if out.len() >= MAX_SEARCH_BYTES {
            break;
        }
        out.push_str(&m.content);
        out.push('\n');
    }
    let mut cut = out.len().min(MAX_SEARCH_BYTES);
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out.retain(|c| c != MARK_START && c != MARK_END);
    out
}
