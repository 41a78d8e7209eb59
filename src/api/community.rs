//! The community's JSON API (`/api/v1/community/chats…`) and the plain forms of its pages
//! ("Update Chat", "Delete", an administrator's "Hide"). Every handler answers 404 when the
//! admin turned the community off.

use app::community::{service, Access, CommunityChatSummary, CommunityList, ListQuery, Published};
use app::error::AppError;
use axum::extract::{Path, State};

use super::Query;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::{ApiJson, Caller};
use crate::state::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/api/v1/community/chats", get(list).post(publish))
        .route("/api/v1/community/chats/mine", get(mine))
        .route(
            "/api/v1/community/chats/{id}",
            get(read).post(change).delete(remove),
        )
        .route("/api/v1/community/chats/{id}/hide", post(hide))
        .route("/chats/upload", post(form_publish))
        .route("/chats/upload/preview", post(upload_preview))
        .route("/community/c/{id}/update", post(form_update))
        .route("/community/c/{id}/delete", post(form_delete))
        .route("/community/c/{id}/hide", post(form_hide))
}

fn community_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| app::community::not_found())
}

async fn hub(s: &ServerState) -> Result<app::instance::InstanceSettings, AppError> {
    service::hub(&s.app.db, &s.app.defaults).await
}

/// `POST /api/v1/community/chats`'s body.
#[derive(Deserialize)]
struct PublishBody {
    chat: Value,
    #[serde(default)]
    models: Value,
    /// `private` (the default), `public` or `public_full_history`.
    #[serde(default)]
    access: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// Publishes a chat (members; 401 for visitors); answers `{id, url}` (`url` absolute).
async fn publish(
    State(s): State<ServerState>,
    caller: Caller,
    ApiJson(b): ApiJson<PublishBody>,
) -> Result<Json<Published>, AppError> {
    let settings = hub(&s).await?;
    let me = caller.member()?;
    let access = Access::requested(b.access.as_deref())?;
    let row = service::publish(
        &s.app.db,
        &me,
        service::Upload {
            chat: b.chat,
            models: b.models,
            access,
            tags: b.tags,
            source: None,
        },
        settings.community_quota_mb,
    )
    .await?;
    Ok(Json(Published {
        id: row.id,
        url: app::community::chat_url(row.id),
    }))
}

/// The public chats (anyone): `?query=&tag=&sort=new|views&page=`.
async fn list(
    State(s): State<ServerState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<CommunityList>, AppError> {
    hub(&s).await?;
    Ok(Json(service::list(&s.app.db, &q).await?))
}

/// The caller's community chats, every level.
async fn mine(
    State(s): State<ServerState>,
    caller: Caller,
) -> Result<Json<Vec<CommunityChatSummary>>, AppError> {
    hub(&s).await?;
    let me = caller.member()?;
    Ok(Json(service::mine(&s.app.db, &me).await?))
}

/// A community chat for whoever its level lets in: its summary, `models` and `chat` (the
/// visible branch of a public one, every branch of a full-history one); 404 otherwise.
async fn read(
    State(s): State<ServerState>,
    caller: Caller,
    super::Client(client): super::Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    hub(&s).await?;
    let reader = caller.0.as_ref();
    let key =
        app::share::views::visitor_key(&s.app.db, &s.views, reader.map(|u| u.id), &client.address).await?;
    let opened = service::open(&s.app.db, reader, community_id(&id)?, Some(&key)).await?;
    let mut body = serde_json::to_value(&opened.summary).map_err(|_| AppError::Internal)?;
    if let Value::Object(m) = &mut body {
        m.insert("models".into(), serde_json::json!(opened.models));
        m.insert(
            "chat".into(),
            serde_json::to_value(&opened.doc).map_err(|_| AppError::Internal)?,
        );
    }
    Ok(Json(body))
}

/// `POST /api/v1/community/chats/{id}`'s body: either or both.
#[derive(Deserialize)]
struct ChangeBody {
    #[serde(default)]
    access: Option<String>,
    #[serde(default)]
    tags: Option<Vec<String>>,
}

/// "Update Chat": a new level and/or tags (the uploader or an administrator).
async fn change(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ChangeBody>,
) -> Result<Json<CommunityChatSummary>, AppError> {
    hub(&s).await?;
    let me = caller.member()?;
    let access = b.access.as_deref().map(Access::parse).transpose()?;
    Ok(Json(
        service::change(&s.app.db, &me, community_id(&id)?, access, b.tags).await?,
    ))
}

/// Deletes a community chat (the uploader or an administrator); answers `true`.
async fn remove(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<bool>, AppError> {
    hub(&s).await?;
    let me = caller.member()?;
    service::delete(&s.app.db, &me, community_id(&id)?).await?;
    Ok(Json(true))
}

#[derive(Deserialize)]
struct HideBody {
    hidden: bool,
}

/// Hides a community chat or shows it again (administrators).
async fn hide(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<HideBody>,
) -> Result<Json<CommunityChatSummary>, AppError> {
    hub(&s).await?;
    let me = caller.admin()?;
    Ok(Json(
        service::set_hidden(&s.app.db, &me, community_id(&id)?, b.hidden).await?,
    ))
}

/// Where a form's answer sends the browser: `to`, or the chat's page with the error in words,
/// or sign-in (and back) for a visitor.
fn answer(page: &str, result: Result<String, AppError>) -> Response {
    let to = match result {
        Ok(to) => to,
        Err(AppError::Unauthenticated) => format!("/auth?redirect={}", app::format::encode_query_value(page)),
        Err(e) => format!("{page}?error={}", e.notice_code()),
    };
    super::see_other(&to, None)
}

#[derive(Deserialize)]
struct PublishForm {
    chat: String,
    #[serde(default)]
    models: Option<String>,
    #[serde(default)]
    access: Option<String>,
    #[serde(default)]
    tags: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The upload page's "Publish": publishes the received chat and opens its page (a visitor is
/// sent to sign in, and comes back to the upload page, where the chat waits).
async fn form_publish(
    State(s): State<ServerState>,
    caller: Caller,
    axum::extract::Form(f): axum::extract::Form<PublishForm>,
) -> Response {
    let result = async {
        let settings = hub(&s).await?;
        let me = caller.member()?;
        let access = Access::requested(f.access.as_deref())?;
        let models = match f.models.as_deref().filter(|m| !m.is_empty()) {
            Some(text) => service::json_text(text)?,
            None => Value::Null,
        };
        let row = service::publish(
            &s.app.db,
            &me,
            service::Upload {
                chat: service::json_text(&f.chat)?,
                models,
                access,
                tags: app::community::split_tags(f.tags.as_deref().unwrap_or("")),
                source: f.source,
            },
            settings.community_quota_mb,
        )
        .await?;
        Ok(app::community::chat_url(row.id))
    }
    .await;
    answer("/chats/upload", result)
}

#[derive(Deserialize)]
struct UpdateForm {
    #[serde(default)]
    access: Option<String>,
    #[serde(default)]
    tags: Option<String>,
}

/// The chat page's "Update Chat" form.
async fn form_update(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::extract::Form(f): axum::extract::Form<UpdateForm>,
) -> Response {
    let page = format!("/community/c/{}", app::format::encode_query_value(&id));
    let result = async {
        hub(&s).await?;
        let me = caller.member()?;
        let access = f.access.as_deref().map(Access::parse).transpose()?;
        let tags = f.tags.as_deref().map(app::community::split_tags);
        service::change(&s.app.db, &me, community_id(&id)?, access, tags).await?;
        Ok(format!("{page}?updated=1"))
    }
    .await;
    answer(&page, result)
}

/// The chat page's "Delete" (the uploader's or an administrator's).
async fn form_delete(State(s): State<ServerState>, caller: Caller, Path(id): Path<String>) -> Response {
    let page = format!("/community/c/{}", app::format::encode_query_value(&id));
    let result = async {
        hub(&s).await?;
        let me = caller.member()?;
        let gone = service::delete(&s.app.db, &me, community_id(&id)?).await?;
        // The uploader back to their list; an administrator to the gallery.
        Ok(if gone.user_id == me.id {
            "/community/mine?deleted=1".to_owned()
        } else {
            "/community".to_owned()
        })
    }
    .await;
    answer(&page, result)
}

#[derive(Deserialize)]
struct HideForm {
    hidden: String,
}

/// The chat page's "Hide" / "Show again" (administrators).
async fn form_hide(
    State(s): State<ServerState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::extract::Form(f): axum::extract::Form<HideForm>,
) -> Response {
    let page = format!("/community/c/{}", app::format::encode_query_value(&id));
    let result = async {
        hub(&s).await?;
        let me = caller.admin()?;
        service::set_hidden(&s.app.db, &me, community_id(&id)?, f.hidden == "true").await?;
        Ok(format!("{page}?updated=1"))
    }
    .await;
    answer(&page, result)
}

/// `POST /chats/upload/preview` `{"chat": …}`: the upload page's preview of the chat it
/// received, rendered by the server as the community page will show it (HTML `<li>`s). For
/// anyone who can open the upload page; 422 for what is not a chat.
async fn upload_preview(ApiJson(body): ApiJson<PreviewBody>) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let html = service::preview_html(body.chat).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response())
}

/// `POST /chats/upload/preview`'s body.
#[derive(Deserialize)]
struct PreviewBody {
    chat: Value,
}
