//! Accounts: sign-up and sign-in at `/auth` (by password, or through the company's identity
//! provider: [`sso`]), sessions, API keys (Settings › Account), roles and the `chat.share`
//! permission.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod caller;
mod components;
#[cfg(feature = "ssr")]
pub mod invitation;
#[cfg(feature = "ssr")]
mod management;
#[cfg(feature = "ssr")]
mod names;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod service;
pub mod sso;
#[cfg(feature = "ssr")]
mod throttle;

pub use crate::role::Role;
pub use components::{
    api_keys_resource, member_or, sign_in_redirect, AccountSettings, ApiKeysPanel, ApiKeysResource, AuthPage,
    PendingNotice, UserMenu,
};

/// What the current user may do (and, from `GET /api/v1/users/default/permissions`, what a
/// user without overrides may do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Chat permissions.
    pub chat: ChatPermissions,
    /// Which audiences a share link may have, and whether folders may be shared.
    #[serde(default)]
    pub sharing: SharingPermissions,
    /// Which features a member has.
    #[serde(default)]
    pub features: FeaturePermissions,
}

/// Which features a member has (Open WebUI's `features.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturePermissions {
    /// `features.folders`: may keep chats in folders.
    pub folders: bool,
}

impl Default for FeaturePermissions {
    fn default() -> Self {
        FeaturePermissions { folders: true }
    }
}

/// Which audiences a share link may have (instance-wide, set in Admin Panel → Settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingPermissions {
    /// `sharing.public_chats`: a link may be open to every approved member.
    pub public_chats: bool,
    /// `sharing.open_chats`: a link may be open to anyone who has it.
    pub open_chats: bool,
    /// `sharing.folders`: may share a folder.
    #[serde(default)]
    pub folders: bool,
}

impl Default for SharingPermissions {
    fn default() -> Self {
        SharingPermissions {
            public_chats: true,
            open_chats: false,
            folders: false,
        }
    }
}

#[cfg(feature = "ssr")]
impl Permissions {
    /// The permissions of `u` under the instance settings `s`.
    pub fn of(u: &crate::entities::user::Model, s: &crate::instance::InstanceSettings) -> Self {
        Permissions {
            chat: ChatPermissions {
                share: service::effective_can_share(u, s.default_can_share),
            },
            sharing: SharingPermissions {
                folders: u.role == Role::Admin || (u.role == Role::User && s.allow_folder_sharing),
                ..SharingPermissions::from(s)
            },
            features: FeaturePermissions {
                folders: u.role == Role::Admin || s.folders_enabled,
            },
        }
    }

    /// The permissions of a user without overrides.
    pub fn defaults(s: &crate::instance::InstanceSettings) -> Self {
        Permissions {
            chat: ChatPermissions {
                share: s.default_can_share,
            },
            sharing: SharingPermissions::from(s),
            features: FeaturePermissions {
                folders: s.folders_enabled,
            },
        }
    }
}

#[cfg(feature = "ssr")]
impl From<&crate::instance::InstanceSettings> for SharingPermissions {
    fn from(s: &crate::instance::InstanceSettings) -> Self {
        SharingPermissions {
            public_chats: s.allow_member_links,
            open_chats: s.allow_open_links,
            folders: s.allow_folder_sharing,
        }
    }
}

/// Chat permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatPermissions {
    /// `chat.share`: may create and update share links.
    pub share: bool,
}

/// The signed-in user as the UI and API clients see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    /// Account id.
    pub id: Uuid,
    /// Email, lower-cased.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What the account may do.
    pub role: Role,
    /// Avatar URL.
    pub profile_image_url: String,
    /// Effective permissions.
    pub permissions: Permissions,
}

/// The answer of sign-up, sign-in and `GET /api/v1/auths/` (Open WebUI's `SessionUserResponse`):
/// the session user and the bearer token that authenticates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionWithToken {
    /// The user.
    #[serde(flatten)]
    pub user: SessionUser,
    /// The session token (or API key) the request used or the sign-in created.
    pub token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// When a new session ends (epoch seconds); `null` when reading an existing one.
    pub expires_at: Option<i64>,
}

impl SessionWithToken {
    /// `user` with its bearer `token`.
    pub fn new(user: SessionUser, token: String, expires_at: Option<i64>) -> Self {
        SessionWithToken {
            user,
            token,
            token_type: "Bearer".to_owned(),
            expires_at,
        }
    }
}

/// An account as the Open WebUI admin API lists and updates it (`GET /api/v1/users/`,
/// `POST /api/v1/users/{id}/update`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserObject {
    /// Account id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Email, lower-cased.
    pub email: String,
    /// What the account may do.
    pub role: Role,
    /// Avatar URL.
    pub profile_image_url: String,
    /// Signed up, epoch seconds.
    pub created_at: i64,
    /// Last seen, epoch seconds.
    pub last_active_at: i64,
    /// The user's own `chat.share` override (`null`: the instance default applies).
    pub can_share: Option<bool>,
}

#[cfg(feature = "ssr")]
impl From<&crate::entities::user::Model> for UserObject {
    fn from(u: &crate::entities::user::Model) -> Self {
        UserObject {
            id: u.id,
            name: u.name.clone(),
            email: u.email.clone(),
            role: u.role,
            profile_image_url: u.profile_image_url.clone(),
            created_at: u.created_at,
            last_active_at: u.last_active_at,
            can_share: u.can_share,
        }
    }
}

impl SessionUser {
    /// Whether this user is an administrator.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
    /// Whether this user still waits for approval.
    pub fn is_pending(&self) -> bool {
        self.role == Role::Pending
    }
}

/// Result of signing in or up: who, and where to go next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    /// The account.
    pub user: SessionUser,
    /// The sanitised `?redirect=` target.
    pub redirect: String,
}

/// An API key as listed (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyInfo {
    /// Key id (for revoking).
    pub id: Uuid,
    /// The key's first characters, for recognising it.
    pub prefix: String,
    /// Created, epoch seconds.
    pub created_at: i64,
    /// Last used, epoch seconds.
    pub last_used_at: Option<i64>,
}

/// A newly created API key: shown once (`{"api_key", "id", "prefix", …}`, from the REST route
/// and the server function alike).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiKey {
    /// The key (`sk-…`).
    pub api_key: String,
    /// Its listing.
    #[serde(flatten)]
    pub info: ApiKeyInfo,
}

#[cfg(feature = "ssr")]
mod wire {
    use super::*;
    use crate::entities::{api_key, user};
    use crate::error::AppResult;
    use crate::state::AppState;

    /// Maps an account row to what clients see.
    pub async fn session_user(state: &AppState, u: &user::Model) -> AppResult<SessionUser> {
        let settings = crate::instance::service::get(&state.db, &state.defaults).await?;
        Ok(SessionUser {
            id: u.id,
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role,
            profile_image_url: u.profile_image_url.clone(),
            permissions: Permissions::of(u, &settings),
        })
    }

    /// Maps an API key row to its listing.
    pub fn api_key_info(k: &api_key::Model) -> ApiKeyInfo {
        ApiKeyInfo {
            id: k.id,
            prefix: k.prefix.clone(),
            created_at: k.created_at,
            last_used_at: k.last_used_at,
        }
    }
}
#[cfg(feature = "ssr")]
pub use wire::{api_key_info, session_user};

/// The app state and the caller's address (what sign-in limits count by).
#[cfg(feature = "ssr")]
async fn state_and_client() -> Result<(crate::state::AppState, String), AppError> {
    Ok((
        crate::state::app_state()?,
        crate::auth::client_info().await.address,
    ))
}

#[cfg(feature = "ssr")]
async fn finish_sign_in(
    state: &crate::state::AppState,
    signed: service::Authenticated,
    redirect: Option<String>,
) -> Result<SignedIn, AppError> {
    crate::auth::add_response_header(
        axum::http::header::SET_COOKIE,
        crate::auth::session_cookie(
            &signed.token,
            service::SESSION_TTL_SECS,
            crate::auth::client_info().await.https,
        ),
    );
    Ok(SignedIn {
        user: session_user(state, &signed.user).await?,
        redirect: crate::redirect::sanitize_redirect(redirect.as_deref()),
    })
}

/// `POST /api/fn/sign_in`: signs in and sets the session cookie.
#[server(prefix = "/api/fn", endpoint = "sign_in", input = Json, output = Json)]
pub async fn sign_in(
    email: String,
    password: String,
    redirect: Option<String>,
) -> Result<SignedIn, AppError> {
    let (state, client) = state_and_client().await?;
    sso::sign_in_config()?.require_password_login()?;
    let signed = service::sign_in(&state.db, &email, &password, &client).await?;
    finish_sign_in(&state, signed, redirect).await
}

/// `POST /api/fn/sign_up`: creates an account, signs it in and sets the session cookie.
#[server(prefix = "/api/fn", endpoint = "sign_up", input = Json, output = Json)]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    redirect: Option<String>,
) -> Result<SignedIn, AppError> {
    let (state, client) = state_and_client().await?;
    sso::sign_in_config()?.require_password_login()?;
    let signed = service::sign_up_from(
        &state.db,
        &state.defaults,
        service::SignUp {
            name,
            email,
            password,
        },
        &client,
    )
    .await?;
    finish_sign_in(&state, signed, redirect).await
}

/// `POST /api/fn/sign_out`: ends the session and clears the cookie.
#[server(prefix = "/api/fn", endpoint = "sign_out", input = Json, output = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let headers = crate::auth::request_headers().await?;
    if let Some(token) = crate::auth::token_from_headers(&headers) {
        service::sign_out(&state.db, &token).await?;
    }
    crate::auth::add_response_header(
        axum::http::header::SET_COOKIE,
        crate::auth::clear_session_cookie(),
    );
    Ok(())
}

/// `POST /api/fn/current_user`: the signed-in user, or `null`.
#[server(prefix = "/api/fn", endpoint = "current_user", input = Json, output = Json)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    let state = crate::state::app_state()?;
    match crate::accounts::caller::caller().await? {
        Some(u) => {
            profile::service::keep_preference_cookies(&state.db, u.id).await?;
            Ok(Some(session_user(&state, &u).await?))
        }
        None => Ok(None),
    }
}

/// `POST /api/fn/first_run`: `true` while the instance has no account, so the sign-in page
/// offers "Create the admin account" first (what Open WebUI's onboarding tells anyone too).
#[server(prefix = "/api/fn", endpoint = "first_run", input = Json, output = Json)]
pub async fn first_run() -> Result<bool, AppError> {
    let state = crate::state::app_state()?;
    service::is_first_run(&state.db).await
}

/// `POST /api/fn/create_api_key`: a new API key for the caller, shown once.
#[server(prefix = "/api/fn", endpoint = "create_api_key", input = Json, output = Json)]
pub async fn create_api_key() -> Result<NewApiKey, AppError> {
    let state = crate::state::app_state()?;
    let me = service::require_member(crate::accounts::caller::caller().await?)?;
    let (row, api_key) = service::create_api_key(&state.db, &state.defaults, &me).await?;
    Ok(NewApiKey {
        api_key,
        info: api_key_info(&row),
    })
}

/// `POST /api/fn/list_api_keys`: the caller's API keys (prefix and dates only).
#[server(prefix = "/api/fn", endpoint = "list_api_keys", input = Json, output = Json)]
pub async fn list_api_keys() -> Result<Vec<ApiKeyInfo>, AppError> {
    let state = crate::state::app_state()?;
    let me = service::require_member(crate::accounts::caller::caller().await?)?;
    Ok(service::list_api_keys(&state.db, &me)
        .await?
        .iter()
        .map(api_key_info)
        .collect())
}

/// `POST /api/fn/revoke_api_key` `{"id": …}`: revokes one of the caller's API keys.
#[server(prefix = "/api/fn", endpoint = "revoke_api_key", input = Json, output = Json)]
pub async fn revoke_api_key(id: Uuid) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let me = service::require_member(crate::accounts::caller::caller().await?)?;
    service::revoke_api_key(&state.db, &me, id).await
}

/// The current user, loaded once per page and shared by every component.
#[derive(Clone, Copy)]
pub struct CurrentUserResource(pub crate::ui::PageResource<Result<Option<SessionUser>, AppError>>);

/// Loads the current user and provides it to the component tree.
pub fn provide_current_user() {
    provide_context(CurrentUserResource(crate::ui::page_resource(
        || (),
        |_| current_user(),
    )));
}

/// The current user resource provided by [`provide_current_user`].
pub fn use_current_user() -> CurrentUserResource {
    use_context::<CurrentUserResource>()
        .unwrap_or_else(|| CurrentUserResource(crate::ui::page_resource(|| (), |_| current_user())))
}
