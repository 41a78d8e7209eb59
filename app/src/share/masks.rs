//! Masks: every masked string replaced by `[redacted]` in every string and key of a snapshot,
//! with message ids that hold one renamed so that the tree stays consistent.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::chats::doc::ChatDoc;
use crate::error::{AppError, AppResult};

/// What replaces a masked string.
pub const REDACTED: &str = "[redacted]";

/// `doc` with every mask replaced by [`REDACTED`] in every string and key; messages whose id
/// holds a mask get a fresh id (so the tree stays consistent).
pub(super) fn mask_all(doc: ChatDoc, masks: &[String]) -> AppResult<ChatDoc> {
    if masks.is_empty() {
        return Ok(doc);
    }
    let mut doc = doc;
    if let Some(h) = &mut doc.history {
        let renamed: HashMap<String, String> = h
            .messages
            .keys()
            .filter(|id| masks.iter().any(|m| id.contains(m.as_str())))
            .map(|id| (id.clone(), uuid::Uuid::new_v4().to_string()))
            .collect();
        if !renamed.is_empty() {
            let rename = |id: &mut String| {
                if let Some(new) = renamed.get(id.as_str()) {
                    id.clone_from(new);
                }
            };
            let old = std::mem::take(&mut h.messages);
            for (mut key, mut m) in old {
                rename(&mut key);
                rename(&mut m.id);
                if let Some(p) = &mut m.parent_id {
                    rename(p);
                }
                m.children_ids.iter_mut().for_each(rename);
                h.messages.insert(key, m);
            }
            if let Some(c) = &mut h.current_id {
                rename(c);
            }
        }
    }
    let mut value = serde_json::to_value(&doc).map_err(|_| AppError::Internal)?;
    mask_value(&mut value, masks);
    serde_json::from_value(value).map_err(|e| {
        tracing::error!(error = %e, "a masked snapshot does not read back");
        AppError::Internal
    })
}

/// Replaces every mask in every string and object key of `v`.
fn mask_value(v: &mut Value, masks: &[String]) {
    match v {
        Value::String(s) => mask_text(s, masks),
        Value::Array(items) => items.iter_mut().for_each(|i| mask_value(i, masks)),
        Value::Object(map) => {
            let old = std::mem::take(map);
            let mut new = Map::with_capacity(old.len());
            for (mut k, mut item) in old {
                mask_text(&mut k, masks);
                mask_value(&mut item, masks);
                new.insert(k, item);
            }
            *map = new;
        }
        _ => {}
    }
}

/// Replaces every mask in `s` (longest first).
pub fn mask_text(s: &mut String, masks: &[String]) {
    for m in masks {
        if s.contains(m.as_str()) {
            *s = s.replace(m.as_str(), REDACTED);
        }
    }
}
