//! The chatshare Leptos app, shared by the server (feature `ssr`) and the WASM client
//! (feature `hydrate`).
//!
//! Organised by feature: each folder holds that feature's wire types, server functions,
//! components and (behind `ssr`) its service. Shared UI pieces live in [`ui`], the one error
//! type in [`error`].
#![recursion_limit = "256"]

// First, so that every module below may say `t!(…)`.
#[macro_use]
pub mod i18n;

pub mod accounts;
pub mod admin;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod chat_app;
pub mod chats;
pub mod community;
pub mod connections;
#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod folders;
pub mod format;
pub mod groups;
pub mod home;
pub mod instance;
pub mod redirect;
pub mod role;
pub mod settings;
pub mod share;
pub mod shell;
pub mod shortcuts;
#[cfg(feature = "ssr")]
pub mod state;
pub mod system;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// Declares `$route`, a route whose page is loaded lazily: in the browser its code is a WASM
/// chunk of its own (split at build time by `tools/wasm-split`), fetched when the route is
/// first shown and preloaded by the server for the page it renders. So a page does not pay
/// for the chat app, and nothing but `/admin` pays for the Admin Panel. (`/s/{id}` loads no
/// client code at all, and the server writes it outside this router: see `share::document`.)
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path, $part:expr) => {
        $(#[$doc])*
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> AnyView {
                let $route = this;
                // The page's words first, when the client came from a page that carried fewer.
                view! {
                    <Suspense fallback=|| ()>
                        {Suspend::new(async move {
                            // A failed fetch leaves the words the page has (a missing one shows
                            // its key).
                            if crate::i18n::lacks($part) {
                                if let Ok(words) = catalogue_words($part.name().to_owned()).await {
                                    crate::i18n::add_part($part, &words);
                                }
                            }
                            $page().into_any()
                        })}
                    </Suspense>
                }
                .into_any()
            }
        }
    };
}

lazy_page!(
    /// `/auth`: sign in and sign up.
    AuthRoute => accounts::AuthPage, i18n::CataloguePart::App
);
lazy_page!(
    /// `/settings`: the person's own settings; and `/links`, "My shared links" (the list
    /// Settings › Data shows, as a page of its own).
    SettingsRoute => settings::SettingsPage, i18n::CataloguePart::Settings
);
lazy_page!(
    /// `/admin/…`: the Admin Panel.
    AdminRoute => admin::AdminPage, i18n::CataloguePart::Admin
);

/// `POST /api/fn/catalogue_words` `{"part": "app" | "settings" | "admin"}`: the app's words of
/// that part of the catalogue in the caller's language, in `i18n::wire`'s form (an unknown part
/// is the whole catalogue). Public: the words are the same for everyone. The lazy routes of
/// Settings and the Admin Panel fetch theirs when the client opens them from the chat app.
#[leptos::server(prefix = "/api/fn", endpoint = "catalogue_words", input = leptos::server_fn::codec::Json, output = leptos::server_fn::codec::Json)]
pub async fn catalogue_words(part: String) -> Result<String, error::AppError> {
    Ok(i18n::server::client_catalogue(i18n::current(), i18n::CataloguePart::parse(&part)).to_owned())
}

/// The HTML document around every page: head (meta tags, stylesheet, hydration scripts) and body.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    let hydrates = hydrates();
    #[cfg(feature = "ssr")]
    if hydrates {
        provide_split_manifest(&options);
    }
    let stylesheet = format!("/{}/chatshare.css", options.site_pkg_dir);
    // The chat app's styles, on every page with the sidebar (reading pages need only the main
    // sheet; the client adds this one when it navigates from one into the app).
    let app_stylesheet = (!on_reading_page()).then(|| format!("/{}/app.css", options.site_pkg_dir));
    // Every page's times in the reader's zone (`ui::times_script`), inline with the nonce.
    #[cfg(feature = "ssr")]
    let times = view! { <script nonce=leptos::nonce::use_nonce() inner_html=ui::times_script()></script> };
    #[cfg(not(feature = "ssr"))]
    let times = ();
    // The account's theme (Settings), as the `theme` cookie carries it; none: the device's.
    #[cfg(feature = "ssr")]
    let theme = use_context::<axum::http::request::Parts>()
        .map(|p| accounts::profile::service::requested_theme(&p.headers))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let theme = accounts::profile::Theme::System;
    let theme = (theme != accounts::profile::Theme::System).then_some(theme.as_str());
    // The page's language, and (for the client to say its words with) that language's part
    // of the catalogue (`i18n`).
    let lang = i18n::current();
    #[cfg(feature = "ssr")]
    let catalogue = hydrates.then(|| {
        view! { <script type="text/plain" id="catalogue" data-part=catalogue_part().name() nonce=leptos::nonce::use_nonce() inner_html=i18n::server::client_catalogue(lang, catalogue_part())></script> }
    });
    #[cfg(not(feature = "ssr"))]
    let catalogue = ();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir() data-theme=theme>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" href=stylesheet/>
                {app_stylesheet.map(|href| view! { <link rel="stylesheet" id="app-css" href=href/> })}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {times}
                {catalogue}
                {hydrates.then(|| view! { <HydrationScripts options/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A page to read, without the chat app's sidebar and styles: a shared chat, the sign-in page.
pub fn reading_page(path: &str) -> bool {
    path.starts_with("/s/") || path == "/auth"
}

/// A page without the chat app's sidebar: a [`reading_page`], and the community's pages (which
/// visitors who are not signed in read too; they use the app's stylesheet).
pub fn without_sidebar(path: &str) -> bool {
    reading_page(path) || community::is_community_page(path)
}

/// Which of the app's words the page the server is writing carries (`i18n`).
#[cfg(feature = "ssr")]
fn catalogue_part() -> i18n::CataloguePart {
    use_context::<axum::http::request::Parts>()
        .map(|req| i18n::CataloguePart::of_path(req.uri.path()))
        .unwrap_or(i18n::CataloguePart::Admin)
}

/// Whether the page the server is writing is a [`reading_page`].
fn on_reading_page() -> bool {
    #[cfg(feature = "ssr")]
    if let Some(req) = use_context::<axum::http::request::Parts>() {
        return reading_page(req.uri.path());
    }
    false
}

/// Whether the page the server is writing loads the WASM client. `/auth` does not: its forms
/// post as plain HTML forms and the server answers with a redirect (the client would only send
/// the same fields as JSON and then load the next page all the same), so a stranger following a
/// shared link signs in on a page of a few kilobytes. Reached from inside the hydrated app, the
/// sign-in page is a lazy route like the others. Nor do the community's pages (see
/// [`community::CommunityPage`]) or a shared chat (`share::document`, written outside the
/// router): one small script each.
fn hydrates() -> bool {
    #[cfg(feature = "ssr")]
    if let Some(req) = use_context::<axum::http::request::Parts>() {
        let path = req.uri.path();
        return path != "/auth" && !path.starts_with("/s/") && !community::is_community_page(path);
    }
    true
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

/// Lets Leptos add preload links for the WASM chunks of the lazy routes a page renders, so the
/// browser fetches them with the main module instead of after it. (Leptos would read the
/// manifest from `<site_root>/<pkg dir>`, but our pkg URL carries a content hash that is not a
/// directory; the server read the manifest at start-up.)
#[cfg(feature = "ssr")]
fn provide_split_manifest(options: &LeptosOptions) {
    let Some(SplitChunks(chunks)) = use_context::<SplitChunks>() else {
        return;
    };
    if chunks.is_empty() {
        return;
    }
    provide_context(leptos::WasmSplitManifest(ArcStoredValue::new((
        format!("/{}", options.site_pkg_dir),
        (*chunks).clone(),
        "__wasm_split.______________________.js".to_owned(),
    ))));
}

/// Which lazily loaded WASM chunks each split point of the client needs (the build's
/// `__wasm_split_manifest.json`; empty for a server built without the client). The server reads
/// it at start-up and puts it in each request's context; the page shell turns it into preload
/// links for the chunks the rendered page uses.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Default)]
pub struct SplitChunks(pub std::sync::Arc<std::collections::HashMap<String, Vec<String>>>);

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
    let full = format::escape_html_text(&full);
    full
}

/// Loads the code of the lazily split parts (other than routes) that the server rendered into
/// this page, before the browser hydrates it: today the sidebar.
#[cfg(feature = "hydrate")]
pub async fn load_rendered_chunks() {
    let rendered = |selector: &str| document().query_selector(selector).ok().flatten().is_some();
    if rendered("#sidebar") {
        chat_app::load_code().await;
    }
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
            <shell::AppShell>
                <Routes fallback=ui::NotFoundPage>
                    <Route path=path!("/") view={Lazy::<chat_app::HomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/auth") view={Lazy::<AuthRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/shared") view={Lazy::<chat_app::SharedWithMeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/links") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/groups") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/shared") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/community") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/general") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/connections") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/authentication") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/community") view=community::CommunityPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/mine") view=community::CommunityPage ssr=SsrMode::Async/>
                    <Route path=path!("/community/c/:id") view=community::CommunityPage ssr=SsrMode::Async/>
                    <Route path=path!("/chats/upload") view=community::CommunityPage ssr=SsrMode::Async/>
                    <Route path=path!("/c/:id") view={Lazy::<chat_app::ChatRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/folders/:id") view={Lazy::<chat_app::FolderRoute>::new()} ssr=SsrMode::Async/>
                    // Written by the server outside this router, with no client code: in the
                    // browser this route only loads the page from the server (see the README's
                    // "Client weight").
                    <Route path=path!("/s/:id") view=share::SharedChatPage ssr=SsrMode::Async/>
                </Routes>
            </shell::AppShell>
        </Router>
    }
}
