//! `GET /api/config`: what a client needs to know about this instance, in Open WebUI's shape.
//! Anyone may read the public part (name, version, whether sign-up is open); a signed-in
//! member also gets the features in force, the text-to-speech settings and their own
//! effective permissions.

use app::accounts;
use app::error::AppError;
use app::instance::service as instance;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::Caller;
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new().route("/api/config", get(config))
}

/// `GET /api/config` in Open WebUI's shape; the member-only parts are absent for anyone else.
#[derive(Serialize)]
struct InstanceConfig {
    status: bool,
    name: &'static str,
    version: &'static str,
    features: Features,
    #[serde(skip_serializing_if = "Option::is_none")]
    audio: Option<Audio>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions: Option<accounts::Permissions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<ConfigUser>,
}

#[derive(Serialize)]
struct Features {
    auth: bool,
    enable_login_form: bool,
    enable_signup: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_api_key: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_community_sharing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community_sharing_url: Option<String>,
}

#[derive(Serialize)]
struct Audio {
    tts: Tts,
}

#[derive(Serialize)]
struct Tts {
    enabled: bool,
    voice: String,
    rate: f64,
}

#[derive(Serialize)]
struct ConfigUser {
    id: uuid::Uuid,
    name: String,
    role: accounts::Role,
}

async fn config(State(state): State<ServerState>, caller: Caller) -> Result<Json<InstanceConfig>, AppError> {
    let s = instance::get(&state.app.db, &state.app.defaults).await?;
    let member = caller.0.filter(|u| u.role != accounts::Role::Pending);
    let mut out = InstanceConfig {
        status: true,
        name: "chatshare",
        version: env!("CARGO_PKG_VERSION"),
        features: Features {
            auth: true,
            enable_login_form: true,
            enable_signup: s.enable_signup,
            enable_api_key: None,
            enable_community_sharing: None,
            community_sharing_url: None,
        },
        audio: None,
        permissions: None,
        user: None,
    };
    let Some(u) = member else {
        return Ok(Json(out));
    };
    let me = accounts::session_user(&state.app, &u).await?;
    out.features.enable_api_key = Some(s.enable_api_keys);
    out.features.enable_community_sharing = Some(s.enable_community_sharing);
    out.features.community_sharing_url = Some(s.community_sharing_url);
    out.audio = Some(Audio {
        tts: Tts {
            enabled: s.tts_enabled,
            voice: s.tts_voice,
            rate: s.tts_rate,
        },
    });
    out.permissions = Some(me.permissions);
    out.user = Some(ConfigUser {
        id: me.id,
        name: me.name,
        role: me.role,
    });
    Ok(Json(out))
}
