//! An accessible modal dialog and the toast area.

use leptos::prelude::*;

/// A modal dialog: `role="dialog"`, `aria-modal`, labelled by its title. Focus moves into it
/// and is trapped there; Esc, ✕ and the backdrop close it; focus returns to what opened it.
#[component]
pub fn Modal(
    /// The dialog's title (also its accessible name).
    #[prop(into)]
    title: String,
    /// Called to close the dialog.
    #[prop(into)]
    on_close: Callback<()>,
    /// The dialog's content.
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    let title_id = "modal-title";
    #[cfg(feature = "hydrate")]
    {
        let opener: Option<web_sys::HtmlElement> = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        let opener = send_wrapper::SendWrapper::new(opener);
        Effect::new(move |_| {
            if let Some(el) = panel.get() {
                // Next frame: the dialog is in the document by then.
                request_animation_frame(move || focus_first(&el));
            }
        });
        // Esc closes the dialog and Tab stays inside it, wherever focus is.
        let esc = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                on_close.run(());
            } else if ev.key() == "Tab" {
                if let Some(el) = panel.get_untracked() {
                    trap_tab(&el, &ev);
                }
            }
        });
        let esc = send_wrapper::SendWrapper::new(esc);
        on_cleanup(move || {
            esc.take().remove();
            if let Some(o) = opener.take() {
                let _ = o.focus();
            }
        });
    }
    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())></div>
        <div
            class="modal"
            role="dialog"
            aria-modal="true"
            aria-labelledby=title_id
            tabindex="-1"
            node_ref=panel
        >
            <div class="modal-head">
                <h2 id=title_id>{title}</h2>
                <button type="button" class="icon-button" aria-label=t!("common-close") on:click=move |_| on_close.run(())>
                    "✕"
                </button>
            </div>
            <div class="modal-body">{children()}</div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[cfg(feature = "hydrate")]
fn focusables(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[cfg(feature = "hydrate")]
fn focus_first(root: &web_sys::HtmlElement) {
    // The first control after the close button; the dialog itself while its content loads.
    match focusables(root).get(1) {
        Some(el) => {
            let _ = el.focus();
        }
        None => {
            let _ = root.focus();
        }
    }
}

#[cfg(feature = "hydrate")]
fn trap_tab(root: &web_sys::HtmlElement, ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let all = focusables(root);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
    if ev.shift_key() {
        if !inside || active.as_ref() == Some(first) {
            ev.prevent_default();
            let _ = last.focus();
        }
    } else if !inside || active.as_ref() == Some(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// The current toast message, shown for 3 seconds.
#[derive(Clone, Copy)]
pub struct Toast(pub RwSignal<Option<String>>);

/// The toast signal (provided by the app shell).
pub fn use_toast() -> Toast {
    use_context::<Toast>().unwrap_or_else(|| {
        let t = Toast(RwSignal::new(None));
        provide_context(t);
        t
    })
}

impl Toast {
    /// Shows `message` for 3 seconds.
    pub fn show(self, message: impl AsRef<str>) {
        let message = message.as_ref();
        self.0.set(Some(message.to_owned()));
        #[cfg(feature = "hydrate")]
        {
            let sig = self.0;
            let shown = message.to_owned();
            gloo_timers::callback::Timeout::new(3_000, move || {
                if sig.get_untracked().as_deref() == Some(shown.as_str()) {
                    sig.set(None);
                }
            })
            .forget();
        }
    }
}

/// Where toasts appear (a polite live region).
#[component]
pub fn ToastArea() -> impl IntoView {
    let toast = use_toast();
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || toast.0.get().map(|m| view! { <div class="toast">{m}</div> })}
        </div>
    }
}
