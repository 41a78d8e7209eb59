//! Who besides a chat's owner may continue it. Sharing decides that (a live link's write
//! grants, see `share::grants`), but the chats feature cannot depend on sharing, so sharing
//! hands its rule in at start-up ([`let_collaborate`]); until then nobody but the owner (and
//! admins) may.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use sea_orm::{DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::accounts::service::Role;
use crate::entities::{chat, user};
use crate::error::{AppError, AppResult};

/// The answer of [`Collaboration::may_continue`].
pub type Verdict<'a> = Pin<Box<dyn Future<Output = AppResult<bool>> + Send + 'a>>;

/// A rule that lets members other than the owner continue a chat.
pub trait Collaboration: Send + Sync {
    /// Whether `caller` (an approved member who neither owns `chat` nor is an admin) may read
    /// and continue it.
    fn may_continue<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        caller: &'a user::Model,
        chat: &'a chat::Model,
    ) -> Verdict<'a>;
}

static RULE: OnceLock<Box<dyn Collaboration>> = OnceLock::new();

/// Installs the rule (once per process; later calls change nothing).
pub fn let_collaborate(rule: Box<dyn Collaboration>) {
    let _ = RULE.set(rule);
}

/// A chat as someone who may write to it found it.
#[derive(Debug, Clone)]
pub struct Writable {
    /// The chat.
    pub chat: chat::Model,
    /// Whether the caller owns it or is an admin (`false`: a collaborator, who may add turns
    /// but not rename, delete, share or export it).
    pub owned: bool,
}

/// The chat `id` for a caller who may add turns to it: its owner, an admin, or a collaborator
/// the installed rule lets in. Anyone else gets the same 404 as for a chat that does not exist.
pub async fn find_writable(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<Writable> {
    let c = chat::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::chat_not_found)?;
    if c.user_id == caller.id || caller.role == Role::Admin {
        return Ok(Writable { chat: c, owned: true });
    }
    if caller.role == Role::Pending || c.share_id.is_none() {
        return Err(AppError::chat_not_found());
    }
    match RULE.get() {
        Some(rule) if rule.may_continue(db, caller, &c).await? => Ok(Writable {
            chat: c,
            owned: false,
        }),
        _ => Err(AppError::chat_not_found()),
    }
}
