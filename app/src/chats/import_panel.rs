//! Settings → Data: importing chats from a file and exporting all of them.

use leptos::prelude::*;

use super::use_chat_list_version;

/// Settings → Data: import chats from a file (Open WebUI export or ChatGPT's
/// `conversations.json`) and export all chats as Open WebUI's JSON.
#[component]
pub fn ChatTransferPanel() -> impl IntoView {
    let version = use_chat_list_version();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = file_input
                .get_untracked()
                .and_then(|i| i.files())
                .and_then(|files| files.get(0))
            else {
                outcome.set(Some(Err("Choose a file first.".to_owned())));
                return;
            };
            busy.set(true);
            outcome.set(None);
            leptos::task::spawn_local(async move {
                let r = upload_import(file).await;
                busy.set(false);
                if r.is_ok() {
                    version.bump();
                    if let Some(i) = file_input.get_untracked() {
                        i.set_value("");
                    }
                }
                outcome.set(Some(r));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (file_input, version);
    };
    view! {
        <div class="data-row">
            <form class="import-form" on:submit=on_submit>
                <label for="import-file">"Import chats"</label>
                <span class="muted">"An Open WebUI export or ChatGPT’s conversations.json"</span>
                <div class="row">
                    <input id="import-file" type="file" accept=".json,application/json" node_ref=file_input/>
                    <button type="submit" class="button secondary" disabled=move || busy.get()>
                        {move || if busy.get() { "Importing…" } else { "Import" }}
                    </button>
                </div>
            </form>
            {move || outcome.get().map(|r| match r {
                Ok(m) => view! { <p class="status-ok" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="status-error" role="alert">{m}</p> }.into_any(),
            })}
        </div>
        <div class="row-between data-row">
            <span>"Export all chats"</span>
            <a class="button secondary" href="/api/v1/chats/all?download=true" download="chat-export.json">"Export All Chats"</a>
        </div>
    }
}

/// Sends the file to `POST /api/v1/chats/import?summary=true`; the message to show.
#[cfg(feature = "hydrate")]
async fn upload_import(file: web_sys::File) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let unreachable = || "The server could not be reached. Nothing was imported.".to_owned();
    let window = web_sys::window().ok_or_else(unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let resp: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init("/api/v1/chats/import?summary=true", &init))
            .await
            .map_err(|_| unreachable())?
            .dyn_into()
            .map_err(|_| unreachable())?;
    let text = super::stream_client::body_text(&resp).await;
    if resp.ok() {
        let n = serde_json::from_str::<super::ImportSummary>(&text).map_or(0, |s| s.imported);
        Ok(if n == 1 {
            "Imported 1 chat.".to_owned()
        } else {
            format!("Imported {n} chats.")
        })
    } else {
        let detail = serde_json::from_str::<crate::error::WireError>(&text)
            .map(|e| e.detail)
            .unwrap_or_else(|_| format!("The import failed ({}).", resp.status()));
        Err(format!("{detail} Nothing was imported."))
    }
}
