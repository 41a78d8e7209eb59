//! Live links stay live across processes: a reader connected to one server process gets the
//! turns written through another on the same database (PostgreSQL's notifications, SQLite's
//! change check), as server-sent events; the stream ends with `gone` when the link goes; a
//! snapshot link (404) and a visitor who must sign in (401) get no stream.

mod common;

use std::time::Duration;

use common::{admin_config, call, client, signup, Binary};
use reqwest::Method;
use serde_json::json;

/// The chat as Open WebUI's update sends it: two turns, or three with `more`.
fn chat(more: Option<&str>) -> serde_json::Value {
    let mut messages = json!({
        "u1": {"id": "u1", "role": "user", "content": "What should we cook?", "parentId": null, "childrenIds": ["a1"]},
        "a1": {"id": "a1", "role": "assistant", "content": "Risotto.", "parentId": "u1", "childrenIds": []},
    });
    let mut current = "a1";
    if let Some(text) = more {
        messages["a1"]["childrenIds"] = json!(["u2"]);
        messages["u2"] =
            json!({"id": "u2", "role": "user", "content": text, "parentId": "a1", "childrenIds": []});
        current = "u2";
    }
    json!({"title": "Dinner", "history": {"currentId": current, "messages": messages}})
}

/// Reads server-sent events from `stream` until one named `name` arrives; its data. Fails when
/// the stream ends first; a stream that never sends it is ended by the runner's time limit
/// (.config/nextest.toml).
async fn next_event(stream: &mut reqwest::Response, buf: &mut String, name: &str) -> String {
    loop {
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            let mut event = "message";
            let mut data = Vec::new();
            for line in block.lines() {
                if let Some(e) = line.strip_prefix("event:") {
                    event = e.trim();
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push(d.strip_prefix(' ').unwrap_or(d).to_owned());
                }
            }
            if event == name {
                return data.join("\n");
            }
        }
        let chunk = stream
            .chunk()
            .await
            .expect("read the stream")
            .unwrap_or_else(|| panic!("the stream ended before a `{name}` event"));
        buf.push_str(&String::from_utf8_lossy(&chunk));
    }
}

/// `GET url` as the holder of `token`: the answer, whatever its status (a stream stays open).
async fn open_stream(url: String, token: &str) -> reqwest::Response {
    client()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .expect("ask for the stream")
}

/// Chat `chat(None)`, created and shared (a snapshot link, every member's) by the holder of
/// `token` on `base`: its id and the link's.
async fn shared_chat(base: &str, token: &str) -> (String, String) {
    let (status, created) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/new"),
        Some(token),
        Some(json!({"chat": chat(None)})),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let chat_id = created["id"].as_str().expect("a chat id").to_owned();
    let (status, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    (chat_id, share_id)
}

/// Makes chat `chat_id`'s link live, open to every member.
async fn make_live(base: &str, token: &str, chat_id: &str) {
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/shared/{chat_id}/access/update"),
        Some(token),
        Some(json!({"access_grants": [{"principal_type": "user", "principal_id": "*", "permission": "read"}], "share_mode": "continue"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Writes chat `chat_id` as `chat(Some(text))`: a third turn saying `text`.
async fn add_turn(base: &str, token: &str, chat_id: &str, text: &str) {
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}"),
        Some(token),
        Some(json!({"chat": chat(Some(text))})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_turn_written_through_one_process_reaches_a_reader_of_another() {
    let url = common::fresh_database_url().await;
    let writer = Binary::start(&url, &[]).await;
    let reader_side = Binary::start(&url, &[]).await;
    let (olive, _) = signup(&writer.base, "Olive").await;
    // New accounts are members at once (not waiting for approval).
    assert_eq!(
        admin_config(&writer.base, &olive, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let (bob, _) = signup(&writer.base, "Bob").await;

    let (chat_id, share_id) = shared_chat(&writer.base, &olive).await;

    // A snapshot link has no stream.
    let events = format!("{}/s/{share_id}/events", reader_side.base);
    assert_eq!(open_stream(events.clone(), &bob).await.status(), 404);

    make_live(&writer.base, &olive, &chat_id).await;

    // A visitor (no account) must sign in to open a members' link: no stream either.
    let stranger = client().get(&events).send().await.expect("ask");
    assert_eq!(stranger.status(), 401);

    // Bob follows the live link on the other process.
    let mut stream = open_stream(events, &bob).await;
    assert_eq!(stream.status(), 200);
    assert_eq!(
        stream.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/event-stream")
    );
    let mut buf = String::new();

    // Olive writes a turn through the first process.
    add_turn(&writer.base, &olive, &chat_id, "And for dessert?").await;
    let html = next_event(&mut stream, &mut buf, "messages").await;
    assert!(html.contains("And for dessert?"), "{html}");
    assert!(html.contains("Risotto."), "{html}");
    // The messages as the page writes them: the list and its three messages.
    let list = scraper::Html::parse_fragment(&html);
    let messages = scraper::Selector::parse("ol.messages > li.message").expect("a selector");
    assert_eq!(list.select(&messages).count(), 3, "{html}");

    // Olive deletes the link: Bob's stream says so and ends.
    let (status, body) = call(
        &client(),
        Method::DELETE,
        format!("{}/api/v1/chats/{chat_id}/share", writer.base),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // (With data: a browser drops an event whose data is empty.)
    assert_eq!(next_event(&mut stream, &mut buf, "gone").await, "gone");
}

#[tokio::test]
async fn a_page_out_of_date_when_its_reader_connects_is_sent_the_messages_at_once() {
    let server = common::start_server().await;
    let base = server.url();
    let (olive, _) = signup(&base, "Olive").await;
    let (chat_id, share_id) = shared_chat(&base, &olive).await;
    make_live(&base, &olive, &chat_id).await;

    // The page names the stream with the fingerprint of what it shows.
    let page = client()
        .get(format!("{base}/s/{share_id}"))
        .bearer_auth(&olive)
        .send()
        .await
        .expect("the page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("the page's text");
    assert!(!html.contains(".wasm"), "the shared page loads no WASM");
    assert!(html.contains("/share.js"), "the shared page has its script");
    let events = scraper::Html::parse_document(&html)
        .select(&scraper::Selector::parse("article.shared-chat").expect("a selector"))
        .next()
        .and_then(|a| a.value().attr("data-events").map(str::to_owned))
        .expect("a live link's page names its stream");
    assert!(
        events.starts_with(&format!("/s/{share_id}/events?state=")),
        "{events}"
    );

    // Nothing changed since the page: the first messages the stream sends are those of the next
    // change (an up-to-date page is not sent what it shows).
    let mut up_to_date = open_stream(format!("{base}{events}"), &olive).await;
    assert_eq!(up_to_date.status(), 200);
    add_turn(&base, &olive, &chat_id, "Written after connecting").await;
    let mut buf = String::new();
    let first = next_event(&mut up_to_date, &mut buf, "messages").await;
    assert!(first.contains("Written after connecting"), "{first}");

    // A page written before that change is out of date when its reader connects: the stream
    // sends the messages at once, with no further change.
    let mut late = open_stream(format!("{base}{events}"), &olive).await;
    let mut buf = String::new();
    let sent = next_event(&mut late, &mut buf, "messages").await;
    assert!(sent.contains("Written after connecting"), "{sent}");
}

#[tokio::test]
async fn sigterm_ends_live_streams_and_the_server_exits() {
    let mut server = Binary::fresh(&[]).await;
    let base = server.base.clone();
    let (olive, _) = signup(&base, "Olive").await;
    let (chat_id, share_id) = shared_chat(&base, &olive).await;
    make_live(&base, &olive, &chat_id).await;
    let mut stream = open_stream(format!("{base}/s/{share_id}/events"), &olive).await;
    assert_eq!(stream.status(), 200);

    // A graceful shutdown waits for the requests in flight; a reader's stream is one that
    // never ends by itself, so shutting down ends it. (A server that never exits is ended by
    // the runner's time limit.)
    server.signal("TERM");
    let status = server.exited().await;
    assert!(status.success(), "exit status after SIGTERM: {status}");
    let mut rest = String::new();
    while let Ok(Some(chunk)) = stream.chunk().await {
        rest.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(!rest.contains("event: messages"), "{rest}");
}

#[tokio::test]
async fn a_process_keeps_as_many_live_readers_as_it_is_told_and_frees_a_readers_place() {
    let mut config = common::test_config();
    config.live_readers_max = 1;
    let server = common::start_server_with(config).await;
    let base = server.url();
    let (olive, _) = signup(&base, "Olive").await;
    let (chat_id, share_id) = shared_chat(&base, &olive).await;
    make_live(&base, &olive, &chat_id).await;
    let events = format!("{base}/s/{share_id}/events");

    let first = open_stream(events.clone(), &olive).await;
    assert_eq!(first.status(), 200);
    let refused = open_stream(events.clone(), &olive).await;
    assert_eq!(refused.status(), 503);
    let body: serde_json::Value = refused.json().await.expect("a JSON error");
    assert!(
        body["detail"].as_str().is_some_and(|d| d.contains("live links")),
        "{body}"
    );

    // The first reader goes: its place is given back (once the server notices the closed
    // connection), and the next reader gets it.
    drop(first);
    loop {
        let again = open_stream(events.clone(), &olive).await;
        if again.status() == 200 {
            break;
        }
        assert_eq!(again.status(), 503);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_qr_code_is_an_svg_of_the_link_and_unknown_links_have_none() {
    let server = common::start_server().await;
    let base = server.url();
    let (olive, _) = signup(&base, "Olive").await;
    let (_, share_id) = shared_chat(&base, &olive).await;
    let res = client()
        .get(format!("{base}/s/{share_id}/qr.svg"))
        .send()
        .await
        .expect("the QR code");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("image/svg+xml")
    );
    let svg = res.text().await.expect("text");
    assert!(svg.contains("<svg"), "{svg}");
    let unknown = client()
        .get(format!("{base}/s/{}/qr.svg", uuid::Uuid::new_v4()))
        .send()
        .await
        .expect("ask");
    assert_eq!(unknown.status(), 404);
    let malformed = client()
        .get(format!("{base}/s/not-a-link/qr.svg"))
        .send()
        .await
        .expect("ask");
    assert_eq!(malformed.status(), 404);
}

#[tokio::test]
async fn a_collaborators_turn_reaches_the_owners_open_chat_through_another_process() {
    let url = common::fresh_database_url().await;
    let writer = Binary::start(&url, &[]).await;
    let owner_side = Binary::start(&url, &[]).await;
    let (olive, _) = signup(&writer.base, "Olive").await;
    assert_eq!(
        admin_config(&writer.base, &olive, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let (bob, _) = signup(&writer.base, "Bob").await;
    let (chat_id, _) = shared_chat(&writer.base, &olive).await;
    let olive_events = format!("{}/api/chats/{chat_id}/events", owner_side.base);
    let bob_events = format!("{}/api/chats/{chat_id}/events", writer.base);

    // Nobody without a session follows a chat; Bob cannot follow Olive's chat before she
    // lets him continue it (the same 404 as for a chat that does not exist).
    let stranger = client().get(&olive_events).send().await.expect("ask");
    assert_eq!(stranger.status(), 401);
    assert_eq!(open_stream(bob_events.clone(), &bob).await.status(), 404);
    let unknown = format!("{}/api/chats/{}/events", owner_side.base, uuid::Uuid::new_v4());
    assert_eq!(open_stream(unknown, &olive).await.status(), 404);

    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/chats/shared/{chat_id}/access/update", writer.base),
        Some(&olive),
        Some(json!({"access_grants": [{"principal_type": "user", "principal_id": "*", "permission": "write"}], "share_mode": "continue"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // Olive has her chat open on one process, Bob on the other.
    let mut olive_stream = open_stream(olive_events, &olive).await;
    assert_eq!(olive_stream.status(), 200);
    let mut bob_stream = open_stream(bob_events, &bob).await;
    assert_eq!(bob_stream.status(), 200);
    let (mut olive_buf, mut bob_buf) = (String::new(), String::new());

    // Bob continues the chat: Olive's page is told the version that has his turn.
    let (status, sent) = call(
        &client(),
        Method::POST,
        format!("{}/api/fn/send_message", writer.base),
        Some(&bob),
        Some(json!({"chat_id": chat_id, "content": "I will bring dessert.", "model": null})),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    let version: i64 = next_event(&mut olive_stream, &mut olive_buf, "changed")
        .await
        .parse()
        .expect("a version");
    assert_eq!(Some(version), sent["version"].as_i64(), "{sent}");
    // Which is what her page then fetches: Bob's turn, signed with his name.
    let (status, seen) = call(
        &client(),
        Method::POST,
        format!("{}/api/fn/get_chat", owner_side.base),
        Some(&olive),
        Some(json!({"id": chat_id})),
    )
    .await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["version"].as_i64(), Some(version));
    let last = &seen["messages"][seen["messages"].as_array().map_or(0, Vec::len) - 1];
    assert_eq!(last["text"], "I will bring dessert.", "{seen}");
    // Bob's own page hears of his write too (it fetches only when the version is newer).
    assert_eq!(
        next_event(&mut bob_stream, &mut bob_buf, "changed").await,
        version.to_string()
    );

    // Olive deletes the link: Bob's stream says so and ends; Olive's chat stays hers.
    let (status, body) = call(
        &client(),
        Method::DELETE,
        format!("{}/api/v1/chats/{chat_id}/share", owner_side.base),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(next_event(&mut bob_stream, &mut bob_buf, "gone").await, "gone");
}
