//! WASM entry point: hydrates the page the server rendered.

/// Called by the hydration script: attaches the Leptos app to the server-rendered DOM, then
/// marks `<body data-hydrated="true">` so tests and tools can tell the page is interactive.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    app::ui::mark_hydrated();
}
