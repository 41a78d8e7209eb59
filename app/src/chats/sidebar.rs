//! The sidebar's chat list: search, date groups, and each chat's ⋯ menu (rename, pin,
//! archive, export, delete, share).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use super::{
    delete_chat, list_chats, rename_chat, toggle_chat, use_chat_list_version, ChatSummary, SIDEBAR_MAX,
};
use crate::ui::Modal;

/// How many chats the sidebar lists first: the page carries no more (an account with thousands
/// of chats used to have 500 of them written into every page).
const SIDEBAR_FIRST: u64 = 60;
/// How many more each "Show more chats" lists.
const SIDEBAR_MORE: u64 = 100;

/// The sidebar for a signed-in member: "New Chat", title search and the chat list.
///
/// One suspense boundary awaits both the user and the list: a boundary nested inside another's
/// `Suspend` would get its hydration id in a different order on the server, where sibling
/// boundaries resolve concurrently.
#[component]
pub fn ChatSidebar() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let version = use_chat_list_version();
    let query = RwSignal::new(String::new());
    // How many chats the list shows: the first ones, then more at each "Show more chats" (one
    // more is asked for, to know whether there are more).
    let shown = RwSignal::new(SIDEBAR_FIRST);
    let chats = crate::ui::page_resource(
        move || (query.get(), version.0.get(), shown.get()),
        |(q, _, n)| list_chats(q, Some(n + 1)),
    );
    // The time the groups are counted from, and the reader's zone: the server's, written into
    // the page, so the browser hydrates the same groups.
    let now = crate::ui::page_resource(
        || (),
        |_| async { (crate::ui::now_epoch(), crate::ui::reader_zone()) },
    );
    let sharing = RwSignal::new(None::<Uuid>);
    let parts = use_context::<super::ShellParts>();
    // "Shared with me" and "My shared links", with what waits in each (sharing's, through the
    // shell's parts); counted again when the chat list changes.
    let counts = crate::ui::page_resource(
        move || version.0.get(),
        move |_| async move {
            match parts {
                Some(p) => (p.sidebar_counts)().await.unwrap_or_default(),
                None => super::SidebarCounts::default(),
            }
        },
    );
    let entries = move |c: super::SidebarCounts| parts.map(|p| (p.sidebar_entries)(c));
    view! {
        <a class="button new-chat" href="/">{t!("chat-new-chat-button")}</a>
        <Transition fallback=move || entries(super::SidebarCounts::default())>
            {move || Suspend::new(async move { entries(counts.await) })}
        </Transition>
        <a class="sidebar-link" href="/community" rel="external">{t!("chat-community")}</a>
        {parts.map(|p| (p.sidebar_folders)())}
        <input type="search" class="chat-search" placeholder=t!("chat-search-chats") aria-label=t!("chat-search-chats") bind:value=query/>
        <nav aria-label=t!("chat-chats")>
            <Transition fallback=|| view! { <p class="sidebar-empty">{t!("common-loading")}</p> }>
                {move || Suspend::new(async move {
                    let can_share = match user.0.await {
                        Ok(Some(u)) if !u.is_pending() => u.permissions.chat.share,
                        _ => return view! { <p class="sidebar-empty">{t!("chat-sign-in-to-see")}</p> }.into_any(),
                    };
                    match chats.await {
                        Ok(list) if list.is_empty() => view! { <p class="sidebar-empty">{t!("chat-no-chats-yet")}</p> }.into_any(),
                        Ok(mut list) => {
                            let now = now.await;
                            let limit = shown.get_untracked();
                            let more = list.len() as u64 > limit;
                            list.truncate(limit as usize);
                            let items = match parts {
                                Some(parts) => (parts.chat_list)(list, now, can_share, sharing).await,
                                None => chat_list(list, now, can_share, sharing),
                            };
                            let more = (more && limit < SIDEBAR_MAX).then(|| view! {
                                <button type="button" class="link-button show-more" on:click=move |_| shown.update(|n| *n += SIDEBAR_MORE)>
                                    {t!("chat-show-more-chats")}
                                </button>
                            });
                            view! { {items} {more} }.into_any()
                        }
                        Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </nav>
        {move || sharing.get().and_then(|id| super::share_dialog(id, move || sharing.set(None)))}
    }
}

/// The sidebar's chat list: pinned chats, then groups by date, each item with its ⋯ menu,
/// rename box and dialogs. Part of the chat app's chunk ([`crate::chat_app`]), so the main
/// module does not carry it.
pub fn chat_list(
    list: Vec<ChatSummary>,
    (now, zone): (i64, i64),
    can_share: bool,
    sharing: RwSignal<Option<Uuid>>,
) -> AnyView {
    // Pinned chats first, then groups by date; the list arrives pinned first, newest first.
    let mut groups: Vec<(String, Vec<ChatSummary>)> = Vec::new();
    for chat in list {
        let label = if chat.pinned {
            t!("chat-pinned")
        } else {
            crate::ui::date_group(chat.updated_at, now, zone)
        };
        match groups.last_mut() {
            Some((last, chats)) if *last == label => chats.push(chat),
            _ => groups.push((label, vec![chat])),
        }
    }
    groups
        .into_iter()
        .map(|(label, chats)| {
            view! {
                <h2 class="chat-group">{label}</h2>
                <ul class="chat-list">
                    {chats.into_iter().map(|c| view! { <ChatItem chat=c can_share sharing/> }).collect_view()}
                </ul>
            }
        })
        .collect_view()
        .into_any()
}

/// One chat in the sidebar, with its ⋯ menu (shown on hover and on keyboard focus).
#[component]
fn ChatItem(chat: ChatSummary, can_share: bool, sharing: RwSignal<Option<Uuid>>) -> impl IntoView {
    let version = use_chat_list_version();
    let navigate = use_navigate();
    let location = leptos_router::hooks::use_location();
    let id = chat.id;
    let (menu_open, set_menu_open) = signal(false);
    let (renaming, set_renaming) = signal(false);
    let (confirm_delete, set_confirm_delete) = signal(false);
    let title = RwSignal::new(chat.title.clone());
    let rename = Action::new(move |t: &String| {
        let t = t.clone();
        async move {
            let r = rename_chat(id, t).await;
            if r.is_ok() {
                version.bump();
            }
            r
        }
    });
    let toggle = Action::new(move |archive: &bool| {
        let archive = *archive;
        async move {
            let r = toggle_chat(id, archive).await;
            if r.is_ok() {
                version.bump();
            }
            r
        }
    });
    let remove = Action::new(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let r = delete_chat(id).await;
            if r.is_ok() {
                version.bump();
                let here = location.pathname.get_untracked();
                if here == format!("/c/{id}") {
                    navigate("/", Default::default());
                }
            }
            r
        }
    });
    let pinned = chat.pinned;
    let menu_id = format!("chat-menu-{id}");
    let original_title = StoredValue::new(chat.title.clone());
    // The rename box takes the focus when it appears (`autofocus` only works on page load).
    let rename_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = rename_input.get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = input.focus();
                input.select();
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = input;
        }
    });
    // Dialogs return focus to what was focused when they opened: that must be the ⋯ button,
    // not the menu item, which disappears with the menu.
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let menu_list = NodeRef::<leptos::html::Div>::new();
    crate::ui::focus_first_item(menu_list);
    let refocus_menu_button = move || {
        #[cfg(feature = "hydrate")]
        if let Some(b) = menu_button.get_untracked() {
            let _ = b.focus();
        }
    };
    view! {
        <li
            class="chat-item"
            class:pinned=pinned
            data-pinned=pinned.then(|| t!("chat-pinned-prefix"))
            on:keydown=move |ev| {
                if ev.key() == "Escape" && menu_open.get_untracked() {
                    set_menu_open.set(false);
                    refocus_menu_button();
                }
            }
            on:focusout=move |ev| close_when_focus_leaves(&ev, set_menu_open)
        >
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <a
                        class="chat-link"
                        href=format!("/c/{id}")
                        draggable="true"
                        on:dragstart=move |ev| crate::ui::drag_start(&ev, "chat", id)
                        aria-current=move || (location.pathname.get() == format!("/c/{id}")).then_some("page")
                    >
                        // A title keeps its own direction inside a right-to-left sidebar.
                        <bdi>{move || title.get()}</bdi>
                    </a>
                }
            >
                <form class="rename-form" on:submit=move |ev| {
                    ev.prevent_default();
                    rename.dispatch(title.get_untracked());
                    set_renaming.set(false);
                }>
                    <input
                        type="text"
                        aria-label=t!("chat-new-title")
                        bind:value=title
                        node_ref=rename_input
                        on:keydown=move |ev| if ev.key() == "Escape" {
                            title.set(original_title.get_value());
                            set_renaming.set(false);
                            refocus_menu_button();
                        }
                    />
                </form>
            </Show>
            <button
                type="button"
                node_ref=menu_button
                class="chat-menu-button"
                aria-label=t!("chat-options-for", title = chat.title.clone())
                aria-haspopup="menu"
                aria-controls=menu_id.clone()
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| set_menu_open.update(|o| *o = !*o)
            >
                "⋯"
            </button>
            <Show when=move || menu_open.get()>
                <div class="menu chat-menu" role="menu" id=menu_id.clone() node_ref=menu_list on:keydown=move |ev| crate::ui::menu_arrow_keys(&ev)>
                    <Show when=move || can_share>
                        <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); refocus_menu_button(); sharing.set(Some(id)); }>
                            {t!("common-share")}
                        </button>
                    </Show>
                    <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); set_renaming.set(true); }>
                        {t!("common-rename")}
                    </button>
                    <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); toggle.dispatch(false); }>
                        {if pinned { t!("chat-unpin") } else { t!("chat-pin") }}
                    </button>
                    <button type="button" role="menuitem" on:click=move |_| { set_menu_open.set(false); toggle.dispatch(true); }>
                        {t!("chat-archive")}
                    </button>
                    <a role="menuitem" href=format!("/api/v1/chats/{id}/export") download=format!("chat-export-{id}.json") rel="nofollow" on:click=move |_| set_menu_open.set(false)>
                        {t!("chat-export")}
                    </a>
                    <button type="button" role="menuitem" class="danger-text" on:click=move |_| { set_menu_open.set(false); refocus_menu_button(); set_confirm_delete.set(true); }>
                        {t!("common-delete")}
                    </button>
                </div>
            </Show>
            <Show when=move || confirm_delete.get()>
                <Modal title=t!("chat-delete-chat") on_close=move || set_confirm_delete.set(false)>
                    <p>{move || t!("chat-delete-confirm", title = title.get())}</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| set_confirm_delete.set(false)>{t!("common-cancel")}</button>
                        <button type="button" class="button danger" on:click=move |_| { set_confirm_delete.set(false); remove.dispatch(()); }>
                            {t!("common-delete")}
                        </button>
                    </div>
                </Modal>
            </Show>
        </li>
    }
}

/// Closes a chat's ⋯ menu when the focus moves out of its list item (a click elsewhere, Tab
/// past the last item).
fn close_when_focus_leaves(ev: &leptos::ev::FocusEvent, set_open: WriteSignal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let item = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = matches!((item, to), (Some(item), Some(to)) if item.contains(Some(&to)));
        if !inside {
            set_open.set(false);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, set_open);
}
