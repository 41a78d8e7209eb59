//! "Shared with me": the links others made for the caller (to them by name, to a group of
//! theirs, to every member), newest first, each marked when there is something new since the
//! caller last opened it, and the live ones they may continue. And the counts the sidebar
//! shows beside "Shared with me" and "My shared links" (requests for access waiting).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::chats::SidebarCounts;
use crate::error::AppError;

/// A link someone shared with the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWithMeItem {
    /// The link (the page is `/s/{share_id}`).
    pub share_id: Uuid,
    /// The chat (a collaborator continues it at `/c/{chat_id}`).
    pub chat_id: Uuid,
    /// The title readers see.
    pub title: String,
    /// Who shared it.
    pub owner_name: String,
    /// How it reached the caller: "you", "your group {name}" or "everyone on this instance".
    pub via: String,
    /// Its last change (epoch seconds): the link's update, or the chat's for a live link.
    pub updated_at: i64,
    /// A live link: readers see the chat as it is now.
    pub live: bool,
    /// The caller may continue the chat (a live link with a write grant).
    pub can_continue: bool,
    /// Something changed since the caller last opened it (or they never did).
    pub new: bool,
    /// The owner approved the caller's request for access, and they have not opened it since.
    pub approved: bool,
}

/// `POST /api/fn/shared_with_me`: the links others shared with the caller, newest first.
#[server(prefix = "/api/fn", endpoint = "shared_with_me", input = Json, output = Json)]
pub async fn shared_with_me() -> Result<Vec<SharedWithMeItem>, AppError> {
    let (state, me) = crate::accounts::caller::member().await?;
    service::shared_with(&state.db, &me).await
}

/// `POST /api/fn/inbox_counts`: what the sidebar counts beside "Shared with me" and "My shared
/// links".
#[server(prefix = "/api/fn", endpoint = "inbox_counts", input = Json, output = Json)]
pub async fn inbox_counts() -> Result<SidebarCounts, AppError> {
    let (state, me) = crate::accounts::caller::member().await?;
    service::counts(&state.db, &me).await
}

#[cfg(feature = "ssr")]
pub mod service {
    //! The queries behind "Shared with me" (a handful, whatever the number of links).

    use std::collections::{HashMap, HashSet};

    use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
    use uuid::Uuid;

    use super::SharedWithMeItem;
    use crate::accounts::service::Role;
    use crate::chats::SidebarCounts;
    use crate::entities::{
        chat, now, share_grant, share_reader, share_request, shared_chat, user, user_group, user_group_member,
    };
    use crate::error::AppResult;
    use crate::share::{GrantPermission, PrincipalType, ANY, LIVE};

    /// The most links "Shared with me" lists.
    pub const MAX_ITEMS: usize = 200;

    /// The links others shared with `me` (by name, through a group of theirs, or with every
    /// member; not those open only to anyone with the link), that are not expired and whose
    /// owner is not paused; newest first, at most [`MAX_ITEMS`].
    pub async fn shared_with(db: &DatabaseConnection, me: &user::Model) -> AppResult<Vec<SharedWithMeItem>> {
        if me.role == Role::Pending {
            return Ok(Vec::new());
        }
        let my_groups: Vec<Uuid> = user_group_member::Entity::find()
            .select_only()
            .column(user_group_member::Column::GroupId)
            .filter(user_group_member::Column::UserId.eq(me.id))
            .into_tuple()
            .all(db)
            .await?;
        let groups: HashMap<String, String> = if my_groups.is_empty() {
            HashMap::new()
        } else {
            user_group::Entity::find()
                .filter(user_group::Column::Id.is_in(my_groups))
                .all(db)
                .await?
                .into_iter()
                .map(|g| (g.id.to_string(), g.name))
                .collect()
        };
        let mine = me.id.to_string();
        let user_grant = Condition::all()
            .add(share_grant::Column::PrincipalType.eq(PrincipalType::User.as_str()))
            .add(share_grant::Column::PrincipalId.is_in([mine.clone(), ANY.to_owned()]));
        let mut reach = Condition::any().add(user_grant);
        if !groups.is_empty() {
            reach = reach.add(
                Condition::all()
                    .add(share_grant::Column::PrincipalType.eq(PrincipalType::Group.as_str()))
                    .add(share_grant::Column::PrincipalId.is_in(groups.keys().cloned())),
            );
        }
        let grants = share_grant::Entity::find().filter(reach).all(db).await?;
        // Per link: how it reached me (by name first, then a group, then everyone) and the
        // strongest permission.
        let mut reached: HashMap<Uuid, (u8, String, bool)> = HashMap::new();
        for g in grants {
            let (rank, via) = if g.principal_type == PrincipalType::Group.as_str() {
                let name = groups.get(&g.principal_id).cloned().unwrap_or_default();
                (1, t!("inbox-via-group", name = name.clone()))
            } else if g.principal_id == mine {
                (0, t!("inbox-via-you"))
            } else {
                (2, t!("inbox-via-everyone"))
            };
            let write = GrantPermission::parse(&g.permission) == Some(GrantPermission::Write);
            let entry = reached.entry(g.share_id).or_insert((rank, via.clone(), write));
            if rank < entry.0 {
                entry.0 = rank;
                entry.1 = via;
            }
            entry.2 |= write;
        }
        if reached.is_empty() {
            return Ok(Vec::new());
        }
        let t = now();
        let links: Vec<(shared_chat::Model, Option<user::Model>)> = shared_chat::Entity::find()
            .filter(shared_chat::Column::Id.is_in(reached.keys().copied()))
            .filter(shared_chat::Column::UserId.ne(me.id))
            .find_also_related(user::Entity)
            .all(db)
            .await?;
        let links: Vec<(shared_chat::Model, user::Model)> = links
            .into_iter()
            .filter(|(l, _)| !l.expired_at(t))
            .filter_map(|(l, o)| o.filter(|o| o.role != Role::Pending).map(|o| (l, o)))
            .collect();
        let ids: Vec<Uuid> = links.iter().map(|(l, _)| l.id).collect();
        let live_chats: Vec<Uuid> = links
            .iter()
            .filter(|(l, _)| l.share_mode.as_deref() == Some(LIVE))
            .map(|(l, _)| l.chat_id)
            .collect();
        // A live link shows the chat as it is now: its title and its last change.
        let chats: HashMap<Uuid, (String, i64)> = if live_chats.is_empty() {
            HashMap::new()
        } else {
            chat::Entity::find()
                .select_only()
                .columns([chat::Column::Id, chat::Column::Title, chat::Column::UpdatedAt])
                .filter(chat::Column::Id.is_in(live_chats))
                .into_tuple::<(Uuid, String, i64)>()
                .all(db)
                .await?
                .into_iter()
                .map(|(id, title, at)| (id, (title, at)))
                .collect()
        };
        let seen: HashMap<Uuid, share_reader::Model> = share_reader::Entity::find()
            .filter(share_reader::Column::UserId.eq(me.id))
            .filter(share_reader::Column::ShareId.is_in(ids.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.share_id, r))
            .collect();
        let approved: HashMap<Uuid, i64> = share_request::Entity::find()
            .filter(share_request::Column::UserId.eq(me.id))
            .filter(share_request::Column::ShareId.is_in(ids.iter().copied()))
            .filter(share_request::Column::Status.eq(crate::share::requests::APPROVED))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.share_id, r.created_at))
            .collect();
        let mut items: Vec<SharedWithMeItem> = links
            .into_iter()
            .filter_map(|(l, owner)| {
                let (_, via, write) = reached.get(&l.id)?.clone();
                let live = l.share_mode.as_deref() == Some(LIVE);
                let (title, updated_at) = match chats.get(&l.chat_id) {
                    Some((title, at)) if live => {
                        let mut title = title.clone();
                        let scope = crate::share::scope::Scope::from_stored(l.scope.as_deref());
                        crate::share::scope::mask_text(&mut title, &scope.redact);
                        (title, *at)
                    }
                    _ => (l.title.clone(), l.updated_at),
                };
                let last = seen.get(&l.id);
                let new = match last {
                    None => true,
                    Some(r) if live => updated_at > r.seen_at,
                    Some(r) => r.seen_version < l.version,
                };
                let approved = approved
                    .get(&l.id)
                    .is_some_and(|asked| last.is_none_or(|r| r.seen_at < *asked));
                Some(SharedWithMeItem {
                    share_id: l.id,
                    chat_id: l.chat_id,
                    title,
                    owner_name: owner.name,
                    via,
                    updated_at,
                    live,
                    can_continue: live && write,
                    new,
                    approved,
                })
            })
            .collect();
        items.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.share_id.cmp(&b.share_id)));
        items.truncate(MAX_ITEMS);
        Ok(items)
    }

    /// What the sidebar counts for `me`.
    pub async fn counts(db: &DatabaseConnection, me: &user::Model) -> AppResult<SidebarCounts> {
        let new_shared = shared_with(db, me).await?.iter().filter(|i| i.new).count();
        let my_links: Vec<Uuid> = shared_chat::Entity::find()
            .select_only()
            .column(shared_chat::Column::Id)
            .filter(shared_chat::Column::UserId.eq(me.id))
            .into_tuple()
            .all(db)
            .await?;
        let pending: HashSet<Uuid> = crate::share::requests::pending_by_link(db, &my_links)
            .await?
            .into_values()
            .flatten()
            .map(|r| r.id)
            .collect();
        let pending_users = if me.role == Role::Admin {
            crate::accounts::service::pending_count(db).await?
        } else {
            0
        };
        Ok(SidebarCounts {
            new_shared,
            pending_requests: pending.len(),
            pending_users,
        })
    }
}
