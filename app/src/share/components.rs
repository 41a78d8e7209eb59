//! Sharing UI: the Share Chat modal, the shared page `/s/{id}` and "My shared links".

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

use super::clipboard::{copy_from, origin, CopyOutcome};
use super::{
    clone_shared, get_share_state, list_shared, share_chat, unshare_all, unshare_chat, view_shared,
    ShareState, SharedChatView, SharedLinkItem,
};
use crate::chats::{use_chat_list_version, InPage, MessageList, MessageView};
use crate::error::AppError;
use crate::ui::{format_time, set_page_status, use_toast, Modal};

const COPIED_TOAST: &str = "Copied shared chat URL to clipboard!";

/// `{origin}/s/{share_id}`.
pub fn share_url(share_id: Uuid) -> String {
    format!("{}/s/{share_id}", origin())
}

/// The Share Chat modal, with its code loaded on first use: it is part of the chat app's chunk
/// ([`crate::chat_app`]), so a page that never shares (the shared page) does not carry it.
/// Until the chunk has arrived, the dialog shows "Loading…".
#[component]
pub fn LazyShareModal(
    /// The chat to share.
    chat_id: Uuid,
    /// Closes the modal.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    use crate::chat_app::{view, Part};
    view! {
        <Suspense fallback=|| view! { <div class="modal-backdrop"><p class="muted">"Loading…"</p></div> }>
            {Suspend::new(view(Part::ShareModal { chat_id, on_close }))}
        </Suspense>
    }
}

/// The Share Chat modal for one chat.
#[component]
pub fn ShareModal(
    /// The chat to share.
    chat_id: Uuid,
    /// Closes the modal.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let state = crate::ui::page_resource(|| (), move |_| get_share_state(chat_id));
    view! {
        <Modal title="Share Chat" on_close>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(s) => view! { <ShareModalBody state=s/> }.into_any(),
                        Err(e) => view! { <p class="status-error" role="alert">{e.detail()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Modal>
    }
}

#[component]
fn ShareModalBody(state: ShareState) -> impl IntoView {
    let chat_id = state.chat_id;
    let share_id = RwSignal::new(state.share_id);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let manual = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let toast = use_toast();
    let version = use_chat_list_version();

    let copy_link = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        manual.set(None);
        // The clipboard write starts here, inside the click; the server call runs inside it.
        let job = copy_from(async move {
            share_chat(chat_id).await.map(|link| {
                share_id.set(Some(link.share_id));
                share_url(link.share_id)
            })
        });
        leptos::task::spawn_local(async move {
            match job.await {
                Ok(CopyOutcome::Copied(_)) => {
                    copied.set(true);
                    toast.show(COPIED_TOAST);
                    #[cfg(feature = "hydrate")]
                    gloo_timers::callback::Timeout::new(2_000, move || copied.set(false)).forget();
                }
                Ok(CopyOutcome::Manual(url)) => manual.set(Some(url)),
                Err(e) => error.set(Some(share_error(&e))),
            }
            version.bump();
            busy.set(false);
        });
    };
    let delete_link = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match unshare_chat(chat_id).await {
                Ok(_) => {
                    share_id.set(None);
                    manual.set(None);
                    version.bump();
                }
                Err(e) => error.set(Some(e.detail())),
            }
            busy.set(false);
        });
    };
    let community = state.community_enabled.then(|| {
        let url = state.community_url.clone();
        view! { <CommunityButton chat_id url/> }
    });
    let can_share = state.can_share;
    // The content arrives after the dialog opened: move focus to the main action.
    let main_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = main_button.get() {
            #[cfg(feature = "hydrate")]
            request_animation_frame(move || {
                let _ = b.focus();
            });
            #[cfg(not(feature = "hydrate"))]
            let _ = b;
        }
    });
    view! {
        <div class="share-modal" aria-busy=move || busy.get().to_string()>
            {move || match share_id.get() {
                None => view! {
                    <p>"Messages you send after creating your link won't be shared. Users with the URL will be able to view the shared chat."</p>
                }.into_any(),
                Some(sid) => view! {
                    <p>
                        "You have shared this chat "
                        <a href=format!("/s/{sid}") target="_blank" rel="noopener noreferrer">"before"</a>
                        "."
                    </p>
                    <div class="share-link-field">
                        <label for="share-link">"Link"</label>
                        <input id="share-link" type="text" readonly prop:value=share_url(sid)
                            on:focus=move |ev| { let _ = select_all(&ev); }/>
                    </div>
                    <p>
                        "Click here to "
                        <button type="button" class="link-button" disabled=move || busy.get() on:click=delete_link>
                            "delete this link"
                        </button>
                        " and create a new shared link."
                    </p>
                }.into_any(),
            }}
            {(!can_share).then(|| view! { <p class="muted">"You don't have permission to share chats."</p> })}
            <p class="status-error" role="alert">{move || error.get()}</p>
            {move || manual.get().map(|url| view! {
                <div class="manual-copy">
                    <label for="share-url-field">"Your browser did not allow copying. Press Ctrl+C to copy:"</label>
                    <input id="share-url-field" type="text" readonly prop:value=url.clone()
                        on:focus=move |ev| { let _ = select_all(&ev); } autofocus/>
                </div>
            })}
            // The main action first, then the community one: one column, each as wide as the
            // dialog (side by side they would wrap into two rows of different widths).
            <div class="modal-actions share-actions">
                <button
                    type="button"
                    class="button"
                    node_ref=main_button
                    aria-disabled=move || (busy.get() || !can_share).to_string()
                    disabled=!can_share
                    on:click=copy_link
                >
                    {move || {
                        if copied.get() { "Copied!" }
                        else if busy.get() { "Working…" }
                        else if share_id.get().is_some() { "Update and Copy Link" }
                        else { "Copy Link" }
                    }}
                </button>
                {community}
            </div>
        </div>
    }
}

fn share_error(e: &AppError) -> String {
    match e {
        AppError::Forbidden(_) => "You don't have permission to share chats.".to_owned(),
        other => other.detail(),
    }
}

#[allow(unused_variables)]
fn select_all(ev: &leptos::ev::FocusEvent) -> Option<()> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
        input.select();
    }
    Some(())
}

/// "Share to Open WebUI Community": opens the community upload page and, when it posts
/// `'loaded'` from its own origin, sends it `{chat, models}` for that origin only.
#[component]
fn CommunityButton(chat_id: Uuid, url: String) -> impl IntoView {
    let open = move |_| {
        #[cfg(feature = "hydrate")]
        community::open(chat_id, &url);
        #[cfg(not(feature = "hydrate"))]
        let _ = (chat_id, &url);
    };
    view! { <button type="button" class="button secondary" on:click=open>"Share to Open WebUI Community"</button> }
}

#[cfg(feature = "hydrate")]
mod community {
    use uuid::Uuid;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Where a click's `message` listener is kept until it has answered its tab.
    type Slot = std::rc::Rc<std::cell::RefCell<Option<Closure<dyn FnMut(web_sys::MessageEvent)>>>>;

    /// Opens the community page in a new tab and waits for its `'loaded'`: only from that tab
    /// and its origin, and only once (the listener then removes itself), so a second click
    /// never sends the chat to an earlier tab again.
    pub fn open(chat_id: Uuid, url: &str) {
        let Some(window) = web_sys::window() else { return };
        let Ok(target_origin) = web_sys::Url::new(url).map(|u| u.origin()) else {
            return;
        };
        let Ok(Some(tab)) = window.open_with_url_and_target(url, "_blank") else {
            return;
        };
        let tab = send_wrapper::SendWrapper::new(tab);
        let listener: Slot = Default::default();
        let own = listener.clone();
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let from_tab = ev.source().is_some_and(|s| js_sys::Object::is(&s, &tab));
            if !from_tab || ev.origin() != target_origin || ev.data().as_string().as_deref() != Some("loaded")
            {
                return;
            }
            // Removed after this call returns (a closure must not be dropped while it runs).
            let Some(done) = own.borrow_mut().take() else {
                return;
            };
            let tab = tab.clone();
            let target_origin = target_origin.clone();
            leptos::task::spawn_local(async move {
                if let Some(w) = web_sys::window() {
                    let _ = w.remove_event_listener_with_callback("message", done.as_ref().unchecked_ref());
                }
                drop(done);
                if let Ok(json) = super::super::chat_json(chat_id).await {
                    if let Ok(chat) = js_sys::JSON::parse(&json) {
                        let models = js_sys::Reflect::get(&chat, &JsValue::from_str("models"))
                            .unwrap_or(JsValue::NULL);
                        let msg = js_sys::Object::new();
                        let _ = js_sys::Reflect::set(&msg, &JsValue::from_str("chat"), &chat);
                        let _ = js_sys::Reflect::set(&msg, &JsValue::from_str("models"), &models);
                        let _ = tab.post_message(&msg, &target_origin);
                    }
                }
            });
        });
        let _ = window.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
        *listener.borrow_mut() = Some(handler);
    }
}

/// `/s/{id}`: a shared chat, read-only, for signed-in members. Visitors who are not signed in
/// are sent to sign in (303) before any content; an unknown or deleted link is a 404 page.
#[component]
pub fn SharedChatPage() -> impl IntoView {
    let params = use_params_map();
    let raw_id = move || params.read().get("id").unwrap_or_default();
    let shared = crate::ui::page_resource(raw_id, |raw| async move {
        match Uuid::parse_str(&raw) {
            Ok(id) => view_shared(id).await.map(InPage).map_err(|e| (e, raw)),
            Err(_) => Err((
                AppError::NotFound("This shared chat is no longer available.".to_owned()),
                raw,
            )),
        }
    });
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match shared.await {
                    Ok(InPage(v)) => view! { <SharedChat view=v/> }.into_any(),
                    Err((AppError::Unauthenticated, raw)) => crate::accounts::sign_in_redirect(&format!("/s/{raw}")),
                    Err((AppError::Forbidden(m), _)) => {
                        set_page_status(403);
                        view! { <section class="panel"><h1>"You can't open this yet"</h1><p>{m}</p></section> }.into_any()
                    }
                    Err((e, _)) => {
                        set_page_status(e.status());
                        view! {
                            <Title text="Shared chat not available"/>
                            <section class="panel">
                                <h1>"This shared chat is no longer available"</h1>
                                <p>"The link may have been deleted by its owner, or the address is wrong."</p>
                                <a href="/">"Go to your chats"</a>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SharedChat(view: SharedChatView) -> impl IntoView {
    let navigate = use_navigate();
    let version = use_chat_list_version();
    let share_id = view.share_id;
    // What the plain form's answer said went wrong (`?error=`), shown until the next try.
    let form_error = use_query_map().read_untracked().get("error");
    let cloning = Action::new(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let r = clone_shared(share_id).await;
            if let Ok(id) = &r {
                version.bump();
                navigate(&format!("/c/{id}"), Default::default());
            }
            r
        }
    });
    let speech = view.tts_enabled.then(|| (view.tts_voice.clone(), view.tts_rate));
    let extra = speech.map(|(voice, rate)| {
        Callback::new(move |m: MessageView| {
            view! { <ReadAloud text=spoken_text(&m.text) voice=voice.clone() rate/> }.into_any()
        })
    });
    view! {
        <Title text=view.title.clone()/>
        <article class="shared-chat">
            <header class="shared-head">
                <h1>{view.title.clone()}</h1>
                <p class="muted">
                    {format!("Shared by {} · snapshot taken {}", view.shared_by, format_time(view.updated_at))}
                </p>
                // A plain form, so Clone Chat works before (and without) the WASM client; once
                // it is there, the copy opens without a page load.
                <form method="post" action=format!("/s/{share_id}/clone") class="plain-form" on:submit=move |ev| {
                    ev.prevent_default();
                    cloning.dispatch(());
                }>
                    <button type="submit" class="button" disabled=move || cloning.pending().get()>
                        "Clone Chat"
                    </button>
                </form>
                <p class="status-error" role="alert">
                    {move || cloning.value().get().and_then(|r| r.err()).map(|e| e.detail()).or_else(|| form_error.clone())}
                </p>
            </header>
            {match extra {
                Some(cb) => view! { <MessageList messages=view.messages.clone() assistant_extra=cb user_author=view.shared_by.clone()/> }.into_any(),
                None => view! { <MessageList messages=view.messages.clone() user_author=view.shared_by.clone()/> }.into_any(),
            }}
        </article>
    }
}

/// What "Read aloud" says for a message's markdown: its words, without the markup a speech
/// voice would read out ("star star borrow checker star star"): emphasis and code marks,
/// heading, quote and list markers, code fences, and link and image targets (their text stays).
fn spoken_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            continue;
        }
        let body = trimmed.trim_start_matches(['#', '>']).trim_start();
        let mut rest = ["- ", "* ", "+ "]
            .iter()
            .find_map(|marker| body.strip_prefix(marker))
            .unwrap_or(body);
        while let Some(open) = rest.find('[') {
            let (before, after) = rest.split_at(open);
            out.push_str(before.trim_end_matches('!'));
            match after
                .find("](")
                .and_then(|close| after[close..].find(')').map(|end| (close, close + end)))
            {
                Some((close, end)) => {
                    out.push_str(&after[1..close]);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('[');
                    rest = &after[1..];
                }
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    out.retain(|c| !matches!(c, '*' | '`' | '~'));
    out.replace('_', " ").trim().to_owned()
}

/// "Read aloud" for one message with the browser's speech synthesis; "Stop" while speaking.
#[component]
fn ReadAloud(text: String, voice: String, rate: f64) -> impl IntoView {
    let speaking = RwSignal::new(false);
    let ready = crate::ui::use_client_ready();
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        speech::toggle(&text, &voice, rate, speaking);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&text, &voice, rate);
    };
    view! {
        <button type="button" class="button secondary small read-aloud" disabled=move || !ready.get() on:click=toggle>
            {move || if speaking.get() { "Stop" } else { "Read aloud" }}
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod speech {
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;

    pub fn toggle(text: &str, voice: &str, rate: f64, speaking: RwSignal<bool>) {
        let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
            return;
        };
        if speaking.get_untracked() {
            synth.cancel();
            speaking.set(false);
            return;
        }
        let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
            return;
        };
        u.set_rate(rate as f32);
        if !voice.is_empty() {
            if let Some(v) = synth
                .get_voices()
                .iter()
                .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
                .find(|v| v.name() == voice)
            {
                u.set_voice(Some(&v));
            }
        }
        let done = Closure::<dyn FnMut()>::new(move || speaking.set(false));
        u.set_onend(Some(done.as_ref().unchecked_ref()));
        u.set_onerror(Some(done.as_ref().unchecked_ref()));
        done.forget();
        synth.cancel();
        speaking.set(true);
        synth.speak(&u);
    }
}

/// Settings › Data › Shared Chats: every link I made, with search, paging, open, copy, update,
/// delete, and "Delete all shared links".
#[component]
pub fn SharedLinksManager(
    /// Created by [`shared_links_state`] in the page's body.
    state: SharedLinksState,
) -> impl IntoView {
    let SharedLinksState {
        query,
        pages,
        reload,
        links,
    } = state;
    let confirm_all = RwSignal::new(false);
    let toast = use_toast();
    let delete_all = Action::new(move |_: &()| async move {
        let r = unshare_all().await;
        reload.update(|v| *v += 1);
        r
    });
    shared_links_view(query, pages, reload, links, confirm_all, toast, delete_all)
}

/// The list state of "My shared links": search text, pages loaded, a reload counter and the
/// resource (created in a component body, never inside a `Suspend`).
#[derive(Clone, Copy)]
pub struct SharedLinksState {
    query: RwSignal<String>,
    pages: RwSignal<u64>,
    reload: RwSignal<u32>,
    links: crate::ui::PageResource<Result<(Vec<SharedLinkItem>, bool), AppError>>,
}

/// Creates the state of "My shared links".
pub fn shared_links_state() -> SharedLinksState {
    let query = RwSignal::new(String::new());
    let pages = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let links = crate::ui::page_resource(
        move || (query.get(), pages.get(), reload.get()),
        |(q, pages, _)| async move {
            let mut all: Vec<SharedLinkItem> = Vec::new();
            for p in 1..=pages {
                let batch = list_shared(q.clone(), p).await?;
                let done = batch.len() < 30;
                all.extend(batch);
                if done {
                    return Ok::<_, AppError>((all, false));
                }
            }
            Ok((all, true))
        },
    );
    SharedLinksState {
        query,
        pages,
        reload,
        links,
    }
}

fn shared_links_view(
    query: RwSignal<String>,
    pages: RwSignal<u64>,
    reload: RwSignal<u32>,
    links: crate::ui::PageResource<Result<(Vec<SharedLinkItem>, bool), AppError>>,
    confirm_all: RwSignal<bool>,
    toast: crate::ui::Toast,
    delete_all: Action<(), Result<u64, AppError>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="data-row">
            <div class="row-between">
                <span>"Shared Chats"</span>
                <button
                    type="button"
                    class="button secondary"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="shared-links"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "Manage"
                </button>
            </div>
            <div id="shared-links" class="shared-links" hidden=move || !open.get()>
            <input type="search" placeholder="Search shared chats" aria-label="Search shared chats" bind:value=query/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match links.await {
                        Ok((list, more)) if list.is_empty() && !more => view! { <p class="muted">"No shared links."</p> }.into_any(),
                        Ok((list, more)) => view! {
                            <ul class="link-list">
                                {list.into_iter().map(|l| view! { <SharedLinkRow link=l reload toast/> }).collect_view()}
                            </ul>
                            {more.then(|| view! {
                                <button type="button" class="button secondary" on:click=move |_| pages.update(|p| *p += 1)>"Load more"</button>
                            })}
                        }.into_any(),
                        Err(e) => view! { <p class="status-error" role="alert">{e.detail()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <button type="button" class="button danger" on:click=move |_| confirm_all.set(true)>"Delete all shared links"</button>
            </div>
            <Show when=move || confirm_all.get()>
                <Modal title="Delete all shared links?" on_close=move || confirm_all.set(false)>
                    <p>"Every link you have shared stops working. Your chats stay."</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| confirm_all.set(false)>"Cancel"</button>
                        <button type="button" class="button danger" on:click=move |_| { confirm_all.set(false); delete_all.dispatch(()); }>
                            "Delete all"
                        </button>
                    </div>
                </Modal>
            </Show>
        </div>
    }
}

#[component]
fn SharedLinkRow(link: SharedLinkItem, reload: RwSignal<u32>, toast: crate::ui::Toast) -> impl IntoView {
    let chat_id = link.chat_id;
    let manual = RwSignal::new(None::<String>);
    let update = Action::new(move |_: &()| async move {
        let r = share_chat(chat_id).await;
        reload.update(|v| *v += 1);
        r
    });
    let remove = Action::new(move |_: &()| async move {
        let r = unshare_chat(chat_id).await;
        reload.update(|v| *v += 1);
        r
    });
    let sid = link.share_id;
    let copy = move |_| {
        let job = copy_from(async move { Ok::<_, AppError>(share_url(sid)) });
        leptos::task::spawn_local(async move {
            match job.await {
                Ok(CopyOutcome::Copied(_)) => toast.show(COPIED_TOAST),
                Ok(CopyOutcome::Manual(u)) => manual.set(Some(u)),
                Err(_) => {}
            }
        });
    };
    view! {
        <li class="link-row">
            <a href=format!("/s/{sid}") target="_blank" rel="noopener noreferrer" class="link-title">{link.title.clone()}</a>
            <span class="muted">{format!("updated {}", format_time(link.updated_at))}</span>
            <span class="row-actions">
                <button type="button" class="button secondary small" on:click=copy>"Copy link"</button>
                <button type="button" class="button secondary small" disabled=move || update.pending().get() on:click=move |_| { update.dispatch(()); }>"Update"</button>
                <button type="button" class="button danger small" disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(()); }>"Delete"</button>
            </span>
            {move || manual.get().map(|u| view! { <input type="text" readonly aria-label="Share link" prop:value=u/> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::spoken_text;

    #[test]
    fn read_aloud_says_the_words_not_the_markup() {
        assert_eq!(
            spoken_text("## The **borrow checker**\n> Use `&mut` once.\n- See [the book](https://doc.rust-lang.org/book/) and ![a diagram](x.png)\n```rust\nfn main() {}\n```"),
            "The borrow checker\nUse &mut once.\nSee the book and a diagram\nfn main() {}"
        );
        assert_eq!(spoken_text("a [b] c"), "a [b] c");
    }
}
