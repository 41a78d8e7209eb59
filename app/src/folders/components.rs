//! The sidebar's folders: the caller's own as a tree (open or closed; chats and folders dragged
//! onto one go into it, onto the heading out of any), each listing its chats when open; then
//! the folders shared with them, with how many chats changed since they last looked. And "Shared
//! with me"'s folders.
//!
//! The server writes both as HTML (`super::listing::sidebar_html`), and the page takes it as one
//! string: the chat app's code carries no folder types, only the handlers below, which act on
//! the `data-` attributes of what was clicked, dragged or dropped.

use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use uuid::Uuid;

#[cfg(feature = "hydrate")]
use crate::ui::drag_type;

use super::{change_folders, folder_html, FolderChange, FolderPart};

/// The element `ev` happened on, or its nearest ancestor matching `selector`.
#[cfg(feature = "hydrate")]
fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// The id in attribute `name` of `el`.
#[cfg(feature = "hydrate")]
fn id_in(el: &web_sys::Element, name: &str) -> Option<Uuid> {
    Uuid::parse_str(&el.get_attribute(name)?).ok()
}

/// What a drop carries, as the change that files it into folder `to` (`None`: out of any).
#[cfg(feature = "hydrate")]
fn change_for(ev: &leptos::ev::DragEvent, to: Option<Uuid>) -> Option<FolderChange> {
    let dt = ev.data_transfer()?;
    let read = |kind: &str| {
        dt.get_data(&drag_type(kind))
            .ok()
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    if let Some(chat_id) = read("chat") {
        return Some(FolderChange::MoveChat {
            chat_id,
            folder_id: to,
        });
    }
    let id = read("folder")?;
    (Some(id) != to).then_some(FolderChange::Move { id, parent_id: to })
}

/// Whether a drag carries a chat or a folder.
#[cfg(feature = "hydrate")]
fn carries_ours(ev: &leptos::ev::DragEvent) -> bool {
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

/// Marks the drop target under a drag (`on`), or clears it.
#[cfg(feature = "hydrate")]
fn mark(el: &web_sys::Element, on: bool) {
    let _ = el.class_list().toggle_with_force("drop-target", on);
}

/// The sidebar's "Folders": the caller's folders and those shared with them.
#[component]
pub fn FolderSidebarSection() -> impl IntoView {
    let version = crate::chats::use_chat_list_version();
    let html = crate::ui::page_resource(move || version.0.get(), |_| folder_html(FolderPart::Sidebar));
    let toast = crate::ui::use_toast();
    let act = Action::new(move |c: &FolderChange| {
        let c = c.clone();
        async move {
            match change_folders(c).await {
                Ok(()) => version.bump(),
                Err(e) => toast.show(e.said()),
            }
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let html = html.await.unwrap_or_default();
                (!html.is_empty()).then(|| view! {
                    <section
                        class="sidebar-folders"
                        aria-label=t!("chat-folders")
                        inner_html=html
                        on:click=move |ev| clicked(&ev, act)
                        on:submit=move |ev| submitted(&ev, act)
                        on:dragstart=move |ev| drag_started(&ev)
                        on:dragover=move |ev| dragged_over(&ev, true)
                        on:dragleave=move |ev| dragged_over(&ev, false)
                        on:drop=move |ev| dropped(&ev, act)
                    ></section>
                })
            })}
        </Transition>
    }
}

/// A click: a folder's open/close button (remembered for the sidebar), or "+" (the new
/// folder's form).
fn clicked(ev: &leptos::ev::MouseEvent, act: Action<FolderChange, ()>) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(toggle) = closest(ev, ".folder-toggle") {
            let open = toggle.get_attribute("aria-expanded").as_deref() != Some("true");
            let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
            let folder = toggle.closest("li.folder").ok().flatten();
            if let Some(list) = folder
                .as_ref()
                .and_then(|f| f.query_selector(":scope > ul").ok().flatten())
            {
                let _ = if open {
                    list.remove_attribute("hidden")
                } else {
                    list.set_attribute("hidden", "")
                };
            }
            if let Some(id) = folder.as_ref().and_then(|f| id_in(f, "data-folder")) {
                act.dispatch(FolderChange::Expand { id, open });
            }
        } else if let Some(add) = closest(ev, ".folder-add") {
            let form = add
                .closest(".sidebar-folders")
                .ok()
                .flatten()
                .and_then(|s| s.query_selector("form.folder-new").ok().flatten());
            if let Some(form) = form {
                let _ = form.toggle_attribute("hidden");
                if let Some(input) = form.query_selector("input").ok().flatten() {
                    use wasm_bindgen::JsCast;
                    if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                        let _ = input.focus();
                    }
                }
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, act);
}

/// The new folder's form: creates it.
fn submitted(ev: &leptos::ev::SubmitEvent, act: Action<FolderChange, ()>) {
    ev.prevent_default();
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let input = closest(ev, "form.folder-new")
            .and_then(|f| f.query_selector("input").ok().flatten())
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            let name = input.value();
            if !name.trim().is_empty() {
                act.dispatch(FolderChange::Create {
                    name,
                    parent_id: None,
                });
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = act;
}

/// A folder (or a chat inside one) starts being dragged.
fn drag_started(ev: &leptos::ev::DragEvent) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = closest(ev, "[data-drag]") {
        if let (Some(kind), Some(id)) = (el.get_attribute("data-drag"), id_in(&el, "data-id")) {
            crate::ui::drag_start(ev, &kind, id);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// A drag enters (`over`) or leaves a place that takes it: marked while it is there.
fn dragged_over(ev: &leptos::ev::DragEvent, over: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(target) = closest(ev, "[data-drop]") {
        if over && carries_ours(ev) {
            ev.prevent_default();
            mark(&target, true);
        } else if !over {
            mark(&target, false);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, over);
}

/// A drop on a folder (or on the heading: out of any folder).
fn dropped(ev: &leptos::ev::DragEvent, act: Action<FolderChange, ()>) {
    #[cfg(feature = "hydrate")]
    if let Some(target) = closest(ev, "[data-drop]") {
        ev.prevent_default();
        mark(&target, false);
        let to = id_in(&target, "data-drop");
        if let Some(change) = change_for(ev, to) {
            act.dispatch(change);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, act);
}

/// "Shared with me"'s folders: each folder others shared with the caller, with its owner, what
/// the caller may do there and how many of its chats changed since they last looked.
#[component]
pub fn SharedFoldersList() -> impl IntoView {
    let html = crate::ui::page_resource(|| (), |_| folder_html(FolderPart::SharedWithMe));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let html = html.await.unwrap_or_default();
                (!html.is_empty()).then(|| view! { <div class="shared-folders-section" inner_html=html></div> })
            })}
        </Transition>
    }
}
