//! `GET /s/{id}`: the page a shared link's readers land on, written whole by the server as one
//! document, outside Leptos' router and page shell. The router, the meta context and the shell
//! cost more than the page itself (they alone held a page with no data under 3,400 answers a
//! second on two cores); this page needs none of them: it has no client app, and its parts are
//! rendered from the components in [`super::page`]. Its head (title, preview tags), top bar,
//! stylesheet and script are written here. The app's router keeps a `/s/:id` route only so that
//! the client, following one of its own links here, loads the page from the server.

use axum::http::HeaderMap;
use leptos::prelude::*;
use uuid::Uuid;

use super::page::{self, PageQuery, ReadingAssets};
use super::views::{self, ViewLog};
use super::SharedChatView;
use crate::auth::ClientInfo;
use crate::entities::user;
use crate::error::AppError;
use crate::format::{encode_query_value, escape_html_text as escape};
use crate::state::AppState;

/// Link `share_id` as its page shows it to the reader behind `headers` (from `client`), with
/// who that reader is (`None`: a visitor): the read counted, `branch` shown (a link with every
/// branch), or version `version` (its owner's: they must be signed in). A visitor reading a
/// link open to anyone without a password gets the link's own preview (`preview_url`). What
/// the page and the `view_shared` server function both call.
pub async fn read_page(
    state: &AppState,
    log: &ViewLog,
    headers: &HeaderMap,
    client: &ClientInfo,
    share_id: Uuid,
    branch: Option<String>,
    version: Option<i64>,
) -> Result<(Option<user::Model>, SharedChatView), AppError> {
    let (me, snap, old_version) = match version {
        Some(n) => {
            let me = crate::accounts::caller::caller_from_headers(state, headers)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let (snap, current) = super::versions::open(&state.db, &me, share_id, n).await?;
            (Some(me), snap, (n != current).then_some((n, current)))
        }
        None => {
            let token = crate::auth::token_from_headers(headers);
            let presented = super::password::presented(headers, share_id, client.address.clone());
            let (me, snap) = views::read_as(
                &state.db,
                &state.defaults,
                log,
                token.as_deref(),
                share_id,
                &presented,
            )
            .await?;
            (me, snap, None)
        }
    };
    let opened = version.map(|_| old_version);
    let previewable = me.is_none() && snap.row.password_hash.is_none();
    let mut view = page::page_view(&state.db, &state.defaults, me.as_ref(), snap, branch, opened).await?;
    if previewable {
        view.preview_url =
            crate::auth::request_origin(headers, client.https).map(|o| format!("{o}/s/{share_id}"));
    }
    Ok((me, view))
}

/// `GET /s/{id}`'s answer.
#[derive(Debug)]
pub enum SharedPage {
    /// The page, with its HTTP status (200, or a refusal's: 401, 403, 404, 410).
    Page {
        /// The HTTP status.
        status: u16,
        /// The whole document.
        html: String,
    },
    /// The reader must sign in before any content: this address (`/auth?redirect=…`), for a 303.
    SignIn(String),
}

/// What the page is written with beside its request.
pub struct PageFrame<'a> {
    /// The stylesheet and script that the page carries inside itself.
    pub assets: &'a ReadingAssets,
    /// The reading stylesheet's address, linked when the site has no built stylesheet.
    pub stylesheet: &'a str,
    /// This answer's Content-Security-Policy nonce, put on its one script.
    pub nonce: &'a str,
}

/// The page of link `raw` (the id as the address spells it) for the reader behind `headers`,
/// with what its address's `query` asks for: the chat, or the page that says why it does not
/// open (password, no access, expired, not there), or a redirect to sign in first.
pub async fn shared_page(
    state: &AppState,
    log: &ViewLog,
    frame: &PageFrame<'_>,
    headers: &HeaderMap,
    client: &ClientInfo,
    raw: &str,
    query: PageQuery,
) -> SharedPage {
    let read = match Uuid::parse_str(raw) {
        Ok(id) => {
            read_page(
                state,
                log,
                headers,
                client,
                id,
                query.branch.clone(),
                query.version(),
            )
            .await
        }
        Err(_) => Err(super::service::link_not_found()),
    };
    // The reader's language, which the page's parts are written in.
    let lang = crate::i18n::current();
    let in_reader_language = || {
        let owner = Owner::new();
        owner.with(|| leptos::prelude::provide_context(lang));
        owner
    };
    let (me, status, title, head, main) = match read {
        Ok((me, view)) => {
            let head = preview_tags(&view);
            let title = view.title.clone();
            let main = in_reader_language().with(|| page::chat_html(view, &query));
            (me, 200, title, head, main)
        }
        Err(e) => {
            let Some(refusal) = in_reader_language().with(|| page::refused(e, raw, &query)) else {
                let back = encode_query_value(&format!("/s/{raw}"));
                return SharedPage::SignIn(format!("/auth?redirect={back}"));
            };
            // Who reads, for the top bar (a page that opens learned it with the link).
            let me = crate::accounts::caller::caller_from_headers(state, headers)
                .await
                .inspect_err(|e| tracing::warn!(error = %e, "the refused page's reader is unknown"))
                .ok()
                .flatten();
            let head = String::new();
            (me, refusal.status, refusal.title, head, refusal.html)
        }
    };
    let html = document(
        frame,
        &Page {
            raw,
            title: &title,
            head: &head,
            reader: me.as_ref(),
            main: &main,
            theme: crate::accounts::profile::service::requested_theme(headers),
            lang,
        },
    );
    SharedPage::Page { status, html }
}

/// One page's parts, for [`document`].
struct Page<'a> {
    /// The link's id as the address spells it.
    raw: &'a str,
    /// The page's title (before " · chatshare").
    title: &'a str,
    /// Tags for the head beside the title (link previews), as HTML.
    head: &'a str,
    /// Who reads (`None`: a visitor).
    reader: Option<&'a user::Model>,
    /// The main column's content, as HTML.
    main: &'a str,
    /// The reader's theme (their `theme` cookie).
    theme: crate::accounts::profile::Theme,
    /// The reader's language.
    lang: crate::i18n::Lang,
}

/// The whole document: the head (title, stylesheet inside, preview tags; kept out of search
/// engines), the top bar (brand; "Sign in", or the reader's menu: Settings, Admin Panel, Sign
/// out, which opens without a script), the page's content, the toasts' live region, and the
/// page's script.
fn document(frame: &PageFrame<'_>, page: &Page<'_>) -> String {
    let title = escape(&if page.title.is_empty() {
        "chatshare".to_owned()
    } else {
        format!("{} · chatshare", page.title)
    });
    let style = match &frame.assets.css {
        Some(css) => format!("<style>{css}</style>"),
        None => format!(r#"<link rel="stylesheet" href="{}">"#, escape(frame.stylesheet)),
    };
    let nonce = escape(frame.nonce);
    // The page's times in the reader's zone (`ui::times_script`), then the page's own script.
    let times = crate::ui::times_script();
    // The script's words in the reader's language, as data on the main column.
    let words = escape(&page_words());
    let script = match &frame.assets.script {
        Some(js) => format!(r#"<script nonce="{nonce}">{times}{js}</script>"#),
        None => format!(
            r#"<script nonce="{nonce}">{times}</script><script nonce="{nonce}" src="/share.js" defer></script>"#
        ),
    };
    let account = match page.reader {
        Some(me) => {
            let admin = if me.role == crate::role::Role::Admin {
                format!(r#"<a href="/admin">{}</a>"#, escape(&t!("common-admin-panel")))
            } else {
                String::new()
            };
            format!(
                r#"<details class="menu-wrap account-menu"><summary class="icon-button user-button">{}</summary><div class="menu"><a href="/settings">{}</a>{admin}<form class="sign-out plain-form" method="post" action="/auth/sign-out"><button type="submit" class="button secondary">{}</button></form></div></details>"#,
                escape(&me.name),
                escape(&t!("common-settings")),
                escape(&t!("common-sign-out")),
            )
        }
        None => format!(
            r#"<a class="button" href="/auth?redirect={}">{}</a>"#,
            escape(&encode_query_value(&format!("/s/{}", page.raw))),
            escape(&t!("common-sign-in")),
        ),
    };
    format!(
        concat!(
            r#"<!DOCTYPE html><html lang="{lang}" dir="{dir}"{theme}><head><meta charset="utf-8">"#,
            r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            r#"<meta name="color-scheme" content="light dark">{style}"#,
            r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml"><title>{title}</title>"#,
            r#"<meta name="robots" content="noindex, nofollow">{head}</head>"#,
            r#"<body><div class="app reading"><header class="topbar"><a class="brand" href="/">chatshare</a>"#,
            r#"<div class="topbar-end">{account}</div></header>"#,
            r#"<main class="main" id="main" data-words="{words}">{main}</main>"#,
            r#"<div class="toast-area" role="status" aria-live="polite"></div></div>{script}</body></html>"#
        ),
        theme = match page.theme {
            crate::accounts::profile::Theme::System => String::new(),
            t => format!(r#" data-theme="{}""#, t.as_str()),
        },
        lang = page.lang.code(),
        dir = page.lang.dir(),
        style = style,
        title = title,
        head = page.head,
        account = account,
        main = page.main,
        words = words,
        script = script,
    )
}

/// The words `share.js` shows, by its names for them, in the reader's language, as JSON.
pub(super) fn page_words() -> String {
    let words: serde_json::Map<String, serde_json::Value> = [
        ("read-aloud", "chat-read-aloud"),
        ("stop", "chat-stop"),
        ("cannot-read-aloud", "page-cannot-read-aloud"),
        ("link-copied", "page-link-copied"),
        ("link-copy-blocked", "page-link-copy-blocked"),
        ("message-link-copied", "chat-link-message-copied"),
        ("message-link-blocked", "chat-browser-blocked-copying-address"),
        ("copied", "common-copied"),
        ("code-copied", "chat-code-copied"),
        ("copy", "common-copy"),
        ("code-copy-blocked", "chat-browser-blocked-copying-code"),
        ("live-updated", "page-live-updated"),
        ("live-gone", "page-live-gone"),
    ]
    .into_iter()
    .map(|(name, key)| (name.to_owned(), serde_json::Value::String(crate::i18n::tr(key))))
    .collect();
    serde_json::Value::Object(words).to_string()
}

/// Link previews (chat apps, social sites, mail) and oEmbed discovery, as head tags. The link's
/// own title, words and card only where a visitor reads a link open to anyone
/// ([`SharedChatView::preview_url`]); otherwise only the instance's name.
fn preview_tags(view: &SharedChatView) -> String {
    let site = escape(&view.instance_name);
    let Some(url) = view.preview_url.as_deref() else {
        return format!(
            r#"<meta property="og:site_name" content="{site}"><meta property="og:title" content="{site}">"#
        );
    };
    let title = escape(&view.title);
    let description = escape(&page::preview_text(&view.messages));
    let card = escape(&format!("{url}/card.png"));
    let oembed = if view.embeds {
        let origin = url.trim_end_matches(&format!("/s/{}", view.share_id));
        let href = format!("{origin}/api/oembed?url={}&format=json", encode_query_value(url));
        format!(
            r#"<link rel="alternate" type="application/json+oembed" href="{}" title="{title}">"#,
            escape(&href)
        )
    } else {
        String::new()
    };
    let url = escape(url);
    format!(
        concat!(
            r#"<meta property="og:title" content="{title}"><meta property="og:description" content="{description}">"#,
            r#"<meta property="og:site_name" content="{site}"><meta property="og:type" content="article">"#,
            r#"<meta property="og:url" content="{url}"><meta property="og:image" content="{card}">"#,
            r#"<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">"#,
            r#"<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{title}">"#,
            r#"<meta name="twitter:description" content="{description}"><meta name="twitter:image" content="{card}">{oembed}"#
        ),
        title = title,
        description = description,
        site = site,
        url = url,
        card = card,
        oembed = oembed,
    )
}
