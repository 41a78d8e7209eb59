//! The shared page `/s/{id}`: a snapshot (or a live chat), read-only, written by the server as
//! plain HTML with no client app: no WASM and no hydration data, like the community's pages.
//! Whatever needs the browser (copy link, copy code, message links, Read aloud, Print, a live
//! link's new turns) is `public/share.js`, one small deferred script; everything else is a link
//! or a form (branches, versions, downloads, Clone, Continue this chat, password, request
//! access, sign in). Opened from inside the chat app, the client loads it from the server
//! ([`super::SharedChatPage`] in the browser's build).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::{view_shared, SharedChatView};
use crate::chats::{MessageList, MessageView};
use crate::error::AppError;
use crate::ui::{format_time, set_page_status};

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

/// `/s/{id}`: a shared chat, read-only, for whoever its grants let in. Visitors who are not
/// signed in read a link open to anyone (with link-preview tags); for any other link they are
/// sent to sign in (303) before any content. Signed in without a grant: a 403 page; an unknown
/// or deleted link: a 404 page. The page awaits its data inside its `Suspense` (no resource, so
/// no copy of the messages for a client that never comes).
#[component]
pub fn SharedChatPage() -> impl IntoView {
    let raw = use_params_map().read_untracked().get("id").unwrap_or_default();
    let query = use_query_map().read_untracked();
    let branch = query.get("branch");
    let version = query.get("version").and_then(|v| v.parse::<i64>().ok());
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                let (raw, branch) = (raw.clone(), branch.clone());
                Suspend::new(async move {
                    let shared = match Uuid::parse_str(&raw) {
                        Ok(id) => view_shared(id, branch, version).await,
                        Err(_) => Err(AppError::NotFound("This shared chat is no longer available.".to_owned())),
                    };
                    match shared {
                        Ok(v) => view! { <SharedChat view=v/> }.into_any(),
                        Err(e) => refused(e, raw),
                    }
                })
            }}
        </Suspense>
        // The page's one script (copy, Read aloud, Print, live updates): small, and inside the
        // page when the site was built (else deferred), so its controls work at first paint.
        {match use_context::<super::ReadingAssets>().and_then(|a| a.script) {
            Some(js) => view! { <script nonce=leptos::nonce::use_nonce() inner_html=js.to_string()></script> }.into_any(),
            None => view! { <script src="/share.js" defer nonce=leptos::nonce::use_nonce()></script> }.into_any(),
        }}
    }
}

/// The page for a link the reader cannot open (yet): sign in, the password, request access,
/// expired, or not there.
fn refused(e: AppError, raw: String) -> AnyView {
    match e {
        AppError::Unauthenticated => crate::accounts::sign_in_redirect(&format!("/s/{raw}")),
        AppError::PasswordRequired(_) => {
            set_page_status(401);
            view! { <PasswordForm raw/> }.into_any()
        }
        AppError::Forbidden(m) => {
            set_page_status(403);
            let asks = m == super::NO_ACCESS;
            view! {
                <Title text="You can't open this yet"/>
                <section class="panel">
                    <h1>"You can't open this yet"</h1>
                    <p>{m}</p>
                    {asks.then(|| view! { <RequestAccess raw/> })}
                </section>
            }
            .into_any()
        }
        AppError::Gone(m) => {
            set_page_status(410);
            let extends = m.ends_with(super::EXTEND_HINT);
            let said = m.trim_end_matches(super::EXTEND_HINT).to_owned();
            view! {
                <Title text="This link expired"/>
                <section class="panel">
                    <h1>"This link expired"</h1>
                    <p>{said}</p>
                    {extends.then(|| view! {
                        <form method="post" action=format!("/s/{}/extend", crate::format::encode_query_value(&raw)) class="plain-form">
                            <button type="submit" class="button">"Extend"</button>
                        </form>
                        <p class="muted">"It opens again for seven days, at the same address. You can change that in the chat's Share dialog."</p>
                    })}
                    <a href="/">"Go to your chats"</a>
                </section>
            }
            .into_any()
        }
        e => {
            set_page_status(e.status());
            view! {
                <Title text="Shared chat not available"/>
                <section class="panel">
                    <h1>"This shared chat is no longer available"</h1>
                    <p>"The link may have been deleted by its owner, or the address is wrong."</p>
                    <a href="/">"Go to your chats"</a>
                </section>
            }
            .into_any()
        }
    }
}

/// The form for a link with a password: a plain form (it works before and without the client);
/// a right password opens the page (and, for 30 days, this browser).
#[component]
fn PasswordForm(raw: String) -> impl IntoView {
    let wrong = use_query_map().read_untracked().get("wrong").is_some();
    view! {
        <Title text="This link needs a password"/>
        <section class="panel password-panel">
            <h1>"This link needs a password"</h1>
            <p>"Ask the person who shared it for the password."</p>
            <form method="post" action=format!("/s/{}/password", crate::format::encode_query_value(&raw)) class="plain-form stack">
                <label for="share-password">"Password"</label>
                <input id="share-password" name="password" type="password" required autocomplete="off"/>
                <button type="submit" class="button">"Open"</button>
            </form>
            {wrong.then(|| view! { <p class="status-error" role="alert">"That password is not right."</p> })}
        </section>
    }
}

/// "Request access" on the 403 page: a plain form (it works before and without the client);
/// after it, "Requested".
#[component]
fn RequestAccess(raw: String) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let requested = query.get("requested").is_some();
    let error = query.get("error").and_then(|c| crate::error::notice_message(&c));
    view! {
        {if requested {
            view! { <p class="status-ok" role="status">"Requested. The owner will see your request in the Share dialog."</p> }.into_any()
        } else {
            view! {
                <form method="post" action=format!("/s/{}/request-access", crate::format::encode_query_value(&raw)) class="plain-form">
                    <button type="submit" class="button">"Request access"</button>
                </form>
            }.into_any()
        }}
        <p class="status-error" role="alert">{error}</p>
    }
}

/// The shared chat itself: head (title, who shared it, when), its links and forms, and the
/// messages.
#[component]
fn SharedChat(view: SharedChatView) -> impl IntoView {
    let share_id = view.share_id;
    // What the plain form's answer said went wrong (`?error=`).
    let form_error = use_query_map()
        .read_untracked()
        .get("error")
        .and_then(|c| crate::error::notice_message(&c).map(str::to_owned));
    let preview = preview_text(&view.messages);
    let clone_control = if view.signed_in {
        view! {
            <form method="post" action=format!("/s/{share_id}/clone") class="plain-form">
                <button type="submit" class="button">"Clone Chat"</button>
            </form>
        }
        .into_any()
    } else {
        let back = crate::format::encode_query_value(&format!("/s/{share_id}"));
        view! { <a class="button" href=format!("/auth?redirect={back}")>"Sign in to clone"</a> }.into_any()
    };
    let data = script_data(&view);
    view! {
        <Title text=view.title.clone()/>
        <PreviewTags view=view.clone() description=preview/>
        <article
            class="shared-chat"
            data-events=data.events
            data-voice=data.voice
            data-rate=data.rate
        >
            <header class="shared-head">
                <h1>{view.title.clone()}</h1>
                <p class="muted">
                    {format!("Shared by {} · {} {}", view.shared_by, match (view.live, view.old_version, view.updates) {
                        (true, _, _) => "live, last changed".to_owned(),
                        (false, Some((n, _)), _) => format!("version {n}, taken"),
                        (false, None, 0) => "snapshot taken".to_owned(),
                        (false, None, 1) => "Updated 1 time · last on".to_owned(),
                        (false, None, n) => format!("Updated {n} times · last on"),
                    }, format_time(view.updated_at))}
                </p>
                {view.old_version.map(|(n, current)| view! {
                    <p class="status-warn" role="status">
                        {format!("You are looking at version {n}; readers see version {current}. ")}
                        <a href=format!("/s/{share_id}")>"Open the current version"</a>
                    </p>
                })}
                <div class="row">
                    // A live link's collaborators continue the chat itself.
                    {view.continue_at.map(|id| view! {
                        <a class="button" href=format!("/c/{id}")>"Continue this chat"</a>
                    })}
                    {clone_control}
                    <button type="button" class="button secondary" data-action="copy-link">"Copy link"</button>
                </div>
                <p class="shared-downloads muted">
                    "Download "
                    <a href=format!("/api/v1/chats/share/{share_id}/export?format=md") download aria-label="Download Markdown">"Markdown"</a>
                    " · "
                    <a href=format!("/api/v1/chats/share/{share_id}/export?format=json") download aria-label="Download JSON">"JSON"</a>
                    " · "
                    // The browser's print dialog, with the page's print stylesheet.
                    <button type="button" class="link-button" data-action="print">"Print / Save as PDF"</button>
                </p>
                <p class="status-error" role="alert">{form_error}</p>
                {view.live.then(|| view! { <p class="muted live-status" role="status" id="live-status"></p> })}
            </header>
            <div id="shared-messages">
                <SharedMessages view=view.clone()/>
            </div>
        </article>
    }
}

/// Link previews (chat apps, social sites, mail) and oEmbed discovery; the page stays out of
/// search engines. The link's own title, words and card only where a visitor reads a link open
/// to anyone ([`SharedChatView::preview_url`]); otherwise only the instance's name and card.
#[component]
fn PreviewTags(view: SharedChatView, description: String) -> impl IntoView {
    let site = view.instance_name.clone();
    let Some(url) = view.preview_url.clone() else {
        return view! {
            <Meta property="og:site_name" content=site.clone()/>
            <Meta property="og:title" content=site/>
        }
        .into_any();
    };
    let card = format!("{url}/card.png");
    let oembed = view.embeds.then(|| {
        let origin = url.trim_end_matches(&format!("/s/{}", view.share_id));
        let href = format!("{origin}/api/oembed?url={}&format=json", crate::format::encode_query_value(&url));
        view! { <leptos_meta::Link rel="alternate" type_="application/json+oembed" href=href title=view.title.clone()/> }
    });
    view! {
        <Meta property="og:title" content=view.title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:url" content=url/>
        <Meta property="og:image" content=card.clone()/>
        <Meta property="og:image:width" content="1200"/>
        <Meta property="og:image:height" content="630"/>
        <Meta name="twitter:card" content="summary_large_image"/>
        <Meta name="twitter:title" content=view.title.clone()/>
        <Meta name="twitter:description" content=description/>
        <Meta name="twitter:image" content=card/>
        {oembed}
    }
    .into_any()
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
            view! { <button type="button" class="button secondary small read-aloud" data-action="read-aloud">"Read aloud"</button> }.into_any()
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
    let settings = crate::instance::service::get(db, defaults).await?;
    let messages = if opened.is_some() {
        // An earlier version is rendered as it is read (the stored rendering is the current one's).
        let mut views = crate::chats::service::messages_view(&chat);
        crate::chats::service::render_views(&mut views).await;
        views
    } else {
        super::service::rendered_messages(db, &snap, &chat).await?
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
fn preview_text(messages: &[MessageView]) -> String {
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
