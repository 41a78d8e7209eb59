//! What a folder's page and the sidebar show: the caller's folders and the chats in them, a
//! folder's page, and the privacy check over a folder's chats before it is shared.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::service::{find, find_owned, list, subtree, system_prompt_of, MAX_FOLDERS};
use crate::entities::{chat, folder, user};
use crate::error::AppResult;

/// The caller's folders as the sidebar lists them.
pub async fn items(db: &DatabaseConnection, caller: &user::Model) -> AppResult<Vec<super::FolderItem>> {
    let mine = list(db, caller.id).await?;
    let ids: Vec<Uuid> = mine.iter().map(|f| f.id).collect();
    let shared: HashSet<Uuid> = if ids.is_empty() {
        HashSet::new()
    } else {
        crate::entities::folder_grant::Entity::find()
            .filter(crate::entities::folder_grant::Column::FolderId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|g| g.folder_id)
            .collect()
    };
    Ok(mine
        .into_iter()
        .map(|f| {
            let s = shared.contains(&f.id);
            super::FolderItem::of(f, s)
        })
        .collect())
}

/// Folder `id`'s page for `caller` (owner, admin or grantee; 403 otherwise), marking it read.
pub async fn page(
    db: &DatabaseConnection,
    defaults: &crate::instance::SettingsDefaults,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<super::FolderPageData> {
    let chats = super::access::shared_chats(db, caller, id).await?;
    let f = find(db, id).await?;
    let manage = f.user_id == caller.id || caller.role == crate::accounts::service::Role::Admin;
    super::access::mark_read(db, caller, id).await?;
    Ok(super::FolderPageData {
        id: f.id,
        name: f.name.clone(),
        owner_name: crate::accounts::service::display_name(db, f.user_id).await?,
        manage,
        system_prompt: if manage {
            system_prompt_of(f.data.as_deref()).unwrap_or_default()
        } else {
            String::new()
        },
        chats,
        grants: if manage {
            super::access::grants(db, f.id).await?
        } else {
            Vec::new()
        },
        can_share: super::access::may_share(db, defaults, caller).await?,
    })
}

/// The privacy check over the caller's chats in folder `id` and the folders below it (owner
/// only): each chat's findings in what the folder's grantees would read (the whole visible
/// branch; a link's masks do not apply).
pub async fn privacy(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<Vec<super::FolderChatFindings>> {
    let f = find_owned(db, caller, id).await?;
    let all = list(db, f.user_id).await?;
    let ids: Vec<String> = subtree(&all, f.id).iter().map(Uuid::to_string).collect();
    let chats = chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::UserId.eq(caller.id))
        .filter(chat::Column::Archived.eq(false))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(chats.len());
    for c in chats {
        let report = crate::share::privacy::scan_whole(db, caller, c.id).await?;
        out.push(super::FolderChatFindings {
            chat_id: c.id,
            title: c.title,
            private: c.folder_private,
            findings: report.findings.into_iter().map(|x| (x.kind, x.text)).collect(),
        });
    }
    Ok(out)
}

/// `caller`'s own chats in folder `f` and the folders below it, newest first.
pub async fn own_chats_below(
    db: &DatabaseConnection,
    caller: &user::Model,
    f: &folder::Model,
) -> AppResult<Vec<chat::Model>> {
    let all = list(db, f.user_id).await?;
    let ids: Vec<String> = subtree(&all, f.id).iter().map(Uuid::to_string).collect();
    Ok(chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::UserId.eq(caller.id))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// The chats in `caller`'s folders (theirs and those others put there), newest first, for the
/// sidebar (at most [`MAX_FOLDERS`]).
pub async fn sidebar_chats(
    db: &DatabaseConnection,
    caller: &user::Model,
) -> AppResult<Vec<super::FolderChatLink>> {
    let ids: Vec<String> = list(db, caller.id)
        .await?
        .iter()
        .map(|f| f.id.to_string())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::Archived.eq(false))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .take(MAX_FOLDERS)
        .filter_map(|c| {
            Some(super::FolderChatLink {
                folder_id: Uuid::parse_str(c.folder_id.as_deref()?).ok()?,
                id: c.id,
                title: c.title,
            })
        })
        .collect())
}
