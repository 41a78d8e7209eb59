//! The browser side of `POST /api/chats/{id}/reply`: sends the request with `fetch` and reads
//! the server-sent events as they arrive. Aborting the request's signal is "Stop".

use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::ChatView;
use crate::connections::sse::SseParser;

/// What the stream delivers while it is open.
pub enum StreamEvent {
    /// The next piece of the answer.
    Delta(String),
    /// The answer is saved: the chat as it is now.
    Done(Box<ChatView>),
    /// The title the model gave the chat (after its first answer).
    Title(String),
}

/// How a streamed answer ended, for the page.
pub enum StreamEnd {
    /// The stream ended after the saved answer arrived.
    Finished,
    /// Stopped through the abort signal.
    Aborted,
    /// Refused or cut off; the message says why.
    Failed(String),
}

/// A response's body as text (empty when it cannot be read).
pub async fn body_text(resp: &web_sys::Response) -> String {
    match resp.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Requests an answer to `parent_id` from `model`, calling `on_event` with what arrives.
pub async fn stream_reply(
    chat_id: Uuid,
    parent_id: &str,
    model: &str,
    signal: &web_sys::AbortSignal,
    mut on_event: impl FnMut(StreamEvent),
) -> StreamEnd {
    let mut saved = false;
    let lost = |signal: &web_sys::AbortSignal| {
        if signal.aborted() {
            StreamEnd::Aborted
        } else {
            StreamEnd::Failed("The connection to the server was lost. Your message is saved.".to_owned())
        }
    };
    let Some(window) = web_sys::window() else {
        return StreamEnd::Failed("No browser window.".to_owned());
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("content-type", "application/json");
        let _ = headers.set("accept", "text/event-stream");
        init.set_headers(&headers);
    }
    let body = serde_json::json!({ "parent_id": parent_id, "model": model }).to_string();
    init.set_body(&JsValue::from_str(&body));
    init.set_signal(Some(signal));
    let url = format!("/api/chats/{chat_id}/reply");
    let resp: web_sys::Response = match JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await {
        Ok(r) => match r.dyn_into() {
            Ok(r) => r,
            Err(_) => return lost(signal),
        },
        Err(_) => return lost(signal),
    };
    if !resp.ok() {
        let text = body_text(&resp).await;
        let detail = serde_json::from_str::<crate::error::WireError>(&text)
            .map(|e| e.detail)
            .unwrap_or_else(|_| format!("The server refused the request ({}).", resp.status()));
        return StreamEnd::Failed(detail);
    }
    let Some(stream) = resp.body() else {
        return lost(signal);
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut parser = SseParser::new();
    loop {
        let chunk = match JsFuture::from(reader.read()).await {
            Ok(c) => c,
            Err(_) if saved => return StreamEnd::Finished,
            Err(_) => return lost(signal),
        };
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return if saved { StreamEnd::Finished } else { lost(signal) };
        }
        let bytes = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
            .map(|a| a.to_vec())
            .unwrap_or_default();
        for ev in parser.push(&bytes) {
            match ev.event.as_str() {
                "delta" => {
                    if let Ok(text) = serde_json::from_str::<String>(&ev.data) {
                        on_event(StreamEvent::Delta(text));
                    }
                }
                "done" => match serde_json::from_str::<ChatView>(&ev.data) {
                    Ok(v) => {
                        saved = true;
                        on_event(StreamEvent::Done(Box::new(v)));
                    }
                    Err(_) => return StreamEnd::Failed("The saved answer could not be read.".to_owned()),
                },
                "title" => {
                    if let Ok(title) = serde_json::from_str::<String>(&ev.data) {
                        on_event(StreamEvent::Title(title));
                    }
                }
                _ => {}
            }
        }
    }
}
