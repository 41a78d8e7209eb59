//! UI pieces shared by every feature: the app layout and the error pages.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

pub mod clipboard;
mod modal;
mod resource;
mod time;
pub use crate::format::{date_group, format_time, now_epoch};
pub use modal::{use_toast, Modal, Toast, ToastArea};
pub use resource::{page_resource, PageJson, PageResource};
#[cfg(feature = "ssr")]
pub use time::times_script;
pub use time::{reader_zone, text_with_times, Time};

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

/// Keeps the main column at its end while content arrives, unless the reader has scrolled up:
/// then `behind` becomes true (the composer offers "↓"); back at the end, false.
pub fn follow_main_end(behind: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        let Some(main) = document().get_element_by_id("main") else {
            return;
        };
        let from_end = main.scroll_height() - main.scroll_top() - main.client_height();
        if from_end < 160 {
            main.set_scroll_top(main.scroll_height());
            behind.set(false);
        } else {
            behind.set(true);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = behind;
}

/// `true` once this part of the page runs in the browser (hydrated or rendered there); `false`
/// in the server's HTML. Controls that need the client use it to render disabled until then,
/// so a click before the WASM arrives does nothing silently wrong.
pub fn use_client_ready() -> Signal<bool> {
    let ready = RwSignal::new(false);
    // Effects run only in the browser, after the view is attached.
    Effect::new(move || ready.set(true));
    ready.into()
}

/// What the visitor typed into the field (`<input>` or `<textarea>`) with `id` before the client
/// hydrated the page: hydration sets a bound field to the value the server rendered, so a
/// component reads it first and starts the field's signal with it. `None` on the server, after
/// client-side navigation, or when the field is empty.
pub fn typed_before_hydration(id: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());
        if hydrating {
            return document()
                .get_element_by_id(id)
                .and_then(|el| js_sys::Reflect::get(&el, &"value".into()).ok())
                .and_then(|v| v.as_string())
                .filter(|v| !v.is_empty());
        }
    }
    let _ = id;
    None
}

/// Arrow keys in a menu (the WAI-ARIA menu pattern): Down and Up move the focus to the next and
/// previous item, wrapping; Home and End to the first and last. Attach to the `role="menu"`
/// element's `keydown`; Escape is left to the menu's owner, which closes it and refocuses its
/// button.
pub fn menu_arrow_keys(ev: &leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let key = ev.key();
        if !matches!(key.as_str(), "ArrowDown" | "ArrowUp" | "Home" | "End") {
            return;
        }
        let Some(menu) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(nodes) = menu.query_selector_all("[role=menuitem]") else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..nodes.length())
            .filter_map(|i| {
                nodes
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            })
            .collect();
        if items.is_empty() {
            return;
        }
        ev.prevent_default();
        let active = document().active_element();
        let at = items.iter().position(|el| {
            active
                .as_ref()
                .is_some_and(|a| a == el.as_ref() as &web_sys::Element)
        });
        let last = items.len() - 1;
        let next = match (key.as_str(), at) {
            ("Home", _) => 0,
            ("End", _) => last,
            ("ArrowDown", Some(i)) if i < last => i + 1,
            ("ArrowDown", _) => 0,
            ("ArrowUp", Some(i)) if i > 0 => i - 1,
            _ => last,
        };
        let _ = items[next].focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// Moves the focus to the element of `node` whenever it appears (a box that opens in place,
/// say: `autofocus` only works when the page loads).
pub fn focus_when_shown<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: leptos::wasm_bindgen::JsCast + AsRef<leptos::web_sys::HtmlElement> + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = AsRef::<leptos::web_sys::HtmlElement>::as_ref(&el).focus();
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = el;
        }
    });
}

/// Moves the focus to the first item of the menu `menu` once it is in the page (a menu opened
/// from the keyboard or by a click starts there, as the WAI-ARIA menu pattern says).
pub fn focus_first_item(menu: NodeRef<leptos::html::Div>) {
    Effect::new(move |_| {
        if let Some(el) = menu.get() {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                if let Some(first) = el
                    .query_selector("[role=menuitem]")
                    .ok()
                    .flatten()
                    .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = el;
        }
    });
}

/// Shown in place of a page whose rendering failed: the user-safe messages, never a cause.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <section class="panel error-panel" role="alert">
            <h1>{t!("ui-something-went-wrong")}</h1>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                        .collect_view()
                }}
            </ul>
            <a href="/">{t!("ui-back-start")}</a>
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
        <Title text=t!("ui-page-not-found")/>
        <Meta name="robots" content="noindex"/>
        <section class="panel">
            <h1>{t!("ui-page-not-found")}</h1>
            <p>{t!("ui-nothing-here")}</p>
            <a href="/">{t!("ui-back-start")}</a>
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

/// The data type a drag of `kind` ("chat" or "folder") carries its id as.
pub fn drag_type(kind: &str) -> String {
    format!("application/x-chatshare-{kind}")
}

/// Marks the drag `ev` as carrying the chat or folder `id` (`kind`: "chat" or "folder"), for a
/// folder to take when it is dropped there.
pub fn drag_start(ev: &leptos::ev::DragEvent, kind: &str, id: uuid::Uuid) {
    #[cfg(feature = "hydrate")]
    if let Some(dt) = ev.data_transfer() {
        let _ = dt.set_data(&drag_type(kind), &id.to_string());
        dt.set_effect_allowed("move");
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, kind, id);
}
