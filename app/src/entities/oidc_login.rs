//! A sign-in on its way through the identity provider (used once).
use sea_orm::entity::prelude::*;

/// A row of `oidc_login`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_login")]
pub struct Model {
    /// SHA-256 of the `state` sent to the IdP (the browser holds the state in a cookie).
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_hash: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE code verifier sent with the code.
    pub pkce_verifier: String,
    /// The callback URL sent to the IdP (the token request repeats it).
    pub redirect_uri: String,
    /// Where the browser goes after signing in (already sanitised).
    pub return_to: String,
    pub created_at: i64,
    /// The client address that started it (pending sign-ins are capped per address).
    pub client: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
