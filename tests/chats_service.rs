//! The chat store at the service level, on the backend under test.

mod common;

use app::accounts::service::{self as accounts, SignUp};
use app::chats::service as chats;
use app::chats::transfer;
use app::instance::SettingsDefaults;
use common::fixture;
use serde_json::json;

#[tokio::test]
async fn create_update_list_delete_and_visibility() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let mk = |n: &str| SignUp {
        name: n.into(),
        email: format!("{n}@example.com"),
        password: "correct horse".into(),
    };
    let admin = accounts::sign_up(&db, &d, mk("admin")).await.unwrap().user;
    let alice = accounts::sign_up(&db, &d, mk("alice")).await.unwrap().user;
    let bob = accounts::sign_up(&db, &d, mk("bob")).await.unwrap().user;

    let c = chats::create(
        &db,
        &alice,
        json!({"title": "First", "custom": {"kept": true}, "tags": ["work"]}),
    )
    .await
    .unwrap();
    assert_eq!(c.title, "First");
    assert!(c.chat.contains("\"kept\":true"), "unknown fields are preserved");
    assert_eq!(c.meta, r#"{"tags":["work"]}"#);
    let untitled = chats::create(&db, &alice, json!({})).await.unwrap();
    assert_eq!(untitled.title, "New Chat");

    let u = chats::update(&db, &alice, c.id, json!({"title": "Renamed", "models": ["m"]}))
        .await
        .unwrap();
    assert_eq!(u.title, "Renamed");
    assert!(
        u.chat.contains("\"kept\":true") && u.chat.contains("\"models\":[\"m\"]"),
        "update merges"
    );
    assert!(u.updated_at >= c.updated_at);

    assert_eq!(
        chats::find_visible(&db, &bob, c.id).await.unwrap_err().status(),
        404,
        "another user's chat is a 404"
    );
    assert!(
        chats::find_visible(&db, &admin, c.id).await.is_ok(),
        "unless the caller is an admin"
    );
    assert_eq!(
        chats::update(&db, &bob, c.id, json!({"title": "x"}))
            .await
            .unwrap_err()
            .status(),
        404
    );
    assert_eq!(chats::delete(&db, &bob, c.id).await.unwrap_err().status(), 404);

    assert_eq!(chats::list(&db, &alice, 1).await.unwrap().len(), 2);
    assert!(chats::list(&db, &bob, 1).await.unwrap().is_empty());
    let side = chats::sidebar(&db, &alice, "renam", 500).await.unwrap();
    assert_eq!(side.len(), 1);
    chats::toggle(&db, &alice, untitled.id, false).await.unwrap();
    assert_eq!(
        chats::sidebar(&db, &alice, "", 500).await.unwrap()[0].id,
        untitled.id,
        "pinned first"
    );
    // The sidebar lists as many as it is asked for, pinned first.
    let first = chats::sidebar(&db, &alice, "", 1).await.unwrap();
    assert_eq!(first.iter().map(|c| c.id).collect::<Vec<_>>(), vec![untitled.id]);
    assert_eq!(chats::sidebar(&db, &alice, "", 2).await.unwrap().len(), 2);

    chats::delete(&db, &alice, c.id).await.unwrap();
    assert_eq!(
        chats::find_visible(&db, &alice, c.id).await.unwrap_err().status(),
        404
    );
    let long = "x".repeat(100_000);
    assert_eq!(
        chats::create(&db, &alice, json!({"title": long}))
            .await
            .unwrap_err()
            .status(),
        422
    );
}

#[tokio::test]
async fn broken_trees_are_422_naming_the_message_and_store_nothing() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let alice = accounts::sign_up(
        &db,
        &d,
        SignUp {
            name: "a".into(),
            email: "a@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let broken =
        json!({"history": {"currentId": "x", "messages": {"x": {"parentId": "ghost", "childrenIds": []}}}});
    let err = chats::create(&db, &alice, broken.clone()).await.unwrap_err();
    assert_eq!(err.status(), 422);
    assert!(err.detail().contains("x"), "{}", err.detail());
    let c = chats::create(&db, &alice, json!({"title": "ok"})).await.unwrap();
    assert_eq!(
        chats::update(&db, &alice, c.id, broken)
            .await
            .unwrap_err()
            .status(),
        422
    );
    assert_eq!(
        chats::find_visible(&db, &alice, c.id).await.unwrap().chat,
        c.chat,
        "nothing changed"
    );
}

#[tokio::test]
async fn composer_appends_to_the_branch_and_branches_switch() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let alice = accounts::sign_up(
        &db,
        &d,
        SignUp {
            name: "a".into(),
            email: "a@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let c = chats::add_user_message(&db, &alice, None, "How do I proof dough overnight?", None)
        .await
        .unwrap();
    assert_eq!(c.title, "How do I proof dough overnight?");
    let c = chats::add_user_message(&db, &alice, Some(c.id), "And at what temperature?", None)
        .await
        .unwrap();
    let v = chats::view(&c).await.unwrap();
    assert_eq!(v.messages.len(), 2);
    assert_eq!(v.messages[1].text, "And at what temperature?");
    assert_eq!(
        chats::add_user_message(&db, &alice, Some(c.id), "   ", None)
            .await
            .unwrap_err()
            .status(),
        422
    );

    // Two sibling answers: switch between them.
    let tree = json!({"title": "b", "history": {"currentId": "a1", "messages": {
        "u": {"id": "u", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": "hi"},
        "a1": {"id": "a1", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "first"},
        "a2": {"id": "a2", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "second"}}}});
    let b = chats::create(&db, &alice, tree).await.unwrap();
    let v = chats::view(&b).await.unwrap();
    assert_eq!((v.messages[1].sibling_index, v.messages[1].sibling_count), (0, 2));
    let b = chats::switch_branch(&db, &alice, b.id, "a2").await.unwrap();
    let v = chats::view(&b).await.unwrap();
    assert_eq!(v.messages[1].text, "second");
    assert_eq!(v.messages[1].prev_sibling.as_deref(), Some("a1"));
    assert_eq!(
        chats::switch_branch(&db, &alice, b.id, "ghost")
            .await
            .unwrap_err()
            .status(),
        404
    );
}

/// What import and export must keep of a chat.
fn essence(c: &app::entities::chat::Model) -> (String, serde_json::Value, String, i64, i64, bool, bool) {
    (
        c.title.clone(),
        serde_json::from_str(&c.chat).unwrap(),
        c.meta.clone(),
        c.created_at,
        c.updated_at,
        c.pinned,
        c.archived,
    )
}

/// Imports `file` for `a`, exports the result, imports that export for `b`: the two sets of
/// chats must be the same in everything but ids and owner.
async fn round_trip(file: Vec<u8>) -> Vec<app::entities::chat::Model> {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let mk = |n: &str| SignUp {
        name: n.into(),
        email: format!("{n}@example.com"),
        password: "correct horse".into(),
    };
    let a = accounts::sign_up(&db, &d, mk("a")).await.unwrap().user;
    let b = accounts::sign_up(&db, &d, mk("b")).await.unwrap().user;
    let first = transfer::import(&db, &a, file).await.unwrap().chats;
    let exported = transfer::export_array(&first).unwrap();
    let second = transfer::import(&db, &b, exported).await.unwrap().chats;
    assert_eq!(first.len(), second.len());
    for (x, y) in first.iter().zip(&second) {
        assert_eq!(essence(x), essence(y), "export then import changes nothing");
        assert_eq!(y.user_id, b.id);
        assert_ne!(x.id, y.id);
    }
    let again = chats::list_all(&db, &a).await.unwrap();
    assert_eq!(
        again.len(),
        first.len(),
        "list_all holds every chat, archived too"
    );
    first
}

#[tokio::test]
async fn open_webui_export_imports_with_trees_titles_timestamps_and_tags() {
    let chats = round_trip(fixture("open-webui-export.json")).await;
    assert_eq!(chats.len(), 2);
    let cactus = &chats[0];
    assert_eq!(cactus.title, "Watering a cactus");
    assert_eq!((cactus.created_at, cactus.updated_at), (1731000000, 1731000042));
    assert!(cactus.pinned && !cactus.archived);
    assert_eq!(cactus.meta, r#"{"tags":["garden"]}"#);
    assert_eq!(cactus.share_id, None, "a share link is not imported");
    assert_eq!(cactus.folder_id, None);
    let c: serde_json::Value = serde_json::from_str(&cactus.chat).unwrap();
    assert_eq!(c["history"]["currentId"], "b8c9d0e1-f2a3-4b4c-8d5e-6f7a8b9c0d1e");
    assert_eq!(
        c["history"]["messages"]["b8c9d0e1-f2a3-4b4c-8d5e-6f7a8b9c0d1e"]["usage"]["completion_tokens"], 17,
        "unknown fields survive"
    );
    let view = chats::view(cactus).await.unwrap();
    assert_eq!(view.messages.len(), 2);
    assert_eq!(
        (view.messages[1].sibling_index, view.messages[1].sibling_count),
        (1, 2)
    );
    assert_eq!(chats[1].meta, r#"{"tags":["code","rust"]}"#);
    assert_eq!(chats[1].share_id, None);

    // Lossless: every field of every chat in the file, at any depth, is in what was stored,
    // with the same value.
    let file: Vec<serde_json::Value> = serde_json::from_slice(&fixture("open-webui-export.json")).unwrap();
    for (original, stored) in file.iter().zip(&chats) {
        let stored: serde_json::Value = serde_json::from_str(&stored.chat).unwrap();
        if let Some(path) = missing_from(&original["chat"], &stored, "chat") {
            panic!("{path} was lost or changed on import");
        }
    }
}

/// The first place (a path like `chat.history.messages.x.usage`) where `want` has something
/// `got` lacks or holds differently; objects in `got` may hold more keys.
fn missing_from(want: &serde_json::Value, got: &serde_json::Value, at: &str) -> Option<String> {
    match (want, got) {
        (serde_json::Value::Object(w), serde_json::Value::Object(g)) => {
            w.iter().find_map(|(k, v)| match g.get(k) {
                Some(gv) => missing_from(v, gv, &format!("{at}.{k}")),
                None => Some(format!("{at}.{k}")),
            })
        }
        (w, g) if w == g => None,
        _ => Some(at.to_owned()),
    }
}

#[tokio::test]
async fn chatgpt_conversations_import_as_trees() {
    let chats = round_trip(fixture("chatgpt-conversations.json")).await;
    assert_eq!(chats.len(), 2);
    let s = &chats[0];
    assert_eq!(s.title, "Sourdough starter help");
    assert_eq!((s.created_at, s.updated_at), (1730500000, 1730500300));
    let c: serde_json::Value = serde_json::from_str(&s.chat).unwrap();
    let msgs = c["history"]["messages"].as_object().unwrap();
    let id = |n: u32| format!("aaa1f0e2-0000-4000-8000-00000000000{n}");
    assert_eq!(
        msgs.keys().cloned().collect::<std::collections::BTreeSet<_>>(),
        [3, 4, 5, 6, 9].map(id).into_iter().collect(),
        "the empty root, the hidden system message and the tool node are left out"
    );
    assert_eq!(msgs[&id(3)]["parentId"], serde_json::Value::Null);
    assert_eq!(msgs[&id(3)]["childrenIds"], json!([id(4), id(6)]));
    assert_eq!(
        msgs[&id(9)]["parentId"],
        id(5),
        "the tool node's child hangs from its parent"
    );
    assert_eq!(msgs[&id(9)]["model"], "gpt-4o");
    assert_eq!(msgs[&id(3)]["timestamp"], 1730500010);
    assert_eq!(msgs[&id(6)]["content"], "```python\nprint('feed me')\n```");
    assert_eq!(c["history"]["currentId"], id(9));
    assert_eq!(c["models"], json!(["gpt-4o", "gpt-4o-mini"]));
    let view = chats::view(s).await.unwrap();
    assert_eq!(
        view.messages.iter().map(|m| m.role.as_str()).collect::<Vec<_>>(),
        ["user", "assistant", "user", "assistant"]
    );
    assert_eq!(
        (view.messages[1].sibling_index, view.messages[1].sibling_count),
        (0, 2)
    );
    assert!(chats[1].archived, "is_archived carries over");
}

#[tokio::test]
async fn a_broken_import_names_the_fault_and_imports_nothing() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let me = accounts::sign_up(
        &db,
        &d,
        SignUp {
            name: "me".into(),
            email: "me@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let mut file: Vec<serde_json::Value> =
        serde_json::from_slice(&fixture("open-webui-export.json")).unwrap();
    file[1]["chat"]["history"]["currentId"] = json!("nowhere");
    let e = transfer::import(&db, &me, serde_json::to_vec(&file).unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.status(), 422);
    assert!(
        e.detail().contains("Chat 2 (“Rust lifetimes”)") && e.detail().contains("nowhere"),
        "{}",
        e.detail()
    );
    assert!(
        chats::list_all(&db, &me).await.unwrap().is_empty(),
        "nothing was imported"
    );
    let e = transfer::import(&db, &me, b"[{\"title\": \"cut".to_vec())
        .await
        .unwrap_err();
    assert_eq!(e.status(), 400, "{}", e.detail());
}

/// Searches match `%`, `_` and `\` as themselves: in the sidebar, in "my shared links" and in
/// the Admin Panel's user list (they were stripped before, so "50%" found every title with "50").
#[tokio::test]
async fn searches_take_wildcard_characters_literally() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let alice = accounts::sign_up(
        &db,
        &d,
        SignUp {
            name: "Al_ice".into(),
            email: "alice@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    for title in ["50% off", "500 items", "snake_case", "snakeXcase", r"C:\temp"] {
        let c = chats::create(&db, &alice, json!({ "title": title }))
            .await
            .unwrap();
        app::share::service::share(&db, &d, &alice, c.id).await.unwrap();
    }
    for (query, want) in [
        ("50%", vec!["50% off"]),
        ("50", vec!["50% off", "500 items"]),
        ("SNAKE_", vec!["snake_case"]),
        (r"c:\", vec![r"C:\temp"]),
        ("%", vec!["50% off"]),
    ] {
        let mut found: Vec<String> = chats::sidebar(&db, &alice, query, 500)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.title)
            .collect();
        found.sort();
        assert_eq!(found, want, "sidebar search {query:?}");
        let mut shared: Vec<String> = app::share::list(&db, &alice, query, 1, Default::default())
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.title)
            .collect();
        shared.sort();
        assert_eq!(shared, want, "shared-links search {query:?}");
    }
    let users = accounts::list_users(&db, Some("l_i")).await.unwrap();
    assert_eq!(users.len(), 1);
    assert!(accounts::list_users(&db, Some("lxi")).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_rename_changes_only_the_title_column_and_every_reader_shows_it() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let alice = accounts::sign_up(
        &db,
        &d,
        SignUp {
            name: "alice".into(),
            email: "alice@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let c = chats::add_user_message(&db, &alice, None, "How do I water a cactus?", None)
        .await
        .unwrap();
    let r = chats::rename(&db, &alice, c.id, "  Cactus care ").await.unwrap();
    assert_eq!(r.title, "Cactus care");
    assert_eq!(r.chat, c.chat, "the chat's JSON is not rewritten");
    assert_eq!(r.version, c.version, "so no message write has to retry");

    let object: serde_json::Value =
        serde_json::from_slice(&transfer::chat_object(&r, None).unwrap()).unwrap();
    assert_eq!(object["title"], "Cactus care");
    assert_eq!(
        object["chat"]["title"], "Cactus care",
        "the JSON a client reads has the new title"
    );
    assert_eq!(
        object["chat"]["history"]["messages"].as_object().map(|m| m.len()),
        Some(1)
    );

    let u = chats::update(&db, &alice, c.id, json!({"models": ["m"]}))
        .await
        .unwrap();
    assert_eq!(
        u.title, "Cactus care",
        "an update without a title keeps the rename"
    );
    let snap = app::share::service::share(&db, &d, &alice, c.id).await.unwrap();
    let link = app::share::service::view(&db, &alice, snap.share_id.unwrap())
        .await
        .unwrap();
    let shared: serde_json::Value = serde_json::from_str(&link.row.chat).unwrap();
    assert_eq!(
        (link.row.title.as_str(), &shared["title"]),
        ("Cactus care", &json!("Cactus care"))
    );

    assert_eq!(
        chats::rename(&db, &alice, c.id, &"x".repeat(501))
            .await
            .unwrap_err()
            .status(),
        422
    );
}
