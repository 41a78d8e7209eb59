//! The pages "Shared with me" (`/shared`) and "My shared links" (`/links`), both in the
//! sidebar, and the sidebar's entries for them with their counts.

use leptos::prelude::*;
use leptos_meta::Title;

use super::inbox::{shared_with_me, SharedWithMeItem};
use crate::chats::SidebarCounts;
use crate::ui::Time;

/// `/shared`: the chats others shared with me, newest first; what changed since I last looked
/// is marked "New", a request the owner approved "Request approved", and a live chat I may
/// continue has "Continue this chat".
#[component]
pub fn SharedWithMePage(
    /// What else is shared with me, shown first (the folders shared with me).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let items = crate::ui::page_resource(|| (), |_| shared_with_me());
    view! {
        <Title text=t!("inbox-shared-with-me")/>
        <h1>{t!("inbox-shared-with-me")}</h1>
        {children.map(|c| c())}
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                if let Err(instead) = crate::accounts::member_or(user.0.await, || crate::accounts::sign_in_redirect("/shared")) {
                    return instead;
                }
                match items.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="muted empty-inbox">
                            {t!("inbox-empty")}
                        </p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="inbox-list">
                            {list.into_iter().map(|item| view! { <SharedItem item/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One chat of "Shared with me".
#[component]
fn SharedItem(item: SharedWithMeItem) -> impl IntoView {
    let SharedWithMeItem {
        share_id,
        chat_id,
        title,
        owner_name,
        via,
        updated_at,
        live,
        can_continue,
        new,
        approved,
    } = item;
    view! {
        <li class="inbox-item" class=("unread", new)>
            <div class="inbox-line">
                // The shared page is written by the server, outside the app's router.
                <a class="inbox-title" href=format!("/s/{share_id}") rel="external">{title}</a>
                {new.then(|| view! { <span class="badge badge-new">{t!("inbox-new")}</span> })}
                {approved.then(|| view! { <span class="badge badge-ok">{t!("inbox-approved")}</span> })}
                {live.then(|| view! { <span class="badge">{t!("inbox-live")}</span> })}
            </div>
            <p class="muted inbox-meta">
                {t!("inbox-shared-it", name = owner_name.clone(), via = via.clone())}" · "
                {if live { t!("inbox-changed") } else { t!("inbox-updated") }}" "
                <Time at=updated_at/>
            </p>
            {can_continue.then(|| view! {
                <a class="button secondary inbox-continue" href=format!("/c/{chat_id}")>{t!("inbox-continue")}</a>
            })}
        </li>
    }
}

/// `/links`: "My shared links", a page of its own (Settings › Data has the same list).
#[component]
pub fn MyLinksPage() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let links = super::shared_links_state();
    view! {
        <Title text=t!("inbox-my-links")/>
        <h1>{t!("inbox-my-links")}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                crate::accounts::member_or(user.0.await, || crate::accounts::sign_in_redirect("/links"))
                    .err()
            })}
        </Transition>
        <super::SharedLinksManager state=links page=true/>
    }
}

/// The sidebar's entries "Shared with me" and "My shared links", with what waits in each:
/// chats with something new, requests for access to answer.
pub fn sidebar_entries(counts: SidebarCounts) -> AnyView {
    let badge = |n: usize, what: String| {
        (n > 0).then(|| {
            view! {
                <span class="count-badge">{n.min(99).to_string()}<span class="visually-hidden">{format!(" {what}")}</span></span>
            }
        })
    };
    let location = leptos_router::hooks::use_location();
    let here = move |path: &'static str| move || location.pathname.with(|p| p == path).then_some("page");
    view! {
        <a class="sidebar-link" href="/shared" aria-current=here("/shared")>
            {t!("inbox-shared-with-me")}{badge(counts.new_shared, t!("inbox-new-lower"))}
        </a>
        <a class="sidebar-link" href="/links" aria-current=here("/links")>
            {t!("inbox-my-links")}{badge(counts.pending_requests, t!("inbox-waiting-answer"))}
        </a>
        // Only while someone waits for an administrator's approval.
        {(counts.pending_users > 0).then(|| view! {
            <a class="sidebar-link" href="/admin/users">
                {t!("common-admin-panel")}{badge(counts.pending_users as usize, t!("admin-waiting-approval-badge"))}
            </a>
        })}
    }
    .into_any()
}
