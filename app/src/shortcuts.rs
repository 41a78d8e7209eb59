//! Open WebUI's keyboard shortcuts, in the chat app: the shell listens for them (pages written
//! without the client, such as a shared chat, have none) and Ctrl/⌘+/ lists them. Keys are
//! matched by their place on the keyboard (`KeyboardEvent.code`), so Shift+; works on any layout.

use leptos::prelude::*;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl/⌘+Shift+O: a new chat (the start page).
    NewChat,
    /// Shift+Esc: the focus to the message box.
    FocusComposer,
    /// Ctrl/⌘+Shift+S: show or hide the sidebar.
    ToggleSidebar,
    /// Ctrl/⌘+Shift+C: copy the last answer.
    CopyLastAnswer,
    /// Ctrl/⌘+Shift+;: copy the last code block.
    CopyLastCode,
    /// Ctrl/⌘+/: the list of shortcuts.
    ShowList,
}

/// The shortcuts as the list shows them: keys and what they do.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl/⌘ + Shift + O", "New chat"),
    ("Shift + Esc", "Focus the message box"),
    ("Ctrl/⌘ + Shift + S", "Show or hide the sidebar"),
    ("Ctrl/⌘ + Shift + C", "Copy the last answer"),
    ("Ctrl/⌘ + Shift + ;", "Copy the last code block"),
    ("Ctrl/⌘ + /", "Keyboard shortcuts"),
];

/// The shortcut a key press is (`code`: `KeyboardEvent.code`; `command`: Ctrl or ⌘ held).
pub fn shortcut_of(code: &str, command: bool, shift: bool) -> Option<Shortcut> {
    match (command, shift, code) {
        (true, true, "KeyO") => Some(Shortcut::NewChat),
        (false, true, "Escape") => Some(Shortcut::FocusComposer),
        (true, true, "KeyS") => Some(Shortcut::ToggleSidebar),
        (true, true, "KeyC") => Some(Shortcut::CopyLastAnswer),
        (true, true, "Semicolon") => Some(Shortcut::CopyLastCode),
        (true, false, "Slash") => Some(Shortcut::ShowList),
        _ => None,
    }
}

/// The list's dialog (built in the chat app's chunk).
pub fn list_view(on_close: Callback<()>) -> AnyView {
    view! {
        <crate::ui::Modal title="Keyboard shortcuts" on_close>
            <dl class="shortcut-list">
                {SHORTCUTS.iter().map(|(keys, what)| view! {
                    <div class="shortcut"><dt>{*what}</dt><dd><kbd>{*keys}</kbd></dd></div>
                }).collect_view()}
            </dl>
        </crate::ui::Modal>
    }
    .into_any()
}

/// The shell's parts that shortcuts act on.
#[derive(Clone, Copy)]
pub struct ShellControls {
    /// The sidebar drawer is open (narrow screens).
    pub sidebar_open: RwSignal<bool>,
    /// The sidebar is hidden (wide screens).
    pub sidebar_hidden: RwSignal<bool>,
    /// The list of shortcuts is open.
    pub list_open: RwSignal<bool>,
    /// The app's toasts.
    pub toast: crate::ui::Toast,
}

/// Carries out `shortcut` in the browser with the app's navigation (`navigate`), `shell`, and
/// `copy`, which runs [`copy_last`] where its code is (the chat app's chunk).
#[cfg(feature = "hydrate")]
pub fn run(shortcut: Shortcut, navigate: &dyn Fn(&str), copy: &dyn Fn(Copying), shell: ShellControls) {
    let ShellControls {
        sidebar_open,
        sidebar_hidden,
        list_open,
        toast,
    } = shell;
    let doc = document();
    match shortcut {
        Shortcut::NewChat => navigate("/"),
        Shortcut::FocusComposer => {
            if let Some(field) = doc
                .get_element_by_id("composer-input")
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = field.focus();
            }
        }
        Shortcut::ToggleSidebar => {
            let narrow = window()
                .inner_width()
                .ok()
                .and_then(|w| w.as_f64())
                .is_some_and(|w| w <= 760.0);
            if narrow {
                sidebar_open.update(|o| *o = !*o);
            } else {
                sidebar_hidden.update(|h| *h = !*h);
            }
        }
        Shortcut::CopyLastAnswer => copy(Copying {
            toast,
            selector: ".message.assistant .message-body",
            done: "Answer copied.",
            none: "There is no answer to copy.",
        }),
        Shortcut::CopyLastCode => copy(Copying {
            toast,
            selector: ".message-body pre",
            done: "Code copied.",
            none: "There is no code block to copy.",
        }),
        Shortcut::ShowList => list_open.set(true),
    }
}

/// What [`copy_last`] copies and says (read in the browser only).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Copying {
    /// The app's toasts.
    toast: crate::ui::Toast,
    /// The elements whose last one is copied.
    selector: &'static str,
    /// The toast after copying.
    done: &'static str,
    /// The toast when there is nothing to copy.
    none: &'static str,
}

/// Copies the text of the page's last element matching the selector (without the code blocks'
/// buttons and labels), and says so in a toast (run in the chat app's chunk).
pub fn copy_last(copying: Copying) {
    #[cfg(feature = "hydrate")]
    copy_in_page(copying.toast, copying.selector, copying.done, copying.none);
    #[cfg(not(feature = "hydrate"))]
    let _ = copying;
}

/// [`copy_last`]'s work in the browser.
#[cfg(feature = "hydrate")]
fn copy_in_page(toast: crate::ui::Toast, selector: &str, done: &'static str, none: &'static str) {
    use crate::ui::clipboard::{copy_from, CopyOutcome};
    let last = document()
        .query_selector_all(selector)
        .ok()
        .and_then(|all| all.length().checked_sub(1).and_then(|i| all.item(i)))
        .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(n).ok());
    let Some(el) = last else {
        toast.show(none);
        return;
    };
    let text = match el
        .clone_node_with_deep(true)
        .ok()
        .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
    {
        Some(copy) => {
            if let Ok(extras) = copy.query_selector_all(".code-copy, .code-lang") {
                for i in 0..extras.length() {
                    if let Some(node) = extras.item(i) {
                        if let Some(parent) = node.parent_node() {
                            let _ = parent.remove_child(&node);
                        }
                    }
                }
            }
            copy.text_content().unwrap_or_default()
        }
        None => el.inner_text(),
    };
    let text = text.trim().to_owned();
    leptos::task::spawn_local(async move {
        match copy_from(async { Ok::<_, ()>(text) }).await {
            Ok(CopyOutcome::Copied(_)) => toast.show(done),
            _ => toast.show("Your browser blocked copying."),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{shortcut_of, Shortcut};

    #[test]
    fn keys_are_matched_by_place_and_modifiers() {
        assert_eq!(shortcut_of("KeyO", true, true), Some(Shortcut::NewChat));
        assert_eq!(shortcut_of("Escape", false, true), Some(Shortcut::FocusComposer));
        assert_eq!(shortcut_of("Semicolon", true, true), Some(Shortcut::CopyLastCode));
        assert_eq!(shortcut_of("Slash", true, false), Some(Shortcut::ShowList));
        // Without the modifiers it is typing, not a shortcut.
        assert_eq!(shortcut_of("KeyO", false, true), None);
        assert_eq!(shortcut_of("KeyC", true, false), None);
        assert_eq!(shortcut_of("Escape", false, false), None);
    }
}
