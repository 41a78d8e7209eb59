//! The foundation over real HTTP: health, a JSON server function, errors, limits, headers,
//! versioned assets. Runs on SQLite and on PostgreSQL (`CHATSHARE_TEST_DB`).

mod common;

use common::{backend, client, get_text, start_server, start_server_with, test_config};
use serde_json::Value;

#[tokio::test]
async fn healthz_answers_ok_only_while_the_database_answers() {
    let server = start_server().await;
    let res = client()
        .get(format!("{}/healthz", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        serde_json::json!({"status": "ok"})
    );

    server.db.clone().close().await.unwrap();
    let res = client()
        .get(format!("{}/healthz", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn system_info_server_function_is_a_json_endpoint_that_reads_the_database() {
    let server = start_server().await;
    let res = client()
        .post(format!("{}/api/fn/system_info", server.url()))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let info: Value = res.json().await.unwrap();
    assert_eq!(info["name"], "chatshare");
    assert_eq!(info["database_ok"], true);
    // Anonymous callers learn nothing about the database or the accounts.
    assert_eq!(info["details"], Value::Null, "{info}");
    // The admin sees the details.
    let (admin, _) = common::signup(&server.url(), "Ada").await;
    let res = client()
        .post(format!("{}/api/fn/system_info", server.url()))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    let info: Value = res.json().await.unwrap();
    assert_eq!(info["details"]["database"], backend());
    assert!(info["details"]["migrations_applied"].as_u64().unwrap() >= 3);
    assert_eq!(info["details"]["users"], 1);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn a_malformed_server_function_body_is_a_400_with_a_detail() {
    let server = start_server().await;
    let res = client()
        .post(format!("{}/api/fn/system_info", server.url()))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["detail"].as_str().unwrap().starts_with("Invalid request"),
        "{body}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn bodies_over_the_limit_are_a_413_with_a_json_detail() {
    let mut config = test_config();
    config.max_body_bytes = 1024;
    let server = start_server_with(config).await;
    let res = client()
        .post(format!("{}/api/fn/system_info", server.url()))
        .header("content-type", "application/json")
        .body(format!("{{\"pad\":\"{}\"}}", "x".repeat(4096)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["detail"], "The request body is too large.");
    server.stop().await.unwrap();
}

#[tokio::test]
async fn pages_are_server_rendered_compressed_and_carry_security_headers() {
    let server = start_server().await;
    let res = client()
        .get(format!("{}/", server.url()))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert!(res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));

    let html = get_text(&client(), &format!("{}/", server.url())).await;
    assert!(html.contains("Welcome to chatshare"));
    assert!(html.contains("<title>chatshare</title>"), "{html}");

    let res = client()
        .get(format!("{}/no/such/page", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Page not found"));
    server.stop().await.unwrap();
}

#[tokio::test]
async fn versioned_assets_are_cached_for_a_year() {
    let site = std::env::temp_dir().join(format!("chatshare-site-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/chatshare.js"), "export default 1;").unwrap();
    std::fs::write(site.join("pkg/chatshare.css"), "body{}").unwrap();
    std::fs::write(site.join("favicon.svg"), "<svg/>").unwrap();
    let hash = chatshare::assets::pkg_hash(&site);
    let mut config = test_config();
    config.site_root = site.clone();
    let server = start_server_with(config).await;

    let html = get_text(&client(), &format!("{}/", server.url())).await;
    assert!(html.contains(&format!("/pkg/{hash}/chatshare.js")), "{html}");
    assert!(html.contains(&format!("/pkg/{hash}/chatshare.css")));

    let res = client()
        .get(format!("{}/pkg/{hash}/chatshare.js", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.text().await.unwrap(), "export default 1;");

    let res = client()
        .get(format!("{}/favicon.svg", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    server.stop().await.unwrap();
    std::fs::remove_dir_all(site).ok();
}
