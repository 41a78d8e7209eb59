//! The message tree of a chat: `history.messages` keyed by id, each message naming its parent
//! and its children; `history.currentId` is the leaf the user sees. The visible conversation is
//! the path from the root to `currentId`. The tree's checks and operations, on [`ChatDoc`].

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::doc::{ChatDoc, History, Message};

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

impl ChatDoc {
    /// Checks the tree: every message's `id` matches its key; its parent and children exist;
    /// parent and child links agree; there is no cycle; and `currentId` names a message (or is
    /// null when there are none).
    pub fn validate(&self) -> Result<(), TreeError> {
        let Some(history) = &self.history else {
            return Ok(());
        };
        let msgs = &history.messages;
        // Every (parent, child) pair the parents list, so each message's link to its parent is
        // checked in constant time (scanning the parent's list was quadratic for wide trees: a
        // root with 20,000 children took 6 s).
        let listed: HashSet<(&str, &str)> = msgs
            .iter()
            .flat_map(|(id, m)| m.children_ids.iter().map(move |c| (id.as_str(), c.as_str())))
            .collect();
        for (id, m) in msgs {
            if m.id != *id {
                return Err(err(format!("Message {id} has a different \"id\" inside.")));
            }
            if let Some(p) = &m.parent_id {
                if !msgs.contains_key(p) {
                    return Err(err(format!(
                        "Message {id} names a parent {p} that does not exist."
                    )));
                }
                if !listed.contains(&(p.as_str(), id.as_str())) {
                    return Err(err(format!(
                        "Message {id} names {p} as parent, but {p} does not list it as a child."
                    )));
                }
            }
            for cid in &m.children_ids {
                let child = msgs
                    .get(cid)
                    .ok_or_else(|| err(format!("Message {id} names a child {cid} that does not exist.")))?;
                if child.parent_id.as_deref() != Some(id.as_str()) {
                    return Err(err(format!(
                        "Message {id} lists {cid} as a child, but {cid} has another parent."
                    )));
                }
            }
        }
        // No cycles: walk up from each message until a root or a message already known to reach
        // one; every step is taken once overall, so this is linear in the number of messages.
        let mut reaches_root: HashSet<&str> = HashSet::with_capacity(msgs.len());
        for id in msgs.keys() {
            let mut path: Vec<&str> = Vec::new();
            let mut on_path: HashSet<&str> = HashSet::new();
            let mut cur = id.as_str();
            loop {
                if reaches_root.contains(cur) {
                    break;
                }
                if !on_path.insert(cur) {
                    return Err(err(format!("Message {cur} is part of a cycle.")));
                }
                path.push(cur);
                match msgs.get(cur).and_then(|m| m.parent_id.as_deref()) {
                    Some(p) => cur = p,
                    None => break,
                }
            }
            reaches_root.extend(path);
        }
        match &history.current_id {
            None if msgs.is_empty() => Ok(()),
            Some(c) if msgs.contains_key(c) => Ok(()),
            Some(c) => Err(err(format!("currentId names a message {c} that does not exist."))),
            None => Err(err("chat.history.currentId must name a message.".into())),
        }
    }

    /// The messages on the path from the root to `currentId`, root first.
    pub fn visible_path(&self) -> Vec<&Message> {
        let (Some(h), Some(mut cur)) = (&self.history, self.current_id()) else {
            return Vec::new();
        };
        let mut path = Vec::new();
        while let Some(m) = h.messages.get(cur) {
            path.push(m);
            if path.len() > h.messages.len() {
                break;
            }
            match &m.parent_id {
                Some(p) => cur = p,
                None => break,
            }
        }
        path.reverse();
        path
    }

    /// The path from the root to message `id`, root first (empty when there is no such message).
    pub fn branch_to(&self, id: &str) -> Vec<&Message> {
        let Some(h) = &self.history else {
            return Vec::new();
        };
        let mut path = Vec::new();
        let mut cur = Some(id);
        while let Some(m) = cur.and_then(|c| h.messages.get(c)) {
            if path.len() > h.messages.len() {
                break;
            }
            path.push(m);
            cur = m.parent_id.as_deref();
        }
        path.reverse();
        path
    }

    /// The siblings of a message (the children of its parent, or every root), in order.
    pub fn siblings(&self, id: &str) -> Vec<&str> {
        let Some(h) = &self.history else {
            return Vec::new();
        };
        match h.messages.get(id).and_then(|m| m.parent_id.as_deref()) {
            Some(p) => h
                .messages
                .get(p)
                .map(|pm| pm.children_ids.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            None => {
                // Roots (a first message and its edits) in the order they were written.
                let mut roots: Vec<(i64, &str)> = h
                    .messages
                    .iter()
                    .filter(|(_, m)| m.parent_id.is_none())
                    .map(|(k, m)| (m.seconds().unwrap_or(0), k.as_str()))
                    .collect();
                roots.sort();
                roots.into_iter().map(|(_, k)| k).collect()
            }
        }
    }

    /// The leaf reached from `id` by always taking the newest (last) child.
    pub fn newest_leaf(&self, id: &str) -> String {
        let Some(h) = &self.history else {
            return id.to_owned();
        };
        let mut cur = id;
        for _ in 0..=h.messages.len() {
            match h.messages.get(cur).and_then(|m| m.children_ids.last()) {
                Some(next) => cur = next,
                None => break,
            }
        }
        cur.to_owned()
    }

    /// Makes `id`'s branch the visible one (`currentId` becomes its newest leaf) and rewrites
    /// the flat copy. `false` when there is no such message.
    pub fn switch_to(&mut self, id: &str) -> bool {
        if self.message(id).is_none() {
            return false;
        }
        let leaf = self.newest_leaf(id);
        if let Some(h) = &mut self.history {
            h.current_id = Some(leaf);
        }
        self.sync_flat_messages();
        true
    }

    /// Appends `message` as a child of `parent` (or as a root), makes it current, and keeps the
    /// flat copy of the visible branch in step.
    pub fn append(&mut self, parent: Option<&str>, mut message: Message) {
        message.parent_id = parent.map(str::to_owned);
        let id = message.id.clone();
        let h = self.history.get_or_insert_with(History::default);
        if let Some(pm) = parent.and_then(|p| h.messages.get_mut(p)) {
            pm.children_ids.push(id.clone());
        }
        h.messages.insert(id.clone(), message);
        h.current_id = Some(id);
        self.sync_flat_messages();
    }

    /// The history holding only the messages in `ids`: each one's parent is its nearest kept
    /// ancestor, each one's children are the kept messages that now follow it (in the original
    /// order), and `currentId` is the newest leaf below the nearest kept message on the visible
    /// path (or, when none is, the newest leaf of the last kept root).
    pub fn keeping(&self, ids: &HashSet<&str>) -> History {
        let Some(history) = &self.history else {
            return History::default();
        };
        let msgs = &history.messages;
        let kept_ancestor = |start: Option<&str>| -> Option<String> {
            let mut cur = start;
            let mut steps = 0;
            while let Some(id) = cur {
                if ids.contains(id) {
                    return Some(id.to_owned());
                }
                steps += 1;
                if steps > msgs.len() {
                    return None;
                }
                cur = msgs.get(id).and_then(|m| m.parent_id.as_deref());
            }
            None
        };
        // In reading order (a preorder walk): each kept message is appended to its new parent's
        // children (or to the roots) in the order the original tree lists them.
        let mut kept: BTreeMap<String, Message> = BTreeMap::new();
        let mut roots: Vec<String> = Vec::new();
        for m in self.reading_order() {
            let id = m.id.as_str();
            if !ids.contains(id) {
                continue;
            }
            let parent = kept_ancestor(m.parent_id.as_deref());
            let mut copy = m.clone();
            copy.children_ids.clear();
            copy.parent_id.clone_from(&parent);
            match parent.and_then(|p| kept.get_mut(&p)) {
                Some(pm) => pm.children_ids.push(id.to_owned()),
                None => roots.push(id.to_owned()),
            }
            kept.insert(id.to_owned(), copy);
        }
        let mut out = History {
            messages: kept,
            current_id: None,
            rest: history.rest.clone(),
        };
        let anchor = kept_ancestor(history.current_id.as_deref()).or_else(|| roots.last().cloned());
        out.current_id = anchor.map(|a| {
            let mut cur = a;
            for _ in 0..=out.messages.len() {
                match out.messages.get(&cur).and_then(|m| m.children_ids.last()) {
                    Some(next) => cur = next.clone(),
                    None => break,
                }
            }
            cur
        });
        out
    }

    /// Every message in reading order: each root in order, each message before its children (a
    /// depth-first walk), so the visible branch's first message comes first.
    pub fn reading_order(&self) -> Vec<&Message> {
        let Some(h) = &self.history else {
            return Vec::new();
        };
        let roots: Vec<&str> = h
            .messages
            .values()
            .find(|m| m.parent_id.is_none())
            .map(|m| self.siblings(&m.id))
            .unwrap_or_default();
        let mut stack: Vec<&str> = roots.into_iter().rev().collect();
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(h.messages.len());
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(m) = h.messages.get(id) {
                stack.extend(m.children_ids.iter().rev().map(String::as_str));
                out.push(m);
            }
        }
        out
    }

    /// Rewrites `messages` as the visible branch, as Open WebUI keeps it.
    pub fn sync_flat_messages(&mut self) {
        let flat: Vec<Value> = self
            .visible_path()
            .into_iter()
            .filter_map(|m| serde_json::to_value(m).ok())
            .collect();
        self.messages = Some(flat);
    }
}

/// Children lists built from the parent links, for trees that name only parents (Open WebUI's
/// oldest exports): each message's children in the order of their timestamps.
pub fn link_children(messages: &mut BTreeMap<String, Message>) {
    let mut children: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for (id, m) in messages.iter() {
        if let Some(p) = &m.parent_id {
            children
                .entry(p.clone())
                .or_default()
                .push((m.seconds().unwrap_or(0), id.clone()));
        }
    }
    for (p, mut kids) in children {
        if let Some(pm) = messages.get_mut(&p) {
            if pm.children_ids.is_empty() {
                kids.sort();
                pm.children_ids = kids.into_iter().map(|(_, id)| id).collect();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: Value) -> Result<ChatDoc, TreeError> {
        ChatDoc::from_json(v)
    }

    fn branched() -> ChatDoc {
        doc(json!({"title": "t", "history": {"currentId": "a1", "messages": {
            "u": {"id": "u", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": "hi"},
            "a1": {"id": "a1", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "one"},
            "a2": {"id": "a2", "parentId": "u", "childrenIds": ["u2"], "role": "assistant", "content": "two"},
            "u2": {"id": "u2", "parentId": "a2", "childrenIds": [], "role": "user", "content": "more", "custom": 7}
        }}}))
        .unwrap()
    }

    fn ids(path: Vec<&Message>) -> Vec<&str> {
        path.into_iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn a_good_tree_passes_and_its_path_is_root_first() {
        let c = branched();
        assert_eq!(ids(c.visible_path()), ["u", "a1"]);
        assert_eq!(c.siblings("a2"), ["a1", "a2"]);
        assert_eq!(ids(c.branch_to("u2")), ["u", "a2", "u2"]);
        doc(json!({})).unwrap();
        doc(json!({"history": {"messages": {}, "currentId": null}})).unwrap();
    }

    #[test]
    fn broken_trees_are_refused_naming_the_message() {
        let m = |parent: Value, children: Value| json!({"role": "user", "parentId": parent, "childrenIds": children});
        let cases: Vec<(Value, &str)> = vec![
            (json!([]), "JSON object"),
            (
                json!({"history": {"messages": [], "currentId": null}}),
                "messages must be an object",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": m(json!("ghost"), json!([]))}}}),
                "x names a parent ghost",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": m(json!(null), json!(["ghost"]))}}}),
                "x names a child ghost",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": m(json!(null), json!([])), "y": m(json!("x"), json!([]))}}}),
                "y names x as parent",
            ),
            (
                json!({"history": {"currentId": "p", "messages": {"p": m(json!("q"), json!(["q"])), "q": m(json!("p"), json!(["p"]))}}}),
                "cycle",
            ),
            (
                json!({"history": {"currentId": "nope", "messages": {"x": m(json!(null), json!([]))}}}),
                "currentId names a message nope",
            ),
            (
                json!({"history": {"currentId": null, "messages": {"x": m(json!(null), json!([]))}}}),
                "currentId must name",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"id": "y", "role": "user"}}}}),
                "x has a different",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"role": "hacker"}}}}),
                "Message x: unknown variant `hacker`",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": 5}}}),
                "Message x: invalid type: integer `5`",
            ),
            (
                json!({"history": {"currentId": "x", "messages": {"x": {"role": "user", "parentId": 3}}}}),
                "Message x: invalid type: integer `3`, expected a string",
            ),
        ];
        for (chat, want) in cases {
            let e = doc(chat.clone()).unwrap_err();
            assert!(e.0.contains(want), "{chat} → {e} (wanted {want})");
        }
    }

    #[test]
    fn switching_goes_to_the_newest_leaf_and_append_links_both_ways() {
        let mut c = branched();
        assert!(c.switch_to("a2"));
        assert_eq!(c.current_id(), Some("u2"));
        assert!(!c.switch_to("ghost"));
        let a3 = Message::new(super::super::MessageRole::Assistant, "three");
        let a3_id = a3.id.clone();
        c.append(Some("u2"), a3);
        c.validate().unwrap();
        assert_eq!(ids(c.visible_path()), ["u", "a2", "u2", a3_id.as_str()]);
        assert_eq!(c.messages.as_ref().map(Vec::len), Some(4));
        let stored = serde_json::to_value(&c).unwrap();
        assert_eq!(
            stored["history"]["messages"]["u2"]["custom"], 7,
            "unknown fields are kept"
        );
        let mut empty = doc(json!({})).unwrap();
        let first = Message::new(super::super::MessageRole::User, "hello");
        let first_id = first.id.clone();
        empty.append(None, first);
        empty.validate().unwrap();
        assert_eq!(empty.current_id(), Some(first_id.as_str()));
    }

    #[test]
    fn children_lists_are_built_from_parents_for_old_trees() {
        let mut msgs: BTreeMap<String, Message> = serde_json::from_value(json!({
            "r": {"id": "r", "role": "user", "timestamp": 1},
            "b": {"id": "b", "role": "assistant", "parentId": "r", "timestamp": 3},
            "a": {"id": "a", "role": "assistant", "parentId": "r", "timestamp": 2},
        }))
        .unwrap();
        link_children(&mut msgs);
        assert_eq!(msgs["r"].children_ids, ["a", "b"]);
        assert!(msgs["a"].children_ids.is_empty());
    }

    /// A root with `n` children, each answering it.
    pub(crate) fn wide(n: usize) -> Value {
        let mut msgs = serde_json::Map::new();
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
        let big = doc(wide(30_000)).unwrap();
        let started = std::time::Instant::now();
        big.validate().unwrap();
        // A figure, not a check (its target is in `make bench`): the quadratic check took 6 s
        // for 20,000 children in release.
        println!("30,000 children checked in {:?}", started.elapsed());
        let mut broken = wide(100);
        broken["history"]["messages"]["root"]["childrenIds"]
            .as_array_mut()
            .unwrap()
            .retain(|c| c != "c7");
        assert_eq!(
            doc(broken).unwrap_err().0,
            "Message c7 names root as parent, but root does not list it as a child."
        );
    }
}
