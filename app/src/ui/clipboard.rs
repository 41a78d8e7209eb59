//! Copying text to the clipboard, honestly, including a share URL whose id is only known after
//! a server call.
//!
//! Order of attempts: a `ClipboardItem` whose content is a promise, written inside the click
//! (what Safari requires), resolved once the server answered; else `writeText`; else a hidden
//! textarea and `execCommand('copy')`. When all fail the caller shows the link to copy by hand
//! and never claims it was copied.

use std::future::Future;

/// How the copy ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum CopyOutcome {
    /// The text is on the clipboard.
    Copied(String),
    /// The browser refused; the text must be shown for copying by hand.
    Manual(String),
}

/// Starts a clipboard write inside the current click, runs `fetch_text` (the server call), and
/// puts its text on the clipboard. `Err` is the server call's error.
#[cfg(feature = "hydrate")]
pub async fn copy_from<F, E>(fetch_text: F) -> Result<CopyOutcome, E>
where
    F: Future<Output = Result<String, E>>,
{
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let window = web_sys::window();
    let clipboard = window.as_ref().and_then(|w| {
        let nav = w.navigator();
        let has = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard"))
            .map(|v| !v.is_undefined())
            .unwrap_or(false);
        has.then(|| nav.clipboard())
    });
    let has_item = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &JsValue::from_str("ClipboardItem")).ok())
        .is_some_and(|v| !v.is_undefined());

    // 1. Inside the click: a ClipboardItem holding a promise of the text.
    /// The promise's resolve and reject functions, filled in by its executor.
    type Settlers = Rc<RefCell<Option<(js_sys::Function, js_sys::Function)>>>;
    let mut pending_write: Option<(JsFuture, Settlers)> = None;
    if let (Some(cb), true) = (clipboard.as_ref(), has_item) {
        let slots: Settlers = Rc::new(RefCell::new(None));
        let s2 = slots.clone();
        let promise = js_sys::Promise::new(&mut move |resolve, reject| {
            *s2.borrow_mut() = Some((resolve, reject));
        });
        let record = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&record, &JsValue::from_str("text/plain"), &promise);
        if let Ok(item) = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record) {
            let items = js_sys::Array::of1(&item);
            pending_write = Some((JsFuture::from(cb.write(&items)), slots));
        }
    }

    let text = match fetch_text.await {
        Ok(t) => t,
        Err(e) => {
            if let Some((write, slots)) = pending_write {
                if let Some((_, reject)) = slots.borrow_mut().take() {
                    let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("cancelled"));
                }
                let _ = write.await;
            }
            return Err(e);
        }
    };

    if let Some((write, slots)) = pending_write {
        let resolved = slots.borrow_mut().take().is_some_and(|(resolve, _)| {
            let parts = js_sys::Array::of1(&JsValue::from_str(&text));
            let opts = web_sys::BlobPropertyBag::new();
            opts.set_type("text/plain");
            web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
                .ok()
                .is_some_and(|blob| resolve.call1(&JsValue::NULL, &blob).is_ok())
        });
        if resolved && write.await.is_ok() {
            return Ok(CopyOutcome::Copied(text));
        }
    }
    // 2. writeText.
    if let Some(cb) = clipboard.as_ref() {
        if JsFuture::from(cb.write_text(&text)).await.is_ok() {
            return Ok(CopyOutcome::Copied(text));
        }
    }
    // 3. A hidden textarea and execCommand('copy').
    let copied = (|| {
        let doc = window.as_ref()?.document()?;
        let body = doc.body()?;
        let ta: web_sys::HtmlTextAreaElement = doc.create_element("textarea").ok()?.dyn_into().ok()?;
        ta.set_value(&text);
        let _ = ta.set_attribute("readonly", "");
        let _ = ta.style().set_property("position", "fixed");
        let _ = ta.style().set_property("opacity", "0");
        body.append_child(&ta).ok()?;
        ta.select();
        let html_doc: web_sys::HtmlDocument = doc.dyn_into().ok()?;
        let ok = html_doc.exec_command("copy").unwrap_or(false);
        let _ = body.remove_child(&ta);
        Some(ok)
    })()
    .unwrap_or(false);
    if copied {
        Ok(CopyOutcome::Copied(text))
    } else {
        Ok(CopyOutcome::Manual(text))
    }
}

/// On the server there is no clipboard: runs the call and asks for a manual copy.
#[cfg(not(feature = "hydrate"))]
pub async fn copy_from<F, E>(fetch_text: F) -> Result<CopyOutcome, E>
where
    F: Future<Output = Result<String, E>>,
{
    fetch_text.await.map(CopyOutcome::Manual)
}

/// The page's origin (`https://host:port`), empty on the server.
pub fn origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}
