//! Settings › Data › Shared Chats: "My shared links".

use leptos::prelude::*;

use super::components::{copied_toast, share_url};
use super::{list_shared, share_chat, unshare_all, unshare_chat, LinkOrder, SharedLinkItem};
use crate::error::AppError;
use crate::ui::clipboard::{copy_from, CopyOutcome};
use crate::ui::{use_toast, Modal, Time};

/// Settings › Data › Shared Chats: every link I made, with search, paging, open, copy, update,
/// delete, and "Delete all shared links".
#[component]
pub fn SharedLinksManager(
    /// Created by [`shared_links_state`] in the page's body.
    state: SharedLinksState,
    /// On a page of its own (`/links`): open, without Settings' "Manage" row.
    #[prop(optional)]
    page: bool,
) -> impl IntoView {
    let SharedLinksState {
        query,
        pages,
        reload,
        order,
        links,
    } = state;
    let confirm_all = RwSignal::new(false);
    let toast = use_toast();
    let delete_all = Action::new(move |_: &()| async move {
        let r = unshare_all().await;
        reload.update(|v| *v += 1);
        r
    });
    shared_links_view(
        query,
        pages,
        reload,
        order,
        links,
        confirm_all,
        toast,
        delete_all,
        page,
    )
}

/// The list state of "My shared links": search text, pages loaded, a reload counter and the
/// resource (created in a component body, never inside a `Suspend`).
#[derive(Clone, Copy)]
pub struct SharedLinksState {
    query: RwSignal<String>,
    pages: RwSignal<u64>,
    reload: RwSignal<u32>,
    order: RwSignal<LinkOrder>,
    links: crate::ui::PageResource<Result<(Vec<SharedLinkItem>, bool), AppError>>,
}

/// Creates the state of "My shared links".
pub fn shared_links_state() -> SharedLinksState {
    let query = RwSignal::new(String::new());
    let pages = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let order = RwSignal::new(LinkOrder::Updated);
    let links = crate::ui::page_resource(
        move || (query.get(), pages.get(), reload.get(), order.get()),
        |(q, pages, _, order)| async move {
            let mut all: Vec<SharedLinkItem> = Vec::new();
            for p in 1..=pages {
                let batch = list_shared(q.clone(), p, order).await?;
                let done = batch.len() < 30;
                all.extend(batch);
                if done {
                    return Ok::<_, AppError>((all, false));
                }
            }
            Ok((all, true))
        },
    );
    SharedLinksState {
        query,
        pages,
        reload,
        order,
        links,
    }
}

#[allow(clippy::too_many_arguments)]
fn shared_links_view(
    query: RwSignal<String>,
    pages: RwSignal<u64>,
    reload: RwSignal<u32>,
    order: RwSignal<LinkOrder>,
    links: crate::ui::PageResource<Result<(Vec<SharedLinkItem>, bool), AppError>>,
    confirm_all: RwSignal<bool>,
    toast: crate::ui::Toast,
    delete_all: Action<(), Result<u64, AppError>>,
    page: bool,
) -> impl IntoView {
    let open = RwSignal::new(page);
    view! {
        <div class="data-row" class=("links-page", page)>
            <div class="row-between" hidden=page>
                <span>"Shared Chats"</span>
                <button
                    type="button"
                    class="button secondary"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="shared-links"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "Manage"
                </button>
            </div>
            <div id="shared-links" class="shared-links" hidden=move || !open.get()>
            <div class="row">
                <input type="search" placeholder="Search shared chats" aria-label="Search shared chats" bind:value=query/>
                <label for="shared-links-order" class="visually-hidden">"Sort by"</label>
                <select id="shared-links-order" on:change=move |ev| {
                    pages.set(1);
                    order.set(match event_target_value(&ev).as_str() {
                        "views" => LinkOrder::Views,
                        "last_viewed" => LinkOrder::LastViewed,
                        "expires" => LinkOrder::Expires,
                        _ => LinkOrder::Updated,
                    });
                }>
                    <option value="updated">"Recently updated"</option>
                    <option value="views">"Most viewed"</option>
                    <option value="last_viewed">"Recently viewed"</option>
                    <option value="expires">"Expiring soonest"</option>
                </select>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match links.await {
                        Ok((list, more)) if list.is_empty() && !more => view! { <p class="muted">"No shared links."</p> }.into_any(),
                        Ok((list, more)) => view! {
                            <ul class="link-list">
                                {list.into_iter().map(|l| view! { <SharedLinkRow link=l reload toast/> }).collect_view()}
                            </ul>
                            {more.then(|| view! {
                                <button type="button" class="button secondary" on:click=move |_| pages.update(|p| *p += 1)>"Load more"</button>
                            })}
                        }.into_any(),
                        Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <button type="button" class="button danger" on:click=move |_| confirm_all.set(true)>"Delete all shared links"</button>
            </div>
            <Show when=move || confirm_all.get()>
                <Modal title="Delete all shared links?" on_close=move || confirm_all.set(false)>
                    <p>"Every link you have shared stops working. Your chats stay."</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| confirm_all.set(false)>"Cancel"</button>
                        <button type="button" class="button danger" on:click=move |_| { confirm_all.set(false); delete_all.dispatch(()); }>
                            "Delete all"
                        </button>
                    </div>
                </Modal>
            </Show>
        </div>
    }
}

#[component]
fn SharedLinkRow(link: SharedLinkItem, reload: RwSignal<u32>, toast: crate::ui::Toast) -> impl IntoView {
    let chat_id = link.chat_id;
    let manual = RwSignal::new(None::<String>);
    let update = Action::new(move |_: &()| async move {
        let r = share_chat(chat_id, None, None, false, None, None).await;
        reload.update(|v| *v += 1);
        r
    });
    let remove = Action::new(move |_: &()| async move {
        let r = unshare_chat(chat_id).await;
        reload.update(|v| *v += 1);
        r
    });
    let sid = link.share_id;
    let copy = move |_| {
        let job = copy_from(async move { Ok::<_, AppError>(share_url(sid)) });
        leptos::task::spawn_local(async move {
            match job.await {
                Ok(CopyOutcome::Copied(_)) => toast.show(copied_toast()),
                Ok(CopyOutcome::Manual(u)) => manual.set(Some(u)),
                Err(_) => {}
            }
        });
    };
    view! {
        <li class="link-row">
            <a href=format!("/s/{sid}") target="_blank" rel="noopener noreferrer" class="link-title">{link.title.clone()}</a>
            {link.shared_as.clone().map(|t| view! { <span class="muted shared-as">{format!("shared as “{t}”")}</span> })}
            <span class="muted link-facts">
                "updated "<Time at=link.updated_at/>
                " · "{link.audience.label()}{link.live.then_some(" · live")}
                " · "{match link.expires_at { Some(t) => view! { "expires "<Time at=t/> }.into_any(), None => "never expires".into_any() }}
                " · "{format!("{} view{} by {} viewer{}", link.view_count, if link.view_count == 1 { "" } else { "s" }, link.viewer_count, if link.viewer_count == 1 { "" } else { "s" })}
                {link.last_viewed_at.map(|t| view! { " · last viewed "<Time at=t/> })}
            </span>
            {link.password_locked_until.map(|t| view! {
                <span class="status-error link-locked" role="status">
                    "Too many wrong passwords: guesses are refused until "<Time at=t/>"."
                </span>
            })}
            <span class="row-actions">
                <button type="button" class="button secondary small" on:click=copy>"Copy link"</button>
                <button type="button" class="button secondary small" disabled=move || update.pending().get() on:click=move |_| { update.dispatch(()); }>"Update"</button>
                <button type="button" class="button danger small" disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(()); }>"Delete"</button>
            </span>
            {move || manual.get().map(|u| view! { <input type="text" readonly aria-label="Share link" prop:value=u/> })}
            {(!link.requests.is_empty()).then(|| view! {
                <super::audience::AccessRequests chat_id list=link.requests.clone() version=reload/>
            })}
        </li>
    }
}
