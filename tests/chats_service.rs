//! The chat store at the service level, on the backend under test.

mod common;

use app::accounts::service::{self as accounts, SignUp};
use app::chats::service as chats;
use app::instance::SettingsDefaults;
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
    let side = chats::sidebar(&db, &alice, "renam").await.unwrap();
    assert_eq!(side.len(), 1);
    chats::toggle(&db, &alice, untitled.id, false).await.unwrap();
    assert_eq!(
        chats::sidebar(&db, &alice, "").await.unwrap()[0].id,
        untitled.id,
        "pinned first"
    );

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
    let c = chats::add_user_message(&db, &alice, None, "How do I proof dough overnight?")
        .await
        .unwrap();
    assert_eq!(c.title, "How do I proof dough overnight?");
    let c = chats::add_user_message(&db, &alice, Some(c.id), "And at what temperature?")
        .await
        .unwrap();
    let v = chats::view(&c).unwrap();
    assert_eq!(v.messages.len(), 2);
    assert_eq!(v.messages[1].text, "And at what temperature?");
    assert_eq!(
        chats::add_user_message(&db, &alice, Some(c.id), "   ")
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
    let v = chats::view(&b).unwrap();
    assert_eq!((v.messages[1].sibling_index, v.messages[1].sibling_count), (0, 2));
    let b = chats::switch_branch(&db, &alice, b.id, "a2").await.unwrap();
    let v = chats::view(&b).unwrap();
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
