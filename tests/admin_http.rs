//! The Admin Panel's server functions and the admin JSON endpoints over real HTTP: who is
//! refused, settings that persist across a restart and reach a second server process on the
//! same database, the last admin, and `GET /api/config`.

mod common;

use common::{call, client, fresh_database_url, signup, test_config};
use reqwest::Method;
use serde_json::{json, Value};

async fn start_on(url: &str) -> chatshare::server::RunningServer {
    let db = chatshare::db::connect_and_migrate(url, 8).await.unwrap();
    chatshare::server::spawn(&test_config(), db).await.unwrap()
}

#[tokio::test]
async fn non_admins_are_refused_everywhere_and_settings_are_shared_by_processes() {
    let url = fresh_database_url().await;
    let a = start_on(&url).await;
    let base = a.url();
    let c = client();
    let (admin, admin_id) = signup(&base, "admin").await;
    let (member, member_id) = signup(&base, "member").await;
    let (pending, pending_id) = signup(&base, "pending").await;
    let (s, _) = call(
        &c,
        Method::POST,
        format!("{base}/api/v1/users/{member_id}/update"),
        Some(&admin),
        Some(json!({"role": "user"})),
    )
    .await;
    assert_eq!(s, 200);

    // Every admin endpoint and server function × {anonymous, pending, member}.
    let endpoints: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, "/api/v1/auths/admin/config".into(), None),
        (
            Method::POST,
            "/api/v1/auths/admin/config".into(),
            Some(json!({"ENABLE_SIGNUP": false})),
        ),
        (Method::GET, "/api/v1/users/default/permissions".into(), None),
        (
            Method::POST,
            "/api/v1/users/default/permissions".into(),
            Some(json!({"chat": {"share": false}})),
        ),
        (Method::GET, "/api/v1/users/".into(), None),
        (
            Method::POST,
            format!("/api/v1/users/{pending_id}/update"),
            Some(json!({"role": "admin"})),
        ),
        (Method::DELETE, format!("/api/v1/users/{admin_id}"), None),
        (Method::POST, "/api/fn/admin_settings".into(), Some(json!({}))),
        (
            Method::POST,
            "/api/fn/admin_update_settings".into(),
            Some(json!({"patch": {"enable_signup": false}})),
        ),
        (
            Method::POST,
            "/api/fn/admin_list_users".into(),
            Some(json!({"query": ""})),
        ),
        (
            Method::POST,
            "/api/fn/admin_set_role".into(),
            Some(json!({"id": member_id, "role": "admin"})),
        ),
        (
            Method::POST,
            "/api/fn/admin_set_can_share".into(),
            Some(json!({"id": member_id, "value": true})),
        ),
        (
            Method::POST,
            "/api/fn/admin_delete_user".into(),
            Some(json!({"id": admin_id})),
        ),
    ];
    let mut cells = 0;
    for (method, path, body) in &endpoints {
        for (who, token, want) in [
            ("anonymous", None, 401),
            ("pending", Some(pending.as_str()), 403),
            ("member", Some(member.as_str()), 403),
        ] {
            let (status, v) = call(&c, method.clone(), format!("{base}{path}"), token, body.clone()).await;
            assert_eq!(status, want, "{who} {method} {path}: {v}");
            assert!(
                v["detail"].as_str().is_some_and(|d| !d.is_empty()),
                "{who} {method} {path}: {v}"
            );
            cells += 1;
        }
    }
    assert_eq!(cells, 39);
    // Nothing changed.
    let (_, users) = call(
        &c,
        Method::POST,
        format!("{base}/api/fn/admin_list_users"),
        Some(&admin),
        Some(json!({"query": ""})),
    )
    .await;
    assert_eq!(users.as_array().unwrap().len(), 3);
    let role_of =
        |id: &str| users.as_array().unwrap().iter().find(|u| u["id"] == id).unwrap()["role"].clone();
    assert_eq!(role_of(&pending_id), "pending");
    assert_eq!(role_of(&member_id), "user");

    // The admin changes settings on A through the server function; a second process B on the
    // same database sees them at once; bad values are refused in words.
    let b = start_on(&url).await;
    let (s, v) = call(&c, Method::POST, format!("{base}/api/fn/admin_update_settings"), Some(&admin),
        Some(json!({"patch": {"enable_community_sharing": false, "tts_enabled": true, "tts_rate": 1.5, "default_can_share": false}}))).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["tts_rate"], 1.5);
    let (_, cfg) = call(
        &c,
        Method::GET,
        format!("{}/api/config", b.url()),
        Some(&member),
        None,
    )
    .await;
    assert_eq!(cfg["features"]["enable_community_sharing"], false, "{cfg}");
    assert_eq!(
        cfg["audio"]["tts"],
        json!({"enabled": true, "voice": "", "rate": 1.5})
    );
    assert_eq!(cfg["permissions"]["chat"]["share"], false);
    for (patch, needle) in [
        (
            json!({"community_sharing_url": "ftp://example.com/x"}),
            "http(s) URL",
        ),
        (json!({"tts_rate": 2.5}), "between 0.5 and 2"),
        (json!({"default_user_role": "admin"}), "default user role"),
    ] {
        let (s, v) = call(
            &c,
            Method::POST,
            format!("{}/api/fn/admin_update_settings", b.url()),
            Some(&admin),
            Some(json!({"patch": patch})),
        )
        .await;
        assert_eq!(s, 422, "{v}");
        assert!(v["detail"].as_str().unwrap().contains(needle), "{v}");
    }
    let (s, v) = call(
        &c,
        Method::POST,
        format!("{}/api/fn/admin_update_settings", b.url()),
        Some(&admin),
        Some(json!({"patch": {"tts_rate": "fast"}})),
    )
    .await;
    assert!(s == 400 || s == 422, "{s} {v}");

    // Per-user override beats the default; admins always may share.
    let (s, row) = call(
        &c,
        Method::POST,
        format!("{}/api/fn/admin_set_can_share", b.url()),
        Some(&admin),
        Some(json!({"id": member_id, "value": true})),
    )
    .await;
    assert_eq!(s, 200, "{row}");
    assert_eq!(
        (row["can_share_override"].clone(), row["can_share"].clone()),
        (json!(true), json!(true))
    );
    let (_, cfg) = call(&c, Method::GET, format!("{base}/api/config"), Some(&member), None).await;
    assert_eq!(cfg["permissions"]["chat"]["share"], true);

    // The last admin cannot demote or delete themselves.
    let (s, v) = call(
        &c,
        Method::POST,
        format!("{base}/api/fn/admin_set_role"),
        Some(&admin),
        Some(json!({"id": admin_id, "role": "user"})),
    )
    .await;
    assert_eq!(s, 409, "{v}");
    let (s, v) = call(
        &c,
        Method::POST,
        format!("{base}/api/fn/admin_delete_user"),
        Some(&admin),
        Some(json!({"id": admin_id})),
    )
    .await;
    assert_eq!(s, 409, "{v}");
    let (s, _) = call(
        &c,
        Method::POST,
        format!("{base}/api/fn/admin_delete_user"),
        Some(&admin),
        Some(json!({"id": pending_id})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = call(
        &c,
        Method::GET,
        format!("{base}/api/v1/auths/"),
        Some(&pending),
        None,
    )
    .await;
    assert_eq!(s, 401, "a deleted account's session is gone");

    // Restart both: the settings are still there.
    a.stop().await.unwrap();
    b.stop().await.unwrap();
    let a2 = start_on(&url).await;
    let (_, cfg) = call(
        &c,
        Method::GET,
        format!("{}/api/config", a2.url()),
        Some(&member),
        None,
    )
    .await;
    assert_eq!(cfg["features"]["enable_community_sharing"], false);
    assert_eq!(cfg["audio"]["tts"]["rate"], 1.5);
    // Anonymous readers get only the public part.
    let (s, anon) = call(&c, Method::GET, format!("{}/api/config", a2.url()), None, None).await;
    assert_eq!(s, 200);
    assert_eq!(anon["features"]["enable_signup"], true);
    assert!(
        anon["features"].get("enable_community_sharing").is_none() && anon.get("audio").is_none(),
        "{anon}"
    );
}

/// Admin Panel lists (#37 item 10): an administrator adds an account (Open WebUI's Add User);
/// accounts waiting for approval come first and are counted; "My shared links" and Admin →
/// Shared links show a renamed chat's title now, with the title its readers see.
#[tokio::test]
async fn admins_add_users_see_who_waits_first_and_lists_follow_renames() {
    let server = common::start_server().await;
    let base = server.url();
    let ada = client();
    common::signup_with(&ada, &base, "Ada").await;
    let fn_call = |name: &'static str, body: Value| {
        let (ada, base) = (ada.clone(), base.clone());
        async move { common::call_fn(&ada, &base, name, body).await }
    };
    let (status, added) = fn_call(
        "admin_add_user",
        json!({"name": "Bea", "email": "Bea@Example.com", "password": "a good password", "role": "user"}),
    )
    .await;
    assert_eq!(status, 200, "{added}");
    assert_eq!(
        (&added["email"], &added["role"]),
        (&json!("bea@example.com"), &json!("user"))
    );
    let signed_in = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/auths/signin"),
        None,
        Some(json!({"email": "bea@example.com", "password": "a good password"})),
    )
    .await;
    assert_eq!(signed_in.0, 200, "the added account signs in");
    let again =
        json!({"name": "Bea", "email": "bea@example.com", "password": "a good password", "role": "user"});
    assert_eq!(fn_call("admin_add_user", again).await.0, 409);
    let bad_role =
        json!({"name": "Cy", "email": "cy@example.com", "password": "a good password", "role": "owner"});
    assert_eq!(fn_call("admin_add_user", bad_role).await.0, 422);
    let short = json!({"name": "Cy", "email": "cy@example.com", "password": "short", "role": "user"});
    assert_eq!(fn_call("admin_add_user", short).await.0, 400);
    let bea = signed_in.1["token"].as_str().expect("a token").to_owned();
    let by_member = call(
        &client(),
        Method::POST,
        format!("{base}/api/fn/admin_add_user"),
        Some(&bea),
        Some(json!({"name": "Dee", "email": "dee@example.com", "password": "a good password", "role": "admin"})),
    )
    .await;
    assert_eq!(by_member.0, 403);
    // Open WebUI's endpoint: pending unless a role is given.
    let (status, cy) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/auths/add"),
        Some(&admin_token(&ada, &base).await),
        Some(json!({"name": "Cy", "email": "cy@example.com", "password": "a good password"})),
    )
    .await;
    assert_eq!((status, &cy["role"]), (200, &json!("pending")), "{cy}");
    assert!(cy.get("token").is_none(), "no session for the new account: {cy}");

    // Cy and a sign-up wait for approval: counted, and listed first.
    signup(&base, "Pia").await;
    assert_eq!(fn_call("admin_pending_count", json!({})).await.1, json!(2));
    let (_, rows) = fn_call("admin_list_users", json!({"query": ""})).await;
    let mut roles: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["role"].as_str())
        .collect();
    // (Accounts made in the same second have no order among themselves.)
    roles[2..].sort_unstable();
    assert_eq!(roles, vec!["pending", "pending", "admin", "user"]);
    assert!(rows[0]["profile_image_url"].is_string(), "{rows}");
    let (_, counts) = fn_call("inbox_counts", json!({})).await;
    assert_eq!(counts["pending_users"], 2);

    // Ada shares a chat, then renames it: both lists show the new title and the shared one.
    let (chat_id, _) =
        common::create_and_share(&ada, &base, common::one_message_chat("Old name", "Hello")).await;
    let renamed = ada
        .post(format!("{base}/api/v1/chats/{chat_id}"))
        .json(&json!({"chat": {"title": "New name"}}))
        .send()
        .await
        .expect("rename");
    assert_eq!(renamed.status(), 200);
    let (_, mine) = fn_call("list_shared", json!({"query": "", "page": 1})).await;
    assert_eq!(
        (&mine[0]["title"], &mine[0]["shared_as"]),
        (&json!("New name"), &json!("Old name")),
        "{mine}"
    );
    let (_, all) = fn_call(
        "admin_shared_links",
        json!({"query": "", "owner": null, "page": 1}),
    )
    .await;
    assert_eq!(
        (&all[0]["title"], &all[0]["shared_as"]),
        (&json!("New name"), &json!("Old name")),
        "{all}"
    );
    // Open WebUI's list keeps the snapshot's title.
    let listed: Value = ada
        .get(format!("{base}/api/v1/chats/shared"))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    assert_eq!(listed[0]["title"], "Old name");
}

/// The session token of the holder of `c`'s cookie (`GET /api/v1/auths/`).
async fn admin_token(c: &reqwest::Client, base: &str) -> String {
    let me: Value = c
        .get(format!("{base}/api/v1/auths/"))
        .send()
        .await
        .expect("ask")
        .json()
        .await
        .expect("json");
    me["token"].as_str().expect("a token").to_owned()
}
