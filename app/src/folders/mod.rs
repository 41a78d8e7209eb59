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
    /// The caller owns it (or is an admin): they may rename, share and set its system prompt.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderChatLink {
    /// The folder.
    pub folder_id: Uuid,
    /// The chat.
    pub id: Uuid,
    /// Its title.
    pub title: String,
}

/// The sidebar's folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderSidebarData {
    /// Whether the caller has folders (`features.folders`).
    pub enabled: bool,
    /// The caller's folders, by name.
    pub folders: Vec<FolderItem>,
    /// The chats in them, newest first.
    pub chats: Vec<FolderChatLink>,
    /// The folders shared with the caller.
    pub shared: Vec<SharedFolderItem>,
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::member;

/// `POST /api/fn/folder_sidebar`: the caller's folders with their chats, and the folders shared
/// with them.
#[server(prefix = "/api/fn", endpoint = "folder_sidebar", input = Json, output = Json)]
pub async fn folder_sidebar() -> Result<FolderSidebarData, AppError> {
    let (state, me) = member().await?;
    if service::check_enabled(&state.db, &state.defaults, &me)
        .await
        .is_err()
    {
        return Ok(FolderSidebarData {
            enabled: false,
            folders: Vec::new(),
            chats: Vec::new(),
            shared: Vec::new(),
        });
    }
    Ok(FolderSidebarData {
        enabled: true,
        folders: listing::items(&state.db, &me).await?,
        chats: listing::sidebar_chats(&state.db, &me).await?,
        shared: inbox::shared_with(&state.db, &me).await?,
    })
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

/// `POST /api/fn/list_folders`: the caller's folders, by name.
#[server(prefix = "/api/fn", endpoint = "list_folders", input = Json, output = Json)]
pub async fn list_folders() -> Result<Vec<FolderItem>, AppError> {
    let (state, me) = member().await?;
    service::check_enabled(&state.db, &state.defaults, &me).await?;
    listing::items(&state.db, &me).await
}

/// `POST /api/fn/create_folder` `{"name": …, "parent_id": …|null}`: a new folder of the
/// caller's.
#[server(prefix = "/api/fn", endpoint = "create_folder", input = Json, output = Json)]
pub async fn create_folder(name: String, parent_id: Option<Uuid>) -> Result<FolderItem, AppError> {
    let (state, me) = member().await?;
    service::check_enabled(&state.db, &state.defaults, &me).await?;
    let form = service::FolderForm {
        name: Some(name),
        parent_id,
        ..Default::default()
    };
    Ok(FolderItem::of(
        service::create(&state.db, &me, form).await?,
        false,
    ))
}

/// `POST /api/fn/rename_folder` `{"id": …, "name": …}`.
#[server(prefix = "/api/fn", endpoint = "rename_folder", input = Json, output = Json)]
pub async fn rename_folder(id: Uuid, name: String) -> Result<FolderItem, AppError> {
    let (state, me) = member().await?;
    let form = service::FolderForm {
        name: Some(name),
        ..Default::default()
    };
    let f = service::update(&state.db, &me, id, form).await?;
    let shared = !access::grants(&state.db, f.id).await?.is_empty();
    Ok(FolderItem::of(f, shared))
}

/// `POST /api/fn/save_folder_prompt` `{"id": …, "system_prompt": …}`: the system prompt the
/// chats started in the folder begin with (empty: none).
#[server(prefix = "/api/fn", endpoint = "save_folder_prompt", input = Json, output = Json)]
pub async fn save_folder_prompt(id: Uuid, system_prompt: String) -> Result<(), AppError> {
    let (state, me) = member().await?;
    let f = service::find_owned(&state.db, &me, id).await?;
    let mut data: serde_json::Map<String, serde_json::Value> = f
        .data
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    data.insert("system_prompt".to_owned(), system_prompt.trim().into());
    let form = service::FolderForm {
        data: Some(serde_json::Value::Object(data)),
        ..Default::default()
    };
    service::update(&state.db, &me, id, form).await?;
    Ok(())
}

/// `POST /api/fn/delete_folder` `{"id": …, "delete_chats": bool}`: deletes a folder and the
/// folders in it; their chats are deleted too, or (`delete_chats: false`) kept outside.
#[server(prefix = "/api/fn", endpoint = "delete_folder", input = Json, output = Json)]
pub async fn delete_folder(id: Uuid, delete_chats: bool) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::delete(&state.db, &me, id, delete_chats).await
}

/// `POST /api/fn/move_folder` `{"id": …, "parent_id": …|null}`: puts a folder in another (or
/// at the top level); never into itself or a folder of its own.
#[server(prefix = "/api/fn", endpoint = "move_folder", input = Json, output = Json)]
pub async fn move_folder(id: Uuid, parent_id: Option<Uuid>) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::set_parent(&state.db, &me, id, parent_id).await?;
    Ok(())
}

/// `POST /api/fn/expand_folder` `{"id": …, "open": bool}`: remembers whether the sidebar shows
/// a folder open.
#[server(prefix = "/api/fn", endpoint = "expand_folder", input = Json, output = Json)]
pub async fn expand_folder(id: Uuid, open: bool) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::set_expanded(&state.db, &me, id, open).await?;
    Ok(())
}

/// `POST /api/fn/move_chat_to_folder` `{"chat_id": …, "folder_id": …|null}`: puts a chat of
/// the caller's into a folder they own or may write to (null: out of any folder).
#[server(prefix = "/api/fn", endpoint = "move_chat_to_folder", input = Json, output = Json)]
pub async fn move_chat_to_folder(chat_id: Uuid, folder_id: Option<Uuid>) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::move_chat(&state.db, &me, chat_id, folder_id).await?;
    Ok(())
}

/// `POST /api/fn/folder_page` `{"id": …}`: a folder's page for its owner or a grantee; opening
/// it marks its chats read.
#[server(prefix = "/api/fn", endpoint = "folder_page", input = Json, output = Json)]
pub async fn folder_page(id: Uuid) -> Result<FolderPageData, AppError> {
    let (state, me) = member().await?;
    service::check_enabled(&state.db, &state.defaults, &me).await?;
    listing::page(&state.db, &state.defaults, &me, id).await
}

/// `POST /api/fn/shared_folders`: the folders others shared with the caller.
#[server(prefix = "/api/fn", endpoint = "shared_folders", input = Json, output = Json)]
pub async fn shared_folders() -> Result<Vec<SharedFolderItem>, AppError> {
    let (state, me) = member().await?;
    inbox::shared_with(&state.db, &me).await
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

/// `POST /api/fn/keep_chat_private` `{"chat_id": …, "private": bool}`: keeps a chat of the
/// caller's out of its shared folder's reach (or lets it back in).
#[server(prefix = "/api/fn", endpoint = "keep_chat_private", input = Json, output = Json)]
pub async fn keep_chat_private(chat_id: Uuid, private: bool) -> Result<(), AppError> {
    let (state, me) = member().await?;
    service::set_private(&state.db, &me, chat_id, private).await
}
