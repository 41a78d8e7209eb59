//! `/api/v1/auths/…`: sign-up, sign-in, session user, sign-out, API keys, admin config.

use app::accounts::{self, service, SessionWithToken};
use app::error::AppError;
use app::instance::service as instance;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{see_other, ApiJson, Caller, Client};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/auths/signup", post(signup))
        .route("/api/v1/auths/signin", post(signin))
        .route("/api/v1/auths/", get(session_user))
        .route("/api/v1/auths", get(session_user))
        // POST only: a GET could be triggered by any page with a link or an image.
        .route("/api/v1/auths/signout", post(signout))
        .route("/api/v1/auths/add", post(add_user))
        .route("/api/v1/auths/update/profile", post(update_profile))
        .route("/api/v1/auths/update/password", post(update_password))
        .route(
            "/api/v1/auths/api_key",
            post(create_key).get(list_keys).delete(delete_all_keys),
        )
        .route("/api/v1/auths/api_key/{id}", delete(delete_key))
        .route(
            "/api/v1/auths/admin/config",
            get(get_admin_config).post(set_admin_config),
        )
        // The sign-in page's plain HTML forms, for browsers without (or before) the WASM client.
        .route("/auth/sign-in", post(form_sign_in))
        .route("/auth/sign-up", post(form_sign_up))
        .route("/auth/sign-out", post(form_sign_out))
}

/// What the sign-in page's form posts (`application/x-www-form-urlencoded`). Every field may be
/// missing, so a form with a field left out comes back as the page with the service's message
/// in words rather than a plain-text rejection.
#[derive(Deserialize)]
struct AuthForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    redirect: Option<String>,
}

/// Back to the sign-in page with the error in words, the mode, the email typed and where to go
/// afterwards (never the password).
fn back_to_form(mode: &str, form: &AuthForm, e: &AppError) -> Response {
    let q = app::format::encode_query_value;
    let mut url = format!(
        "/auth?mode={mode}&error={}&email={}",
        e.notice_code(),
        q(&form.email)
    );
    if mode == "signup" {
        url.push_str(&format!("&name={}", q(&form.name)));
    }
    if let Some(r) = form.redirect.as_deref().filter(|r| !r.is_empty()) {
        url.push_str(&format!("&redirect={}", q(r)));
    }
    see_other(&url, None)
}

fn signed_in_redirect(signed: &service::Authenticated, https: bool, redirect: Option<&str>) -> Response {
    let cookie = app::auth::session_cookie(&signed.token, service::SESSION_TTL_SECS, https);
    see_other(&app::redirect::sanitize_redirect(redirect), Some(cookie))
}

/// `POST /auth/sign-in` (form): signs in and goes where `redirect` says, or back with the error.
async fn form_sign_in(
    State(state): State<ServerState>,
    Client(client): Client,
    axum::Form(form): axum::Form<AuthForm>,
) -> Response {
    if let Err(e) = state.sso.require_password_login() {
        return back_to_form("signin", &form, &e);
    }
    match service::sign_in(&state.app.db, &form.email, &form.password, &client.address).await {
        Ok(signed) => signed_in_redirect(&signed, client.https, form.redirect.as_deref()),
        Err(e) => back_to_form("signin", &form, &e),
    }
}

/// `POST /auth/sign-up` (form): creates the account, signs in and goes where `redirect` says, or
/// back with the error.
async fn form_sign_up(
    State(state): State<ServerState>,
    Client(client): Client,
    axum::Form(form): axum::Form<AuthForm>,
) -> Response {
    if let Err(e) = state.sso.require_password_login() {
        return back_to_form("signup", &form, &e);
    }
    let input = service::SignUp {
        name: form.name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
    };
    match service::sign_up_from(&state.app.db, &state.app.defaults, input, &client.address).await {
        Ok(signed) => signed_in_redirect(&signed, client.https, form.redirect.as_deref()),
        Err(e) => back_to_form("signup", &form, &e),
    }
}

/// `POST /auth/sign-out` (form): ends the session and goes to the sign-in page.
async fn form_sign_out(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    if let Some(token) = app::auth::session_cookie_from_headers(&headers) {
        if let Err(e) = service::sign_out(&state.app.db, &token).await {
            return e.into_response();
        }
    }
    see_other("/auth", Some(app::auth::clear_session_cookie()))
}

#[derive(Deserialize)]
struct SignUpBody {
    name: String,
    email: String,
    password: String,
}

#[derive(Deserialize)]
struct SignInBody {
    email: String,
    password: String,
}

async fn signed_in_response(state: &ServerState, https: bool, signed: service::Authenticated) -> Response {
    let user = match accounts::session_user(&state.app, &signed.user).await {
        Ok(u) => u,
        Err(e) => return e.into_response(),
    };
    let body = SessionWithToken::new(user, signed.token.clone(), Some(signed.expires_at));
    let cookie = app::auth::session_cookie(&signed.token, service::SESSION_TTL_SECS, https);
    ([(header::SET_COOKIE, cookie)], Json(body)).into_response()
}

async fn signup(
    State(state): State<ServerState>,
    Client(client): Client,
    ApiJson(b): ApiJson<SignUpBody>,
) -> Response {
    if let Err(e) = state.sso.require_password_login() {
        return e.into_response();
    }
    let input = service::SignUp {
        name: b.name,
        email: b.email,
        password: b.password,
    };
    match service::sign_up_from(&state.app.db, &state.app.defaults, input, &client.address).await {
        Ok(signed) => signed_in_response(&state, client.https, signed).await,
        Err(e) => e.into_response(),
    }
}

async fn signin(
    State(state): State<ServerState>,
    Client(client): Client,
    ApiJson(b): ApiJson<SignInBody>,
) -> Response {
    if let Err(e) = state.sso.require_password_login() {
        return e.into_response();
    }
    match service::sign_in(&state.app.db, &b.email, &b.password, &client.address).await {
        Ok(signed) => signed_in_response(&state, client.https, signed).await,
        Err(e) => e.into_response(),
    }
}

async fn session_user(
    State(state): State<ServerState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Json<SessionWithToken>, AppError> {
    let u = caller.0.ok_or(AppError::Unauthenticated)?;
    let user = accounts::session_user(&state.app, &u).await?;
    let token = app::auth::token_from_headers(&headers).unwrap_or_default();
    Ok(Json(SessionWithToken::new(user, token, None)))
}

/// Open WebUI's `POST /api/v1/auths/add` body.
#[derive(Deserialize)]
struct AddUser {
    name: String,
    email: String,
    password: String,
    /// Open WebUI's default: `pending`.
    #[serde(default = "pending_role")]
    role: String,
}

fn pending_role() -> String {
    "pending".to_owned()
}

/// Open WebUI's `POST /api/v1/auths/add`: an administrator adds an account; answers it (without
/// a session for it: the new member signs in themselves).
async fn add_user(
    State(state): State<ServerState>,
    caller: Caller,
    ApiJson(b): ApiJson<AddUser>,
) -> Result<Json<accounts::SessionUser>, AppError> {
    caller.admin()?;
    let u = app::accounts::service::add_user(&state.app.db, &b.name, &b.email, &b.password, &b.role).await?;
    Ok(Json(accounts::session_user(&state.app, &u).await?))
}

/// Open WebUI's `POST /api/v1/auths/update/profile` body.
#[derive(Deserialize)]
struct ProfileUpdate {
    name: String,
    /// A `data:` URL uploads a picture; `""` goes back to the initials; our own avatar
    /// address (as `GET /api/v1/auths/` gave it) keeps it.
    #[serde(default)]
    profile_image_url: Option<String>,
}

/// Open WebUI's `POST /api/v1/auths/update/profile`: my name and avatar; answers me.
async fn update_profile(
    State(state): State<ServerState>,
    caller: Caller,
    ApiJson(b): ApiJson<ProfileUpdate>,
) -> Result<Json<accounts::SessionUser>, AppError> {
    use app::accounts::profile::service as profile;
    let me = caller.member()?;
    let db = &state.app.db;
    let mut me = profile::update_profile(db, &me, &b.name, None).await?;
    match b.profile_image_url.as_deref() {
        Some(url) if url.starts_with("data:") => me = profile::set_avatar(db, &me, Some(url)).await?,
        Some("") => me = profile::set_avatar(db, &me, None).await?,
        _ => {}
    }
    Ok(Json(accounts::session_user(&state.app, &me).await?))
}

/// Open WebUI's `POST /api/v1/auths/update/password` body.
#[derive(Deserialize)]
struct PasswordUpdate {
    password: String,
    new_password: String,
}

/// Open WebUI's `POST /api/v1/auths/update/password`: `true` once changed (400 when the
/// current password is wrong or the new one too short); my other sessions end.
async fn update_password(
    State(state): State<ServerState>,
    headers: HeaderMap,
    caller: Caller,
    ApiJson(b): ApiJson<PasswordUpdate>,
) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    let token = app::auth::token_from_headers(&headers);
    app::accounts::profile::service::change_password(
        &state.app.db,
        &me,
        &b.password,
        &b.new_password,
        token.as_deref(),
    )
    .await?;
    Ok(Json(true))
}

/// What sign-out answers (Open WebUI's `{"status": true}`).
#[derive(Serialize)]
struct SignedOut {
    status: bool,
}

async fn signout(State(state): State<ServerState>, headers: HeaderMap) -> Result<Response, AppError> {
    if let Some(token) = app::auth::token_from_headers(&headers) {
        if !token.starts_with("sk-") {
            service::sign_out(&state.app.db, &token).await?;
        }
    }
    Ok((
        [(header::SET_COOKIE, app::auth::clear_session_cookie())],
        Json(SignedOut { status: true }),
    )
        .into_response())
}

async fn create_key(
    State(state): State<ServerState>,
    caller: Caller,
) -> Result<Json<accounts::NewApiKey>, AppError> {
    let me = caller.member()?;
    let (row, api_key) = service::create_api_key(&state.app.db, &state.app.defaults, &me).await?;
    Ok(Json(accounts::NewApiKey {
        api_key,
        info: accounts::api_key_info(&row),
    }))
}

async fn list_keys(
    State(state): State<ServerState>,
    caller: Caller,
) -> Result<Json<Vec<accounts::ApiKeyInfo>>, AppError> {
    let me = caller.member()?;
    Ok(Json(
        service::list_api_keys(&state.app.db, &me)
            .await?
            .iter()
            .map(accounts::api_key_info)
            .collect(),
    ))
}

async fn delete_key(
    State(state): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound("No such API key.".to_owned()))?;
    service::revoke_api_key(&state.app.db, &me, id).await?;
    Ok(Json(true))
}

/// Open WebUI keeps one key per user and deletes it with `DELETE /api/v1/auths/api_key`:
/// here that revokes all of the caller's keys.
async fn delete_all_keys(State(state): State<ServerState>, caller: Caller) -> Result<Json<bool>, AppError> {
    let me = caller.member()?;
    for k in service::list_api_keys(&state.app.db, &me).await? {
        service::revoke_api_key(&state.app.db, &me, k.id).await?;
    }
    Ok(Json(true))
}

/// Open WebUI's admin config (`GET`/`POST /api/v1/auths/admin/config`): the instance settings
/// it has, under its names.
#[derive(Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct AdminConfig {
    enable_signup: bool,
    default_user_role: String,
    enable_api_keys: bool,
    enable_community_sharing: bool,
    community_sharing_url: String,
    tts_enabled: bool,
    tts_voice: String,
    tts_rate: f64,
    share_link_default_days: u32,
    share_link_max_days: u32,
    audit_retention_days: u32,
    community_hub_enabled: bool,
    community_allowed_origins: Vec<String>,
    community_indexable: bool,
    community_quota_mb: u32,
    instance_name: String,
    share_embed_origins: Vec<String>,
    /// The interface's language for people whose account and browser name none it speaks
    /// (Open WebUI's `DEFAULT_LOCALE`).
    default_locale: String,
}

impl From<app::instance::InstanceSettings> for AdminConfig {
    fn from(s: app::instance::InstanceSettings) -> Self {
        AdminConfig {
            enable_signup: s.enable_signup,
            default_user_role: s.default_user_role,
            enable_api_keys: s.enable_api_keys,
            enable_community_sharing: s.enable_community_sharing,
            community_sharing_url: s.community_sharing_url,
            tts_enabled: s.tts_enabled,
            tts_voice: s.tts_voice,
            tts_rate: s.tts_rate,
            share_link_default_days: s.share_link_default_days,
            share_link_max_days: s.share_link_max_days,
            audit_retention_days: s.audit_retention_days,
            community_hub_enabled: s.community_hub_enabled,
            community_allowed_origins: s.community_allowed_origins,
            community_indexable: s.community_indexable,
            community_quota_mb: s.community_quota_mb,
            instance_name: s.instance_name,
            share_embed_origins: s.share_embed_origins,
            default_locale: s.default_language,
        }
    }
}

/// A change to the admin config: the keys sent, under Open WebUI's names; written as the
/// instance settings' patch (their names). Unknown keys (Open WebUI has many more) are ignored,
/// as Open WebUI ignores extras.
#[derive(Deserialize, Serialize)]
#[serde(rename_all(deserialize = "SCREAMING_SNAKE_CASE"))]
struct AdminConfigChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_signup: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_user_role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_api_keys: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_community_sharing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community_sharing_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tts_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tts_voice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tts_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_link_default_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_link_max_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audit_retention_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community_hub_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community_allowed_origins: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community_indexable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community_quota_mb: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_embed_origins: Option<Vec<String>>,
    /// `DEFAULT_LOCALE`, stored as the instance's default language.
    #[serde(
        skip_serializing_if = "Option::is_none",
        rename(serialize = "default_language")
    )]
    default_locale: Option<String>,
}

async fn get_admin_config(
    State(state): State<ServerState>,
    caller: Caller,
) -> Result<Json<AdminConfig>, AppError> {
    caller.admin()?;
    let s = instance::get(&state.app.db, &state.app.defaults).await?;
    Ok(Json(s.into()))
}

async fn set_admin_config(
    State(state): State<ServerState>,
    caller: Caller,
    ApiJson(change): ApiJson<AdminConfigChange>,
) -> Result<Json<AdminConfig>, AppError> {
    caller.admin()?;
    let patch = serde_json::to_value(&change).map_err(|_| AppError::Internal)?;
    let s = instance::update(&state.app.db, &state.app.defaults, patch).await?;
    Ok(Json(s.into()))
}
