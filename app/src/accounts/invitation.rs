//! What the sign-in page tells a stranger who followed a members-only link: who shared a chat
//! and with whom, never its title. (Sharing sends them here; this reads the link's row through
//! the entity's helpers, so that accounts does not depend on the share feature, which depends
//! on it.)

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::entities::shared_chat;
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
    let Some((link, Some(owner))) = shared_chat::with_owner(db, share_id).await? else {
        return Ok(None);
    };
    if owner.role == Role::Pending || link.expired_at(crate::entities::now()) {
        return Ok(None);
    }
    let instance = crate::instance::service::get(db, defaults).await?.instance_name;
    Ok(Some(format!(
        "{} shared a chat with the members of {instance}. Sign in to read it.",
        owner.name
    )))
}
