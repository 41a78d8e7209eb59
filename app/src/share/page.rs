//! The shared page `/s/{id}`'s parts: the chat (head, links and forms, messages), the pages for
//! a link the reader cannot open (yet), and what the page's script reads. Written by the server
//! as plain HTML with no client app: no WASM and no hydration data, like the community's pages.
//! Whatever needs the browser (copy link, copy code, message links, Read aloud, Print, a live
//! link's new turns) is `public/share.js`, one small script; everything else is a link or a
//! form (branches, versions, downloads, Clone, Continue this chat, password, request access,
//! sign in). [`super::document`] puts the parts into the page's document.

use leptos::prelude::*;
use serde::Deserialize;

use super::SharedChatView;
use crate::chats::{MessageList, MessageView};
use crate::error::AppError;
use crate::ui::Time;

/// The shared page's stylesheet and script, as text (read from the built site at start-up;
/// `None`: the site has no such file, and the page links to it): the page `/s/{id}` carries both
/// inside itself, so a reader on a slow network waits for one file, not three.
#[derive(Clone, Debug, Default)]
pub struct ReadingAssets {
    /// The reading stylesheet (`chatshare.css`, as built).
    pub css: Option<std::sync::Arc<str>>,
    /// The shared page's script (`share.js`).
    pub script: Option<std::sync::Arc<str>>,
}

/// What a shared page's address carries beside the link: the branch and version to show, and
/// what a plain form's answer reports (`?wrong` password, access `?requested`, `?error=` code).
/// Every field is text, so no query makes the page fail; a `version` that is not a number is
/// ignored.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PageQuery {
    /// The message whose branch to show (a link with every branch).
    pub branch: Option<String>,
    /// An earlier version of the link, by number (its owner's).
    pub version: Option<String>,
    /// The password form's answer: the password was wrong.
    pub wrong: Option<String>,
    /// The request-access form's answer: the request was made.
    pub requested: Option<String>,
    /// The 403 page's script found the request approved: the chat opens saying so.
    pub approved: Option<String>,
    /// A plain form's error, as a notice code ([`crate::error::notice_message`]).
    pub error: Option<String>,
}

impl PageQuery {
    /// The version asked for, when it is a number.
    pub fn version(&self) -> Option<i64> {
        self.version.as_deref().and_then(|v| v.parse().ok())
    }

    /// The form error to show, in words.
    fn form_error(&self) -> Option<String> {
        self.error.as_deref().and_then(crate::error::notice_message)
    }
}

/// The page for a link the reader cannot open (yet): its status, title and content.
pub struct Refusal {
    /// The HTTP status: 401 (password), 403, 404 or 410.
    pub status: u16,
    /// The page's title.
    pub title: String,
    /// The page's content, as HTML.
    pub html: String,
}

/// What the page says for error `e` on link `raw` (the id as the address spelled it): `None`
/// when the reader must sign in first (the caller redirects), otherwise the password form,
/// "You can't open this yet" with Request access, "This link expired" with Extend (for its
/// owner), or "not available".
pub fn refused(e: AppError, raw: &str, query: &PageQuery) -> Option<Refusal> {
    let raw = raw.to_owned();
    let (status, title, view) = match e {
        AppError::Unauthenticated => return None,
        AppError::PasswordRequired(_) => {
            let wrong = query.wrong.is_some();
            (
                401,
                t!("page-link-needs-password"),
                view! { <PasswordForm raw wrong/> }.into_any(),
            )
        }
        AppError::Forbidden(m) => {
            let asks = m == super::NO_ACCESS;
            // The refusal's words in the reader's language (the variant holds its English).
            let said = AppError::Forbidden(m).said();
            let (requested, error) = (query.requested.is_some(), query.form_error());
            let view = view! {
                <section class="panel">
                    <h1>{t!("page-cannot-open-yet")}</h1>
                    <p>{said}</p>
                    {asks.then(|| view! { <RequestAccess raw requested error/> })}
                </section>
            };
            (403, t!("page-cannot-open-yet"), view.into_any())
        }
        AppError::Gone(m) => {
            let extends = m.ends_with(super::EXTEND_HINT);
            let said = m.trim_end_matches(super::EXTEND_HINT).to_owned();
            let view = view! {
                <section class="panel">
                    <h1>{t!("page-link-expired")}</h1>
                    <p>{crate::ui::text_with_times(&said)}</p>
                    {extends.then(|| view! {
                        <form method="post" action=format!("/s/{}/extend", crate::format::encode_query_value(&raw)) class="plain-form">
                            <button type="submit" class="button">{t!("page-extend")}</button>
                        </form>
                        <p class="muted">{t!("page-extend-note")}</p>
                    })}
                    <a href="/">{t!("page-go-chats")}</a>
                </section>
            };
            (410, t!("page-link-expired"), view.into_any())
        }
        e => {
            let view = view! {
                <section class="panel">
                    <h1>{t!("page-gone-title")}</h1>
                    <p>{t!("page-gone-text")}</p>
                    <a href="/">{t!("page-go-chats")}</a>
                </section>
            };
            (e.status(), t!("page-gone-short"), view.into_any())
        }
    };
    Some(Refusal {
        status,
        title,
        html: view.to_html(),
    })
}

/// The form for a link with a password: a plain form (it works before and without the client);
/// a right password opens the page (and, for 30 days, this browser). `wrong`: the last try was
/// not the password.
#[component]
fn PasswordForm(raw: String, wrong: bool) -> impl IntoView {
    view! {
        <section class="panel password-panel">
            <h1>{t!("page-link-needs-password")}</h1>
            <p>{t!("page-ask-for-password")}</p>
            <form method="post" action=format!("/s/{}/password", crate::format::encode_query_value(&raw)) class="plain-form stack">
                <label for="share-password">{t!("common-password")}</label>
                <input id="share-password" name="password" type="password" required autocomplete="off"/>
                <button type="submit" class="button">{t!("common-open")}</button>
            </form>
            {wrong.then(|| view! { <p class="status-error" role="alert">{t!("page-password-wrong")}</p> })}
        </section>
    }
}

/// "Request access" on the 403 page: a plain form (it works before and without the client);
/// after it (`requested`), "Requested"; `error`: why the last request failed.
#[component]
fn RequestAccess(raw: String, requested: bool, error: Option<String>) -> impl IntoView {
    view! {
        {if requested {
            view! {
                <p class="status-ok" role="status" data-await-access=format!("/api/v1/chats/share/{}", crate::format::encode_query_value(&raw))>
                    {t!("page-requested")}
                </p>
            }.into_any()
        } else {
            view! {
                <form method="post" action=format!("/s/{}/request-access", crate::format::encode_query_value(&raw)) class="plain-form">
                    <button type="submit" class="button">{t!("page-request-access")}</button>
                </form>
            }.into_any()
        }}
        <p class="status-error" role="alert">{error}</p>
    }
}

/// The shared chat's content, as HTML: [`SharedChat`], with `query`'s form error.
pub fn chat_html(view: SharedChatView, query: &PageQuery) -> String {
    let form_error = query.form_error();
    let approved = query.approved.is_some();
    view! { <SharedChat view form_error approved/> }.to_html()
}

/// The shared chat itself: head (title, who shared it, when), its links and forms, and the
/// messages.
/// `form_error`: what the plain form's answer said went wrong (`?error=`); `approved`: the
/// reader comes from the 403 page, whose request the owner just approved.
#[component]
fn SharedChat(view: SharedChatView, form_error: Option<String>, approved: bool) -> impl IntoView {
    let share_id = view.share_id;
    let clone_control = if view.signed_in {
        view! {
            <form method="post" action=format!("/s/{share_id}/clone") class="plain-form">
                <button type="submit" class="button">{t!("page-clone-chat")}</button>
            </form>
        }
        .into_any()
    } else {
        let back = crate::format::encode_query_value(&format!("/s/{share_id}"));
        view! { <a class="button" href=format!("/auth?redirect={back}")>{t!("page-sign-in-to-clone")}</a> }
            .into_any()
    };
    let data = script_data(&view);
    view! {
        <article
            class="shared-chat"
            data-events=data.events
            data-voice=data.voice
            data-rate=data.rate
        >
            <header class="shared-head">
                <h1>{view.title.clone()}</h1>
                <p class="muted">
                    {t!("page-shared-by", name = view.shared_by.clone(), when = match (view.live, view.old_version, view.updates) {
                        (true, _, _) => t!("page-live-last-changed"),
                        (false, Some((n, _)), _) => t!("page-version-taken", n = n),
                        (false, None, 0) => t!("page-snapshot-taken"),
                        (false, None, n) => t!("page-updated-times", count = n),
                    })}
                    " "<Time at=view.updated_at/>
                </p>
                {view.old_version.map(|(n, current)| view! {
                    <p class="status-warn" role="status">
                        {t!("page-old-version", n = n, current = current)}" "
                        <a href=format!("/s/{share_id}")>{t!("page-open-current-version")}</a>
                    </p>
                })}
                <div class="row">
                    // A live link's collaborators continue the chat itself.
                    {view.continue_at.map(|id| view! {
                        <a class="button" href=format!("/c/{id}")>{t!("page-continue-chat")}</a>
                    })}
                    {clone_control}
                    <button type="button" class="button secondary" data-action="copy-link">{t!("page-copy-link")}</button>
                </div>
                <p class="shared-downloads muted">
                    {t!("page-download")}" "
                    <a href=format!("/api/v1/chats/share/{share_id}/export?format=md") download aria-label=t!("page-download-markdown")>"Markdown"</a>
                    " · "
                    <a href=format!("/api/v1/chats/share/{share_id}/export?format=json") download aria-label=t!("page-download-json")>"JSON"</a>
                    " · "
                    // The browser's print dialog, with the page's print stylesheet.
                    <button type="button" class="link-button" data-action="print">{t!("page-print-save-as-pdf")}</button>
                </p>
                <p class="status-error" role="alert">{form_error}</p>
                {approved.then(|| view! { <p class="status-ok" role="status">{t!("page-request-approved", name = view.shared_by.clone())}</p> })}
                {view.live.then(|| view! { <p class="muted live-status" role="status" id="live-status"></p> })}
            </header>
            <div id="shared-messages">
                <SharedMessages view=view.clone()/>
            </div>
        </article>
    }
}

/// What the page's script reads off the chat's `<article>` (`data-…`).
pub(super) struct ScriptData {
    /// A live link's stream of new turns (`/s/{id}/events`, with the fingerprint of the
    /// messages written into the page).
    pub events: Option<String>,
    /// "Read aloud"'s voice, when it is offered.
    pub voice: Option<String>,
    /// "Read aloud"'s rate, when it is offered.
    pub rate: Option<String>,
}

/// [`ScriptData`] for the page (or the embed view) of `view`.
pub(super) fn script_data(view: &SharedChatView) -> ScriptData {
    let events = view.live.then(|| {
        let shown = super::live::fingerprint(&messages_html(view.clone()));
        format!("/s/{}/events?state={shown}", view.share_id)
    });
    ScriptData {
        events,
        voice: view.tts_enabled.then(|| view.tts_voice.clone()),
        rate: view.tts_enabled.then(|| view.tts_rate.to_string()),
    }
}

/// A shared chat's messages as its page shows them: with "‹ 2 / 3 ›" links on a link with every
/// branch, "Copy link to this message", "New since you last looked" and, where the admin offers
/// it, "Read aloud" under each answer (a button for the page's script).
#[component]
fn SharedMessages(view: SharedChatView) -> impl IntoView {
    let share_id = view.share_id;
    let switch_href = Callback::new(move |sibling: String| {
        format!(
            "/s/{share_id}?branch={}",
            crate::format::encode_query_value(&sibling)
        )
    });
    if view.tts_enabled {
        let read_aloud = Callback::new(|_: MessageView| {
            view! { <button type="button" class="button secondary small read-aloud" data-action="read-aloud">{t!("page-read-aloud")}</button> }.into_any()
        });
        view! { <MessageList messages=view.messages assistant_extra=read_aloud user_author=view.shared_by switch_href message_links=true new_from=view.new_since/> }.into_any()
    } else {
        view! { <MessageList messages=view.messages user_author=view.shared_by switch_href message_links=true new_from=view.new_since/> }.into_any()
    }
}

/// The HTML of a shared chat's messages, as [`SharedMessages`] writes them into its page: what
/// a live link's readers are sent when the chat changes (the page's script puts it in place).
pub fn messages_html(view: SharedChatView) -> String {
    let owner = Owner::new();
    owner.with(|| view! { <SharedMessages view/> }.to_html())
}

/// What link `snap`'s page shows `me` (`None`: a visitor): its visible branch rendered (or the
/// branch through message `branch`, on a link with every branch), who shared it, and what the
/// page offers. `opened`: the link was opened by its version number (by the owner), so it is
/// rendered as it is read instead of from the stored rendering; inside, that number and the
/// current one when they differ ("you are looking at version 2; readers see version 3"). A
/// returning, signed-in reader of a snapshot has the messages new since their last visit marked
/// (and this visit remembered).
pub async fn page_view(
    db: &sea_orm::DatabaseConnection,
    defaults: &crate::instance::SettingsDefaults,
    me: Option<&crate::entities::user::Model>,
    snap: super::service::Snapshot,
    branch: Option<String>,
    opened: Option<Option<(i64, i64)>>,
) -> Result<SharedChatView, AppError> {
    let old_version = opened.flatten();
    let mut chat = crate::chats::doc::ChatDoc::from_stored(&snap.row.chat)?;
    if let Some(b) = branch {
        chat.switch_to(&b);
    }
    let shared_by = snap
        .owner_name
        .clone()
        .unwrap_or_else(|| crate::accounts::service::FORMER_MEMBER.to_owned());
    let (settings, stored) = super::rendering::page_inputs(db, defaults, snap.row.id).await?;
    let messages = if opened.is_some() {
        // An earlier version is rendered as it is read (the stored rendering is the current one's).
        let mut views = crate::chats::service::messages_view(&chat);
        crate::chats::service::render_views(&mut views).await;
        views
    } else {
        super::rendering::rendered_messages(db, &snap, &chat, stored).await?
    };
    let new_since = match me {
        Some(reader) if !snap.viewer_is_owner && !snap.live && old_version.is_none() => {
            let shown: Vec<String> = messages.iter().map(|m| m.id.clone()).collect();
            super::versions::seen(db, reader.id, &snap.row, &shown).await?
        }
        _ => None,
    };
    let embeds = settings.frame_ancestors().is_some();
    Ok(SharedChatView {
        share_id: snap.row.id,
        title: snap.row.title,
        shared_by,
        created_at: snap.row.created_at,
        updated_at: snap.row.updated_at,
        messages,
        signed_in: me.is_some(),
        live: snap.live,
        continue_at: snap.may_continue.then_some(snap.row.chat_id),
        updates: snap.row.version - 1,
        old_version,
        new_since,
        tts_enabled: settings.tts_enabled,
        tts_voice: settings.tts_voice,
        tts_rate: settings.tts_rate,
        embeds,
        instance_name: settings.instance_name,
        preview_url: None,
    })
}

/// A link preview's description: the first words of the first answer (or of the first message),
/// without markup, at most 200 characters.
pub(super) fn preview_text(messages: &[MessageView]) -> String {
    let first = messages
        .iter()
        .find(|m| m.role == crate::chats::MessageRole::Assistant)
        .or(messages.first());
    let words = first.map(|m| spoken_text(&m.text)).unwrap_or_default();
    let words: Vec<&str> = words.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() + 1 > 200 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// What "Read aloud" says for a message's markdown: its words, without the markup a speech
/// voice would read out ("star star borrow checker star star"): emphasis and code marks,
/// heading, quote and list markers, code fences, and link and image targets (their text stays).
pub(super) fn spoken_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            continue;
        }
        let body = trimmed.trim_start_matches(['#', '>']).trim_start();
        let mut rest = ["- ", "* ", "+ "]
            .iter()
            .find_map(|marker| body.strip_prefix(marker))
            .unwrap_or(body);
        while let Some(open) = rest.find('[') {
            let (before, after) = rest.split_at(open);
            out.push_str(before.trim_end_matches('!'));
            match after
                .find("](")
                .and_then(|close| after[close..].find(')').map(|end| (close, close + end)))
            {
                Some((close, end)) => {
                    out.push_str(&after[1..close]);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('[');
                    rest = &after[1..];
                }
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    out.retain(|c| !matches!(c, '*' | '`' | '~'));
    out.replace('_', " ").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::spoken_text;

    #[test]
    fn read_aloud_says_the_words_not_the_markup() {
        assert_eq!(
            spoken_text("## The **borrow checker**\n> Use `&mut` once.\n- See [the book](https://doc.rust-lang.org/book/) and ![a diagram](x.png)\n```rust\nfn main() {}\n```"),
            "The borrow checker\nUse &mut once.\nSee the book and a diagram\nfn main() {}"
        );
        assert_eq!(spoken_text("a [b] c"), "a [b] c");
    }
}
