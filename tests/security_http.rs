//! Security headers and cross-site request protection, over real HTTP.

mod common;

use common::{client, start_server};
use serde_json::{json, Value};

#[tokio::test]
async fn pages_carry_a_nonce_csp_and_the_other_headers() {
    let s = start_server().await;
    let base = s.url();
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let res = client().get(format!("{base}/auth")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let h = res.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap().to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|r| r.split('\'').next())
            .expect("a nonce in script-src")
            .to_owned();
        assert!(nonce.len() >= 16, "{csp}");
        for part in [
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "script-src 'self' 'nonce-",
        ] {
            assert!(csp.contains(part), "{part} missing from {csp}");
        }
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert!(
            !script_src.contains("'unsafe-inline'"),
            "no inline script without the nonce: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(
            h["referrer-policy"], "no-referrer",
            "a shared page's URL never leaks to linked sites"
        );
        let html = res.text().await.unwrap();
        let scripts = html.matches("<script").count();
        assert!(scripts >= 1, "{html}");
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "every inline script carries the page's nonce"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a fresh nonce for every page");
    // JSON answers get the strict default policy too.
    let res = client().get(format!("{base}/api/config")).send().await.unwrap();
    assert!(res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
}

#[tokio::test]
async fn cross_site_cookie_requests_are_refused_and_bearer_requests_are_not() {
    let s = start_server().await;
    let base = s.url();
    let host = base.trim_start_matches("http://").to_owned();
    let c = client(); // keeps the session cookie
    let v = common::signup_with(&c, &base, "Ada").await;
    let token = v["token"].as_str().unwrap().to_owned();
    let chat: Value = c
        .post(format!("{base}/api/v1/chats/new"))
        .json(&json!({"chat": {"title": "Secret plans"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = chat["id"].as_str().unwrap().to_owned();
    let share_url = format!("{base}/api/v1/chats/{id}/share");
    let fn_url = format!("{base}/api/fn/share_chat");

    // (headers, expected status) for a cookie-authenticated POST.
    let cases: Vec<(Vec<(&str, String)>, u16)> = vec![
        (vec![("origin", "https://evil.example".into())], 403),
        (vec![("origin", "null".into())], 403),
        (vec![("origin", format!("http://{host}.evil.example"))], 403),
        (vec![("sec-fetch-site", "cross-site".into())], 403),
        (vec![("sec-fetch-site", "same-site".into())], 403),
        (
            vec![
                ("origin", format!("http://{host}")),
                ("sec-fetch-site", "cross-site".into()),
            ],
            403,
        ),
        (
            vec![
                ("origin", format!("http://{host}")),
                ("sec-fetch-site", "same-origin".into()),
            ],
            200,
        ),
        (vec![("sec-fetch-site", "none".into())], 200),
        // A same-origin form post: `Referrer-Policy: no-referrer` makes Chromium send
        // `Origin: null`; `Sec-Fetch-Site` says it is ours.
        (
            vec![
                ("origin", "null".into()),
                ("sec-fetch-site", "same-origin".into()),
            ],
            200,
        ),
        (vec![], 200),
    ];
    for (headers, want) in &cases {
        for url in [&share_url, &fn_url] {
            let mut r = c.post(url.as_str());
            if url.ends_with("share_chat") {
                r = r.json(&json!({"chat_id": id}));
            }
            for (k, v) in headers {
                r = r.header(*k, v);
            }
            let res = r.send().await.unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            assert_eq!(status, *want, "{url} with {headers:?}: {body}");
            if *want == 403 {
                assert!(
                    body["detail"].as_str().unwrap().contains("another site"),
                    "{body}"
                );
            }
        }
    }
    // A refused request changed nothing: delete the link cross-site, it is still there.
    let res = c
        .delete(&share_url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let still: Value = c
        .get(format!("{base}/api/v1/chats/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(still["share_id"].is_string(), "{still}");

    // Bearer tokens are not affected, whatever the Origin says.
    let res = client()
        .delete(&share_url)
        .bearer_auth(&token)
        .header("origin", "https://elsewhere.example")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Sign-in from another site (login CSRF) is refused too.
    let res = client()
        .post(format!("{base}/api/v1/auths/signin"))
        .header("origin", "https://evil.example")
        .json(&json!({"email": "ada@example.com", "password": "correct horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn bad_input_everywhere_is_a_clear_4xx_and_changes_nothing() {
    let mut config = common::test_config();
    config.max_body_bytes = 256 * 1024;
    let s = common::start_server_with(config).await;
    let base = s.url();
    let c = client();
    let v = common::signup_with(&c, &base, "Ada").await;
    let token = v["token"].as_str().unwrap().to_owned();
    let chat: Value = c
        .post(format!("{base}/api/v1/chats/new"))
        .json(&json!({"chat": {"title": "Keep me"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = chat["id"].as_str().unwrap().to_owned();
    c.post(format!("{base}/api/v1/chats/{id}/share"))
        .send()
        .await
        .unwrap();
    let before: Value = c
        .get(format!("{base}/api/v1/chats/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    // Invalid UUIDs in every path parameter: 404 (no such thing), never 400/500.
    let bad_ids = [
        "not-a-uuid",
        "1",
        "00000000-0000-0000-0000-00000000000g",
        "%27%20OR%201%3D1--",
    ];
    let mut cells = 0;
    for bad in bad_ids {
        for (method, path) in [
            ("GET", format!("/api/v1/chats/{bad}")),
            ("POST", format!("/api/v1/chats/{bad}")),
            ("DELETE", format!("/api/v1/chats/{bad}")),
            ("POST", format!("/api/v1/chats/{bad}/pin")),
            ("POST", format!("/api/v1/chats/{bad}/archive")),
            ("GET", format!("/api/v1/chats/{bad}/export")),
            ("POST", format!("/api/v1/chats/{bad}/share")),
            ("DELETE", format!("/api/v1/chats/{bad}/share")),
            ("POST", format!("/api/chats/{bad}/share")),
            ("GET", format!("/api/v1/chats/share/{bad}")),
            ("GET", format!("/api/chats/share/{bad}")),
            ("POST", format!("/api/v1/chats/{bad}/clone/shared")),
            ("POST", format!("/api/v1/users/{bad}/update")),
            ("DELETE", format!("/api/v1/users/{bad}")),
            ("DELETE", format!("/api/v1/auths/api_key/{bad}")),
        ] {
            let url = format!("{base}{path}");
            let req = match method {
                "GET" => c.get(&url),
                "POST" => c
                    .post(&url)
                    .json(&json!({"chat": {"title": "x"}, "role": "user"})),
                _ => c.delete(&url),
            };
            let res = req.bearer_auth(&token).send().await.unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            assert_eq!(status, 404, "{method} {path}: {body}");
            assert!(body["detail"].is_string(), "{method} {path}: {body}");
            cells += 1;
        }
    }

    // Malformed bodies on JSON endpoints and server functions.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let huge = format!("{{\"chat\": {{\"title\": \"{}\"}}}}", "x".repeat(300 * 1024));
    let chat_path = format!("/api/v1/chats/{id}");
    let cases: Vec<(&str, String, Option<&str>, u16)> = vec![
        ("/api/v1/chats/new", "{".into(), Some("application/json"), 400),
        ("/api/v1/chats/new", "".into(), Some("application/json"), 400),
        (
            "/api/v1/chats/new",
            "chat=1".into(),
            Some("application/x-www-form-urlencoded"),
            400,
        ),
        (
            "/api/v1/chats/new",
            r#"{"chat": {"title": "x"}}"#.into(),
            Some("text/plain"),
            400,
        ),
        ("/api/v1/chats/new", nested.clone(), Some("application/json"), 400),
        (
            "/api/v1/chats/new",
            r#"{"chat": []}"#.into(),
            Some("application/json"),
            422,
        ),
        ("/api/v1/chats/new", huge.clone(), Some("application/json"), 413),
        (
            &chat_path,
            format!(r#"{{"chat": {{"title": "{}"}}}}"#, "t".repeat(100_000)),
            Some("application/json"),
            422,
        ),
        ("/api/v1/chats/import", nested.clone(), None, 400),
        ("/api/fn/share_chat", "{".into(), Some("application/json"), 400),
        ("/api/fn/share_chat", "".into(), Some("application/json"), 400),
        (
            "/api/fn/share_chat",
            r#"{"chat_id": "not-a-uuid"}"#.into(),
            Some("application/json"),
            400,
        ),
        ("/api/fn/share_chat", nested, Some("application/json"), 400),
        (
            "/api/fn/rename_chat",
            format!(r#"{{"id": "{id}", "title": "{}"}}"#, "t".repeat(100_000)),
            Some("application/json"),
            422,
        ),
        ("/api/fn/send_message", huge, Some("application/json"), 413),
    ];
    for (path, body, ctype, want) in cases {
        let mut req = c
            .post(format!("{base}{path}"))
            .bearer_auth(&token)
            .body(body.clone());
        if let Some(t) = ctype {
            req = req.header("content-type", t);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let v: Value = res.json().await.unwrap_or(Value::Null);
        assert_eq!(status, want, "{path} with {} bytes of {ctype:?}: {v}", body.len());
        assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()), "{path}: {v}");
        cells += 1;
    }
    let after: Value = c
        .get(format!("{base}/api/v1/chats/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(after, before, "nothing stored was changed");
    let all: Vec<Value> = c
        .get(format!("{base}/api/v1/chats/all"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "nothing was created");
    println!("bad input: {cells} malformed requests, each a 4xx with a detail, nothing changed");
}

#[tokio::test]
async fn repeated_bad_passwords_slow_down_over_http_and_the_owner_still_gets_in() {
    let s = start_server().await;
    let base = s.url();
    common::signup(&base, "Ada").await;
    let attempt = |password: &'static str| {
        let base = base.clone();
        async move {
            client()
                .post(format!("{base}/api/v1/auths/signin"))
                .json(&json!({"email": "ada@example.com", "password": password}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    use app::accounts::service::sign_in_delay;
    let wait = || async {
        sign_in_delay(&s.db, "ada@example.com", "127.0.0.1")
            .await
            .unwrap()
    };
    let mut waits = Vec::new();
    for _ in 0..8 {
        waits.push(wait().await);
        assert_eq!(attempt("wrong guess").await, 400);
    }
    // The server's pause before each guess (its decision from the recorded failures): none for
    // the free attempts, then one for each failure past them.
    let free = app::accounts::service::FREE_ATTEMPTS as usize;
    assert!(waits[..free].iter().all(|w| w.is_zero()), "{waits:?}");
    assert!(waits[free..].iter().all(|w| !w.is_zero()), "{waits:?}");
    assert!(
        waits[free..].windows(2).all(|w| w[0] < w[1]),
        "longer each time: {waits:?}"
    );
    assert_eq!(attempt("correct horse").await, 200, "the owner still gets in");
    println!(
        "throttling: 8 bad passwords over HTTP, the server's pauses {waits:?}; the right one was accepted"
    );
}
