//! `/chats/upload`: the receiving side of "Share to Community". The page tells the tab that
//! opened it `'loaded'`, takes `{chat, models}` (an object, or Open WebUI's JSON string) only
//! from that tab and only when its origin is this instance's or one the admin allows, keeps it
//! in this tab's session storage (so it survives signing in), shows it, and lets a member pick
//! the access level and tags and publish it.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{community_upload_info, preview_community_upload, publish_community_chat, Access};
use crate::chats::MessageList;

/// Where the received chat waits in the tab's session storage.
#[cfg(feature = "hydrate")]
const STORAGE_KEY: &str = "chatshare.community-upload";

/// A chat another tab sent: its JSON texts and the sender's origin.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Received {
    /// The chat, JSON.
    chat: String,
    /// The models, JSON.
    models: String,
    /// The title, as the chat says it (shown before signing in).
    title: String,
    /// The origin of the tab that sent it.
    origin: String,
}

/// The upload page.
#[component]
pub fn UploadPage() -> impl IntoView {
    let info = crate::ui::page_resource(|| (), |_| community_upload_info());
    let received: RwSignal<Option<Received>> = RwSignal::new(None);
    let listening = RwSignal::new(false);
    Effect::new(move || {
        if listening.get_untracked() {
            return;
        }
        if let Some(Ok(i)) = info.get() {
            listening.set(true);
            #[cfg(feature = "hydrate")]
            receive::start(i.allowed_origins, received);
            #[cfg(not(feature = "hydrate"))]
            let _ = i;
        }
    });
    view! {
        <Title text="Share to the community"/>
        <Meta name="robots" content="noindex, nofollow"/>
        <section class="community upload">
            <header class="community-head">
                <h1>"Share to the community"</h1>
            </header>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Err(e) => view! { <p class="status-error" role="alert">{e.detail()}</p> }.into_any(),
                        Ok(i) => view! {
                            {move || match received.get() {
                                None => view! {
                                    <p class="muted" role="status">
                                        "Waiting for the chat… Open this page from a chat's Share dialog (“Share to Open WebUI Community”) on this instance or on one its administrator allows."
                                    </p>
                                }.into_any(),
                                Some(r) if !i.signed_in => view! {
                                    <p>{format!("“{}” is ready to share, sent from {}.", r.title, r.origin)}</p>
                                    <p>"Sign in to this instance to publish it: it stays in this tab while you do."</p>
                                    <a class="button" href="/auth?redirect=%2Fchats%2Fupload">"Sign in to publish"</a>
                                }.into_any(),
                                Some(r) => view! { <Publish received=r/> }.into_any(),
                            }}
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The received chat, checked and shown, with the access level, tags and "Publish".
#[component]
fn Publish(received: Received) -> impl IntoView {
    let chat = received.chat.clone();
    let preview = LocalResource::new(move || preview_community_upload(chat.clone()));
    let access = RwSignal::new(Access::Private);
    let tags = RwSignal::new(String::new());
    let sent = received.clone();
    let origin = received.origin.clone();
    let publish = Action::new_local(move |_: &()| {
        let r = sent.clone();
        async move {
            let out = publish_community_chat(
                r.chat,
                Some(r.models),
                access.get_untracked(),
                tags.get_untracked(),
                Some(r.origin),
            )
            .await;
            if let Ok(p) = &out {
                #[cfg(feature = "hydrate")]
                receive::forget();
                crate::ui::hard_navigate(&p.url);
            }
            out
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Checking the chat…"</p> }>
            {move || {
                let origin = origin.clone();
                Suspend::new(async move {
                match preview.await {
                    Err(e) => view! { <p class="status-error" role="alert">{e.detail()}</p> }.into_any(),
                    Ok(p) => view! {
                        <p>{format!("“{}”, {} messages, sent from {}.", p.title, p.message_count, origin)}</p>
                        <form class="plain-form community-permission" on:submit=move |ev| {
                            ev.prevent_default();
                            publish.dispatch(());
                        }>
                            <fieldset>
                                <legend>"Who can see it"</legend>
                                {Access::ALL.into_iter().map(|a| {
                                    let field = format!("access-{}", a.as_str());
                                    let label_for = field.clone();
                                    view! {
                                        <label for=label_for class="radio">
                                            <input type="radio" id=field name="access" value=a.as_str()
                                                prop:checked=move || access.get() == a
                                                on:change=move |_| access.set(a)/>
                                            {a.label()}
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <label for="community-tags">"Tags"</label>
                            <input id="community-tags" type="text" name="tags" placeholder="bread, baking" bind:value=tags/>
                            <div class="row">
                                <button type="submit" class="button" disabled=move || publish.pending().get()>"Publish"</button>
                            </div>
                            <p class="status-error" role="alert">
                                {move || publish.value().get().and_then(|r| r.err()).map(|e| e.detail())}
                            </p>
                        </form>
                        <h2 class="preview-title">{p.title.clone()}</h2>
                        <MessageList messages=p.messages/>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[cfg(feature = "hydrate")]
mod receive {
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{Received, STORAGE_KEY};

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    /// Forgets the received chat (it was published).
    pub fn forget() {
        if let Some(s) = storage() {
            let _ = s.remove_item(STORAGE_KEY);
        }
    }

    fn text_of(v: &JsValue) -> Option<String> {
        js_sys::JSON::stringify(v).ok()?.as_string()
    }

    /// What a message event brings, when it is a chat: `{chat, models}` as an object or a JSON
    /// string; Open WebUI's chat object (`{title, chat: {…}}`) or a chat document.
    fn read(data: JsValue, origin: String) -> Option<Received> {
        let data = match data.as_string() {
            Some(text) => js_sys::JSON::parse(&text).ok()?,
            None => data,
        };
        if !data.is_object() {
            return None;
        }
        let chat = js_sys::Reflect::get(&data, &JsValue::from_str("chat")).ok()?;
        if !chat.is_object() {
            return None;
        }
        let models = js_sys::Reflect::get(&data, &JsValue::from_str("models")).unwrap_or(JsValue::NULL);
        let title = js_sys::Reflect::get(&chat, &JsValue::from_str("title"))
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_else(|| "New Chat".to_owned());
        Some(Received {
            chat: text_of(&chat)?,
            models: text_of(&models).unwrap_or_else(|| "null".to_owned()),
            title,
            origin,
        })
    }

    /// Shows a chat this tab already received (before signing in), then listens for one from
    /// the opener and tells it the page is ready.
    pub fn start(allowed: Vec<String>, received: RwSignal<Option<Received>>) {
        let Some(window) = web_sys::window() else { return };
        if let Some(kept) = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|t| serde_json::from_str::<Received>(&t).ok())
        {
            received.set(Some(kept));
        }
        let own = window.location().origin().unwrap_or_default();
        let opener = window.opener().ok().filter(|o| !o.is_null() && !o.is_undefined());
        let Some(opener) = opener else { return };
        let from = opener.clone();
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let origin = ev.origin();
            let from_opener = ev.source().is_some_and(|s| js_sys::Object::is(&s, &from));
            if !from_opener || (origin != own && !allowed.contains(&origin)) {
                return;
            }
            if let Some(r) = read(ev.data(), origin) {
                if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&r)) {
                    let _ = s.set_item(STORAGE_KEY, &text);
                }
                received.set(Some(r));
            }
        });
        let _ = window.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
        handler.forget();
        let opener: web_sys::Window = opener.unchecked_into();
        let _ = opener.post_message(&JsValue::from_str("loaded"), "*");
    }
}
