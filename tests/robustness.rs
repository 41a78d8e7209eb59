//! Races, crashes and two server processes on one database, on the backend under test
//! (`CHATSHARE_TEST_DB=sqlite|postgres`). Each test prints what it tried.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Shares and unshares each of the 100 contending tasks makes.
const OPS_PER_TASK: u64 = 12;

use app::accounts::service::{self as accounts, SignUp};
use app::chats::service as chats;
use app::entities::{chat, shared_chat};
use app::instance::SettingsDefaults;
use app::share::service as share;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{json, Value};
use uuid::Uuid;

/// The link invariants: a chat's `share_id` is null exactly when it has no snapshot; when set,
/// exactly one snapshot has that id and points back at the chat; no snapshot lacks its chat.
async fn assert_link_invariants(db: &DatabaseConnection) -> (usize, usize) {
    let chats_all = chat::Entity::find().all(db).await.unwrap();
    let snaps = shared_chat::Entity::find().all(db).await.unwrap();
    for c in &chats_all {
        let mine: Vec<_> = snaps.iter().filter(|s| s.chat_id == c.id).collect();
        match c.share_id {
            None => assert!(
                mine.is_empty(),
                "chat {} has no share_id but {} snapshots",
                c.id,
                mine.len()
            ),
            Some(id) => {
                assert_eq!(mine.len(), 1, "chat {} must have exactly one snapshot", c.id);
                assert_eq!(mine[0].id, id, "chat {}'s share_id names its snapshot", c.id);
            }
        }
    }
    for s in &snaps {
        assert!(
            chats_all.iter().any(|c| c.id == s.chat_id),
            "snapshot {} has no chat",
            s.id
        );
    }
    (chats_all.len(), snaps.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_tasks_share_update_and_unshare_one_chat_for_ten_seconds() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let owner = accounts::sign_up(
        &db,
        &d,
        SignUp {
            name: "owner".into(),
            email: "owner@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let c = chats::create(&db, &owner, json!({"title": "Contested"}))
        .await
        .unwrap();
    let ops = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for t in 0..100u64 {
        let (db, d, owner, ops) = (db.clone(), d.clone(), owner.clone(), ops.clone());
        tasks.push(tokio::spawn(async move {
            let mut x = t.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            for _ in 0..OPS_PER_TASK {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let r = match x % 3 {
                    0 | 1 => share::share(&db, &d, &owner, c.id).await.map(|_| ()),
                    _ => share::unshare(&db, &owner, c.id).await.map(|_| ()),
                };
                if let Err(e) = r {
                    panic!(
                        "operation failed under contention: {} ({})",
                        e.detail(),
                        e.status()
                    );
                }
                ops.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.expect("no task panicked");
    }
    let (n_chats, n_snaps) = assert_link_invariants(&db).await;
    assert_eq!(n_chats, 1);
    assert!(n_snaps <= 1);
    let total = ops.load(Ordering::Relaxed);
    println!(
        "race on {}: 100 tasks, {total} share/update/unshare operations, invariants hold",
        common::backend()
    );
    assert_eq!(total, 100 * OPS_PER_TASK, "every operation ran and succeeded");
}

async fn post_json(c: &reqwest::Client, url: String, token: &str, body: Value) -> Option<Value> {
    let res = c.post(url).bearer_auth(token).json(&body).send().await.ok()?;
    if !res.status().is_success() {
        return None;
    }
    res.json().await.ok()
}

/// A new chat titled `title` on `base`, shared: its id and its link's id.
async fn share_new_chat(c: &reqwest::Client, base: &str, token: &str, title: &str) -> (String, String) {
    let chat = post_json(
        c,
        format!("{base}/api/v1/chats/new"),
        token,
        json!({"chat": {"title": title}}),
    )
    .await
    .unwrap();
    let id = chat["id"].as_str().unwrap().to_owned();
    let shared = post_json(c, format!("{base}/api/v1/chats/{id}/share"), token, json!({}))
        .await
        .unwrap();
    (id, shared["share_id"].as_str().unwrap().to_owned())
}

/// The status of a GET of `url` with `token`.
async fn status_of(c: &reqwest::Client, url: String, token: &str) -> u16 {
    c.get(url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn kill_nine_mid_write_loses_nothing_that_was_answered() {
    let url = common::fresh_database_url().await;
    let c = common::client();
    let mut server = common::Binary::start(&url, &[]).await;
    let mut base = server.base.clone();
    let signup = common::signup_with(&c, &base, "Crash").await;
    let token = signup["token"].as_str().unwrap().to_owned();
    let mut answered: Vec<(String, String)> = Vec::new(); // (share id, title it answered with)
    let mut writes = 0u64;
    for cycle in 0..3u64 {
        // Write in a loop from another task; kill -9 the server while it runs.
        let (base2, token2, c2) = (base.clone(), token.clone(), c.clone());
        let answered_now = Arc::new(AtomicU64::new(0));
        let counter = answered_now.clone();
        let writer = tokio::spawn(async move {
            let mut got = Vec::new();
            let mut n = 0u64;
            loop {
                n += 1;
                let title = format!("cycle {cycle} chat {n} {}", Uuid::new_v4());
                let chat = json!({"chat": {"title": title, "history": {"currentId": "m1", "messages": {
                    "m1": {"id": "m1", "parentId": null, "childrenIds": [], "role": "user", "content": title}}}}});
                let Some(created) = post_json(&c2, format!("{base2}/api/v1/chats/new"), &token2, chat).await
                else {
                    break (got, n);
                };
                let id = created["id"].as_str().unwrap().to_owned();
                let Some(shared) = post_json(
                    &c2,
                    format!("{base2}/api/v1/chats/{id}/share"),
                    &token2,
                    json!({}),
                )
                .await
                else {
                    break (got, n);
                };
                // An update of the same link (same content) in between.
                if post_json(
                    &c2,
                    format!("{base2}/api/v1/chats/{id}/share"),
                    &token2,
                    json!({}),
                )
                .await
                .is_none()
                {
                    break (got, n);
                }
                got.push((
                    shared["share_id"].as_str().unwrap().to_owned(),
                    shared["title"].as_str().unwrap().to_owned(),
                ));
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        // The kill lands mid-write after a few answered shares (more each cycle), however fast
        // this machine is.
        while answered_now.load(Ordering::SeqCst) < 2 + 3 * cycle {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        server.signal("KILL");
        server.exited().await;
        let (got, n) = writer.await.unwrap();
        assert!(
            !got.is_empty(),
            "cycle {cycle}: some shares were answered before the kill"
        );
        writes += n * 3;
        answered.extend(got);

        // Restart on the same database: it opens, the invariants hold, every answered share
        // reads back with what it answered.
        server = common::Binary::start(&url, &[]).await;
        let next_base = server.base.clone();
        let db = chatshare::db::connect_and_migrate(&url, 2).await.unwrap();
        assert_link_invariants(&db).await;
        db.close().await.ok();
        for (share_id, title) in &answered {
            let v: Value = c
                .get(format!("{next_base}/api/v1/chats/share/{share_id}"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(
                v["title"].as_str(),
                Some(title.as_str()),
                "{share_id} after kill -9 #{}",
                cycle + 1
            );
        }
        // The next cycle talks to the new process.
        base = next_base;
    }
    drop(server);
    println!(
        "crash on {}: 3 kill -9 cycles, {writes} write calls, {} answered shares all read back",
        common::backend(),
        answered.len()
    );
}

#[tokio::test]
async fn two_server_processes_on_one_database_behave_as_one() {
    let url = common::fresh_database_url().await;
    let a = common::Binary::start(&url, &[]).await;
    let b = common::Binary::start(&url, &[]).await;
    let (base_a, base_b) = (a.base.clone(), b.base.clone());
    let c = common::client();
    let signup = common::signup_with(&c, &base_a, "Ada").await;
    let token = signup["token"].as_str().unwrap().to_owned();
    let get = |base: &str, path: &str| {
        let (c, url, token) = (c.clone(), format!("{base}{path}"), token.clone());
        async move {
            let res = c.get(url).bearer_auth(token).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    // A session made on A works on B.
    let (s, me) = get(&base_b, "/api/v1/auths/").await;
    assert_eq!((s, me["email"].as_str()), (200, Some("ada@example.com")));
    // Share on A, view on B.
    let (id, share_id) = share_new_chat(&c, &base_a, &token, "Shared twice").await;
    let (s, v) = get(&base_b, &format!("/api/v1/chats/share/{share_id}")).await;
    assert_eq!((s, v["title"].as_str()), (200, Some("Shared twice")));
    // Update on B (after a rename on A): A serves the new snapshot under the same link.
    post_json(
        &c,
        format!("{base_a}/api/v1/chats/{id}"),
        &token,
        json!({"chat": {"title": "Renamed on A"}}),
    )
    .await
    .unwrap();
    let updated = post_json(&c, format!("{base_b}/api/v1/chats/{id}/share"), &token, json!({}))
        .await
        .unwrap();
    assert_eq!(updated["share_id"].as_str(), Some(share_id.as_str()));
    let (_, v) = get(&base_a, &format!("/api/v1/chats/share/{share_id}")).await;
    assert_eq!(v["title"], "Renamed on A");
    // Delete on A: B answers 404.
    let res = c
        .delete(format!("{base_a}/api/v1/chats/{id}/share"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (s, _) = get(&base_b, &format!("/api/v1/chats/share/{share_id}")).await;
    assert_eq!(s, 404);
    // An admin setting changed on A is in force on B.
    let res = c
        .post(format!("{base_a}/api/v1/auths/admin/config"))
        .bearer_auth(&token)
        .json(&json!({"ENABLE_COMMUNITY_SHARING": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, cfg) = get(&base_b, "/api/config").await;
    assert_eq!(cfg["features"]["enable_community_sharing"], false);
    // A revoked API key, and then a session signed out, are refused by the other process at
    // once: by its API and by its share reads (where a session is read in the same query as the
    // link).
    let (kept_chat, kept) = share_new_chat(&c, &base_a, &token, "Still shared").await;
    let kept_link = format!("/api/v1/chats/share/{kept}");
    assert_eq!(get(&base_a, &kept_link).await.0, 200);
    // A grant changed on A is in force on B at once: a visitor reads the link once it is open
    // to anyone, and is asked to sign in once it is for members again.
    let access = format!("{base_a}/api/v1/chats/shared/{kept_chat}/access/update");
    let visitor = reqwest::Client::new();
    assert_eq!(status_of(&visitor, format!("{base_b}{kept_link}"), "").await, 401);
    let allow_open = json!({"sharing": {"open_chats": true}});
    post_json(
        &c,
        format!("{base_b}/api/v1/users/default/permissions"),
        &token,
        allow_open,
    )
    .await
    .unwrap();
    let anyone = json!({"principal_type": "anyone", "principal_id": "*", "permission": "read"});
    post_json(&c, access.clone(), &token, json!({"access_grants": [anyone]}))
        .await
        .unwrap();
    assert_eq!(status_of(&visitor, format!("{base_b}{kept_link}"), "").await, 200);
    let members = json!({"principal_type": "user", "principal_id": "*", "permission": "read"});
    post_json(&c, access, &token, json!({"access_grants": [members]}))
        .await
        .unwrap();
    assert_eq!(status_of(&visitor, format!("{base_b}{kept_link}"), "").await, 401);
    assert_eq!(get(&base_b, &kept_link).await.0, 200);
    let key = post_json(&c, format!("{base_a}/api/v1/auths/api_key"), &token, json!({}))
        .await
        .unwrap()["api_key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(status_of(&c, format!("{base_b}{kept_link}"), &key).await, 200);
    let res = c
        .delete(format!("{base_a}/api/v1/auths/api_key"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(status_of(&c, format!("{base_b}{kept_link}"), &key).await, 401);
    let res = c
        .post(format!("{base_b}/api/v1/auths/signout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (s, _) = get(&base_a, "/api/v1/auths/").await;
    assert_eq!(s, 401);
    assert_eq!(get(&base_a, &kept_link).await.0, 401);
    drop((a, b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_writers_of_one_process_take_turns_and_postgres_writers_do_not() {
    use sea_orm::ConnectionTrait;
    let db = common::fresh_db().await;
    let first = app::entities::begin_write(&db).await.unwrap();
    // What happened, in order: the second writer's turn began, the first committed.
    let events = Arc::new(std::sync::Mutex::new(Vec::<&str>::new()));
    let (db2, log) = (db.clone(), events.clone());
    let second = tokio::spawn(async move {
        let txn = app::entities::begin_write(&db2).await.unwrap();
        log.lock().unwrap().push("second began");
        txn.commit().await
    });
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        // Time for the second writer to get in if nothing held it back (it must not).
        tokio::time::sleep(Duration::from_millis(200)).await;
        events.lock().unwrap().push("first committed");
        first.commit().await.unwrap();
        second.await.unwrap().unwrap();
        assert_eq!(
            *events.lock().unwrap(),
            ["first committed", "second began"],
            "the second SQLite writer waits for the first"
        );
    } else {
        // The second begins and commits while the first is still open (queued, it never would).
        second.await.unwrap().unwrap();
        events.lock().unwrap().push("first committed");
        drop(first);
        assert_eq!(
            *events.lock().unwrap(),
            ["second began", "first committed"],
            "PostgreSQL writers are not queued in the process"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_simultaneous_first_sign_ups_make_one_admin() {
    let db = common::fresh_db().await;
    let d = SettingsDefaults::default();
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (db, d) = (db.clone(), d.clone());
        tasks.push(tokio::spawn(async move {
            accounts::sign_up(
                &db,
                &d,
                SignUp {
                    name: format!("racer {i}"),
                    email: format!("racer{i}@example.com"),
                    password: "correct horse".into(),
                },
            )
            .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert!(e.status() < 500, "{}: {}", e.status(), e.detail()),
        }
    }
    let admins = app::entities::user::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.role == app::accounts::Role::Admin)
        .count();
    assert_eq!(admins, 1, "exactly one of {ok} accounts is the admin");
}
