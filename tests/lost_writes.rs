//! No write to a chat is lost: 24 messages sent to one chat at once (8 at a time, through
//! `send_message`, half of them through each of two server processes on one database), with 6
//! renames and 6 pins racing them. Every message must be there afterwards, on one consistent
//! tree (each change is re-applied to a fresh read when another writer got there first).
//! Runs on SQLite and on PostgreSQL (`CHATSHARE_TEST_DB`).

mod common;

use std::collections::HashSet;

use futures::stream::{self, StreamExt};
use serde_json::{json, Value};

const MESSAGES: usize = 24;
const RENAMES: usize = 6;
const PINS: usize = 6;

#[tokio::test]
async fn concurrent_messages_renames_and_pins_across_two_processes_lose_nothing() {
    let url = common::fresh_database_url().await;
    // Both processes end with the test, also when an assertion fails.
    let a = common::Binary::start(&url, &[]).await;
    let b = common::Binary::start(&url, &[]).await;
    let (base_a, base_b) = (a.base.clone(), b.base.clone());
    let c = common::client();
    let token = common::signup_with(&c, &base_a, "Ada").await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let call = |base: &str, name: &str, body: Value| {
        let (c, url, token) = (c.clone(), format!("{base}/api/fn/{name}"), token.clone());
        async move {
            let res = c.post(url).bearer_auth(token).json(&body).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, first) = call(
        &base_a,
        "send_message",
        json!({"chat_id": null, "content": "start", "model": null}),
    )
    .await;
    assert_eq!(status, 200, "{first}");
    let id = first["id"].as_str().unwrap().to_owned();

    let mut calls = Vec::new();
    for i in 0..MESSAGES {
        calls.push((
            "send_message",
            json!({"chat_id": id, "content": format!("message {i}"), "model": null}),
        ));
        if i % 4 == 1 && calls.iter().filter(|(n, _)| *n == "rename_chat").count() < RENAMES {
            calls.push(("rename_chat", json!({"id": id, "title": format!("Title {i}")})));
        }
        if i % 4 == 3 && calls.iter().filter(|(n, _)| *n == "toggle_chat").count() < PINS {
            calls.push(("toggle_chat", json!({"id": id, "archive": false})));
        }
    }
    assert_eq!(calls.len(), MESSAGES + RENAMES + PINS);
    let answers: Vec<(u16, Value)> = stream::iter(calls.into_iter().enumerate().map(|(n, (name, body))| {
        let base = if n % 2 == 0 {
            base_a.clone()
        } else {
            base_b.clone()
        };
        call(&base, name, body)
    }))
    .buffer_unordered(8)
    .collect()
    .await;
    for (status, body) in &answers {
        assert_eq!(*status, 200, "{body}");
    }

    // Read back through the other process: every message, once, on one chain from the root to
    // `currentId`, and a tree whose parent and child links agree.
    let (status, chat) = call(&base_b, "chat_json", json!({"chat_id": id})).await;
    assert_eq!(status, 200, "{chat}");
    let chat: Value = serde_json::from_str(chat.as_str().unwrap()).unwrap();
    let messages = chat["history"]["messages"].as_object().unwrap();
    let contents: HashSet<&str> = messages.values().filter_map(|m| m["content"].as_str()).collect();
    for i in 0..MESSAGES {
        assert!(
            contents.contains(format!("message {i}").as_str()),
            "message {i} was lost"
        );
    }
    assert_eq!(messages.len(), MESSAGES + 1, "no message twice");
    for (key, m) in messages {
        for child in m["childrenIds"].as_array().unwrap() {
            assert_eq!(
                messages[child.as_str().unwrap()]["parentId"].as_str(),
                Some(key.as_str())
            );
        }
        if let Some(parent) = m["parentId"].as_str() {
            assert!(messages[parent]["childrenIds"]
                .as_array()
                .unwrap()
                .contains(&json!(key)));
        }
    }
    let mut chain = 0;
    let mut at = chat["history"]["currentId"].as_str();
    while let Some(key) = at {
        chain += 1;
        at = messages[key]["parentId"].as_str();
    }
    assert_eq!(chain, MESSAGES + 1, "every message on the branch shown");

    let (_, summary) = call(&base_a, "get_chat", json!({"id": id})).await;
    assert!(
        summary["title"].as_str().unwrap().starts_with("Title "),
        "{summary}"
    );
    // The client keeps Ada's session cookie from signing up.
    let listed = common::get_json(&c, &format!("{base_a}/api/v1/chats/{id}")).await;
    assert_eq!(listed["pinned"], false, "six pins: back where it started");
    assert_eq!(listed["title"], summary["title"]);
}
