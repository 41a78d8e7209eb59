//! UI pieces shared by every feature: the app layout and the error pages.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The app layout: top bar, a sidebar (collapsible on narrow screens) and the main column.
#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let (sidebar_open, set_sidebar_open) = signal(false);
    view! {
        <div class="app" class=("sidebar-open", move || sidebar_open.get())>
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
            </header>
            <aside id="sidebar" class="sidebar" aria-label="Chats">
                <nav>
                    <p class="sidebar-empty">"No chats yet."</p>
                </nav>
            </aside>
            <main class="main" id="main">
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    {children()}
                </ErrorBoundary>
            </main>
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
