//! What a link shares: the owner's choices ([`Scope`]) and the snapshot they make of a chat
//! ([`apply`]).
//!
//! By default a link holds the visible branch only (the path to `currentId`): answers the owner
//! regenerated and edits they replaced stay private. "Every branch" keeps the whole tree. A
//! choice of messages keeps exactly those (re-linked into one consistent tree), and later
//! updates keep the choice: messages chosen stay in, messages left out stay out, and messages
//! written after it are shared when they are on what the link shows (the visible branch, or
//! every branch). Masks replace each given string with `[redacted]` in every string of the
//! snapshot. Message-level private fields (`files`, `params`, `system`, `knowledge`) never reach
//! a snapshot.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::masks::mask_all;
pub use super::masks::{mask_text, REDACTED};
use crate::chats::doc::{ChatDoc, Message};
use crate::error::{AppError, AppResult};

/// Most masks a link may have.
pub const MAX_MASKS: usize = 200;
/// Longest mask, in characters.
pub const MAX_MASK_CHARS: usize = 2_000;

/// Message keys that hold the owner's private material (attached files, per-message settings):
/// never in a snapshot.
const PRIVATE_MESSAGE_KEYS: &[&str] = super::service::PRIVATE_KEYS;

/// A link's choices, stored with it (`shared_chat.scope`) and re-applied by every update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// Every branch, not only the visible one.
    #[serde(default)]
    pub full_history: bool,
    /// The messages the owner chose (`None`: no choice, the whole branch or tree).
    #[serde(default)]
    pub chosen: Option<Vec<String>>,
    /// The messages that existed when the owner chose and were left out.
    #[serde(default)]
    pub excluded: Vec<String>,
    /// The masked strings.
    #[serde(default)]
    pub redact: Vec<String>,
}

/// A change of a link's choices, as a share request gives it; each `None` keeps what the link
/// had (a new link: the default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeChange {
    /// Every branch or the visible one.
    pub full_history: Option<bool>,
    /// `Some(Some(ids))`: share only these; `Some(None)`: no choice any more.
    pub message_ids: Option<Option<Vec<String>>>,
    /// Replaces the masks (an empty list removes them).
    pub redact: Option<Vec<String>>,
}

impl Scope {
    /// A stored scope (`None`, or one that does not parse: the default).
    pub fn from_stored(text: Option<&str>) -> Scope {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    /// As stored.
    pub fn encode(&self) -> AppResult<String> {
        serde_json::to_string(self).map_err(|_| AppError::Internal)
    }

    /// This scope changed by `change` for chat `doc`: 422 for an unknown message id, an empty
    /// choice, or a mask that is empty or too long.
    pub fn changed(mut self, doc: &ChatDoc, change: ScopeChange) -> AppResult<Scope> {
        if let Some(full) = change.full_history {
            self.full_history = full;
        }
        if let Some(redact) = change.redact {
            self.redact = checked_masks(redact)?;
        }
        match change.message_ids {
            None => {}
            Some(None) => {
                self.chosen = None;
                self.excluded.clear();
            }
            Some(Some(ids)) => {
                if ids.is_empty() {
                    return Err(AppError::Unprocessable(
                        "Choose at least one message to share.".to_owned(),
                    ));
                }
                if let Some(unknown) = ids.iter().find(|id| doc.message(id).is_none()) {
                    return Err(AppError::Unprocessable(format!(
                        "This chat has no message {unknown}."
                    )));
                }
                let chosen: HashSet<&str> = ids.iter().map(String::as_str).collect();
                self.excluded = doc
                    .history
                    .iter()
                    .flat_map(|h| h.messages.keys())
                    .filter(|id| !chosen.contains(id.as_str()))
                    .cloned()
                    .collect();
                let mut ids = ids;
                ids.sort();
                ids.dedup();
                self.chosen = Some(ids);
            }
        }
        Ok(self)
    }

    /// The ids of `doc`'s messages this scope shares.
    pub fn shared_ids<'a>(&self, doc: &'a ChatDoc) -> HashSet<&'a str> {
        let Some(h) = &doc.history else {
            return HashSet::new();
        };
        let mut ids: HashSet<&str> = if self.full_history {
            h.messages.keys().map(String::as_str).collect()
        } else {
            doc.visible_path().into_iter().map(|m| m.id.as_str()).collect()
        };
        if let Some(chosen) = &self.chosen {
            ids.extend(
                chosen
                    .iter()
                    .filter_map(|id| h.messages.get_key_value(id).map(|(k, _)| k.as_str())),
            );
        }
        for id in &self.excluded {
            ids.remove(id.as_str());
        }
        ids
    }
}

/// Masks as given, checked: none empty, none too long, not too many; longest first (so a mask
/// inside another one does not break it), without repeats.
fn checked_masks(mut masks: Vec<String>) -> AppResult<Vec<String>> {
    if masks.len() > MAX_MASKS {
        return Err(AppError::Unprocessable(format!(
            "A link can have at most {MAX_MASKS} masks."
        )));
    }
    if masks.iter().any(|m| m.trim().is_empty()) {
        return Err(AppError::Unprocessable("A mask cannot be empty.".to_owned()));
    }
    if masks.iter().any(|m| m.chars().count() > MAX_MASK_CHARS) {
        return Err(AppError::Unprocessable(format!(
            "A mask can be at most {MAX_MASK_CHARS} characters."
        )));
    }
    masks.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    masks.dedup();
    Ok(masks)
}

/// The snapshot `scope` makes of `doc` (its title inside), or `None` when it is `doc` itself
/// (everything shared, nothing to mask or remove: the stored text can be kept as it is).
pub fn apply(doc: &ChatDoc, scope: &Scope) -> AppResult<Option<ChatDoc>> {
    let Some(history) = &doc.history else {
        if scope.redact.is_empty() {
            return Ok(None);
        }
        return mask_all(doc.clone(), &scope.redact).map(Some);
    };
    let ids = scope.shared_ids(doc);
    let private_inside = history
        .messages
        .values()
        .any(|m| PRIVATE_MESSAGE_KEYS.iter().any(|k| m.rest.contains_key(*k)));
    if ids.len() == history.messages.len() && !private_inside && scope.redact.is_empty() {
        return Ok(None);
    }
    let mut out = doc.clone();
    let mut kept = doc.keeping(&ids);
    for m in kept.messages.values_mut() {
        for k in PRIVATE_MESSAGE_KEYS {
            m.rest.remove(*k);
        }
    }
    out.history = Some(kept);
    out.sync_flat_messages();
    mask_all(out, &scope.redact).map(Some)
}

/// `doc` with every mask replaced by [`REDACTED`] in every string and key.
pub fn mask_doc(doc: ChatDoc, masks: &[String]) -> AppResult<ChatDoc> {
    mask_all(doc, masks)
}

/// Every message of `doc` in reading order (see [`ChatDoc::reading_order`]).
pub fn reading_order(doc: &ChatDoc) -> Vec<&Message> {
    doc.reading_order()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// u1 → a1 (discarded) | a2 (current); u1's edit u1b → a3.
    fn branched() -> ChatDoc {
        ChatDoc::from_json(json!({
            "title": "T", "files": [{"name": "top"}],
            "history": {"currentId": "a4", "messages": {
                "u1": {"id": "u1", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": "hi", "timestamp": 1, "files": [{"name": "secret.pdf"}]},
                "a1": {"id": "a1", "parentId": "u1", "childrenIds": [], "role": "assistant", "content": "password=hunter2", "timestamp": 2},
                "a2": {"id": "a2", "parentId": "u1", "childrenIds": ["u2"], "role": "assistant", "content": "hello", "timestamp": 3},
                "u2": {"id": "u2", "parentId": "a2", "childrenIds": ["a4"], "role": "user", "content": "more", "timestamp": 4},
                "a4": {"id": "a4", "parentId": "u2", "childrenIds": [], "role": "assistant", "content": "done", "timestamp": 5},
                "u1b": {"id": "u1b", "parentId": null, "childrenIds": ["a3"], "role": "user", "content": "hey", "timestamp": 6},
                "a3": {"id": "a3", "parentId": "u1b", "childrenIds": [], "role": "assistant", "content": "yo", "timestamp": 7}
            }}
        }))
        .unwrap()
    }

    fn ids(doc: &ChatDoc) -> Vec<&str> {
        doc.history
            .as_ref()
            .unwrap()
            .messages
            .keys()
            .map(String::as_str)
            .collect()
    }

    #[test]
    fn the_default_keeps_the_visible_branch_only() {
        let doc = branched();
        let out = apply(&doc, &Scope::default()).unwrap().unwrap();
        out.validate().unwrap();
        assert_eq!(ids(&out), ["a2", "a4", "u1", "u2"]);
        assert_eq!(out.current_id(), Some("a4"));
        let text = serde_json::to_string(&out).unwrap();
        assert!(
            !text.contains("hunter2") && !text.contains("secret.pdf"),
            "{text}"
        );
        // Top-level private keys are stripped per viewer, not here.
        assert!(text.contains("\"top\""));
    }

    #[test]
    fn full_history_keeps_every_branch_without_private_fields() {
        let doc = branched();
        let scope = Scope {
            full_history: true,
            ..Scope::default()
        };
        let out = apply(&doc, &scope).unwrap().unwrap();
        out.validate().unwrap();
        assert_eq!(out.len(), 7);
        assert!(!serde_json::to_string(&out).unwrap().contains("secret.pdf"));
    }

    #[test]
    fn a_chat_shared_whole_is_kept_as_it_is() {
        let doc = ChatDoc::from_json(json!({"history": {"currentId": "b", "messages": {
            "a": {"id": "a", "parentId": null, "childrenIds": ["b"], "role": "user", "content": "q"},
            "b": {"id": "b", "parentId": "a", "childrenIds": [], "role": "assistant", "content": "r"}
        }}}))
        .unwrap();
        assert_eq!(apply(&doc, &Scope::default()).unwrap(), None);
    }

    #[test]
    fn chosen_turns_are_relinked_into_one_tree() {
        let doc = branched();
        let scope = Scope::default()
            .changed(
                &doc,
                ScopeChange {
                    message_ids: Some(Some(vec!["u1".into(), "a4".into(), "a3".into()])),
                    ..Default::default()
                },
            )
            .unwrap();
        let out = apply(&doc, &scope).unwrap().unwrap();
        out.validate().unwrap();
        assert_eq!(ids(&out), ["a3", "a4", "u1"]);
        let h = out.history.as_ref().unwrap();
        assert_eq!(h.messages["a4"].parent_id.as_deref(), Some("u1"));
        assert_eq!(h.messages["u1"].children_ids, ["a4"]);
        // a3's parent (the edit u1b) was left out: it becomes a root.
        assert_eq!(h.messages["a3"].parent_id, None);
        assert_eq!(out.current_id(), Some("a4"));
        assert_eq!(out.messages.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn a_choice_carries_over_to_new_messages_on_the_branch() {
        let mut doc = branched();
        let scope = Scope::default()
            .changed(
                &doc,
                ScopeChange {
                    message_ids: Some(Some(vec!["u2".into(), "a4".into()])),
                    ..Default::default()
                },
            )
            .unwrap();
        let mut next = Message::new(crate::chats::MessageRole::User, "new question");
        next.id = "u3".into();
        doc.append(Some("a4"), next);
        let out = apply(&doc, &scope).unwrap().unwrap();
        out.validate().unwrap();
        // u1 and a2 were left out and stay out; u3 is new on the visible branch and comes in.
        assert_eq!(ids(&out), ["a4", "u2", "u3"]);
        assert_eq!(out.current_id(), Some("u3"));
    }

    #[test]
    fn unknown_or_empty_choices_and_empty_masks_are_refused() {
        let doc = branched();
        let change = |ids: Vec<&str>| ScopeChange {
            message_ids: Some(Some(ids.into_iter().map(String::from).collect())),
            ..Default::default()
        };
        let e = Scope::default()
            .changed(&doc, change(vec!["u1", "nope"]))
            .unwrap_err();
        assert_eq!(
            e,
            AppError::Unprocessable("This chat has no message nope.".into())
        );
        assert!(Scope::default().changed(&doc, change(vec![])).is_err());
        let e = Scope::default()
            .changed(
                &doc,
                ScopeChange {
                    redact: Some(vec![" ".into()]),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn masks_reach_every_string_and_key_and_ids_stay_consistent() {
        let doc = ChatDoc::from_json(json!({"title": "about sk-live-1", "history": {"currentId": "sk-live-1b", "messages": {
            "sk-live-1a": {"id": "sk-live-1a", "parentId": null, "childrenIds": ["sk-live-1b"], "role": "user", "content": "my key sk-live-1 and sk-live-1", "meta": {"sk-live-1": ["sk-live-1"]}},
            "sk-live-1b": {"id": "sk-live-1b", "parentId": "sk-live-1a", "childrenIds": [], "role": "assistant", "content": "ok"}
        }}}))
        .unwrap();
        let scope = Scope::default()
            .changed(
                &doc,
                ScopeChange {
                    redact: Some(vec!["sk-live".into(), "sk-live-1".into()]),
                    ..Default::default()
                },
            )
            .unwrap();
        let out = apply(&doc, &scope).unwrap().unwrap();
        out.validate().unwrap();
        let text = serde_json::to_string(&out).unwrap();
        assert!(!text.contains("sk-live"), "{text}");
        assert!(text.contains("my key [redacted] and [redacted]"), "{text}");
        assert_eq!(out.title.as_deref(), Some("about [redacted]"));
        assert_eq!(out.visible_path().len(), 2);
    }
}
