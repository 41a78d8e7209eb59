//! Sharing a folder: its grants (people, groups or every member; read or write, as a link's),
//! who may do what with it and with the chats inside (grants reach the folders below), the
//! folders shared with a member, the chats of a shared folder, read marks, and the rule that lets
//! grantees read those chats and write grantees continue them.
//!
//! A grantee reads each chat as it is now: its owner's branch without the owner's private fields
//! (system prompt, files); a link's scope and masks are not the folder's. A chat its owner keeps
//! out of the folder's reach (`folder_private`) is not shown to grantees at all. A paused
//! (pending) owner's folders are shut, as their links are.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use uuid::Uuid;

use super::service::{find, list};
use super::{FolderChatItem, FolderChats, Participant};
use crate::accounts::service::Role;
use crate::chats::collaborators::{Collaboration, Grant, Verdict};
use crate::chats::doc::ChatDoc;
use crate::entities::{chat, folder, folder_grant, folder_read, now, user, user_group_member};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;
use crate::share::{AccessGrant, GrantPermission, PrincipalType, ANY};

/// Most chats a shared folder's page lists.
pub const MAX_LISTED: u64 = 200;

fn forbidden() -> AppError {
    AppError::Forbidden("You don't have access to this folder.".to_owned())
}

/// The groups `me` belongs to.
pub(super) async fn groups_of(db: &impl ConnectionTrait, me: Uuid) -> AppResult<HashSet<String>> {
    Ok(user_group_member::Entity::find()
        .filter(user_group_member::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.group_id.to_string())
        .collect())
}

/// The strongest of `grants` that names `me` (by id or as every member) or one of `groups`.
fn strongest(grants: &[folder_grant::Model], me: Uuid, groups: &HashSet<String>) -> Option<GrantPermission> {
    let me = me.to_string();
    grants
        .iter()
        .filter(|g| match g.principal_type.as_str() {
            "user" => g.principal_id == ANY || g.principal_id == me,
            "group" => groups.contains(&g.principal_id),
            _ => false,
        })
        .map(|g| GrantPermission::parse(&g.permission).unwrap_or(GrantPermission::Read))
        .max()
}

/// The grants of the folders `ids`.
async fn grants_on(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<folder_grant::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(folder_grant::Entity::find()
        .filter(folder_grant::Column::FolderId.is_in(ids.iter().copied()))
        .order_by_asc(folder_grant::Column::CreatedAt)
        .order_by_asc(folder_grant::Column::Id)
        .all(db)
        .await?)
}

/// Folder `f` and the folders above it (nearest first), among its owner's `all`.
fn ancestors(all: &[folder::Model], f: &folder::Model) -> Vec<Uuid> {
    let parents: HashMap<Uuid, Option<Uuid>> = all.iter().map(|x| (x.id, x.parent_id)).collect();
    let mut out = vec![f.id];
    let mut at = f.parent_id;
    while let Some(p) = at {
        if out.contains(&p) || out.len() > super::service::MAX_DEPTH + 1 {
            break;
        }
        out.push(p);
        at = parents.get(&p).copied().flatten();
    }
    out
}

/// Whether `u` is paused (pending approval), so their folders are shut.
async fn paused(db: &impl ConnectionTrait, u: Uuid) -> AppResult<bool> {
    Ok(user::Entity::find_by_id(u)
        .one(db)
        .await?
        .is_none_or(|o| o.role == Role::Pending))
}

/// What `caller` may do with folder `f`: its owner and admins write; a grantee (on `f` or a
/// folder above it) what their strongest grant says; anyone else nothing.
pub async fn permission(
    db: &DatabaseConnection,
    caller: &user::Model,
    f: &folder::Model,
) -> AppResult<Option<GrantPermission>> {
    if f.user_id == caller.id || caller.role == Role::Admin {
        return Ok(Some(GrantPermission::Write));
    }
    if caller.role == Role::Pending || paused(db, f.user_id).await? {
        return Ok(None);
    }
    let all = list(db, f.user_id).await?;
    let grants = grants_on(db, &ancestors(&all, f)).await?;
    if grants.is_empty() {
        return Ok(None);
    }
    let groups = groups_of(db, caller.id).await?;
    Ok(strongest(&grants, caller.id, &groups))
}

/// Folder `id` for a caller who may read it (404 when it does not exist, 403 without access).
pub async fn readable(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<(folder::Model, GrantPermission)> {
    let f = find(db, id).await?;
    match permission(db, caller, &f).await? {
        Some(p) => Ok((f, p)),
        None => Err(forbidden()),
    }
}

/// The grant rows of folder `id` itself, oldest first (Open WebUI's API shows them whole).
pub async fn grant_rows(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Vec<folder_grant::Model>> {
    grants_on(db, &[id]).await
}

/// The grants of folder `id` itself, oldest first.
pub async fn grants(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Vec<AccessGrant>> {
    Ok(grants_on(db, &[id])
        .await?
        .into_iter()
        .map(|g| AccessGrant {
            id: g.id,
            principal_type: PrincipalType::parse(&g.principal_type).unwrap_or(PrincipalType::User),
            principal_id: g.principal_id,
            permission: GrantPermission::parse(&g.permission).unwrap_or(GrantPermission::Read),
        })
        .collect())
}

/// Whether `caller` may share folders: admins always; others when the instance's
/// `sharing.folders` permission is on, or a group of theirs gives it.
pub async fn may_share(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
) -> AppResult<bool> {
    if caller.role == Role::Admin {
        return Ok(true);
    }
    if caller.role != Role::User {
        return Ok(false);
    }
    Ok(crate::instance::service::get(db, defaults)
        .await?
        .allow_folder_sharing
        || crate::groups::service::any_group_gives(db, caller.id, |p| p.sharing.folders).await?)
}

/// What the folder's Share dialog starts from: its grants, whether every member may be picked,
/// and whom the caller may pick (owner or admin).
pub async fn audience(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<crate::share::ShareAudience> {
    let f = find(db, id).await?;
    if f.user_id != caller.id && caller.role != Role::Admin {
        return Err(AppError::NotFound("Folder not found.".to_owned()));
    }
    let grants = grants(db, id).await?;
    let settings = crate::instance::service::get(db, defaults).await?;
    Ok(crate::share::ShareAudience {
        live: grants.iter().any(|g| g.permission == GrantPermission::Write),
        grants,
        members_allowed: settings.allow_member_links,
        anyone_allowed: false,
        people: crate::share::grants::pickable(db, caller).await?,
        has_password: false,
        expires_at: None,
        max_days: 0,
        default_days: 0,
    })
}

/// Replaces the grants of folder `id` with `wanted` (owner or admin; 403 for anyone else, or
/// without the `sharing.folders` permission; 422 for "anyone with the link", which a folder
/// cannot have, or an unknown person or group). `share_mode`, when given, is kept in the
/// folder's data as Open WebUI keeps it.
pub async fn set_grants(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    id: Uuid,
    wanted: Vec<AccessGrant>,
    share_mode: Option<Option<String>>,
) -> AppResult<folder::Model> {
    let f = find(db, id).await?;
    if f.user_id != caller.id && caller.role != Role::Admin {
        return Err(AppError::Forbidden(
            "Only the folder's owner or an administrator can change who it is shared with.".to_owned(),
        ));
    }
    if !wanted.is_empty() && !may_share(db, defaults, caller).await? {
        return Err(AppError::Forbidden(
            "You don't have permission to share folders (Admin Panel → Settings → Users).".to_owned(),
        ));
    }
    if wanted.iter().any(|g| g.principal_type == PrincipalType::Anyone) {
        return Err(AppError::Unprocessable(
            "A folder is shared with people, groups or every member, not with anyone who has a link."
                .to_owned(),
        ));
    }
    let settings = crate::instance::service::get(db, defaults).await?;
    let checked = crate::share::grants::checked(db, &settings, wanted).await?;
    let txn = db.begin().await?;
    folder_grant::Entity::delete_many()
        .filter(folder_grant::Column::FolderId.eq(id))
        .exec(&txn)
        .await?;
    let t = now();
    if !checked.is_empty() {
        folder_grant::Entity::insert_many(checked.iter().map(|(pt, pid, p)| folder_grant::ActiveModel {
            id: Set(Uuid::new_v4()),
            folder_id: Set(id),
            principal_type: Set(pt.as_str().to_owned()),
            principal_id: Set(pid.clone()),
            permission: Set(p.as_str().to_owned()),
            created_at: Set(t),
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    let mut row: folder::ActiveModel = f.clone().into();
    if let Some(mode) = share_mode {
        let mut data: serde_json::Map<String, serde_json::Value> = f
            .data
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or_default();
        data.insert(
            "share_mode".to_owned(),
            mode.map_or(serde_json::Value::Null, Into::into),
        );
        row.data = Set(Some(serde_json::Value::Object(data).to_string()));
    }
    row.updated_at = Set(t);
    let saved = sea_orm::ActiveModelTrait::update(row, &txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The chats of folder `f` that `viewer` may see (theirs, or not kept private), newest first.
pub(super) async fn visible_chats(
    db: &DatabaseConnection,
    f: &folder::Model,
    viewer: &user::Model,
) -> AppResult<Vec<chat::Model>> {
    let owner = f.user_id == viewer.id || viewer.role == Role::Admin;
    Ok(super::service::chats_in(db, f.id)
        .await?
        .into_iter()
        .filter(|c| owner || c.user_id == viewer.id || !c.folder_private)
        .take(MAX_LISTED as usize)
        .collect())
}

/// When `me` last marked folder `id` read (0: never).
pub(super) async fn read_at(db: &impl ConnectionTrait, id: Uuid, me: Uuid) -> AppResult<i64> {
    Ok(folder_read::Entity::find_by_id((id, me))
        .one(db)
        .await?
        .map_or(0, |r| r.read_at))
}

/// The chats of shared folder `id` as `caller` sees them (403 without access): each with its
/// owner, who wrote in it, whether the caller may only read it, and whether it changed since
/// they last marked the folder read.
pub async fn shared_chats(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<FolderChats> {
    let (f, permission) = readable(db, caller, id).await?;
    let chats = visible_chats(db, &f, caller).await?;
    let seen = read_at(db, f.id, caller.id).await?;
    let mut people: HashSet<Uuid> = chats.iter().map(|c| c.user_id).collect();
    let mut authors: Vec<Vec<Uuid>> = Vec::with_capacity(chats.len());
    for c in &chats {
        let mut ids: Vec<Uuid> = Vec::new();
        if let Ok(doc) = ChatDoc::from_stored(&c.chat) {
            for m in doc.reading_order() {
                if let Some(a) = &m.author {
                    if a.id != c.user_id && !ids.contains(&a.id) {
                        ids.push(a.id);
                    }
                }
            }
        }
        people.extend(ids.iter().copied());
        authors.push(ids);
    }
    let names = crate::accounts::service::display_names(db, people).await?;
    let name = |u: &Uuid| names.get(u).cloned().unwrap_or_default();
    let items = chats
        .into_iter()
        .zip(authors)
        .map(|(c, ids)| FolderChatItem {
            id: c.id,
            title: c.title.clone(),
            user_id: c.user_id,
            owner_name: name(&c.user_id),
            updated_at: c.updated_at,
            created_at: c.created_at,
            last_read_at: seen,
            readonly: c.user_id != caller.id && permission == GrantPermission::Read,
            unread: c.user_id != caller.id && c.updated_at > seen,
            mine: c.user_id == caller.id,
            private: c.folder_private,
            participants: std::iter::once(c.user_id)
                .chain(ids)
                .map(|u| Participant {
                    id: u,
                    name: name(&u),
                })
                .collect(),
        })
        .collect();
    Ok(FolderChats {
        chats: items,
        folder_permission: permission,
    })
}

/// Marks folder `id` read for `caller` (who may read it): its chats are no longer unread.
pub async fn mark_read(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<()> {
    readable(db, caller, id).await?;
    folder_read::Entity::insert(folder_read::ActiveModel {
        folder_id: Set(id),
        user_id: Set(caller.id),
        read_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([folder_read::Column::FolderId, folder_read::Column::UserId])
            .update_column(folder_read::Column::ReadAt)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Sharing's rule for the chats feature: a member who may read a shared folder reads its chats
/// (those not kept private) as they are now; a write grantee also continues them, as a live
/// link's collaborator does.
struct FolderMembers;

impl Collaboration for FolderMembers {
    fn bounds<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        caller: &'a user::Model,
        c: &'a chat::Model,
    ) -> Verdict<'a> {
        Box::pin(async move {
            let Some(folder_id) = c.folder_id.as_deref().and_then(|f| Uuid::parse_str(f).ok()) else {
                return Ok(None);
            };
            if c.folder_private || paused(db, c.user_id).await? {
                return Ok(None);
            }
            let Some(f) = folder::Entity::find_by_id(folder_id).one(db).await? else {
                return Ok(None);
            };
            Ok(permission(db, caller, &f).await?.map(|p| Grant {
                bounds: crate::share::grants::whole_chat_bounds(),
                write: p == GrantPermission::Write,
            }))
        })
    }
}

/// Lets shared folders' grantees read (and write grantees continue) the chats inside (called
/// once at start-up).
pub fn let_folder_members_in() {
    crate::chats::collaborators::let_collaborate("shared folders", Arc::new(FolderMembers));
}
