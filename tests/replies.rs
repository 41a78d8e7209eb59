//! Talking to a model through a real OpenAI-compatible stand-in (tests/common/standin.rs):
//! streaming, stop, upstream errors, regenerate, edit, titles, shares of answered chats,
//! connections and their keys, and 20 streams at once while the server stays responsive.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use app::connections::sse::{SseEvent, SseParser};
use chatshare::server::RunningServer;
use common::call_fn as call;
use common::standin::{self, StandIn, KEY};
use serde_json::{json, Value};

/// A server whose first connection points at a fresh stand-in, with Ada (admin) signed in.
struct World {
    server: RunningServer,
    base: String,
    standin: StandIn,
    ada: reqwest::Client,
}

async fn world_with(idle_secs: u64) -> World {
    let standin = standin::start().await;
    let mut config = common::test_config();
    config.openai_api_base_url = Some(standin.base_url.clone());
    config.openai_api_key = Some(KEY.to_owned());
    config.model_idle_timeout_secs = idle_secs;
    let server = common::start_server_with(config).await;
    let base = server.url();
    let ada = common::client();
    common::signup_with(&ada, &base, "Ada").await;
    World {
        server,
        base,
        standin,
        ada,
    }
}

async fn world() -> World {
    world_with(300).await
}

/// Saves a message (a new chat when `chat` is None); the chat view.
async fn send(w: &World, chat: Option<&str>, text: &str, model: &str) -> Value {
    let (status, v) = call(
        &w.ada,
        &w.base,
        "send_message",
        json!({"chat_id": chat, "content": text, "model": model}),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    v
}

fn last_id(view: &Value) -> String {
    view["messages"].as_array().unwrap().last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Requests an answer and reads the whole stream: the deltas and the final chat.
async fn reply(w: &World, chat: &str, parent: &str, model: &str) -> (Vec<String>, Value) {
    let (deltas, done, _) = reply_with_title(w, chat, parent, model).await;
    (deltas, done)
}

/// Opens the reply stream for `parent` (the response, still streaming).
async fn open_reply(w: &World, chat: &str, parent: &str, model: &str) -> reqwest::Response {
    w.ada
        .post(format!("{}/api/chats/{chat}/reply", w.base))
        .json(&json!({"parent_id": parent, "model": model}))
        .send()
        .await
        .unwrap()
}

/// [`reply`], and the `title` event that follows `done` after a chat's first answer.
async fn reply_with_title(
    w: &World,
    chat: &str,
    parent: &str,
    model: &str,
) -> (Vec<String>, Value, Option<String>) {
    let res = open_reply(w, chat, parent, model).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let events = read_events(res).await;
    let deltas: Vec<String> = events
        .iter()
        .filter(|e| e.event == "delta")
        .map(|e| serde_json::from_str::<String>(&e.data).unwrap())
        .collect();
    let done = events
        .iter()
        .position(|e| e.event == "done")
        .expect("a done event");
    let title = events.iter().position(|e| e.event == "title").map(|i| {
        assert!(i > done, "the title follows the saved answer");
        serde_json::from_str::<String>(&events[i].data).unwrap()
    });
    (deltas, serde_json::from_str(&events[done].data).unwrap(), title)
}

async fn read_events(mut res: reqwest::Response) -> Vec<SseEvent> {
    let mut p = SseParser::new();
    let mut events = Vec::new();
    while let Some(chunk) = res.chunk().await.unwrap() {
        events.extend(p.push(&chunk));
    }
    events
}

async fn stored_chat(w: &World, id: &str) -> Value {
    w.ada
        .get(format!("{}/api/v1/chats/{id}", w.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn last(view: &Value) -> &Value {
    view["messages"].as_array().unwrap().last().unwrap()
}

#[tokio::test]
async fn an_answer_streams_is_saved_and_names_the_chat() {
    let w = world().await;
    let v = send(&w, None, "Hello there, stand-in", "echo").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    assert_eq!(
        v["title"], "Hello there, stand-in",
        "first words until the model names it"
    );
    let user_msg = last_id(&v);
    let (deltas, done, title) = reply_with_title(&w, &chat, &user_msg, "echo").await;
    assert!(deltas.len() >= 4, "word by word: {deltas:?}");
    assert_eq!(deltas.concat(), "You said: Hello there, stand-in");
    let answer = last(&done);
    assert_eq!(answer["role"], "assistant");
    assert_eq!(answer["model"], "echo");
    assert_eq!(answer["text"], "You said: Hello there, stand-in");
    assert_eq!(answer["parent_id"], user_msg.as_str());
    // The answer is shown first; the model's title follows (quotes removed) and is saved.
    assert_eq!(done["title"], "Hello there, stand-in");
    assert_eq!(title.as_deref(), Some("Stand-in chat title"));
    assert_eq!(done["models"], json!(["echo"]));

    // Stored in Open WebUI's shape.
    let stored = stored_chat(&w, &chat).await;
    let cur = stored["chat"]["history"]["currentId"].as_str().unwrap();
    let m = &stored["chat"]["history"]["messages"][cur];
    assert_eq!(
        (m["role"].as_str(), m["model"].as_str(), m["done"].as_bool()),
        (Some("assistant"), Some("echo"), Some(true))
    );
    assert_eq!(m["parentId"], user_msg.as_str());
    assert_eq!(stored["title"], "Stand-in chat title");

    // The model got the branch, with the key as a bearer token (checked by the stand-in).
    let reqs = w.standin.record.requests.lock().unwrap().clone();
    assert_eq!(
        reqs[0]["messages"],
        json!([{"role": "user", "content": "Hello there, stand-in"}])
    );
    assert_eq!(reqs[0]["stream"], true);
    assert_eq!(reqs[1]["stream"], false, "then the title request");

    // A second exchange sends the whole branch and keeps the title.
    let v = send(&w, Some(&chat), "And again", "echo").await;
    let (_, done, title) = reply_with_title(&w, &chat, &last_id(&v), "echo").await;
    assert_eq!(done["title"], "Stand-in chat title");
    assert_eq!(title, None);
    let reqs = w.standin.record.requests.lock().unwrap().clone();
    assert_eq!(reqs.len(), 3, "no second title request");
    let roles: Vec<&str> = reqs[2]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["user", "assistant", "user"]);

    // A model that fails the title request: the chat keeps the first words of its message.
    let v = send(&w, None, "Name me if you can", "echo-notitle").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    let (_, done, title) = reply_with_title(&w, &chat, &last_id(&v), "echo-notitle").await;
    assert_eq!(title, None);
    assert_eq!(done["title"], "Name me if you can");
    assert_eq!(stored_chat(&w, &chat).await["title"], "Name me if you can");

    // Renamed while the title was being asked for: the model's title does not overwrite it.
    let (status, _) = call(
        &w.ada,
        &w.base,
        "rename_chat",
        json!({"id": chat, "title": "Mine"}),
    )
    .await;
    assert_eq!(status, 200);
    let id = uuid::Uuid::parse_str(&chat).unwrap();
    let named =
        app::chats::service::name_if_untitled(&w.server.db, id, "Name me if you can", "Model's title").await;
    assert!(!named.unwrap());
    assert_eq!(stored_chat(&w, &chat).await["title"], "Mine");
}

#[tokio::test]
async fn tokens_arrive_before_the_answer_ends() {
    let w = world().await;
    let v = send(&w, None, "Count", "held").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    let mut res = open_reply(&w, &chat, &last_id(&v), "held").await;
    let mut p = SseParser::new();
    // The model sends its 30 words and then holds its end back: all 30 reach the browser
    // while the model's answer is still open (a server that waited for the end would relay
    // nothing, and the runner's time limit would end the test).
    let mut deltas = 0;
    while deltas < 30 {
        let chunk = res.chunk().await.unwrap().expect("more of the stream");
        deltas += p.push(&chunk).iter().filter(|e| e.event == "delta").count();
    }
    assert_eq!(
        w.standin.record.open.load(Ordering::SeqCst),
        1,
        "the model is still answering"
    );
    w.standin.record.release();
    let mut done = false;
    while let Some(chunk) = res.chunk().await.unwrap() {
        done |= p.push(&chunk).iter().any(|e| e.event == "done");
    }
    assert!(done, "the stream ends with done once the model ends");
}

#[tokio::test]
async fn stop_cancels_the_model_request_and_keeps_what_arrived() {
    let w = world().await;
    let v = send(&w, None, "Tell me a long story", "slow").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    let user_msg = last_id(&v);
    let mut res = open_reply(&w, &chat, &user_msg, "slow").await;
    let mut p = SseParser::new();
    let mut received = String::new();
    while received.split_whitespace().count() < 3 {
        let chunk = res.chunk().await.unwrap().expect("more of the stream");
        for e in p.push(&chunk) {
            if e.event == "delta" {
                received.push_str(&serde_json::from_str::<String>(&e.data).unwrap());
            }
        }
    }
    drop(res); // Stop.
               // (A wait that never ends is ended by the runner's time limit, .config/nextest.toml.)
    let answer = loop {
        let stored = stored_chat(&w, &chat).await;
        let cur = stored["chat"]["history"]["currentId"]
            .as_str()
            .unwrap()
            .to_owned();
        let m = stored["chat"]["history"]["messages"][&cur].clone();
        if m["role"] == "assistant" {
            break m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let content = answer["content"].as_str().unwrap();
    assert!(
        content.starts_with(received.as_str()),
        "{content:?} keeps {received:?}"
    );
    assert!(
        content.split_whitespace().count() < 30,
        "stopped early: {content:?}"
    );
    assert!(answer.get("error").is_none());
    // The upstream request was cancelled, not left running.
    while w.standin.record.cancelled.load(Ordering::SeqCst) < 1 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(w.standin.record.open.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn upstream_failures_are_saved_on_the_answer_in_words() {
    let w = world_with(1).await;
    let v = send(&w, None, "Please fail", "fail").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    let user_msg = last_id(&v);

    let (deltas, done) = reply(&w, &chat, &user_msg, "fail").await;
    assert!(deltas.is_empty());
    let err = last(&done)["error"].as_str().unwrap().to_owned();
    assert!(
        err.contains("500") && err.contains("The stand-in model is overloaded."),
        "{err}"
    );
    assert_eq!(done["title"], "Please fail", "no title from a failed answer");

    let (deltas, done) = reply(&w, &chat, &user_msg, "broken").await;
    assert_eq!(deltas.concat(), "one two three ");
    let a = last(&done);
    assert_eq!(a["text"], "one two three ", "what arrived is kept");
    assert!(a["error"].as_str().unwrap().contains("cut off"), "{a}");

    let (deltas, done) = reply(&w, &chat, &user_msg, "stall").await;
    assert_eq!(deltas.concat(), "hello ");
    assert!(
        last(&done)["error"].as_str().unwrap().contains("stopped sending"),
        "{done}"
    );

    // The user's message is still there, with all three failed answers as siblings.
    let a = last(&done);
    assert_eq!(a["sibling_count"], 3);
    assert_eq!(done["messages"][0]["text"], "Please fail");

    // A server that is down: the error names it, in words.
    let (status, c) = call(
        &w.ada,
        &w.base,
        "admin_save_connection",
        json!({"id": null, "base_url": "http://127.0.0.1:9/v1", "api_key": "", "enabled": true}),
    )
    .await;
    assert_eq!(status, 200, "{c}");
    let (status, menu) = call(&w.ada, &w.base, "list_models", json!({"refresh": true})).await;
    assert_eq!(status, 200);
    assert_eq!(
        menu["models"].as_array().unwrap().len(),
        standin::MODELS.len(),
        "the working connection still counts"
    );
    assert!(
        menu["problems"][0]
            .as_str()
            .unwrap()
            .contains("Could not reach the model server at http://127.0.0.1:9/v1"),
        "{menu}"
    );
}

#[tokio::test]
async fn regenerate_and_edit_add_branches_that_the_share_follows() {
    let w = world().await;
    let v = send(&w, None, "First question", "echo").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    let q1 = last_id(&v);
    let (_, done) = reply(&w, &chat, &q1, "echo").await;
    let a1 = last_id(&done);
    // Regenerate: a second answer under the same question, shown.
    let (_, done) = reply(&w, &chat, &q1, "echo-notitle").await;
    let a2 = last(&done);
    assert_eq!(
        (a2["sibling_index"].as_u64(), a2["sibling_count"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(a2["prev_sibling"], a1.as_str());
    assert_eq!(a2["model"], "echo-notitle");

    // A follow-up, then Edit it: the edit is a sibling of the follow-up and gets its own answer.
    let v = send(&w, Some(&chat), "Second question", "echo").await;
    let q2 = last_id(&v);
    let (_, _) = reply(&w, &chat, &q2, "echo").await;
    let (status, edited) = call(
        &w.ada,
        &w.base,
        "edit_message",
        json!({"chat_id": chat, "message_id": q2, "content": "Second question, edited", "model": "echo"}),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    let q2b = edited["message_id"].as_str().unwrap().to_owned();
    let shown = last(&edited["chat"]);
    assert_eq!(
        (
            shown["id"].as_str(),
            shown["sibling_index"].as_u64(),
            shown["sibling_count"].as_u64()
        ),
        (Some(q2b.as_str()), Some(1), Some(2))
    );
    let (_, done) = reply(&w, &chat, &q2b, "echo").await;
    assert_eq!(last(&done)["text"], "You said: Second question, edited");
    let texts: Vec<&str> = done["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "First question",
            "You said: First question",
            "Second question, edited",
            "You said: Second question, edited"
        ]
    );

    // Editing an answer is refused; answering an answer too.
    let (status, _) = call(
        &w.ada,
        &w.base,
        "edit_message",
        json!({"chat_id": chat, "message_id": a1, "content": "x"}),
    )
    .await;
    assert_eq!(status, 422);
    let res = open_reply(&w, &chat, &a1, "echo").await;
    assert_eq!(res.status(), 422);

    // Share with every branch: the snapshot carries the whole tree, `model` on every answer,
    // and the branch shown (by default it would hold that branch only: tests/share_scope.rs).
    let res = w
        .ada
        .post(format!("{}/api/v1/chats/{chat}/share", w.base))
        .json(&json!({"full_history": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let shared: Value = res.json().await.unwrap();
    let share_id = shared["share_id"]
        .as_str()
        .or(shared["id"].as_str())
        .unwrap()
        .to_owned();
    let snap: Value = w
        .ada
        .get(format!("{}/api/chats/share/{share_id}", w.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let msgs = snap["chat"]["history"]["messages"].as_object().unwrap();
    assert_eq!(
        msgs.len(),
        7,
        "question, 2 answers, follow-up, its answer, its edit, its answer"
    );
    for m in msgs.values().filter(|m| m["role"] == "assistant") {
        assert!(m["model"].as_str().is_some_and(|s| s.starts_with("echo")), "{m}");
    }
    let cur = snap["chat"]["history"]["currentId"].as_str().unwrap();
    assert_eq!(msgs[cur]["content"], "You said: Second question, edited");
    // Switching back to the first answer, then updating the link: the snapshot follows (and
    // keeps every branch).
    let (status, _) = call(
        &w.ada,
        &w.base,
        "switch_branch",
        json!({"chat_id": chat, "message_id": a1}),
    )
    .await;
    assert_eq!(status, 200);
    w.ada
        .post(format!("{}/api/v1/chats/{chat}/share", w.base))
        .send()
        .await
        .unwrap();
    let snap: Value = w
        .ada
        .get(format!("{}/api/chats/share/{share_id}", w.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cur = snap["chat"]["history"]["currentId"].as_str().unwrap();
    assert_eq!(cur, a1);
    assert_eq!(snap["chat"]["history"]["messages"].as_object().unwrap().len(), 7);
}

#[tokio::test]
async fn bad_reply_requests_are_refused_with_the_right_status() {
    let w = world().await;
    let v = send(&w, None, "Hi", "echo").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    let q = last_id(&v);
    let post = |c: &reqwest::Client, path: String, body: Value| c.post(path).json(&body).send();
    let url = format!("{}/api/chats/{chat}/reply", w.base);
    let r = post(
        &w.ada,
        url.clone(),
        json!({"parent_id": q, "model": "no-such-model"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let detail: Value = r.json().await.unwrap();
    assert!(
        detail["detail"].as_str().unwrap().contains("not available"),
        "{detail}"
    );
    let r = post(&w.ada, url.clone(), json!({"parent_id": "nope", "model": "echo"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = post(&w.ada, url.clone(), json!({"model": "echo"})).await.unwrap();
    assert_eq!(r.status(), 422);
    let r = w
        .ada
        .post(url.clone())
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = post(
        &w.ada,
        format!("{}/api/chats/{}/reply", w.base, uuid::Uuid::new_v4()),
        json!({"parent_id": q, "model": "echo"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
    let r = post(
        &common::client(),
        url.clone(),
        json!({"parent_id": q, "model": "echo"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 401);
    // Another member cannot make the model answer in Ada's chat.
    members_by_default(&w).await;
    let bob = common::client();
    common::signup_with(&bob, &w.base, "Bob").await;
    let r = post(&bob, url, json!({"parent_id": q, "model": "echo"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(
        w.standin.record.requests.lock().unwrap().is_empty(),
        "nothing reached the model"
    );
}

#[tokio::test]
async fn connections_are_for_admins_and_keys_never_leave_the_server() {
    let w = world().await;
    let (status, list) = call(&w.ada, &w.base, "admin_list_connections", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(
        list[0]["base_url"],
        w.standin.base_url.as_str(),
        "created from OPENAI_API_BASE_URL"
    );
    assert_eq!(list[0]["key_hint"], "sk-…7890");
    assert_eq!(list[0]["enabled"], true);
    let id = list[0]["id"].as_str().unwrap().to_owned();

    // Verify reports what the server listed, or why not.
    let (_, ok) = call(
        &w.ada,
        &w.base,
        "admin_verify_connection",
        json!({"id": id, "base_url": w.standin.base_url}),
    )
    .await;
    assert_eq!(ok["ok"], true);
    assert_eq!(
        ok["message"],
        format!("Connected: {} models.", standin::MODELS.len())
    );
    let (_, bad) = call(
        &w.ada,
        &w.base,
        "admin_verify_connection",
        json!({"id": id, "base_url": w.standin.base_url, "api_key": "sk-wrong"}),
    )
    .await;
    assert_eq!(bad["ok"], false);
    assert!(
        bad["message"].as_str().unwrap().contains("401: Invalid API key"),
        "{bad}"
    );

    // No answer carries the key.
    let menu = w
        .ada
        .post(format!("{}/api/fn/list_models", w.base))
        .json(&json!({"refresh": false}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let models = w
        .ada
        .get(format!("{}/api/models", w.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let listed = serde_json::to_string(&list).unwrap();
    for body in [&menu, &models, &listed] {
        assert!(!body.contains(KEY) && !body.contains("secret"), "{body}");
    }
    assert!(models.contains("\"id\":\"echo\""));

    // Validation, unknown ids, and a member's refusals.
    let (status, e) = call(
        &w.ada,
        &w.base,
        "admin_save_connection",
        json!({"id": null, "base_url": "localhost:11434", "api_key": null, "enabled": true}),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(e["detail"].as_str().unwrap().contains("http://"));
    let (status, _) = call(
        &w.ada,
        &w.base,
        "admin_delete_connection",
        json!({"id": uuid::Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, 404);
    members_by_default(&w).await;
    let bob = common::client();
    common::signup_with(&bob, &w.base, "Bob").await;
    for (name, body) in [
        ("admin_list_connections", json!({})),
        (
            "admin_save_connection",
            json!({"id": null, "base_url": "http://x.example/v1", "api_key": null, "enabled": true}),
        ),
        ("admin_delete_connection", json!({"id": id})),
        (
            "admin_verify_connection",
            json!({"id": id, "base_url": "http://x.example/v1"}),
        ),
    ] {
        assert_eq!(call(&bob, &w.base, name, body).await.0, 403, "{name}");
    }
    let (status, menu) = call(&bob, &w.base, "list_models", json!({"refresh": false})).await;
    assert_eq!(status, 200);
    assert_eq!(menu["models"].as_array().unwrap().len(), standin::MODELS.len());

    // Disabled: its models go at once (the cache is keyed by the connection's last change).
    let (status, _) = call(
        &w.ada,
        &w.base,
        "admin_save_connection",
        json!({"id": id, "base_url": w.standin.base_url, "api_key": null, "enabled": false}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, menu) = call(&bob, &w.base, "list_models", json!({"refresh": false})).await;
    assert_eq!(menu["models"], json!([]));
    assert_eq!(menu["has_connections"], false);
    // Deleted, and not created again from the environment on the next start.
    let (status, _) = call(&w.ada, &w.base, "admin_delete_connection", json!({"id": id})).await;
    assert_eq!(status, 200);
    assert!(
        !app::connections::service::seed_from_env(&w.server.db, Some(&w.standin.base_url), Some(KEY))
            .await
            .unwrap()
    );
    let (_, list) = call(&w.ada, &w.base, "admin_list_connections", json!({})).await;
    assert_eq!(list, json!([]));
}

/// Connections checked out of the server's pool right now.
fn busy_db_connections(db: &sea_orm::DatabaseConnection) -> u32 {
    if common::backend() == "postgres" {
        let p = db.get_postgres_connection_pool();
        p.size() - p.num_idle() as u32
    } else {
        let p = db.get_sqlite_connection_pool();
        p.size() - p.num_idle() as u32
    }
}

#[tokio::test]
async fn twenty_streams_at_once_hold_no_database_connection_and_block_nothing() {
    let w = world().await;
    let mut chats = Vec::new();
    for i in 0..20 {
        let v = send(&w, None, &format!("Stream {i}"), "slow").await;
        chats.push((v["id"].as_str().unwrap().to_owned(), last_id(&v)));
    }
    let streams: Vec<_> = chats
        .iter()
        .map(|(chat, parent)| {
            let c = w.ada.clone();
            let url = format!("{}/api/chats/{chat}/reply", w.base);
            let body = json!({"parent_id": parent, "model": "held"});
            tokio::spawn(async move {
                let res = c.post(url).json(&body).send().await.unwrap();
                read_events(res).await
            })
        })
        .collect();
    while w.standin.record.open.load(Ordering::SeqCst) < 20 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // While all twenty are open: no pooled database connection is in use, and the health check
    // and a write answer as usual.
    let mut worst = Duration::ZERO;
    let still_open = || w.standin.record.open.load(Ordering::SeqCst);
    // The pool comes to rest with every stream open (a stream that held a connection would keep
    // it busy until its end, which never comes before the release below).
    while busy_db_connections(&w.server.db) != 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        still_open(),
        20,
        "no database connection is busy while the streams run"
    );
    for _ in 0..10 {
        let t = Instant::now();
        let res = common::client()
            .get(format!("{}/healthz", w.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        worst = worst.max(t.elapsed());
        assert_eq!(still_open(), 20, "/healthz was answered while the streams ran");
    }
    let t = Instant::now();
    send(&w, None, "A write while the streams run", "slow").await;
    let write = t.elapsed();
    assert_eq!(still_open(), 20, "the write was answered while the streams ran");
    println!("20 streams open: slowest /healthz {worst:?}, a chat write {write:?}");
    w.standin.record.release();
    for s in streams {
        let events = s.await.unwrap();
        let done = events
            .iter()
            .find(|e| e.event == "done")
            .expect("each stream ends with done");
        let v: Value = serde_json::from_str(&done.data).unwrap();
        assert_eq!(last(&v)["text"].as_str().unwrap().split_whitespace().count(), 30);
    }
    assert_eq!(w.standin.record.max_open.load(Ordering::SeqCst), 20);
}

#[tokio::test]
async fn shutting_down_ends_answers_and_saves_what_arrived() {
    let w = world().await;
    let v = send(&w, None, "A long answer, please", "held").await;
    let chat = uuid::Uuid::parse_str(v["id"].as_str().unwrap()).unwrap();
    // The model sends 30 words and never its end (nobody releases it).
    let mut res = open_reply(&w, &chat.to_string(), &last_id(&v), "held").await;
    let mut p = SseParser::new();
    let mut deltas = 0;
    while deltas < 30 {
        let chunk = res.chunk().await.unwrap().expect("more of the stream");
        deltas += p.push(&chunk).iter().filter(|e| e.event == "delta").count();
    }
    let db = w.server.db.clone();
    let t = Instant::now();
    w.server.stop().await.unwrap();
    let took = t.elapsed();
    // The stream ended with the saved answer although the model never ended its own.
    let mut rest = Vec::new();
    while let Ok(Some(chunk)) = res.chunk().await {
        rest.extend(p.push(&chunk));
    }
    let done = rest
        .iter()
        .find(|e| e.event == "done")
        .expect("the stream ends with done");
    let view: Value = serde_json::from_str(&done.data).unwrap();
    let words = last(&view)["text"].as_str().unwrap().split_whitespace().count();
    assert_eq!(words, 30, "what arrived is saved");
    use sea_orm::EntityTrait;
    let row = app::entities::chat::Entity::find_by_id(chat)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        row.chat.contains("\"role\":\"assistant\""),
        "saved before the server stopped"
    );
    println!("shutdown with an answer streaming took {took:?}");
}

/// Makes new accounts members at once (Ada, the admin, sets the default role), so that Bob and
/// the others can use the chats shared with them.
async fn members_by_default(w: &World) {
    let (status, body) = call(
        &w.ada,
        &w.base,
        "admin_update_settings",
        json!({"patch": {"default_user_role": "user"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Makes new accounts members, shares `chat` (Ada's) as a live link with `share` (the share
/// request's body), signs `name` up and grants them write access: their client and id.
async fn live_collaborator(w: &World, chat: &str, share: Value, name: &str) -> (reqwest::Client, String) {
    members_by_default(w).await;
    let shared = w
        .ada
        .post(format!("{}/api/v1/chats/{chat}/share", w.base))
        .json(&share)
        .send()
        .await
        .unwrap();
    assert_eq!(shared.status(), 200);
    let them = common::client();
    let id = common::signup_with(&them, &w.base, name).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let grant = json!({
        "access_grants": [{"principal_type": "user", "principal_id": id, "permission": "write"}],
        "share_mode": "continue",
    });
    let granted = w
        .ada
        .post(format!("{}/api/v1/chats/shared/{chat}/access/update", w.base))
        .json(&grant)
        .send()
        .await
        .unwrap();
    assert_eq!(granted.status(), 200);
    (them, id)
}

#[tokio::test]
async fn a_collaborator_on_a_live_link_is_answered_too() {
    let w = world().await;
    let v = send(&w, None, "Plans for Friday", "echo").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    // Bob joins as a member and gets a write grant on the chat's live link.
    let (bob, bob_id) = live_collaborator(&w, &chat, json!({}), "Bob").await;

    // Bob's turn is answered like the owner's, and saved in the owner's chat.
    let (status, sent) = call(
        &bob,
        &w.base,
        "send_message",
        json!({"chat_id": chat, "content": "Bob asks: nine?", "model": "echo"}),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    let res = bob
        .post(format!("{}/api/chats/{chat}/reply", w.base))
        .json(&json!({"parent_id": last_id(&sent), "model": "echo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let events = read_events(res).await;
    let done = events.iter().find(|e| e.event == "done").expect("a done event");
    let done: Value = serde_json::from_str(&done.data).unwrap();
    assert_eq!(last(&done)["text"], "You said: Bob asks: nine?");
    let stored = stored_chat(&w, &chat).await;
    let asked = stored["chat"]["history"]["messages"]
        .as_object()
        .unwrap()
        .values()
        .find(|m| m["content"] == "Bob asks: nine?")
        .expect("Bob's message in the owner's chat")
        .clone();
    assert_eq!(asked["author"], json!({"id": bob_id, "name": "Bob"}));
}

#[tokio::test]
async fn a_collaborators_answer_never_carries_what_the_link_masks() {
    let w = world().await;
    let v = send(&w, None, "The door code is SECRETWORD.", "echo").await;
    let chat = v["id"].as_str().unwrap().to_owned();
    reply(&w, &chat, &last_id(&v), "echo").await;
    let (carol, _) = live_collaborator(&w, &chat, json!({"redact": ["SECRETWORD"]}), "Carol").await;

    // Carol asks about the masked word herself: the model gets the link's view (masked), so
    // neither the streamed pieces nor the saved chat she is shown carry it.
    let (status, mine) = call(
        &carol,
        &w.base,
        "send_message",
        json!({"chat_id": chat, "content": "Is it SECRETWORD?", "model": "echo"}),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    let res = carol
        .post(format!("{}/api/chats/{chat}/reply", w.base))
        .json(&json!({"parent_id": last_id(&mine), "model": "echo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let events = read_events(res).await;
    let streamed: String = events
        .iter()
        .filter(|e| e.event == "delta" || e.event == "done")
        .map(|e| e.data.clone())
        .collect();
    assert!(streamed.contains("[redacted]"), "{streamed}");
    assert!(!streamed.contains("SECRETWORD"), "{streamed}");
    // Carol may not ask for answers to Ada's messages.
    let res = carol
        .post(format!("{}/api/chats/{chat}/reply", w.base))
        .json(&json!({"parent_id": v["messages"][0]["id"], "model": "echo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// The stand-in's chat requests whose last message says `text`: each request's messages.
fn requests_ending_with(w: &World, text: &str) -> Vec<Vec<Value>> {
    let reqs = w.standin.record.requests.lock().unwrap().clone();
    reqs.into_iter()
        .filter_map(|r| r["messages"].as_array().cloned())
        .filter(|m| m.last().is_some_and(|l| l["content"] == text))
        .collect()
}

/// Settings › Appearance and chats (#37 item 9): the system prompt goes first to the model in
/// chats started afterwards (never in older ones, never to a link's readers), the default model
/// is named to the composer, the theme is kept per account (Open WebUI's settings shape) and
/// the pages are written in it.
#[tokio::test]
async fn settings_give_new_chats_the_system_prompt_and_the_default_model_and_keep_the_theme() {
    let w = world().await;
    let settings_url = format!("{}/api/v1/users/user/settings", w.base);
    let nothing: Value = w
        .ada
        .get(&settings_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(nothing, Value::Null, "nothing saved yet");
    let older = send(&w, None, "Before the prompt?", "echo").await;

    let res = w
        .ada
        .post(format!("{}/api/fn/save_preferences", w.base))
        .json(
            &json!({"theme": "dark", "default_model": "slow", "system_prompt": "  Answer like a pirate.  "}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("theme="))
        .map(str::to_owned);
    assert!(
        cookie.as_deref().is_some_and(|c| c.starts_with("theme=dark;")),
        "{cookie:?}"
    );
    let saved: Value = res.json().await.unwrap();
    assert_eq!(
        (&saved["theme"], &saved["default_model"], &saved["system_prompt"]),
        (&json!("dark"), &json!("slow"), &json!("Answer like a pirate."))
    );
    let stored: Value = w
        .ada
        .get(&settings_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stored,
        json!({"ui": {"theme": "dark", "models": ["slow"], "system": "Answer like a pirate."}})
    );
    let (_, menu) = call(&w.ada, &w.base, "list_models", json!({"refresh": false})).await;
    assert_eq!(menu["default_model"], "slow", "{menu}");

    // A chat started now sends the prompt first; the older chat does not.
    let newer = send(&w, None, "Where is the treasure?", "echo").await;
    reply(&w, newer["id"].as_str().unwrap(), &last_id(&newer), "echo").await;
    let sent = requests_ending_with(&w, "Where is the treasure?");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0][0],
        json!({"role": "system", "content": "Answer like a pirate."})
    );
    let older_id = older["id"].as_str().unwrap();
    reply(&w, older_id, &last_id(&older), "echo").await;
    let sent = requests_ending_with(&w, "Before the prompt?");
    assert!(
        sent.iter().all(|m| m.iter().all(|t| t["role"] != "system")),
        "{sent:?}"
    );

    // A link's readers (here a live link's collaborator) never see it.
    let newer_id = newer["id"].as_str().unwrap();
    let (bob, _) = live_collaborator(&w, newer_id, json!({}), "Bob").await;
    let share_id = stored_chat(&w, newer_id).await["share_id"]
        .as_str()
        .unwrap()
        .to_owned();
    for url in [
        format!("{}/api/v1/chats/share/{share_id}", w.base),
        format!("{}/s/{share_id}", w.base),
        format!("{}/api/v1/chats/share/{share_id}/export?format=json", w.base),
    ] {
        let seen = bob.get(&url).send().await.unwrap();
        assert_eq!(seen.status(), 200, "{url}");
        let seen = seen.text().await.unwrap();
        assert!(
            seen.contains("Where is the treasure?") && !seen.contains("pirate"),
            "{url}: {seen}"
        );
    }
    let (status, view) = call(&bob, &w.base, "get_chat", json!({"id": newer_id})).await;
    assert_eq!(status, 200);
    assert!(!view.to_string().contains("pirate"), "{view}");

    // The cookie (set again on any page for a browser without it) writes pages dark.
    let page = w
        .ada
        .get(format!("{}/settings", w.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"<html lang="en" dir="ltr" data-theme="dark""#),
        "{}",
        &page[..200.min(page.len())]
    );

    // Bad input: a theme that does not exist is refused, and nothing changes.
    let (status, _) = call(
        &w.ada,
        &w.base,
        "save_preferences",
        json!({"theme": "neon", "default_model": null, "system_prompt": ""}),
    )
    .await;
    assert!(status == 400 || status == 422, "{status}");
    let (_, still) = call(&w.ada, &w.base, "my_profile", json!({})).await;
    assert_eq!(still["theme"], "dark");
}
