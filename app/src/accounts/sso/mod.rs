//! Sign-in with the company's identity provider: OpenID Connect (`/auth/oidc/start` →
//! the provider → `/auth/oidc/callback`) and trusted-header sign-in behind an authenticating
//! reverse proxy (oauth2-proxy, Authelia). Accounts are linked to the provider's subject
//! (`user_identity`), created on first sign-in with the default role, and, when configured,
//! take their admin role and group memberships from the provider's groups. Admin Panel →
//! Settings → Authentication shows what is configured.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

mod components;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod identities;
#[cfg(feature = "ssr")]
pub mod oidc;
#[cfg(feature = "ssr")]
pub mod trusted_header;

pub use components::{AuthenticationPanel, ContinueWithProvider};
#[cfg(feature = "ssr")]
pub use config::{OidcConfig, SsoConfig, TrustedHeaderConfig};

/// This server's sign-in configuration, from the request's context (the server puts it there).
#[cfg(feature = "ssr")]
pub fn sign_in_config() -> Result<std::sync::Arc<SsoConfig>, AppError> {
    crate::state::from_context("the sign-in configuration")
}

/// Where the sign-in page's "Continue with …" link starts a sign-in at the identity provider.
pub const OIDC_START_PATH: &str = "/auth/oidc/start";
/// Where the identity provider sends the browser back (register it at the provider).
pub const OIDC_CALLBACK_PATH: &str = "/auth/oidc/callback";

/// How people sign in to this instance: what the sign-in page offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    /// The instance has no account yet (the page opens on "Create the admin account").
    pub first_run: bool,
    /// The email and password form is offered (`ENABLE_PASSWORD_LOGIN`).
    pub password_login: bool,
    /// The identity provider's name for "Continue with {name}", when OpenID Connect is set up.
    pub provider: Option<String>,
    /// Why a stranger is asked to sign in, when they came from a members-only shared link:
    /// "{owner} shared a chat with the members of {instance}. Sign in to read it." (no title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<String>,
}

/// What Admin Panel → Settings → Authentication shows (read-only: it comes from the server's
/// environment; secrets are masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthenticationSettings {
    /// The email and password form is offered.
    pub password_login: bool,
    /// OpenID Connect, when configured.
    pub oidc: Option<OidcSummary>,
    /// Trusted-header sign-in, when configured.
    pub trusted_header: Option<TrustedHeaderSummary>,
    /// `--trusted-proxies`: the addresses whose forwarded headers are believed.
    pub trusted_proxies: Vec<String>,
}

/// The OpenID Connect settings, with the client secret masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OidcSummary {
    /// `OIDC_PROVIDER_NAME`.
    pub provider_name: String,
    /// `OIDC_ISSUER_URL`.
    pub issuer_url: String,
    /// `OIDC_CLIENT_ID`.
    pub client_id: String,
    /// `OIDC_CLIENT_SECRET` as `••••••••` when set, `not set` otherwise.
    pub client_secret: String,
    /// `OIDC_SCOPES`.
    pub scopes: Vec<String>,
    /// `OIDC_ALLOWED_DOMAINS` (empty: any).
    pub allowed_domains: Vec<String>,
    /// `OIDC_GROUPS_CLAIM` (none: groups are not read).
    pub groups_claim: Option<String>,
    /// `OIDC_ADMIN_GROUPS`.
    pub admin_groups: Vec<String>,
    /// `OIDC_MERGE_ACCOUNTS_BY_EMAIL`.
    pub merge_by_email: bool,
    /// `OIDC_REDIRECT_URI`, or how it is worked out when unset.
    pub redirect_uri: String,
}

/// The trusted-header settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedHeaderSummary {
    /// `TRUSTED_EMAIL_HEADER`.
    pub email_header: String,
    /// `TRUSTED_NAME_HEADER`.
    pub name_header: Option<String>,
}

/// `POST /api/fn/sign_in_methods` `{"redirect": "/s/…"}`: what the sign-in page offers (anyone
/// may ask); with the page's `redirect`, when it is a shared link, who shared it and with whom.
#[server(prefix = "/api/fn", endpoint = "sign_in_methods", input = Json, output = Json)]
pub async fn sign_in_methods(#[server(default)] redirect: Option<String>) -> Result<SignInOptions, AppError> {
    let state = crate::state::app_state()?;
    let sso = sign_in_config()?;
    let link = redirect
        .as_deref()
        .and_then(|r| r.strip_prefix("/s/"))
        .and_then(|id| uuid::Uuid::parse_str(id).ok());
    let invitation = match link {
        Some(id) => crate::accounts::invitation::invitation(&state.db, &state.defaults, id).await?,
        None => None,
    };
    Ok(SignInOptions {
        first_run: crate::accounts::service::is_first_run(&state.db).await?,
        password_login: sso.password_login,
        provider: sso.oidc.as_ref().map(|o| o.provider_name.clone()),
        invitation,
    })
}

/// `POST /api/fn/admin_authentication_settings` `{}`: how sign-in is configured (admins).
#[server(prefix = "/api/fn", endpoint = "admin_authentication_settings", input = Json, output = Json)]
pub async fn admin_authentication_settings() -> Result<AuthenticationSettings, AppError> {
    crate::accounts::caller::admin().await?;
    Ok(sign_in_config()?.summary())
}
