//! The user's Settings page (`/settings`): Account (profile, password, theme, default model,
//! system prompt, API keys) and Data (import, export and shared links).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::AccountSettings;

mod preferences;

/// `/settings`: the signed-in user's settings.
#[component]
pub fn SettingsPage() -> impl IntoView {
    if leptos_router::hooks::use_location().pathname.get_untracked() == "/links" {
        return crate::share::MyLinksPage().into_any();
    }
    // Created here, outside the member gate's `Suspend`, so ids match during hydration.
    let keys = crate::accounts::api_keys_resource();
    let links = crate::share::shared_links_state();
    let profile = preferences::profile_resource();
    view! {
        <Title text=t!("common-settings")/>
        <h1>{t!("common-settings")}</h1>
        <AccountGate/>
        <preferences::AccountPanels profile/>
        // Siblings of the member gate, not children of its `Suspend`: suspense boundaries nested
        // there are not hydrated in the order the server rendered them.
        <crate::accounts::ApiKeysPanel keys/>
        <section class="panel" aria-labelledby="data-heading">
            <h2 id="data-heading">{t!("settings-data")}</h2>
            <crate::chats::ChatTransferPanel/>
            <crate::share::SharedLinksManager state=links/>
        </section>
    }
    .into_any()
}

/// The account panel, or what a non-member sees instead (approval notice, or a redirect to
/// sign in), in one suspense boundary that is a direct child of the page.
#[component]
fn AccountGate() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match crate::accounts::member_or(user.0.await, || crate::accounts::sign_in_redirect("/settings")) {
                    Ok(u) => view! { <AccountSettings user=u/> }.into_any(),
                    Err(instead) => instead,
                }
            })}
        </Suspense>
    }
}
