//! The Share Chat modal (create, update, delete a link; copy it; share to the community).

use leptos::prelude::*;
use uuid::Uuid;

use super::audience::{AudiencePicker, LinkDraft};
use super::review_panel::{ReviewChoices, ReviewPanel};
use super::versions_panel::VersionsPanel;

use super::{get_share_review, get_share_state, share_chat, unshare_chat, ShareState};
use crate::chats::use_chat_list_version;
use crate::error::AppError;
use crate::ui::clipboard::{copy_from, origin, CopyOutcome};
use crate::ui::{use_toast, Modal};

pub(super) fn copied_toast() -> String {
    t!("share-copied-shared-chat-url")
}

/// `{origin}/s/{share_id}`.
pub fn share_url(share_id: Uuid) -> String {
    format!("{}/s/{share_id}", origin())
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
        <Modal title=t!("share-dialog-title") on_close>
            <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(s) => view! { <ShareModalBody state=s/> }.into_any(),
                        Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Modal>
    }
}

/// The dialog's content: who can open the link (the instance's default picked before it
/// exists), the review, and Copy Link, which makes the link with those choices; once it exists,
/// its address, QR code, versions, "delete this link" (asked first), and Update and Copy Link,
/// which applies every choice at once (nothing saves on its own).
#[component]
fn ShareModalBody(state: ShareState) -> impl IntoView {
    let chat_id = state.chat_id;
    let share_id = RwSignal::new(state.share_id);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let manual = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let toast = use_toast();
    let version = use_chat_list_version();
    // The review (privacy check, messages, masks) loads beside the rest; until it is there,
    // "Copy Link" shares with the link's earlier choices.
    let review = ReviewChoices::new();
    let draft = LinkDraft::new();
    let audience_version = RwSignal::new(0u32);
    let versions_reload = RwSignal::new(0u32);
    let review_error = RwSignal::new(None::<String>);
    if state.can_share {
        leptos::task::spawn_local(async move {
            match get_share_review(chat_id).await {
                Ok(r) => review.load(r),
                Err(e) => review_error.set(Some(e.said())),
            }
        });
    }
    let can_share = state.can_share;
    let ready = move || !can_share || draft.loaded.get();
    // After the link was saved: its versions and its choices are read again, and the choices
    // start afresh from what it has now.
    let reload_after_save = move || {
        versions_reload.update(|v| *v += 1);
        draft.saved_now();
        audience_version.update(|v| *v += 1);
    };

    let copy_link = move |_| {
        if busy.get_untracked() || !draft.loaded.get_untracked() {
            return;
        }
        error.set(None);
        manual.set(None);
        let wanted = match draft.request() {
            Ok(w) => w,
            Err(message) => {
                error.set(Some(message));
                return;
            }
        };
        busy.set(true);
        // The clipboard write starts here, inside the click; the server call runs inside it.
        let choices = review.choices();
        let job = copy_from(async move {
            share_chat(
                chat_id,
                choices,
                wanted.password,
                wanted.remove_password,
                Some(wanted.audience),
                wanted.expiry,
            )
            .await
            .map(|link| {
                share_id.set(Some(link.share_id));
                share_url(link.share_id)
            })
        });
        leptos::task::spawn_local(async move {
            match job.await {
                Ok(CopyOutcome::Copied(_)) => {
                    reload_after_save();
                    copied.set(true);
                    toast.show(copied_toast());
                    #[cfg(feature = "hydrate")]
                    gloo_timers::callback::Timeout::new(2_000, move || copied.set(false)).forget();
                }
                Ok(CopyOutcome::Manual(url)) => {
                    reload_after_save();
                    manual.set(Some(url));
                }
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
                    deleting.set(false);
                    reload_after_save();
                    toast.show(t!("share-link-deleted"));
                    version.bump();
                }
                Err(e) => error.set(Some(e.said())),
            }
            busy.set(false);
        });
    };
    let community = state.community_enabled.then(|| {
        let url = state.community_url.clone();
        view! { <CommunityButton chat_id url/> }
    });
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
    let has_link = Signal::derive(move || share_id.get().is_some());
    view! {
        <div class="share-modal" aria-busy=move || busy.get().to_string()>
            {move || match share_id.get() {
                None => view! {
                    <p>{t!("share-new-link-note")}</p>
                }.into_any(),
                Some(sid) => view! {
                    <p>
                        {t!("share-shared-before-start")}" "
                        <a href=format!("/s/{sid}") target="_blank" rel="noopener noreferrer">{t!("share-shared-before-link")}</a>
                        {t!("share-shared-before-end")}
                    </p>
                    <div class="share-link-field">
                        <label for="share-link">{t!("share-link")}</label>
                        <input id="share-link" type="text" dir="ltr" readonly prop:value=share_url(sid)
                            on:focus=move |ev| { let _ = select_all(&ev); }/>
                    </div>
                    <p>
                        {t!("share-delete-start")}" "
                        <button type="button" class="link-button" disabled=move || busy.get()
                            aria-expanded=move || deleting.get().to_string() on:click=move |_| deleting.set(true)>
                            {t!("share-delete-link")}
                        </button>
                        " "{t!("share-delete-end")}
                    </p>
                    <Show when=move || deleting.get()>
                        <div class="confirm-delete" role="group" aria-label=t!("share-delete-title")>
                            <p>{t!("share-delete-warning")}</p>
                            <div class="row">
                                <button type="button" class="button danger small" disabled=move || busy.get() on:click=delete_link>{t!("share-delete-link-button")}</button>
                                <button type="button" class="button secondary small" on:click=move |_| deleting.set(false)>{t!("share-keep")}</button>
                            </div>
                        </div>
                    </Show>
                }.into_any(),
            }}
            {can_share.then(|| view! { <AudiencePicker chat_id draft has_link version=audience_version/> })}
            {can_share.then(|| view! {
                <ReviewPanel chat_id choices=review/>
                <p class="status-error" role="alert">{move || review_error.get()}</p>
            })}
            {move || share_id.get().map(|sid| view! {
                <VersionsPanel chat_id share_id=sid reload=versions_reload/>
                // The link as a QR code, for a slide or a phone (drawn by the server).
                <details class="share-qr">
                    <summary>{t!("share-qr-code")}</summary>
                    <img src=format!("/s/{sid}/qr.svg") alt=t!("share-qr-code-link") width="200" height="200" loading="lazy"/>
                    <a href=format!("/s/{sid}/qr.svg") download="chatshare-link-qr.svg">{t!("share-download-qr-code")}</a>
                </details>
            })}
            {(!can_share).then(|| view! { <p class="muted">{t!("share-no-permission")}</p> })}
            <p class="status-error" role="alert">{move || error.get()}</p>
            {move || manual.get().map(|url| view! {
                <div class="manual-copy">
                    <label for="share-url-field">{t!("share-copy-blocked")}</label>
                    <input id="share-url-field" type="text" readonly prop:value=url.clone()
                        on:focus=move |ev| { let _ = select_all(&ev); } autofocus/>
                </div>
            })}
            <p class="muted small unsaved" role="status">
                {move || draft.changed().then_some(t!("share-changes-pending"))}
            </p>
            // The main action first, then the community one: side by side and as wide as each
            // other where both fit, one above the other on a phone.
            <div class="modal-actions share-actions">
                <button
                    type="button"
                    class="button"
                    node_ref=main_button
                    aria-disabled=move || (busy.get() || !can_share || !ready()).to_string()
                    disabled=!can_share
                    on:click=copy_link
                >
                    {move || {
                        if copied.get() { t!("common-copied") }
                        else if busy.get() { t!("common-working") }
                        else if share_id.get().is_some() { t!("share-update-and-copy") }
                        else { t!("share-copy-link") }
                    }}
                </button>
                {community}
            </div>
        </div>
    }
}

fn share_error(e: &AppError) -> String {
    match e {
        AppError::Forbidden(_) => t!("share-no-permission"),
        other => other.said(),
    }
}

#[allow(unused_variables)]
pub(super) fn select_all(ev: &leptos::ev::FocusEvent) -> Option<()> {
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
    let note = t!("share-opens-in-new-tab", place = community_place(&url));
    let open = move |_| {
        #[cfg(feature = "hydrate")]
        community::open(chat_id, &url);
        #[cfg(not(feature = "hydrate"))]
        let _ = (chat_id, &url);
    };
    view! {
        // Where it goes, small under the seed's words (and left out of the button's name).
        <button type="button" class="button secondary community-button" aria-describedby="community-where" on:click=open>
            <span>{t!("share-to-community")}</span>
            <span class="community-where" id="community-where" aria-hidden="true">{note}</span>
        </button>
    }
}

/// Where the community button sends a chat, in words: the upload page's host, or this
/// instance's own community for an address on this server.
fn community_place(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            #[cfg(feature = "hydrate")]
            if web_sys::window()
                .and_then(|w| w.location().host().ok())
                .as_deref()
                == Some(host)
            {
                return t!("share-this-community");
            }
            host.to_owned()
        }
        None => t!("share-this-community"),
    }
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
