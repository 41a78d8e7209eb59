//! The shared page `/s/{id}`: a snapshot, read-only, with Clone Chat and Read aloud.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

use super::{clone_shared, view_shared, SharedChatView};
use crate::chats::{use_chat_list_version, InPage, MessageList, MessageView};
use crate::error::AppError;
use crate::ui::{format_time, set_page_status};

/// `/s/{id}`: a shared chat, read-only, for whoever its grants let in. Visitors who are not
/// signed in read a link open to anyone (with link-preview tags); for any other link they are
/// sent to sign in (303) before any content. Signed in without a grant: a 403 page; an unknown
/// or deleted link: a 404 page.
#[component]
pub fn SharedChatPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let raw_id = move || {
        let q = query.read();
        (
            params.read().get("id").unwrap_or_default(),
            q.get("branch"),
            q.get("version").and_then(|v| v.parse::<i64>().ok()),
        )
    };
    let shared = crate::ui::page_resource(raw_id, |(raw, branch, version)| async move {
        match Uuid::parse_str(&raw) {
            Ok(id) => view_shared(id, branch, version)
                .await
                .map(InPage)
                .map_err(|e| (e, raw)),
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
                    Err((AppError::PasswordRequired(_), raw)) => {
                        set_page_status(401);
                        view! { <PasswordForm raw/> }.into_any()
                    }
                    Err((AppError::Forbidden(m), raw)) => {
                        set_page_status(403);
                        let asks = m == super::NO_ACCESS;
                        view! {
                            <section class="panel">
                                <h1>"You can't open this yet"</h1>
                                <p>{m}</p>
                                {asks.then(|| view! { <RequestAccess raw/> })}
                            </section>
                        }.into_any()
                    }
                    Err((AppError::Gone(m), raw)) => {
                        set_page_status(410);
                        let extends = m.ends_with(super::EXTEND_HINT);
                        let said = m.trim_end_matches(super::EXTEND_HINT).to_owned();
                        view! {
                            <Title text="This link expired"/>
                            <section class="panel">
                                <h1>"This link expired"</h1>
                                <p>{said}</p>
                                {extends.then(|| view! {
                                    <form method="post" action=format!("/s/{}/extend", crate::format::encode_query_value(&raw)) class="plain-form">
                                        <button type="submit" class="button">"Extend"</button>
                                    </form>
                                    <p class="muted">"It opens again for seven days, at the same address. You can change that in the chat's Share dialog."</p>
                                })}
                                <a href="/">"Go to your chats"</a>
                            </section>
                        }.into_any()
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

/// The form for a link with a password: a plain form (it works before and without the client);
/// a right password opens the page (and, for 30 days, this browser).
#[component]
fn PasswordForm(raw: String) -> impl IntoView {
    let wrong = use_query_map().read_untracked().get("wrong").is_some();
    view! {
        <Title text="This link needs a password"/>
        <section class="panel password-panel">
            <h1>"This link needs a password"</h1>
            <p>"Ask the person who shared it for the password."</p>
            <form method="post" action=format!("/s/{}/password", crate::format::encode_query_value(&raw)) class="plain-form stack">
                <label for="share-password">"Password"</label>
                <input id="share-password" name="password" type="password" required autocomplete="off"/>
                <button type="submit" class="button">"Open"</button>
            </form>
            {wrong.then(|| view! { <p class="status-error" role="alert">"That password is not right."</p> })}
        </section>
    }
}

/// "Request access" on the 403 page: a plain form (it works before and without the client);
/// after it, "Requested".
#[component]
fn RequestAccess(raw: String) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let requested = query.get("requested").is_some();
    let error = query.get("error").and_then(|c| crate::error::notice_message(&c));
    view! {
        {if requested {
            view! { <p class="status-ok" role="status">"Requested. The owner will see your request in the Share dialog."</p> }.into_any()
        } else {
            view! {
                <form method="post" action=format!("/s/{}/request-access", crate::format::encode_query_value(&raw)) class="plain-form">
                    <button type="submit" class="button">"Request access"</button>
                </form>
            }.into_any()
        }}
        <p class="status-error" role="alert">{error}</p>
    }
}

#[component]
fn SharedChat(view: SharedChatView) -> impl IntoView {
    let navigate = use_navigate();
    let version = use_chat_list_version();
    let share_id = view.share_id;
    // What the plain form's answer said went wrong (`?error=`), shown until the next try.
    let form_error = use_query_map()
        .read_untracked()
        .get("error")
        .and_then(|c| crate::error::notice_message(&c).map(str::to_owned));
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
    let preview = preview_text(&view.messages);
    let switch_href = Callback::new(move |sibling: String| {
        format!(
            "/s/{share_id}?branch={}",
            crate::format::encode_query_value(&sibling)
        )
    });
    let clone_control = if view.signed_in {
        // A plain form, so Clone Chat works before (and without) the WASM client; once it is
        // there, the copy opens without a page load.
        view! {
            <form method="post" action=format!("/s/{share_id}/clone") class="plain-form" on:submit=move |ev| {
                ev.prevent_default();
                cloning.dispatch(());
            }>
                <button type="submit" class="button" disabled=move || cloning.pending().get()>
                    "Clone Chat"
                </button>
            </form>
        }
        .into_any()
    } else {
        let back = crate::format::encode_query_value(&format!("/s/{share_id}"));
        view! { <a class="button" href=format!("/auth?redirect={back}")>"Sign in to clone"</a> }.into_any()
    };
    view! {
        <Title text=view.title.clone()/>
        // Link previews (chat apps, social sites); the page stays out of search engines.
        <Meta property="og:title" content=view.title.clone()/>
        <Meta property="og:description" content=preview.clone()/>
        <Meta property="og:site_name" content="chatshare"/>
        <Meta property="og:type" content="article"/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=view.title.clone()/>
        <Meta name="twitter:description" content=preview/>
        <article class="shared-chat">
            <header class="shared-head">
                <h1>{view.title.clone()}</h1>
                <p class="muted">
                    {format!("Shared by {} · {} {}", view.shared_by, match (view.live, view.old_version, view.updates) {
                        (true, _, _) => "live, last changed".to_owned(),
                        (false, Some((n, _)), _) => format!("version {n}, taken"),
                        (false, None, 0) => "snapshot taken".to_owned(),
                        (false, None, 1) => "Updated 1 time · last on".to_owned(),
                        (false, None, n) => format!("Updated {n} times · last on"),
                    }, format_time(view.updated_at))}
                </p>
                {view.old_version.map(|(n, current)| view! {
                    <p class="status-warn" role="status">
                        {format!("You are looking at version {n}; readers see version {current}. ")}
                        <a href=format!("/s/{share_id}")>"Open the current version"</a>
                    </p>
                })}
                <div class="row">
                    // A live link's collaborators continue the chat itself (a plain link: it
                    // works before the client is there).
                    {view.continue_at.map(|id| view! {
                        <a class="button" href=format!("/c/{id}")>"Continue this chat"</a>
                    })}
                    {clone_control}
                </div>
                <p class="shared-downloads muted">
                    "Download "
                    <a href=format!("/api/v1/chats/share/{share_id}/export?format=md") download aria-label="Download Markdown">"Markdown"</a>
                    " · "
                    <a href=format!("/api/v1/chats/share/{share_id}/export?format=json") download aria-label="Download JSON">"JSON"</a>
                    " · "
                    // "Print / Save as PDF": the browser's print dialog, with the page's print
                    // stylesheet (inert until the client is there, like every button).
                    <button type="button" class="link-button" on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }>"Print / Save as PDF"</button>
                </p>
                <p class="status-error" role="alert">
                    {move || cloning.value().get().and_then(|r| r.err()).map(|e| e.detail()).or_else(|| form_error.clone())}
                </p>
            </header>
            {match extra {
                Some(cb) => view! { <MessageList messages=view.messages.clone() assistant_extra=cb user_author=view.shared_by.clone() switch_href message_links=true new_from=view.new_since.clone()/> }.into_any(),
                None => view! { <MessageList messages=view.messages.clone() user_author=view.shared_by.clone() switch_href message_links=true new_from=view.new_since.clone()/> }.into_any(),
            }}
        </article>
    }
}

/// A link preview's description: the first words of the first answer (or of the first message),
/// without markup, at most 200 characters.
fn preview_text(messages: &[MessageView]) -> String {
    let first = messages
        .iter()
        .find(|m| m.role == crate::chats::MessageRole::Assistant)
        .or(messages.first());
    let words = first.map(|m| spoken_text(&m.text)).unwrap_or_default();
    let words: Vec<&str> = words.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() + 1 > 200 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
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
