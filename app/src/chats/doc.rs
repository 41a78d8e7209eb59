//! The chat document: Open WebUI's chat JSON as types. A chat is a [`ChatDoc`] whose
//! [`History`] holds its [`Message`]s keyed by id; every field Open WebUI writes that we do not
//! model is kept in a `rest` map (`#[serde(flatten)]`), so a chat read and written again loses
//! nothing. JSON from outside (a request body, an import file, a stored row) becomes a
//! `ChatDoc` through [`ChatDoc::from_json`] or [`ChatDoc::from_stored`], which check the tree;
//! the tree's operations live in [`super::tree`].

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::tree::TreeError;
pub use super::MessageRole;
use crate::error::{AppError, AppResult};

/// Open WebUI's chat JSON (`chat.chat` in its API).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatDoc {
    /// The title as last written with the chat JSON. The row's `title` column is the truth:
    /// renames change only the column, and every reader puts the column's title back here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The models picked for the chat (the first one answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models: Option<Vec<String>>,
    /// The message tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
    /// Open WebUI's flat copy of the visible branch: written from `history` after each change
    /// ([`ChatDoc::sync_flat_messages`]), never read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Value>>,
    /// Tags (Open WebUI keeps them in the row's `meta` too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Value>>,
    /// When the chat was started, epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Number>,
    /// Every other field, as it came.
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

/// `chat.history`: the messages keyed by id, and the leaf the user sees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Every message of every branch, keyed by its id.
    #[serde(default, deserialize_with = "messages_by_id")]
    pub messages: BTreeMap<String, Message>,
    /// The visible branch's last message; `None` only when there are no messages.
    #[serde(rename = "currentId", default)]
    pub current_id: Option<String>,
    /// Every other field, as it came.
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

/// One message of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Its id (the key it is stored under; filled in from the key when missing).
    #[serde(default)]
    pub id: String,
    /// The message it follows; `None` for a first message (and for each edit of it).
    #[serde(rename = "parentId", default)]
    pub parent_id: Option<String>,
    /// The messages that follow it, oldest first (its answers, or the next turn and its edits).
    #[serde(rename = "childrenIds", default)]
    pub children_ids: Vec<String>,
    /// Who wrote it.
    pub role: MessageRole,
    /// Its text (markdown).
    #[serde(default)]
    pub content: String,
    /// The model that wrote it (answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The model's display name, when Open WebUI recorded one.
    #[serde(rename = "modelName", default, skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    /// When, epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Number>,
    /// Whether an answer finished streaming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// Why an answer failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<MessageError>,
    /// Who wrote a user message, when it was not the chat's owner (a collaborator on a live
    /// link). Our field: Open WebUI keeps it as an unknown one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Every other field, as it came.
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

/// A member who wrote a message in someone else's chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// Their account id.
    pub id: uuid::Uuid,
    /// Their display name when they wrote it.
    pub name: String,
}

/// A failed answer's error: Open WebUI writes `{"content": "…"}`; older chats hold a bare
/// string or another value, kept as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MessageError {
    /// `{"content": "…", …}`.
    Detail {
        /// The error in words.
        content: String,
        /// Every other field, as it came.
        #[serde(flatten)]
        rest: Map<String, Value>,
    },
    /// A bare string.
    Text(String),
    /// Anything else (`true`, say): an error without words.
    Other(Value),
}

impl MessageError {
    /// The error in words, when it has any.
    pub fn text(&self) -> Option<&str> {
        match self {
            MessageError::Detail { content, .. } | MessageError::Text(content) => Some(content),
            MessageError::Other(_) => None,
        }
    }
}

impl Message {
    /// A new message with a fresh id, stamped now; not yet linked into a tree.
    pub fn new(role: MessageRole, content: impl Into<String>) -> Message {
        Message {
            id: uuid::Uuid::new_v4().to_string(),
            parent_id: None,
            children_ids: Vec::new(),
            role,
            content: content.into(),
            model: None,
            model_name: None,
            timestamp: Some(Number::from(crate::entities::now())),
            done: None,
            error: None,
            author: None,
            rest: Map::new(),
        }
    }

    /// `timestamp` as whole seconds.
    pub fn seconds(&self) -> Option<i64> {
        self.timestamp.as_ref().and_then(whole)
    }
}

/// A JSON number as a whole number (fractions dropped).
pub fn whole(n: &Number) -> Option<i64> {
    n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))
}

/// Reads `history.messages`, naming the message whose fields are wrong.
fn messages_by_id<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Message>, D::Error> {
    struct ById;
    impl<'de> Visitor<'de> for ById {
        type Value = BTreeMap<String, Message>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of messages keyed by id")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(id) = map.next_key::<String>()? {
                let mut m: Message = map
                    .next_value()
                    .map_err(|e| de::Error::custom(format!("Message {id}: {}", bare(&e.to_string()))))?;
                if m.id.is_empty() {
                    m.id.clone_from(&id);
                }
                out.insert(id, m);
            }
            Ok(out)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
    }
    d.deserialize_any(ById)
}

/// A serde message without the position serde_json appends ("… at line 1 column 9").
pub(super) fn bare(msg: &str) -> &str {
    msg.split(" at line ").next().unwrap_or(msg)
}

impl ChatDoc {
    /// Foreign chat JSON (a request body, an import) as a checked document: 422 naming what is
    /// wrong when it is not a chat or its tree is broken.
    pub fn from_json(chat: Value) -> Result<ChatDoc, TreeError> {
        let doc = ChatDoc::read_json(chat)?;
        doc.validate()?;
        Ok(doc)
    }

    /// Foreign chat JSON as a document whose fields have the right types; its tree is not
    /// checked yet ([`ChatDoc::validate`]).
    pub fn read_json(chat: Value) -> Result<ChatDoc, TreeError> {
        if !chat.is_object() {
            return Err(TreeError("The chat must be a JSON object.".into()));
        }
        ChatDoc::deserialize(chat).map_err(|e| TreeError(describe(&e.to_string())))
    }

    /// A stored chat (checked when it was stored).
    pub fn from_stored(text: &str) -> AppResult<ChatDoc> {
        serde_json::from_str(text).map_err(|e| {
            tracing::error!(error = %e, "stored chat JSON does not parse");
            AppError::Internal
        })
    }

    /// Encoded for storage.
    pub fn encode(&self) -> AppResult<String> {
        serde_json::to_string(self).map_err(|e| {
            tracing::error!(error = %e, "a chat does not encode");
            AppError::Internal
        })
    }

    /// How many messages the tree holds.
    pub fn len(&self) -> usize {
        self.history.as_ref().map_or(0, |h| h.messages.len())
    }

    /// Whether the tree holds no messages.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The message with this id.
    pub fn message(&self, id: &str) -> Option<&Message> {
        self.history.as_ref()?.messages.get(id)
    }

    /// `history.currentId`.
    pub fn current_id(&self) -> Option<&str> {
        self.history.as_ref()?.current_id.as_deref()
    }
}

/// A deserialisation error in words for the user.
fn describe(msg: &str) -> String {
    let msg = bare(msg);
    if msg.starts_with("Message ") {
        return msg.to_owned();
    }
    if msg.contains("keyed by id") {
        return "chat.history.messages must be an object of messages keyed by id.".to_owned();
    }
    format!("The chat is not valid: {msg}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_unknown_field_survives_a_round_trip() {
        let chat = json!({
            "id": "", "title": "t", "models": ["m"], "params": {"system": "be brief"}, "files": [],
            "timestamp": 1_700_000_000_123u64, "tags": ["a"],
            "history": {"currentId": "u", "extra": 1, "messages": {
                "u": {"id": "u", "parentId": null, "childrenIds": [], "role": "user", "content": "hi",
                      "timestamp": 1.5, "models": ["m"], "files": [{"type": "image"}],
                      "error": {"content": "boom", "code": 7}}
            }},
            "messages": [{"whatever": true}]
        });
        let doc = ChatDoc::from_json(chat.clone()).unwrap();
        assert_eq!(serde_json::to_value(&doc).unwrap(), chat);
        assert_eq!(
            doc.message("u").and_then(|m| m.error.as_ref()?.text()),
            Some("boom")
        );
    }

    #[test]
    fn wrong_fields_are_refused_naming_the_message() {
        let e =
            ChatDoc::from_json(json!({"history": {"currentId": "x", "messages": {"x": {"role": "hacker"}}}}))
                .unwrap_err();
        assert!(e.0.starts_with("Message x: unknown variant `hacker`"), "{e}");
        let e = ChatDoc::from_json(
            json!({"history": {"currentId": "x", "messages": {"x": {"content": "no role"}}}}),
        )
        .unwrap_err();
        assert_eq!(e.0, "Message x: missing field `role`");
        let e = ChatDoc::from_json(json!({"models": "gpt"})).unwrap_err();
        assert!(
            e.0.starts_with("The chat is not valid: invalid type: string"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_id_is_taken_from_the_key() {
        let doc =
            ChatDoc::from_json(json!({"history": {"currentId": "k", "messages": {"k": {"role": "user"}}}}))
                .unwrap();
        assert_eq!(doc.message("k").map(|m| m.id.as_str()), Some("k"));
    }
}
