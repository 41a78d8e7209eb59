//! The app's frame, around every page: the top bar with the account menu, the chat app's
//! sidebar and the main column. It composes features (accounts' menu, the chats' sidebar from
//! the chat app's chunk), so it sits beside `lib.rs` and [`crate::chat_app`], not in
//! [`crate::ui`], whose shared pieces import no feature.

use leptos::prelude::*;

use crate::ui::{ErrorPanel, ToastArea};

/// Whether a click landed on a link (or inside one).
fn follows_a_link(ev: &leptos::ev::MouseEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

/// Adds the chat app's stylesheet when the client navigates from a reading page into the
/// app (the server writes its link into every page with the sidebar: `crate::shell`).
#[cfg(feature = "hydrate")]
fn ensure_app_stylesheet() -> Option<()> {
    let doc = web_sys::window()?.document()?;
    if doc.get_element_by_id("app-css").is_some() {
        return Some(());
    }
    let main = doc.query_selector("link[href$='/chatshare.css']").ok()??;
    let href = main.get_attribute("href")?.replace("/chatshare.css", "/app.css");
    let link = doc.create_element("link").ok()?;
    link.set_id("app-css");
    link.set_attribute("rel", "stylesheet").ok()?;
    link.set_attribute("href", &href).ok()?;
    doc.head()?.append_child(&link).ok()?;
    Some(())
}

/// The app layout: top bar, a fixed sidebar (a drawer on narrow screens, closed by picking,
/// by its scrim and by Escape) and the main column, which alone scrolls.
#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    let (sidebar_open, set_sidebar_open) = open.split();
    let sidebar_hidden = RwSignal::new(false);
    let shortcuts_open = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    // Open WebUI's keyboard shortcuts (Ctrl/⌘+/ lists them).
    #[cfg(feature = "hydrate")]
    {
        let controls = crate::shortcuts::ShellControls {
            sidebar_open: open,
            sidebar_hidden,
            list_open: shortcuts_open,
            toast: crate::ui::use_toast(),
        };
        let navigate = leptos_router::hooks::use_navigate();
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            let command = ev.ctrl_key() || ev.meta_key();
            if let Some(shortcut) = crate::shortcuts::shortcut_of(&ev.code(), command, ev.shift_key()) {
                ev.prevent_default();
                let copy = |copying| {
                    leptos::task::spawn_local(async move {
                        let _ = crate::chat_app::view(crate::chat_app::Part::Copy(copying)).await;
                    })
                };
                crate::shortcuts::run(shortcut, &|to| navigate(to, Default::default()), &copy, controls);
            }
        });
        let keys = send_wrapper::SendWrapper::new(keys);
        on_cleanup(move || keys.take().remove());
    }
    // A shared chat is a page to read and `/auth` a page to sign in on: neither has the chat
    // app's sidebar (as in Open WebUI and ChatGPT), and neither loads its code; nor do the
    // community's pages, which visitors read too.
    let without_sidebar = move || location.pathname.with(|p| crate::without_sidebar(p));
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if !location.pathname.with(|p| crate::reading_page(p)) {
            ensure_app_stylesheet();
        }
    });
    view! {
        // The chat app's styles, for every page with the sidebar (added to the head on the
        // server, and when the client navigates from a reading page into the app).
        <div
            class="app"
            class=("reading", without_sidebar)
            class=("sidebar-open", move || sidebar_open.get())
            class=("sidebar-hidden", move || sidebar_hidden.get())
            on:keydown=move |ev| {
                if ev.key() == "Escape" && sidebar_open.get_untracked() {
                    set_sidebar_open.set(false);
                }
            }
        >
            <header class="topbar">
                <button
                    type="button"
                    hidden=without_sidebar
                    class="icon-button sidebar-toggle"
                    aria-label=t!("shell-toggle-sidebar")
                    aria-controls="sidebar"
                    aria-expanded=move || sidebar_open.get().to_string()
                    on:click=move |_| set_sidebar_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">"☰"</span>
                </button>
                <a class="brand" href="/">"chatshare"</a>
                <div class="topbar-end">
                    <crate::accounts::UserMenu plain=location.pathname.with_untracked(|p| crate::community::is_community_page(p))/>
                </div>
            </header>
            // Following a link in the drawer (picking a chat, say) closes it.
            <Show when=move || !without_sidebar()>
                <aside id="sidebar" class="sidebar" aria-label=t!("shell-sidebar") on:click=move |ev| {
                    if follows_a_link(&ev) {
                        set_sidebar_open.set(false);
                    }
                }>
                    {crate::chat_app::sidebar()}
                </aside>
                <div class="scrim" aria-hidden="true" on:click=move |_| set_sidebar_open.set(false)></div>
            </Show>
            <main class="main" id="main">
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    {children()}
                </ErrorBoundary>
            </main>
            <ToastArea/>
            <Show when=move || shortcuts_open.get()>
                <ShortcutList on_close=move |_| shortcuts_open.set(false)/>
            </Show>
        </div>
    }
}

/// The list of keyboard shortcuts (Ctrl/⌘+/), as a dialog. Its code is in the chat app's chunk
/// (see [`crate::chat_app`]): the main module carries only the matching of keys.
#[component]
fn ShortcutList(
    /// Closes the list.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(crate::chat_app::view(crate::chat_app::Part::ShortcutList { on_close }))}
        </Suspense>
    }
}
