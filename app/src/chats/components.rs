//! The chat page and the composer (the sidebar, the message list and the import panel are in
//! `sidebar.rs`, `messages.rs` and `import_panel.rs`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use super::{
    edit_message, get_chat, send_message, set_chat_model, switch_branch, use_chat_list_version, ChatView,
    MessageList, MessageView,
};
use crate::connections::{list_models, pick_model, ModelMenu, ModelPicker, NoModelNotice};

use super::messages::message_actions;

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
    /// The reader scrolled up while messages arrived: the composer then offers "↓" (scroll to
    /// the latest message), beside Send, so that it covers no message.
    #[prop(optional)]
    behind: Option<RwSignal<bool>>,
    /// The folder a new chat goes into (the start page's `?folder=`).
    #[prop(default = None)]
    folder: Option<Uuid>,
    /// What sits in the box's bar beside Send (the model picker, as in Open WebUI).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let text = RwSignal::new(crate::ui::typed_before_hydration(COMPOSER_INPUT_ID).unwrap_or_default());
    let ready = crate::ui::use_client_ready();
    let field = NodeRef::<leptos::html::Textarea>::new();
    // A chat or the start page opens with the message box focused (unless the reader already
    // put the focus somewhere). It grows with its text up to about 12 lines, then scrolls (CSS
    // `field-sizing`).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = field.get() {
            let idle = document().active_element().is_none_or(|a| a.tag_name() == "BODY");
            if idle {
                let _ = el.focus();
            }
        }
    });
    let send = Action::new(move |content: &String| {
        let content = content.clone();
        let model = model.get_untracked();
        async move {
            let r = send_message(chat_id, content, model, folder).await;
            if let Ok(v) = &r {
                text.set(String::new());
                on_sent.run(v.clone());
            }
            r
        }
    });
    let sending = send.pending();
    let error = move || send.value().get().and_then(|r| r.err()).map(|e| e.said());
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
            <div class="composer-box">
                <textarea
                    id=COMPOSER_INPUT_ID
                    node_ref=field
                    autofocus
                    aria-label=t!("chat-message")
                    placeholder=t!("chat-send-message") dir="auto"
                    rows="2"
                    bind:value=text
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && !ev.shift_key() {
                            ev.prevent_default();
                            submit();
                        }
                    }
                ></textarea>
                <div class="composer-bar">
                    <div class="composer-tools">{children.map(|c| c())}</div>
                    {behind.map(|behind| view! {
                        <Show when=move || behind.get()>
                            <button
                                type="button"
                                class="icon-button to-latest"
                                aria-label=t!("chat-scroll-latest-message")
                                title=t!("chat-scroll-latest-message")
                                on:click=move |_| {
                                    behind.set(false);
                                    crate::ui::scroll_main_to_end(true);
                                }
                            >
                                <span aria-hidden="true">"↓"</span>
                            </button>
                        </Show>
                    })}
                    <Show
                        when=move || streaming.get()
                        fallback=move || view! { <button type="submit" class="button" disabled=move || !ready.get() || sending.try_get().unwrap_or(false)>{t!("chat-send")}</button> }
                    >
                        <button type="button" class="button danger" on:click=move |_| if let Some(cb) = on_stop { cb.run(()) }>{t!("chat-stop")}</button>
                    </Show>
                </div>
            </div>
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
                                        m.role == super::MessageRole::Assistant
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
    let chat = crate::ui::page_resource(id, |id| async move {
        match id {
            Some(id) => get_chat(id).await.map(super::InPage),
            None => Err(crate::error::AppError::chat_not_found()),
        }
    });
    let models = crate::ui::page_resource(|| (), |_| list_models(false));
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
    // Scrolled up while an answer arrives: the composer's "↓" instead of a jump.
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
    let edit_error = move || edit.value().get().and_then(|r| r.err()).map(|e| e.said());
    let gone = RwSignal::new(false);
    view! {
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/c/{}", id().map(|i| i.to_string()).unwrap_or_default());
                let menu = models.await.unwrap_or(ModelMenu { models: Vec::new(), has_connections: false, problems: Vec::new(), default_model: None });
                let me = match crate::accounts::member_or(user.0.await, || crate::accounts::sign_in_redirect(&here)) {
                    Ok(u) => u,
                    Err(instead) => return instead,
                };
                let can_share = me.permissions.chat.share;
                match chat.await {
                    Ok(super::InPage(v)) => {
                        let chat_id = v.id;
                        // Someone else's live chat: its turns, not the owner's controls.
                        let shared_by = v.shared_by.clone();
                        let read_only = v.read_only;
                        let can_share = can_share && shared_by.is_none();
                        // Others may write a shared chat: the page follows their turns.
                        let followed = v.share_id.is_some() || shared_by.is_some() || v.in_folder;
                        let gone_text = if shared_by.is_some() { t!("chat-no-longer-shared") } else { t!("chat-deleted-or-signed-out") };
                        let me_id = me.id;
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
                                {can_share.then(|| view! {
                                    <button type="button" class="button secondary" on:click=move |_| sharing.set(true)>{t!("common-share")}</button>
                                })}
                            </div>
                            {shared_by.clone().map(|owner| view! {
                                <p class="muted collaborating">{if read_only { format!("{owner}'s chat, in a folder shared with you: you can read it.") } else { format!("{owner}'s chat, shared with you live: your messages carry your name.") }}</p>
                            })}
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
                                        user_author=shared_by.clone()
                                        me=me_id
                                        busy=streaming
                                        on_switch=move |m: String| { switch.dispatch((chat_id, m)); }
                                        actions=move |m: MessageView| message_actions(m, streaming, on_regenerate, on_edit)
                                    />
                                }
                            }}
                            {move || live.get().map(|l| view! {
                                <div class="message assistant live" aria-busy=(l.error.is_none()).to_string()>
                                    <div class="message-head"><span class="author">{l.model.clone()}</span>
                                        {l.error.is_none().then(|| view! { <span class="muted typing">{t!("chat-writing")}</span> })}
                                    </div>
                                    <div class="message-body live-text" dir="auto">{l.text.clone()}</div>
                                    {l.error.clone().map(|e| view! { <p class="status-error message-error" role="alert">{e}</p> })}
                                </div>
                            })}
                            <p class="status-error" role="alert">{edit_error}{move || gone.get().then(|| gone_text.clone())}</p>
                            {followed.then(|| view! { <super::follow::FollowChat chat_id current busy=streaming gone/> })}
                            <NoModelNotice menu=menu.clone() is_admin=me.is_admin()/>
                            {(!read_only).then(|| view! { <Composer
                                chat_id=Some(chat_id)
                                model=selected
                                streaming
                                on_stop=move |_| replies.stop()
                                behind
                                on_sent=move |nv: ChatView| {
                                    let last = nv.messages.last().map(|m| m.id.clone());
                                    current.set(Some(nv));
                                    version.bump();
                                    // Your message comes into view, and the answer below it follows.
                                    behind.set(false);
                                    crate::ui::scroll_main_to_end(true);
                                    if let (Some(parent), Some(model)) = (last, selected.get_untracked()) {
                                        replies.start(chat_id, parent, model, current, version);
                                    }
                                }
                            >
                                <ModelPicker menu=menu.clone() selected on_pick=move |m: String| { pick.dispatch((chat_id, m)); }/>
                            </Composer> })}
                        }.into_any()
                    }
                    Err(e) => {
                        crate::ui::set_page_status(e.status());
                        view! { <section class="panel"><h1>{t!("chat-chat-not-available")}</h1><p>{e.said()}</p></section> }.into_any()
                    }
                }
            })}
        </Transition>
        {move || match (sharing.get(), id()) {
            (true, Some(chat_id)) => super::share_dialog(chat_id, move || sharing.set(false)),
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
    let selected = RwSignal::new(pick_model(&menu, menu.default_model.as_deref()));
    let picker = menu.clone();
    let folder = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("folder"))
        .and_then(|f| Uuid::parse_str(&f).ok());
    view! {
        <NoModelNotice menu is_admin/>
        <Composer chat_id=None model=selected folder on_sent=move |v: ChatView| {
            version.bump();
            if let (Some(p), Some(first), Some(model)) = (pending, v.messages.last(), selected.get_untracked()) {
                p.0.set(Some((v.id, first.id.clone(), model)));
            }
            navigate(&format!("/c/{}", v.id), Default::default());
        }>
            <ModelPicker menu=picker selected/>
        </Composer>
    }
}
