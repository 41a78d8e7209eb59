//! What a link shares, over real HTTP on the backend under test: the visible branch by default
//! (a discarded answer reaches neither the JSON, the page nor a clone), every branch on
//! request, message-level private fields for nobody but the owner, chosen turns re-linked into
//! one tree, masks applied everywhere and kept by updates, and the owner-only privacy check.

mod common;

use common::{call, client, signup, signup_with};
use reqwest::Method;
use serde_json::{json, Value};

const KEY: &str = "sk-proj-Q7mZ2xL9vB4nR8tK1pW6yH3cJ5dF0gAs";

/// u1 → a1 (regenerated away: "password=hunter2") | a2 → u2 → a3 (current). u1 carries a file.
fn branched_chat() -> Value {
    json!({
        "title": "Deploy notes",
        "params": {"system": "private prompt"},
        "history": {"currentId": "a3", "messages": {
            "u1": {"id": "u1", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": format!("My key is {KEY}, how do I deploy?"), "timestamp": 1, "files": [{"name": "contract.pdf"}]},
            "a1": {"id": "a1", "parentId": "u1", "childrenIds": [], "role": "assistant", "content": "Use password=hunter2 for the admin.", "timestamp": 2},
            "a2": {"id": "a2", "parentId": "u1", "childrenIds": ["u2"], "role": "assistant", "content": "Run the deploy script.", "timestamp": 3},
            "u2": {"id": "u2", "parentId": "a2", "childrenIds": ["a3"], "role": "user", "content": "And then?", "timestamp": 4},
            "a3": {"id": "a3", "parentId": "u2", "childrenIds": [], "role": "assistant", "content": "Check the logs.", "timestamp": 5}
        }}
    })
}

struct World {
    _server: chatshare::server::RunningServer,
    base: String,
    owner: reqwest::Client,
    reader: String,
    admin: String,
    chat: String,
}

async fn world() -> World {
    let (server, base, admin) = common::open_instance().await;
    let owner = client();
    signup_with(&owner, &base, "Olive").await;
    let (reader, _) = signup(&base, "Rita").await;
    let (status, created) = call(
        &owner,
        Method::POST,
        format!("{base}/api/v1/chats/new"),
        None,
        Some(json!({"chat": branched_chat()})),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    World {
        _server: server,
        chat: created["id"].as_str().expect("an id").to_owned(),
        base,
        owner,
        reader,
        admin,
    }
}

impl World {
    /// Shares (or updates) the chat with `body`; the status and the answer.
    async fn share(&self, body: Option<Value>) -> (u16, Value) {
        call(
            &self.owner,
            Method::POST,
            format!("{}/api/v1/chats/{}/share", self.base, self.chat),
            None,
            body,
        )
        .await
    }

    /// The link as the reader gets it from the JSON API, as text.
    async fn read(&self, share_id: &str) -> (Value, String) {
        let res = common::get(
            &client(),
            format!("{}/api/v1/chats/share/{share_id}", self.base),
            Some(&self.reader),
        )
        .await;
        assert_eq!(res.status(), 200);
        let text = res.text().await.expect("a body");
        (serde_json::from_str(&text).expect("JSON"), text)
    }

    /// The reader's clone of the link, as text.
    async fn clone_text(&self, share_id: &str) -> String {
        let (status, cloned) = call(
            &client(),
            Method::POST,
            format!("{}/api/v1/chats/{share_id}/clone/shared", self.base),
            Some(&self.reader),
            None,
        )
        .await;
        assert_eq!(status, 200, "{cloned}");
        cloned.to_string()
    }

    /// The shared page as the reader sees it.
    async fn page(&self, path: &str) -> String {
        common::get(&client(), format!("{}{path}", self.base), Some(&self.reader))
            .await
            .text()
            .await
            .expect("a page")
    }
}

fn ids(shared: &Value) -> Vec<String> {
    let mut ids: Vec<String> = shared["chat"]["history"]["messages"]
        .as_object()
        .expect("messages")
        .keys()
        .cloned()
        .collect();
    ids.sort();
    ids
}

/// Every message's parent lists it, every child names its parent, `currentId` exists.
fn assert_consistent(shared: &Value) {
    let h = &shared["chat"]["history"];
    let msgs = h["messages"].as_object().expect("messages");
    for (id, m) in msgs {
        assert_eq!(m["id"], json!(id));
        if let Some(p) = m["parentId"].as_str() {
            assert!(
                msgs[p]["childrenIds"].as_array().unwrap().contains(&json!(id)),
                "{id} under {p}"
            );
        }
        for c in m["childrenIds"].as_array().unwrap() {
            assert_eq!(msgs[c.as_str().unwrap()]["parentId"], json!(id));
        }
    }
    assert!(msgs.contains_key(h["currentId"].as_str().expect("a currentId")));
}

#[tokio::test]
async fn a_link_holds_the_visible_branch_only_by_default() {
    let w = world().await;
    let (status, shared) = w.share(None).await;
    assert_eq!(status, 200, "{shared}");
    let sid = shared["share_id"].as_str().unwrap().to_owned();
    let (json, text) = w.read(&sid).await;
    assert_eq!(ids(&json), ["a2", "a3", "u1", "u2"]);
    assert_consistent(&json);
    for private in ["hunter2", "contract.pdf", "private prompt"] {
        assert!(!text.contains(private), "{private} in {text}");
    }
    let cloned = w.clone_text(&sid).await;
    assert!(
        !cloned.contains("hunter2") && !cloned.contains("contract.pdf"),
        "{cloned}"
    );
    let page = w.page(&format!("/s/{sid}")).await;
    assert!(!page.contains("hunter2") && page.contains("Check the logs."));
    // The owner's own chat is untouched.
    let (_, mine) = call(
        &w.owner,
        Method::GET,
        format!("{}/api/v1/chats/{}", w.base, w.chat),
        None,
        None,
    )
    .await;
    assert!(mine.to_string().contains("hunter2") && mine.to_string().contains("contract.pdf"));
}

#[tokio::test]
async fn full_history_keeps_every_branch_and_the_page_switches_between_them() {
    let w = world().await;
    let (status, shared) = w.share(Some(json!({"full_history": true}))).await;
    assert_eq!(status, 200, "{shared}");
    let sid = shared["share_id"].as_str().unwrap().to_owned();
    let (json, text) = w.read(&sid).await;
    assert_eq!(ids(&json), ["a1", "a2", "a3", "u1", "u2"]);
    assert!(
        text.contains("hunter2") && !text.contains("contract.pdf"),
        "{text}"
    );
    // The page shows the visible branch with "‹ 2 / 2 ›" as links; the other answer's link
    // shows its branch.
    let page = w.page(&format!("/s/{sid}")).await;
    assert!(
        page.contains("2 / 2") && page.contains(&format!("/s/{sid}?branch=a1")),
        "no switcher"
    );
    assert!(!page.contains("hunter2"));
    let other = w.page(&format!("/s/{sid}?branch=a1")).await;
    assert!(other.contains("hunter2") && !other.contains("Check the logs."));
    // An update without a body keeps every branch.
    assert_eq!(w.share(None).await.0, 200);
    assert_eq!(ids(&w.read(&sid).await.0).len(), 5);
}

#[tokio::test]
async fn chosen_turns_form_one_consistent_tree_and_unknown_ids_are_refused() {
    let w = world().await;
    let (status, e) = w.share(Some(json!({"message_ids": ["u1", "nope"]}))).await;
    assert_eq!(status, 422, "{e}");
    assert!(e["detail"].as_str().unwrap().contains("nope"), "{e}");
    let (_, none) = call(
        &w.owner,
        Method::GET,
        format!("{}/api/v1/chats/{}", w.base, w.chat),
        None,
        None,
    )
    .await;
    assert_eq!(none["share_id"], Value::Null, "nothing shared on a 422");
    let (status, shared) = w.share(Some(json!({"message_ids": ["u1", "a3"]}))).await;
    assert_eq!(status, 200, "{shared}");
    let sid = shared["share_id"].as_str().unwrap().to_owned();
    let (json, _) = w.read(&sid).await;
    assert_eq!(ids(&json), ["a3", "u1"]);
    assert_consistent(&json);
    assert_eq!(json["chat"]["history"]["messages"]["a3"]["parentId"], "u1");
    assert_eq!(json["chat"]["history"]["currentId"], "a3");
    assert_eq!(w.share(Some(json!({"message_ids": []}))).await.0, 422);
    assert_eq!(w.share(Some(json!({"message_ids": "u1"}))).await.0, 422);
}

#[tokio::test]
async fn masked_strings_appear_nowhere_and_masks_survive_updates() {
    let w = world().await;
    let (status, shared) = w.share(Some(json!({"redact": [KEY, "Deploy"]}))).await;
    assert_eq!(status, 200, "{shared}");
    let sid = shared["share_id"].as_str().unwrap().to_owned();
    let check = |text: &str| {
        assert!(!text.contains(KEY) && !text.contains("Deploy"), "{text}");
        assert!(text.contains("[redacted]"));
    };
    let (_, text) = w.read(&sid).await;
    check(&text);
    check(&w.clone_text(&sid).await);
    check(&w.page(&format!("/s/{sid}")).await);
    // "Update and Copy Link" without a body keeps the masks.
    assert_eq!(w.share(None).await.0, 200);
    let (_, text) = w.read(&sid).await;
    check(&text);
    // My shared links list the masked title.
    let (_, links) = call(
        &w.owner,
        Method::GET,
        format!("{}/api/v1/chats/shared", w.base),
        None,
        None,
    )
    .await;
    assert!(!links.to_string().contains("Deploy"), "{links}");
    // The owner's chat keeps its words; an empty list removes the masks.
    assert_eq!(w.share(Some(json!({"redact": []}))).await.0, 200);
    assert!(w.read(&sid).await.1.contains(KEY));
    assert_eq!(w.share(Some(json!({"redact": [""]}))).await.0, 422);
}

#[tokio::test]
async fn the_privacy_check_is_for_the_owner_and_sees_what_would_be_shared() {
    let w = world().await;
    let url = format!("{}/api/v1/chats/{}/share/scan", w.base, w.chat);
    let (status, report) = call(&w.owner, Method::GET, url.clone(), None, None).await;
    assert_eq!(status, 200, "{report}");
    let findings = report["findings"].as_array().expect("findings");
    // The key in u1; the discarded answer's password is not shared, so not reported.
    assert_eq!(findings.len(), 1, "{report}");
    let f = &findings[0];
    assert_eq!(
        (f["message_id"].as_str(), f["kind"].as_str(), f["text"].as_str()),
        (Some("u1"), Some("api_key"), Some(KEY))
    );
    let content = format!("My key is {KEY}, how do I deploy?");
    let start = usize::try_from(f["start"].as_u64().unwrap()).unwrap();
    let end = usize::try_from(f["end"].as_u64().unwrap()).unwrap();
    assert_eq!(
        content.chars().skip(start).take(end - start).collect::<String>(),
        KEY
    );
    // With every branch, the password comes in; masked, the key goes.
    assert_eq!(
        w.share(Some(json!({"full_history": true, "redact": [KEY]})))
            .await
            .0,
        200
    );
    let (_, report) = call(&w.owner, Method::GET, url.clone(), None, None).await;
    let kinds: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["password"], "{report}");
    // Others: another member and an admin get the 404 of a chat not theirs; a visitor 401.
    assert_eq!(
        call(&client(), Method::GET, url.clone(), Some(&w.reader), None)
            .await
            .0,
        404
    );
    assert_eq!(
        call(&client(), Method::GET, url.clone(), Some(&w.admin), None)
            .await
            .0,
        404
    );
    assert_eq!(call(&client(), Method::GET, url, None, None).await.0, 401);
    let missing = format!("{}/api/v1/chats/{}/share/scan", w.base, uuid::Uuid::new_v4());
    assert_eq!(call(&w.owner, Method::GET, missing, None, None).await.0, 404);
}

#[tokio::test]
async fn the_share_modal_functions_review_preview_and_share_with_choices() {
    let w = world().await;
    let (status, review) =
        common::call_fn(&w.owner, &w.base, "share_review", json!({"chat_id": w.chat})).await;
    assert_eq!(status, 200, "{review}");
    let shared: Vec<&str> = review["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["shared"] == true)
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(shared, ["u1", "a2", "u2", "a3"]);
    assert_eq!(review["messages"].as_array().unwrap().len(), 5);
    let kinds: Vec<&str> = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["api_key", "password"]);
    let choices = json!({"full_history": false, "message_ids": ["u1", "a2"], "redact": [KEY]});
    let (status, preview) = common::call_fn(
        &w.owner,
        &w.base,
        "share_preview",
        json!({"chat_id": w.chat, "choices": choices}),
    )
    .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["total"], 2);
    assert!(!preview.to_string().contains(KEY) && preview.to_string().contains("[redacted]"));
    let (_, none) = call(
        &w.owner,
        Method::GET,
        format!("{}/api/v1/chats/{}", w.base, w.chat),
        None,
        None,
    )
    .await;
    assert_eq!(none["share_id"], Value::Null, "a preview shares nothing");
    let (status, link) = common::call_fn(
        &w.owner,
        &w.base,
        "share_chat",
        json!({"chat_id": w.chat, "choices": choices}),
    )
    .await;
    assert_eq!(status, 200, "{link}");
    let (json, text) = w.read(link["share_id"].as_str().unwrap()).await;
    assert_eq!(ids(&json), ["a2", "u1"]);
    assert!(!text.contains(KEY));
    // Someone else's chat: 404 for both.
    let rita = client();
    signup_with(&rita, &w.base, "Rex").await;
    assert_eq!(
        common::call_fn(&rita, &w.base, "share_review", json!({"chat_id": w.chat}))
            .await
            .0,
        404
    );
    assert_eq!(
        common::call_fn(
            &rita,
            &w.base,
            "share_preview",
            json!({"chat_id": w.chat, "choices": choices})
        )
        .await
        .0,
        404
    );
}

/// A chat whose messages are `texts`, one after the other; its id.
async fn chat_of(w: &World, texts: &[&str]) -> String {
    let mut messages = serde_json::Map::new();
    for (i, t) in texts.iter().enumerate() {
        let children = if i + 1 < texts.len() {
            json!([format!("m{}", i + 1)])
        } else {
            json!([])
        };
        let parent = if i == 0 {
            Value::Null
        } else {
            json!(format!("m{}", i - 1))
        };
        let role = if i % 2 == 0 { "user" } else { "assistant" };
        messages.insert(
            format!("m{i}"),
            json!({"id": format!("m{i}"), "parentId": parent, "childrenIds": children, "role": role, "content": t}),
        );
    }
    let chat = json!({"title": "Fixture", "history": {"currentId": format!("m{}", texts.len() - 1), "messages": messages}});
    let (status, created) = call(
        &w.owner,
        Method::POST,
        format!("{}/api/v1/chats/new", w.base),
        None,
        Some(json!({"chat": chat})),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    created["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn the_privacy_check_finds_every_kind_and_nothing_in_ordinary_chat() {
    let w = world().await;
    let fixture = String::from_utf8(common::fixture("private-data.txt")).expect("UTF-8");
    let (kinds, texts): (Vec<&str>, Vec<&str>) = fixture.lines().filter_map(|l| l.split_once('\t')).unzip();
    let chat = chat_of(&w, &texts).await;
    let (status, report) = call(
        &w.owner,
        Method::GET,
        format!("{}/api/v1/chats/{chat}/share/scan", w.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["message_id"].as_str().unwrap_or("").to_owned(),
                f["kind"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (format!("m{i}"), (*k).to_owned()))
        .collect();
    assert_eq!(found, expected, "{report}");

    let prose = String::from_utf8(common::fixture("ordinary-chat.txt")).expect("UTF-8");
    let turns: Vec<&str> = prose.split("\n\nUser: ").collect();
    assert!(turns.len() > 5);
    let chat = chat_of(&w, &turns).await;
    let (status, report) = call(
        &w.owner,
        Method::GET,
        format!("{}/api/v1/chats/{chat}/share/scan", w.base),
        None,
        None,
    )
    .await;
    assert_eq!((status, &report["findings"]), (200, &json!([])), "{report}");
    assert_eq!(
        (&report["more"], &report["unchecked_bytes"]),
        (&json!(0), &json!(0))
    );
}
