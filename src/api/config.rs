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
use serde_json::{json, Value};

use super::Caller;
use crate::server::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new().route("/api/config", get(config))
}

async fn config(State(state): State<ServerState>, caller: Caller) -> Result<Json<Value>, AppError> {
    let s = instance::get(&state.app.db, &state.app.defaults).await?;
    let member = caller.0.filter(|u| u.role != accounts::Role::Pending);
    let Some(u) = member else {
        return Ok(Json(json!({
            "status": true,
            "name": "chatshare",
            "version": env!("CARGO_PKG_VERSION"),
            "features": { "auth": true, "enable_login_form": true, "enable_signup": s.enable_signup },
        })));
    };
    let me = accounts::session_user(&state.app, &u).await?;
    let out = json!({
        "status": true,
        "name": "chatshare",
        "version": env!("CARGO_PKG_VERSION"),
        "features": {
            "auth": true,
            "enable_login_form": true,
            "enable_signup": s.enable_signup,
            "enable_api_key": s.enable_api_keys,
            "enable_community_sharing": s.enable_community_sharing,
            "community_sharing_url": s.community_sharing_url,
        },
        "audio": { "tts": { "enabled": s.tts_enabled, "voice": s.tts_voice, "rate": s.tts_rate } },
        "permissions": me.permissions,
        "user": { "id": me.id, "name": me.name, "role": me.role },
    });
    Ok(Json(out))
}
