//! Requests for access: a signed-in member whom a link's grants leave out asks for it from the
//! 403 page; the owner (or an admin) sees the pending requests in the Share modal and in "My
//! shared links", and approves
//! (the member gets a `user` read grant, and is told in "Shared with me") or declines in one
//! click. A declined member cannot ask the same link again.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use uuid::Uuid;

use super::{AccessRequest, PrincipalType};
use crate::accounts::service::require_member;
use crate::chats::service as chats;
use crate::entities::{now, share_request, user};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

const PENDING: &str = "pending";
const DECLINED: &str = "declined";
/// A request the owner approved: kept so that the member is told ("Shared with me", the
/// link's page) until they open the link.
pub const APPROVED: &str = "approved";

fn wire(r: share_request::Model, name: String) -> AccessRequest {
    AccessRequest {
        id: r.id,
        share_id: r.share_id,
        user_id: r.user_id,
        name,
        created_at: r.created_at,
        status: r.status,
    }
}

/// `caller` asks for access to link `share_id`: 404 for an unknown (or paused) link, 409 when
/// they can open it already or were declined; asking again while pending changes nothing.
pub async fn request(
    db: &DatabaseConnection,
    caller: &user::Model,
    share_id: Uuid,
) -> AppResult<AccessRequest> {
    let me = require_member(Some(caller.clone()))?;
    match super::service::view(db, &me, share_id).await {
        Ok(_) => return Err(AppError::Conflict("You can already open this chat.".to_owned())),
        Err(AppError::Forbidden(_)) => {}
        Err(e) => return Err(e),
    }
    share_request::Entity::insert(share_request::ActiveModel {
        id: Set(Uuid::new_v4()),
        share_id: Set(share_id),
        user_id: Set(me.id),
        status: Set(PENDING.to_owned()),
        created_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([share_request::Column::ShareId, share_request::Column::UserId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let row = share_request::Entity::find()
        .filter(share_request::Column::ShareId.eq(share_id))
        .filter(share_request::Column::UserId.eq(me.id))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    if row.status == DECLINED {
        return Err(AppError::Conflict(
            "The owner has declined your request for this chat.".to_owned(),
        ));
    }
    if row.status == APPROVED {
        // Approved once, and the access was taken back since: a new request.
        let again = share_request::ActiveModel {
            id: Set(row.id),
            status: Set(PENDING.to_owned()),
            created_at: Set(now()),
            ..Default::default()
        };
        return Ok(wire(
            share_request::Entity::update(again).exec(db).await?,
            me.name,
        ));
    }
    Ok(wire(row, me.name))
}

/// The pending requests for chat `chat_id`'s link, oldest first (owner or admin).
pub async fn pending(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<Vec<AccessRequest>> {
    let c = chats::find_visible(db, caller, chat_id).await?;
    let Some(share_id) = c.share_id else {
        return Ok(Vec::new());
    };
    Ok(pending_by_link(db, &[share_id])
        .await?
        .remove(&share_id)
        .unwrap_or_default())
}

/// The pending requests of each of the links `share_ids` (the caller's own: checked by who
/// asks), oldest first, in one query.
pub async fn pending_by_link(
    db: &DatabaseConnection,
    share_ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<AccessRequest>>> {
    let mut by_link: HashMap<Uuid, Vec<AccessRequest>> = HashMap::new();
    if share_ids.is_empty() {
        return Ok(by_link);
    }
    let rows = share_request::Entity::find()
        .filter(share_request::Column::ShareId.is_in(share_ids.iter().copied()))
        .filter(share_request::Column::Status.eq(PENDING))
        .order_by_asc(share_request::Column::CreatedAt)
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    for (r, u) in rows {
        let name = u.map(|u| u.name).unwrap_or_default();
        by_link.entry(r.share_id).or_default().push(wire(r, name));
    }
    Ok(by_link)
}

/// Approves (`approve`) or declines request `request_id` for chat `chat_id`'s link. Owner with
/// `chat.share`, or an admin; 404 for a request that is not pending on this chat's link.
pub async fn answer(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
    request_id: Uuid,
    approve: bool,
) -> AppResult<()> {
    let no_such = || AppError::NotFound("No such request for this chat.".to_owned());
    let share_id = match super::grants::managed_link(db, defaults, caller, chat_id).await {
        Err(AppError::Conflict(_)) => return Err(no_such()),
        other => other?,
    };
    let r = share_request::Entity::find_by_id(request_id)
        .one(db)
        .await?
        .filter(|r| r.share_id == share_id && r.status == PENDING)
        .ok_or_else(no_such)?;
    let txn = db.begin().await?;
    if approve {
        super::grants::grant_read(&txn, share_id, PrincipalType::User, &r.user_id.to_string()).await?;
        share_request::Entity::update(share_request::ActiveModel {
            id: Set(r.id),
            status: Set(APPROVED.to_owned()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    } else {
        share_request::Entity::update(share_request::ActiveModel {
            id: Set(r.id),
            status: Set(DECLINED.to_owned()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
