//! A branch of messages as the chat page and the shared page show it, and the chat page's
//! tools under each message (Copy, Edit, Regenerate, Read aloud, Info).

use leptos::prelude::*;

use super::{MessageRole, MessageView};
use crate::ui::Time;

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
    /// Who wrote the user messages without an author of their own, as readers see it (the
    /// owner's name on a shared page and to a collaborator); "You" when not given.
    #[prop(optional_no_strip, into)]
    user_author: Option<String>,
    /// The reader's account id: a message they wrote in someone else's chat reads "You".
    #[prop(optional, into)]
    me: Option<uuid::Uuid>,
    /// Where "‹ 2 / 3 ›" leads, for a sibling's id: arrows as plain links (a shared page with
    /// every branch), instead of `on_switch`'s buttons.
    #[prop(optional, into)]
    switch_href: Option<Callback<String, String>>,
    /// Each message gets "Copy link to this message" (the page's address with `#{id}`; before
    /// the client, a plain link to it).
    #[prop(optional)]
    message_links: bool,
    /// The first message that is new since the reader last looked: "New since you last
    /// looked" goes above it.
    #[prop(optional_no_strip, into)]
    new_from: Option<String>,
) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p class="muted empty-chat">{t!("chat-no-messages-yet")}</p> }.into_any();
    }
    let toast = crate::ui::use_toast();
    view! {
        // One click handler for every code block's copy button (the buttons arrive inside the
        // server-rendered message HTML).
        <ol class="messages" on:click=move |ev| copy_in_list(&ev, toast)>
            {messages.into_iter().map(|m| {
                let extra = (m.role == MessageRole::Assistant).then(|| assistant_extra.map(|cb| cb.run(m.clone()))).flatten();
                let author = match m.role {
                    MessageRole::Assistant => m.model.clone().unwrap_or_else(|| t!("chat-assistant")),
                    MessageRole::System => t!("chat-system"),
                    // A collaborator's message carries their name ("You" for the reader's own).
                    MessageRole::User => match &m.author {
                        Some((id, _)) if Some(*id) == me => t!("chat-you"),
                        Some((_, name)) => name.clone(),
                        None => user_author.clone().unwrap_or_else(|| t!("chat-you")),
                    },
                };
                let (prev_label, next_label) = if m.role == MessageRole::User {
                    (t!("chat-previous-version"), t!("chat-next-version"))
                } else {
                    (t!("chat-previous-answer"), t!("chat-next-answer"))
                };
                // Arrows only where the reader can switch: buttons on the chat page, plain links
                // on a shared page with every branch; none on a snapshot of one branch.
                let arrow = move |to: Option<String>, label: String, glyph: &'static str| match (switch_href, to) {
                    (Some(href), Some(id)) => view! { <a class="icon-button small" href=href.run(id) aria-label=label>{glyph}</a> }.into_any(),
                    (Some(_), None) => view! { <span class="icon-button small inert" aria-hidden="true">{glyph}</span> }.into_any(),
                    (None, to) => {
                        let none = to.is_none();
                        view! {
                            <button type="button" class="icon-button small" aria-label=label disabled=move || none || busy.get()
                                on:click=move |_| if let (Some(cb), Some(id)) = (on_switch, to.clone()) { cb.run(id) }>{glyph}</button>
                        }.into_any()
                    }
                };
                let switcher = (m.sibling_count > 1 && (on_switch.is_some() || switch_href.is_some())).then(|| view! {
                    <span class="branch-switch">
                        {arrow(m.prev_sibling.clone(), prev_label.clone(), "‹")}
                        <span class="branch-pos">{format!("{} / {}", m.sibling_index + 1, m.sibling_count)}</span>
                        {arrow(m.next_sibling.clone(), next_label.clone(), "›")}
                    </span>
                });
                let message_link = message_links.then(|| view! {
                    <a class="message-link" href=format!("#{}", m.id) aria-label=t!("chat-copy-link-message")>"#"</a>
                });
                let error = m.error.clone().map(|e| view! {
                    <p class="status-error message-error" role="alert">{e}</p>
                });
                let actions = actions.map(|cb| cb.run(m.clone()));
                let new_here = (new_from.as_deref() == Some(m.id.as_str())).then(|| view! {
                    <li class="new-since" role="separator" aria-label=t!("chat-new-since-last-looked")>{t!("chat-new-since-last-looked")}</li>
                });
                view! {
                    {new_here}
                    <li class=format!("message {}", m.role.as_str()) id=m.id.clone()>
                        <div class="message-head">
                            <span class="author">{author}</span>
                            {m.timestamp.map(|t| view! { <Time at=t attr:class="muted"/> })}
                            {m.stopped.then(|| view! { <span class="badge stopped-mark">{t!("chat-stopped")}</span> })}
                            {switcher}
                            {message_link}
                        </div>
                        <div class="message-body" dir="auto" inner_html=m.html.clone()></div>
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

/// The tools under a message on the chat page, one row of icon buttons with tooltips (shown on
/// hover and focus; always on touch screens and under the last message): Copy, Edit (your own
/// messages), Regenerate (answers), Read aloud (answers) and Info (the model, and when).
/// Edit opens the edit box in place (it takes the focus; Escape or Cancel puts the text back).
pub(super) fn message_actions(
    m: MessageView,
    busy: Signal<bool>,
    on_regenerate: Callback<MessageView>,
    on_edit: Callback<(String, String)>,
) -> AnyView {
    let toast = crate::ui::use_toast();
    let answer = m.role == MessageRole::Assistant;
    let can_edit = m.editable && m.role == MessageRole::User;
    let can_regenerate = m.editable && answer;
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
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use crate::ui::clipboard::{copy_from, CopyOutcome};
            let text = original.get_value();
            leptos::task::spawn_local(async move {
                match copy_from(async { Ok::<_, ()>(text) }).await {
                    Ok(CopyOutcome::Copied(_)) => toast.show(t!("chat-copied-clipboard")),
                    _ => toast.show(t!("chat-browser-blocked-copying")),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = toast;
    };
    // Info: the model that wrote an answer, and when (the author is already in the head, named
    // by the list's own rule).
    let model = m.model.clone().filter(|_| answer);
    let regenerate = m.clone();
    // Whether Info is open.
    let info = RwSignal::new(false);
    let tools = move || {
        let regenerate = regenerate.clone();
        let model = model.clone();
        view! {
            <div class="message-tools" role="group" aria-label=t!("chat-message-tools")>
                <button type="button" class="tool tool-copy" aria-label=t!("common-copy") data-tip="Copy" on:click=copy></button>
                {can_edit.then(|| view! {
                    <button type="button" class="tool tool-edit" aria-label=t!("common-edit") data-tip="Edit" disabled=move || busy.get()
                        on:click=move |_| editing.set(true)></button>
                })}
                {can_regenerate.then(|| view! {
                    <button type="button" class="tool tool-regenerate" aria-label=t!("chat-regenerate") data-tip="Regenerate" disabled=move || busy.get()
                        on:click=move |_| on_regenerate.run(regenerate.clone())></button>
                })}
                {answer.then(|| view! {
                    <button type="button" class="tool tool-speak" aria-label=t!("chat-read-aloud") data-tip="Read aloud"
                        on:click=move |_| read_aloud(&id.get_value())></button>
                })}
                <button type="button" class="tool tool-about" aria-label=t!("chat-info") data-tip="Info"
                    aria-expanded=move || info.get().to_string() on:click=move |_| info.update(|open| *open = !*open)></button>
                <Show when=move || info.get()>
                    <p class="info-pop">
                        {model.clone().map(|name| format!("{name} · "))}
                        {match m.timestamp { Some(t) => view! { <Time at=t/> }.into_any(), None => t!("chat-no-time-recorded").into_any() }}
                    </p>
                </Show>
            </div>
        }
    };
    view! {
        <div class="message-actions">
            <Show when=move || editing.get() fallback=tools>
                <form class="edit-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let text = draft.get_untracked();
                    if !text.trim().is_empty() {
                        editing.set(false);
                        on_edit.run((id.get_value(), text));
                    }
                }>
                    <textarea aria-label=t!("chat-edit-message") rows="3" node_ref=edit_box bind:value=draft
                        on:keydown=move |ev| if ev.key() == "Escape" { cancel() }></textarea>
                    <div class="row">
                        <button type="submit" class="button small">{t!("chat-save-submit")}</button>
                        <button type="button" class="button secondary small" on:click=move |_| cancel()>{t!("common-cancel")}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
    .into_any()
}

/// Reads message `id`'s words aloud with the browser's voice (its text as shown, not its
/// Markdown); pressed while speaking, it stops.
fn read_aloud(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        let Ok(speech) = window().speech_synthesis() else {
            return;
        };
        if speech.speaking() {
            speech.cancel();
            return;
        }
        let words = document()
            .get_element_by_id(id)
            .and_then(|m| m.query_selector(".message-body").ok().flatten())
            .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok())
            .map(|b| b.inner_text())
            .unwrap_or_default();
        if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&words) {
            speech.speak(&utterance);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The list's copy controls, with one click handler: a code block's "Copy" copies the code
/// (when the browser refuses, the code is selected and the toast says to press Ctrl+C: never a
/// silent failure); "Copy link to this message" copies the message's address and goes to it (so
/// it is highlighted, and the address bar holds it when the browser refuses to copy).
#[cfg(feature = "hydrate")]
fn copy_in_list(ev: &leptos::ev::MouseEvent, toast: crate::ui::Toast) {
    use crate::ui::clipboard::{copy_from, origin, CopyOutcome};
    use wasm_bindgen::JsCast;
    let Some(control) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest(".code-copy, .message-link").ok().flatten())
    else {
        return;
    };
    let (text, code) = if control.matches(".message-link").unwrap_or(false) {
        ev.prevent_default();
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let hash = control.get_attribute("href").unwrap_or_default();
        let _ = location.set_hash(&hash);
        let page = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        (format!("{}{page}{hash}", origin()), None)
    } else {
        let Some(pre) = control
            .parent_element()
            .and_then(|block| block.query_selector("pre").ok().flatten())
        else {
            return;
        };
        (pre.text_content().unwrap_or_default(), Some(pre))
    };
    leptos::task::spawn_local(async move {
        let copied = matches!(
            copy_from(async { Ok::<_, ()>(text) }).await,
            Ok(CopyOutcome::Copied(_))
        );
        match (code, copied) {
            (None, true) => toast.show(t!("chat-link-message-copied")),
            (None, false) => toast.show(t!("chat-browser-blocked-copying-address")),
            (Some(_), true) => {
                control.set_text_content(Some(&t!("common-copied")));
                toast.show(t!("chat-code-copied"));
                gloo_timers::future::TimeoutFuture::new(2_000).await;
                control.set_text_content(Some(&t!("common-copy")));
            }
            (Some(pre), false) => {
                if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
                    let _ = sel.select_all_children(&pre);
                }
                toast.show(t!("chat-browser-blocked-copying-code"));
            }
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn copy_in_list(_: &leptos::ev::MouseEvent, _: crate::ui::Toast) {}
