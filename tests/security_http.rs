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
    let v: Value = c
        .post(format!("{base}/api/v1/auths/signup"))
        .json(&json!({"name": "Ada", "email": "ada@example.com", "password": "correct horse"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
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
