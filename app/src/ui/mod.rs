//! UI pieces shared by every feature: the app layout and the error pages.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

mod modal;
pub use modal::{use_toast, Modal, Toast, ToastArea};

/// Scrolls the main column (the one part of the layout that scrolls) to its end: always with
/// `force`, otherwise only when the reader is already near the end (so reading further up is
/// never interrupted). After the next frame, when the DOM shows what just changed.
pub fn scroll_main_to_end(force: bool) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
        else {
            return;
        };
        let from_end = main.scroll_height() - main.scroll_top() - main.client_height();
        if force || from_end < 160 {
            main.set_scroll_top(main.scroll_height());
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = force;
}

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

/// The app layout: top bar, a fixed sidebar (a drawer on narrow screens, closed by picking,
/// by its scrim and by Escape) and the main column, which alone scrolls.
#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let (sidebar_open, set_sidebar_open) = signal(false);
    view! {
        <div
            class="app"
            class=("sidebar-open", move || sidebar_open.get())
            on:keydown=move |ev| {
                if ev.key() == "Escape" && sidebar_open.get_untracked() {
                    set_sidebar_open.set(false);
                }
            }
        >
            <header class="topbar">
                <button
                    type="button"
                    class="icon-button sidebar-toggle"
                    aria-label="Toggle sidebar"
                    aria-controls="sidebar"
                    aria-expanded=move || sidebar_open.get().to_string()
                    on:click=move |_| set_sidebar_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">"☰"</span>
                </button>
                <a class="brand" href="/">"chatshare"</a>
                <div class="topbar-end">
                    <crate::accounts::UserMenu/>
                </div>
            </header>
            // Following a link in the drawer (picking a chat, say) closes it.
            <aside id="sidebar" class="sidebar" aria-label="Sidebar" on:click=move |ev| {
                if follows_a_link(&ev) {
                    set_sidebar_open.set(false);
                }
            }>
                <crate::chats::ChatSidebar/>
            </aside>
            <div class="scrim" aria-hidden="true" on:click=move |_| set_sidebar_open.set(false)></div>
            <main class="main" id="main">
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    {children()}
                </ErrorBoundary>
            </main>
            <ToastArea/>
        </div>
    }
}

/// Shown in place of a page whose rendering failed: the user-safe messages, never a cause.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <section class="panel error-panel" role="alert">
            <h1>"Something went wrong"</h1>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                        .collect_view()
                }}
            </ul>
            <a href="/">"Back to start"</a>
        </section>
    }
}

/// Sets the HTTP status of the page being rendered on the server (no effect in the browser).
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The page for a path that does not exist (HTTP 404).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page_status(404);
    view! {
        <Title text="Page not found"/>
        <Meta name="robots" content="noindex"/>
        <section class="panel">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <a href="/">"Back to start"</a>
        </section>
    }
}

/// Sets `data-hydrated="true"` on `<body>` once the client has taken over the page.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

/// Full page load of `url` in the browser (used after sign-in and sign-out, so the server
/// renders the next page with the new session). No effect on the server.
pub fn hard_navigate(url: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// Sends the visitor elsewhere: on the server an HTTP 303 with `Location` (the page is rendered
/// with `SsrMode::Async`, so nothing was sent yet); in the browser a page load.
pub fn redirect_to(url: &str) {
    #[cfg(feature = "ssr")]
    {
        leptos_axum::redirect(url);
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(axum::http::StatusCode::SEE_OTHER);
        }
    }
    hard_navigate(url);
}

/// Percent-encodes a path for use as a query value (keeps `/` and unreserved characters).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The UTC calendar date `(year, month, day)` of epoch seconds (Howard Hinnant's algorithm).
pub fn civil_date(epoch: i64) -> (i64, i64, i64) {
    let z = epoch.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD HH:MM UTC` for epoch seconds (the same on server and client, so hydration
/// matches).
pub fn format_time(epoch: i64) -> String {
    let (y, m, d) = civil_date(epoch);
    let secs = epoch.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_format_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_time(1_709_164_805), "2024-02-29 00:00 UTC");
        assert_eq!(format_time(1_795_295_194), "2026-11-21 21:06 UTC");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("/s/abc"), "/s/abc");
        assert_eq!(encode_query_value("/c/1?x=a&b"), "/c/1%3Fx%3Da%26b");
    }
}
