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
