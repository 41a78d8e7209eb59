//! The community, in-house: any chatshare instance can be the site that "Share to Community"
//! uploads to. The upload page `/chats/upload` receives `{chat, models}` from the opener tab
//! (this instance or one the admin allows), a member publishes it as Private, Public or
//! Public, Full History with tags, and `/community` lists and searches the public ones
//! (title, tags and message text). The uploader changes the level later ("Update Chat") or
//! deletes it; administrators hide or delete any.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::chats::MessageView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod intake;
mod moderation;
#[cfg(feature = "ssr")]
mod pages;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod upload;

pub use moderation::ModerationPanel;

/// Every community page (`/community`, `/community/c/{id}`, `/community/mine`,
/// `/chats/upload`). They are written by the server as plain HTML and load no WASM: links, GET
/// and POST forms, and on the upload page one small script (`public/community-upload.js`), so
/// they work without the client and cost the client's other pages nothing (no chunk of their
/// own). When the client's router arrives at one (a link inside the app), it loads it from
/// the server.
#[component]
pub fn CommunityPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        pages::CommunityPage().into_any()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let here = leptos_router::hooks::use_location();
        let search = here.search.get_untracked();
        let to = match search.as_str() {
            "" => here.pathname.get_untracked(),
            q if q.starts_with('?') => format!("{}{q}", here.pathname.get_untracked()),
            q => format!("{}?{q}", here.pathname.get_untracked()),
        };
        crate::ui::hard_navigate(&to);
        view! { <p class="muted">{t!("common-loading")}</p> }.into_any()
    }
}

/// Whether `path` is a community page (plain HTML, no client).
pub fn is_community_page(path: &str) -> bool {
    path == "/community" || path.starts_with("/community/") || path == "/chats/upload"
}

/// Who may open a community chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// The uploader only; never listed, never found.
    Private,
    /// Anyone: the branch the uploader was looking at.
    Public,
    /// Anyone: every branch, with switching.
    PublicFullHistory,
}

impl Access {
    /// As stored and as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Private => "private",
            Access::Public => "public",
            Access::PublicFullHistory => "public_full_history",
        }
    }

    /// As the seed's upload page words it.
    pub fn label(self) -> String {
        match self {
            Access::Private => t!("access-private"),
            Access::Public => t!("access-public"),
            Access::PublicFullHistory => t!("access-full"),
        }
    }

    /// What the level means, for the upload page.
    pub fn explain(self) -> String {
        match self {
            Access::Private => t!("access-private-explain"),
            Access::Public => t!("access-public-explain"),
            Access::PublicFullHistory => t!("access-full-explain"),
        }
    }

    /// The level a stored or typed name stands for (422 naming the three otherwise).
    pub fn parse(raw: &str) -> Result<Access, AppError> {
        match raw {
            "private" => Ok(Access::Private),
            "public" => Ok(Access::Public),
            "public_full_history" => Ok(Access::PublicFullHistory),
            other => Err(AppError::Unprocessable(format!(
                "access is \"private\", \"public\" or \"public_full_history\", not \"{other}\"."
            ))),
        }
    }

    /// The level a request asks for: `raw`, or Private when it names none (422 for another
    /// name). The one default for the API and the upload form.
    pub fn requested(raw: Option<&str>) -> Result<Access, AppError> {
        Access::parse(raw.filter(|r| !r.is_empty()).unwrap_or("private"))
    }

    /// Every level, in the order the pages offer them.
    pub const ALL: [Access; 3] = [Access::Private, Access::Public, Access::PublicFullHistory];
}

/// A community chat as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityChatSummary {
    /// Its id.
    pub id: Uuid,
    /// Its address on this instance (`/community/c/{id}`).
    pub url: String,
    /// Title.
    pub title: String,
    /// Who may open it.
    pub access: Access,
    /// Tags, lower case.
    pub tags: Vec<String>,
    /// Reads by anyone but the uploader.
    pub views: i64,
    /// The uploader's display name.
    pub uploader: String,
    /// Published, epoch seconds.
    pub created_at: i64,
    /// Last changed, epoch seconds.
    pub updated_at: i64,
    /// Hidden by an administrator.
    pub hidden: bool,
    /// In search results: the text around the match, HTML-escaped, the matching words in
    /// `<mark>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet_html: Option<String>,
}

/// How many public chats carry a tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// How many public chats carry it.
    pub count: i64,
}

/// One page of the public gallery or of a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityList {
    /// The chats of this page.
    pub items: Vec<CommunityChatSummary>,
    /// This page's number, from 1.
    pub page: u64,
    /// How many chats match in all.
    pub total: u64,
    /// Whether a next page exists.
    pub has_more: bool,
    /// The most used tags of public chats.
    pub tags: Vec<TagCount>,
}

/// What the gallery is asked for (`?query=&tag=&sort=new|views&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    /// Words to find in titles, tags and messages.
    #[serde(default)]
    pub query: Option<String>,
    /// Only chats with this tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// `new` (the default) or `views`.
    #[serde(default)]
    pub sort: Option<String>,
    /// From 1.
    #[serde(default)]
    pub page: Option<u64>,
}

/// `/community`'s data.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct Gallery {
    /// The page of chats.
    pub list: CommunityList,
    /// Whether the reader is a signed-in member (offers "My community chats").
    pub signed_in: bool,
    /// Whether search engines may index the community's pages.
    pub indexable: bool,
}

/// `/community/c/{id}`'s data.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct CommunityChatPage {
    /// The chat as lists show it.
    pub summary: CommunityChatSummary,
    /// The branch shown, rendered.
    pub messages: Vec<MessageView>,
    /// The models it names.
    pub models: Vec<String>,
    /// The reader uploaded it (offers "Update Chat" and "Delete").
    pub mine: bool,
    /// The reader is an administrator (offers "Hide" and "Delete").
    pub admin: bool,
    /// Whether search engines may index it.
    pub indexable: bool,
}

/// What `/chats/upload` needs before a chat arrives.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct UploadInfo {
    /// Origins whose tabs may send a chat (this instance's is always allowed too).
    pub allowed_origins: Vec<String>,
    /// Whether the reader is a signed-in member who can publish.
    pub signed_in: bool,
}

/// A published chat: its id and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// Its id.
    pub id: Uuid,
    /// Its address on this instance.
    pub url: String,
}

/// 404 for a community chat the caller may not open (or that does not exist): the same words
/// either way, so a private chat's existence is not given away.
pub fn not_found() -> AppError {
    AppError::NotFound("This community chat does not exist, or is not shared with you.".to_owned())
}

/// A community chat's address.
pub fn chat_url(id: Uuid) -> String {
    format!("/community/c/{id}")
}

/// Tags as a form field or a box types them: separated by commas or spaces.
pub fn split_tags(raw: &str) -> Vec<String> {
    raw.split(|c: char| c == ',' || c.is_whitespace())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::member;

// What the community's pages read. Plain functions, not server functions: the pages are
// written by the server only, so these need no HTTP endpoint (the JSON API is
// `/api/v1/community/chats…`), and the pages carry no copy of this data for a client.

/// `/community`'s data: a page of public community chats, or a search (anyone).
#[cfg(feature = "ssr")]
pub async fn community_gallery(query: ListQuery) -> Result<Gallery, AppError> {
    let state = crate::state::app_state()?;
    let settings = service::hub(&state.db, &state.defaults).await?;
    let me = crate::accounts::caller::caller().await?;
    let list = service::list(&state.db, &query).await?;
    Ok(Gallery {
        list,
        signed_in: crate::accounts::service::require_member(me).is_ok(),
        indexable: settings.community_indexable,
    })
}

/// `/community/c/{id}`'s data: a community chat to read, for whoever its level lets in (404 to
/// everyone else); `branch` picks a branch of a full-history one.
#[cfg(feature = "ssr")]
pub async fn community_chat(id: Uuid, branch: Option<String>) -> Result<CommunityChatPage, AppError> {
    let state = crate::state::app_state()?;
    let settings = service::hub(&state.db, &state.defaults).await?;
    let me = crate::accounts::caller::caller().await?;
    let address = crate::auth::client_info().await.address;
    let views = crate::share::views::view_log()?;
    let key =
        crate::share::views::visitor_key(&state.db, &views, me.as_ref().map(|u| u.id), &address).await?;
    let opened = service::open(&state.db, me.as_ref(), id, Some(&key)).await?;
    let mut messages = service::branch_view(&opened, branch.as_deref());
    crate::chats::service::render_views(&mut messages).await;
    Ok(CommunityChatPage {
        mine: me.as_ref().is_some_and(|m| m.id == opened.row.user_id),
        admin: me
            .as_ref()
            .is_some_and(|m| m.role == crate::accounts::Role::Admin),
        models: opened.models.clone(),
        summary: opened.summary,
        messages,
        indexable: settings.community_indexable,
    })
}

/// `/community/mine`'s data: the caller's community chats, every level.
#[cfg(feature = "ssr")]
pub async fn my_community_chats() -> Result<Vec<CommunityChatSummary>, AppError> {
    let (state, me) = member().await?;
    service::hub(&state.db, &state.defaults).await?;
    service::mine(&state.db, &me).await
}

/// `/chats/upload`'s data: which tabs may send a chat, and whether the reader can publish.
#[cfg(feature = "ssr")]
pub async fn community_upload_info() -> Result<UploadInfo, AppError> {
    let state = crate::state::app_state()?;
    let settings = service::hub(&state.db, &state.defaults).await?;
    let me = crate::accounts::caller::caller().await?;
    Ok(UploadInfo {
        allowed_origins: settings.community_allowed_origins,
        signed_in: crate::accounts::service::require_member(me).is_ok(),
    })
}
