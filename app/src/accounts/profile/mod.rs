//! Settings people look for, kept per account: the profile (name, avatar: initials on a colour
//! or an uploaded image), the password, the theme (Light, Dark, System), the default model and
//! a personal system prompt for new chats. Stored as Open WebUI's `user.settings` JSON
//! (`{"ui": {"theme", "models", "system"}}`) in `user_profile`, beside the uploaded image.
//!
//! The avatar's address is always a real image (`/api/v1/users/{id}/profile/image`, the
//! uploaded picture or the initials drawn as SVG); its query says which, so that pages draw the
//! initials themselves without fetching anything: `?c=2563d9` initials on that colour, `?v=…`
//! an uploaded picture.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The colour scheme an account picked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// The device's setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// As stored, and as the page's `data-theme` and `theme` cookie carry it.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// From its stored name (anything else is the device's setting).
    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// The colours an avatar's initials may sit on (each 4.5:1 or more with white text).
pub const AVATAR_COLORS: &[&str] = &[
    "2563d9", "7c3aed", "b4237a", "c2410c", "1a7f37", "0e7490", "59636e",
];

/// My settings, as Settings shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSettings {
    /// Display name.
    pub name: String,
    /// Email (sign-in name).
    pub email: String,
    /// The avatar's address (see the module's note).
    pub profile_image_url: String,
    /// The theme.
    pub theme: Theme,
    /// The model new chats start with (`None`: the first one offered).
    pub default_model: Option<String>,
    /// Sent to the model before every turn of chats started from now on (empty: none).
    pub system_prompt: String,
    /// The interface's language (a [`crate::i18n::Lang`] code; `None`: the browser's).
    #[serde(default)]
    pub language: Option<String>,
}

/// What an avatar shows: a picture, or initials on a colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvatarLook {
    /// An uploaded picture at this address.
    Picture(String),
    /// Initials on a colour (hex without `#`).
    Initials(String, String),
}

/// What the avatar of `name`, whose address is `profile_image_url`, shows.
pub fn avatar_look(name: &str, profile_image_url: &str) -> AvatarLook {
    let color = profile_image_url
        .split_once("?c=")
        .map(|(_, c)| c)
        .filter(|c| AVATAR_COLORS.contains(c))
        .unwrap_or(AVATAR_COLORS[0]);
    if profile_image_url.contains("/profile/image?v=") {
        return AvatarLook::Picture(profile_image_url.to_owned());
    }
    AvatarLook::Initials(initials(name), color.to_owned())
}

/// Up to two initials of `name`, as written ("Ada Lovelace" → "AL", "élise" → "é", "42" →
/// "?"): avatars show them in capitals by CSS, which spares the client Unicode's case tables.
pub fn initials(name: &str) -> String {
    // Words that start with a letter, not a digit or a sign ("Pat Quill 2" → "PQ").
    let mut words = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation());
    let first = words.next().map(String::from).unwrap_or_else(|| "?".to_owned());
    let last = words.next_back().map(String::from).unwrap_or_default();
    format!("{first}{last}")
}

/// An avatar: the picture, or the initials on their colour. Decorative (the name is beside it).
#[component]
pub fn Avatar(
    /// The person's name.
    #[prop(into)]
    name: String,
    /// Their avatar's address.
    #[prop(into)]
    url: String,
) -> impl IntoView {
    match avatar_look(&name, &url) {
        AvatarLook::Picture(src) => {
            view! { <img class="avatar" src=src alt="" width="28" height="28"/> }.into_any()
        }
        AvatarLook::Initials(text, color) => view! {
            <span class="avatar" aria-hidden="true" style=format!("background:#{color}")>{text}</span>
        }
        .into_any(),
    }
}

/// `POST /api/fn/my_profile`: my settings.
#[server(prefix = "/api/fn", endpoint = "my_profile", input = Json, output = Json)]
pub async fn my_profile() -> Result<ProfileSettings, AppError> {
    let (state, me) = super::caller::member().await?;
    service::profile(&state.db, &me).await
}

/// `POST /api/fn/save_profile` `{"name", "color"}`: my name and my initials' colour (one of
/// [`AVATAR_COLORS`]; an uploaded picture gives way to the initials).
#[server(prefix = "/api/fn", endpoint = "save_profile", input = Json, output = Json)]
pub async fn save_profile(name: String, color: Option<String>) -> Result<ProfileSettings, AppError> {
    let (state, me) = super::caller::member().await?;
    let me = service::update_profile(&state.db, &me, &name, color.as_deref()).await?;
    service::profile(&state.db, &me).await
}

/// `POST /api/fn/save_preferences` `{"theme", "default_model", "system_prompt"}`: my theme,
/// default model and system prompt for new chats. The theme also goes into a cookie, so the
/// server writes pages in it from the next one on.
#[server(prefix = "/api/fn", endpoint = "save_preferences", input = Json, output = Json)]
pub async fn save_preferences(
    theme: Theme,
    default_model: Option<String>,
    system_prompt: String,
) -> Result<ProfileSettings, AppError> {
    let (state, me) = super::caller::member().await?;
    service::save_ui(&state.db, &me, theme, default_model, &system_prompt).await?;
    service::set_theme_cookie(theme);
    service::profile(&state.db, &me).await
}

/// `POST /api/fn/save_language` `{"language"}`: the language the interface speaks to me (a
/// code such as `de` or `pt-BR`; `null`: my browser's). It also goes into the `lang` cookie,
/// so pages are written in it from the next one on. 422 for a language it does not speak.
#[server(prefix = "/api/fn", endpoint = "save_language", input = Json, output = Json)]
pub async fn save_language(language: Option<String>) -> Result<ProfileSettings, AppError> {
    let (state, me) = super::caller::member().await?;
    let lang = match language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(code) => Some(crate::i18n::Lang::parse(code).ok_or_else(|| {
            AppError::Unprocessable("This language is not one the interface speaks.".to_owned())
        })?),
    };
    service::save_language(&state.db, &me, lang).await?;
    crate::i18n::server::set_lang_cookie(lang);
    service::profile(&state.db, &me).await
}

/// `POST /api/fn/change_password` `{"current", "new"}`: 400 when `current` is not my password
/// or `new` breaks the rules; my other sessions end.
#[server(prefix = "/api/fn", endpoint = "change_password", input = Json, output = Json)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    let (state, me) = super::caller::member().await?;
    let token = super::caller::request_token().await;
    service::change_password(&state.db, &me, &current, &new, token.as_deref()).await
}

/// `POST /api/fn/set_avatar` `{"data_url"}`: my avatar picture, as a `data:` URL (PNG, JPEG,
/// WebP or GIF, at most 512 KB); `null` goes back to the initials.
#[server(prefix = "/api/fn", endpoint = "set_avatar", input = Json, output = Json)]
pub async fn set_avatar(data_url: Option<String>) -> Result<ProfileSettings, AppError> {
    let (state, me) = super::caller::member().await?;
    let me = service::set_avatar(&state.db, &me, data_url.as_deref()).await?;
    service::profile(&state.db, &me).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_the_first_and_last_words_that_start_with_a_letter() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("ada"), "a");
        assert_eq!(initials("Pat Quill 2026"), "PQ");
        assert_eq!(initials("Jean-Luc de la Barre"), "JB");
        assert_eq!(initials("élise ürgen"), "éü");
        assert_eq!(initials("  "), "?");
    }

    #[test]
    fn an_avatar_address_says_what_to_draw() {
        let id = "/api/v1/users/1/profile/image";
        assert_eq!(
            avatar_look("Ada", &format!("{id}?c=7c3aed")),
            AvatarLook::Initials("A".into(), "7c3aed".into())
        );
        assert_eq!(
            avatar_look("Ada", &format!("{id}?v=17")),
            AvatarLook::Picture(format!("{id}?v=17"))
        );
        // A colour that is not offered, or Open WebUI's default address: the first colour.
        assert_eq!(
            avatar_look("Ada", &format!("{id}?c=123456")),
            AvatarLook::Initials("A".into(), AVATAR_COLORS[0].into())
        );
        assert_eq!(
            avatar_look("Ada", "/user.png"),
            AvatarLook::Initials("A".into(), AVATAR_COLORS[0].into())
        );
    }
}

#[cfg(feature = "ssr")]
pub mod service;
