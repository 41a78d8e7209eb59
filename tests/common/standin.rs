//! A small OpenAI-compatible server for tests: real HTTP on a free loopback port, real SSE
//! chunks. The model name is the switch:
//! - `echo`: answers "You said: <last user message>" word by word, quickly;
//! - `slow`: "w1 w2 … w30", one word every 100 ms;
//! - `held`: "w1 w2 … w30" at once, then the end only once the test calls [`Record::release`];
//! - `fail`: HTTP 500 with OpenAI's error shape;
//! - `broken`: three words, then the connection is cut without `[DONE]`;
//! - `stall`: one word, then silence.
//!
//! Non-streaming requests (titles) answer `"Stand-in chat title"` (with the quotes a model
//! would add), except for `echo-notitle`, which fails them. Every request needs the bearer key
//! [`KEY`]. The server counts open streams, the most open at once, and streams the client
//! cancelled.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::mpsc;

/// The API key the stand-in accepts.
pub const KEY: &str = "sk-standin-secret-key-7890";
/// The models it lists.
pub const MODELS: [&str; 7] = ["echo", "echo-notitle", "slow", "held", "fail", "broken", "stall"];

/// What the stand-in saw.
#[derive(Default)]
pub struct Record {
    /// Every chat completion request body, in order.
    pub requests: Mutex<Vec<Value>>,
    /// Streams open now.
    pub open: AtomicUsize,
    /// The most streams open at once.
    pub max_open: AtomicUsize,
    /// Streams the client closed before their end.
    pub cancelled: AtomicUsize,
    /// Whether `held` streams may end.
    released: std::sync::atomic::AtomicBool,
    release: tokio::sync::Notify,
}

impl Record {
    /// Lets every `held` stream (open now or later) send its end.
    pub fn release(&self) {
        self.released.store(true, Ordering::SeqCst);
        self.release.notify_waiters();
    }

    async fn held(&self) {
        loop {
            // Created before the check, so a release in between still wakes it.
            let released = self.release.notified();
            if self.released.load(Ordering::SeqCst) {
                return;
            }
            released.await;
        }
    }
}

/// A running stand-in.
pub struct StandIn {
    /// `http://127.0.0.1:PORT/v1`.
    pub base_url: String,
    /// What it saw.
    pub record: Arc<Record>,
}

/// Starts a stand-in on a free port.
pub async fn start() -> StandIn {
    let record = Arc::new(Record::default());
    let app = Router::new()
        .route("/v1/models", get(models))
        .route("/v1/chat/completions", post(completions))
        .with_state(record.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the stand-in");
    let addr = listener.local_addr().expect("stand-in address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    StandIn {
        base_url: format!("http://{addr}/v1"),
        record,
    }
}

fn authorized(h: &HeaderMap) -> bool {
    h.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {KEY}"))
}

fn openai_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "message": message, "type": "stand_in" } })),
    )
        .into_response()
}

async fn models(headers: HeaderMap) -> Response {
    if !authorized(&headers) {
        return openai_error(StatusCode::UNAUTHORIZED, "Invalid API key");
    }
    Json(json!({
        "object": "list",
        "data": MODELS.iter().map(|m| json!({ "id": m, "object": "model", "owned_by": "stand-in" })).collect::<Vec<_>>(),
    }))
    .into_response()
}

fn chunk(text: &str) -> Bytes {
    let v = json!({ "object": "chat.completion.chunk", "choices": [{ "index": 0, "delta": { "content": text }, "finish_reason": null }] });
    Bytes::from(format!("data: {v}\n\n"))
}

async fn completions(
    State(record): State<Arc<Record>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return openai_error(StatusCode::UNAUTHORIZED, "Invalid API key");
    }
    record.requests.lock().unwrap().push(body.clone());
    let model = body["model"].as_str().unwrap_or_default().to_owned();
    if body["stream"] != json!(true) {
        if model == "echo-notitle" {
            return openai_error(StatusCode::INTERNAL_SERVER_ERROR, "no titles here");
        }
        return Json(json!({ "choices": [{ "index": 0, "message": { "role": "assistant", "content": "\"Stand-in chat title\"" }, "finish_reason": "stop" }] }))
            .into_response();
    }
    let last_user = body["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_owned();
    let (words, delay, ending): (Vec<String>, u64, &str) = match model.as_str() {
        "echo" | "echo-notitle" => (
            format!("You said: {last_user}")
                .split_inclusive(' ')
                .map(str::to_owned)
                .collect(),
            5,
            "done",
        ),
        "slow" => ((1..=30).map(|i| format!("w{i} ")).collect(), 100, "done"),
        "held" => ((1..=30).map(|i| format!("w{i} ")).collect(), 0, "held"),
        "broken" => (vec!["one ".into(), "two ".into(), "three ".into()], 20, "cut"),
        "stall" => (vec!["hello ".into()], 0, "stall"),
        "fail" => {
            return openai_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The stand-in model is overloaded.",
            )
        }
        _ => return openai_error(StatusCode::NOT_FOUND, "model not found"),
    };
    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let rec = record.clone();
    let n = rec.open.fetch_add(1, Ordering::SeqCst) + 1;
    rec.max_open.fetch_max(n, Ordering::SeqCst);
    tokio::spawn(async move {
        let mut finished = true;
        for w in &words {
            tokio::select! {
                _ = tx.closed() => { finished = false; break; }
                _ = tokio::time::sleep(Duration::from_millis(delay)) => {}
            }
            if tx.send(Ok(chunk(w))).await.is_err() {
                finished = false;
                break;
            }
        }
        if finished && ending == "held" {
            tokio::select! {
                _ = tx.closed() => finished = false,
                _ = rec.held() => {}
            }
        }
        if finished {
            match ending {
                "done" | "held" => {
                    let stop = json!({ "choices": [{ "index": 0, "delta": {}, "finish_reason": "stop" }] });
                    let _ = tx
                        .send(Ok(Bytes::from(format!("data: {stop}\n\ndata: [DONE]\n\n"))))
                        .await;
                }
                "cut" => {
                    // Let the words already sent reach the client, then fail the body.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    let _ = tx.send(Err(std::io::Error::other("cut"))).await;
                }
                _ => {
                    // Silence until the client gives up.
                    tx.closed().await;
                    finished = false;
                }
            }
        }
        if !finished {
            rec.cancelled.fetch_add(1, Ordering::SeqCst);
        }
        rec.open.fetch_sub(1, Ordering::SeqCst);
    });
    let stream = futures::stream::poll_fn(move |cx| rx.poll_recv(cx));
    Response::builder()
        .header("content-type", "text/event-stream")
        .body(Body::from_stream(stream))
        .unwrap()
}
