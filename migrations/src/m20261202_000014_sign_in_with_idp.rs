//! Sign-in with the company's identity provider (OpenID Connect):
//! - `user_identity`: which account an IdP account (its issuer and subject) signs in to. An
//!   account is found by this link, never by its email alone.
//! - `oidc_login`: a sign-in on its way through the IdP, keyed by the hash of its `state`; it
//!   holds the nonce and the PKCE verifier the answer is checked against, and where to go
//!   afterwards. Used once, then deleted; kept in the database (not one process's memory) so
//!   the IdP's answer may reach any server process.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserIdentity {
    Table,
    Id,
    UserId,
    Issuer,
    Subject,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum OidcLogin {
    Table,
    StateHash,
    Nonce,
    PkceVerifier,
    RedirectUri,
    ReturnTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserIdentity::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(UserIdentity::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(UserIdentity::UserId).uuid().not_null())
                    .col(ColumnDef::new(UserIdentity::Issuer).text().not_null())
                    .col(ColumnDef::new(UserIdentity::Subject).text().not_null())
                    .col(ColumnDef::new(UserIdentity::CreatedAt).big_integer().not_null())
                    .col(
                        ColumnDef::new(UserIdentity::LastSignInAt)
                            .big_integer()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_identity_user")
                            .from(UserIdentity::Table, UserIdentity::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_user_identity_issuer_subject")
                    .table(UserIdentity::Table)
                    .col(UserIdentity::Issuer)
                    .col(UserIdentity::Subject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_user_identity_user")
                    .table(UserIdentity::Table)
                    .col(UserIdentity::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OidcLogin::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(OidcLogin::StateHash)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(OidcLogin::Nonce).text().not_null())
                    .col(ColumnDef::new(OidcLogin::PkceVerifier).text().not_null())
                    .col(ColumnDef::new(OidcLogin::RedirectUri).text().not_null())
                    .col(ColumnDef::new(OidcLogin::ReturnTo).text().not_null())
                    .col(ColumnDef::new(OidcLogin::CreatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OidcLogin::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UserIdentity::Table).to_owned())
            .await
    }
}
