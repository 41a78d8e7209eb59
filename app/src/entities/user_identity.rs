//! An identity provider's account (issuer and subject) linked to one of ours.
use sea_orm::entity::prelude::*;

/// A row of `user_identity`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_identity")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The account it signs in to.
    pub user_id: Uuid,
    /// The IdP's issuer URL.
    pub issuer: String,
    /// The IdP's `sub` for the person: with the issuer, unique.
    pub subject: String,
    pub created_at: i64,
    pub last_sign_in_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
