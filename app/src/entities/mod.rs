//! sea-orm entities: the database rows. Server-only, and never sent to a client as they are:
//! each feature maps them to its own wire types.

pub mod api_key;
pub mod auth_attempt;
pub mod chat;
pub mod connection;
pub mod session;
pub mod setting;
pub mod shared_chat;
pub mod user;

/// Now, in epoch seconds (how every time is stored).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
