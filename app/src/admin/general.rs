//! Admin Panel → Settings → General: sign-up, default role, API keys, sharing, link previews
//! and embeds, community sharing and read aloud. Switches save at once; text fields with their
//! section's button.

use leptos::prelude::*;

use super::components::show_value;
use super::{admin_update_settings, SettingsPatch};
use crate::accounts::use_current_user;
use crate::error::AppError;
use crate::instance::InstanceSettings;
use crate::ui::use_toast;

/// A settings switch and the setting it shows.
type SwitchBinding = (NodeRef<leptos::html::Input>, fn(&InstanceSettings) -> bool);

/// A text area's list of site addresses, one per line, each written one way (lower case, no
/// trailing slash); what is not an address (`*`, a typo) is sent as typed, and the server's
/// check says what is wrong with it.
fn address_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| crate::instance::origin_of(l).unwrap_or_else(|| l.to_owned()))
        .collect()
}

/// Settings → General: switches save at once; text fields save with their section's button.
#[component]
pub(super) fn GeneralSettingsTab(
    /// The settings in force (loaded by the page).
    settings: crate::ui::PageResource<Result<Option<InstanceSettings>, AppError>>,
) -> impl IntoView {
    let user = use_current_user();
    view! {
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                if !matches!(user.0.await, Ok(Some(u)) if u.is_admin()) {
                    return ().into_any();
                }
                match settings.await {
                    Ok(Some(s)) => view! { <GeneralSettingsForm initial=s/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The General settings, bound to signals and saved through `admin_update_settings`.
#[component]
fn GeneralSettingsForm(initial: InstanceSettings) -> impl IntoView {
    let current = RwSignal::new(initial.clone());
    let url = RwSignal::new(initial.community_sharing_url.clone());
    let origins = RwSignal::new(initial.community_allowed_origins.join("\n"));
    let voice = RwSignal::new(initial.tts_voice.clone());
    let rate = RwSignal::new(format!("{}", initial.tts_rate));
    let default_days = RwSignal::new(initial.share_link_default_days.to_string());
    let max_days = RwSignal::new(initial.share_link_max_days.to_string());
    let audit_days = RwSignal::new(initial.audit_retention_days.to_string());
    let quota_mb = RwSignal::new(initial.community_quota_mb.to_string());
    let instance_name = RwSignal::new(initial.instance_name.clone());
    let embed_origins = RwSignal::new(initial.share_embed_origins.join("\n"));
    let error = RwSignal::new(None::<String>);
    let toast = use_toast();
    let switches = StoredValue::new(Vec::<SwitchBinding>::new());
    let role_select = NodeRef::<leptos::html::Select>::new();
    let language_select = NodeRef::<leptos::html::Select>::new();
    // After a refusal, every control shows what is in force again.
    let resync = move || {
        let s = current.get_untracked();
        #[cfg(feature = "hydrate")]
        switches.with_value(|all| {
            for (el, get) in all {
                if let Some(input) = el.get_untracked() {
                    input.set_checked(get(&s));
                }
            }
        });
        show_value(role_select, &s.default_user_role);
        show_value(language_select, &s.default_language);
        url.set(s.community_sharing_url.clone());
        origins.set(s.community_allowed_origins.join("\n"));
        voice.set(s.tts_voice.clone());
        rate.set(format!("{}", s.tts_rate));
        default_days.set(s.share_link_default_days.to_string());
        max_days.set(s.share_link_max_days.to_string());
        audit_days.set(s.audit_retention_days.to_string());
        quota_mb.set(s.community_quota_mb.to_string());
        instance_name.set(s.instance_name.clone());
        embed_origins.set(s.share_embed_origins.join("\n"));
    };
    let save = Action::new(move |patch: &SettingsPatch| {
        let patch = patch.clone();
        async move {
            match admin_update_settings(patch).await {
                Ok(s) => {
                    url.set(s.community_sharing_url.clone());
                    origins.set(s.community_allowed_origins.join("\n"));
                    voice.set(s.tts_voice.clone());
                    rate.set(format!("{}", s.tts_rate));
                    instance_name.set(s.instance_name.clone());
                    embed_origins.set(s.share_embed_origins.join("\n"));
                    current.set(s);
                    error.set(None);
                    toast.show(t!("admin-settings-saved"));
                }
                Err(e) => {
                    resync();
                    error.set(Some(e.said()));
                }
            }
        }
    });
    // A switch: its label's and hint's catalogue keys (the label's names its id), the setting.
    let switch = move |label: &'static str,
                       hint: &'static str,
                       get: fn(&InstanceSettings) -> bool,
                       patch: fn(bool) -> SettingsPatch| {
        let id = format!("setting-{}", label.trim_start_matches("admin-"));
        let (label, hint) = (crate::i18n::tr(label), crate::i18n::tr(hint));
        let el = NodeRef::<leptos::html::Input>::new();
        switches.update_value(|all| all.push((el, get)));
        view! {
            <div class="setting">
                <label for=id.clone()>
                    <span class="setting-label">{label}</span>
                    <span class="muted setting-hint">{hint}</span>
                </label>
                <input
                    id=id
                    type="checkbox"
                    role="switch"
                    node_ref=el
                    class="switch"
                    prop:checked=move || current.with(get)
                    on:change=move |ev| { save.dispatch(patch(event_target_checked(&ev))); }
                />
            </div>
        }
    };
    view! {
        <p class="status-error" role="alert">{move || error.get()}</p>
        <section class="panel settings-group" aria-labelledby="settings-auth">
            <h2 id="settings-auth">{t!("admin-authentication")}</h2>
            {switch("admin-enable-sign-up", "admin-sign-up-hint", |s| s.enable_signup,
                |v| SettingsPatch { enable_signup: Some(v), ..Default::default() })}
            <div class="setting">
                <label for="setting-default-role">
                    <span class="setting-label">{t!("admin-default-user-role")}</span>
                    <span class="muted setting-hint">{t!("admin-default-role-hint")}</span>
                </label>
                <select id="setting-default-role" node_ref=role_select prop:value=move || current.with(|s| s.default_user_role.clone()) on:change=move |ev| {
                    save.dispatch(SettingsPatch { default_user_role: Some(event_target_value(&ev)), ..Default::default() });
                }>
                    <option value="pending" selected=move || current.with(|s| s.default_user_role == "pending")>{t!("admin-role-pending")}</option>
                    <option value="user" selected=move || current.with(|s| s.default_user_role == "user")>{t!("admin-role-user")}</option>
                </select>
            </div>
            <div class="setting">
                <label for="setting-default-language">
                    <span class="setting-label">{t!("admin-default-language")}</span>
                    <span class="muted setting-hint">{t!("admin-default-language-hint")}</span>
                </label>
                <select id="setting-default-language" node_ref=language_select on:change=move |ev| {
                    save.dispatch(SettingsPatch { default_language: Some(event_target_value(&ev)), ..Default::default() });
                }>
                    {crate::i18n::Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() lang=l.code() selected=move || current.with(|s| s.default_language == l.code())>{l.own_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            {switch("admin-enable-api-keys", "admin-api-keys-hint", |s| s.enable_api_keys,
                |v| SettingsPatch { enable_api_keys: Some(v), ..Default::default() })}
        </section>
        <section class="panel settings-group" aria-labelledby="settings-sharing">
            <h2 id="settings-sharing">{t!("admin-sharing")}</h2>
            {switch("admin-links-every-member", "admin-member-links-hint", |s| s.allow_member_links,
                |v| SettingsPatch { allow_member_links: Some(v), ..Default::default() })}
            {switch("admin-links-anyone", "admin-anyone-links-hint", |s| s.allow_open_links,
                |v| SettingsPatch { allow_open_links: Some(v), ..Default::default() })}
            {switch("admin-folders", "admin-folders-hint", |s| s.folders_enabled,
                |v| SettingsPatch { folders_enabled: Some(v), ..Default::default() })}
            {switch("admin-folder-sharing", "admin-folder-sharing-hint", |s| s.allow_folder_sharing,
                |v| SettingsPatch { allow_folder_sharing: Some(v), ..Default::default() })}
            {switch("admin-enable-community-sharing", "admin-community-sharing-hint", |s| s.enable_community_sharing,
                |v| SettingsPatch { enable_community_sharing: Some(v), ..Default::default() })}
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(SettingsPatch { community_sharing_url: Some(url.get_untracked()), ..Default::default() });
            }>
                <label for="setting-community-url"><span class="setting-label">{t!("admin-community-sharing-url")}</span></label>
                <div class="row">
                    <input id="setting-community-url" type="url" bind:value=url/>
                    <button type="submit" class="button secondary">{t!("common-save")}</button>
                    // This instance runs its own community: one click points the button at it.
                    <Show when=move || current.with(|s| s.community_hub_enabled)>
                        <button type="button" class="button secondary" on:click=move |_| {
                            #[cfg(feature = "hydrate")]
                            if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
                                save.dispatch(SettingsPatch { community_sharing_url: Some(format!("{origin}/chats/upload")), ..Default::default() });
                            }
                        }>{t!("admin-use-instance-s-community")}</button>
                    </Show>
                </div>
            </form>
        </section>
        <section class="panel settings-group" aria-labelledby="settings-previews">
            <h2 id="settings-previews">{t!("admin-link-previews-embeds")}</h2>
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                let sites = address_lines(&embed_origins.get_untracked());
                save.dispatch(SettingsPatch {
                    instance_name: Some(instance_name.get_untracked().trim().to_owned()),
                    share_embed_origins: Some(sites),
                    ..Default::default()
                });
            }>
                <label for="setting-instance-name">
                    <span class="setting-label">{t!("admin-instance-name")}</span>
                    <span class="muted setting-hint">{t!("admin-instance-name-hint")}</span>
                </label>
                <input id="setting-instance-name" type="text" maxlength="60" required bind:value=instance_name/>
                <label for="setting-embed-origins">
                    <span class="setting-label">{t!("admin-sites-may-embed-shared")}</span>
                    <span class="muted setting-hint">{t!("admin-embed-hint")}</span>
                </label>
                <textarea id="setting-embed-origins" rows="3" bind:value=embed_origins></textarea>
                <div class="row">
                    <button type="submit" class="button secondary">{t!("common-save")}</button>
                </div>
            </form>
        </section>
        <section class="panel settings-group" aria-labelledby="settings-community">
            <h2 id="settings-community">{t!("admin-community")}</h2>
            {switch("admin-community-hub", "admin-community-hub-hint", |s| s.community_hub_enabled,
                |v| SettingsPatch { community_hub_enabled: Some(v), ..Default::default() })}
            {switch("admin-let-search-engines-index", "admin-index-hint", |s| s.community_indexable,
                |v| SettingsPatch { community_indexable: Some(v), ..Default::default() })}
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                let list = address_lines(&origins.get_untracked());
                save.dispatch(SettingsPatch { community_allowed_origins: Some(list), ..Default::default() });
            }>
                <label for="setting-community-origins">
                    <span class="setting-label">{t!("admin-instances-allowed-upload")}</span>
                    <span class="muted setting-hint">{t!("admin-allowed-origins-hint")}</span>
                </label>
                <textarea id="setting-community-origins" rows="3" bind:value=origins></textarea>
                <div class="row">
                    <button type="submit" class="button secondary">{t!("common-save")}</button>
                    <a href="/admin/community">{t!("admin-moderate-community-chats")}</a>
                </div>
            </form>
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                match quota_mb.get_untracked().trim().parse::<u32>() {
                    Ok(mb) => { save.dispatch(SettingsPatch { community_quota_mb: Some(mb), ..Default::default() }); }
                    Err(_) => error.set(Some(t!("admin-quota-whole-number-megabytes"))),
                }
            }>
                <label for="setting-community-quota">
                    <span class="setting-label">{t!("admin-storage-per-member-mb")}</span>
                    <span class="muted setting-hint">{t!("admin-quota-hint")}</span>
                </label>
                <div class="row">
                    <input id="setting-community-quota" type="number" min="0" max="100000" step="1" bind:value=quota_mb/>
                    <button type="submit" class="button secondary">{t!("common-save")}</button>
                </div>
            </form>
        </section>
        <section class="panel settings-group" aria-labelledby="settings-lifetime">
            <h2 id="settings-lifetime">{t!("admin-link-lifetime")}</h2>
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                let days = |v: RwSignal<String>| v.get_untracked().trim().parse::<u32>();
                match (days(default_days), days(max_days), days(audit_days)) {
                    (Ok(d), Ok(m), Ok(a)) => { save.dispatch(SettingsPatch {
                        share_link_default_days: Some(d),
                        share_link_max_days: Some(m),
                        audit_retention_days: Some(a),
                        ..Default::default()
                    }); }
                    _ => error.set(Some(t!("admin-each-lifetime-whole-number"))),
                }
            }>
                <label for="setting-link-default-days"><span class="setting-label">{t!("admin-default-lifetime-days")}</span><span class="muted setting-hint">{t!("admin-default-lifetime-hint")}</span></label>
                <input id="setting-link-default-days" type="number" min="0" max="3650" step="1" bind:value=default_days/>
                <label for="setting-link-max-days"><span class="setting-label">{t!("admin-longest-lifetime-days")}</span><span class="muted setting-hint">{t!("admin-longest-lifetime-hint")}</span></label>
                <input id="setting-link-max-days" type="number" min="0" max="3650" step="1" bind:value=max_days/>
                <label for="setting-audit-days"><span class="setting-label">{t!("admin-keep-audit-log-days")}</span><span class="muted setting-hint">{t!("admin-0-keep-forever")}</span></label>
                <div class="row">
                    <input id="setting-audit-days" type="number" min="0" max="3650" step="1" bind:value=audit_days/>
                    <button type="submit" class="button secondary">{t!("common-save")}</button>
                </div>
            </form>
        </section>
        <section class="panel settings-group" aria-labelledby="settings-permissions">
            <h2 id="settings-permissions">{t!("admin-default-permissions")}</h2>
            {switch("admin-allow-chat-sharing", "admin-chat-sharing-hint", |s| s.default_can_share,
                |v| SettingsPatch { default_can_share: Some(v), ..Default::default() })}
        </section>
        <section class="panel settings-group" aria-labelledby="settings-tts">
            <h2 id="settings-tts">{t!("admin-text-speech")}</h2>
            {switch("admin-read-aloud", "admin-read-aloud-hint", |s| s.tts_enabled,
                |v| SettingsPatch { tts_enabled: Some(v), ..Default::default() })}
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                let r = rate.get_untracked().trim().parse::<f64>();
                match r {
                    Ok(r) => { save.dispatch(SettingsPatch { tts_voice: Some(voice.get_untracked()), tts_rate: Some(r), ..Default::default() }); }
                    Err(_) => error.set(Some(t!("admin-speech-rate-must-number"))),
                }
            }>
                <label for="setting-tts-voice"><span class="setting-label">{t!("admin-voice")}</span><span class="muted setting-hint">{t!("admin-voice-hint")}</span></label>
                <input id="setting-tts-voice" type="text" bind:value=voice/>
                <label for="setting-tts-rate"><span class="setting-label">{t!("admin-rate")}</span><span class="muted setting-hint">{t!("admin-rate-hint")}</span></label>
                <div class="row">
                    <input id="setting-tts-rate" type="number" min="0.5" max="2" step="0.1" bind:value=rate/>
                    <button type="submit" class="button secondary">{t!("common-save")}</button>
                </div>
            </form>
        </section>
    }
}
