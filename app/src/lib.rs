//! The chatshare Leptos app, shared by the server (feature `ssr`) and the WASM client
//! (feature `hydrate`).
//!
//! Organised by feature: each folder holds that feature's wire types, server functions,
//! components and (behind `ssr`) its service. Shared UI pieces live in [`ui`], the one error
//! type in [`error`].
#![recursion_limit = "256"]

pub mod accounts;
pub mod admin;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod chats;
pub mod connections;
#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod home;
pub mod instance;
pub mod redirect;
pub mod settings;
pub mod share;
#[cfg(feature = "ssr")]
pub mod state;
pub mod system;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around every page: head (meta tags, stylesheet, hydration scripts) and body.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    let stylesheet = format!("/{}/chatshare.css", options.site_pkg_dir);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Gives this page a fresh nonce (Leptos puts it on its hydration and resource scripts) and the
/// Content-Security-Policy that allows no other inline script: scripts from this origin or with
/// the nonce, WebAssembly compilation, styles from this origin (and `style` attributes), images
/// from this origin and data URLs only (a shared chat cannot make its readers' browsers call
/// another host; markdown turns remote images into links), no plugins, no framing, forms only to this origin.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    leptos::nonce::provide_nonce();
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        res.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Every page's title: "{text} · chatshare". On the server it is escaped here, because
/// `leptos_meta` writes the title into `<title>` as it is: a chat named
/// `x</title><meta http-equiv="refresh" …>` would otherwise add markup to every page that
/// shows it. In the browser the title is set as text (`document.title`), so it stays as typed.
fn title_text(text: String) -> String {
    let full = if text.is_empty() {
        "chatshare".to_owned()
    } else {
        format!("{text} · chatshare")
    };
    #[cfg(feature = "ssr")]
    let full = escape_html_text(&full);
    full
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe anywhere in HTML text or attributes.
pub fn escape_html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The root component: meta context, router and the app's routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    accounts::provide_current_user();
    provide_context(chats::ChatListVersion(RwSignal::new(0)));
    provide_context(chats::PendingReply(RwSignal::new(None)));
    provide_context(ui::Toast(RwSignal::new(None)));
    view! {
        <Title formatter=title_text/>
        <Router>
            <ui::AppShell>
                <Routes fallback=ui::NotFoundPage>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/auth") view=accounts::AuthPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view=settings::SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings") view=admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/general") view=admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/connections") view=admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/c/:id") view=chats::ChatPage ssr=SsrMode::Async/>
                    <Route path=path!("/s/:id") view=share::SharedChatPage ssr=SsrMode::Async/>
                </Routes>
            </ui::AppShell>
        </Router>
    }
}
