//! What readers other than a link's owner get of its chat JSON: never the owner's private
//! configuration, and for visitors without an account, collaborators' names without their
//! account ids; and the JSON answer that carries it.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::service::PRIVATE_KEYS;
use crate::chats::doc::ChatDoc;
use crate::entities::shared_chat;
use crate::error::{AppError, AppResult};

/// Removes the owner's private configuration keys from a chat JSON text, leaving every other
/// value as it is (top level only: the message tree is passed through without being parsed).
pub fn strip_private(chat_json: &str) -> AppResult<String> {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static FINDERS: LazyLock<Vec<Finder<'static>>> =
        LazyLock::new(|| PRIVATE_NEEDLES.iter().map(Finder::new).collect());
    if !FINDERS.iter().any(|f| f.find(chat_json.as_bytes()).is_some()) {
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

/// [`PRIVATE_KEYS`] quoted, as they appear in JSON, searched for with memchr's vectorised
/// substring search (formatting them for each read and `str::contains`, or finding each bare word
/// and looking around it, was 4 to 5 % of a member's share read).
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

/// A snapshot row in Open WebUI's chat shape, encoded, with `chat` as its JSON: `id` =
/// `share_id` = the link, `user_id` = `shared-{chat id}`, and a live link's `share_mode`.
///
/// `chat` is written as it is: it is a snapshot as stored (checked when it was made) or a
/// reader's copy of one. Borrowing it as a raw JSON value parsed all of it again, a tenth of a
/// share read.
pub fn snapshot_object(r: &shared_chat::Model, chat: &str) -> AppResult<Vec<u8>> {
    use serde::Serialize;
    /// The fields before `chat`, in Open WebUI's order.
    #[derive(Serialize)]
    struct Head<'a> {
        id: String,
        user_id: String,
        title: &'a str,
    }
    /// The fields after it.
    #[derive(Serialize)]
    struct Tail<'a> {
        created_at: i64,
        updated_at: i64,
        share_id: Option<Uuid>,
        archived: bool,
        pinned: bool,
        meta: serde_json::Map<String, serde_json::Value>,
        folder_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        share_mode: Option<&'a str>,
    }
    let head = serde_json::to_vec(&Head {
        id: r.id.to_string(),
        user_id: format!("shared-{}", r.chat_id),
        title: &r.title,
    })
    .map_err(|_| AppError::Internal)?;
    let tail = serde_json::to_vec(&Tail {
        created_at: r.created_at,
        updated_at: r.updated_at,
        share_id: Some(r.id),
        archived: false,
        pinned: false,
        meta: serde_json::Map::new(),
        folder_id: None,
        share_mode: r.share_mode.as_deref(),
    })
    .map_err(|_| AppError::Internal)?;
    // `{head…}` and `{tail…}` around the chat: `{head…,"chat":…,tail…}`.
    let mut out = Vec::with_capacity(head.len() + chat.len() + tail.len() + 8);
    out.extend_from_slice(&head[..head.len() - 1]);
    out.extend_from_slice(b",\"chat\":");
    out.extend_from_slice(chat.as_bytes());
    out.push(b',');
    out.extend_from_slice(&tail[1..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_object_is_open_webuis_chat_object_byte_for_byte() {
        use crate::chats::transfer::{raw, ChatObject};
        for mode in [None, Some("continue")] {
            let r = shared_chat::Model {
                id: Uuid::new_v4(),
                chat_id: Uuid::new_v4(),
                user_id: Uuid::new_v4(),
                title: "A \"quoted\" title ✓".to_owned(),
                chat: r#"{"title":"x","history":{"messages":{},"currentId":null}}"#.to_owned(),
                created_at: 1,
                updated_at: 2,
                password_hash: None,
                share_mode: mode.map(str::to_owned),
                expires_at: None,
                view_count: 0,
                last_viewed_at: None,
                scope: None,
                version: 1,
            };
            let expected = serde_json::to_vec(&ChatObject {
                id: r.id.to_string(),
                user_id: format!("shared-{}", r.chat_id),
                title: &r.title,
                chat: raw(&r.chat).unwrap(),
                created_at: r.created_at,
                updated_at: r.updated_at,
                share_id: Some(r.id),
                archived: false,
                pinned: false,
                meta: raw("{}").unwrap(),
                folder_id: None,
                share_mode: r.share_mode.as_deref(),
            })
            .unwrap();
            let written = snapshot_object(&r, &r.chat).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn the_needles_are_the_private_keys_quoted() {
        let quoted: Vec<String> = PRIVATE_KEYS.iter().map(|k| format!("\"{k}\"")).collect();
        assert_eq!(PRIVATE_NEEDLES.to_vec(), quoted);
        let stripped = strip_private(r#"{"title":"t","params":{"system":"secret"},"files":[1]}"#).unwrap();
        assert_eq!(stripped, r#"{"title":"t"}"#);
    }
}
