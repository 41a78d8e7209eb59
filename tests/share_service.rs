//! Share links at the service level, on the backend under test: every rule of the sharing issue.

mod common;

use app::accounts::service::{self as accounts, SignUp};
use app::chats::service as chats;
use app::entities::{chat, shared_chat, user};
use app::instance::{service as instance, SettingsDefaults};
use app::share::service as share;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

struct World {
    db: DatabaseConnection,
    d: SettingsDefaults,
    admin: user::Model,
    alice: user::Model,
    bob: user::Model,
}

async fn world() -> World {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let mk = |n: &str| SignUp {
        name: n.into(),
        email: format!("{}@example.com", n.to_lowercase()),
        password: "correct horse".into(),
    };
    let admin = accounts::sign_up(&db, &d, mk("Admin")).await.unwrap().user;
    let alice = accounts::sign_up(&db, &d, mk("Alice")).await.unwrap().user;
    let bob = accounts::sign_up(&db, &d, mk("Bob")).await.unwrap().user;
    let alice = accounts::set_role(&db, alice.id, "user").await.unwrap();
    let bob = accounts::set_role(&db, bob.id, "user").await.unwrap();
    World {
        db,
        d,
        admin,
        alice,
        bob,
    }
}

fn two_messages(title: &str) -> Value {
    json!({
        "title": title, "models": ["llama3.1:8b"], "params": {"system": "You are secret."},
        "history": {"currentId": "a", "messages": {
            "u": {"id": "u", "parentId": null, "childrenIds": ["a"], "role": "user", "content": "Hello?", "timestamp": 1},
            "a": {"id": "a", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "Hi!", "model": "llama3.1:8b", "timestamp": 2}
        }}
    })
}

/// Alice's new two-message chat titled `title`, shared: the chat (as created) and its link.
async fn alices_link(w: &World, title: &str) -> (chat::Model, uuid::Uuid) {
    let c = chats::create(&w.db, &w.alice, two_messages(title)).await.unwrap();
    let sid = share::share(&w.db, &w.d, &w.alice, c.id)
        .await
        .unwrap()
        .share_id
        .unwrap();
    (c, sid)
}

async fn snapshot_count(db: &DatabaseConnection) -> u64 {
    shared_chat::Entity::find().count(db).await.unwrap()
}

#[tokio::test]
async fn a_link_is_a_snapshot_that_updates_in_place() {
    let w = world().await;
    let c = chats::create(&w.db, &w.alice, two_messages("Sourdough"))
        .await
        .unwrap();
    let shared = share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap();
    let sid = shared.share_id.expect("share_id set");
    assert_eq!(shared.id, c.id, "returns the original chat");

    chats::add_user_message(&w.db, &w.alice, Some(c.id), "A later message", None)
        .await
        .unwrap();
    let seen = share::view(&w.db, &w.bob, sid).await.unwrap();
    assert!(
        !seen.row.chat.contains("A later message"),
        "snapshot unchanged by later messages"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&seen.row.chat).unwrap()["history"]["messages"]
            .as_object()
            .unwrap()
            .len(),
        2
    );

    let again = share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap();
    assert_eq!(again.share_id, Some(sid), "update keeps the id");
    let seen = share::view(&w.db, &w.bob, sid).await.unwrap();
    assert!(
        seen.row.chat.contains("A later message"),
        "update changes the content"
    );
    assert!(seen.row.updated_at >= seen.row.created_at);
    assert_eq!(snapshot_count(&w.db).await, 1);
}

#[tokio::test]
async fn deleting_a_link_kills_it_for_everyone_and_resharing_makes_a_new_one() {
    let w = world().await;
    let (c, sid) = alices_link(&w, "Hike").await;
    assert!(share::unshare(&w.db, &w.alice, c.id).await.unwrap());
    assert!(
        !share::unshare(&w.db, &w.alice, c.id).await.unwrap(),
        "false when there was no link"
    );
    for viewer in [&w.alice, &w.bob, &w.admin] {
        assert_eq!(share::view(&w.db, viewer, sid).await.unwrap_err().status(), 404);
    }
    let c_now = chat::Entity::find_by_id(c.id).one(&w.db).await.unwrap().unwrap();
    assert_eq!(c_now.share_id, None);
    let new_sid = share::share(&w.db, &w.d, &w.alice, c.id)
        .await
        .unwrap()
        .share_id
        .unwrap();
    assert_ne!(new_sid, sid);
    assert_eq!(
        share::view(&w.db, &w.bob, sid).await.unwrap_err().status(),
        404,
        "the old link stays dead"
    );
}

#[tokio::test]
async fn who_may_share_and_unshare() {
    let w = world().await;
    let c = chats::create(&w.db, &w.alice, two_messages("Mine"))
        .await
        .unwrap();
    // Another user's chat is a 404 for a non-admin, to share and to unshare.
    assert_eq!(
        share::share(&w.db, &w.d, &w.bob, c.id)
            .await
            .unwrap_err()
            .status(),
        404
    );
    assert_eq!(
        share::unshare(&w.db, &w.bob, c.id).await.unwrap_err().status(),
        404
    );
    // Admins share any chat; the link belongs to the chat's owner.
    let sid = share::share(&w.db, &w.d, &w.admin, c.id)
        .await
        .unwrap()
        .share_id
        .unwrap();
    let listed = app::share::list(&w.db, &w.alice, "", 1, Default::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, sid);

    // Without chat.share: 403 that says so; deleting one's own link still works.
    instance::update(&w.db, &w.d, json!({"default_can_share": false}))
        .await
        .unwrap();
    let err = share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap_err();
    assert_eq!(err.status(), 403);
    assert!(err.detail().contains("permission to share"));
    assert!(share::unshare(&w.db, &w.alice, c.id).await.unwrap());
    // Admins keep every permission.
    assert!(share::share(&w.db, &w.d, &w.admin, c.id).await.is_ok());
}

#[tokio::test]
async fn viewers_need_an_approved_account_and_see_no_private_configuration() {
    let w = world().await;
    let (_, sid) = alices_link(&w, "Secret prompt").await;
    let other = share::view(&w.db, &w.bob, sid).await.unwrap();
    assert!(!other.viewer_is_owner);
    let parsed = serde_json::from_str::<serde_json::Value>(&other.row.chat).unwrap();
    assert!(
        parsed.get("params").is_none(),
        "the system prompt is stripped for others"
    );
    assert_eq!(parsed["models"], json!(["llama3.1:8b"]));
    let own = share::view(&w.db, &w.alice, sid).await.unwrap();
    assert!(own.viewer_is_owner);
    assert!(own.row.chat.contains("You are secret."));
    // A pending account is refused before reaching the service (require_member).
    let pending = accounts::sign_up(
        &w.db,
        &w.d,
        SignUp {
            name: "P".into(),
            email: "p@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    assert_eq!(accounts::require_member(Some(pending)).unwrap_err().status(), 403);
    assert_eq!(
        share::view(&w.db, &w.bob, uuid::Uuid::new_v4())
            .await
            .unwrap_err()
            .status(),
        404
    );
}

#[tokio::test]
async fn clone_copies_the_snapshot_into_my_chats() {
    let w = world().await;
    let (c, sid) = alices_link(&w, "Packing list").await;
    let copy = share::clone_shared(&w.db, &w.bob, sid, &Default::default())
        .await
        .unwrap();
    assert_ne!(copy.id, c.id);
    assert_eq!(copy.user_id, w.bob.id);
    assert_eq!(copy.title, "Clone of Packing list");
    assert_eq!(copy.share_id, None);
    let j = serde_json::from_str::<serde_json::Value>(&copy.chat).unwrap();
    assert_eq!(j["originalChatId"], json!(c.id.to_string()));
    assert_eq!(j["branchPointMessageId"], json!("a"));
    assert_eq!(j["title"], "Clone of Packing list");
    assert!(
        j.get("params").is_none(),
        "the clone carries no private configuration of the owner"
    );
    assert_eq!(
        share::clone_shared(&w.db, &w.bob, uuid::Uuid::new_v4(), &Default::default())
            .await
            .unwrap_err()
            .status(),
        404
    );
}

#[tokio::test]
async fn my_links_list_search_and_delete_all() {
    let w = world().await;
    for t in ["Bread", "Bicycles", "Bread again"] {
        let c = chats::create(&w.db, &w.alice, two_messages(t)).await.unwrap();
        share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap();
    }
    let bobs = chats::create(&w.db, &w.bob, two_messages("Bob's")).await.unwrap();
    share::share(&w.db, &w.d, &w.bob, bobs.id).await.unwrap();
    assert_eq!(
        app::share::list(&w.db, &w.alice, "", 1, Default::default())
            .await
            .unwrap()
            .len(),
        3,
        "mine only"
    );
    let found = app::share::list(&w.db, &w.alice, "BREAD", 1, Default::default())
        .await
        .unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(share::unshare_all(&w.db, &w.alice).await.unwrap(), 3);
    assert!(app::share::list(&w.db, &w.alice, "", 1, Default::default())
        .await
        .unwrap()
        .is_empty());
    let alices = chat::Entity::find()
        .filter(chat::Column::UserId.eq(w.alice.id))
        .all(&w.db)
        .await
        .unwrap();
    assert!(alices.iter().all(|c| c.share_id.is_none()));
    assert_eq!(
        app::share::list(&w.db, &w.bob, "", 1, Default::default())
            .await
            .unwrap()
            .len(),
        1,
        "others' links stay"
    );
}

#[tokio::test]
async fn a_link_never_outlives_its_chat_or_its_owner() {
    let w = world().await;
    let (c, sid) = alices_link(&w, "Doomed").await;
    chats::delete(&w.db, &w.alice, c.id).await.unwrap();
    assert_eq!(share::view(&w.db, &w.bob, sid).await.unwrap_err().status(), 404);

    let c2 = chats::create(&w.db, &w.alice, two_messages("Also doomed"))
        .await
        .unwrap();
    let sid2 = share::share(&w.db, &w.d, &w.alice, c2.id)
        .await
        .unwrap()
        .share_id
        .unwrap();
    accounts::delete_user(&w.db, w.alice.id).await.unwrap();
    assert_eq!(share::view(&w.db, &w.bob, sid2).await.unwrap_err().status(), 404);
    assert_eq!(snapshot_count(&w.db).await, 0);
}

#[tokio::test]
async fn fifty_concurrent_first_shares_make_one_snapshot() {
    let w = world().await;
    let c = chats::create(&w.db, &w.alice, two_messages("Race"))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (db, d, alice) = (w.db.clone(), w.d.clone(), w.alice.clone());
        tasks.push(tokio::spawn(
            async move { share::share(&db, &d, &alice, c.id).await },
        ));
    }
    let mut ids = std::collections::HashSet::new();
    for t in tasks {
        ids.insert(
            t.await
                .unwrap()
                .expect("every racing share succeeds")
                .share_id
                .unwrap(),
        );
    }
    assert_eq!(ids.len(), 1, "all calls return the same share_id");
    assert_eq!(snapshot_count(&w.db).await, 1);
    let stored = chat::Entity::find_by_id(c.id).one(&w.db).await.unwrap().unwrap();
    assert_eq!(stored.share_id, ids.into_iter().next());
}

#[tokio::test]
async fn sharing_a_10000_message_chat_copies_it_whole() {
    let w = world().await;
    let mut messages = serde_json::Map::new();
    let n = 10_000;
    for i in 0..n {
        let parent = if i == 0 {
            Value::Null
        } else {
            json!(format!("m{}", i - 1))
        };
        let children = if i + 1 < n {
            json!([format!("m{}", i + 1)])
        } else {
            json!([])
        };
        let role = if i % 2 == 0 { "user" } else { "assistant" };
        messages.insert(format!("m{i}"), json!({"id": format!("m{i}"), "parentId": parent, "childrenIds": children, "role": role, "content": format!("message {i}")}));
    }
    let big = json!({"title": "Long", "history": {"currentId": format!("m{}", n - 1), "messages": messages}});
    let c = chats::create(&w.db, &w.alice, big).await.unwrap();
    let sid = share::share(&w.db, &w.d, &w.alice, c.id)
        .await
        .unwrap()
        .share_id
        .unwrap();
    let snap = share::view(&w.db, &w.alice, sid).await.unwrap();
    let as_json = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    assert_eq!(
        as_json(&snap.row.chat),
        as_json(&c.chat),
        "the snapshot is the whole chat"
    );
    assert_eq!(snap.row.chat.len(), c.chat.len());
}

/// A shared page renders its markdown once: the rendering is stored with the snapshot, keyed by
/// the snapshot's content, and an update is never shown with the older rendering.
#[tokio::test]
async fn a_snapshots_rendering_is_stored_once_and_follows_updates() {
    use app::entities::shared_render;
    let w = world().await;
    let mut chat = two_messages("Render once");
    chat["history"]["messages"]["a"]["content"] = json!("**first**");
    let c = chats::create(&w.db, &w.alice, chat).await.unwrap();
    let sid = share::share(&w.db, &w.d, &w.alice, c.id)
        .await
        .unwrap()
        .share_id
        .unwrap();
    // As the shared page renders it (its settings and stored rendering read in one query).
    let render = |who: user::Model| {
        let (db, d) = (w.db.clone(), w.d.clone());
        async move {
            let snap = share::view(&db, &who, sid).await.unwrap();
            app::share::page::page_view(&db, &d, Some(&who), snap, None, None)
                .await
                .unwrap()
                .messages
        }
    };
    assert!(shared_render::Entity::find_by_id(sid)
        .one(&w.db)
        .await
        .unwrap()
        .is_none());
    let first = render(w.bob.clone()).await;
    assert_eq!(first[1].html, "<p><strong>first</strong></p>\n");
    let stored = shared_render::Entity::find_by_id(sid)
        .one(&w.db)
        .await
        .unwrap()
        .expect("stored");
    assert!(stored.html.contains("<strong>first</strong>"), "{}", stored.html);
    // The owner (who sees the private keys the reader does not) gets the same stored rendering.
    assert_eq!(render(w.alice.clone()).await[1].html, first[1].html);
    assert_eq!(
        shared_render::Entity::find_by_id(sid)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap()
            .source,
        stored.source,
        "not rendered again for the owner"
    );

    // The owner changes the answer and updates the link: the new text, rendered anew.
    let mut changed = serde_json::from_str::<serde_json::Value>(
        &chat::Entity::find_by_id(c.id)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap()
            .chat,
    )
    .unwrap();
    changed["history"]["messages"]["a"]["content"] = json!("*second*");
    chats::update(
        &w.db,
        &w.alice,
        c.id,
        json!({"history": changed["history"].clone()}),
    )
    .await
    .unwrap();
    share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap();
    assert_eq!(render(w.bob.clone()).await[1].html, "<p><em>second</em></p>\n");
    let restored = shared_render::Entity::find_by_id(sid)
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(restored.source, stored.source, "keyed by the new content");

    // The rendering goes with its link.
    share::unshare(&w.db, &w.alice, c.id).await.unwrap();
    assert!(shared_render::Entity::find_by_id(sid)
        .one(&w.db)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn a_large_chats_versions_stay_within_the_byte_budget() {
    use app::entities::share_version;
    let w = world().await;
    // One 6 MB message: 8 versions fit in the 50 MiB budget, a 9th does not.
    let big = "x".repeat(6 * 1024 * 1024);
    let c = chats::create(
        &w.db,
        &w.alice,
        json!({"title": "Huge", "history": {"currentId": "u", "messages": {
            "u": {"id": "u", "parentId": null, "childrenIds": [], "role": "user", "content": big}
        }}}),
    )
    .await
    .unwrap();
    let versions = || async {
        let mut kept: Vec<i64> = share_version::Entity::find()
            .all(&w.db)
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.version)
            .collect();
        kept.sort_unstable();
        kept
    };
    // Renames alone: versions are stored by content, so the message is stored once and all
    // eleven versions stay.
    for i in 0..11 {
        chats::rename(&w.db, &w.alice, c.id, &format!("Huge {i}"))
            .await
            .unwrap();
        share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap();
    }
    assert_eq!(versions().await, (1..=11).collect::<Vec<i64>>());
    // Each update a new 6 MB message: the oldest go.
    for i in 0..11 {
        let message = json!({"u": {"id": "u", "parentId": null, "childrenIds": [], "role": "user", "content": format!("{i}{big}")}});
        chats::update(
            &w.db,
            &w.alice,
            c.id,
            json!({"history": {"currentId": "u", "messages": message}}),
        )
        .await
        .unwrap();
        share::share(&w.db, &w.d, &w.alice, c.id).await.unwrap();
    }
    assert_eq!(versions().await, (15..=22).collect::<Vec<i64>>());
    // A small chat keeps its newest 100 versions (the count limit).
    let small = chats::create(&w.db, &w.alice, two_messages("Small"))
        .await
        .unwrap();
    for i in 0..101 {
        chats::rename(&w.db, &w.alice, small.id, &format!("Small {i}"))
            .await
            .unwrap();
        share::share(&w.db, &w.d, &w.alice, small.id).await.unwrap();
    }
    let link = shared_chat::Entity::find()
        .filter(shared_chat::Column::ChatId.eq(small.id))
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    let mut kept: Vec<i64> = share_version::Entity::find()
        .filter(share_version::Column::ShareId.eq(link.id))
        .all(&w.db)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.version)
        .collect();
    kept.sort_unstable();
    assert_eq!(kept, (2..=101).collect::<Vec<i64>>());
}

/// What [`app::share::views::read_as`] answers for `token` on link `share_id`: the reader's id
/// and the snapshot, or the error's status.
async fn read_by_token(
    w: &World,
    token: Option<&str>,
    share_id: uuid::Uuid,
) -> Result<(Option<uuid::Uuid>, share::Snapshot), u16> {
    let log = app::share::views::ViewLog::off();
    let presented = app::share::password::Presented::default();
    app::share::views::read_as(&w.db, &w.d, &log, token, share_id, &presented)
        .await
        .map(|(who, snap)| (who.map(|u| u.id), snap))
        .map_err(|e| e.status())
}

#[tokio::test]
async fn a_read_by_session_finds_the_reader_with_the_link_and_ends_with_the_session() {
    use app::entities::session;
    let w = world().await;
    let (_, sid) = alices_link(&w, "One query").await;
    let bob = accounts::sign_in(&w.db, "bob@example.com", "correct horse", "test")
        .await
        .unwrap();
    let alice = accounts::sign_in(&w.db, "alice@example.com", "correct horse", "test")
        .await
        .unwrap();
    // Bob's session: Bob, reading without the owner's private configuration, and who shared it.
    let (who, snap) = read_by_token(&w, Some(&bob.token), sid).await.unwrap();
    assert_eq!(who, Some(w.bob.id));
    assert!(!snap.viewer_is_owner);
    assert!(!snap.row.chat.contains("You are secret."));
    assert_eq!(snap.owner_name.as_deref(), Some("Alice"));
    // The owner's session: the owner's own view.
    let (who, snap) = read_by_token(&w, Some(&alice.token), sid).await.unwrap();
    assert_eq!(who, Some(w.alice.id));
    assert!(snap.viewer_is_owner && snap.row.chat.contains("You are secret."));
    // An API key is read the other way and finds the same reader.
    let (_, key) = accounts::create_api_key(&w.db, &w.d, &w.bob).await.unwrap();
    assert_eq!(
        read_by_token(&w, Some(&key), sid).await.unwrap().0,
        Some(w.bob.id)
    );
    // No token, or one that is no session: a visitor, whom a members' link refuses (401).
    assert_eq!(read_by_token(&w, None, sid).await.err(), Some(401));
    assert_eq!(
        read_by_token(&w, Some("not-a-session"), sid).await.err(),
        Some(401)
    );
    // An unknown link is a 404 whoever asks.
    assert_eq!(
        read_by_token(&w, Some(&alice.token), uuid::Uuid::new_v4())
            .await
            .err(),
        Some(404)
    );
    // Signed out: the same token is refused at once.
    accounts::sign_out(&w.db, &bob.token).await.unwrap();
    assert_eq!(read_by_token(&w, Some(&bob.token), sid).await.err(), Some(401));
    // An expired session is refused, and deleted.
    let (expired, _) = accounts::create_session(&w.db, w.bob.id, -1).await.unwrap();
    assert_eq!(read_by_token(&w, Some(&expired), sid).await.err(), Some(401));
    let kept = session::Entity::find_by_id(accounts::hash_secret(&expired))
        .one(&w.db)
        .await
        .unwrap();
    assert!(kept.is_none());
}

/// The shared page reads the settings in force and the snapshot's stored rendering in one
/// query: a settings change shows on the next view, and a stored rendering is what the page
/// shows (it is not rendered again).
#[tokio::test]
async fn the_page_reads_the_settings_in_force_and_the_stored_rendering() {
    use app::entities::shared_render;
    use app::share::password::Presented;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let w = world().await;
    let (_, sid) = alices_link(&w, "Greetings").await;
    let page = |db: DatabaseConnection, d: SettingsDefaults, bob: user::Model| async move {
        let snap = share::view_with(&db, Some(&bob), sid, &Presented::default())
            .await
            .unwrap();
        app::share::page::page_view(&db, &d, Some(&bob), snap, None, None)
            .await
            .unwrap()
    };
    let first = page(w.db.clone(), w.d.clone(), w.bob.clone()).await;
    assert_eq!(first.instance_name, "chatshare");
    assert!(!first.tts_enabled);
    assert_eq!(first.messages[1].html.trim(), "<p>Hi!</p>");

    instance::update(
        &w.db,
        &w.d,
        json!({"instance_name": "Acme chats", "tts_enabled": true}),
    )
    .await
    .unwrap();
    let stored = shared_render::Entity::find_by_id(sid)
        .one(&w.db)
        .await
        .unwrap()
        .expect("the first view kept its rendering");
    let mut kept: shared_render::ActiveModel = stored.into();
    kept.html = Set(json!({"u": "<p>Hello?</p>", "a": "<p>as kept</p>"}).to_string());
    kept.update(&w.db).await.unwrap();
    let second = page(w.db.clone(), w.d.clone(), w.bob.clone()).await;
    assert_eq!(second.instance_name, "Acme chats");
    assert!(second.tts_enabled);
    assert_eq!(second.messages[1].html, "<p>as kept</p>");
}
