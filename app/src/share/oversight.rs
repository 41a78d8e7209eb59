//! The administrator's view of every link on the instance: list (search by title, filter by
//! owner), revoke one, revoke all of a member's. Each revocation is in the audit log as
//! `share.admin_revoke`.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

use super::records::{InstanceLink, Reach};
use super::{PrincipalType, ANY, LIVE};
use crate::entities::{chat, share_grant, shared_chat, user};
use crate::error::AppResult;

/// Links per page of [`list`].
pub const PAGE_SIZE: u64 = 50;

/// Every link whose title contains `query` (and, with `owner`, only theirs), newest first;
/// pages from 1.
pub async fn list(
    db: &DatabaseConnection,
    query: &str,
    owner: Option<Uuid>,
    page: u64,
) -> AppResult<Vec<InstanceLink>> {
    let mut q = super::service::listed_links();
    if let Some(u) = owner {
        q = q.filter(shared_chat::Column::UserId.eq(u));
    }
    let query = query.trim();
    if !query.is_empty() {
        q = q.filter(crate::entities::contains_ignoring_case(
            shared_chat::Column::Title,
            query,
        ));
    }
    let links: Vec<shared_chat::Model> = q
        .order_by_desc(shared_chat::Column::CreatedAt)
        .order_by_desc(shared_chat::Column::Id)
        .offset(crate::entities::page_offset(page, PAGE_SIZE)?)
        .limit(PAGE_SIZE)
        .into_model()
        .all(db)
        .await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.id).collect();
    let reach = reach(db, &ids).await?;
    let mut titles = chat_titles(db, links.iter().map(|l| l.chat_id)).await?;
    let owners: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(links.iter().map(|l| l.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(links
        .into_iter()
        .map(|l| {
            let owner = owners.get(&l.user_id);
            let (title, shared_as) = titled(titles.remove(&l.chat_id), l.title);
            InstanceLink {
                share_id: l.id,
                chat_id: l.chat_id,
                title,
                shared_as,
                user_id: l.user_id,
                owner_name: owner.map(|o| o.name.clone()).unwrap_or_default(),
                owner_email: owner.map(|o| o.email.clone()).unwrap_or_default(),
                audience: reach.get(&l.id).copied().unwrap_or(Reach::OnlyOwner),
                live: l.share_mode.as_deref() == Some(LIVE),
                has_password: l.password_hash.is_some(),
                created_at: l.created_at,
                updated_at: l.updated_at,
                expires_at: l.expires_at,
                view_count: l.view_count,
            }
        })
        .collect())
}

/// The widest audience of each of `share_ids` (one query; a link without grants is
/// [`Reach::OnlyOwner`]).
pub async fn reach(db: &DatabaseConnection, share_ids: &[Uuid]) -> AppResult<HashMap<Uuid, Reach>> {
    let mut out: HashMap<Uuid, Reach> = share_ids.iter().map(|id| (*id, Reach::OnlyOwner)).collect();
    if share_ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(Uuid, String, String)> = share_grant::Entity::find()
        .select_only()
        .columns([
            share_grant::Column::ShareId,
            share_grant::Column::PrincipalType,
            share_grant::Column::PrincipalId,
        ])
        .filter(share_grant::Column::ShareId.is_in(share_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let rank = |r: Reach| r as u8;
    for (share_id, t, id) in rows {
        let r = match (PrincipalType::parse(&t), id.as_str()) {
            (Some(PrincipalType::Anyone), _) => Reach::Anyone,
            (Some(PrincipalType::User), ANY) => Reach::Members,
            _ => Reach::People,
        };
        let e = out.entry(share_id).or_insert(Reach::OnlyOwner);
        if rank(r) > rank(*e) {
            *e = r;
        }
    }
    Ok(out)
}

/// Deletes link `share_id` (its chat loses the link), as administrator `admin`. 404 when
/// there is no such link.
pub async fn revoke(db: &DatabaseConnection, admin: &user::Model, share_id: Uuid) -> AppResult<()> {
    let txn = db.begin().await?;
    let link = shared_chat::Entity::find_by_id(share_id)
        .one(&txn)
        .await?
        .ok_or_else(super::service::link_not_found)?;
    unlink(&txn, &[share_id]).await?;
    super::audit::record(
        &txn,
        super::audit::ADMIN_REVOKE,
        Some(admin.id),
        Some(link.chat_id),
        Some(share_id),
        Some(format!("a link of {}", link.user_id)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes every link of member `owner`, as administrator `admin`; how many went.
pub async fn revoke_all_of(db: &DatabaseConnection, admin: &user::Model, owner: Uuid) -> AppResult<u64> {
    let txn = db.begin().await?;
    let links: Vec<(Uuid, Uuid)> = shared_chat::Entity::find()
        .select_only()
        .columns([shared_chat::Column::Id, shared_chat::Column::ChatId])
        .filter(shared_chat::Column::UserId.eq(owner))
        .into_tuple()
        .all(&txn)
        .await?;
    let ids: Vec<Uuid> = links.iter().map(|(id, _)| *id).collect();
    unlink(&txn, &ids).await?;
    for (share_id, chat_id) in &links {
        super::audit::record(
            &txn,
            super::audit::ADMIN_REVOKE,
            Some(admin.id),
            Some(*chat_id),
            Some(*share_id),
            Some(format!("every link of {owner}")),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(links.len() as u64)
}

/// Deletes links `ids` and clears their chats' `share_id`.
async fn unlink(txn: &sea_orm::DatabaseTransaction, ids: &[Uuid]) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    chat::Entity::update_many()
        .col_expr(chat::Column::ShareId, Expr::value(Option::<Uuid>::None))
        .filter(chat::Column::ShareId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    shared_chat::Entity::delete_many()
        .filter(shared_chat::Column::Id.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    Ok(())
}

/// The current titles of `chats` (a renamed chat's list entries follow the rename).
pub(super) async fn chat_titles(
    db: &DatabaseConnection,
    chats: impl IntoIterator<Item = Uuid>,
) -> AppResult<HashMap<Uuid, String>> {
    use crate::entities::chat;
    use sea_orm::QuerySelect;
    let chats: Vec<Uuid> = chats.into_iter().collect();
    if chats.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(chat::Entity::find()
        .select_only()
        .columns([chat::Column::Id, chat::Column::Title])
        .filter(chat::Column::Id.is_in(chats))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// A listed link's title: the chat's now, and the snapshot's when it differs (readers of a
/// snapshot still see that one).
pub(super) fn titled(current: Option<String>, snapshot: String) -> (String, Option<String>) {
    match current {
        Some(now) if now != snapshot => (now, Some(snapshot)),
        _ => (snapshot, None),
    }
}
