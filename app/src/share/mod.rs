//! Sharing: a chat's share link as a static snapshot that its owner can update or delete, the
//! Share Chat modal, the shared page `/s/{id}` and the "My shared links" list.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::chats::MessageView;
use crate::error::AppError;

mod audience;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod card;
mod components;
#[cfg(feature = "ssr")]
pub mod document;
#[cfg(feature = "ssr")]
pub mod embed;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
mod for_readers;
#[cfg(feature = "ssr")]
pub mod grants;
mod history;
pub mod inbox;
mod inbox_page;
#[cfg(feature = "ssr")]
pub mod lifetime;
mod link_options;
mod links;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
mod masks;
#[cfg(feature = "ssr")]
pub mod oversight;
mod oversight_panels;
#[cfg(feature = "ssr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod qr;
mod records;
#[cfg(feature = "ssr")]
mod rendering;
#[cfg(feature = "ssr")]
pub mod requests;
mod review;
mod review_panel;
#[cfg(feature = "ssr")]
pub mod scan;
#[cfg(feature = "ssr")]
pub mod scope;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod upkeep;
#[cfg(feature = "ssr")]
pub mod versions;
mod versions_panel;
#[cfg(feature = "ssr")]
pub mod views;

pub use audience::FolderAudiencePicker;
pub use components::ShareModal;
pub use history::*;
pub use inbox_page::{sidebar_entries, MyLinksPage, SharedWithMePage};
pub use links::{shared_links_state, SharedLinksManager, SharedLinksState};
pub use oversight_panels::{AuditPanel, InstanceLinksPanel};
#[cfg(feature = "ssr")]
pub use page::ReadingAssets;
pub use records::*;
pub use review::*;

/// `/s/{id}` in the app's router. The shared page is written by the server only, outside the
/// router and with no client code for it (see [`document`] on the server), so when the app's
/// own links lead there the client loads it from the server instead of drawing it.
#[component]
pub fn SharedChatPage() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
    view! { <p class="muted">{t!("common-loading")}</p> }
}

/// The result of sharing: the link's id (the URL is `{origin}/s/{share_id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLink {
    /// The chat.
    pub chat_id: Uuid,
    /// The link's id.
    pub share_id: Uuid,
}

/// A chat's sharing state, as the Share Chat modal needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareState {
    /// The chat.
    pub chat_id: Uuid,
    /// Its title.
    pub title: String,
    /// The existing link, if any.
    pub share_id: Option<Uuid>,
    /// Whether the caller may create or update links.
    pub can_share: bool,
    /// Whether the community button shows.
    pub community_enabled: bool,
    /// Where community uploads go.
    pub community_url: String,
}

/// A shared chat as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedChatView {
    /// The link's id.
    pub share_id: Uuid,
    /// Title at the time of the snapshot.
    pub title: String,
    /// Display name of who shared it.
    pub shared_by: String,
    /// When the link was first made.
    pub created_at: i64,
    /// When the snapshot was last taken.
    pub updated_at: i64,
    /// The snapshot's visible branch.
    pub messages: Vec<MessageView>,
    /// Whether the reader is signed in (a visitor of an open link is not: "Sign in to clone").
    pub signed_in: bool,
    /// Whether the link is live: the chat as it is now, not a snapshot.
    #[serde(default)]
    pub live: bool,
    /// The chat's id, when the reader may continue it at `/c/{id}` (a write grantee of a live
    /// link, or its owner).
    #[serde(default)]
    pub continue_at: Option<Uuid>,
    /// How many times the link was updated since it was made (its version number − 1).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub updates: i64,
    /// The earlier version shown (its owner opened `?version=N`), with the current number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_version: Option<(i64, i64)>,
    /// The first message that is new since this reader last looked (a returning, signed-in
    /// reader after an update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_since: Option<String>,
    /// Whether "Read aloud" is offered.
    pub tts_enabled: bool,
    /// Preferred voice.
    pub tts_voice: String,
    /// Speech rate.
    pub tts_rate: f64,
    /// The instance's name (link previews, "Open in …").
    #[serde(default)]
    pub instance_name: String,
    /// Whether shared chats may be embedded here.
    #[serde(default)]
    pub embeds: bool,
    /// The link's address, when its page carries the link's own preview (title, card, oEmbed):
    /// a visitor reads a link that anyone may open without a password. Otherwise the page's
    /// preview tags name only the instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<String>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// What a signed-in member whom a link's grants leave out is told (403); its page then offers
/// "Request access".
pub const NO_ACCESS: &str = "You don't have access to this chat.";

/// `share_mode` of a live link (Open WebUI 0.12's name): readers see the chat as it is now, and
/// write grantees may continue it.
pub const LIVE: &str = "continue";

/// `principal_id` of a grant to every member (`user`) or to anyone with the link (`anyone`).
pub const ANY: &str = "*";

/// Whom a grant is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrincipalType {
    /// One member (`principal_id`: their id), or every approved member (`*`).
    User,
    /// The members of a group (`principal_id`: its id).
    Group,
    /// Anyone with the link, signed in or not (`principal_id`: `*`).
    Anyone,
}

/// What a grant allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GrantPermission {
    /// Open the link.
    Read,
    /// Open the link and continue the chat (live links).
    Write,
}

impl PrincipalType {
    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::User => "user",
            PrincipalType::Group => "group",
            PrincipalType::Anyone => "anyone",
        }
    }
    /// From its stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [PrincipalType::User, PrincipalType::Group, PrincipalType::Anyone]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

impl GrantPermission {
    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantPermission::Read => "read",
            GrantPermission::Write => "write",
        }
    }
    /// From its stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [GrantPermission::Read, GrantPermission::Write]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// One access grant of a link, as `GET /api/v1/chats/shared/{chat_id}/access` lists it and
/// `…/access/update` takes it (`id` is ignored there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessGrant {
    /// The grant's id.
    #[serde(default = "Uuid::nil")]
    pub id: Uuid,
    /// Whom it is for.
    pub principal_type: PrincipalType,
    /// A user's or group's id, or `*`.
    pub principal_id: String,
    /// What it allows.
    pub permission: GrantPermission,
}

/// A member's request for access to a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequest {
    /// The request's id.
    pub id: Uuid,
    /// The link.
    pub share_id: Uuid,
    /// Who asks.
    pub user_id: Uuid,
    /// Their display name.
    pub name: String,
    /// When they asked, epoch seconds.
    pub created_at: i64,
    /// `pending` (or `declined`).
    pub status: String,
}

/// A member or a group one can share a link with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Their account id, or the group's id.
    pub id: Uuid,
    /// Their display name (never their email), or the group's name.
    pub name: String,
    /// A group rather than one member.
    #[serde(default)]
    pub is_group: bool,
}

/// Who can open a link, and who it could be opened to, as the Share modal's picker needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareAudience {
    /// The link's grants.
    pub grants: Vec<AccessGrant>,
    /// Whether a link may be open to every member.
    pub members_allowed: bool,
    /// Whether a link may be open to anyone.
    pub anyone_allowed: bool,
    /// The groups, then the other approved members, by name.
    pub people: Vec<Person>,
    /// Whether the link has a password.
    pub has_password: bool,
    /// Whether the link is live (write grantees may continue the chat).
    #[serde(default)]
    pub live: bool,
    /// When the link stops opening (`None`: never).
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// The longest a link may live here, in days (0: no limit).
    #[serde(default)]
    pub max_days: u32,
    /// How long a new link lives here unless its owner says otherwise, in days (0: for ever).
    #[serde(default)]
    pub default_days: u32,
}

/// Who a link is for, as the Share dialog sends it with Copy Link: its grants and whether it is
/// live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkAudience {
    /// The grants the link gets (all of them: the ones it had go).
    pub grants: Vec<AccessGrant>,
    /// Whether write grantees may continue the chat.
    #[serde(default)]
    pub live: bool,
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::member;

/// `POST /api/fn/share_chat` `{"chat_id": …, "choices": {…}, "password": "…", "audience":
/// {"grants": […], "live": false}, "expiry": "never" | {"at": …}}`: creates the link, or updates
/// its snapshot (same id), with every choice of the Share dialog in one step: what it shares
/// (`choices`), its password (`password`, or `remove_password`), who may open it (`audience`)
/// and when it expires (`expiry`); each left out stays as the link had it (a new link: every
/// member, the instance's default lifetime). A refused choice makes no link.
#[server(prefix = "/api/fn", endpoint = "share_chat", input = Json, output = Json)]
pub async fn share_chat(
    chat_id: Uuid,
    #[server(default)] choices: Option<ShareChoices>,
    #[server(default)] password: Option<String>,
    #[server(default)] remove_password: bool,
    #[server(default)] audience: Option<LinkAudience>,
    #[server(default)] expiry: Option<ExpiryChoice>,
) -> Result<ShareLink, AppError> {
    let (state, me) = member().await?;
    let request = service::LinkRequest {
        expiry: expiry.map_or(lifetime::Requested::Unchanged, ExpiryChoice::requested),
        change: choices.map(Into::into).unwrap_or_default(),
        password: match (password, remove_password) {
            (Some(p), _) => Some(Some(p)),
            (None, true) => Some(None),
            (None, false) => None,
        },
        audience,
    };
    let c = service::share_with(&state.db, &state.defaults, &me, chat_id, request).await?;
    let share_id = c.share_id.ok_or(AppError::Internal)?;
    Ok(ShareLink {
        chat_id: c.id,
        share_id,
    })
}

/// `POST /api/fn/unshare_chat` `{"chat_id": …}`: deletes the link; `true`, or `false` if none.
#[server(prefix = "/api/fn", endpoint = "unshare_chat", input = Json, output = Json)]
pub async fn unshare_chat(chat_id: Uuid) -> Result<bool, AppError> {
    let (state, me) = member().await?;
    service::unshare(&state.db, &me, chat_id).await
}

/// `POST /api/fn/share_state` `{"chat_id": …}`: what the Share Chat modal shows.
#[server(prefix = "/api/fn", endpoint = "share_state", input = Json, output = Json)]
pub async fn get_share_state(chat_id: Uuid) -> Result<ShareState, AppError> {
    let (state, me) = member().await?;
    let c = crate::chats::service::find_visible(&state.db, &me, chat_id).await?;
    let settings = crate::instance::service::get(&state.db, &state.defaults).await?;
    let can_share = crate::accounts::service::can_share(&state.db, &state.defaults, &me).await?;
    Ok(ShareState {
        chat_id: c.id,
        title: c.title,
        share_id: c.share_id,
        can_share,
        community_enabled: settings.enable_community_sharing,
        community_url: settings.community_sharing_url,
    })
}

/// `POST /api/fn/view_shared` `{"share_id": …, "branch": "…", "version": N}`: the snapshot,
/// rendered, for whoever its grants let in (a visitor too, when the link is open to anyone);
/// with `branch` (a link with every branch), the branch through that message; with `version`,
/// that earlier version (the link's owner and admins only).
#[server(prefix = "/api/fn", endpoint = "view_shared", input = Json, output = Json)]
pub async fn view_shared(
    share_id: Uuid,
    #[server(default)] branch: Option<String>,
    #[server(default)] version: Option<i64>,
) -> Result<SharedChatView, AppError> {
    let state = crate::state::app_state()?;
    let headers = crate::auth::request_headers().await?;
    let client = crate::auth::client_info().await;
    let log = views::view_log()?;
    let (_, view) = document::read_page(&state, &log, &headers, &client, share_id, branch, version).await?;
    Ok(view)
}

/// `POST /api/fn/clone_shared` `{"share_id": …}`: copies the snapshot into my chats; returns the new chat's id.
#[server(prefix = "/api/fn", endpoint = "clone_shared", input = Json, output = Json)]
pub async fn clone_shared(share_id: Uuid) -> Result<Uuid, AppError> {
    let (state, me) = member().await?;
    let presented = presented_here(share_id).await?;
    Ok(service::clone_shared(&state.db, &me, share_id, &presented)
        .await?
        .id)
}

/// What this server function's request gives for link `share_id`'s password.
#[cfg(feature = "ssr")]
async fn presented_here(share_id: Uuid) -> Result<password::Presented, AppError> {
    let headers = crate::auth::request_headers().await?;
    let client = crate::auth::client_info().await.address;
    Ok(password::presented(&headers, share_id, client))
}

/// `POST /api/fn/set_share_password` `{"chat_id": …, "password": "…" | null}`: sets or removes
/// the password of the chat's link.
#[server(prefix = "/api/fn", endpoint = "set_share_password", input = Json, output = Json)]
pub async fn set_share_password(chat_id: Uuid, password: Option<String>) -> Result<(), AppError> {
    let (state, me) = member().await?;
    password::set(&state.db, &state.defaults, &me, chat_id, password).await
}

/// `POST /api/fn/unshare_all` `{}`: deletes all my links; returns how many.
#[server(prefix = "/api/fn", endpoint = "unshare_all", input = Json, output = Json)]
pub async fn unshare_all() -> Result<u64, AppError> {
    let (state, me) = member().await?;
    service::unshare_all(&state.db, &me).await
}

/// `POST /api/fn/share_audience` `{"chat_id": …}`: who can open the chat's link, the audiences
/// allowed, and the members it could be opened to (owner or admin).
#[server(prefix = "/api/fn", endpoint = "share_audience", input = Json, output = Json)]
pub async fn get_share_audience(chat_id: Uuid) -> Result<ShareAudience, AppError> {
    let (state, me) = member().await?;
    grants::audience(&state.db, &state.defaults, &me, chat_id).await
}

/// `POST /api/fn/set_share_audience` `{"chat_id": …, "grants": [...], "live": false}`: replaces
/// who can open the chat's link and whether it is live (see `POST
/// /api/v1/chats/shared/{chat_id}/access/update`); the grants now.
#[server(prefix = "/api/fn", endpoint = "set_share_audience", input = Json, output = Json)]
pub async fn set_share_audience(
    chat_id: Uuid,
    grants: Vec<AccessGrant>,
    #[server(default)] live: bool,
) -> Result<Vec<AccessGrant>, AppError> {
    let (state, me) = member().await?;
    grants::replace(&state.db, &state.defaults, &me, chat_id, grants, live).await?;
    grants::list(&state.db, &me, chat_id).await
}

/// `POST /api/fn/request_access` `{"share_id": …}`: asks the owner for access to a link
/// (a signed-in member whom its grants leave out).
#[server(prefix = "/api/fn", endpoint = "request_access", input = Json, output = Json)]
pub async fn request_access(share_id: Uuid) -> Result<AccessRequest, AppError> {
    let (state, me) = member().await?;
    requests::request(&state.db, &me, share_id).await
}

/// `POST /api/fn/access_requests` `{"chat_id": …}`: the pending requests for the chat's link.
#[server(prefix = "/api/fn", endpoint = "access_requests", input = Json, output = Json)]
pub async fn access_requests(chat_id: Uuid) -> Result<Vec<AccessRequest>, AppError> {
    let (state, me) = member().await?;
    requests::pending(&state.db, &me, chat_id).await
}

/// `POST /api/fn/answer_access_request` `{"chat_id": …, "request_id": …, "approve": true}`:
/// approves (a read grant for the member) or declines a request.
#[server(prefix = "/api/fn", endpoint = "answer_access_request", input = Json, output = Json)]
pub async fn answer_access_request(chat_id: Uuid, request_id: Uuid, approve: bool) -> Result<(), AppError> {
    let (state, me) = member().await?;
    requests::answer(&state.db, &state.defaults, &me, chat_id, request_id, approve).await
}

/// `POST /api/fn/chat_json` `{"chat_id": …}`: the chat's Open WebUI JSON (for community sharing).
#[server(prefix = "/api/fn", endpoint = "chat_json", input = Json, output = Json)]
pub async fn chat_json(chat_id: Uuid) -> Result<String, AppError> {
    let (state, me) = member().await?;
    let c = crate::chats::service::find_visible(&state.db, &me, chat_id).await?;
    Ok(crate::chats::transfer::titled(&c.chat, &c.title)?
        .get()
        .to_owned())
}
