//! The community's pages: the gallery `/community` (search, tags, newest / most viewed: plain
//! links and a GET form, so it works without the client), a chat `/community/c/{id}`, "My
//! community chats" `/community/mine`, and the upload page `/chats/upload` ([`super::upload`]).
//! The uploader's "Update Chat" and "Delete" and the administrators' "Hide" are plain forms too.
//! Written by the server only: each page awaits its data inside its `Suspense` (no resource, so
//! no copy of the data for a client that never comes).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use uuid::Uuid;

use super::{
    community_chat, community_gallery, my_community_chats, Access, CommunityChatPage, CommunityChatSummary,
    Gallery, ListQuery,
};
use crate::chats::MessageList;
use crate::error::AppError;
use crate::format::encode_query_value;
use crate::ui::{set_page_status, Time};

/// Every community page: the one the address names.
#[component]
pub fn CommunityPage() -> impl IntoView {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        match path.as_str() {
            "/chats/upload" => view! { <super::upload::UploadPage/> }.into_any(),
            "/community/mine" => view! { <MyCommunityChats/> }.into_any(),
            p if p.starts_with("/community/c/") => view! { <CommunityChat/> }.into_any(),
            _ => view! { <CommunityGallery/> }.into_any(),
        }
    }
}

/// `noindex` unless the admin lets search engines in (and the page is public).
fn robots(indexable: bool) -> &'static str {
    if indexable {
        "index, follow"
    } else {
        "noindex, nofollow"
    }
}

/// The panel for a community that is off, or a chat that is not there.
fn unavailable(e: AppError) -> AnyView {
    set_page_status(e.status());
    view! {
        <Title text=t!("community-not-available")/>
        <section class="panel">
            <h1>{t!("community-not-available")}</h1>
            <p>{e.said()}</p>
            <a href="/community">{t!("community-back")}</a>
        </section>
    }
    .into_any()
}

/// "by Ada · 3 Dec 2026 · 12 views · #bread": a chat's line under its title.
fn byline(s: &CommunityChatSummary) -> AnyView {
    let views = t!("community-views", count = s.views);
    view! { {t!("community-byline", name = s.uploader.clone())}" "<Time at=s.created_at/>{format!(" · {views}")} }
        .into_any()
}

/// A gallery address with `key` set to `value` (and the page back to the first).
fn gallery_href(q: &ListQuery, key: &str, value: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", encode_query_value(v)));
        }
    };
    let pick = |k: &str, own: Option<&str>| {
        if k == key {
            value.map(str::to_owned)
        } else {
            own.map(str::to_owned)
        }
    };
    push("query", pick("query", q.query.as_deref()).as_deref());
    push("tag", pick("tag", q.tag.as_deref()).as_deref());
    push("sort", pick("sort", q.sort.as_deref()).as_deref());
    if key == "page" {
        push("page", value);
    }
    if parts.is_empty() {
        "/community".to_owned()
    } else {
        format!("/community?{}", parts.join("&"))
    }
}

/// `/community`: the public chats, newest or most viewed first, by tag, or what a search finds
/// (with the matching words highlighted).
#[component]
fn CommunityGallery() -> impl IntoView {
    let q = use_query_map().read_untracked();
    let asked = ListQuery {
        query: q.get("query"),
        tag: q.get("tag"),
        sort: q.get("sort"),
        page: q.get("page").and_then(|p| p.parse().ok()),
    };
    view! {
        <Title text=t!("community-title")/>
        <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || {
                let asked = asked.clone();
                Suspend::new(async move {
                    match community_gallery(asked.clone()).await {
                        Ok(g) => gallery_view(asked, g),
                        Err(e) => unavailable(e),
                    }
                })
            }}
        </Suspense>
    }
}

fn gallery_view(q: ListQuery, g: Gallery) -> AnyView {
    let sort_views = q.sort.as_deref() == Some("views");
    let searching = q.query.as_deref().is_some_and(|t| !t.trim().is_empty());
    let count = match (searching, g.list.total) {
        (true, n) => t!(
            "community-found",
            count = n,
            query = q.query.clone().unwrap_or_default()
        ),
        (false, n) => t!("community-public-chats", count = n),
    };
    let tags = g.list.tags.clone();
    let current_tag = q.tag.clone();
    let prev = (g.list.page > 1).then(|| gallery_href(&q, "page", Some(&(g.list.page - 1).to_string())));
    let next = g
        .list
        .has_more
        .then(|| gallery_href(&q, "page", Some(&(g.list.page + 1).to_string())));
    view! {
        <Meta name="robots" content=robots(g.indexable)/>
        <section class="community">
            <header class="community-head">
                <h1>{t!("community-title")}</h1>
                <p class="muted">{t!("community-intro")}</p>
                {g.signed_in.then(|| view! { <a class="button secondary" href="/community/mine">{t!("community-mine")}</a> })}
            </header>
            <form method="get" action="/community" class="plain-form community-search" role="search">
                <label for="community-query" class="visually-hidden">{t!("community-search-label")}</label>
                <input id="community-query" type="search" name="query" value=q.query.clone() placeholder=t!("community-search-placeholder")/>
                {q.tag.clone().map(|t| view! { <input type="hidden" name="tag" value=t/> })}
                {q.sort.clone().map(|s| view! { <input type="hidden" name="sort" value=s/> })}
                <button type="submit" class="button">{t!("common-search")}</button>
            </form>
            <nav class="community-filters" aria-label=t!("community-sort-tags")>
                <span class="sort-links">
                    <a href=gallery_href(&q, "sort", None) aria-current=(!sort_views).then_some("page")>{t!("community-newest")}</a>
                    <a href=gallery_href(&q, "sort", Some("views")) aria-current=sort_views.then_some("page")>{t!("community-most-viewed")}</a>
                </span>
                <span class="tag-links">
                    {current_tag.clone().map(|_| view! { <a class="tag" href=gallery_href(&q, "tag", None)>{t!("community-all-tags")}</a> })}
                    {tags.into_iter().map(|t| {
                        let here = current_tag.as_deref() == Some(t.tag.as_str());
                        view! {
                            <a class="tag" href=gallery_href(&q, "tag", Some(&t.tag)) aria-current=here.then_some("page")>
                                {format!("#{} ({})", t.tag, t.count)}
                            </a>
                        }
                    }).collect_view()}
                </span>
            </nav>
            <p class="muted" role="status">{count}</p>
            <ol class="community-list">
                {g.list.items.into_iter().map(|c| {
                    let line = byline(&c);
                    view! {
                        <li class="community-card">
                            <h2><a href=c.url.clone()>{c.title.clone()}</a></h2>
                            {c.snippet_html.clone().map(|html| view! { <p class="snippet" inner_html=html></p> })}
                            <p class="muted">{line}</p>
                            {(!c.tags.is_empty()).then(|| view! {
                                <p class="card-tags">{c.tags.iter().map(|t| view! { <span class="tag">{format!("#{t}")}</span> }).collect_view()}</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <nav class="pager" aria-label=t!("community-pages")>
                {prev.map(|h| view! { <a href=h rel="prev">{t!("community-previous")}</a> })}
                {next.map(|h| view! { <a href=h rel="next">{t!("community-next")}</a> })}
            </nav>
        </section>
    }
    .into_any()
}

/// `/community/c/{id}`: a community chat to read, branch switching on a full-history one, and
/// its uploader's "Update Chat" (permission and tags) and "Delete", an administrator's "Hide".
#[component]
fn CommunityChat() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|raw| Uuid::parse_str(&raw).ok());
    let branch = use_query_map().read_untracked().get("branch");
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || {
                let branch = branch.clone();
                Suspend::new(async move {
                    let page = match id {
                        Some(id) => community_chat(id, branch).await,
                        None => Err(super::not_found()),
                    };
                    match page {
                        Ok(page) => chat_view(page),
                        Err(e) => unavailable(e),
                    }
                })
            }}
        </Suspense>
    }
}

fn chat_view(p: CommunityChatPage) -> AnyView {
    let s = p.summary.clone();
    let id = s.id;
    let said = use_query_map().read_untracked();
    let updated = said.get("updated").is_some();
    let error = said.get("error").and_then(|c| crate::error::notice_message(&c));
    let switches = s.access == Access::PublicFullHistory || p.mine;
    let switch_href = switches.then(|| {
        Callback::new(move |sibling: String| {
            format!("/community/c/{id}?branch={}", encode_query_value(&sibling))
        })
    });
    let description: String = p
        .messages
        .iter()
        .find(|m| m.role == crate::chats::MessageRole::Assistant)
        .map(|m| {
            m.text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(200)
                .collect()
        })
        .unwrap_or_default();
    let indexable = p.indexable && s.access != Access::Private && !s.hidden;
    let level = match s.access {
        Access::Private => t!("community-level-private"),
        Access::Public => t!("community-level-public"),
        Access::PublicFullHistory => t!("community-level-full"),
    };
    let owner_controls = p.mine.then(|| update_form(&s));
    let admin_controls = (p.admin && !p.mine).then(|| moderation_forms(&s));
    let hidden_note = s.hidden.then(|| {
        view! {
            <p class="status-warn" role="status">{t!("community-hidden-note")}</p>
        }
    });
    view! {
        <Title text=s.title.clone()/>
        <Meta name="robots" content=robots(indexable)/>
        <Meta property="og:title" content=s.title.clone()/>
        <Meta property="og:description" content=description/>
        <Meta property="og:site_name" content="chatshare community"/>
        <Meta property="og:type" content="article"/>
        <article class="shared-chat community-chat">
            <header class="shared-head">
                <p><a href="/community">{t!("community-back-arrow")}</a></p>
                <h1>{s.title.clone()}</h1>
                <p class="muted">{byline(&s)}{format!(" · {level}")}</p>
                {(!p.models.is_empty()).then(|| view! { <p class="muted">{t!("community-models", models = p.models.join(", "))}</p> })}
                {(!s.tags.is_empty()).then(|| view! {
                    <p class="card-tags">{s.tags.iter().map(|t| view! {
                        <a class="tag" href=format!("/community?tag={}", encode_query_value(t))>{format!("#{t}")}</a>
                    }).collect_view()}</p>
                })}
                {hidden_note}
                {updated.then(|| view! { <p class="status-ok" role="status">{t!("community-updated")}</p> })}
                <p class="status-error" role="alert">{error}</p>
                {owner_controls}
                {admin_controls}
            </header>
            {match switch_href {
                Some(h) => view! { <MessageList messages=p.messages user_author=s.uploader.clone() switch_href=h message_links=true/> }.into_any(),
                None => view! { <MessageList messages=p.messages user_author=s.uploader.clone() message_links=true/> }.into_any(),
            }}
        </article>
    }
    .into_any()
}

/// The seed's "permission → Update Chat", and "Delete": plain forms.
fn update_form(s: &CommunityChatSummary) -> AnyView {
    let id = s.id;
    let tags = s.tags.join(", ");
    view! {
        <form method="post" action=format!("/community/c/{id}/update") class="plain-form community-permission">
            <fieldset>
                <legend>{t!("community-permission")}</legend>
                {Access::ALL.into_iter().map(|a| {
                    let field = format!("access-{}", a.as_str());
                                    let label_for = field.clone();
                    view! {
                        <label for=label_for class="radio">
                            <input type="radio" id=field name="access" value=a.as_str() checked=s.access == a/>
                            {a.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="community-tags">{t!("community-tags")}</label>
            <input id="community-tags" type="text" name="tags" value=tags placeholder=t!("community-tags-example")/>
            <div class="row">
                <button type="submit" class="button">{t!("community-update")}</button>
            </div>
        </form>
        <form method="post" action=format!("/community/c/{id}/delete") class="plain-form">
            <button type="submit" class="button danger">{t!("community-delete")}</button>
        </form>
    }
    .into_any()
}

/// An administrator's "Hide" / "Show again" and "Delete".
fn moderation_forms(s: &CommunityChatSummary) -> AnyView {
    let id = s.id;
    let (value, label) = if s.hidden {
        ("false", t!("community-show-again"))
    } else {
        ("true", t!("community-hide"))
    };
    view! {
        <div class="row">
            <form method="post" action=format!("/community/c/{id}/hide") class="plain-form">
                <input type="hidden" name="hidden" value=value/>
                <button type="submit" class="button secondary">{label}</button>
            </form>
            <form method="post" action=format!("/community/c/{id}/delete") class="plain-form">
                <button type="submit" class="button danger">{t!("common-delete")}</button>
            </form>
        </div>
    }
    .into_any()
}

/// `/community/mine`: the caller's community chats, every level; each opens where "Update
/// Chat" is.
#[component]
fn MyCommunityChats() -> impl IntoView {
    let deleted = use_query_map().read_untracked().get("deleted").is_some();
    view! {
        <Title text=t!("community-mine")/>
        <Meta name="robots" content="noindex, nofollow"/>
        <section class="community">
            <header class="community-head">
                <h1>{t!("community-mine")}</h1>
                <a href="/community">{t!("community-back-arrow")}</a>
            </header>
            {deleted.then(|| view! { <p class="status-ok" role="status">{t!("community-deleted")}</p> })}
            <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
                {move || Suspend::new(async move {
                    match my_community_chats().await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="muted">{t!("community-none-mine")}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ol class="community-list">
                                {list.into_iter().map(|c| {
                                    let line = view! { {c.access.label()}" · "{byline(&c)} };
                                    view! {
                                        <li class="community-card">
                                            <h2><a href=c.url.clone()>{c.title.clone()}</a></h2>
                                            {c.snippet_html.clone().map(|html| view! { <p class="snippet" inner_html=html></p> })}
                                            <p class="muted">{line}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(AppError::Unauthenticated) => crate::accounts::sign_in_redirect("/community/mine"),
                        Err(e) => unavailable(e),
                    }
                })}
            </Suspense>
        </section>
    }
}
