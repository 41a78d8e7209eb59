//! Folders: a member's chats in named folders (a folder is a project: its system prompt starts
//! the chats made in it), and sharing a whole folder with people, groups or every member, read
//! or write, as Open WebUI 0.12 does. The chats feature knows nothing of folders: sharing a
//! folder hands the chats feature a rule at start-up (`access::let_folder_members_in`).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;
use crate::share::{AccessGrant, GrantPermission};

#[cfg(feature = "ssr")]
pub mod access;
pub mod components;
#[cfg(feature = "ssr")]
pub mod inbox;
#[cfg(feature = "ssr")]
pub mod listing;
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;

pub use components::FolderSidebarSection;
pub use page::FolderPageView;

/// One of the caller's folders, as the sidebar lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderItem {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The folder it sits in (`None`: top level).
    pub parent_id: Option<Uuid>,
    /// Whether the sidebar shows it open.
    pub is_expanded: bool,
    /// Whether it is shared with anyone.
    pub shared: bool,
    /// Epoch seconds.
    pub updated_at: i64,
}

/// A folder someone shared with the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedFolderItem {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The folder it sits in.
    pub parent_id: Option<Uuid>,
    /// Its owner.
    pub user_id: Uuid,
    /// Its owner's name.
    pub owner_name: String,
    /// What the caller may do: read its chats, or also continue them and add their own.
    pub permission: GrantPermission,
    /// How many of its chats changed since the caller last marked it read.
    pub unread_count: u64,
    /// Whether its owner's sidebar shows it open.
    pub is_expanded: bool,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds.
    pub updated_at: i64,
}

/// Someone who wrote in a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Their id.
    pub id: Uuid,
    /// Their name.
    pub name: String,
}

/// A chat in a folder, as the folder's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderChatItem {
    /// The chat (opened at `/c/{id}`).
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its owner.
    pub user_id: Uuid,
    /// Its owner's name.
    pub owner_name: String,
    /// Its last change, epoch seconds.
    pub updated_at: i64,
    /// When it was made, epoch seconds.
    pub created_at: i64,
    /// When the caller last marked the folder read (0: never).
    pub last_read_at: i64,
    /// The caller may only read it.
    pub readonly: bool,
    /// It changed since the caller last marked the folder read.
    pub unread: bool,
    /// Its owner first, then everyone else who wrote in it.
    pub participants: Vec<Participant>,
    /// The caller's own chat.
    pub mine: bool,
    /// Kept out of the folder's reach (only its owner sees such a chat).
    pub private: bool,
}

/// The chats of a folder, as the caller may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderChats {
    /// Newest first.
    pub chats: Vec<FolderChatItem>,
    /// What the caller may do in the folder.
    pub folder_permission: GrantPermission,
}

/// A folder's page: the folder, its chats, and (for its owner) its settings and grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderPageData {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its owner's name.
    pub owner_name: String,
    /// The caller owns it: they may rename, share and delete it and set its system prompt.
    pub manage: bool,
    /// The system prompt chats started in it begin with (owner only; empty otherwise).
    pub system_prompt: String,
    /// Its chats.
    pub chats: FolderChats,
    /// Its grants (owner only).
    pub grants: Vec<AccessGrant>,
    /// Whether the caller may share folders at all (`sharing.folders`).
    pub can_share: bool,
}

/// A chat's privacy findings, as the folder's Share dialog lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderChatFindings {
    /// The chat.
    pub chat_id: Uuid,
    /// Its title.
    pub title: String,
    /// Kept out of the folder's reach.
    pub private: bool,
    /// What the check found: (kind, text).
    pub findings: Vec<(String, String)>,
}

/// A chat inside one of the caller's folders, as the sidebar lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderChatLink {
    /// The folder.
    pub folder_id: Uuid,
    /// The chat.
    pub id: Uuid,
    /// Its title.
    pub title: String,
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::member;

/// Which folders' HTML the page wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FolderPart {
    /// The sidebar's folders.
    Sidebar,
    /// "Shared with me"'s folders.
    SharedWithMe,
}

/// `POST /api/fn/folder_html` `{"part": "sidebar"|"shared_with_me"}`: the caller's folders as
/// the sidebar shows them, or the folders shared with them as "Shared with me" lists them, as
/// HTML (empty when folders are off or there is nothing to show).
#[server(prefix = "/api/fn", endpoint = "folder_html", input = Json, output = Json)]
pub async fn folder_html(part: FolderPart) -> Result<String, AppError> {
    let (state, me) = member().await?;
    if service::check_enabled(&state.db, &state.defaults, &me)
        .await
        .is_err()
    {
        return Ok(String::new());
    }
    match part {
        FolderPart::Sidebar => listing::sidebar_html(&state.db, &me).await,
        FolderPart::SharedWithMe => listing::shared_html(&state.db, &me).await,
    }
}

/// `POST /api/fn/folder_audience` `{"id": …}`: the folder's grants and whom the owner may pick,
/// for the folder's Share dialog.
#[server(prefix = "/api/fn", endpoint = "folder_audience", input = Json, output = Json)]
pub async fn folder_audience(id: Uuid) -> Result<crate::share::ShareAudience, AppError> {
    let (state, me) = member().await?;
    access::audience(&state.db, &state.defaults, &me, id).await
}

#[cfg(feature = "ssr")]
impl FolderItem {
    fn of(f: crate::entities::folder::Model, shared: bool) -> Self {
        FolderItem {
            id: f.id,
            name: f.name,
            parent_id: f.parent_id,
            is_expanded: f.is_expanded,
            shared,
            updated_at: f.updated_at,
        }
    }
}

/// A change to the caller's folders, as the sidebar and a folder's page ask for it (one
/// endpoint for all of them: the chat app's code carries one call, not eight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum FolderChange {
    /// A new folder (at the top level, or in `parent_id`).
    Create {
        /// Its name.
        name: String,
        /// The folder it goes in.
        parent_id: Option<Uuid>,
    },
    /// A new name.
    Rename {
        /// The folder.
        id: Uuid,
        /// Its new name.
        name: String,
    },
    /// The system prompt the chats started in it begin with (empty: none).
    SetPrompt {
        /// The folder.
        id: Uuid,
        /// The prompt.
        system_prompt: String,
    },
    /// Deletes it and the folders in it; their chats go too, or (`delete_chats: false`) stay.
    Delete {
        /// The folder.
        id: Uuid,
        /// Whether its chats go with it.
        delete_chats: bool,
    },
    /// Puts it in another folder (or at the top level); never into itself or one of its own.
    Move {
        /// The folder.
        id: Uuid,
        /// Where it goes.
        parent_id: Option<Uuid>,
    },
    /// Whether the sidebar shows it open.
    Expand {
        /// The folder.
        id: Uuid,
        /// Open or closed.
        open: bool,
    },
    /// Puts a chat of the caller's into a folder they own or may write to (`None`: out).
    MoveChat {
        /// The chat.
        chat_id: Uuid,
        /// The folder.
        folder_id: Option<Uuid>,
    },
    /// Keeps a chat of the caller's out of its shared folder's reach, or lets it back in.
    KeepPrivate {
        /// The chat.
        chat_id: Uuid,
        /// Kept out.
        private: bool,
    },
}

/// `POST /api/fn/change_folders` `{"change": {"do": "create", "name": …, "parent_id": null}}`
/// (and `rename`, `set_prompt`, `delete`, `move`, `expand`, `move_chat`, `keep_private`):
/// changes the caller's folders. Only a folder's owner changes it; a chat moves into a folder
/// its owner may write to.
#[server(prefix = "/api/fn", endpoint = "change_folders", input = Json, output = Json)]
pub async fn change_folders(change: FolderChange) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::check_enabled(&state.db, &state.defaults, &me).await?;
    service::apply(&state.db, &me, change).await
}

/// `POST /api/fn/folder_page` `{"id": …}`: a folder's page for its owner or a grantee; opening
/// it marks its chats read.
#[server(prefix = "/api/fn", endpoint = "folder_page", input = Json, output = Json)]
pub async fn folder_page(id: Uuid) -> Result<FolderPageData, AppError> {
    let (state, me) = member().await?;
    service::check_enabled(&state.db, &state.defaults, &me).await?;
    listing::page(&state.db, &state.defaults, &me, id).await
}

/// `POST /api/fn/folder_privacy` `{"id": …}`: the privacy check over every chat of the
/// caller's in the folder (and the folders in it), before it is shared.
#[server(prefix = "/api/fn", endpoint = "folder_privacy", input = Json, output = Json)]
pub async fn folder_privacy(id: Uuid) -> Result<Vec<FolderChatFindings>, AppError> {
    let (state, me) = member().await?;
    listing::privacy(&state.db, &me, id).await
}

/// `POST /api/fn/share_folder` `{"id": …, "grants": […]}`: replaces who the folder is shared
/// with (owner or admin, with `sharing.folders`).
#[server(prefix = "/api/fn", endpoint = "share_folder", input = Json, output = Json)]
pub async fn share_folder(id: Uuid, grants: Vec<AccessGrant>) -> Result<Vec<AccessGrant>, AppError> {
    let (state, me) = member().await?;
    access::set_grants(&state.db, &state.defaults, &me, id, grants, None).await?;
    access::grants(&state.db, id).await
}
