//! A live link's collaborators work inside the link (security round three, item 1): they see
//! its scope and masks and nothing more, their edits and branches are theirs (the owner and the
//! link's readers keep following the owner's branch), they edit only their own messages, and an
//! expired or deleted link shuts them out. Over real HTTP, on the backend under test.

mod common;

use common::{call, client, open_instance, signup};
use reqwest::Method;
use serde_json::{json, Value};

/// Olive's chat: a visible branch that mentions the masked word, and an answer she replaced
/// (the branch the link does not share).
fn branched_chat() -> Value {
    json!({
        "title": "Trip to SECRETWORD",
        "history": {
            "currentId": "a1",
            "messages": {
                "u1": {"id": "u1", "parentId": null, "childrenIds": ["a0", "a1"], "role": "user",
                       "content": "Where do we meet? Code SECRETWORD.", "timestamp": 1},
                "a0": {"id": "a0", "parentId": "u1", "childrenIds": [], "role": "assistant",
                       "content": "HIDDENBRANCH: the old plan", "timestamp": 2},
                "a1": {"id": "a1", "parentId": "u1", "childrenIds": [], "role": "assistant",
                       "content": "At the station.", "timestamp": 3}
            }
        }
    })
}

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

fn texts(view: &Value) -> Vec<String> {
    view["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| m["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn collaborators_work_inside_their_link() {
    let (_server, base, _admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let (carol, carol_id) = signup(&base, "Carol").await;
    let (bob, bob_id) = signup(&base, "Bob").await;
    let (status, created) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/new"),
        Some(&olive),
        Some(json!({ "chat": branched_chat() })),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let chat_id = created["id"].as_str().expect("an id").to_owned();
    let share_path = format!("{base}/api/v1/chats/{chat_id}/share");
    let (status, shared) = call(
        &client(),
        Method::POST,
        share_path.clone(),
        Some(&olive),
        Some(json!({"redact": ["SECRETWORD"]})),
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/shared/{chat_id}/access/update"),
        Some(&olive),
        Some(json!({"access_grants": [
            {"principal_type": "user", "principal_id": carol_id, "permission": "write"},
            {"principal_type": "user", "principal_id": bob_id, "permission": "read"},
        ], "share_mode": "continue"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let read_link = || {
        let url = format!("{base}/api/v1/chats/share/{share_id}");
        let bob = bob.clone();
        async move {
            let (status, seen) = call(&client(), Method::GET, url, Some(&bob), None).await;
            assert_eq!(status, 200, "{seen}");
            seen["chat"].to_string()
        }
    };

    // Carol sees what the link shares: no masked word (in the text or the title), no unshared
    // branch, not even its id as a sibling.
    let (status, as_carol) = fn_as(&base, &carol, "get_chat", json!({"id": chat_id})).await;
    assert_eq!(status, 200, "{as_carol}");
    let text = as_carol.to_string();
    for leak in ["SECRETWORD", "HIDDENBRANCH", "\"a0\""] {
        assert!(!text.contains(leak), "{leak} reached the collaborator: {text}");
    }
    assert_eq!(as_carol["title"], "Trip to [redacted]");
    assert!(as_carol["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .all(|m| m["editable"] == false));

    // She cannot move anyone to the unshared branch, nor edit Olive's message.
    let (status, _) = fn_as(
        &base,
        &carol,
        "switch_branch",
        json!({"chat_id": chat_id, "message_id": "a0"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, body) = fn_as(
        &base,
        &carol,
        "edit_message",
        json!({"chat_id": chat_id, "message_id": "u1", "content": "Carol's version", "model": null}),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert!(!read_link().await.contains("HIDDENBRANCH"));
    assert!(!read_link().await.contains("Carol's version"));

    // A turn at the shared branch's tip extends it, for everyone.
    let (status, sent) = fn_as(
        &base,
        &carol,
        "send_message",
        json!({"chat_id": chat_id, "content": "Carol: I bring snacks.", "model": null}),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    assert!(!sent.to_string().contains("SECRETWORD"), "{sent}");
    let mine = sent["messages"]
        .as_array()
        .and_then(|m| m.last())
        .expect("her message")
        .clone();
    assert_eq!(mine["editable"], true);
    assert!(read_link().await.contains("Carol: I bring snacks."));

    // Her edit of her own message is a branch of her own: the owner and the readers stay on
    // the owner's branch.
    let (status, edited) = fn_as(
        &base,
        &carol,
        "edit_message",
        json!({"chat_id": chat_id, "message_id": mine["id"], "content": "Carol: I bring cake.", "model": null}),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    let (_, as_carol) = fn_as(&base, &carol, "get_chat", json!({"id": chat_id})).await;
    assert_eq!(
        texts(&as_carol).last().map(String::as_str),
        Some("Carol: I bring cake.")
    );
    let (_, as_olive) = fn_as(&base, &olive, "get_chat", json!({"id": chat_id})).await;
    assert_eq!(
        texts(&as_olive).last().map(String::as_str),
        Some("Carol: I bring snacks.")
    );
    let link = read_link().await;
    assert!(
        link.contains("Carol: I bring snacks.") && !link.contains("cake"),
        "{link}"
    );
    // Switching back moves her view only.
    let (status, back) = fn_as(
        &base,
        &carol,
        "switch_branch",
        json!({"chat_id": chat_id, "message_id": mine["id"]}),
    )
    .await;
    assert_eq!(status, 200, "{back}");
    assert_eq!(
        texts(&back).last().map(String::as_str),
        Some("Carol: I bring snacks.")
    );
    let (_, as_olive) = fn_as(&base, &olive, "get_chat", json!({"id": chat_id})).await;
    assert_eq!(texts(&as_olive).len(), 3, "{as_olive}");
    assert!(
        as_olive.to_string().contains("SECRETWORD"),
        "the owner sees her own chat whole"
    );

    // An expired link shuts her out, as it shuts out its readers.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock")
        .as_secs() as i64;
    let (status, body) = call(
        &client(),
        Method::POST,
        share_path,
        Some(&olive),
        Some(json!({"expires_at": now + 2})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
    let (status, _) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/share/{share_id}"),
        Some(&bob),
        None,
    )
    .await;
    assert_eq!(status, 410);
    let (status, _) = fn_as(&base, &carol, "get_chat", json!({"id": chat_id})).await;
    assert_eq!(status, 404);
    let (status, _) = fn_as(
        &base,
        &carol,
        "send_message",
        json!({"chat_id": chat_id, "content": "still here?", "model": null}),
    )
    .await;
    assert_eq!(status, 404);
}
