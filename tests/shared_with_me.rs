//! "Shared with me" and the sidebar's counts over real HTTP, on the backend under test: which
//! links a member finds there (by name, through a group, with every member; not those open only
//! to anyone with the link, not their own, not expired ones), what is marked new until they
//! open it, a live link they may continue, and a request for access that the owner approved.

mod common;

use common::{admin_config, call, client, create_and_share, one_message_chat, signup, signup_with};
use reqwest::Method;
use serde_json::{json, Value};

/// `POST /api/fn/{name}` as the holder of `token`; the status and answer.
async fn fn_as(base: &str, token: &str, name: &str, body: Value) -> (u16, Value) {
    call(
        &client(),
        Method::POST,
        format!("{base}/api/fn/{name}"),
        Some(token),
        Some(body),
    )
    .await
}

/// Bob's "Shared with me": each item's title and its marks (`new`, `approved`, `live`,
/// `can_continue`) and how it reached him.
async fn inbox(base: &str, token: &str) -> Vec<(String, String, bool, bool, bool)> {
    let (status, list) = fn_as(base, token, "shared_with_me", json!({})).await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .expect("a list")
        .iter()
        .map(|i| {
            (
                i["title"].as_str().unwrap_or_default().to_owned(),
                i["via"].as_str().unwrap_or_default().to_owned(),
                i["new"] == true,
                i["approved"] == true,
                i["can_continue"] == true,
            )
        })
        .collect()
}

/// The sidebar's counts for the holder of `token`: (new shared chats, requests waiting).
async fn counts(base: &str, token: &str) -> (u64, u64) {
    let (status, c) = fn_as(base, token, "inbox_counts", json!({})).await;
    assert_eq!(status, 200, "{c}");
    (
        c["new_shared"].as_u64().expect("a count"),
        c["pending_requests"].as_u64().expect("a count"),
    )
}

#[tokio::test]
async fn shared_with_me_lists_what_others_shared_marks_what_is_new_and_tells_of_an_approval() {
    let server = common::start_server().await;
    let base = server.url();
    let (admin, _) = signup(&base, "Admin").await;
    assert_eq!(
        admin_config(&base, &admin, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let olive_cookie = client();
    let olive = signup_with(&olive_cookie, &base, "Olive").await["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let (bob, bob_id) = signup(&base, "Bob").await;
    let (dana, _) = signup(&base, "Dana").await;
    let (status, group) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/groups/create"),
        Some(&admin),
        Some(json!({"name": "Crew"})),
    )
    .await;
    assert_eq!(status, 200, "{group}");
    let crew = group["id"].as_str().expect("an id").to_owned();
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/groups/id/{crew}/users/add"),
        Some(&admin),
        Some(json!({"user_ids": [bob_id]})),
    )
    .await;
    assert_eq!(status, 200);
    // Links open to anyone are allowed here.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/users/default/permissions"),
        Some(&admin),
        Some(json!({"sharing": {"open_chats": true}})),
    )
    .await;
    assert_eq!(status, 200);

    // Olive shares five chats, each with another audience.
    let share = |title: &'static str, grants: Value, mode: Option<&'static str>| {
        let (c, base, olive) = (olive_cookie.clone(), base.clone(), olive.clone());
        async move {
            let (chat_id, share_id) = create_and_share(&c, &base, one_message_chat(title, "Hello.")).await;
            let (status, body) = call(
                &client(),
                Method::POST,
                format!("{base}/api/v1/chats/shared/{chat_id}/access/update"),
                Some(&olive),
                Some(json!({"access_grants": grants, "share_mode": mode})),
            )
            .await;
            assert_eq!(status, 200, "{body}");
            (chat_id, share_id)
        }
    };
    let user = |id: &str, permission: &str| json!({"principal_type": "user", "principal_id": id, "permission": permission});
    let (named_chat, named) = share("To Bob", json!([user(&bob_id, "read")]), None).await;
    share(
        "To the crew",
        json!([{"principal_type": "group", "principal_id": crew, "permission": "read"}]),
        None,
    )
    .await;
    share("To everyone", json!([user("*", "read")]), None).await;
    share(
        "To anyone with the link",
        json!([{"principal_type": "anyone", "principal_id": "*", "permission": "read"}]),
        None,
    )
    .await;
    share("Live with Bob", json!([user(&bob_id, "write")]), Some("continue")).await;

    // Bob finds four, each new, the live one to continue; the public link is not there.
    let mut seen = inbox(&base, &bob).await;
    seen.sort();
    assert_eq!(
        seen,
        vec![
            ("Live with Bob".to_owned(), "you".to_owned(), true, false, true),
            ("To Bob".to_owned(), "you".to_owned(), true, false, false),
            (
                "To everyone".to_owned(),
                "everyone on this instance".to_owned(),
                true,
                false,
                false
            ),
            (
                "To the crew".to_owned(),
                "your group Crew".to_owned(),
                true,
                false,
                false
            ),
        ]
    );
    assert_eq!(counts(&base, &bob).await, (4, 0));
    // Dana, in no group, finds only what every member got.
    let danas: Vec<String> = inbox(&base, &dana).await.into_iter().map(|i| i.0).collect();
    assert_eq!(danas, vec!["To everyone".to_owned()]);
    // Olive's own links are not shared with her.
    assert_eq!(inbox(&base, &olive).await, vec![]);

    // Bob reads "To Bob": it is no longer new, until Olive updates the link.
    let page = client()
        .get(format!("{base}/s/{named}"))
        .bearer_auth(&bob)
        .send()
        .await
        .expect("read the link");
    assert_eq!(page.status(), 200);
    let is_new = |list: Vec<(String, String, bool, bool, bool)>, title: &str| {
        list.into_iter().find(|i| i.0 == title).map(|i| i.2)
    };
    assert_eq!(is_new(inbox(&base, &bob).await, "To Bob"), Some(false));
    assert_eq!(counts(&base, &bob).await, (3, 0));
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{named_chat}"),
        Some(&olive),
        Some(json!({"chat": one_message_chat("To Bob", "Hello, and welcome.")})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{named_chat}/share"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(is_new(inbox(&base, &bob).await, "To Bob"), Some(true));

    // Dana asks for "To Bob": Olive's sidebar counts the request; she approves it, and Dana's
    // list says so until she opens the link.
    let (status, asked) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/share/{named}/access/request"),
        Some(&dana),
        None,
    )
    .await;
    assert_eq!(status, 200, "{asked}");
    assert_eq!(counts(&base, &olive).await, (0, 1));
    let request_id = asked["id"].as_str().expect("a request id");
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/shared/{named_chat}/access/requests/{request_id}/approve"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(counts(&base, &olive).await, (0, 0));
    let approved = inbox(&base, &dana).await.into_iter().find(|i| i.0 == "To Bob");
    assert_eq!(
        approved.map(|i| (i.1, i.2, i.3)),
        Some(("you".to_owned(), true, true))
    );
    let page = client()
        .get(format!("{base}/s/{named}"))
        .bearer_auth(&dana)
        .send()
        .await
        .expect("read the link");
    assert_eq!(page.status(), 200);
    let after = inbox(&base, &dana).await.into_iter().find(|i| i.0 == "To Bob");
    assert_eq!(after.map(|i| (i.2, i.3)), Some((false, false)));

    // Olive deletes the link: it leaves both lists.
    let (status, _) = call(
        &client(),
        Method::DELETE,
        format!("{base}/api/v1/chats/{named_chat}/share"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert!(inbox(&base, &dana).await.iter().all(|i| i.0 != "To Bob"));
    // Nobody without a session has a list.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/fn/shared_with_me"),
        None,
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 401);
}
