//! WASM entry point: hydrates the page the server rendered.
#![recursion_limit = "256"]

/// Called by the hydration script: attaches the Leptos app to the server-rendered DOM, loading
/// the page's lazily split code first (the route's WASM chunk and the rendered lazy parts, which
/// the server has already asked the browser to preload), then marks `<body data-hydrated="true">` so tests and tools
/// can tell the page is interactive.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // An error only means the executor was already set up, which is fine.
    _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        app::load_rendered_chunks().await;
        let owner = leptos::mount::hydrate_from_async(body, app::App).await;
        owner.forget();
        app::ui::mark_hydrated();
    });
}
