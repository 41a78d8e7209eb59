//! Settings › Profile, Password, and Appearance and chats: the settings people look for (as
//! Open WebUI has them), kept per account (`accounts::profile`).

use leptos::prelude::*;

use crate::accounts::profile::{
    change_password, my_profile, save_language, save_preferences, save_profile, set_avatar, Avatar,
    ProfileSettings, Theme, AVATAR_COLORS,
};
use crate::error::AppError;

/// The profile resource (created by the page, outside any `Suspend`).
pub type ProfileResource = crate::ui::PageResource<Result<ProfileSettings, AppError>>;

/// Creates the profile resource.
pub fn profile_resource() -> ProfileResource {
    crate::ui::page_resource(|| (), |_| my_profile())
}

/// The colours' names, for the swatches' labels.
const COLOR_NAMES: &[&str] = &[
    "settings-color-blue",
    "settings-color-violet",
    "settings-color-magenta",
    "settings-color-orange",
    "settings-color-green",
    "settings-color-teal",
    "settings-color-grey",
];

/// Settings' account panels: Profile, Password, and Appearance and chats. Nothing for a
/// visitor who is not an approved member (the page's gate says why).
#[component]
pub fn AccountPanels(
    /// My settings.
    profile: ProfileResource,
) -> impl IntoView {
    let models = crate::ui::page_resource(|| (), |_| crate::connections::list_models(false));
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                let Ok(p) = profile.await else { return ().into_any() };
                let offered: Vec<String> = models.await.map(|m| m.models.into_iter().map(|m| m.id).collect()).unwrap_or_default();
                view! {
                    <GeneralPanel language=p.language.clone()/>
                    <ProfilePanel p=p.clone() reload=profile/>
                    <PasswordPanel/>
                    <PreferencesPanel p offered/>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Settings → General: the language the interface speaks to me. Picking one saves it and
/// loads the page again in it.
#[component]
fn GeneralPanel(
    /// The language saved (`None`: the browser's).
    language: Option<String>,
) -> impl IntoView {
    let ready = crate::ui::use_client_ready();
    let save = Action::new(move |language: &Option<String>| {
        let language = language.clone();
        async move {
            let saved = save_language(language).await;
            #[cfg(feature = "hydrate")]
            if saved.is_ok() {
                let _ = window().location().reload();
            }
            saved
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        save.dispatch((!code.is_empty()).then_some(code));
    };
    view! {
        <section class="panel settings-form" aria-labelledby="general-heading">
            <h2 id="general-heading">{t!("settings-general")}</h2>
            <label for="language">{t!("settings-language")}</label>
            <select id="language" disabled=move || !ready.get() || save.pending().get() on:change=on_change>
                <option value="" selected=language.is_none()>{t!("settings-language-automatic")}</option>
                {crate::i18n::Lang::ALL.into_iter().map(|l| {
                    let selected = language.as_deref() == Some(l.code());
                    view! { <option value=l.code() lang=l.code() selected=selected>{l.own_name()}</option> }
                }).collect_view()}
            </select>
            {move || save.value().get().and_then(|r| r.err()).map(|e| view! { <p class="status-error" role="alert">{e.said()}</p> })}
        </section>
    }
}

/// Name and avatar: initials on a colour, or an uploaded picture.
#[component]
fn ProfilePanel(p: ProfileSettings, reload: ProfileResource) -> impl IntoView {
    let ready = crate::ui::use_client_ready();
    let toast = crate::ui::use_toast();
    let name = RwSignal::new(p.name.clone());
    let current = crate::accounts::profile::avatar_look(&p.name, &p.profile_image_url);
    let picked = RwSignal::new(match &current {
        crate::accounts::profile::AvatarLook::Initials(_, c) => Some(c.clone()),
        crate::accounts::profile::AvatarLook::Picture(_) => None,
    });
    let has_picture = picked.get_untracked().is_none();
    let save = Action::new(move |_: &()| {
        let (n, c) = (name.get_untracked(), picked.get_untracked());
        async move { save_profile(n, c).await }
    });
    let upload = Action::new(move |data_url: &Option<String>| {
        let data_url = data_url.clone();
        async move { set_avatar(data_url).await }
    });
    Effect::new(move |_| {
        let saved =
            save.value().get().is_some_and(|r| r.is_ok()) || upload.value().get().is_some_and(|r| r.is_ok());
        if saved {
            toast.show(t!("settings-profile-saved"));
            reload.refetch();
        }
    });
    let error = move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| upload.value().get().and_then(|r| r.err()))
            .map(|e| e.said())
    };
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        read_picture(ev, upload);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, upload);
    };
    view! {
        <section class="panel settings-form" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t!("settings-profile")}</h2>
            <div class="profile-row">
                <span class="avatar-large"><Avatar name=p.name.clone() url=p.profile_image_url.clone()/></span>
                <div class="stack">
                    <label class="button secondary file-button" class=("inert", move || !ready.get())>
                        {t!("settings-upload-picture")}
                        <input type="file" accept="image/png,image/jpeg,image/webp,image/gif" class="visually-hidden" disabled=move || !ready.get() on:change=on_file/>
                    </label>
                    {has_picture.then(|| view! {
                        <button type="button" class="link-button" disabled=move || !ready.get() on:click=move |_| { upload.dispatch(None); }>{t!("settings-use-initials-instead")}</button>
                    })}
                </div>
            </div>
            <fieldset class="swatches">
                <legend>{t!("settings-initials-colour")}</legend>
                {AVATAR_COLORS.iter().zip(COLOR_NAMES).map(|(c, label)| {
                    let c = (*c).to_owned();
                    let value = c.clone();
                    let style = format!("--swatch:#{c}");
                    view! {
                        <label class="swatch" style=style>
                            <input type="radio" name="avatar-color" value=c.clone()
                                prop:checked=move || picked.get().as_deref() == Some(value.as_str())
                                on:change=move |_| picked.set(Some(c.clone()))/>
                            <span class="visually-hidden">{crate::i18n::tr(label)}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="profile-name">{t!("common-name")}</label>
            <input id="profile-name" type="text" maxlength="100" autocomplete="name" bind:value=name/>
            <p class="muted">{t!("settings-email", email = p.email.clone())}</p>
            <button type="button" class="button" disabled=move || !ready.get() || save.pending().get() on:click=move |_| { save.dispatch(()); }>{t!("settings-save-profile")}</button>
            <p class="status-error" role="alert">{error}</p>
        </section>
    }
}

/// Reads the picked picture as a `data:` URL and uploads it.
#[cfg(feature = "hydrate")]
fn read_picture(ev: leptos::ev::Event, upload: Action<Option<String>, Result<ProfileSettings, AppError>>) {
    use wasm_bindgen::JsCast;
    let Some(file) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .and_then(|f| f.get(0))
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else {
            return;
        };
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        // Each byte as one character, which `btoa` encodes.
        let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
        let Some(encoded) = web_sys::window().and_then(|w| w.btoa(&binary).ok()) else {
            return;
        };
        upload.dispatch(Some(format!("data:{};base64,{encoded}", file.type_())));
    });
}

/// Change password: the current one, then the new one twice.
#[component]
fn PasswordPanel() -> impl IntoView {
    let ready = crate::ui::use_client_ready();
    let (current, new, again) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let change = Action::new(move |_: &()| {
        let (c, n) = (current.get_untracked(), new.get_untracked());
        async move { change_password(c, n).await }
    });
    let mismatch = RwSignal::new(false);
    Effect::new(move |_| {
        if change.value().get().is_some_and(|r| r.is_ok()) {
            current.set(String::new());
            new.set(String::new());
            again.set(String::new());
        }
    });
    view! {
        <section class="panel settings-form" aria-labelledby="password-heading">
            <h2 id="password-heading">{t!("common-password")}</h2>
            <form class="stack narrow" on:submit=move |ev| {
                ev.prevent_default();
                let differs = new.get_untracked() != again.get_untracked();
                mismatch.set(differs);
                if !differs {
                    change.dispatch(());
                }
            }>
                <label for="password-current">{t!("settings-current-password")}</label>
                <input id="password-current" type="password" autocomplete="current-password" required bind:value=current/>
                <label for="password-new">{t!("settings-new-password")}</label>
                <input id="password-new" type="password" autocomplete="new-password" minlength="8" required bind:value=new/>
                <label for="password-again">{t!("settings-new-password-again")}</label>
                <input id="password-again" type="password" autocomplete="new-password" minlength="8" required bind:value=again/>
                <button type="submit" class="button" disabled=move || !ready.get() || change.pending().get()>{t!("settings-change-password")}</button>
            </form>
            {move || match (mismatch.get(), change.value().get()) {
                (true, _) => Some(view! { <p class="status-error" role="alert">{t!("settings-new-passwords-differ")}</p> }.into_any()),
                (false, Some(Ok(()))) => Some(view! { <p class="status-ok" role="status">{t!("settings-password-changed")}</p> }.into_any()),
                (false, Some(Err(e))) => Some(view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any()),
                _ => None,
            }}
        </section>
    }
}

/// Theme, default model, and the system prompt for new chats.
#[component]
fn PreferencesPanel(p: ProfileSettings, offered: Vec<String>) -> impl IntoView {
    let ready = crate::ui::use_client_ready();
    let theme = RwSignal::new(p.theme);
    let model = RwSignal::new(p.default_model.clone().unwrap_or_default());
    let system = RwSignal::new(p.system_prompt.clone());
    let save = Action::new(move |_: &()| {
        let (t, m, s) = (
            theme.get_untracked(),
            model.get_untracked(),
            system.get_untracked(),
        );
        async move { save_preferences(t, (!m.is_empty()).then_some(m), s).await }
    });
    // The page takes the picked theme at once.
    Effect::new(move |_| {
        let t = theme.get();
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = match t {
                Theme::System => root.remove_attribute("data-theme"),
                t => root.set_attribute("data-theme", t.as_str()),
            };
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = t;
    });
    let mut models = offered;
    if let Some(m) = p.default_model.clone().filter(|m| !models.contains(m)) {
        models.push(m);
    }
    let themes = [
        (Theme::System, t!("settings-system")),
        (Theme::Light, t!("settings-light")),
        (Theme::Dark, t!("settings-dark")),
    ];
    view! {
        <section class="panel settings-form" aria-labelledby="preferences-heading">
            <h2 id="preferences-heading">{t!("settings-appearance-chats")}</h2>
            <fieldset class="segmented">
                <legend>{t!("settings-theme")}</legend>
                {themes.into_iter().map(|(t, label)| view! {
                    <label>
                        <input type="radio" name="theme" value=t.as_str() prop:checked=move || theme.get() == t on:change=move |_| theme.set(t)/>
                        {label}
                    </label>
                }).collect_view()}
            </fieldset>
            <label for="default-model">{t!("settings-default-model")}</label>
            <select id="default-model" on:change=move |ev| model.set(event_target_value(&ev))>
                <option value="" selected=p.default_model.is_none()>{t!("settings-first-model")}</option>
                {models.into_iter().map(|m| {
                    let selected = p.default_model.as_deref() == Some(m.as_str());
                    view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                }).collect_view()}
            </select>
            <label for="system-prompt">{t!("settings-system-prompt")}</label>
            <textarea id="system-prompt" rows="4" maxlength="20000" placeholder=t!("settings-system-prompt-example") bind:value=system></textarea>
            <p class="muted">{t!("settings-system-prompt-note")}</p>
            <button type="button" class="button" disabled=move || !ready.get() || save.pending().get() on:click=move |_| { save.dispatch(()); }>{t!("common-save")}</button>
            {move || save.value().get().map(|r| match r {
                Ok(_) => view! { <p class="status-ok" role="status">{t!("common-saved")}</p> }.into_any(),
                Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
            })}
        </section>
    }
}
