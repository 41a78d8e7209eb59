//! What the sign-in page tells a stranger who followed a members-only link: who shared a chat
//! and with whom, never its title. (Sharing sends them here; this reads the link's row itself,
//! so that accounts does not depend on the share feature, which depends on it.)

use sea_orm::{DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::entities::{shared_chat, user};
use crate::error::AppResult;
use crate::instance::SettingsDefaults;
use crate::role::Role;

/// "{owner} shared a chat with the members of {instance}. Sign in to read it." for link
/// `share_id`; `None` when there is no such link (or its owner cannot share) or it expired (its
/// page says so without asking anyone to sign in).
pub async fn invitation(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    share_id: Uuid,
) -> AppResult<Option<String>> {
    let Some((link, Some(owner))) = shared_chat::Entity::find_by_id(share_id)
        .find_also_related(user::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let expired = link.expires_at.is_some_and(|at| at <= crate::entities::now());
    if owner.role == Role::Pending || expired {
        return Ok(None);
    }
    let instance = crate::instance::service::get(db, defaults).await?.instance_name;
    Ok(Some(format!(
        "{} shared a chat with the members of {instance}. Sign in to read it.",
        owner.name
    )))
}
