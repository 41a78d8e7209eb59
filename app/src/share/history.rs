//! A link's versions on the wire: the list the owner sees and the server functions behind the
//! Share modal's "Versions" (the service is [`super::versions`]).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// One version of a link, as `GET /api/v1/chats/share/{share_id}/versions` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareVersionInfo {
    /// Its number, from 1.
    pub version: i64,
    /// When it was made, epoch seconds.
    pub created_at: i64,
    /// The title it had.
    pub title: String,
    /// How many messages it holds.
    pub message_count: i64,
    /// Whether readers see it now.
    #[serde(default)]
    pub current: bool,
}

/// The chat's link (for the server functions, which name the chat as the modal does).
#[cfg(feature = "ssr")]
async fn link_of(
    chat_id: Uuid,
) -> Result<(crate::state::AppState, crate::entities::user::Model, Uuid), AppError> {
    let (state, me) = crate::accounts::caller::member().await?;
    let c = crate::chats::service::find_visible(&state.db, &me, chat_id).await?;
    let share_id = c
        .share_id
        .ok_or_else(|| AppError::NotFound("This chat has no link.".to_owned()))?;
    Ok((state, me, share_id))
}

/// `POST /api/fn/share_versions` `{"chat_id": …}`: the versions of the chat's link, newest
/// first (owner or admin).
#[server(prefix = "/api/fn", endpoint = "share_versions", input = Json, output = Json)]
pub async fn list_share_versions(chat_id: Uuid) -> Result<Vec<ShareVersionInfo>, AppError> {
    let (state, me, share_id) = link_of(chat_id).await?;
    super::versions::list(&state.db, &me, share_id).await
}

/// `POST /api/fn/restore_share_version` `{"chat_id": …, "version": N}`: readers get version N
/// again (as a new version); the new version's number.
#[server(prefix = "/api/fn", endpoint = "restore_share_version", input = Json, output = Json)]
pub async fn restore_share_version(chat_id: Uuid, version: i64) -> Result<i64, AppError> {
    let (state, me, share_id) = link_of(chat_id).await?;
    super::versions::restore(&state.db, &me, share_id, version).await
}

/// `POST /api/fn/delete_share_version` `{"chat_id": …, "version": N}`: deletes version N (not
/// the current one).
#[server(prefix = "/api/fn", endpoint = "delete_share_version", input = Json, output = Json)]
pub async fn delete_share_version(chat_id: Uuid, version: i64) -> Result<(), AppError> {
    let (state, me, share_id) = link_of(chat_id).await?;
    super::versions::delete(&state.db, &me, share_id, version).await
}
