//! The user's Settings page (`/settings`): Account (profile, API keys) and Data (shared links).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::AccountSettings;
use crate::ui::RequireMember;

/// `/settings`: the signed-in user's settings.
#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Title text="Settings"/>
        <h1>"Settings"</h1>
        <RequireMember render=move |user| view! {
            <AccountSettings user/>
            <h2 class="section-title">"Data"</h2>
            <crate::share::SharedLinksManager/>
        }.into_any()/>
    }
}
