//! The client for OpenAI-compatible servers: `GET {base}/models`, streaming
//! `POST {base}/chat/completions`, and a short non-streaming completion (chat titles).
//!
//! Nothing here touches the database while a stream is open: a reply can run for ten minutes
//! without holding a connection of the pool or a transaction.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use serde_json::{json, Value};
use uuid::Uuid;

use super::sse::SseParser;
use super::{service, ModelInfo, ModelMenu};
use crate::error::AppResult;

/// How long a model list is reused before the servers are asked again.
const MODELS_TTL: Duration = Duration::from_secs(60);
/// How long to wait for `/models` or a title (the whole request).
const SHORT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long to wait for a streaming answer to start.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// Why a model server could not be used, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamError {
    /// Nothing answered at that address.
    #[error("Could not reach the model server at {0}. Check that it is running and that the URL is right.")]
    Unreachable(String),
    /// It answered too slowly.
    #[error("The model server did not answer in time.")]
    Timeout,
    /// It answered with an error status.
    #[error("The model server answered {status}: {detail}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// Its message, or the start of its body.
        detail: String,
    },
    /// It answered something else than an OpenAI-compatible answer.
    #[error("The model server's answer is not OpenAI-compatible: {0}")]
    Malformed(String),
    /// The stream stopped before its end.
    #[error("The model's reply was cut off: {0}")]
    Broken(String),
}

struct CachedMenu {
    at: Instant,
    fingerprint: Vec<(Uuid, i64, bool)>,
    menu: ModelMenu,
}

/// One message as an OpenAI-compatible model server reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Turn {
    /// `user`, `assistant` or `system`.
    pub role: &'static str,
    /// The text.
    pub content: String,
}

/// The shared HTTP client and the short-lived model list cache. The cache is only a cache: it
/// is keyed by every connection's id and last change, read from the database on each call, so a
/// connection changed through another process is never served stale.
#[derive(Clone)]
pub struct Upstream {
    http: reqwest::Client,
    cache: Arc<Mutex<Option<CachedMenu>>>,
    /// Set when the server shuts down: every answer being written stops and is saved.
    shutting_down: Arc<tokio::sync::watch::Sender<bool>>,
    /// Longest silence inside a stream before it counts as broken.
    pub idle_timeout: Duration,
}

/// This server's model client, from the request's context (the server puts it there).
pub fn upstream() -> AppResult<Upstream> {
    crate::state::from_context("the model client")
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("idle_timeout", &self.idle_timeout)
            .finish()
    }
}

impl Upstream {
    /// A client whose streams may stay silent for `idle_timeout` between two pieces.
    pub fn new(idle_timeout: Duration) -> Self {
        // Redirects are not followed: a model server's answer comes from the URL an admin
        // saved, and the key sent with it goes nowhere else.
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Upstream {
            http,
            cache: Arc::new(Mutex::new(None)),
            shutting_down: Arc::new(tokio::sync::watch::channel(false).0),
            idle_timeout,
        }
    }

    /// Stops every answer being written (each saves what arrived), for a graceful shutdown.
    pub fn stop_all(&self) {
        self.shutting_down.send_replace(true);
    }

    /// Resolves once [`Upstream::stop_all`] was called.
    pub async fn stopping(&self) {
        let mut rx = self.shutting_down.subscribe();
        let _ = rx.wait_for(|stop| *stop).await;
    }

    fn request(&self, method: reqwest::Method, url: String, key: &str) -> reqwest::RequestBuilder {
        let r = self.http.request(method, url);
        if key.is_empty() {
            r
        } else {
            r.bearer_auth(key)
        }
    }

    /// The model ids `GET {base}/models` lists.
    pub async fn fetch_models(&self, base_url: &str, key: &str) -> Result<Vec<String>, UpstreamError> {
        let res = self
            .request(reqwest::Method::GET, format!("{base_url}/models"), key)
            .timeout(SHORT_TIMEOUT)
            .send()
            .await
            .map_err(|e| send_error(base_url, &e))?;
        let res = check_status(res).await?;
        let body: Value = res
            .json()
            .await
            .map_err(|e| UpstreamError::Malformed(format!("the model list is not JSON ({e})")))?;
        let list = body
            .get("data")
            .and_then(Value::as_array)
            .ok_or_else(|| UpstreamError::Malformed("the model list has no \"data\" array".to_owned()))?;
        Ok(list
            .iter()
            .filter_map(|m| m.get("id").and_then(Value::as_str))
            .map(str::to_owned)
            .collect())
    }

    /// Every enabled connection's models, asked in parallel; reused for a minute unless
    /// `refresh`. A connection that fails is named in `problems`; the others still count.
    pub async fn models(&self, db: &DatabaseConnection, refresh: bool) -> AppResult<ModelMenu> {
        let conns: Vec<_> = service::list(db)
            .await?
            .into_iter()
            .filter(|c| c.enabled)
            .collect();
        let fingerprint: Vec<(Uuid, i64, bool)> =
            conns.iter().map(|c| (c.id, c.updated_at, c.enabled)).collect();
        if !refresh {
            if let Ok(cache) = self.cache.lock() {
                if let Some(c) = cache.as_ref() {
                    if c.fingerprint == fingerprint && c.at.elapsed() < MODELS_TTL {
                        return Ok(c.menu.clone());
                    }
                }
            }
        }
        let answers =
            futures::future::join_all(conns.iter().map(|c| self.fetch_models(&c.base_url, &c.api_key))).await;
        let mut seen = HashSet::new();
        let mut menu = ModelMenu {
            models: Vec::new(),
            has_connections: !conns.is_empty(),
            problems: Vec::new(),
            default_model: None,
        };
        for (c, answer) in conns.iter().zip(answers) {
            match answer {
                Ok(ids) => {
                    for id in ids {
                        if seen.insert(id.clone()) {
                            menu.models.push(ModelInfo {
                                id,
                                connection_id: c.id,
                            });
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(connection = %c.id, error = %e, "cannot list models");
                    menu.problems.push(format!("{}: {e}", c.base_url));
                }
            }
        }
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some(CachedMenu {
                at: Instant::now(),
                fingerprint,
                menu: menu.clone(),
            });
        }
        Ok(menu)
    }

    /// Starts a streaming chat completion of `messages` (`{"role", "content"}` objects).
    pub async fn stream_chat(
        &self,
        base_url: &str,
        key: &str,
        model: &str,
        messages: &[Turn],
    ) -> Result<ChatStream, UpstreamError> {
        let send = self
            .request(reqwest::Method::POST, format!("{base_url}/chat/completions"), key)
            .json(&json!({ "model": model, "messages": messages, "stream": true }))
            .send();
        let res = tokio::time::timeout(START_TIMEOUT, send)
            .await
            .map_err(|_| UpstreamError::Timeout)?
            .map_err(|e| send_error(base_url, &e))?;
        let res = check_status(res).await?;
        Ok(ChatStream {
            response: res,
            parser: SseParser::new(),
            pieces: VecDeque::new(),
            done: false,
            finished_reason: false,
        })
    }

    /// A whole (non-streaming) completion, for short jobs such as a chat's title.
    pub async fn complete(
        &self,
        base_url: &str,
        key: &str,
        model: &str,
        messages: &[Turn],
    ) -> Result<String, UpstreamError> {
        let res = self
            .request(reqwest::Method::POST, format!("{base_url}/chat/completions"), key)
            .timeout(SHORT_TIMEOUT)
            .json(&json!({ "model": model, "messages": messages, "stream": false }))
            .send()
            .await
            .map_err(|e| send_error(base_url, &e))?;
        let body: Value = check_status(res)
            .await?
            .json()
            .await
            .map_err(|e| UpstreamError::Malformed(format!("not JSON ({e})")))?;
        body.pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| UpstreamError::Malformed("no choices[0].message.content".to_owned()))
    }
}

fn send_error(base_url: &str, e: &reqwest::Error) -> UpstreamError {
    if e.is_timeout() {
        UpstreamError::Timeout
    } else {
        tracing::warn!(error = %e, "model server request failed");
        UpstreamError::Unreachable(base_url.to_owned())
    }
}

/// The response if its status is 2xx; otherwise its status and message (OpenAI's
/// `{"error": {"message"}}`, a `detail`, or the start of the body).
async fn check_status(res: reqwest::Response) -> Result<reqwest::Response, UpstreamError> {
    if res.status().is_success() {
        return Ok(res);
    }
    let status = res.status().as_u16();
    let text = tokio::time::timeout(SHORT_TIMEOUT, res.text())
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    Err(UpstreamError::Status {
        status,
        detail: error_detail(&text),
    })
}

/// The human part of an error body.
pub fn error_detail(body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let from_json = parsed.as_ref().and_then(|v| {
        v.pointer("/error/message")
            .or_else(|| v.get("error").filter(|e| e.is_string()))
            .or_else(|| v.get("detail"))
            .or_else(|| v.get("message"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let text = from_json.unwrap_or_else(|| body.trim().to_owned());
    let text: String = text.chars().take(300).collect();
    if text.is_empty() {
        "no message".to_owned()
    } else {
        text
    }
}

/// An answer arriving piece by piece.
pub struct ChatStream {
    response: reqwest::Response,
    parser: SseParser,
    pieces: VecDeque<String>,
    done: bool,
    finished_reason: bool,
}

impl ChatStream {
    /// The next piece of text; `None` at the end. Silence longer than `idle` is an error, and
    /// so is a stream that closes before `[DONE]` (or a `finish_reason`).
    pub async fn next_piece(&mut self, idle: Duration) -> Result<Option<String>, UpstreamError> {
        loop {
            if let Some(p) = self.pieces.pop_front() {
                return Ok(Some(p));
            }
            if self.done {
                return Ok(None);
            }
            let chunk = tokio::time::timeout(idle, self.response.chunk())
                .await
                .map_err(|_| UpstreamError::Broken("the model server stopped sending.".to_owned()))?
                .map_err(|e| {
                    tracing::warn!(error = %e, "model stream failed");
                    UpstreamError::Broken("the connection to the model server failed.".to_owned())
                })?;
            let Some(bytes) = chunk else {
                if self.finished_reason {
                    return Ok(None);
                }
                return Err(UpstreamError::Broken(
                    "the model server closed the stream before its end.".to_owned(),
                ));
            };
            for ev in self.parser.push(&bytes) {
                self.take_event(&ev.data)?;
            }
        }
    }

    fn take_event(&mut self, data: &str) -> Result<(), UpstreamError> {
        let data = data.trim();
        if data == "[DONE]" {
            self.done = true;
            return Ok(());
        }
        if data.is_empty() {
            return Ok(());
        }
        let v: Value = serde_json::from_str(data).map_err(|_| {
            UpstreamError::Broken("the model server sent a chunk that is not JSON.".to_owned())
        })?;
        if let Some(e) = v.get("error") {
            return Err(UpstreamError::Broken(error_detail(&e.to_string())));
        }
        if let Some(text) = v.pointer("/choices/0/delta/content").and_then(Value::as_str) {
            if !text.is_empty() {
                self.pieces.push_back(text.to_owned());
            }
        }
        if v.pointer("/choices/0/finish_reason")
            .is_some_and(|r| !r.is_null())
        {
            self.finished_reason = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_details_come_from_openai_shapes_or_the_body() {
        assert_eq!(
            error_detail(r#"{"error":{"message":"Invalid API key"}}"#),
            "Invalid API key"
        );
        assert_eq!(error_detail(r#"{"detail":"Not Found"}"#), "Not Found");
        assert_eq!(error_detail(r#"{"error":"model not found"}"#), "model not found");
        assert_eq!(error_detail("  Bad Gateway \n"), "Bad Gateway");
        assert_eq!(error_detail(""), "no message");
        assert_eq!(error_detail(&"x".repeat(1000)).len(), 300);
    }
}
