//! The chatshare database schema, as sea-orm migrations.
//!
//! Applied at server start-up; also runnable by hand with
//! `cargo run -p migrations -- up|down|status`.

pub use sea_orm_migration::prelude::*;

pub mod version_chunks;

mod m20261121_000001_initial_schema;
mod m20261122_000002_connections;
mod m20261128_000003_shared_render;
mod m20261201_000004_chat_version;
mod m20261201_000005_share_grants;
mod m20261201_000006_share_requests;
mod m20261201_000007_groups;
mod m20261201_000008_share_password;
mod m20261201_000009_share_mode;
mod m20261201_000010_link_lifetime;
mod m20261201_000011_share_scope;
mod m20261201_000012_share_versions;
mod m20261201_000013_community;
mod m20261202_000014_sign_in_with_idp;
mod m20261205_000015_security_round_three;
mod m20261205_000016_live_changes;
mod m20261205_000017_share_card;
mod m20261205_000018_user_profile;
mod m20261206_000019_folders;
mod m20261206_000020_version_chunks;

/// Every migration of the chatshare schema, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_initial_schema::Migration),
            Box::new(m20261122_000002_connections::Migration),
            Box::new(m20261128_000003_shared_render::Migration),
            Box::new(m20261201_000004_chat_version::Migration),
            Box::new(m20261201_000005_share_grants::Migration),
            Box::new(m20261201_000006_share_requests::Migration),
            Box::new(m20261201_000007_groups::Migration),
            Box::new(m20261201_000008_share_password::Migration),
            Box::new(m20261201_000009_share_mode::Migration),
            Box::new(m20261201_000010_link_lifetime::Migration),
            Box::new(m20261201_000011_share_scope::Migration),
            Box::new(m20261201_000012_share_versions::Migration),
            Box::new(m20261201_000013_community::Migration),
            Box::new(m20261202_000014_sign_in_with_idp::Migration),
            Box::new(m20261205_000015_security_round_three::Migration),
            Box::new(m20261205_000016_live_changes::Migration),
            Box::new(m20261205_000017_share_card::Migration),
            Box::new(m20261205_000018_user_profile::Migration),
            Box::new(m20261206_000019_folders::Migration),
            Box::new(m20261206_000020_version_chunks::Migration),
        ]
    }
}
