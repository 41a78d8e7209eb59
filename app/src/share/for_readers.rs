//! What readers other than a link's owner get of its chat JSON: never the owner's private
//! configuration, and for visitors without an account, collaborators' names without their
//! account ids.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::service::PRIVATE_KEYS;
use crate::chats::doc::ChatDoc;
use crate::error::{AppError, AppResult};

/// Removes the owner's private configuration keys from a chat JSON text, leaving every other
/// value as it is (top level only: the message tree is passed through without being parsed).
pub fn strip_private(chat_json: &str) -> AppResult<String> {
    if !PRIVATE_NEEDLES.iter().any(|k| chat_json.contains(k)) {
        return Ok(chat_json.to_owned());
    }
    let mut top: Map<String, Value> = match serde_json::from_str::<Value>(chat_json) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Ok(chat_json.to_owned()),
        Err(e) => {
            tracing::error!(error = %e, "stored snapshot JSON does not parse");
            return Err(AppError::Internal);
        }
    };
    for k in PRIVATE_KEYS {
        top.remove(*k);
    }
    serde_json::to_string(&top).map_err(|_| AppError::Internal)
}

/// [`PRIVATE_KEYS`] quoted, as they appear in JSON: searched for as they are (formatting them
/// for each read, or finding each bare word and looking around it, was 4 % of a share read).
const PRIVATE_NEEDLES: [&str; 4] = ["\"params\"", "\"system\"", "\"files\"", "\"knowledge\""];

/// `chat_json` with every collaborator's account id replaced by the nil id (a visitor needs
/// their names only); the text as it is when no message names an author.
pub fn without_author_ids(chat_json: String) -> AppResult<String> {
    if !chat_json.contains("\"author\"") {
        return Ok(chat_json);
    }
    let mut doc = ChatDoc::from_stored(&chat_json)?;
    if let Some(h) = &mut doc.history {
        for a in h.messages.values_mut().filter_map(|m| m.author.as_mut()) {
            a.id = Uuid::nil();
        }
    }
    doc.sync_flat_messages();
    doc.encode()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_needles_are_the_private_keys_quoted() {
        let quoted: Vec<String> = PRIVATE_KEYS.iter().map(|k| format!("\"{k}\"")).collect();
        assert_eq!(PRIVATE_NEEDLES.to_vec(), quoted);
        let stripped = strip_private(r#"{"title":"t","params":{"system":"secret"},"files":[1]}"#).unwrap();
        assert_eq!(stripped, r#"{"title":"t"}"#);
    }
}
