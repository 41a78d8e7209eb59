//! Property tests for the chat-tree validator and both importers: they never panic on any
//! input, accept every well-formed tree, refuse broken ones naming the message, and the
//! ChatGPT converter always produces a valid tree.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::doc::ChatDoc;
use super::transfer::parse;

fn validate(v: &Value) -> Result<ChatDoc, super::tree::TreeError> {
    ChatDoc::from_json(v.clone())
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z0-9 <>\"]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                "(id|role|parentId|childrenIds|history|messages|currentId|chat|title|mapping|[a-z]{1,6})",
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A well-formed tree: message i's parent is one of the earlier messages (or none).
fn tree_chat(parents: &[Option<usize>], current: usize) -> Value {
    let mut msgs = Map::new();
    for (i, p) in parents.iter().enumerate() {
        let parent = p.map(|p| p % i.max(1)).filter(|_| i > 0);
        msgs.insert(
            format!("m{i}"),
            json!({"id": format!("m{i}"), "parentId": parent.map(|p| format!("m{p}")), "childrenIds": [],
                   "role": if i % 2 == 0 { "user" } else { "assistant" }, "content": format!("message {i}")}),
        );
    }
    let links: Vec<(String, String)> = msgs
        .iter()
        .filter_map(|(id, m)| m["parentId"].as_str().map(|p| (p.to_owned(), id.clone())))
        .collect();
    for (parent, child) in links {
        if let Some(Value::Array(c)) = msgs.get_mut(&parent).and_then(|m| m.get_mut("childrenIds")) {
            c.push(json!(child));
        }
    }
    let current = format!("m{}", current % parents.len().max(1));
    json!({"title": "t", "history": {"messages": msgs, "currentId": current}})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_validator_never_panics(v in any_json()) {
        if let Ok(doc) = validate(&v) {
            let _ = doc.visible_path();
        }
        let _ = validate(&json!({"history": v}));
    }

    #[test]
    fn well_formed_trees_pass_and_their_path_ends_at_current(
        parents in prop::collection::vec(prop::option::of(0usize..50), 1..40),
        current in 0usize..50,
    ) {
        let chat = tree_chat(&parents, current);
        let doc = validate(&chat);
        prop_assert!(doc.is_ok(), "{:?}", doc.err());
        let doc = doc.unwrap_or_default();
        let path = doc.visible_path();
        prop_assert_eq!(path.last().map(|m| m.id.as_str()), doc.current_id());
        prop_assert!(path[0].parent_id.is_none());
    }

    #[test]
    fn a_dangling_parent_is_refused_naming_the_message(
        parents in prop::collection::vec(prop::option::of(0usize..50), 2..30),
        victim in 1usize..30,
    ) {
        let mut chat = tree_chat(&parents, 0);
        let victim = format!("m{}", victim % parents.len());
        chat["history"]["messages"][&victim]["parentId"] = json!("ghost");
        let err = validate(&chat).unwrap_err().0;
        // Either "names a parent ghost" or "its old parent lists it": the message is named.
        prop_assert!(err.contains(&format!("{victim} ")) || err.ends_with(&victim) || err.contains(&format!("{victim}.")), "{}", err);
    }

    #[test]
    fn the_importer_never_panics_and_answers_400_or_422(bytes in prop::collection::vec(any::<u8>(), 0..200), v in any_json()) {
        for input in [bytes, serde_json::to_vec(&v).unwrap_or_default(), serde_json::to_vec(&json!([v])).unwrap_or_default()] {
            if let Err(e) = parse(&input) {
                prop_assert!(e.status() == 400 || e.status() == 422, "{} {}", e.status(), e.detail());
            }
        }
    }

    #[test]
    fn chatgpt_conversations_always_become_valid_trees(
        nodes in prop::collection::vec((prop::option::of(0usize..40), 0u8..6, "[a-z ]{0,8}"), 1..40),
        current in 0usize..40,
    ) {
        // Node i's parent is an earlier node; roles include tool and system; some text is empty.
        let mut mapping = Map::new();
        let mut children: Vec<Vec<String>> = vec![Vec::new(); nodes.len()];
        for (i, (p, _, _)) in nodes.iter().enumerate() {
            if let Some(p) = p.filter(|_| i > 0).map(|p| p % i) {
                children[p].push(format!("n{i}"));
            }
        }
        for (i, (p, role, text)) in nodes.iter().enumerate() {
            let parent = p.filter(|_| i > 0).map(|p| format!("n{}", p % i));
            let role = ["user", "assistant", "system", "tool", "user", "assistant"][*role as usize];
            let message = if i == 0 { Value::Null } else {
                json!({"id": format!("n{i}"), "author": {"role": role}, "content": {"content_type": "text", "parts": [text]},
                       "metadata": {"model_slug": "gpt-4o"}})
            };
            mapping.insert(format!("n{i}"), json!({"id": format!("n{i}"), "message": message, "parent": parent, "children": children[i]}));
        }
        let file = json!([{"title": "random", "create_time": 1.5, "mapping": mapping, "current_node": format!("n{}", current % nodes.len())}]);
        let out = parse(file.to_string().as_bytes());
        prop_assert!(out.is_ok(), "{:?}", out.err().map(|e| e.detail()));
        for p in out.unwrap_or_default() {
            let chat: Value = serde_json::from_str(&p.chat).unwrap_or(Value::Null);
            let doc = validate(&chat);
            prop_assert!(doc.is_ok(), "{:?}", doc.err());
            let kept = doc.map(|d| d.len()).unwrap_or(0);
            let expect = nodes.iter().enumerate().skip(1)
                .filter(|(_, (_, r, t))| *r != 3 && !t.trim().is_empty())
                .count();
            prop_assert_eq!(kept, expect, "tool nodes and empty text are left out, the rest kept");
        }
    }
}
