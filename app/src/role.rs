//! [`Role`]: what an account may do. One type for the database column (`user.role`, stored
//! as its name), the server's rules, the wire (`"admin"`, `"user"`, `"pending"`) and the UI.
//! It sits on the ground floor, beside the rows that store it: `entities` and every feature use
//! it (`accounts` re-exports it as `accounts::Role`).

use serde::{Deserialize, Serialize};

/// An account's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum Role {
    /// Everything, including the Admin Panel and any chat's share link.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
    /// A normal member.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "user"))]
    User,
    /// Signed up, waiting for an administrator's approval; can do nothing yet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
}

impl Role {
    /// Every role, least rights first (the Admin Panel's role menu).
    pub const ALL: [Role; 3] = [Role::Pending, Role::User, Role::Admin];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::User => "user",
            Role::Pending => "pending",
        }
    }

    /// Parses a role name (from a request or a setting).
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
