//! Import and export of chats.
//!
//! Export writes Open WebUI's chat objects (`id, user_id, title, chat, created_at, updated_at,
//! share_id, archived, pinned, meta, folder_id`), one per chat, in a JSON array: what Open
//! WebUI's "Export All Chats" writes. Stored JSON is copied through with only its top level
//! parsed (to put the row's title in it).
//!
//! Import reads
//! - Open WebUI's export: an array of chat objects (or one chat object, or `{"chats": [...]}`),
//!   including old exports whose chat has only a flat `messages` list;
//! - ChatGPT's `conversations.json`: an array of conversations, each a `mapping` of nodes with
//!   `parent`, `children` and `message.author.role` / `message.content.parts`, and a
//!   `current_node`. Tool nodes, hidden nodes and nodes with no text are left out; their
//!   children hang from the nearest kept ancestor.
//!
//! The file is read element by element: each conversation is converted and encoded as soon as
//! it is parsed, so memory holds the upload and the encoded rows, never a parsed copy of the
//! whole file. Everything is inserted in one transaction: a file with one bad chat imports
//! nothing, and the error names the chat and what is wrong with it.

use std::fmt;

use sea_orm::{DatabaseConnection, TransactionTrait};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use super::doc::{bare, whole, ChatDoc, History, Message};
use super::service::insert_prepared;
use super::tree;
use crate::entities::{chat, now, user};
use crate::error::{AppError, AppResult};

/// Most chats one import may hold.
pub const MAX_IMPORT_CHATS: usize = 100_000;

/// A chat converted from an import file, ready to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedChat {
    /// Title (trimmed, never empty).
    pub title: String,
    /// The chat JSON, encoded.
    pub chat: String,
    /// `{"tags": [...]}`, encoded.
    pub meta: String,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds.
    pub updated_at: i64,
    /// Pinned in the source.
    pub pinned: bool,
    /// Archived in the source.
    pub archived: bool,
}

/// Open WebUI's chat object, as every chat endpoint, the export and the share view write it
/// (stored JSON is borrowed as it is stored, never re-parsed).
#[derive(Serialize)]
pub struct ChatObject<'a> {
    /// The chat's id (the link's id for a snapshot).
    pub id: String,
    /// The owner (`shared-{chat id}` for a snapshot, as Open WebUI writes it).
    pub user_id: String,
    /// Title.
    pub title: &'a str,
    /// The chat JSON.
    pub chat: &'a RawValue,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds.
    pub updated_at: i64,
    /// The link's id, if shared.
    pub share_id: Option<uuid::Uuid>,
    /// Archived.
    pub archived: bool,
    /// Pinned.
    pub pinned: bool,
    /// `{"tags": [...]}`.
    pub meta: &'a RawValue,
    /// Folder (always null here).
    pub folder_id: Option<&'a str>,
    /// `"continue"` for a live link's chat (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_mode: Option<&'a str>,
}

/// Stored JSON text as a borrowed raw value (it was valid when stored).
pub fn raw(text: &str) -> AppResult<&RawValue> {
    serde_json::from_str(text).map_err(|e| {
        tracing::error!(error = %e, "stored JSON does not parse");
        AppError::Internal
    })
}

/// Stored chat JSON with `title` as its title: the row's title column is the truth (a rename
/// changes only the column). Only the top level is parsed; the message tree is copied as it is.
pub fn titled(stored: &str, title: &str) -> AppResult<Box<RawValue>> {
    let fault = |e: serde_json::Error| {
        tracing::error!(error = %e, "stored chat JSON does not parse");
        AppError::Internal
    };
    let title = serde_json::value::to_raw_value(title).map_err(fault)?;
    let mut top: std::collections::BTreeMap<String, &RawValue> =
        serde_json::from_str(stored).map_err(fault)?;
    top.insert("title".to_owned(), &title);
    serde_json::value::to_raw_value(&top).map_err(fault)
}

/// One chat as Open WebUI's chat object, encoded (with its link's `share_mode`, when given).
pub fn chat_object(c: &chat::Model, share_mode: Option<&str>) -> AppResult<Vec<u8>> {
    let chat = titled(&c.chat, &c.title)?;
    let obj = ChatObject {
        id: c.id.to_string(),
        user_id: c.user_id.to_string(),
        title: &c.title,
        chat: &chat,
        created_at: c.created_at,
        updated_at: c.updated_at,
        share_id: c.share_id,
        archived: c.archived,
        pinned: c.pinned,
        meta: raw(&c.meta)?,
        folder_id: c.folder_id.as_deref(),
        share_mode,
    };
    serde_json::to_vec(&obj).map_err(|_| AppError::Internal)
}

/// Chats as Open WebUI's export: a JSON array of chat objects.
pub fn export_array(chats: &[chat::Model]) -> AppResult<Vec<u8>> {
    let mut out = Vec::with_capacity(chats.iter().map(|c| c.chat.len() + 256).sum::<usize>() + 2);
    out.push(b'[');
    for (i, c) in chats.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&chat_object(c, None)?);
    }
    out.push(b']');
    Ok(out)
}

/// Reads an import file into chats ready to insert. Errors are 422s naming the chat (by its
/// position, from 1, and its title) and what is wrong with it; 400 when the file is not JSON.
pub fn parse(bytes: &[u8]) -> AppResult<Vec<PreparedChat>> {
    parse_file(bytes).map(|(chats, _)| chats)
}

/// [`parse`], also telling whether the file was one chat object rather than a list.
pub fn parse_file(bytes: &[u8]) -> AppResult<(Vec<PreparedChat>, bool)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut out = Vec::new();
    let mut single = false;
    let result = FileSeed {
        out: &mut out,
        single: &mut single,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match result {
        Ok(()) => {}
        Err(e) if e.is_data() => {
            // Our own messages arrive as custom errors, with serde's position appended.
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            return Err(AppError::Unprocessable(msg));
        }
        Err(e) => return Err(AppError::BadRequest(format!("The file is not valid JSON ({e})."))),
    }
    if out.is_empty() {
        return Err(AppError::Unprocessable("The file holds no chats.".to_owned()));
    }
    Ok((out, single))
}

/// The chats an import created, in file order.
#[derive(Debug)]
pub struct Imported {
    /// The new chats.
    pub chats: Vec<chat::Model>,
    /// The file was one chat object (Open WebUI's import form) rather than a list.
    pub single: bool,
}

/// Imports a file for `owner` in one transaction.
pub async fn import(db: &DatabaseConnection, owner: &user::Model, bytes: Vec<u8>) -> AppResult<Imported> {
    let (prepared, single) = tokio::task::spawn_blocking(move || parse_file(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "import parser task failed");
            AppError::Internal
        })??;
    let txn = db.begin().await?;
    let mut created = Vec::with_capacity(prepared.len());
    for p in prepared {
        created.push(insert_prepared(&txn, owner.id, p).await?);
    }
    txn.commit().await?;
    Ok(Imported {
        chats: created,
        single,
    })
}

/// The top level: an array of chats, `{"chats": [...]}`, or one chat object.
struct FileSeed<'a> {
    out: &'a mut Vec<PreparedChat>,
    single: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of chats (an Open WebUI export or ChatGPT's conversations.json)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Value>()? {
            push(self.out, item).map_err(de::Error::custom)?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let v: Value = serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        match v {
            Value::Object(mut o) if o.get("chats").is_some_and(Value::is_array) => {
                if let Some(Value::Array(items)) = o.remove("chats") {
                    for item in items {
                        push(self.out, item).map_err(de::Error::custom)?;
                    }
                }
                Ok(())
            }
            one => {
                *self.single = true;
                push(self.out, one).map_err(de::Error::custom)
            }
        }
    }
}

fn push(out: &mut Vec<PreparedChat>, item: Value) -> Result<(), String> {
    let n = out.len() + 1;
    if n > MAX_IMPORT_CHATS {
        return Err(format!("The file holds more than {MAX_IMPORT_CHATS} chats."));
    }
    let label = |title: Option<&str>| match title {
        Some(t) if !t.trim().is_empty() => {
            let t: String = t.trim().chars().take(60).collect();
            format!("Chat {n} (“{t}”)")
        }
        _ => format!("Chat {n}"),
    };
    let title_hint = item.get("title").and_then(Value::as_str).map(str::to_owned);
    let prepared = if item.get("mapping").is_some() {
        super::chatgpt_import::from_chatgpt(item)
    } else {
        from_open_webui(item)
    };
    out.push(prepared.map_err(|e| format!("{}: {e}", label(title_hint.as_deref())))?);
    Ok(())
}

pub(super) fn seconds(v: Option<&Value>) -> Option<i64> {
    let v = v?;
    v.as_i64()
        .or_else(|| v.as_f64().map(|f| f as i64))
        .filter(|s| *s >= 0)
}

/// Open WebUI's `created_at`/`updated_at` are seconds, but some exports hold milliseconds or
/// nanoseconds; bring anything past the year 3000 back to seconds.
fn normal_seconds(mut s: i64) -> i64 {
    while s > 32_503_680_000 {
        s /= 1000;
    }
    s
}

pub(super) fn clean_title(t: Option<&str>) -> Result<String, String> {
    super::service::clean_title(t).map_err(|e| e.detail())
}

/// The text tags of an export's `meta.tags` (or a chat's `tags`).
fn text_tags(tags: Option<&Value>) -> Vec<Value> {
    tags.and_then(Value::as_array)
        .map(|a| a.iter().filter(|t| t.is_string()).cloned().collect())
        .unwrap_or_default()
}

pub(super) fn finish(
    mut chat: ChatDoc,
    title: String,
    tags: Vec<Value>,
    created_at: i64,
    updated_at: i64,
    pinned: bool,
    archived: bool,
) -> Result<PreparedChat, String> {
    chat.validate().map_err(|e| e.0)?;
    chat.title = Some(title.clone());
    Ok(PreparedChat {
        title,
        chat: serde_json::to_string(&chat).map_err(|e| e.to_string())?,
        meta: serde_json::to_string(&json!({ "tags": tags })).map_err(|e| e.to_string())?,
        created_at,
        updated_at: updated_at.max(created_at),
        pinned,
        archived,
    })
}

/// An Open WebUI chat object (`{id, title, chat: {...}, created_at, ...}`) or a bare chat JSON
/// (`{title, history, ...}`).
fn from_open_webui(item: Value) -> Result<PreparedChat, String> {
    let Value::Object(mut obj) = item else {
        return Err("is not a JSON object".to_owned());
    };
    let wrapped = obj.get("chat").is_some_and(Value::is_object);
    let (chat, outer) = if wrapped {
        let chat = obj.remove("chat").unwrap_or(Value::Null);
        (chat, obj)
    } else if obj.contains_key("history") || obj.contains_key("messages") {
        (Value::Object(obj), Map::new())
    } else {
        return Err(
            "is neither an Open WebUI chat (no \"chat\" or \"history\") nor a ChatGPT conversation (no \"mapping\")"
                .to_owned(),
        );
    };
    let mut chat = ChatDoc::read_json(chat).map_err(|e| e.0)?;
    if chat.history.is_none() {
        if let Some(flat) = &chat.messages {
            chat.history = Some(history_from_flat_messages(flat)?);
        }
    }
    let title = clean_title(
        outer
            .get("title")
            .and_then(Value::as_str)
            .or(chat.title.as_deref()),
    )?;
    let from_chat_timestamp = chat.timestamp.as_ref().and_then(whole).map(normal_seconds);
    let created_at = seconds(outer.get("created_at"))
        .map(normal_seconds)
        .or(from_chat_timestamp)
        .unwrap_or_else(now);
    let updated_at = seconds(outer.get("updated_at"))
        .map(normal_seconds)
        .unwrap_or(created_at);
    let tags = match outer.get("meta") {
        Some(m) => text_tags(m.get("tags")),
        None => chat
            .tags
            .iter()
            .flatten()
            .filter(|t| t.is_string())
            .cloned()
            .collect(),
    };
    let flag = |k: &str| outer.get(k).and_then(Value::as_bool).unwrap_or(false);
    let (pinned, archived) = (flag("pinned"), flag("archived"));
    finish(chat, title, tags, created_at, updated_at, pinned, archived)
}

/// Old Open WebUI chats carry only `messages`, a flat list with `parentId` (and, not always,
/// `childrenIds`); build `history` from it (the last message is the one shown).
fn history_from_flat_messages(list: &[Value]) -> Result<History, String> {
    let mut messages = std::collections::BTreeMap::new();
    let mut last = None;
    for (i, m) in list.iter().enumerate() {
        let m = Message::deserialize(m)
            .map_err(|e| format!("message {} of \"messages\": {}", i + 1, bare(&e.to_string())))?;
        if m.id.is_empty() {
            return Err(format!("message {} of \"messages\" has no id", i + 1));
        }
        last = Some(m.id.clone());
        messages.insert(m.id.clone(), m);
    }
    tree::link_children(&mut messages);
    Ok(History {
        messages,
        current_id: last,
        rest: Map::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chatgpt_nodes_without_text_are_skipped_and_children_reattached() {
        let conv = json!([{
            "title": "Plants",
            "create_time": 1_700_000_000.5,
            "update_time": 1_700_000_100.0,
            "current_node": "a2",
            "mapping": {
                "root": {"id": "root", "message": null, "parent": null, "children": ["sys"]},
                "sys": {"id": "sys", "parent": "root", "children": ["u1"], "message": {"id": "sys",
                    "author": {"role": "system"}, "content": {"content_type": "text", "parts": [""]},
                    "metadata": {"is_visually_hidden_from_conversation": true}}},
                "u1": {"id": "u1", "parent": "sys", "children": ["a1", "t1"], "message": {"id": "u1",
                    "author": {"role": "user"}, "create_time": 1_700_000_010.0,
                    "content": {"content_type": "text", "parts": ["How often do I water a cactus?"]}}},
                "a1": {"id": "a1", "parent": "u1", "children": [], "message": {"id": "a1",
                    "author": {"role": "assistant"}, "metadata": {"model_slug": "gpt-4o"},
                    "content": {"content_type": "text", "parts": ["Every two weeks."]}}},
                "t1": {"id": "t1", "parent": "u1", "children": ["a2"], "message": {"id": "t1",
                    "author": {"role": "tool"}, "content": {"content_type": "text", "parts": ["search results"]}}},
                "a2": {"id": "a2", "parent": "t1", "children": [], "message": {"id": "a2",
                    "author": {"role": "assistant"}, "metadata": {"model_slug": "gpt-4o"},
                    "content": {"content_type": "text", "parts": ["Rarely: once a month in winter."]}}}
            }
        }]);
        let out = parse(conv.to_string().as_bytes()).unwrap();
        assert_eq!(out.len(), 1);
        let c = ChatDoc::from_stored(&out[0].chat).unwrap();
        assert_eq!(c.len(), 3, "root, hidden system and tool nodes are gone: {c:?}");
        let msg = |id: &str| c.message(id).unwrap();
        assert_eq!(msg("u1").parent_id, None);
        assert_eq!(msg("u1").children_ids, ["a1", "a2"]);
        assert_eq!(
            msg("a2").parent_id.as_deref(),
            Some("u1"),
            "tool node's child hangs from the user message"
        );
        assert_eq!(c.current_id(), Some("a2"));
        assert_eq!(c.models, Some(vec!["gpt-4o".to_owned()]));
        assert_eq!(out[0].created_at, 1_700_000_000);
        assert_eq!(out[0].title, "Plants");
    }

    #[test]
    fn broken_files_name_the_chat_and_the_fault() {
        let cases: Vec<(String, u16, &str)> = vec![
            ("{not json".into(), 400, "not valid JSON"),
            ("[]".into(), 422, "no chats"),
            ("[1]".into(), 422, "Chat 1: is not a JSON object"),
            (r#"[{"foo": 1}]"#.into(), 422, "Chat 1: is neither"),
            (
                json!([{"title": "ok", "chat": {}}, {"title": "Bad", "chat": {"history": {"currentId": "x", "messages": {"x": {"role": "user", "parentId": "ghost"}}}}}]).to_string(),
                422,
                "Chat 2 (“Bad”): Message x names a parent ghost",
            ),
            (
                json!([{"title": "G", "mapping": {"a": {"parent": "zz", "children": []}}}]).to_string(),
                422,
                "Chat 1 (“G”): node a names a parent zz",
            ),
            (
                json!([{"title": "C", "mapping": {"a": {"parent": "b"}, "b": {"parent": "a"}}}]).to_string(),
                422,
                "cycle",
            ),
        ];
        for (input, status, needle) in cases {
            let e = parse(input.as_bytes()).unwrap_err();
            assert_eq!(e.status(), status, "{input}: {e}");
            assert!(e.detail().contains(needle), "{input}: {}", e.detail());
        }
    }

    #[test]
    fn old_flat_messages_become_a_history() {
        let file = json!([{"title": "Old", "chat": {"messages": [
            {"id": "m1", "parentId": null, "childrenIds": ["m2"], "role": "user", "content": "hi"},
            {"id": "m2", "parentId": "m1", "childrenIds": [], "role": "assistant", "content": "hello"}
        ]}, "created_at": 1_700_000_000_000i64}, {"title": "Older", "chat": {"messages": [
            {"id": "q", "role": "user", "content": "hi"},
            {"id": "a", "parentId": "q", "role": "assistant", "content": "hello"}
        ]}}]);
        let out = parse(file.to_string().as_bytes()).unwrap();
        let c = ChatDoc::from_stored(&out[0].chat).unwrap();
        assert_eq!(c.current_id(), Some("m2"));
        let older = ChatDoc::from_stored(&out[1].chat).unwrap();
        assert_eq!(
            older.message("q").map(|m| m.children_ids.clone()),
            Some(vec!["a".to_owned()]),
            "children are found from the parents when the list has none"
        );
        assert_eq!(
            out[0].created_at, 1_700_000_000,
            "milliseconds are brought back to seconds"
        );
    }
}
