//! Import of ChatGPT's `conversations.json`: each conversation's node mapping becomes Open
//! WebUI's message tree (tool nodes, hidden system messages and empty nodes are left out and
//! their children hang from the nearest kept message). Called by [`super::transfer`], which
//! reads the file one conversation at a time.

use std::collections::{HashMap, HashSet};

use std::collections::BTreeMap;

use serde_json::{Number, Value};

use super::doc::{ChatDoc, History, Message, MessageRole};
use super::transfer::{clean_title, finish, seconds, PreparedChat};
use crate::entities::now;

/// The text of a ChatGPT message: its string parts (or `text`), code fenced; `None` when empty.
fn chatgpt_text(content: Option<&Value>) -> Option<String> {
    let content = content?;
    let kind = content
        .get("content_type")
        .and_then(Value::as_str)
        .unwrap_or("text");
    let mut text = match content.get("parts").and_then(Value::as_array) {
        Some(parts) => parts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        None => content
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    };
    if kind == "code" && !text.trim().is_empty() {
        let lang = content.get("language").and_then(Value::as_str).unwrap_or("");
        let lang = if lang == "unknown" { "" } else { lang };
        text = format!("```{lang}\n{text}\n```");
    }
    (!text.trim().is_empty()).then_some(text)
}

/// A ChatGPT conversation (`{title, create_time, mapping, current_node}`) → Open WebUI's chat.
pub(super) fn from_chatgpt(item: Value) -> Result<PreparedChat, String> {
    let mapping = item
        .get("mapping")
        .and_then(Value::as_object)
        .ok_or("\"mapping\" is not an object of nodes")?;
    let title = clean_title(item.get("title").and_then(Value::as_str))?;
    let created_at = seconds(item.get("create_time")).unwrap_or_else(now);
    let updated_at = seconds(item.get("update_time")).unwrap_or(created_at);

    // Every node's parent must exist; a cycle is an error.
    let parent_of = |id: &str| -> Result<Option<&str>, String> {
        let node = mapping
            .get(id)
            .ok_or_else(|| format!("node {id} is not in the mapping"))?;
        match node.get("parent") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(p)) if mapping.contains_key(p) => Ok(Some(p.as_str())),
            Some(Value::String(p)) => Err(format!("node {id} names a parent {p} that is not in the mapping")),
            Some(_) => Err(format!("node {id} has a parent that is not a string")),
        }
    };

    // Which nodes become messages, and their text.
    let mut kept: HashMap<&str, Message> = HashMap::new();
    let mut models: Vec<String> = Vec::new();
    for (id, node) in mapping {
        if !node.is_object() {
            return Err(format!("node {id} is not an object"));
        }
        let Some(msg) = node.get("message").filter(|m| m.is_object()) else {
            continue;
        };
        let role = match msg
            .get("author")
            .and_then(|a| a.get("role"))
            .and_then(Value::as_str)
        {
            Some("user") => MessageRole::User,
            Some("assistant") => MessageRole::Assistant,
            Some("system") => MessageRole::System,
            _ => continue, // tool output and unknown authors
        };
        let hidden = msg
            .get("metadata")
            .and_then(|m| m.get("is_visually_hidden_from_conversation"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let Some(text) = chatgpt_text(msg.get("content")) else {
            continue;
        };
        if hidden {
            continue;
        }
        let mut m = Message {
            id: id.clone(),
            timestamp: Some(Number::from(
                seconds(msg.get("create_time")).unwrap_or(created_at),
            )),
            ..Message::new(role, text)
        };
        if role == MessageRole::Assistant {
            if let Some(slug) = msg
                .get("metadata")
                .and_then(|m| m.get("model_slug"))
                .and_then(Value::as_str)
            {
                m.model = Some(slug.to_owned());
                if !models.iter().any(|x| x == slug) {
                    models.push(slug.to_owned());
                }
            }
            m.done = Some(true);
        }
        kept.insert(id.as_str(), m);
    }

    // The nearest kept ancestor of each node (memoised; cycles refused).
    let mut kept_parent: HashMap<&str, Option<&str>> = HashMap::new();
    for id in mapping.keys() {
        let mut chain: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut cur = parent_of(id)?;
        let answer = loop {
            match cur {
                None => break None,
                Some(p) if kept.contains_key(p) => break Some(p),
                Some(p) => {
                    if let Some(known) = kept_parent.get(p) {
                        break *known;
                    }
                    if !seen.insert(p) || p == id.as_str() {
                        return Err(format!("node {p} is part of a cycle"));
                    }
                    chain.push(p);
                    cur = parent_of(p)?;
                }
            }
        };
        // Skipped nodes on the way share the answer.
        for c in chain {
            kept_parent.insert(c, answer);
        }
        kept_parent.insert(id.as_str(), answer);
    }

    // Children in the source's order: walk the `children` lists depth first from the roots.
    let mut order: Vec<&str> = Vec::with_capacity(mapping.len());
    let mut visited: HashSet<&str> = HashSet::with_capacity(mapping.len());
    let mut stack: Vec<&str> = mapping
        .iter()
        .filter(|(_, n)| n.get("parent").is_none_or(Value::is_null))
        .map(|(id, _)| id.as_str())
        .collect();
    stack.reverse();
    while let Some(id) = stack.pop() {
        if !visited.insert(id) {
            continue;
        }
        order.push(id);
        if let Some(children) = mapping
            .get(id)
            .and_then(|n| n.get("children"))
            .and_then(Value::as_array)
        {
            for c in children.iter().rev().filter_map(Value::as_str) {
                if mapping.contains_key(c) {
                    stack.push(c);
                }
            }
        }
    }
    order.extend(
        mapping
            .keys()
            .map(String::as_str)
            .filter(|id| !visited.contains(id)),
    );

    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for id in &order {
        if kept.contains_key(id) {
            if let Some(Some(p)) = kept_parent.get(id) {
                children.entry(p).or_default().push(id);
            }
        }
    }
    let mut messages = BTreeMap::new();
    for id in &order {
        if let Some(mut m) = kept.remove(id) {
            m.parent_id = kept_parent.get(id).copied().flatten().map(str::to_owned);
            m.children_ids = children
                .get(id)
                .map(|c| c.iter().map(|s| (*s).to_owned()).collect())
                .unwrap_or_default();
            messages.insert((*id).to_owned(), m);
        }
    }

    // The message shown: `current_node`, or its nearest kept ancestor; else the newest leaf
    // along the last children.
    let current = match item.get("current_node").and_then(Value::as_str) {
        Some(c) if messages.contains_key(c) => Some(c.to_owned()),
        Some(c) if mapping.contains_key(c) => kept_parent.get(c).copied().flatten().map(str::to_owned),
        _ => None,
    };
    let current = current.or_else(|| {
        let mut cur = order
            .iter()
            .find(|id| messages.get(**id).is_some_and(|m| m.parent_id.is_none()))?
            .to_string();
        while let Some(last) = children.get(cur.as_str()).and_then(|c| c.last()) {
            cur = (*last).to_owned();
        }
        Some(cur)
    });

    let mut chat = ChatDoc {
        title: Some(title.clone()),
        models: Some(models),
        history: Some(History {
            messages,
            current_id: current,
            ..History::default()
        }),
        tags: Some(Vec::new()),
        timestamp: Some(Number::from(created_at.saturating_mul(1000))),
        ..ChatDoc::default()
    };
    chat.sync_flat_messages();
    let archived = item.get("is_archived").and_then(Value::as_bool).unwrap_or(false);
    finish(chat, title, Vec::new(), created_at, updated_at, false, archived)
}
