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

/// The root component: meta context, router and the app's routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    accounts::provide_current_user();
    provide_context(chats::ChatListVersion(RwSignal::new(0)));
    provide_context(ui::Toast(RwSignal::new(None)));
    view! {
        <Title formatter=|text: String| {
            if text.is_empty() { "chatshare".to_owned() } else { format!("{text} · chatshare") }
        }/>
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
                    <Route path=path!("/c/:id") view=chats::ChatPage ssr=SsrMode::Async/>
                    <Route path=path!("/s/:id") view=share::SharedChatPage ssr=SsrMode::Async/>
                </Routes>
            </ui::AppShell>
        </Router>
    }
}
