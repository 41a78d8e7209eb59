//! Chat UI: the sidebar list with its ⋯ menu, the chat page, the message list and the composer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use super::{
    delete_chat, edit_message, get_chat, list_chats, rename_chat, send_message, set_chat_model,
    switch_branch, toggle_chat, use_chat_list_version, ChatSummary, ChatView, MessageView,
};
use crate::connections::{list_models, pick_model, ModelMenu, ModelPicker, NoModelNotice};
use crate::share::LazyShareModal;
use crate::ui::{format_time, Modal};

/// The sidebar for a signed-in member: "New Chat", title search and the chat list.
///
/// One suspense boundary awaits both the user and the list: a boundary nested inside another's
/// `Suspend` would get its hydration id in a different order on the server, where sibling
/// boundaries resolve concurrently.
#[component]
pub fn ChatSidebar() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let version = use_chat_list_version();
    let query = RwSignal::new(String::new());
    let chats = Resource::new(move || (query.get(), version.0.get()), |(q, _)| list_chats(q));
    // The time the groups are counted from: the server's, written into the page, so the
    // browser hydrates the same groups.
    let now = Resource::new(|| (), |_| async { crate::ui::now_epoch() });
    let sharing = RwSignal::new(None::<Uuid>);
    view! {
        <a class="button new-chat" href="/">"+ New Chat"</a>
        <input type="search" class="chat-search" placeholder="Search chats" aria-label="Search chats" bind:value=query/>
        <nav aria-label="Chats">
            <Transition fallback=|| view! { <p class="sidebar-empty">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let can_share = match user.0.await {
                        Ok(Some(u)) if !u.is_pending() => u.permissions.chat.share,
                        _ => return view! { <p class="sidebar-empty">"Sign in to see your chats."</p> }.into_any(),
                    };
                    match chats.await {
                        Ok(list) if list.is_empty() => view! { <p class="sidebar-empty">"No chats yet."</p> }.into_any(),
                        Ok(list) => {
                            let now = now.await;
                            crate::chat_app::view(crate::chat_app::Part::ChatList { list, now, can_share, sharing }).await
                        }
                        Err(e) => view! { <p class="status-error" role="alert">{e.detail()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </nav>
        {move || sharing.get().map(|id| view! { <LazyShareModal chat_id=id on_close=move || sharing.set(None)/> })}
    }
}

/// The sidebar's chat list: pinned chats, then groups by date, each item with its ⋯ menu,
/// rename box and dialogs. Part of the chat app's chunk ([`crate::chat_app`]), so the main
/// module does not carry it.
pub fn chat_list(
    list: Vec<ChatSummary>,
    now: i64,
    can_share: bool,
    sharing: RwSignal<Option<Uuid>>,
) -> AnyView {
    // Pinned chats first, then groups by date; the list arrives pinned first, newest first.
    let mut groups: Vec<(String, Vec<ChatSummary>)> = Vec::new();
    for chat in list {
        let label = if chat.pinned {
            "Pinned".to_owned()
        } else {
            crate::ui::date_group(chat.updated_at, now)
        };
        match groups.last_mut() {
            Some((last, chats)) if *last == label => chats.push(chat),
            _ => groups.push((label, vec![chat])),
        }
    }
    groups
        .into_iter()
        .map(|(label, chats)| {
            view! {
                <h2 class="chat-group">{label}</h2>
                <ul class="chat-list">
                    {chats.into_iter().map(|c| view! { <ChatItem chat=c can_share sharing/> }).collect_view()}
                </ul>
            }
        })
        .collect_view()
        .into_any()
}

/// One chat in the sidebar, with its ⋯ menu (shown on hover and on keyboard focus).
#[component]
fn ChatItem(chat: ChatSummary, can_share: bool, sharing: RwSignal<Option<Uuid>>) -> impl IntoView {
    let version = use_chat_list_version();
    let navigate = use_navigate();
    let location = leptos_router::hooks::use_location();
    let id = chat.id;
    let (menu_open, set_menu_open) = signal(false);
    let (renaming, set_renaming) = signal(false);
    let (confirm_delete, set_confirm_delete) = signal(false);
    let title = RwSignal::new(chat.title.clone());
    let rename = Action::new(move |t: &String| {
        let t = t.clone();
        async move {
            let r = rename_chat(id, t).await;
            if r.is_ok() {
                version.bump();
            }
            r
        }
    });
    let toggle = Action::new(move |archive: &bool| {
        let archive = *archive;
        async move {
            let r = toggle_chat(id, archive).await;
            if r.is_ok() {
                version.bump();
            }
            r
        }
    });
    let remove = Action::new(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let r = delete_chat(id).await;
            if r.is_ok() {
                version.bump();
                let here = location.pathname.get_untracked();
                if here == format!("/c/{id}") {
                    navigate("/", Default::default());
                }
            }
            r
        }
    });
    let pinned = chat.pinned;
    let menu_id = format!("chat-menu-{id}");
    let original_title = StoredValue::new(chat.title.clone());
    // The rename box takes the focus when it appears (`autofocus` only works on page load).
    let rename_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = rename_input.get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = input.focus();
                input.select();
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = input;
        }
    });
    // Dialogs return focus to what was focused when they opened: that must be the ⋯ button,
    // not the menu item, which disappears with the menu.
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let menu_list = NodeRef::<leptos::html::Div>::new();
    crate::ui::focus_first_item(menu_list);
    let refocus_menu_button = move || {
        #[cfg(feature = "hydrate")]
        if let Some(b) = menu_button.get_untracked() {
            let _ = b.focus();
        }
    };
    view! {
        <li
            class="chat-item"
            class:pinned=pinned
            on:keydown=move |ev| {
                if ev.key() == "Escape" && menu_open.get_untracked() {
                    set_menu_open.set(false);
                    refocus_menu_button();
                }
            }
            on:focusout=move |ev| close_when_focus_leaves(&ev, set_menu_open)
        >
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <a
                        class="chat-link"
                        href=format!("/c/{id}")
                        aria-current=move || (location.pathname.get() == format!("/c/{id}")).then_some("page")
                    >
                        {move || title.get()}
                    </a>
                }
            >
                <form class="rename-form" on:submit=move |ev| {
                    ev.prevent_default();
                    rename.dispatch(title.get_untracked());
                    set_renaming.set(false);
                }>
                    <input
                        type="text"
                        aria-label="New title"
                        bind:value=title
                        node_ref=rename_input
                        on:keydown=move |ev| if ev.key() == "Escape" {
                            title.set(original_title.get_value());
                            set_renaming.set(false);
                            refocus_menu_button();
                        }
                    />
                </form>
            </Show>
            <button
                type="button"
                node_ref=menu_button
                class="chat-menu-button"
                aria-label=format!("Chat options for {}", chat.title)
                aria-haspopup="menu"
                aria-controls=menu_id.clone()
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| set_menu_open.update(|o| *o = !*o)
            >
                "⋯"
            </button>
            <Show when=move || menu_open.get()>
                <div class="menu chat-menu" role="menu" id=menu_id.clone() node_ref=menu_list on:keydown=move |ev| crate::ui::menu_arrow_keys(&ev)>
                    <Show when=move || can_share>
                        <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); refocus_menu_button(); sharing.set(Some(id)); }>
                            "Share"
                        </button>
                    </Show>
                    <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); set_renaming.set(true); }>
                        "Rename"
                    </button>
                    <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); toggle.dispatch(false); }>
                        {if pinned { "Unpin" } else { "Pin" }}
                    </button>
                    <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); toggle.dispatch(true); }>
                        "Archive"
                    </button>
                    <a role="menuitem" href=format!("/api/v1/chats/{id}/export") download=format!("chat-export-{id}.json") rel="nofollow" on:click=move |_| set_menu_open.set(false)>
                        "Export"
                    </a>
                    <button type="button" role="menuitem" class="danger-text" on:click=move |_| { set_menu_open.set(false); refocus_menu_button(); set_confirm_delete.set(true); }>
                        "Delete"
                    </button>
                </div>
            </Show>
            <Show when=move || confirm_delete.get()>
                <Modal title="Delete chat?" on_close=move || set_confirm_delete.set(false)>
                    <p>"This deletes “" {move || title.get()} "” and its share link. This cannot be undone."</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| set_confirm_delete.set(false)>"Cancel"</button>
                        <button type="button" class="button danger" on:click=move |_| { set_confirm_delete.set(false); remove.dispatch(()); }>
                            "Delete"
                        </button>
                    </div>
                </Modal>
            </Show>
        </li>
    }
}

/// Closes a chat's ⋯ menu when the focus moves out of its list item (a click elsewhere, Tab
/// past the last item).
fn close_when_focus_leaves(ev: &leptos::ev::FocusEvent, set_open: WriteSignal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let item = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = matches!((item, to), (Some(item), Some(to)) if item.contains(Some(&to)));
        if !inside {
            set_open.set(false);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, set_open);
}

/// The messages of a branch. With `on_switch`, messages with siblings show "‹ 2 / 3 ›" (without
/// it, nothing: a reader who cannot switch sees no arrows); with `actions`, each message gets
/// the controls it returns (the chat page's "Regenerate" and "Edit": [`message_actions`]).
#[component]
pub fn MessageList(
    /// Root first.
    messages: Vec<MessageView>,
    /// Called with the sibling id to show; `None` makes the list read-only.
    #[prop(optional, into)]
    on_switch: Option<Callback<String>>,
    /// Extra controls under each assistant message (for example "Read aloud").
    #[prop(optional, into)]
    assistant_extra: Option<Callback<MessageView, AnyView>>,
    /// Controls under each message (the chat page's "Regenerate" and "Edit"); none when not
    /// given. Passed in, so that a read-only page does not carry their code.
    #[prop(optional, into)]
    actions: Option<Callback<MessageView, AnyView>>,
    /// While an answer is being written, switching waits.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Who wrote the user messages, as readers see it (the owner's name on a shared page);
    /// "You" when not given.
    #[prop(optional, into)]
    user_author: Option<String>,
) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p class="muted empty-chat">"No messages yet."</p> }.into_any();
    }
    let toast = crate::ui::use_toast();
    view! {
        // One click handler for every code block's copy button (the buttons arrive inside the
        // server-rendered message HTML).
        <ol class="messages" on:click=move |ev| copy_code_block(&ev, toast)>
            {messages.into_iter().map(|m| {
                let extra = (m.role == "assistant").then(|| assistant_extra.map(|cb| cb.run(m.clone()))).flatten();
                let author = match m.role.as_str() {
                    "assistant" => m.model.clone().unwrap_or_else(|| "Assistant".to_owned()),
                    "system" => "System".to_owned(),
                    _ => user_author.clone().unwrap_or_else(|| "You".to_owned()),
                };
                let (prev_label, next_label) = if m.role == "user" {
                    ("Previous version", "Next version")
                } else {
                    ("Previous answer", "Next answer")
                };
                // Arrows only where the reader can switch (not on a shared snapshot).
                let switcher = (m.sibling_count > 1 && on_switch.is_some()).then(|| {
                    let (prev, next) = (m.prev_sibling.clone(), m.next_sibling.clone());
                    view! {
                        <span class="branch-switch">
                            <button type="button" class="icon-button small" aria-label=prev_label
                                disabled=move || prev.is_none() || on_switch.is_none() || busy.get()
                                on:click={let prev = m.prev_sibling.clone(); move |_| if let (Some(cb), Some(p)) = (on_switch, prev.clone()) { cb.run(p) }}>"‹"</button>
                            <span class="branch-pos">{format!("{} / {}", m.sibling_index + 1, m.sibling_count)}</span>
                            <button type="button" class="icon-button small" aria-label=next_label
                                disabled=move || next.is_none() || on_switch.is_none() || busy.get()
                                on:click={let next = m.next_sibling.clone(); move |_| if let (Some(cb), Some(n)) = (on_switch, next.clone()) { cb.run(n) }}>"›"</button>
                        </span>
                    }
                });
                let error = m.error.clone().map(|e| view! {
                    <p class="status-error message-error" role="alert">{e}</p>
                });
                let actions = actions.map(|cb| cb.run(m.clone()));
                view! {
                    <li class=format!("message {}", m.role) data-message-id=m.id.clone()>
                        <div class="message-head">
                            <span class="author">{author}</span>
                            {m.timestamp.map(|t| view! { <time class="muted">{format_time(t)}</time> })}
                            {switcher}
                        </div>
                        <div class="message-body" data-body-of=m.id.clone() inner_html=m.html.clone()></div>
                        {error}
                        {extra}
                        {actions}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// "Regenerate" under an answer, "Edit" under one of your messages (the edit box takes the
/// focus when it opens; Escape or Cancel puts the text back). Used by the chat page only.
fn message_actions(
    m: MessageView,
    busy: Signal<bool>,
    on_regenerate: Callback<MessageView>,
    on_edit: Callback<(String, String)>,
) -> AnyView {
    if m.role == "assistant" {
        return view! {
            <div class="message-actions">
                <button type="button" class="button ghost small" disabled=move || busy.get()
                    on:click=move |_| on_regenerate.run(m.clone())>"Regenerate"</button>
            </div>
        }
        .into_any();
    }
    if m.role != "user" {
        return ().into_any();
    }
    let editing = RwSignal::new(false);
    let original = StoredValue::new(m.text.clone());
    let draft = RwSignal::new(m.text.clone());
    let id = StoredValue::new(m.id.clone());
    let edit_box = NodeRef::<leptos::html::Textarea>::new();
    crate::ui::focus_when_shown(edit_box);
    let cancel = move || {
        draft.set(original.get_value());
        editing.set(false);
    };
    view! {
        <div class="message-actions">
            <Show when=move || editing.get() fallback=move || view! {
                <button type="button" class="button ghost small" disabled=move || busy.get()
                    on:click=move |_| editing.set(true)>"Edit"</button>
            }>
                <form class="edit-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let text = draft.get_untracked();
                    if !text.trim().is_empty() {
                        editing.set(false);
                        on_edit.run((id.get_value(), text));
                    }
                }>
                    <textarea aria-label="Edit your message" rows="3" node_ref=edit_box bind:value=draft
                        on:keydown=move |ev| if ev.key() == "Escape" { cancel() }></textarea>
                    <div class="row">
                        <button type="submit" class="button small">"Save & Submit"</button>
                        <button type="button" class="button secondary small" on:click=move |_| cancel()>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </div>
    }
    .into_any()
}

/// Copies the code block whose "Copy" button was clicked. When the browser refuses, the code is
/// selected and the toast says to press Ctrl+C: never a silent failure.
#[cfg(feature = "hydrate")]
fn copy_code_block(ev: &leptos::ev::MouseEvent, toast: crate::ui::Toast) {
    use crate::share::clipboard::{copy_from, CopyOutcome};
    use wasm_bindgen::JsCast;
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    let Ok(Some(button)) = target.closest(".code-copy") else {
        return;
    };
    let Some(pre) = button
        .parent_element()
        .and_then(|block| block.query_selector("pre").ok().flatten())
    else {
        return;
    };
    let text = pre.text_content().unwrap_or_default();
    leptos::task::spawn_local(async move {
        match copy_from(async { Ok::<_, ()>(text) }).await {
            Ok(CopyOutcome::Copied(_)) => {
                button.set_text_content(Some("Copied!"));
                toast.show("Code copied.");
                gloo_timers::future::TimeoutFuture::new(2_000).await;
                button.set_text_content(Some("Copy"));
            }
            _ => {
                if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
                    let _ = sel.select_all_children(&pre);
                }
                toast.show("Your browser blocked copying. The code is selected: press Ctrl+C.");
            }
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn copy_code_block(_: &leptos::ev::MouseEvent, _: crate::ui::Toast) {}

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
    let body: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if resp.ok() {
        let n = body
            .get("imported")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        Ok(if n == 1 {
            "Imported 1 chat.".to_owned()
        } else {
            format!("Imported {n} chats.")
        })
    } else {
        let detail = body
            .get("detail")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("The import failed ({}).", resp.status()));
        Err(format!("{detail} Nothing was imported."))
    }
}

/// The message box: saves the message to `chat_id` (a new chat when it is `None`) with the
/// picked model; while an answer is being written its button is "Stop".
#[component]
pub fn Composer(
    /// The chat to append to.
    chat_id: Option<Uuid>,
    /// The picked model (`None`: no model can answer; the message is saved without one).
    #[prop(into)]
    model: Signal<Option<String>>,
    /// An answer is being written.
    #[prop(optional, into)]
    streaming: Signal<bool>,
    /// Stops the answer being written.
    #[prop(optional, into)]
    on_stop: Option<Callback<()>>,
    /// Called with the updated chat.
    #[prop(into)]
    on_sent: Callback<ChatView>,
) -> impl IntoView {
    let text = RwSignal::new(crate::ui::typed_before_hydration(COMPOSER_INPUT_ID).unwrap_or_default());
    let ready = crate::ui::use_client_ready();
    let send = Action::new(move |content: &String| {
        let content = content.clone();
        let model = model.get_untracked();
        async move {
            let r = send_message(chat_id, content, model).await;
            if let Ok(v) = &r {
                text.set(String::new());
                on_sent.run(v.clone());
            }
            r
        }
    });
    let sending = send.pending();
    let error = move || send.value().get().and_then(|r| r.err()).map(|e| e.detail());
    let submit = move || {
        if !streaming.get_untracked() && !text.get_untracked().trim().is_empty() {
            send.dispatch(text.get_untracked());
        }
    };
    view! {
        // Not a plain form: sending needs the client (it streams the answer), so until the WASM
        // has arrived Send is disabled and what is typed stays in the field.
        <form class="composer" on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <textarea
                id=COMPOSER_INPUT_ID
                aria-label="Message"
                placeholder="Send a message"
                rows="2"
                bind:value=text
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && !ev.shift_key() {
                        ev.prevent_default();
                        submit();
                    }
                }
            ></textarea>
            <Show
                when=move || streaming.get()
                fallback=move || view! { <button type="submit" class="button" disabled=move || !ready.get() || sending.try_get().unwrap_or(false)>"Send"</button> }
            >
                <button type="button" class="button danger" on:click=move |_| if let Some(cb) = on_stop { cb.run(()) }>"Stop"</button>
            </Show>
            <p class="status-error" role="alert">{error}</p>
        </form>
    }
}

/// The composer's text field (one per page).
const COMPOSER_INPUT_ID: &str = "composer-input";

/// An answer being written: the text so far (plain, until it is saved and rendered).
#[derive(Clone, Debug, PartialEq)]
struct LiveReply {
    parent_id: String,
    model: String,
    text: String,
    error: Option<String>,
}

/// Starts and stops streamed answers for the chat page.
#[derive(Clone, Copy)]
struct Replies {
    live: RwSignal<Option<LiveReply>>,
    #[cfg(feature = "hydrate")]
    abort: StoredValue<Option<send_wrapper::SendWrapper<web_sys::AbortController>>>,
}

impl Replies {
    fn new() -> Self {
        Replies {
            live: RwSignal::new(None),
            #[cfg(feature = "hydrate")]
            abort: StoredValue::new(None),
        }
    }

    /// Streams an answer to `parent_id`; the chat is replaced by the saved one at the end.
    fn start(
        self,
        chat_id: Uuid,
        parent_id: String,
        model: String,
        current: RwSignal<Option<ChatView>>,
        version: super::ChatListVersion,
    ) {
        self.live.set(Some(LiveReply {
            parent_id: parent_id.clone(),
            model: model.clone(),
            text: String::new(),
            error: None,
        }));
        #[cfg(feature = "hydrate")]
        {
            use super::stream_client::{stream_reply, StreamEnd, StreamEvent};
            let Ok(controller) = web_sys::AbortController::new() else {
                return;
            };
            let signal = controller.signal();
            self.abort
                .set_value(Some(send_wrapper::SendWrapper::new(controller)));
            let live = self.live;
            leptos::task::spawn_local(async move {
                // Only while the page still shows this chat.
                let showing = move || current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == chat_id));
                let end = stream_reply(chat_id, &parent_id, &model, &signal, |ev| match ev {
                    StreamEvent::Delta(piece) => live.update(|l| {
                        if let Some(l) = l {
                            l.text.push_str(&piece)
                        }
                    }),
                    StreamEvent::Done(v) => {
                        live.set(None);
                        if showing() {
                            current.set(Some(*v));
                        }
                        version.bump();
                    }
                    StreamEvent::Title(title) => {
                        if showing() {
                            current.update(|c| {
                                if let Some(c) = c {
                                    c.title = title
                                }
                            });
                        }
                        version.bump();
                    }
                })
                .await;
                match end {
                    StreamEnd::Finished => {}
                    StreamEnd::Aborted => {
                        // The server saves what arrived as soon as it sees the connection
                        // close: show the chat once the stopped answer is there.
                        let before = current.with_untracked(|c| c.as_ref().map_or(0, |c| c.updated_at));
                        for _ in 0..40 {
                            gloo_timers::future::TimeoutFuture::new(150).await;
                            if !current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == chat_id)) {
                                break;
                            }
                            if let Ok(v) = get_chat(chat_id).await {
                                let answered = v.updated_at >= before
                                    && v.messages.last().is_some_and(|m| {
                                        m.role == "assistant"
                                            && m.parent_id.as_deref() == Some(parent_id.as_str())
                                    });
                                if answered {
                                    live.set(None);
                                    current.set(Some(v));
                                    break;
                                }
                            }
                        }
                        live.set(None);
                    }
                    StreamEnd::Failed(why) => {
                        live.update(|l| {
                            if let Some(l) = l {
                                l.error = Some(why)
                            }
                        });
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (chat_id, current, version);
    }

    /// Stop: closes the stream; the server keeps what arrived.
    fn stop(self) {
        #[cfg(feature = "hydrate")]
        self.abort.update_value(|a| {
            if let Some(c) = a.take() {
                c.abort();
            }
        });
    }
}

/// `/c/{id}`: one chat, with its branches, the model picker, a Share button and the composer.
/// Visitors who are not signed in are sent to sign in; pending accounts see the approval notice.
#[component]
pub fn ChatPage() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let chat = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_chat(id).await.map(super::InPage),
            None => Err(crate::error::AppError::NotFound("Chat not found.".to_owned())),
        }
    });
    let models = Resource::new(|| (), |_| list_models(false));
    let version = use_chat_list_version();
    let sharing = RwSignal::new(false);
    let selected = RwSignal::new(None::<String>);
    let replies = Replies::new();
    let live = replies.live;
    let streaming = Signal::derive(move || live.with(|l| l.as_ref().is_some_and(|l| l.error.is_none())));
    let live_parent = Memo::new(move |_| live.with(|l| l.as_ref().map(|l| l.parent_id.clone())));
    // The chat as shown. Every change (an answer, a switch, an edit) goes here rather than into
    // the resource, so the page's suspense boundary runs again only for another chat.
    let current = RwSignal::new(None::<ChatView>);
    let pending = use_context::<super::PendingReply>();
    // A chat just started on the start page: its first answer begins here.
    Effect::new(move |_| {
        let Some(shown) = current.with(|c| c.as_ref().map(|c| c.id)) else {
            return;
        };
        if let Some(p) = pending {
            let waiting =
                p.0.with_untracked(|w| w.as_ref().is_some_and(|(c, _, _)| *c == shown));
            if waiting {
                if let Some((chat_id, parent, model)) = p.0.try_update(Option::take).flatten() {
                    replies.start(chat_id, parent, model, current, version);
                }
            }
        }
    });
    // A chat opens at its latest message; while an answer is written, the view follows it
    // unless the reader has scrolled up to read something else.
    Effect::new(move |prev: Option<Option<Uuid>>| {
        let shown = current.with(|c| c.as_ref().map(|c| c.id));
        if shown.is_some() && prev.flatten() != shown {
            crate::ui::scroll_main_to_end(true);
        }
        shown
    });
    // Scrolled up while an answer arrives: a "↓ New messages" button instead of a jump.
    let behind = RwSignal::new(false);
    Effect::new(move |_| {
        live.track();
        crate::ui::follow_main_end(behind);
    });
    // Leaving for another chat stops an answer being written (it is saved as far as it got).
    Effect::new(move |prev: Option<Option<Uuid>>| {
        let now = id();
        if prev.is_some_and(|p| p != now) && live.with_untracked(Option::is_some) {
            replies.stop();
            live.set(None);
        }
        now
    });
    let switch = Action::new(move |(chat_id, message_id): &(Uuid, String)| {
        let (chat_id, message_id) = (*chat_id, message_id.clone());
        async move {
            let r = switch_branch(chat_id, message_id).await;
            if let Ok(v) = &r {
                current.set(Some(v.clone()));
            }
            r
        }
    });
    let pick = Action::new(move |(chat_id, model): &(Uuid, String)| {
        let (chat_id, model) = (*chat_id, model.clone());
        async move { set_chat_model(chat_id, model).await }
    });
    let edit = Action::new(move |(chat_id, message_id, content): &(Uuid, String, String)| {
        let (chat_id, message_id, content) = (*chat_id, message_id.clone(), content.clone());
        let model = selected.get_untracked();
        async move {
            let r = edit_message(chat_id, message_id, content, model.clone()).await;
            if let Ok(e) = &r {
                current.set(Some(e.chat.clone()));
                if let Some(model) = model {
                    replies.start(chat_id, e.message_id.clone(), model, current, version);
                }
            }
            r.map(|_| ())
        }
    });
    let edit_error = move || edit.value().get().and_then(|r| r.err()).map(|e| e.detail());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let here = format!("/c/{}", id().map(|i| i.to_string()).unwrap_or_default());
                let menu = models.await.unwrap_or(ModelMenu { models: Vec::new(), has_connections: false, problems: Vec::new() });
                let me = match crate::accounts::member_or(user.0.await, || crate::accounts::sign_in_redirect(&here)) {
                    Ok(u) => u,
                    Err(instead) => return instead,
                };
                let can_share = me.permissions.chat.share;
                match chat.await {
                    Ok(super::InPage(v)) => {
                        let chat_id = v.id;
                        selected.set(pick_model(&menu, v.models.first().map(String::as_str)));
                        current.set(Some(v));
                        let title = move || current.with(|c| c.as_ref().map(|c| c.title.clone()).unwrap_or_default());
                        let on_regenerate = Callback::new(move |m: MessageView| {
                            if let (Some(parent), Some(model)) = (m.parent_id.clone(), selected.get_untracked()) {
                                replies.start(chat_id, parent, model, current, version);
                            }
                        });
                        let on_edit = Callback::new(move |(id, text): (String, String)| {
                            edit.dispatch((chat_id, id, text));
                        });
                        view! {
                            <Title text=title/>
                            <div class="chat-head">
                                <h1 class="chat-title">{title}</h1>
                                <ModelPicker menu=menu.clone() selected on_pick=move |m: String| { pick.dispatch((chat_id, m)); }/>
                                {can_share.then(|| view! {
                                    <button type="button" class="button secondary" on:click=move |_| sharing.set(true)>"Share"</button>
                                })}
                            </div>
                            {move || {
                                let mut shown = current.with(|c| c.as_ref().map(|c| c.messages.clone()).unwrap_or_default());
                                // While an answer is written, the branch ends at the message it answers.
                                if let Some(parent) = live_parent.get() {
                                    if let Some(i) = shown.iter().position(|m| m.id == parent) {
                                        shown.truncate(i + 1);
                                    }
                                }
                                view! {
                                    <MessageList
                                        messages=shown
                                        busy=streaming
                                        on_switch=move |m: String| { switch.dispatch((chat_id, m)); }
                                        actions=move |m: MessageView| message_actions(m, streaming, on_regenerate, on_edit)
                                    />
                                }
                            }}
                            {move || live.get().map(|l| view! {
                                <div class="message assistant live" aria-busy=(l.error.is_none()).to_string()>
                                    <div class="message-head"><span class="author">{l.model.clone()}</span>
                                        {l.error.is_none().then(|| view! { <span class="muted typing">"writing…"</span> })}
                                    </div>
                                    <div class="message-body live-text">{l.text.clone()}</div>
                                    {l.error.clone().map(|e| view! { <p class="status-error message-error" role="alert">{e}</p> })}
                                </div>
                            })}
                            <p class="status-error" role="alert">{edit_error}</p>
                            <Show when=move || behind.get()>
                                <button type="button" class="button secondary new-messages" on:click=move |_| {
                                    behind.set(false);
                                    crate::ui::scroll_main_to_end(true);
                                }>"↓ New messages"</button>
                            </Show>
                            <NoModelNotice menu=menu.clone() is_admin=me.is_admin()/>
                            <Composer
                                chat_id=Some(chat_id)
                                model=selected
                                streaming
                                on_stop=move |_| replies.stop()
                                on_sent=move |nv: ChatView| {
                                    let last = nv.messages.last().map(|m| m.id.clone());
                                    current.set(Some(nv));
                                    version.bump();
                                    if let (Some(parent), Some(model)) = (last, selected.get_untracked()) {
                                        replies.start(chat_id, parent, model, current, version);
                                    }
                                }
                            />
                        }.into_any()
                    }
                    Err(e) => {
                        crate::ui::set_page_status(e.status());
                        view! { <section class="panel"><h1>"Chat not available"</h1><p>{e.detail()}</p></section> }.into_any()
                    }
                }
            })}
        </Transition>
        {move || match (sharing.get(), id()) {
            (true, Some(chat_id)) => Some(view! { <LazyShareModal chat_id on_close=move || sharing.set(false)/> }),
            _ => None,
        }}
    }
}

/// The start page's composer for a member, with the model picker: the first message starts a
/// new chat, whose page then streams the first answer.
#[component]
pub fn NewChatComposer(
    /// What the connections offer.
    menu: ModelMenu,
    /// The viewer is an administrator.
    is_admin: bool,
) -> impl IntoView {
    let navigate = use_navigate();
    let version = use_chat_list_version();
    let pending = use_context::<super::PendingReply>();
    let selected = RwSignal::new(pick_model(&menu, None));
    view! {
        <div class="new-chat-head">
            <ModelPicker menu=menu.clone() selected/>
        </div>
        <NoModelNotice menu is_admin/>
        <Composer chat_id=None model=selected on_sent=move |v: ChatView| {
            version.bump();
            if let (Some(p), Some(first), Some(model)) = (pending, v.messages.last(), selected.get_untracked()) {
                p.0.set(Some((v.id, first.id.clone(), model)));
            }
            navigate(&format!("/c/{}", v.id), Default::default());
        }/>
    }
}
