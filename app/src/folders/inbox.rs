//! Folders seen from their grantees' side: the folders shared with a member (and those below
//! them), and how many chats changed since each was marked read.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::access::{groups_of, read_at, visible_chats};
use super::service::{list, subtree};
use super::SharedFolderItem;
use crate::accounts::service::Role;
use crate::entities::{chat, folder, folder_grant, folder_read, user};
use crate::error::AppResult;
use crate::share::{GrantPermission, ANY};

/// For each of `me`'s own folders, how many chats others put there changed since `me` last
/// marked it read (Open WebUI's `unread_count`).
pub async fn unread_counts(db: &DatabaseConnection, me: &user::Model) -> AppResult<HashMap<Uuid, u64>> {
    let mine = list(db, me.id).await?;
    if mine.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = mine.iter().map(|f| f.id.to_string()).collect();
    let theirs = chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::UserId.ne(me.id))
        .filter(chat::Column::Archived.eq(false))
        .all(db)
        .await?;
    let marks: HashMap<Uuid, i64> = folder_read::Entity::find()
        .filter(folder_read::Column::UserId.eq(me.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.folder_id, r.read_at))
        .collect();
    let mut out: HashMap<Uuid, u64> = mine.iter().map(|f| (f.id, 0)).collect();
    for c in theirs {
        let Some(f) = c.folder_id.as_deref().and_then(|f| Uuid::parse_str(f).ok()) else {
            continue;
        };
        if c.updated_at > marks.get(&f).copied().unwrap_or(0) {
            *out.entry(f).or_insert(0) += 1;
        }
    }
    Ok(out)
}

/// The folders shared with `me` (not their own), each with its owner, what `me` may do there
/// and how many of its chats changed since `me` marked it read. A folder below a shared folder
/// is shared too, with the stronger of its own grant and the one above.
pub async fn shared_with(db: &DatabaseConnection, me: &user::Model) -> AppResult<Vec<SharedFolderItem>> {
    if me.role == Role::Pending {
        return Ok(Vec::new());
    }
    let groups = groups_of(db, me.id).await?;
    let mine = me.id.to_string();
    let direct = folder_grant::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(
                    folder_grant::Column::PrincipalType
                        .eq("user")
                        .and(folder_grant::Column::PrincipalId.is_in([ANY.to_owned(), mine])),
                )
                .add(
                    folder_grant::Column::PrincipalType
                        .eq("group")
                        .and(folder_grant::Column::PrincipalId.is_in(groups.iter().cloned())),
                ),
        )
        .all(db)
        .await?;
    let mut best: HashMap<Uuid, GrantPermission> = HashMap::new();
    for g in &direct {
        let p = GrantPermission::parse(&g.permission).unwrap_or(GrantPermission::Read);
        let e = best.entry(g.folder_id).or_insert(p);
        *e = (*e).max(p);
    }
    let roots: Vec<folder::Model> = if best.is_empty() {
        Vec::new()
    } else {
        folder::Entity::find()
            .filter(folder::Column::Id.is_in(best.keys().copied()))
            .all(db)
            .await?
    };
    let mut out: HashMap<Uuid, (folder::Model, GrantPermission)> = HashMap::new();
    let mut owners: HashMap<Uuid, Vec<folder::Model>> = HashMap::new();
    for r in roots.into_iter().filter(|r| r.user_id != me.id) {
        if let std::collections::hash_map::Entry::Vacant(e) = owners.entry(r.user_id) {
            e.insert(list(db, r.user_id).await?);
        }
        let all = owners.get(&r.user_id).map(Vec::as_slice).unwrap_or_default();
        let p = best.get(&r.id).copied().unwrap_or(GrantPermission::Read);
        for id in subtree(all, r.id) {
            if let Some(f) = all.iter().find(|f| f.id == id) {
                let e = out.entry(id).or_insert((f.clone(), p));
                e.1 = e.1.max(p);
            }
        }
    }
    let owner_ids: Vec<Uuid> = owners.keys().copied().collect();
    let owner_rows = user::Entity::find()
        .filter(user::Column::Id.is_in(owner_ids))
        .all(db)
        .await?;
    let live: HashMap<Uuid, String> = owner_rows
        .into_iter()
        .filter(|u| u.role != Role::Pending)
        .map(|u| (u.id, u.name))
        .collect();
    let mut items = Vec::new();
    for (f, p) in out.into_values() {
        let Some(owner_name) = live.get(&f.user_id) else {
            continue;
        };
        let seen = read_at(db, f.id, me.id).await?;
        let unread = visible_chats(db, &f, me)
            .await?
            .iter()
            .filter(|c| c.user_id != me.id && c.updated_at > seen)
            .count() as u64;
        items.push(SharedFolderItem {
            id: f.id,
            name: f.name,
            parent_id: f.parent_id,
            user_id: f.user_id,
            owner_name: owner_name.clone(),
            permission: p,
            unread_count: unread,
            is_expanded: f.is_expanded,
            created_at: f.created_at,
            updated_at: f.updated_at,
        });
    }
    items.sort_by(|a, b| a.owner_name.cmp(&b.owner_name).then(a.name.cmp(&b.name)));
    Ok(items)
}
