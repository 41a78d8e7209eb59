//! Groups of members (Open WebUI's groups), managed by administrators. A share link can be
//! granted to a group (a `group` grant, see the share feature); its members then may open it.
//! Members see the groups (to share with them) but not who is in them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
pub mod service;

/// A group, as `GET /api/v1/groups/` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupItem {
    /// The group's id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its members' ids (for administrators only; absent for anyone else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_ids: Option<Vec<Uuid>>,
    /// Created, epoch seconds.
    pub created_at: i64,
    /// Last changed, epoch seconds.
    pub updated_at: i64,
}
