//! The authorization matrix: every JSON endpoint and server function that reads or changes chats,
//! links, settings or users, called by each kind of caller. The table holds the expected status
//! of every cell; the test fails on any difference and on any 500. Each cell gets fresh state
//! (its own chat, link and, where needed, user), so cells do not depend on each other.

mod common;

use app::accounts::service as accounts;
use app::chats::service as chats;
use app::entities::user;
use app::instance::SettingsDefaults;
use app::share::service as share;
use common::{client, start_server};
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{json, Value};
use uuid::Uuid;

/// Callers, in the order of each row's statuses.
const CALLERS: [&str; 8] = [
    "anonymous",
    "pending user",
    "owner",
    "other user",
    "admin",
    "owner's API key",
    "revoked API key",
    "expired session",
];

/// Statuses for a member-only action on the owner's own chat.
const OWN: [u16; 8] = [401, 403, 200, 404, 200, 200, 401, 401];
/// Statuses for a member-only action that is not about someone's chat.
const ANY_MEMBER: [u16; 8] = [401, 403, 200, 200, 200, 200, 401, 401];
/// Statuses for an admin-only action.
const ADMIN: [u16; 8] = [401, 403, 403, 403, 200, 403, 401, 401];

struct Row {
    method: &'static str,
    path: &'static str,
    body: Option<Value>,
    expect: [u16; 8],
}

fn row(method: &'static str, path: &'static str, body: Option<Value>, expect: [u16; 8]) -> Row {
    Row {
        method,
        path,
        body,
        expect,
    }
}

async fn user_with_role(
    db: &DatabaseConnection,
    d: &SettingsDefaults,
    name: &str,
    role: &str,
) -> user::Model {
    let u = accounts::sign_up(
        db,
        d,
        accounts::SignUp {
            name: name.into(),
            email: format!("{}@example.com", name.replace(' ', ".")),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    accounts::set_role(db, u.id, role).await.unwrap()
}

fn fill(template: &str, chat: Uuid, share: Uuid, victim: Uuid) -> String {
    template
        .replace("{chat}", &chat.to_string())
        .replace("{share}", &share.to_string())
        .replace("{victim}", &victim.to_string())
}

fn fill_json(v: &Value, chat: Uuid, share: Uuid, victim: Uuid) -> Value {
    serde_json::from_str(&fill(&v.to_string(), chat, share, victim)).unwrap()
}

#[tokio::test]
async fn every_endpoint_times_every_caller() {
    let s = start_server().await;
    let base = s.url();
    let db = &s.db;
    let d = SettingsDefaults::default();
    let admin = user_with_role(db, &d, "admin", "admin").await;
    let owner = user_with_role(db, &d, "owner", "user").await;
    let other = user_with_role(db, &d, "other", "user").await;
    let pending = user_with_role(db, &d, "pending", "pending").await;
    let session = |u: Uuid, ttl: i64| async move { accounts::create_session(db, u, ttl).await.unwrap().0 };
    let (_, key) = accounts::create_api_key(db, &d, &owner).await.unwrap();
    let (revoked_row, revoked) = accounts::create_api_key(db, &d, &owner).await.unwrap();
    accounts::revoke_api_key(db, &owner, revoked_row.id)
        .await
        .unwrap();
    let tokens: [Option<String>; 8] = [
        None,
        Some(session(pending.id, 3600).await),
        Some(session(owner.id, 3600).await),
        Some(session(other.id, 3600).await),
        Some(session(admin.id, 3600).await),
        Some(key),
        Some(revoked),
        Some(session(owner.id, -10).await),
    ];

    let rows = vec![
        // Sharing (Open WebUI paths and the seed's).
        row("POST", "/api/v1/chats/{chat}/share", None, OWN),
        row("POST", "/api/chats/{chat}/share", None, OWN),
        row("DELETE", "/api/v1/chats/{chat}/share", None, OWN),
        row("DELETE", "/api/chats/{chat}/share", None, OWN),
        row("GET", "/api/v1/chats/share/{share}", None, ANY_MEMBER),
        row("GET", "/api/chats/share/{share}", None, ANY_MEMBER),
        row("POST", "/api/v1/chats/{share}/clone/shared", None, ANY_MEMBER),
        row("GET", "/api/v1/chats/shared", None, ANY_MEMBER),
        row("DELETE", "/api/v1/chats/share/all", None, ANY_MEMBER),
        // Chats.
        row("GET", "/api/v1/chats/", None, ANY_MEMBER),
        row(
            "POST",
            "/api/v1/chats/new",
            Some(json!({"chat": {"title": "new"}})),
            ANY_MEMBER,
        ),
        row("GET", "/api/v1/chats/{chat}", None, OWN),
        row(
            "POST",
            "/api/v1/chats/{chat}",
            Some(json!({"chat": {"title": "changed"}})),
            OWN,
        ),
        row("DELETE", "/api/v1/chats/{chat}", None, OWN),
        row("POST", "/api/v1/chats/{chat}/pin", None, OWN),
        row("POST", "/api/v1/chats/{chat}/archive", None, OWN),
        row("GET", "/api/v1/chats/{chat}/export", None, OWN),
        row("GET", "/api/v1/chats/all", None, ANY_MEMBER),
        row(
            "POST",
            "/api/v1/chats/import",
            Some(json!([{"title": "imported", "chat": {}}])),
            ANY_MEMBER,
        ),
        // Accounts.
        // A pending account may read its own session (the UI shows "waiting for approval").
        row(
            "GET",
            "/api/v1/auths/",
            None,
            [401, 200, 200, 200, 200, 200, 401, 401],
        ),
        row("GET", "/api/v1/users/permissions", None, ANY_MEMBER),
        row("GET", "/api/v1/auths/api_key", None, ANY_MEMBER),
        // Admin.
        row("GET", "/api/v1/auths/admin/config", None, ADMIN),
        row(
            "POST",
            "/api/v1/auths/admin/config",
            Some(json!({"ENABLE_SIGNUP": true})),
            ADMIN,
        ),
        row("GET", "/api/v1/users/default/permissions", None, ADMIN),
        row(
            "POST",
            "/api/v1/users/default/permissions",
            Some(json!({"chat": {"share": true}})),
            ADMIN,
        ),
        row("GET", "/api/v1/users/", None, ADMIN),
        row(
            "POST",
            "/api/v1/users/{victim}/update",
            Some(json!({"role": "user"})),
            ADMIN,
        ),
        row("DELETE", "/api/v1/users/{victim}", None, ADMIN),
        // Server functions.
        row(
            "POST",
            "/api/fn/share_chat",
            Some(json!({"chat_id": "{chat}"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/unshare_chat",
            Some(json!({"chat_id": "{chat}"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/share_state",
            Some(json!({"chat_id": "{chat}"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/chat_json",
            Some(json!({"chat_id": "{chat}"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/view_shared",
            Some(json!({"share_id": "{share}"})),
            ANY_MEMBER,
        ),
        row(
            "POST",
            "/api/fn/clone_shared",
            Some(json!({"share_id": "{share}"})),
            ANY_MEMBER,
        ),
        row(
            "POST",
            "/api/fn/list_shared",
            Some(json!({"query": "", "page": 1})),
            ANY_MEMBER,
        ),
        row("POST", "/api/fn/unshare_all", Some(json!({})), ANY_MEMBER),
        row(
            "POST",
            "/api/fn/list_chats",
            Some(json!({"query": ""})),
            ANY_MEMBER,
        ),
        row("POST", "/api/fn/get_chat", Some(json!({"id": "{chat}"})), OWN),
        row(
            "POST",
            "/api/fn/send_message",
            Some(json!({"chat_id": "{chat}", "content": "hi"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/rename_chat",
            Some(json!({"id": "{chat}", "title": "renamed"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/toggle_chat",
            Some(json!({"id": "{chat}", "archive": false})),
            OWN,
        ),
        row("POST", "/api/fn/delete_chat", Some(json!({"id": "{chat}"})), OWN),
        row("POST", "/api/fn/list_api_keys", Some(json!({})), ANY_MEMBER),
        row("POST", "/api/fn/admin_settings", Some(json!({})), ADMIN),
        row(
            "POST",
            "/api/fn/admin_update_settings",
            Some(json!({"patch": {"enable_signup": true}})),
            ADMIN,
        ),
        row(
            "POST",
            "/api/fn/admin_list_users",
            Some(json!({"query": ""})),
            ADMIN,
        ),
        row(
            "POST",
            "/api/fn/admin_set_role",
            Some(json!({"id": "{victim}", "role": "user"})),
            ADMIN,
        ),
        row(
            "POST",
            "/api/fn/admin_set_can_share",
            Some(json!({"id": "{victim}", "value": false})),
            ADMIN,
        ),
        row(
            "POST",
            "/api/fn/admin_delete_user",
            Some(json!({"id": "{victim}"})),
            ADMIN,
        ),
        // Models and connections (no connection exists: a reply is refused with 422 once the
        // caller may see the chat).
        row(
            "POST",
            "/api/fn/list_models",
            Some(json!({"refresh": false})),
            ANY_MEMBER,
        ),
        row(
            "POST",
            "/api/fn/set_chat_model",
            Some(json!({"chat_id": "{chat}", "model": "m"})),
            OWN,
        ),
        row(
            "POST",
            "/api/fn/edit_message",
            Some(json!({"chat_id": "{chat}", "message_id": "m1", "content": "edited"})),
            OWN,
        ),
        row(
            "POST",
            "/api/chats/{chat}/reply",
            Some(json!({"parent_id": "m1", "model": "m"})),
            [401, 403, 422, 404, 422, 422, 401, 401],
        ),
        row("GET", "/api/models", None, ANY_MEMBER),
        row("POST", "/api/fn/admin_list_connections", Some(json!({})), ADMIN),
        row(
            "POST",
            "/api/fn/admin_save_connection",
            Some(json!({"id": null, "base_url": "http://127.0.0.1:9/v1", "api_key": "k", "enabled": false})),
            ADMIN,
        ),
        row(
            "POST",
            "/api/fn/admin_verify_connection",
            Some(json!({"id": null, "base_url": "http://127.0.0.1:9/v1"})),
            ADMIN,
        ),
        row(
            "POST",
            "/api/fn/admin_delete_connection",
            Some(json!({"id": "{victim}"})),
            [401, 403, 403, 403, 404, 403, 401, 401],
        ),
    ];

    let http = client();
    let mut cells = 0usize;
    let mut failures = Vec::new();
    for r in &rows {
        for (i, who) in CALLERS.iter().enumerate() {
            // Fresh state for this cell: the owner's chat with a link, and a user to manage.
            let c = chats::create(db, &owner, json!({"title": "Matrix chat", "history": {"currentId": "m1", "messages": {
                "m1": {"id": "m1", "parentId": null, "childrenIds": [], "role": "user", "content": "hello"}}}}))
                .await
                .unwrap();
            let shared = share::share(db, &d, &owner, c.id).await.unwrap();
            let share_id = shared.share_id.unwrap();
            let victim = user_with_role(db, &d, &format!("victim {cells}"), "pending").await;
            let url = format!("{base}{}", fill(r.path, c.id, share_id, victim.id));
            let mut req = match r.method {
                "GET" => http.get(&url),
                "POST" => http.post(&url),
                "DELETE" => http.delete(&url),
                m => panic!("method {m}"),
            };
            if let Some(t) = &tokens[i] {
                req = req.bearer_auth(t);
            }
            if let Some(b) = &r.body {
                req = req.json(&fill_json(b, c.id, share_id, victim.id));
            }
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            let body = res.text().await.unwrap_or_default();
            if status != r.expect[i] || status >= 500 {
                failures.push(format!(
                    "{} {} as {who}: got {status}, want {}: {body}",
                    r.method, r.path, r.expect[i]
                ));
            }
            if status >= 400 {
                let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                if v["detail"].as_str().is_none_or(str::is_empty) {
                    failures.push(format!("{} {} as {who}: no detail in {body}", r.method, r.path));
                }
            }
            cells += 1;
        }
    }
    // The admin rows really changed nothing for refused callers: the owner is still a user.
    let owner_now = user::Entity::find_by_id(owner.id).one(db).await.unwrap().unwrap();
    assert_eq!(owner_now.role, app::accounts::Role::User);
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!(
        "authorization matrix: {} endpoints × {} callers = {cells} cells, all as expected",
        rows.len(),
        CALLERS.len()
    );
}
