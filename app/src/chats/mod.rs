//! Chats: the Open WebUI-compatible chat store, the sidebar list with its ⋯ menu, and the chat
//! view with branches and a composer.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

#[cfg(feature = "ssr")]
mod chatgpt_import;
#[cfg(feature = "ssr")]
pub mod collaborators;
mod components;
#[cfg(feature = "ssr")]
pub mod doc;
mod follow;
#[cfg(feature = "ssr")]
mod highlight;
mod import_panel;
#[cfg(feature = "ssr")]
pub mod markdown;
mod messages;
#[cfg(all(test, feature = "ssr"))]
mod proptests;
#[cfg(feature = "ssr")]
pub mod reply;
#[cfg(feature = "ssr")]
pub mod service;
mod sidebar;
#[cfg(feature = "hydrate")]
mod stream_client;
#[cfg(feature = "ssr")]
pub mod transfer;
#[cfg(feature = "ssr")]
pub mod tree;
#[cfg(feature = "ssr")]
mod turns;

pub use components::{ChatPage, Composer, NewChatComposer};
pub use import_panel::ChatTransferPanel;
pub use messages::MessageList;
pub use sidebar::{chat_list, ChatSidebar};

/// When the sidebar's date groups are counted from (epoch seconds) and the reader's zone
/// (seconds east of UTC).
pub type ListClock = (i64, i64);

/// The sidebar's chat list as the shell builds it: a future, because its code may still have to
/// arrive (see [`ShellParts::chat_list`]).
pub type ChatListView = std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>>;

/// What the chat UI shows through the shell, which loads that code lazily (the Share dialog is
/// a WASM chunk of its own; the chat list lives in the chat app's chunk). The shell
/// (`chat_app`) provides it, as context, to the chat app's parts it builds: the chat UI uses
/// it without importing the shell, or the share feature.
#[derive(Clone, Copy)]
pub struct ShellParts {
    /// The Share Chat dialog for a chat; the callback closes it.
    pub share_dialog: fn(Uuid, Callback<()>) -> AnyView,
    /// The sidebar's chat list ([`chat_list`]'s arguments).
    pub chat_list: fn(Vec<ChatSummary>, ListClock, bool, RwSignal<Option<Uuid>>) -> ChatListView,
    /// What the sidebar counts beside "Shared with me" and "My shared links" (sharing's).
    pub sidebar_counts: fn() -> SidebarCountsFuture,
    /// The sidebar's entries "Shared with me" and "My shared links", with their counts.
    pub sidebar_entries: fn(SidebarCounts) -> AnyView,
    /// The sidebar's folders (the folders feature's).
    pub sidebar_folders: fn() -> AnyView,
}

/// What the sidebar counts beside "Shared with me" and "My shared links".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SidebarCounts {
    /// Chats shared with the caller that have something new since they last looked.
    pub new_shared: usize,
    /// Requests for access to the caller's links that wait for an answer.
    pub pending_requests: usize,
    /// For an administrator: accounts waiting for approval (the sidebar then offers the Admin
    /// Panel's Users with their number).
    #[serde(default)]
    pub pending_users: u64,
}

/// The answer of [`ShellParts::sidebar_counts`].
pub type SidebarCountsFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<SidebarCounts, AppError>> + Send>>;

/// The Share dialog for `chat_id` from the shell's parts (nothing if the shell gave none).
fn share_dialog(chat_id: Uuid, on_close: impl Fn() + Send + Sync + 'static) -> Option<AnyView> {
    use_context::<ShellParts>()
        .map(|parts| (parts.share_dialog)(chat_id, Callback::new(move |()| on_close())))
}

/// A chat in the sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatSummary {
    /// Chat id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Last change, epoch seconds.
    pub updated_at: i64,
    /// Pinned to the top.
    pub pinned: bool,
    /// Archived (hidden from the list).
    pub archived: bool,
    /// The share link's id, when it has one.
    pub share_id: Option<Uuid>,
}

#[cfg(feature = "ssr")]
impl From<&crate::entities::chat::Model> for ChatSummary {
    fn from(c: &crate::entities::chat::Model) -> Self {
        ChatSummary {
            id: c.id,
            title: c.title.clone(),
            updated_at: c.updated_at,
            pinned: c.pinned,
            archived: c.archived,
            share_id: c.share_id,
        }
    }
}

/// A page's chat data as the server writes it into the page for hydration: each message's
/// rendered HTML is left out, because the page carries it already as the message's body
/// (`<li class="message" id="{id}">…<div class="message-body">`), and the browser reads it back
/// from there.
/// So every message is in the page once. Server function answers carry the HTML as usual.
#[derive(Debug, Clone, PartialEq)]
pub struct InPage<T>(pub T);

/// Data holding rendered messages (for [`InPage`]).
pub trait HasMessages {
    /// The messages, to drop or restore their HTML.
    fn messages_mut(&mut self) -> &mut [MessageView];
}

impl HasMessages for ChatView {
    fn messages_mut(&mut self) -> &mut [MessageView] {
        &mut self.messages
    }
}

impl<T: Serialize + Clone + HasMessages> Serialize for InPage<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut data = self.0.clone();
        for m in data.messages_mut() {
            m.html.clear();
        }
        data.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de> + HasMessages> Deserialize<'de> for InPage<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut data = T::deserialize(deserializer)?;
        restore_html_from_page(data.messages_mut());
        Ok(InPage(data))
    }
}

/// Gives every message without HTML the HTML of its body in the page the server rendered.
fn restore_html_from_page(messages: &mut [MessageView]) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Ok(bodies) = document().query_selector_all("li.message[id] > .message-body") else {
            return;
        };
        let mut html = std::collections::HashMap::new();
        for i in 0..bodies.length() {
            if let Some(el) = bodies.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                if let Some(item) = el.parent_element() {
                    html.insert(item.id(), el.inner_html());
                }
            }
        }
        for m in messages.iter_mut().filter(|m| m.html.is_empty()) {
            if let Some(h) = html.remove(&m.id) {
                m.html = h;
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = messages;
}

/// What `POST /api/v1/chats/import?summary=true` answers: how many chats were imported, and
/// their ids in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// How many chats the file held.
    pub imported: usize,
    /// The new chats' ids.
    pub ids: Vec<Uuid>,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageRole {
    /// The person chatting.
    User,
    /// A model's answer.
    Assistant,
    /// Instructions for the model.
    System,
}

impl MessageRole {
    /// The role as Open WebUI and model servers spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageRole::User => "user",
            MessageRole::Assistant => "assistant",
            MessageRole::System => "system",
        }
    }
}

/// The field an answer cut short by Stop carries (`true`); Open WebUI keeps it as an unknown one.
pub const STOPPED: &str = "stopped";

/// One message of the visible branch, rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// Message id.
    pub id: String,
    /// Who wrote it.
    pub role: MessageRole,
    /// The model that wrote it (assistant messages).
    pub model: Option<String>,
    /// When, epoch seconds.
    pub timestamp: Option<i64>,
    /// Markdown rendered to sanitised HTML on the server.
    pub html: String,
    /// The raw text (for copying).
    pub text: String,
    /// Position among its siblings (0-based).
    pub sibling_index: usize,
    /// How many siblings (1 when there are no alternatives).
    pub sibling_count: usize,
    /// The previous sibling's id.
    pub prev_sibling: Option<String>,
    /// The message it answers or follows.
    pub parent_id: Option<String>,
    /// Why the model's answer failed, in words (assistant messages).
    pub error: Option<String>,
    /// The next sibling's id.
    pub next_sibling: Option<String>,
    /// Who wrote a user message, when not the chat's owner: their account id and name.
    #[serde(default)]
    pub author: Option<(Uuid, String)>,
    /// Whether the reader may edit it (a user message) or regenerate it (an answer): always for
    /// the chat's owner, only their own messages and the answers to them for a collaborator.
    #[serde(default)]
    pub editable: bool,
    /// Whether the answer was stopped before the model finished (it is marked "stopped").
    #[serde(default)]
    pub stopped: bool,
}

/// A chat ready to read: title and the visible branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatView {
    /// Chat id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Share link id, if shared.
    pub share_id: Option<Uuid>,
    /// Last change.
    pub updated_at: i64,
    /// How many times the chat was written (what `GET /api/chats/{id}/events` announces: the
    /// page fetches the chat when a newer one is written).
    #[serde(default)]
    pub version: i64,
    /// The model picked for this chat (`chat.models`).
    pub models: Vec<String>,
    /// Root first.
    pub messages: Vec<MessageView>,
    /// When the reader collaborates on someone else's live chat: the owner's name (the page
    /// then offers the turns but not the owner's controls). `None` for the owner and admins.
    #[serde(default)]
    pub shared_by: Option<String>,
    /// The reader may only read it (a shared folder's read grantee): no composer.
    #[serde(default)]
    pub read_only: bool,
    /// It sits in a folder (which may be shared): the page follows others' turns.
    #[serde(default)]
    pub in_folder: bool,
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::member;

/// Most chats the sidebar lists (search finds the rest).
pub const SIDEBAR_MAX: u64 = 500;

/// `POST /api/fn/list_chats` `{"query": "", "limit": 60}`: the caller's sidebar (pinned
/// first), at most `limit` chats ([`SIDEBAR_MAX`] without it, and at most).
#[server(prefix = "/api/fn", endpoint = "list_chats", input = Json, output = Json)]
pub async fn list_chats(
    query: String,
    #[server(default)] limit: Option<u64>,
) -> Result<Vec<ChatSummary>, AppError> {
    let (state, me) = member().await?;
    service::sidebar(&state.db, &me, &query, limit.unwrap_or(SIDEBAR_MAX)).await
}

/// `POST /api/fn/get_chat` `{"id": …}`: a chat's visible branch, rendered, for its owner, an
/// admin, or a collaborator on its live link (who is told whose chat it is).
#[server(prefix = "/api/fn", endpoint = "get_chat", input = Json, output = Json)]
pub async fn get_chat(id: Uuid) -> Result<ChatView, AppError> {
    let (state, me) = member().await?;
    collaborators::view_for(&state.db, &me, id).await
}

/// `POST /api/fn/send_message` `{"chat_id": …|null, "content": …, "model": …|null}`: saves the
/// user's message (a new chat when `chat_id` is null) and remembers the picked model; returns
/// the chat. The answer is then requested from `POST /api/chats/{id}/reply`.
#[server(prefix = "/api/fn", endpoint = "send_message", input = Json, output = Json)]
pub async fn send_message(
    chat_id: Option<Uuid>,
    content: String,
    model: Option<String>,
    #[server(default)] folder_id: Option<Uuid>,
) -> Result<ChatView, AppError> {
    let (state, me) = member().await?;
    let saved =
        turns::add_user_message_in(&state.db, &me, chat_id, &content, model.as_deref(), folder_id).await?;
    collaborators::view_for(&state.db, &me, saved.id).await
}

/// A chat after an edit, and the id of the edited message's new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditedChat {
    /// The chat, showing the new version.
    pub chat: ChatView,
    /// The new user message (to be answered).
    pub message_id: String,
}

/// `POST /api/fn/edit_message` `{"chat_id", "message_id", "content", "model"}`: adds the edited
/// text as a sibling of the user message `message_id` and shows it.
#[server(prefix = "/api/fn", endpoint = "edit_message", input = Json, output = Json)]
pub async fn edit_message(
    chat_id: Uuid,
    message_id: String,
    content: String,
    model: Option<String>,
) -> Result<EditedChat, AppError> {
    let (state, me) = member().await?;
    let (c, message_id) =
        service::edit_user_message(&state.db, &me, chat_id, &message_id, &content, model.as_deref()).await?;
    Ok(EditedChat {
        chat: collaborators::view_for(&state.db, &me, c.id).await?,
        message_id,
    })
}

/// `POST /api/fn/set_chat_model` `{"chat_id", "model"}`: remembers the picked model for a chat.
#[server(prefix = "/api/fn", endpoint = "set_chat_model", input = Json, output = Json)]
pub async fn set_chat_model(chat_id: Uuid, model: String) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::set_model(&state.db, &me, chat_id, &model)
        .await
        .map(|_| ())
}

/// `POST /api/fn/switch_branch` `{"chat_id": …, "message_id": …}`: shows that message's branch.
#[server(prefix = "/api/fn", endpoint = "switch_branch", input = Json, output = Json)]
pub async fn switch_branch(chat_id: Uuid, message_id: String) -> Result<ChatView, AppError> {
    let (state, me) = member().await?;
    let c = service::switch_branch(&state.db, &me, chat_id, &message_id).await?;
    collaborators::view_for(&state.db, &me, c.id).await
}

/// `POST /api/fn/rename_chat` `{"id": …, "title": …}`.
#[server(prefix = "/api/fn", endpoint = "rename_chat", input = Json, output = Json)]
pub async fn rename_chat(id: Uuid, title: String) -> Result<ChatSummary, AppError> {
    let (state, me) = member().await?;
    Ok(ChatSummary::from(
        &service::rename(&state.db, &me, id, &title).await?,
    ))
}

/// `POST /api/fn/toggle_chat` `{"id": …, "archive": false}`: flips pinned (or archived).
#[server(prefix = "/api/fn", endpoint = "toggle_chat", input = Json, output = Json)]
pub async fn toggle_chat(id: Uuid, archive: bool) -> Result<ChatSummary, AppError> {
    let (state, me) = member().await?;
    Ok(ChatSummary::from(
        &service::toggle(&state.db, &me, id, archive).await?,
    ))
}

/// `POST /api/fn/delete_chat` `{"id": …}`: deletes the chat and its share link.
#[server(prefix = "/api/fn", endpoint = "delete_chat", input = Json, output = Json)]
pub async fn delete_chat(id: Uuid) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::delete(&state.db, &me, id).await
}

/// Bumped whenever the sidebar's list changed (a chat created, renamed, deleted, shared).
#[derive(Clone, Copy)]
pub struct ChatListVersion(pub RwSignal<u32>);

impl ChatListVersion {
    /// Tells the sidebar to reload.
    pub fn bump(self) {
        self.0.update(|v| *v += 1);
    }
}

/// A new chat's first answer, handed from the start page to the chat page it navigates to:
/// `(chat id, user message id, model)`.
#[derive(Clone, Copy)]
pub struct PendingReply(pub RwSignal<Option<(Uuid, String, String)>>);

/// The sidebar's reload signal.
pub fn use_chat_list_version() -> ChatListVersion {
    use_context::<ChatListVersion>().unwrap_or_else(|| {
        let v = ChatListVersion(RwSignal::new(0));
        provide_context(v);
        v
    })
}
