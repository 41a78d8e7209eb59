//! Embeds: a link anyone may open, shown inside another site's page. The embed view
//! `/s/{id}/embed` (the chat, compact, without the page's controls, and an "Open in {instance}"
//! link) and the oEmbed answer that points at it. Only the embed view may be framed, and only
//! by the sites the admin lists ([`crate::instance::InstanceSettings::share_embed_origins`]);
//! members-only, password and expired links have no embed.

use leptos::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use super::password::Presented;
use super::service::Snapshot;
use super::views::ViewLog;
use crate::error::{AppError, AppResult};
use crate::instance::{InstanceSettings, SettingsDefaults};

/// Widest and tallest an embed is offered at (oEmbed's `maxwidth`/`maxheight` may ask for less).
pub const EMBED_WIDTH: u32 = 640;
/// See [`EMBED_WIDTH`].
pub const EMBED_HEIGHT: u32 = 560;

/// Link `share_id` as an embed shows it (a visitor's read, counted): the snapshot and the
/// settings in force. 404 when embeds are off here, or the link is unknown or expired; 401 when
/// it is not open to anyone (members only, a password).
pub async fn embeddable(
    db: &sea_orm::DatabaseConnection,
    defaults: &SettingsDefaults,
    log: &ViewLog,
    share_id: Uuid,
) -> AppResult<(Snapshot, InstanceSettings)> {
    let settings = crate::instance::service::get(db, defaults).await?;
    if settings.frame_ancestors().is_none() {
        return Err(AppError::NotFound(
            "Shared chats cannot be embedded on this instance.".to_owned(),
        ));
    }
    match super::views::read_as(db, defaults, log, None, share_id, &Presented::default()).await {
        Ok((_, snap)) => Ok((snap, settings)),
        Err(AppError::Unauthenticated | AppError::PasswordRequired(_) | AppError::Forbidden(_)) => {
            Err(AppError::Unauthenticated)
        }
        Err(AppError::Gone(_)) => Err(super::service::link_not_found()),
        Err(e) => Err(e),
    }
}

/// The embed view's page for `view` (read by a visitor): a whole HTML document with the
/// reading stylesheet `stylesheet`, the page's script, and links that open `page_url` (the
/// link's own page) in a new tab.
pub fn embed_document(view: super::SharedChatView, page_url: &str, stylesheet: &str) -> String {
    let title = format!("{} · {}", view.title, view.instance_name);
    let open_in = t!("page-open-in", name = view.instance_name.clone());
    let data = super::page::script_data(&view);
    let messages = super::page::messages_html(view.clone());
    let (page_url, stylesheet) = (page_url.to_owned(), stylesheet.to_owned());
    let owner = Owner::new();
    owner.with(|| {
        view! {
            <!DOCTYPE html>
            <html lang=crate::i18n::current().code() dir=crate::i18n::current().dir()>
                <head>
                    <meta charset="utf-8"/>
                    <meta name="viewport" content="width=device-width, initial-scale=1"/>
                    <meta name="color-scheme" content="light dark"/>
                    <meta name="robots" content="noindex, nofollow"/>
                    // Every link leaves the frame: the page itself may not be framed.
                    <base target="_blank"/>
                    <title>{title}</title>
                    <link rel="stylesheet" href=stylesheet/>
                    <link rel="canonical" href=page_url.clone()/>
                </head>
                <body class="embed" data-words=super::document::page_words()>
                    <article
                        class="shared-chat embed-chat"
                        data-events=data.events
                        data-voice=data.voice
                        data-rate=data.rate
                    >
                        <header class="embed-head">
                            <h1>{view.title.clone()}</h1>
                            <a class="button secondary small" href=page_url rel="noopener">{open_in}</a>
                        </header>
                        <p class="muted embed-by">{t!("page-shared-by-name", name = view.shared_by.clone())}</p>
                        {view.live.then(|| view! { <p class="muted live-status" role="status" id="live-status"></p> })}
                        <div id="shared-messages" inner_html=messages></div>
                    </article>
                    <div class="toast-area" aria-live="polite"></div>
                    <script src="/times.js" defer></script>
                    <script src="/share.js" defer></script>
                </body>
            </html>
        }
        .to_html()
    })
}

/// `GET /api/oembed`'s answer (oEmbed 1.0, `type: "rich"`).
#[derive(Debug, Clone, Serialize)]
pub struct OEmbed {
    /// Always "1.0".
    pub version: &'static str,
    /// Always "rich": HTML to place on the consumer's page.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The chat's title.
    pub title: String,
    /// Who shared it.
    pub author_name: String,
    /// The instance's name.
    pub provider_name: String,
    /// The instance's address.
    pub provider_url: String,
    /// An `<iframe>` of the embed view.
    pub html: String,
    /// The frame's width, in pixels.
    pub width: u32,
    /// The frame's height, in pixels.
    pub height: u32,
    /// The link's preview card.
    pub thumbnail_url: String,
    /// The card's width.
    pub thumbnail_width: u32,
    /// The card's height.
    pub thumbnail_height: u32,
    /// How long a consumer may keep this answer, in seconds.
    pub cache_age: u32,
}

/// The share link id in `url` when it is a shared chat's address on `origin`'s host
/// (`http(s)://{host}/s/{id}`, with or without a query or fragment; either scheme, since a
/// proxy in front may change it).
pub fn link_in(url: &str, origin: &str) -> Option<Uuid> {
    let host = origin.split_once("://")?.1;
    let (scheme, rest) = url.trim().split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let (url_host, path) = rest.split_once('/')?;
    if !url_host.eq_ignore_ascii_case(host) {
        return None;
    }
    let path = path.split(['?', '#']).next()?;
    let id = path.strip_prefix("s/")?.trim_end_matches('/');
    Uuid::parse_str(id).ok()
}

/// The oEmbed answer for `snap`, on this instance at `origin`, at most `max` (width, height).
pub fn oembed(
    snap: &Snapshot,
    settings: &InstanceSettings,
    origin: &str,
    max: (Option<u32>, Option<u32>),
) -> OEmbed {
    let id = snap.row.id;
    let width = max.0.map_or(EMBED_WIDTH, |w| w.clamp(200, EMBED_WIDTH));
    let height = max.1.map_or(EMBED_HEIGHT, |h| h.clamp(160, EMBED_HEIGHT));
    let title = snap.row.title.clone();
    let html = format!(
        r#"<iframe src="{origin}/s/{id}/embed" width="{width}" height="{height}" style="border:1px solid #d0d7de;border-radius:12px;max-width:100%" loading="lazy" title="{}"></iframe>"#,
        crate::format::escape_html_text(&title)
    );
    OEmbed {
        version: "1.0",
        kind: "rich",
        title,
        author_name: snap
            .owner_name
            .clone()
            .unwrap_or_else(|| crate::accounts::service::FORMER_MEMBER.to_owned()),
        provider_name: settings.instance_name.clone(),
        provider_url: format!("{origin}/"),
        html,
        width,
        height,
        thumbnail_url: format!("{origin}/s/{id}/card.png"),
        thumbnail_width: super::card::WIDTH,
        thumbnail_height: super::card::HEIGHT,
        cache_age: 3600,
    }
}

#[cfg(test)]
mod tests {
    use super::link_in;

    #[test]
    fn only_this_instances_shared_chat_addresses_are_links() {
        let id = "8a4c2f9e-31b6-4d0e-9a77-2f1d6c3b5e10";
        let origin = "https://chat.example.com";
        for url in [
            format!("https://chat.example.com/s/{id}"),
            format!("https://Chat.Example.com/s/{id}/"),
            format!("https://chat.example.com/s/{id}?branch=x#m"),
            format!("http://chat.example.com/s/{id}"),
        ] {
            assert_eq!(
                link_in(&url, origin).map(|u| u.to_string()).as_deref(),
                Some(id),
                "{url}"
            );
        }
        for url in [
            format!("https://evil.example/s/{id}"),
            format!("https://chat.example.com.evil.example/s/{id}"),
            format!("ftp://chat.example.com/s/{id}"),
            format!("https://chat.example.com/c/{id}"),
            "https://chat.example.com/s/not-an-id".to_owned(),
            "chat.example.com".to_owned(),
        ] {
            assert_eq!(link_in(&url, origin), None, "{url}");
        }
    }
}
