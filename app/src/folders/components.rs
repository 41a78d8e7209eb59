//! The sidebar's folders: the caller's own as a tree (open or closed, chats and folders dragged
//! onto one go into it, onto the heading out of any), each listing its chats when open; then
//! the folders shared with them, with how many chats changed since they last looked.

use leptos::prelude::*;
use uuid::Uuid;

use crate::ui::drag_start;
#[cfg(feature = "hydrate")]
use crate::ui::drag_type;

use super::{
    create_folder, expand_folder, folder_sidebar, move_chat_to_folder, move_folder, FolderItem,
    FolderSidebarData,
};

/// What a drag carries: a chat or a folder.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dragged {
    /// A chat of the sidebar.
    Chat(Uuid),
    /// A folder of the sidebar.
    Folder(Uuid),
}

/// What the drop `ev` carries, if a chat or a folder.
fn dropped(ev: &leptos::ev::DragEvent) -> Option<Dragged> {
    #[cfg(feature = "hydrate")]
    {
        let dt = ev.data_transfer()?;
        let read = |kind: &str| {
            dt.get_data(&drag_type(kind))
                .ok()
                .and_then(|s| Uuid::parse_str(&s).ok())
        };
        read("chat")
            .map(Dragged::Chat)
            .or_else(|| read("folder").map(Dragged::Folder))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// Whether the drag over `ev` carries something a folder takes.
fn droppable(ev: &leptos::ev::DragEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        ev.data_transfer().is_some_and(|dt| {
            let types = dt.types();
            (0..types.length()).any(|i| {
                types
                    .get(i)
                    .as_string()
                    .is_some_and(|t| t == drag_type("chat") || t == drag_type("folder"))
            })
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

/// The sidebar's "Folders": the caller's folders and those shared with them.
#[component]
pub fn FolderSidebarSection() -> impl IntoView {
    let version = crate::chats::use_chat_list_version();
    let data = crate::ui::page_resource(move || version.0.get(), |_| folder_sidebar());
    let adding = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let toast = crate::ui::use_toast();
    let create = Action::new(move |n: &String| {
        let n = n.clone();
        async move {
            match create_folder(n, None).await {
                Ok(_) => {
                    adding.set(false);
                    name.set(String::new());
                    version.bump();
                }
                Err(e) => toast.show(&e.detail()),
            }
        }
    });
    let moved = Action::new(move |(what, to): &(Dragged, Option<Uuid>)| {
        let (what, to) = (*what, *to);
        async move {
            let done = match what {
                Dragged::Chat(id) => move_chat_to_folder(id, to).await,
                Dragged::Folder(id) if Some(id) == to => return,
                Dragged::Folder(id) => move_folder(id, to).await,
            };
            match done {
                Ok(()) => version.bump(),
                Err(e) => toast.show(&e.detail()),
            }
        }
    });
    let over_top = RwSignal::new(false);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(d) = data.await else { return ().into_any() };
                if !d.enabled {
                    return ().into_any();
                }
                let FolderSidebarData { folders, chats, shared, .. } = d;
                let tree = rows(&folders, &chats, None, moved);
                let shared_list = (!shared.is_empty()).then(|| view! {
                    <h2 class="sidebar-heading">"Shared folders"</h2>
                    <ul class="folder-tree">
                        {shared.into_iter().map(|f| {
                            let id = f.id;
                            let writable = f.permission == crate::share::GrantPermission::Write;
                            view! {
                            <li class="folder"
                                on:dragover=move |ev| if writable && droppable(&ev) { ev.prevent_default(); }
                                on:drop=move |ev| {
                                    ev.prevent_default();
                                    if let Some(what @ Dragged::Chat(_)) = dropped(&ev) { moved.dispatch((what, Some(id))); }
                                }>
                                <a class="folder-link" href=format!("/folders/{id}")>
                                    <span class="folder-icon" aria-hidden="true">"▣"</span>
                                    <span class="folder-name">{f.name}</span>
                                    <span class="muted folder-owner">{f.owner_name}</span>
                                    {(f.unread_count > 0).then(|| view! {
                                        <span class="count-badge">{f.unread_count.min(99).to_string()}<span class="visually-hidden">" unread"</span></span>
                                    })}
                                </a>
                            </li>
                        }}).collect_view()}
                    </ul>
                });
                view! {
                    <section class="sidebar-folders" aria-label="Folders">
                        <div
                            class="sidebar-folders-head"
                            class:drop-target=move || over_top.get()
                            on:dragover=move |ev| if droppable(&ev) { ev.prevent_default(); over_top.set(true); }
                            on:dragleave=move |_| over_top.set(false)
                            on:drop=move |ev| {
                                ev.prevent_default();
                                over_top.set(false);
                                if let Some(what) = dropped(&ev) { moved.dispatch((what, None)); }
                            }
                        >
                            <h2 class="sidebar-heading">"Folders"</h2>
                            <button type="button" class="icon-button folder-add" aria-label="New folder" title="New folder"
                                on:click=move |_| adding.update(|a| *a = !*a)>"+"</button>
                        </div>
                        <Show when=move || adding.get()>
                            <form class="folder-new" on:submit=move |ev| {
                                ev.prevent_default();
                                create.dispatch(name.get_untracked());
                            }>
                                <input type="text" aria-label="Folder name" placeholder="Folder name" maxlength="255" required bind:value=name
                                    node_ref={let n = NodeRef::<leptos::html::Input>::new(); crate::ui::focus_when_shown(n); n}/>
                                <button type="submit" class="button secondary">"Create"</button>
                            </form>
                        </Show>
                        {(folders.is_empty()).then(|| view! { <p class="sidebar-empty">"Drag chats onto a folder to file them."</p> })}
                        <ul class="folder-tree">{tree}</ul>
                        {shared_list}
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}

/// The folders under `parent` among `all`, each with its own folders and chats when open.
fn rows(
    all: &[FolderItem],
    chats: &[super::FolderChatLink],
    parent: Option<Uuid>,
    moved: Action<(Dragged, Option<Uuid>), ()>,
) -> Vec<AnyView> {
    all.iter()
        .filter(|f| f.parent_id == parent)
        .map(|f| {
            let id = f.id;
            let children = rows(all, chats, Some(id), moved);
            let inside: Vec<AnyView> = chats
                .iter()
                .filter(|c| c.folder_id == id)
                .map(|c| {
                    let chat = c.id;
                    view! {
                        <li class="chat-item folder-chat">
                            <a class="chat-link" href=format!("/c/{chat}") draggable="true"
                                on:dragstart=move |ev| drag_start(&ev, "chat", chat)>{c.title.clone()}</a>
                        </li>
                    }
                    .into_any()
                })
                .collect();
            let open = RwSignal::new(f.is_expanded);
            let over = RwSignal::new(false);
            let toggle = move |_| {
                let now = !open.get_untracked();
                open.set(now);
                leptos::task::spawn_local(async move {
                    let _ = expand_folder(id, now).await;
                });
            };
            let name = f.name.clone();
            let label = format!("Show what is in {name}");
            view! {
                <li class="folder">
                    <div
                        class="folder-row"
                        class:drop-target=move || over.get()
                        on:dragover=move |ev| if droppable(&ev) { ev.prevent_default(); over.set(true); }
                        on:dragleave=move |_| over.set(false)
                        on:drop=move |ev| {
                            ev.prevent_default();
                            ev.stop_propagation();
                            over.set(false);
                            if let Some(what) = dropped(&ev) { moved.dispatch((what, Some(id))); }
                        }
                    >
                        <button type="button" class="folder-toggle" aria-expanded=move || open.get().to_string()
                            aria-label=label on:click=toggle>
                            <span aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                        </button>
                        <a class="folder-link" href=format!("/folders/{id}") draggable="true"
                            on:dragstart=move |ev| drag_start(&ev, "folder", id)>
                            <span class="folder-name">{name}</span>
                            {f.shared.then(|| view! { <span class="badge folder-shared">"Shared"</span> })}
                        </a>
                    </div>
                    <ul class="folder-tree" hidden=move || !open.get()>{children}{inside}</ul>
                </li>
            }
            .into_any()
        })
        .collect()
}

/// "Shared with me"'s folders: each folder others shared with the caller, with its owner, what
/// the caller may do there and how many of its chats changed since they last looked.
#[component]
pub fn SharedFoldersList() -> impl IntoView {
    let shared = crate::ui::page_resource(|| (), |_| super::shared_folders());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = shared.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <h2 class="inbox-heading">"Folders"</h2>
                    <ul class="inbox-list shared-folders">
                        {list.into_iter().map(|f| view! {
                            <li class="inbox-item" class=("unread", f.unread_count > 0)>
                                <div class="inbox-line">
                                    <a class="inbox-title" href=format!("/folders/{}", f.id)>{f.name}</a>
                                    {(f.unread_count > 0).then(|| view! {
                                        <span class="badge badge-new">{format!("{} new", f.unread_count)}</span>
                                    })}
                                    {(f.permission == crate::share::GrantPermission::Write).then(|| view! { <span class="badge">"Can continue"</span> })}
                                </div>
                                <p class="muted inbox-meta">{format!("{} shared this folder with you", f.owner_name)}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            })}
        </Transition>
    }
}
