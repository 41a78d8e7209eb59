//! The message tree of an Open WebUI chat: `history.messages` keyed by id, each message naming
//! its `parentId` and `childrenIds`; `history.currentId` is the leaf the user sees. The visible
//! conversation is the path from the root to `currentId`. Unknown fields are left untouched.

use serde_json::{Map, Value};

/// Why a chat's history is not a valid tree (shown to the client as a 422).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeError(pub String);

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(msg: String) -> TreeError {
    TreeError(msg)
}

/// `chat.history.messages`, if present.
pub fn messages(chat: &Value) -> Option<&Map<String, Value>> {
    chat.get("history")?.get("messages")?.as_object()
}

/// `chat.history.currentId`, if set.
pub fn current_id(chat: &Value) -> Option<&str> {
    chat.get("history")?.get("currentId")?.as_str()
}

fn parent_of(m: &Value) -> Option<&str> {
    m.get("parentId").and_then(Value::as_str)
}

fn children_of(m: &Value) -> Vec<&str> {
    m.get("childrenIds")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Checks the tree: the chat is an object; every message is an object whose `id` (when given)
/// matches its key, whose `role` is `user`, `assistant` or `system`, whose `parentId` and
/// `childrenIds` name existing messages; parent and child links agree; there is no cycle; and
/// `currentId` names an existing message (or is null when there are none).
pub fn validate(chat: &Value) -> Result<(), TreeError> {
    if !chat.is_object() {
        return Err(err("The chat must be a JSON object.".into()));
    }
    let Some(history) = chat.get("history") else {
        return Ok(());
    };
    if history.is_null() {
        return Ok(());
    }
    let msgs = history
        .get("messages")
        .and_then(Value::as_object)
        .ok_or_else(|| err("chat.history.messages must be an object of messages keyed by id.".into()))?;
    // Every (parent, child) pair the parents list, so each message's link to its parent is
    // checked in constant time (scanning the parent's list was quadratic for wide trees: a
    // root with 20,000 children took 6 s).
    let mut listed: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for (id, m) in msgs {
        if let Some(children) = m.get("childrenIds").and_then(Value::as_array) {
            listed.extend(
                children
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|c| (id.as_str(), c)),
            );
        }
    }
    for (id, m) in msgs {
        let obj = m
            .as_object()
            .ok_or_else(|| err(format!("Message {id} is not an object.")))?;
        if let Some(inner) = obj.get("id") {
            if inner.as_str() != Some(id.as_str()) {
                return Err(err(format!("Message {id} has a different \"id\" inside.")));
            }
        }
        if let Some(role) = obj.get("role") {
            if !matches!(role.as_str(), Some("user" | "assistant" | "system")) {
                return Err(err(format!("Message {id} has an unknown role.")));
            }
        }
        match obj.get("parentId") {
            None | Some(Value::Null) => {}
            Some(Value::String(p)) => {
                let parent = msgs
                    .get(p)
                    .ok_or_else(|| err(format!("Message {id} names a parent {p} that does not exist.")))?;
                if parent.get("childrenIds").is_some() && !listed.contains(&(p.as_str(), id.as_str())) {
                    return Err(err(format!(
                        "Message {id} names {p} as parent, but {p} does not list it as a child."
                    )));
                }
            }
            Some(_) => return Err(err(format!("Message {id} has a parentId that is not a string."))),
        }
        if let Some(c) = obj.get("childrenIds") {
            let arr = c
                .as_array()
                .ok_or_else(|| err(format!("Message {id} has childrenIds that is not a list.")))?;
            for child in arr {
                let cid = child
                    .as_str()
                    .ok_or_else(|| err(format!("Message {id} has a child id that is not a string.")))?;
                let cm = msgs
                    .get(cid)
                    .ok_or_else(|| err(format!("Message {id} names a child {cid} that does not exist.")))?;
                if parent_of(cm) != Some(id.as_str()) {
                    return Err(err(format!(
                        "Message {id} lists {cid} as a child, but {cid} has another parent."
                    )));
                }
            }
        }
    }
    // No cycles: walk up from each message until a root or a message already known to reach
    // one; every step is taken once overall, so this is linear in the number of messages.
    let mut reaches_root: std::collections::HashSet<&str> =
        std::collections::HashSet::with_capacity(msgs.len());
    for id in msgs.keys() {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut cur = id.as_str();
        loop {
            if reaches_root.contains(cur) {
                break;
            }
            if !on_path.insert(cur) {
                return Err(err(format!("Message {cur} is part of a cycle.")));
            }
            path.push(cur);
            match msgs.get(cur).and_then(parent_of) {
                Some(p) => cur = p,
                None => break,
            }
        }
        reaches_root.extend(path);
    }
    match history.get("currentId") {
        None | Some(Value::Null) if msgs.is_empty() => Ok(()),
        Some(Value::String(c)) if msgs.contains_key(c) => Ok(()),
        Some(Value::String(c)) => Err(err(format!("currentId names a message {c} that does not exist."))),
        _ => Err(err("chat.history.currentId must name a message.".into())),
    }
}

/// The ids on the path from the root to `currentId`, root first.
pub fn visible_path(chat: &Value) -> Vec<String> {
    let (Some(msgs), Some(mut cur)) = (messages(chat), current_id(chat)) else {
        return Vec::new();
    };
    let mut path = Vec::new();
    while let Some(m) = msgs.get(cur) {
        path.push(cur.to_owned());
        if path.len() > msgs.len() {
            break;
        }
        match parent_of(m) {
            Some(p) => cur = p,
            None => break,
        }
    }
    path.reverse();
    path
}

/// The siblings of a message (the children of its parent, or every root), in order.
pub fn siblings(chat: &Value, id: &str) -> Vec<String> {
    let Some(msgs) = messages(chat) else {
        return Vec::new();
    };
    match msgs.get(id).and_then(parent_of) {
        Some(p) => msgs
            .get(p)
            .map(children_of)
            .unwrap_or_default()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        None => {
            // Roots (a first message and its edits) in the order they were written.
            let mut roots: Vec<(i64, &String)> = msgs
                .iter()
                .filter(|(_, m)| parent_of(m).is_none())
                .map(|(k, m)| (m.get("timestamp").and_then(Value::as_i64).unwrap_or(0), k))
                .collect();
            roots.sort();
            roots.into_iter().map(|(_, k)| k.clone()).collect()
        }
    }
}

/// The leaf reached from `id` by always taking the newest (last) child.
pub fn newest_leaf(chat: &Value, id: &str) -> String {
    let Some(msgs) = messages(chat) else {
        return id.to_owned();
    };
    let mut cur = id.to_owned();
    for _ in 0..=msgs.len() {
        match msgs
            .get(&cur)
            .map(children_of)
            .and_then(|c| c.last().map(|s| (*s).to_owned()))
        {
            Some(next) => cur = next,
            None => break,
        }
    }
    cur
}

/// Makes `id`'s branch the visible one (`currentId` becomes its newest leaf). `false` when
/// there is no such message.
pub fn switch_to(chat: &mut Value, id: &str) -> bool {
    if messages(chat).is_none_or(|m| !m.contains_key(id)) {
        return false;
    }
    let leaf = newest_leaf(chat, id);
    if let Some(h) = chat.get_mut("history").and_then(Value::as_object_mut) {
        h.insert("currentId".into(), Value::String(leaf));
        return true;
    }
    false
}

/// Appends `message` (which has an `id`) as a child of `parent` (or as a root), makes it current,
/// and keeps `chat.messages` (Open WebUI's flat copy of the visible branch) in step.
pub fn append(chat: &mut Value, parent: Option<&str>, mut message: Map<String, Value>) {
    let id = message
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    message.insert(
        "parentId".into(),
        parent.map_or(Value::Null, |p| Value::String(p.to_owned())),
    );
    message
        .entry("childrenIds")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !chat.is_object() {
        *chat = Value::Object(Map::new());
    }
    let Some(root) = chat.as_object_mut() else { return };
    let history = root
        .entry("history")
        .or_insert_with(|| serde_json::json!({"messages": {}, "currentId": null}));
    if !history.is_object() {
        *history = serde_json::json!({"messages": {}, "currentId": null});
    }
    let Some(h) = history.as_object_mut() else { return };
    let msgs = h.entry("messages").or_insert_with(|| Value::Object(Map::new()));
    if let Some(msgs) = msgs.as_object_mut() {
        if let Some(children) = parent
            .and_then(|p| msgs.get_mut(p))
            .and_then(|pm| pm.get_mut("childrenIds"))
            .and_then(Value::as_array_mut)
        {
            children.push(Value::String(id.clone()));
        }
        msgs.insert(id.clone(), Value::Object(message));
    }
    h.insert("currentId".into(), Value::String(id));
    sync_flat_messages(chat);
}

/// Rewrites `chat.messages` as the visible branch, as Open WebUI keeps it.
pub fn sync_flat_messages(chat: &mut Value) {
    let path = visible_path(chat);
    let flat: Vec<Value> = match messages(chat) {
        Some(msgs) => path.iter().filter_map(|id| msgs.get(id).cloned()).collect(),
        None => Vec::new(),
    };
    if let Some(root) = chat.as_object_mut() {
        root.insert("messages".into(), Value::Array(flat));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn branched() -> Value {
        json!({"title": "t", "history": {"currentId": "a1", "messages": {
            "u": {"id": "u", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": "hi"},
            "a1": {"id": "a1", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "one"},
            "a2": {"id": "a2", "parentId": "u", "childrenIds": ["u2"], "role": "assistant", "content": "two"},
            "u2": {"id": "u2", "parentId": "a2", "childrenIds": [], "role": "user", "content": "more", "custom": 7}
        }}})
    }

    #[test]
    fn a_good_tree_passes_and_its_path_is_root_first() {
        let c = branched();
        validate(&c).unwrap();
        assert_eq!(visible_path(&c), ["u", "a1"]);
        assert_eq!(siblings(&c, "a2"), ["a1", "a2"]);
        validate(&json!({})).unwrap();
        validate(&json!({"history": {"messages": {}, "currentId": null}})).unwrap();
    }

    #[test]
    fn broken_trees_are_refused_naming_the_message() {
        let cases: Vec<(Value, &str)> = vec![
            (json!([]), "JSON object"),
            (
                json!({"history": {"messages": [], "currentId": null}}),
                "messages must be an object",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"parentId": "ghost", "childrenIds": []}}}}),
                "x names a parent ghost",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"parentId": null, "childrenIds": ["ghost"]}}}}),
                "x names a child ghost",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"parentId": null, "childrenIds": []}, "y": {"parentId": "x", "childrenIds": []}}}}),
                "y names x as parent",
            ),
            (
                json!({"history": {"currentId": "p", "messages": {
                "p": {"parentId": "q", "childrenIds": ["q"]}, "q": {"parentId": "p", "childrenIds": ["p"]}}}}),
                "cycle",
            ),
            (
                json!({"history": {"currentId": "nope", "messages": {"x": {"parentId": null, "childrenIds": []}}}}),
                "currentId names a message nope",
            ),
            (
                json!({"history": {"currentId": null, "messages": {"x": {"parentId": null, "childrenIds": []}}}}),
                "currentId must name",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"id": "y", "parentId": null}}}}),
                "x has a different",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"role": "hacker"}}}}),
                "x has an unknown role",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": 5}}}),
                "x is not an object",
            ),
        ];
        for (chat, want) in cases {
            let e = validate(&chat).unwrap_err();
            assert!(e.0.contains(want), "{chat} → {e} (wanted {want})");
        }
    }

    #[test]
    fn switching_goes_to_the_newest_leaf_and_append_links_both_ways() {
        let mut c = branched();
        assert!(switch_to(&mut c, "a2"));
        assert_eq!(current_id(&c), Some("u2"));
        assert!(!switch_to(&mut c, "ghost"));
        let mut m = Map::new();
        m.insert("id".into(), json!("a3"));
        m.insert("role".into(), json!("assistant"));
        append(&mut c, Some("u2"), m);
        validate(&c).unwrap();
        assert_eq!(visible_path(&c), ["u", "a2", "u2", "a3"]);
        assert_eq!(c["messages"].as_array().unwrap().len(), 4);
        assert_eq!(
            c["history"]["messages"]["u2"]["custom"], 7,
            "unknown fields are kept"
        );
        let mut empty = json!({});
        let mut first = Map::new();
        first.insert("id".into(), json!("r"));
        append(&mut empty, None, first);
        validate(&empty).unwrap();
        assert_eq!(current_id(&empty), Some("r"));
    }

    /// A root with `n` children, each answering it.
    pub(crate) fn wide(n: usize) -> Value {
        let mut msgs = Map::new();
        let children: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        msgs.insert(
            "root".into(),
            json!({"id": "root", "role": "user", "content": "q", "parentId": null, "childrenIds": children}),
        );
        for c in &children {
            msgs.insert(
                c.clone(),
                json!({"id": c, "role": "assistant", "content": "a", "parentId": "root", "childrenIds": []}),
            );
        }
        json!({"history": {"messages": msgs, "currentId": "c0"}})
    }

    #[test]
    fn wide_trees_are_checked_in_linear_time() {
        let started = std::time::Instant::now();
        validate(&wide(30_000)).unwrap();
        // Debug build; the quadratic check took 6 s for 20,000 children in release.
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        let mut broken = wide(100);
        broken["history"]["messages"]["root"]["childrenIds"]
            .as_array_mut()
            .unwrap()
            .retain(|c| c != "c7");
        assert_eq!(
            validate(&broken).unwrap_err().0,
            "Message c7 names root as parent, but root does not list it as a child."
        );
    }
}
