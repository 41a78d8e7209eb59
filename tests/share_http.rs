//! The seed's share API flow over real HTTP: both path families, session cookie, bearer token
//! and API key; exact key sets; statuses for every failure. Also the share server functions as
//! plain JSON POSTs, as a script would call them.

mod common;

use common::{client, start_server};
use reqwest::Client;
use serde_json::{json, Value};

const CHAT_KEYS: [&str; 11] = [
    "archived",
    "chat",
    "created_at",
    "folder_id",
    "id",
    "meta",
    "pinned",
    "share_id",
    "title",
    "updated_at",
    "user_id",
];

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
    k.sort();
    k
}

async fn signup(base: &str, name: &str) -> (Client, String, String) {
    let c = client();
    let v: Value = c
        .post(format!("{base}/api/v1/auths/signup"))
        .json(&json!({"name": name, "email": format!("{}@example.com", name.to_lowercase()), "password": "correct horse"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        c,
        v["token"].as_str().unwrap().to_owned(),
        v["id"].as_str().unwrap().to_owned(),
    )
}

fn chat_body() -> Value {
    json!({"chat": {
        "title": "AI Assistant Conversation", "params": {"system": "private prompt"},
        "history": {"currentId": "msg-2", "messages": {
            "msg-1": {"id": "msg-1", "parentId": null, "childrenIds": ["msg-2"], "role": "user", "content": "Hello, how can you help me?", "timestamp": 1709164800},
            "msg-2": {"id": "msg-2", "parentId": "msg-1", "childrenIds": [], "role": "assistant", "content": "I'm here to help! What do you need?", "model": "gpt-4", "timestamp": 1709164805}
        }},
        "tags": ["work", "ai_help"]
    }})
}

#[tokio::test]
async fn the_seed_flow_with_both_path_families() {
    let s = start_server().await;
    let base = s.url();
    let (admin, admin_token, _) = signup(&base, "Admin").await;
    let (bob, bob_token, bob_id) = signup(&base, "Bob").await;
    admin
        .post(format!("{base}/api/v1/users/{bob_id}/update"))
        .bearer_auth(&admin_token)
        .json(&json!({"role": "user"}))
        .send()
        .await
        .unwrap();
    let key: Value = bob
        .post(format!("{base}/api/v1/auths/api_key"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bob_key = key["api_key"].as_str().unwrap().to_owned();

    // Bob (cookie) creates a chat and shares it through the seed's path.
    let chat: Value = bob
        .post(format!("{base}/api/v1/chats/new"))
        .json(&chat_body())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&chat), CHAT_KEYS);
    assert_eq!(chat["meta"], json!({"tags": ["work", "ai_help"]}));
    let id = chat["id"].as_str().unwrap().to_owned();
    let res = bob
        .post(format!("{base}/api/chats/{id}/share"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let shared: Value = res.json().await.unwrap();
    assert_eq!(keys(&shared), CHAT_KEYS);
    assert_eq!(shared["id"], json!(id), "returns the original chat");
    let sid = shared["share_id"].as_str().unwrap().to_owned();
    assert_eq!(uuid::Uuid::parse_str(&sid).unwrap().get_version_num(), 4);

    // The admin (bearer session token) views it under both paths.
    for path in [
        format!("{base}/api/v1/chats/share/{sid}"),
        format!("{base}/api/chats/share/{sid}"),
    ] {
        let res = client().get(path).bearer_auth(&admin_token).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let snap: Value = res.json().await.unwrap();
        assert_eq!(keys(&snap), CHAT_KEYS);
        assert_eq!(snap["id"], json!(sid));
        assert_eq!(snap["share_id"], json!(sid));
        assert_eq!(snap["user_id"], json!(format!("shared-{id}")));
        assert_eq!(snap["archived"], false);
        assert_eq!(snap["folder_id"], Value::Null);
        assert!(
            snap["chat"].get("params").is_none(),
            "the owner's system prompt is not shown to others"
        );
        assert_eq!(snap["chat"]["history"]["messages"]["msg-2"]["model"], "gpt-4");
    }
    // The owner sees their own configuration.
    let own: Value = bob
        .get(format!("{base}/api/v1/chats/share/{sid}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(own["chat"]["params"]["system"], "private prompt");

    // Not signed in: 401. Unknown or malformed link: 404 (not Open WebUI's 401).
    assert_eq!(
        client()
            .get(format!("{base}/api/v1/chats/share/{sid}"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let unknown = uuid::Uuid::new_v4();
    let res = client()
        .get(format!("{base}/api/v1/chats/share/{unknown}"))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.json::<Value>().await.unwrap()["detail"].is_string());
    assert_eq!(
        client()
            .get(format!("{base}/api/v1/chats/share/not-a-uuid"))
            .bearer_auth(&admin_token)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Bob adds a message; the link still shows the snapshot until he updates it (API key now).
    let mut body = chat_body();
    body["chat"]["history"]["messages"]["msg-2"]["childrenIds"] = json!(["msg-3"]);
    body["chat"]["history"]["messages"]["msg-3"] =
        json!({"id": "msg-3", "parentId": "msg-2", "childrenIds": [], "role": "user", "content": "Later"});
    body["chat"]["history"]["currentId"] = json!("msg-3");
    assert_eq!(
        bob.post(format!("{base}/api/v1/chats/{id}"))
            .json(&body)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let snap: Value = client()
        .get(format!("{base}/api/v1/chats/share/{sid}"))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(snap["chat"]["history"]["messages"].get("msg-3").is_none());
    let res = client()
        .post(format!("{base}/api/v1/chats/{id}/share"))
        .bearer_auth(&bob_key)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.json::<Value>().await.unwrap()["share_id"],
        json!(sid),
        "update keeps the link"
    );
    let snap: Value = client()
        .get(format!("{base}/api/v1/chats/share/{sid}"))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(snap["chat"]["history"]["messages"].get("msg-3").is_some());

    // The admin clones it; Bob lists his links.
    let clone: Value = client()
        .post(format!("{base}/api/v1/chats/{sid}/clone/shared"))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&clone), CHAT_KEYS);
    assert_eq!(clone["title"], "Clone of AI Assistant Conversation");
    assert_eq!(clone["share_id"], Value::Null);
    assert_eq!(clone["chat"]["originalChatId"], json!(id));
    let list: Value = bob
        .get(format!("{base}/api/v1/chats/shared?query=assistant"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Open WebUI's keys, and ours from the link-lifetime issue.
    assert_eq!(
        keys(&list[0]),
        [
            "audience",
            "chat_id",
            "created_at",
            "expires_at",
            "id",
            "last_viewed_at",
            "live",
            "share_id",
            "title",
            "updated_at",
            "view_count",
            "viewer_count"
        ]
    );

    // Another user cannot share or unshare Bob's chat (404); the admin can.
    let (carol, _, _) = signup(&base, "Carol").await;
    assert_eq!(
        carol
            .post(format!("{base}/api/v1/chats/{id}/share"))
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "pending"
    );
    assert_eq!(
        client()
            .delete(format!("{base}/api/v1/chats/{id}/share"))
            .bearer_auth(&admin_token)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        json!(true)
    );
    assert_eq!(
        client()
            .get(format!("{base}/api/v1/chats/share/{sid}"))
            .bearer_auth(&bob_token)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        bob.delete(format!("{base}/api/chats/{id}/share"))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        json!(false)
    );

    // Delete-all answers `true`, as Open WebUI does.
    bob.post(format!("{base}/api/v1/chats/{id}/share"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        bob.delete(format!("{base}/api/v1/chats/share/all"))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        json!(true)
    );
    let gone = bob
        .get(format!("{base}/api/v1/chats/{id}"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(gone["share_id"], Value::Null, "and the link is gone");
    s.stop().await.unwrap();
}

#[tokio::test]
async fn bad_input_on_chat_endpoints_is_a_clear_4xx_and_changes_nothing() {
    let s = start_server().await;
    let base = s.url();
    let (c, _, _) = signup(&base, "Admin").await;
    let chat: Value = c
        .post(format!("{base}/api/v1/chats/new"))
        .json(&chat_body())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = chat["id"].as_str().unwrap();
    let cases: Vec<(reqwest::RequestBuilder, u16)> = vec![
        (
            c.post(format!("{base}/api/v1/chats/new"))
                .header("content-type", "application/json")
                .body("{"),
            400,
        ),
        (c.post(format!("{base}/api/v1/chats/new")).body("chat=1"), 400),
        (
            c.post(format!("{base}/api/v1/chats/new"))
                .json(&json!({"nochat": 1})),
            422,
        ),
        (
            c.post(format!("{base}/api/v1/chats/{id}")).json(
                &json!({"chat": {"history": {"currentId": "x", "messages": {"x": {"parentId": "ghost"}}}}}),
            ),
            422,
        ),
        (
            c.post(format!("{base}/api/v1/chats/{id}"))
                .json(&json!({"chat": {"title": "t".repeat(100_000)}})),
            422,
        ),
        (c.get(format!("{base}/api/v1/chats/not-a-uuid")), 404),
        (c.post(format!("{base}/api/v1/chats/not-a-uuid/share")), 404),
        (
            c.post(format!("{base}/api/v1/chats/{}/share", uuid::Uuid::new_v4())),
            404,
        ),
    ];
    for (req, want) in cases {
        let res = req.send().await.unwrap();
        assert_eq!(res.status().as_u16(), want, "{}", res.url());
        let body: Value = res.json().await.unwrap();
        assert!(body["detail"].is_string(), "{body}");
    }
    let after: Value = c
        .get(format!("{base}/api/v1/chats/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(after["chat"], chat["chat"], "nothing stored was changed");
    s.stop().await.unwrap();
}

#[tokio::test]
async fn share_server_functions_are_json_endpoints() {
    let s = start_server().await;
    let base = s.url();
    let (c, _, _) = signup(&base, "Admin").await;
    let chat: Value = c
        .post(format!("{base}/api/v1/chats/new"))
        .json(&chat_body())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = chat["id"].as_str().unwrap();
    let post = |name: &str, body: Value| c.post(format!("{base}/api/fn/{name}")).json(&body).send();

    let link: Value = post("share_chat", json!({"chat_id": id}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sid = link["share_id"].as_str().unwrap().to_owned();
    let again: Value = post("share_chat", json!({"chat_id": id}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again["share_id"], json!(sid));
    let view: Value = post("view_shared", json!({"share_id": sid}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["title"], "AI Assistant Conversation");
    assert_eq!(view["shared_by"], "Admin");
    assert_eq!(view["messages"].as_array().unwrap().len(), 2);
    let list: Value = post("list_shared", json!({"query": "", "page": 1}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let cloned: Value = post("clone_shared", json!({"share_id": sid}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(uuid::Uuid::parse_str(cloned.as_str().unwrap()).is_ok());
    assert_eq!(
        post("unshare_chat", json!({"chat_id": id}))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        json!(true)
    );
    let res = post("view_shared", json!({"share_id": sid})).await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(
        post("unshare_all", json!({}))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        json!(0)
    );
    let res = client()
        .post(format!("{base}/api/fn/share_chat"))
        .json(&json!({"chat_id": id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(
        post("share_chat", json!({"chat_id": "nope"}))
            .await
            .unwrap()
            .status(),
        400
    );
    s.stop().await.unwrap();
}

#[tokio::test]
async fn the_shared_page_is_server_rendered_redirects_and_404s() {
    let s = start_server().await;
    let base = s.url();
    let (c, _, _) = signup(&base, "Admin").await;
    let chat: Value = c
        .post(format!("{base}/api/v1/chats/new"))
        .json(&chat_body())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = chat["id"].as_str().unwrap();
    let sid = c
        .post(format!("{base}/api/v1/chats/{id}/share"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["share_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let res = c.get(format!("{base}/s/{sid}")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("I&#x27;m here to help!") || html.contains("I'm here to help!"),
        "{html}"
    );
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\""));
    assert!(html.contains("<title>AI Assistant Conversation · chatshare</title>"));
    // No client app: no WASM, no hydration data. The reader's account menu opens without a
    // script (a disclosure: Settings, the Admin Panel for an admin, Sign out as a plain form).
    assert!(
        !html.contains("chatshare.js") && !html.contains(".wasm") && !html.contains("__RESOLVED_RESOURCES"),
        "{html}"
    );
    assert!(
        html.contains(r#"<details class="menu-wrap account-menu"><summary class="icon-button user-button">Admin</summary>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/settings">Settings</a><a href="/admin">Admin Panel</a>"#));
    assert!(html.contains(r#"<form class="sign-out plain-form" method="post" action="/auth/sign-out">"#));
    // Its scripts (the time script and the page's own: one element when the site's script is
    // carried inside) carry the nonce the page's policy allows, and nothing else may run.
    let res = c.get(format!("{base}/s/{sid}")).send().await.unwrap();
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    let html = res.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!((1..=2).contains(&scripts), "{html}");
    assert_eq!(
        html.matches(&format!("<script nonce=\"{nonce}\"")).count(),
        scripts,
        "{policy} {html}"
    );
    assert!(html.contains("time[datetime]"), "the time script is on the page");
    // The same page with a trailing slash, and with an address whose query is odd (a key twice,
    // a version that is no number): the page, never a bare 400 text.
    for odd in ["/", "?branch=a&branch=b", "?version=x&wrong&error=%FF"] {
        let res = c.get(format!("{base}/s/{sid}{odd}")).send().await.unwrap();
        assert_eq!(res.status(), 200, "{odd}");
        assert!(res.text().await.unwrap().contains("I'm here to help!"), "{odd}");
    }

    let res = client().get(format!("{base}/s/{sid}")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/auth?redirect=/s/{sid}"));
    assert!(
        !res.text().await.unwrap().contains("here to help"),
        "no chat content before sign-in"
    );

    c.delete(format!("{base}/api/v1/chats/{id}/share"))
        .send()
        .await
        .unwrap();
    let res = c.get(format!("{base}/s/{sid}")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("This shared chat is no longer available"));
    s.stop().await.unwrap();
}

/// The shared page's "Clone Chat" as a plain HTML form (`POST /s/{id}/clone`), for a browser
/// without (or before) the WASM client: a reader lands on the copy, a visitor is sent to sign
/// in and back, a dead link comes back to the page with the message in words, and another
/// site cannot make a reader's browser clone.
#[tokio::test]
async fn clone_chat_works_as_a_plain_form() {
    let s = start_server().await;
    let base = s.url();
    let owner = client();
    let admin_token = common::signup_with(&owner, &base, "Olga").await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, sid) = common::create_and_share(
        &owner,
        &base,
        common::one_message_chat("Field notes", "Bring water."),
    )
    .await;
    let reader = client();
    let reader_id = common::signup_with(&reader, &base, "Rita").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        common::set_role(&base, &admin_token, &reader_id, "user").await,
        200
    );
    let form_post = |c: &Client, path: String, site: &'static str| {
        c.post(format!("{base}{path}"))
            .header("origin", "null")
            .header("sec-fetch-site", site)
            .form(&[("x", "")])
            .send()
    };
    let location = |res: &reqwest::Response| res.headers()["location"].to_str().unwrap().to_owned();

    let res = form_post(&reader, format!("/s/{sid}/clone"), "same-origin")
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = location(&res);
    let copy = to.strip_prefix("/c/").expect("goes to the copy");
    let chat = common::get_json(&reader, &format!("{base}/api/v1/chats/{copy}")).await;
    assert_eq!(chat["title"], "Clone of Field notes");
    assert_eq!(chat["user_id"], reader_id.as_str());

    let res = form_post(&client(), format!("/s/{sid}/clone"), "same-origin")
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/auth?redirect=/s/{sid}"));

    let gone = uuid::Uuid::new_v4();
    let res = form_post(&reader, format!("/s/{gone}/clone"), "same-origin")
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{gone}?error=link-gone"));
    let res = form_post(&reader, "/s/not-an-id/clone".to_owned(), "same-origin")
        .await
        .unwrap();
    assert!(location(&res).starts_with("/s/not-an-id?error="));

    let before = list_len(&reader, &base).await;
    let res = form_post(&reader, format!("/s/{sid}/clone"), "cross-site")
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        list_len(&reader, &base).await,
        before,
        "nothing cloned from another site"
    );
    s.stop().await.unwrap();
}

/// How many chats `c`'s account has.
async fn list_len(c: &Client, base: &str) -> usize {
    let list = common::get_json(c, &format!("{base}/api/v1/chats/")).await;
    list.as_array().expect("a list").len()
}
