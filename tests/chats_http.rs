//! Chat import and export over real HTTP: Open WebUI's export and ChatGPT's
//! `conversations.json` in, Open WebUI's export out, all-or-nothing, with the right statuses.

mod common;

use common::{client, fixture, signup, start_server, start_server_with, test_config};
use serde_json::{json, Value};

#[tokio::test]
async fn import_then_export_all_and_one() {
    let server = start_server().await;
    let base = server.url();
    let (token, _) = signup(&base, "ada").await;
    let c = client();

    let res = c
        .post(format!("{base}/api/v1/chats/import"))
        .bearer_auth(&token)
        .body(fixture("chatgpt-conversations.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let created: Vec<Value> = res.json().await.unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["title"], "Sourdough starter help");

    let res = c
        .post(format!("{base}/api/v1/chats/import?summary=true"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(fixture("open-webui-export.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 2);

    // Open WebUI's import form: one chat object in, one chat object out.
    let res = c
        .post(format!("{base}/api/v1/chats/import"))
        .bearer_auth(&token)
        .json(&json!({"chat": {"title": "Single", "history": {"messages": {}, "currentId": null}}, "meta": {"tags": ["x"]}, "pinned": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let single: Value = res.json().await.unwrap();
    assert_eq!(single["title"], "Single");
    assert_eq!(single["meta"], json!({"tags": ["x"]}));

    let res = c
        .get(format!("{base}/api/v1/chats/all?download=true"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"chat-export-") && disposition.ends_with(".json\""),
        "{disposition}"
    );
    let all: Vec<Value> = res.json().await.unwrap();
    assert_eq!(all.len(), 5, "archived chats are exported too");

    let id = created[0]["id"].as_str().unwrap();
    let res = c
        .get(format!("{base}/api/v1/chats/{id}/export"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let one: Vec<Value> = res.json().await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["id"], id);
    assert_eq!(
        one[0]["chat"]["history"]["currentId"],
        "aaa1f0e2-0000-4000-8000-000000000009"
    );

    // Someone else cannot export it, and learns nothing.
    let (other, bob_id) = signup(&base, "bob").await;
    let res = c
        .post(format!("{base}/api/v1/users/{bob_id}/update"))
        .bearer_auth(&token)
        .json(&json!({"role": "user"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = c
        .get(format!("{base}/api/v1/chats/{id}/export"))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let anonymous = client()
        .post(format!("{base}/api/v1/chats/import"))
        .body(fixture("chatgpt-conversations.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn broken_and_oversized_imports_are_refused_and_import_nothing() {
    let mut config = test_config();
    config.max_import_bytes = 64 * 1024;
    let server = start_server_with(config).await;
    let base = server.url();
    let (token, _) = signup(&base, "ada").await;
    let c = client();
    let count = || async {
        let all: Vec<Value> = client()
            .get(format!("{base}/api/v1/chats/all"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        all.len()
    };

    let mut broken: Vec<Value> = serde_json::from_slice(&fixture("chatgpt-conversations.json")).unwrap();
    broken[1]["mapping"]["bbb00000-0000-4000-8000-000000000003"]["parent"] = json!("missing-node");
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (serde_json::to_vec(&broken).unwrap(), 422, "Chat 2 (“Haiku about Mondays”): node bbb00000-0000-4000-8000-000000000003 names a parent missing-node"),
        (b"[{\"title\": ".to_vec(), 400, "not valid JSON"),
        (b"".to_vec(), 400, "not valid JSON"),
        (b"42".to_vec(), 422, "an array of chats"),
        (vec![b' '; 65 * 1024], 413, ""),
    ];
    for (body, status, needle) in cases {
        let res = c
            .post(format!("{base}/api/v1/chats/import"))
            .bearer_auth(&token)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{needle}");
        let v: Value = res.json().await.unwrap();
        let detail = v["detail"].as_str().unwrap_or_default().to_owned();
        assert!(!detail.is_empty() && detail.contains(needle), "{detail}");
    }
    assert_eq!(count().await, 0, "nothing was imported");
}
