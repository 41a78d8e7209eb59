//! An open chat follows its writes: when a collaborator continues a live chat, their turns and
//! answers appear in the owner's open page without a reload, and the owner's in theirs. The
//! page listens to `GET /api/chats/{id}/events` (server-sent events, announced through any
//! server process) and fetches the chat when a newer version was written.

use leptos::prelude::*;
use uuid::Uuid;

use super::ChatView;

/// Keeps the shown chat `current` (chat `chat_id`) up to date while the page shows it. Waits
/// while `busy` (the page's own answer is being written: its end brings the newest chat), and
/// sets `gone` when the reader may no longer open the chat. Renders nothing.
#[component]
pub fn FollowChat(
    /// The chat shown.
    chat_id: Uuid,
    /// The chat as the page shows it.
    current: RwSignal<Option<ChatView>>,
    /// The page is writing an answer of its own.
    #[prop(into)]
    busy: Signal<bool>,
    /// Set when the chat closed to the reader (its link was deleted, say).
    gone: RwSignal<bool>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    listen(chat_id, current, busy, gone);
    #[cfg(not(feature = "hydrate"))]
    let _ = (chat_id, current, busy, gone);
}

#[cfg(feature = "hydrate")]
/// Whether `current` shows chat `chat_id` at a version older than `version`.
fn older_than(current: RwSignal<Option<ChatView>>, chat_id: Uuid, version: i64) -> bool {
    current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == chat_id && c.version < version))
}

#[cfg(feature = "hydrate")]
fn listen(chat_id: Uuid, current: RwSignal<Option<ChatView>>, busy: Signal<bool>, gone: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    let Ok(source) = EventSource::new(&format!("/api/chats/{chat_id}/events")) else {
        return;
    };
    let on_changed = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let Some(version) = ev.data().as_string().and_then(|d| d.trim().parse::<i64>().ok()) else {
            return;
        };
        if busy.get_untracked() || !older_than(current, chat_id, version) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(v) = super::get_chat(chat_id).await {
                if !busy.get_untracked() && older_than(current, chat_id, v.version) {
                    current.set(Some(v));
                }
            }
        });
    });
    let closing = source.clone();
    let on_gone = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
        closing.close();
        gone.set(true);
    });
    let _ = source.add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("gone", on_gone.as_ref().unchecked_ref());
    let held = send_wrapper::SendWrapper::new((source, on_changed, on_gone));
    on_cleanup(move || {
        held.0.close();
        drop(held);
    });
}
