//! Reading and writing an account's own settings (Settings › Profile, Password, Appearance
//! and chats), and the avatar pictures.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use uuid::Uuid;

use super::{ProfileSettings, Theme, AVATAR_COLORS};
use crate::entities::{now, session, user, user_profile};
use crate::error::{AppError, AppResult};

/// The largest avatar picture taken.
pub const MAX_AVATAR_BYTES: usize = 512 * 1024;

/// The account's stored settings (Open WebUI's shape; `{}` when none).
pub async fn stored(db: &DatabaseConnection, user_id: Uuid) -> AppResult<Value> {
    let row = user_profile::Entity::find_by_id(user_id).one(db).await?;
    Ok(row
        .and_then(|r| serde_json::from_str::<Value>(&r.settings).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({})))
}

/// Writes the account's settings (Open WebUI's `POST /api/v1/users/user/settings/update`:
/// the whole object, which must be a JSON object of at most 64 KB).
pub async fn store(db: &DatabaseConnection, user_id: Uuid, settings: &Value) -> AppResult<()> {
    if !settings.is_object() {
        return Err(AppError::Unprocessable(
            "Settings must be a JSON object.".to_owned(),
        ));
    }
    let text = settings.to_string();
    if text.len() > 64 * 1024 {
        return Err(AppError::PayloadTooLarge);
    }
    user_profile::Entity::insert(user_profile::ActiveModel {
        user_id: Set(user_id),
        settings: Set(text),
        avatar: Set(None),
        avatar_type: Set(None),
        updated_at: Set(now()),
    })
    .on_conflict(
        OnConflict::column(user_profile::Column::UserId)
            .update_columns([user_profile::Column::Settings, user_profile::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// My settings for the Settings page.
pub async fn profile(db: &DatabaseConnection, me: &user::Model) -> AppResult<ProfileSettings> {
    let s = stored(db, me.id).await?;
    let ui = &s["ui"];
    Ok(ProfileSettings {
        name: me.name.clone(),
        email: me.email.clone(),
        profile_image_url: me.profile_image_url.clone(),
        theme: Theme::parse(ui["theme"].as_str().unwrap_or_default()),
        default_model: ui["models"][0]
            .as_str()
            .filter(|m| !m.is_empty())
            .map(str::to_owned),
        system_prompt: ui["system"].as_str().unwrap_or_default().to_owned(),
        language: stored_language(&s).map(|l| l.code().to_owned()),
    })
}

/// The language a stored settings object names (`ui.language`), if any.
fn stored_language(s: &Value) -> Option<crate::i18n::Lang> {
    s["ui"]["language"].as_str().and_then(crate::i18n::Lang::parse)
}

/// Saves the interface's language for `me` (`None`: the browser's).
pub async fn save_language(
    db: &DatabaseConnection,
    me: &user::Model,
    lang: Option<crate::i18n::Lang>,
) -> AppResult<()> {
    let mut s = stored(db, me.id).await?;
    s["ui"]["language"] = match lang {
        Some(l) => json!(l.code()),
        None => Value::Null,
    };
    store(db, me.id, &s).await
}

/// The system prompt `user_id` set for new chats, if any.
pub async fn system_prompt(db: &DatabaseConnection, user_id: Uuid) -> AppResult<Option<String>> {
    let s = stored(db, user_id).await?;
    Ok(s["ui"]["system"]
        .as_str()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned))
}

/// Saves theme, default model and system prompt (at most 20,000 characters).
pub async fn save_ui(
    db: &DatabaseConnection,
    me: &user::Model,
    theme: Theme,
    default_model: Option<String>,
    system_prompt: &str,
) -> AppResult<()> {
    if system_prompt.chars().count() > 20_000 {
        return Err(AppError::Unprocessable(
            "The system prompt can be at most 20,000 characters long.".to_owned(),
        ));
    }
    let mut s = stored(db, me.id).await?;
    let models: Vec<String> = default_model
        .into_iter()
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .collect();
    s["ui"]["theme"] = json!(theme.as_str());
    s["ui"]["models"] = json!(models);
    s["ui"]["system"] = json!(system_prompt.trim());
    store(db, me.id, &s).await
}

/// Renames `me` (1 to 100 characters) and sets their initials' colour (an uploaded picture
/// gives way to the initials when a colour is picked).
pub async fn update_profile(
    db: &DatabaseConnection,
    me: &user::Model,
    name: &str,
    color: Option<&str>,
) -> AppResult<user::Model> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::Unprocessable(
            "Please enter a name of 1 to 100 characters.".to_owned(),
        ));
    }
    let url = match color {
        Some(c) => {
            let c = c.trim().trim_start_matches('#').to_ascii_lowercase();
            if !AVATAR_COLORS.contains(&c.as_str()) {
                return Err(AppError::Unprocessable(
                    "Pick one of the offered colours.".to_owned(),
                ));
            }
            format!("/api/v1/users/{}/profile/image?c={c}", me.id)
        }
        None => me.profile_image_url.clone(),
    };
    write_user(db, me, name, &url).await
}

/// Sets (or with `None` removes) `me`'s avatar picture from a `data:` URL.
pub async fn set_avatar(
    db: &DatabaseConnection,
    me: &user::Model,
    data_url: Option<&str>,
) -> AppResult<user::Model> {
    let Some(data_url) = data_url else {
        user_profile::Entity::update_many()
            .col_expr(
                user_profile::Column::Avatar,
                sea_orm::sea_query::Expr::value(Option::<Vec<u8>>::None),
            )
            .filter(user_profile::Column::UserId.eq(me.id))
            .exec(db)
            .await?;
        let url = format!("/api/v1/users/{}/profile/image?c={}", me.id, AVATAR_COLORS[0]);
        return write_user(db, me, &me.name, &url).await;
    };
    let (media_type, bytes) = decode_picture(data_url)?;
    let settings = stored(db, me.id).await?.to_string();
    user_profile::Entity::insert(user_profile::ActiveModel {
        user_id: Set(me.id),
        settings: Set(settings),
        avatar: Set(Some(bytes)),
        avatar_type: Set(Some(media_type.to_owned())),
        updated_at: Set(now()),
    })
    .on_conflict(
        OnConflict::column(user_profile::Column::UserId)
            .update_columns([
                user_profile::Column::Avatar,
                user_profile::Column::AvatarType,
                user_profile::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let url = format!("/api/v1/users/{}/profile/image?v={}", me.id, now());
    write_user(db, me, &me.name, &url).await
}

/// The picture of a `data:` URL: its media type and bytes. 422 for anything but a PNG,
/// JPEG, WebP or GIF (checked by its first bytes, not its label), 413 past
/// [`MAX_AVATAR_BYTES`].
pub fn decode_picture(data_url: &str) -> AppResult<(&'static str, Vec<u8>)> {
    use base64::Engine;
    let bad = || AppError::Unprocessable("Upload a PNG, JPEG, WebP or GIF picture.".to_owned());
    let (_, b64) = data_url
        .strip_prefix("data:")
        .and_then(|rest| rest.split_once(";base64,"))
        .ok_or_else(bad)?;
    if b64.len() > MAX_AVATAR_BYTES * 4 / 3 + 4 {
        return Err(AppError::PayloadTooLarge);
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| bad())?;
    if bytes.len() > MAX_AVATAR_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let media_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        "image/jpeg"
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "image/gif"
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        return Err(bad());
    };
    Ok((media_type, bytes))
}

/// Account `user_id`'s avatar: the uploaded picture (media type, bytes), or the initials of
/// their name on `color` as SVG. 404 for an unknown account.
pub async fn avatar_image(
    db: &DatabaseConnection,
    user_id: Uuid,
    color: Option<&str>,
) -> AppResult<(String, Vec<u8>)> {
    let u = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("No such user.".to_owned()))?;
    if let Some(p) = user_profile::Entity::find_by_id(user_id).one(db).await? {
        if let (Some(bytes), Some(media_type)) = (p.avatar, p.avatar_type) {
            return Ok((media_type, bytes));
        }
    }
    let color = color
        .filter(|c| AVATAR_COLORS.contains(c))
        .unwrap_or(AVATAR_COLORS[0]);
    let text = crate::format::escape_html_text(&super::initials(&u.name).to_uppercase());
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="#{color}"/><text x="48" y="48" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="40" font-weight="600" fill="#fff">{text}</text></svg>"##
    );
    Ok(("image/svg+xml".to_owned(), svg.into_bytes()))
}

async fn write_user(
    db: &DatabaseConnection,
    me: &user::Model,
    name: &str,
    url: &str,
) -> AppResult<user::Model> {
    let updated = user::Entity::update(user::ActiveModel {
        id: Set(me.id),
        name: Set(name.to_owned()),
        profile_image_url: Set(url.to_owned()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(updated)
}

/// Changes `me`'s password when `current` is it (400 otherwise) and `new` keeps the rules;
/// every other session of theirs ends (the one with token `keep`, if any, stays).
pub async fn change_password(
    db: &DatabaseConnection,
    me: &user::Model,
    current: &str,
    new: &str,
    keep: Option<&str>,
) -> AppResult<()> {
    let ok = super::super::service::verify_password(me.password_hash.clone(), current.to_owned()).await?;
    if !ok {
        return Err(AppError::BadRequest(
            "The current password is not right.".to_owned(),
        ));
    }
    super::super::service::check_password_rules(new)?;
    let hash = super::super::service::hash_password(new.to_owned()).await?;
    user::Entity::update(user::ActiveModel {
        id: Set(me.id),
        password_hash: Set(hash),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let mut others = session::Entity::delete_many().filter(session::Column::UserId.eq(me.id));
    if let Some(hash) = keep.and_then(super::super::service::session_token_hash) {
        others = others.filter(session::Column::TokenHash.ne(hash));
    }
    others.exec(db).await?;
    Ok(())
}

/// Sets the `theme` and `lang` cookies when the request's differ from `user_id`'s settings (another
/// browser, or a choice made elsewhere): the server writes pages in them from then on.
pub async fn keep_preference_cookies(db: &DatabaseConnection, user_id: Uuid) -> AppResult<()> {
    let s = stored(db, user_id).await?;
    let theme = Theme::parse(s["ui"]["theme"].as_str().unwrap_or_default());
    let headers = crate::auth::request_headers().await.ok();
    let sent = |name: &str| {
        headers
            .as_ref()
            .and_then(|h| crate::auth::cookie_from_headers(h, name))
    };
    if sent("theme").as_deref().map(Theme::parse).unwrap_or_default() != theme {
        set_theme_cookie(theme);
    }
    // The account's language likewise (Settings → General), in the `lang` cookie.
    let lang = stored_language(&s);
    if sent(crate::i18n::server::LANG_COOKIE)
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
        != lang
    {
        crate::i18n::server::set_lang_cookie(lang);
    }
    Ok(())
}

/// The theme the request's cookie names (the page is written in it).
pub fn requested_theme(headers: &axum::http::HeaderMap) -> Theme {
    crate::auth::cookie_from_headers(headers, "theme")
        .as_deref()
        .map(Theme::parse)
        .unwrap_or_default()
}

/// Sets the `theme` cookie of the answer being written (a server function's).
pub fn set_theme_cookie(theme: Theme) {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        let cookie = format!("theme={}; Path=/; Max-Age=31536000; SameSite=Lax", theme.as_str());
        if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
            res.append_header(axum::http::header::SET_COOKIE, v);
        }
    }
}
