//! The accounts JSON API over real HTTP: statuses, bodies, cookies, bearer tokens, API keys.

mod common;

use common::{client, get, get_text, post, signup, start_server};
use serde_json::{json, Value};

#[tokio::test]
async fn sign_up_sign_in_session_and_sign_out() {
    let s = start_server().await;
    let base = s.url();
    let c = client();

    let res = post(
        &c,
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"Alice","email":"Alice@example.com","password":"correct horse"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("chatshare_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
    let body: Value = res.json().await.unwrap();
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "id",
        "email",
        "name",
        "role",
        "profile_image_url",
        "token",
        "token_type",
        "expires_at",
        "permissions",
    ] {
        assert!(keys.contains(&k), "missing {k} in {body}");
    }
    assert_eq!(body["role"], "admin");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["email"], "alice@example.com");
    assert_eq!(
        body["permissions"],
        json!({"chat": {"share": true}, "sharing": {"public_chats": true, "open_chats": false, "folders": true}, "features": {"folders": true}})
    );
    let token = body["token"].as_str().unwrap().to_owned();

    // The cookie alone authenticates (the client kept it).
    let me: Value = get(&c, format!("{base}/api/v1/auths/"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "alice@example.com");
    // So does the bearer token, from a client without cookies.
    let fresh = client();
    assert_eq!(
        get(&fresh, format!("{base}/api/v1/auths/"), Some(&token))
            .await
            .status(),
        200
    );
    assert_eq!(
        get(&fresh, format!("{base}/api/v1/auths/"), None).await.status(),
        401
    );
    assert_eq!(
        get(&fresh, format!("{base}/api/v1/auths/"), Some("bogus"))
            .await
            .status(),
        401
    );

    // Sign in again elsewhere, then sign out: that session ends.
    let res = post(
        &fresh,
        format!("{base}/api/v1/auths/signin"),
        json!({"email":"ALICE@example.com","password":"correct horse"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    let t2 = res.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = post(
        &fresh,
        format!("{base}/api/v1/auths/signout"),
        json!({}),
        Some(&t2),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        get(&client(), format!("{base}/api/v1/auths/"), Some(&t2))
            .await
            .status(),
        401
    );
    assert_eq!(
        get(&client(), format!("{base}/api/v1/auths/"), Some(&token))
            .await
            .status(),
        200
    );
    s.stop().await.unwrap();
}

#[tokio::test]
async fn bad_input_gets_clear_4xx_answers() {
    let s = start_server().await;
    let base = s.url();
    let c = client();
    let res = c
        .post(format!("{base}/api/v1/auths/signup"))
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.json::<Value>().await.unwrap()["detail"].is_string());
    let res = post(
        &c,
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"A"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 422);
    let res = c
        .post(format!("{base}/api/v1/auths/signup"))
        .body("name=a")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = post(
        &c,
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"A","email":"a@example.com","password":"short"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.json::<Value>().await.unwrap()["detail"],
        "The password must be at least 8 characters long."
    );

    post(
        &c,
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"A","email":"a@example.com","password":"long enough"}),
        None,
    )
    .await;
    let res = post(
        &client(),
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"B","email":"A@EXAMPLE.com","password":"long enough"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 409);
    let res = post(
        &client(),
        format!("{base}/api/v1/auths/signin"),
        json!({"email":"a@example.com","password":"wrong one"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.json::<Value>().await.unwrap()["detail"],
        "The email or password is incorrect."
    );
    s.stop().await.unwrap();
}

#[tokio::test]
async fn api_keys_admin_config_permissions_and_user_management() {
    let s = start_server().await;
    let base = s.url();
    let admin: Value = post(
        &client(),
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"Alice","email":"alice@example.com","password":"correct horse"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let at = admin["token"].as_str().unwrap().to_owned();
    let bob: Value = post(
        &client(),
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"Bob","email":"bob@example.com","password":"correct horse"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let bt = bob["token"].as_str().unwrap().to_owned();
    assert_eq!(bob["role"], "pending");
    let c = client();

    // A pending user is refused everywhere a member is needed.
    assert_eq!(
        get(&c, format!("{base}/api/v1/users/permissions"), Some(&bt))
            .await
            .status(),
        403
    );
    assert_eq!(
        post(&c, format!("{base}/api/v1/auths/api_key"), json!({}), Some(&bt))
            .await
            .status(),
        403
    );
    // Non-admins cannot reach admin endpoints; anonymous callers get 401.
    assert_eq!(
        get(&c, format!("{base}/api/v1/auths/admin/config"), Some(&bt))
            .await
            .status(),
        403
    );
    assert_eq!(
        get(&c, format!("{base}/api/v1/auths/admin/config"), None)
            .await
            .status(),
        401
    );
    assert_eq!(
        get(&c, format!("{base}/api/v1/users/"), Some(&bt)).await.status(),
        403
    );

    // Approve Bob.
    let bob_id = bob["id"].as_str().unwrap();
    let res = post(
        &c,
        format!("{base}/api/v1/users/{bob_id}/update"),
        json!({"role":"user"}),
        Some(&at),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        get(&c, format!("{base}/api/v1/users/permissions"), Some(&bt))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        json!({"chat":{"share":true}, "sharing": {"public_chats": true, "open_chats": false, "folders": false}, "features": {"folders": true}})
    );

    // Default permissions off → Bob cannot share; an override gives it back.
    let res = post(
        &c,
        format!("{base}/api/v1/users/default/permissions"),
        json!({"chat":{"share":false}}),
        Some(&at),
    )
    .await;
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"chat":{"share":false}, "sharing": {"public_chats": true, "open_chats": false, "folders": false}, "features": {"folders": true}})
    );
    assert_eq!(
        get(&c, format!("{base}/api/v1/users/permissions"), Some(&bt))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        json!({"chat":{"share":false}, "sharing": {"public_chats": true, "open_chats": false, "folders": false}, "features": {"folders": true}})
    );
    post(
        &c,
        format!("{base}/api/v1/users/{bob_id}/update"),
        json!({"can_share": true}),
        Some(&at),
    )
    .await;
    assert_eq!(
        get(&c, format!("{base}/api/v1/users/permissions"), Some(&bt))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        json!({"chat":{"share":true}, "sharing": {"public_chats": true, "open_chats": false, "folders": false}, "features": {"folders": true}})
    );

    // API key: create, authenticate, list without the key, revoke.
    let key: Value = post(&c, format!("{base}/api/v1/auths/api_key"), json!({}), Some(&bt))
        .await
        .json()
        .await
        .unwrap();
    let k = key["api_key"].as_str().unwrap().to_owned();
    assert_eq!(
        get(&client(), format!("{base}/api/v1/auths/"), Some(&k))
            .await
            .json::<Value>()
            .await
            .unwrap()["email"],
        "bob@example.com"
    );
    let listed: Value = get(&c, format!("{base}/api/v1/auths/api_key"), Some(&bt))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(!listed.to_string().contains(&k));
    let kid = listed[0]["id"].as_str().unwrap();
    assert_eq!(
        c.delete(format!("{base}/api/v1/auths/api_key/{kid}"))
            .bearer_auth(&bt)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        get(&client(), format!("{base}/api/v1/auths/"), Some(&k))
            .await
            .status(),
        401
    );
    assert_eq!(
        c.delete(format!("{base}/api/v1/auths/api_key/not-a-uuid"))
            .bearer_auth(&bt)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Admin config: read, change, refuse bad values.
    let cfg: Value = get(&c, format!("{base}/api/v1/auths/admin/config"), Some(&at))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cfg["ENABLE_SIGNUP"], true);
    assert_eq!(cfg["DEFAULT_USER_ROLE"], "pending");
    assert_eq!(cfg["ENABLE_API_KEYS"], true);
    let cfg: Value = post(
        &c,
        format!("{base}/api/v1/auths/admin/config"),
        json!({"ENABLE_SIGNUP": false}),
        Some(&at),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(cfg["ENABLE_SIGNUP"], false);
    let res = post(
        &client(),
        format!("{base}/api/v1/auths/signup"),
        json!({"name":"C","email":"c@example.com","password":"correct horse"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = post(
        &c,
        format!("{base}/api/v1/auths/admin/config"),
        json!({"DEFAULT_USER_ROLE": "admin"}),
        Some(&at),
    )
    .await;
    assert_eq!(res.status(), 422);

    // Users: list, refuse to delete the last admin, delete Bob.
    let users: Value = get(&c, format!("{base}/api/v1/users/?query=bob"), Some(&at))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(users.as_array().unwrap().len(), 1);
    let admin_id = admin["id"].as_str().unwrap();
    assert_eq!(
        c.delete(format!("{base}/api/v1/users/{admin_id}"))
            .bearer_auth(&at)
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    assert_eq!(
        c.delete(format!("{base}/api/v1/users/{bob_id}"))
            .bearer_auth(&at)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        get(&client(), format!("{base}/api/v1/auths/"), Some(&bt))
            .await
            .status(),
        401
    );
    assert_eq!(
        c.delete(format!("{base}/api/v1/users/{bob_id}"))
            .bearer_auth(&at)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    s.stop().await.unwrap();
}

#[tokio::test]
async fn account_server_functions_are_json_endpoints() {
    let s = start_server().await;
    let base = s.url();
    let c = client();
    let res = post(&c, format!("{base}/api/fn/sign_up"), json!({"name":"Alice","email":"alice@example.com","password":"correct horse","redirect":"//evil.example"}), None).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("chatshare_session="));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["redirect"], "/");
    assert_eq!(body["user"]["role"], "admin");

    let me: Value = post(&c, format!("{base}/api/fn/current_user"), json!({}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "alice@example.com");
    let key: Value = post(&c, format!("{base}/api/fn/create_api_key"), json!({}), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(key["api_key"].as_str().unwrap().starts_with("sk-"));
    let res = post(
        &c,
        format!("{base}/api/fn/revoke_api_key"),
        json!({"id": "00000000-0000-0000-0000-000000000000"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 404);
    let res = post(
        &c,
        format!("{base}/api/fn/revoke_api_key"),
        json!({"id": "nope"}),
        None,
    )
    .await;
    assert_eq!(res.status(), 400);

    let res = post(
        &client(),
        format!("{base}/api/fn/sign_in"),
        json!({"email":"alice@example.com","password":"correct horse","redirect":"/s/abc"}),
        None,
    )
    .await;
    assert_eq!(res.json::<Value>().await.unwrap()["redirect"], "/s/abc");
    let res = post(
        &client(),
        format!("{base}/api/fn/create_api_key"),
        json!({}),
        None,
    )
    .await;
    assert_eq!(res.status(), 401);

    assert_eq!(
        post(&c, format!("{base}/api/fn/sign_out"), json!({}), None)
            .await
            .status(),
        200
    );
    let me: Value = post(&c, format!("{base}/api/fn/current_user"), json!({}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me, Value::Null);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn pages_that_need_a_member_redirect_to_sign_in() {
    let s = start_server().await;
    let res = client()
        .get(format!("{}/settings", s.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/auth?redirect=/settings");
    let res = client()
        .get(format!("{}/auth?redirect=/settings", s.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // A fresh instance offers its first visitor the admin account; once one exists, sign-in.
    let page = res.text().await.unwrap();
    assert!(page.contains("Create the admin account"), "{page}");
    assert!(page.contains("action=\"/auth/sign-up\""));
    signup(&s.url(), "Ada").await;
    let page = get_text(&client(), &format!("{}/auth?redirect=/settings", s.url())).await;
    assert!(page.contains("Sign in to chatshare"));
    assert!(page.contains("action=\"/auth/sign-in\""));
    assert!(!page.contains("Create the admin account"));
    s.stop().await.unwrap();
}

/// The sign-in page's plain forms (no JavaScript): a same-origin form post as Chromium sends it
/// under `Referrer-Policy: no-referrer` (`Origin: null`, `Sec-Fetch-Site: same-origin`).
#[tokio::test]
async fn the_plain_sign_in_forms_redirect_and_bring_errors_back_in_words() {
    let s = start_server().await;
    let base = s.url();
    common::signup(&base, "Alice").await;
    let post = |path: &str, form: &[(&str, &str)]| {
        client()
            .post(format!("{base}{path}"))
            .header("origin", "null")
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
    };
    let location = |res: &reqwest::Response| res.headers()["location"].to_str().unwrap().to_owned();

    let res = post(
        "/auth/sign-in",
        &[
            ("email", "alice@example.com"),
            ("password", "nope nope"),
            ("redirect", "/s/abc"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        location(&res),
        "/auth?mode=signin&error=signin-wrong&email=alice%40example.com&redirect=/s/abc"
    );
    assert!(!location(&res).contains("nope"), "never the password");

    let res = post(
        "/auth/sign-in",
        &[
            ("email", "alice@example.com"),
            ("password", "correct horse"),
            ("redirect", "/s/abc"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/s/abc");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("chatshare_session=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_owned();

    // An evil redirect lands on the start page.
    let res = post(
        "/auth/sign-in",
        &[
            ("email", "alice@example.com"),
            ("password", "correct horse"),
            ("redirect", "//evil.example/x"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(location(&res), "/");

    // Sign-up by form: a new account, signed in, sent on.
    let res = post(
        "/auth/sign-up",
        &[
            ("name", "Nora"),
            ("email", "nora@example.com"),
            ("password", "nora password"),
            ("redirect", ""),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/");
    assert!(res.headers().contains_key("set-cookie"));
    let res = post(
        "/auth/sign-up",
        &[
            ("name", "Nora"),
            ("email", "nora@example.com"),
            ("password", "short"),
        ],
    )
    .await
    .unwrap();
    assert!(
        location(&res).starts_with("/auth?mode=signup&error=password-short"),
        "{}",
        location(&res)
    );

    // Sign-out by form ends the session.
    let res = client()
        .post(format!("{base}/auth/sign-out"))
        .header("cookie", &session)
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/auth");
    let me = client()
        .get(format!("{base}/api/v1/auths/"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);

    // A form with fields left out comes back as the page with a message, not a bare rejection.
    let res = post("/auth/sign-up", &[("name", "Nora")]).await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        location(&res).starts_with("/auth?mode=signup&error="),
        "{}",
        location(&res)
    );

    // The same form from another site is refused.
    let res = client()
        .post(format!("{base}/auth/sign-in"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "alice@example.com"), ("password", "correct horse")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    s.stop().await.unwrap();
}
