//! Account UI: the `/auth` page, the pending notice, the user menu and Settings › Account.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{
    create_api_key, list_api_keys, revoke_api_key, sign_in, sign_out, sign_up, use_current_user, SessionUser,
};
use crate::ui::{hard_navigate, typed_before_hydration};

/// `/auth`: sign in, or switch to creating an account. After success the browser goes to the
/// sanitised `?redirect=` target.
#[component]
pub fn AuthPage() -> impl IntoView {
    let query = use_query_map();
    let redirect = move || query.read().get("redirect");
    // The mode, a server-side error and what was typed come from the URL, so the page works as
    // a plain HTML form before (or without) the WASM client: the forms post to
    // `/auth/sign-in` or `/auth/sign-up`, which redirect on success or come back here with
    // `?error=…` (never the password).
    // A fresh instance (no account yet) opens on "Create the admin account"; the identity
    // provider's button and the password form show as the server is configured.
    let options = crate::ui::page_resource(redirect, crate::accounts::sso::sign_in_methods);
    let fresh = RwSignal::new(false);
    let signing_up = Memo::new(move |_| match query.read().get("mode").as_deref() {
        Some("signup") => true,
        Some(_) => false,
        None => fresh.get(),
    });
    // What was typed before the WASM arrived is kept (see `typed_before_hydration`).
    let typed_or_query = |id: &str, key: &str| {
        typed_before_hydration(id).unwrap_or_else(|| query.read_untracked().get(key).unwrap_or_default())
    };
    let name = RwSignal::new(typed_or_query("auth-name", "name"));
    let email = RwSignal::new(typed_or_query("auth-email", "email"));
    let password = RwSignal::new(typed_before_hydration("auth-password").unwrap_or_default());

    let submit = Action::new(move |_: &()| {
        let (n, e, p, r, up) = (
            name.get(),
            email.get(),
            password.get(),
            redirect(),
            signing_up.get(),
        );
        async move {
            let result = if up {
                sign_up(n, e, p, r).await
            } else {
                sign_in(e, p, r).await
            };
            if let Ok(done) = &result {
                hard_navigate(&done.redirect);
            }
            result
        }
    });
    let error = move || match submit.value().get() {
        Some(result) => result.err().map(|e| e.said()),
        None => query
            .read()
            .get("error")
            .and_then(|c| crate::error::notice_message(&c)),
    };
    let other_mode = move || {
        let mode = if signing_up.get() { "signin" } else { "signup" };
        match redirect() {
            Some(r) => format!(
                "/auth?mode={mode}&redirect={}",
                crate::format::encode_query_value(&r)
            ),
            None => format!("/auth?mode={mode}"),
        }
    };

    view! {
        <Title text=move || match (signing_up.get(), fresh.get()) {
            (true, true) => t!("auth-create-admin-account"),
            (true, false) => t!("auth-create-account"),
            (false, _) => t!("common-sign-in"),
        }/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
        {move || Suspend::new(async move {
        let opts = options.await.unwrap_or(crate::accounts::sso::SignInOptions {
            first_run: false,
            password_login: true,
            provider: None,
            invitation: None,
        });
        fresh.set(opts.first_run && opts.password_login);
        let password_login = opts.password_login;
        let sso_first = opts.first_run && !opts.password_login;
        let provider = opts.provider.clone();
        let has_provider = provider.is_some();
        view! {
        <section class="auth-card panel">
            // Without the password form there is nothing to create here: the provider makes it.
            <h1>{move || match (signing_up.get() && password_login, fresh.get()) {
                (true, true) => t!("auth-create-admin-account"),
                (true, false) => t!("auth-create-your-account"),
                (false, _) => t!("auth-sign-in-title"),
            }}</h1>
            // Came from a members-only shared link: who shared it, and with whom.
            {opts.invitation.clone().map(|why| view! { <p class="lead invitation" role="status">{why}</p> })}
            <Show when=move || fresh.get() && signing_up.get()>
                <p class="lead">
                    {t!("auth-new-instance")}
                </p>
            </Show>
            <Show when=move || sso_first>
                <p class="lead">{t!("auth-new-instance-sso")}</p>
            </Show>
            {provider.clone().map(|p| view! {
                <crate::accounts::sso::ContinueWithProvider provider=p redirect=redirect()/>
            })}
            // Errors of the identity provider's sign-in come back in the URL, with no form to show them.
            <Show when=move || !password_login>
                <p class="status-error" role="alert">{error}</p>
            </Show>
            <Show when=move || password_login && has_provider && !signing_up.get()>
                <p class="divider" aria-hidden="true"><span>{t!("auth-or")}</span></p>
            </Show>
            <Show when=move || password_login>
            // A real form: without the WASM client it posts (never putting the password in a
            // URL) and the server answers with a redirect; with it, the JSON server function.
            <form
                class="form plain-form"
                method="post"
                action=move || if signing_up.get() { "/auth/sign-up" } else { "/auth/sign-in" }
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit.dispatch(());
                }
            >
                <input type="hidden" name="redirect" value=move || redirect().unwrap_or_default()/>
                <Show when=move || signing_up.get()>
                    <label>
                        {t!("common-name")}
                        <input id="auth-name" type="text" name="name" autocomplete="name" required value=name.get_untracked() bind:value=name/>
                    </label>
                </Show>
                <label>
                    {t!("common-email")}
                    // `value` for the server's HTML (what was typed before an error came back).
                    <input id="auth-email" type="email" name="email" autocomplete="email" required value=email.get_untracked() bind:value=email/>
                </label>
                <label>
                    {t!("common-password")}
                    <input
                        id="auth-password"
                        type="password"
                        name="password"
                        minlength="8"
                        required
                        autocomplete=move || if signing_up.get() { "new-password" } else { "current-password" }
                        bind:value=password
                    />
                </label>
                <p class="status-error" role="alert">{error}</p>
                <button type="submit" class="button" disabled=move || submit.pending().get()>
                    {move || match (signing_up.get(), submit.pending().get()) {
                        (_, true) => t!("common-please-wait"),
                        (true, false) => t!("auth-create-account"),
                        (false, false) => t!("common-sign-in"),
                    }}
                </button>
            </form>
            </Show>
            <p class="muted" hidden=move || fresh.get() || !password_login>
                {move || if signing_up.get() { t!("auth-have-account") } else { t!("auth-no-account") }}" "
                <a class="link-button" href=other_mode on:click=move |_| submit.value().set(None)>
                    {move || if signing_up.get() { t!("common-sign-in") } else { t!("auth-create-one") }}
                </a>
            </p>
        </section>
        }
        })}
        </Suspense>
    }
}

/// The approved member from a current-user lookup, or the view to show instead: the approval
/// notice for a pending account, `anonymous()` for a visitor who is not signed in, the error in
/// words otherwise. A plain function, not a component: it adds no suspense boundary, so pages
/// call it inside the one boundary they already have.
pub fn member_or(
    user: Result<Option<SessionUser>, crate::error::AppError>,
    anonymous: impl FnOnce() -> AnyView,
) -> Result<SessionUser, AnyView> {
    match user {
        Ok(Some(u)) if u.is_pending() => Err(view! { <PendingNotice/> }.into_any()),
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err(anonymous()),
        Err(e) => Err(view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any()),
    }
}

/// Sends a visitor who is not signed in to `/auth?redirect=<path>` (303 on the server) and
/// shows a line while that happens.
pub fn sign_in_redirect(path: &str) -> AnyView {
    crate::ui::redirect_to(&format!(
        "/auth?redirect={}",
        crate::format::encode_query_value(path)
    ));
    view! { <p class="muted">{t!("auth-redirecting")}</p> }.into_any()
}

/// Shown to an account that waits for an administrator's approval.
#[component]
pub fn PendingNotice() -> impl IntoView {
    view! {
        <section class="panel pending" role="status">
            <h1>{t!("auth-pending-title")}</h1>
            <p>{t!("auth-pending-text")}</p>
            <SignOutButton/>
        </section>
    }
}

/// Signs out and goes to `/auth`.
#[component]
pub fn SignOutButton(
    /// An item of a menu (`role="menuitem"`, reached with the arrow keys).
    #[prop(optional)]
    menu_item: bool,
) -> impl IntoView {
    let out = Action::new(|_: &()| async {
        let r = sign_out().await;
        if r.is_ok() {
            hard_navigate("/auth");
        }
        r
    });
    view! {
        // A real form: it signs out before (or without) the WASM client too.
        <form
            class="sign-out plain-form"
            method="post"
            action="/auth/sign-out"
            on:submit=move |ev| {
                ev.prevent_default();
                out.dispatch(());
            }
        >
            <button type="submit" class="button secondary" role=menu_item.then_some("menuitem")>{t!("common-sign-out")}</button>
        </form>
    }
}

/// The top bar's account area: "Sign in", or the user's name with Settings, Admin Panel
/// (admins) and Sign out.
#[component]
pub fn UserMenu(
    /// The page has no client app (the community's): the menu opens without a script, and
    /// offers the way back to your chats.
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let user = use_current_user();
    let location = leptos_router::hooks::use_location();
    let on_sign_in_page = move || location.pathname.with(|p| p == "/auth");
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.0.await {
                    Ok(Some(u)) if plain => view! { <PlainMenu user=u/> }.into_any(),
                    Ok(Some(u)) => view! { <SignedInMenu user=u/> }.into_any(),
                    // Not on the sign-in page itself.
                    _ => view! { <a class="button" href="/auth" hidden=on_sign_in_page>{t!("common-sign-in")}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignedInMenu(user: SessionUser) -> impl IntoView {
    let (open, set_open) = signal(false);
    let is_admin = user.is_admin();
    let button = NodeRef::<leptos::html::Button>::new();
    let list = NodeRef::<leptos::html::Div>::new();
    crate::ui::focus_first_item(list);
    view! {
        <div class="menu-wrap" on:keydown=move |ev| {
            if ev.key() == "Escape" && open.get_untracked() {
                set_open.set(false);
                #[cfg(feature = "hydrate")]
                if let Some(b) = button.get_untracked() {
                    let _ = b.focus();
                }
            }
        }>
            <button
                type="button"
                node_ref=button
                class="icon-button user-button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                <super::profile::Avatar name=user.name.clone() url=user.profile_image_url.clone()/>
                <span class="user-name">{user.name.clone()}</span>
            </button>
            <Show when=move || open.get()>
                <div class="menu" role="menu" node_ref=list on:keydown=move |ev| crate::ui::menu_arrow_keys(&ev)>
                    <a role="menuitem" href="/settings">{t!("common-settings")}</a>
                    <Show when=move || is_admin>
                        <a role="menuitem" href="/admin">{t!("common-admin-panel")}</a>
                    </Show>
                    <SignOutButton menu_item=true/>
                </div>
            </Show>
        </div>
    }
}

/// The account menu of a page without a client app: a `<details>` that opens without a script,
/// with the way back to your chats, Settings, the Admin Panel (admins) and a plain sign-out form.
#[component]
fn PlainMenu(user: SessionUser) -> impl IntoView {
    let is_admin = user.is_admin();
    view! {
        <details class="menu-wrap account-menu">
            <summary class="icon-button user-button">
                <super::profile::Avatar name=user.name.clone() url=user.profile_image_url.clone()/>
                <span class="user-name">{user.name.clone()}</span>
            </summary>
            <div class="menu">
                <a href="/">{t!("auth-chats")}</a>
                <a href="/settings">{t!("common-settings")}</a>
                {is_admin.then(|| view! { <a href="/admin">{t!("common-admin-panel")}</a> })}
                <form class="sign-out plain-form" method="post" action="/auth/sign-out">
                    <button type="submit" class="button secondary">{t!("common-sign-out")}</button>
                </form>
            </div>
        </details>
    }
}

/// The API-key list resource.
pub type ApiKeysResource = crate::ui::PageResource<Result<Vec<super::ApiKeyInfo>, crate::error::AppError>>;

/// Creates the API-key list resource (call it in a component body, never inside a `Suspend`).
pub fn api_keys_resource() -> ApiKeysResource {
    crate::ui::page_resource(|| (), |_| list_api_keys())
}

/// Settings › Account: who you are.
#[component]
pub fn AccountSettings(
    /// The signed-in user.
    user: SessionUser,
) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{t!("auth-account")}</h2>
            <p class="account-facts">{t!("auth-signed-in-as", email = user.email.clone(), role = user.role.to_string())}</p>
        </section>
    }
}

/// Settings › Account › API keys: create (shown once), list by prefix, revoke. Renders nothing
/// for a visitor who is not an approved member.
#[component]
pub fn ApiKeysPanel(
    /// The user's API keys (created by the page, outside any `Suspend`).
    keys: ApiKeysResource,
) -> impl IntoView {
    let create = Action::new(|_: &()| create_api_key());
    let revoke = Action::new(|id: &uuid::Uuid| revoke_api_key(*id));
    Effect::new(move |_| {
        if create.value().get().is_some() || revoke.value().get().is_some() {
            keys.refetch();
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                let list = match keys.await {
                    Ok(list) => list,
                    Err(_) => return ().into_any(),
                };
                view! {
                    <section class="panel">
                        <h2>{t!("auth-api-keys")}</h2>
                        <p class="muted">{t!("auth-api-key-use-before")}" "<code>"Authorization: Bearer sk-…"</code>" "{t!("auth-api-key-use-after")}</p>
                        <button type="button" class="button" disabled=move || create.pending().get() on:click=move |_| { create.dispatch(()); }>
                            {t!("auth-create-api-key")}
                        </button>
                        {move || create.value().get().map(|r| match r {
                            Ok(k) => view! {
                                <div class="new-key" role="status">
                                    <p>{t!("auth-copy-new-key-now")}</p>
                                    <input type="text" readonly class="key-field" aria-label=t!("auth-new-api-key") prop:value=k.api_key/>
                                </div>
                            }.into_any(),
                            Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                        })}
                        {if list.is_empty() {
                            view! { <p class="muted">{t!("auth-no-api-keys")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="key-list">
                                    {list.into_iter().map(|k| {
                                        let id = k.id;
                                        view! {
                                            <li>
                                                <code>{format!("{}…", k.prefix)}</code>
                                                <span class="muted">{t!("auth-key-created")}" "<crate::ui::Time at=k.created_at/></span>
                                                <button type="button" class="button danger small" on:click=move |_| { revoke.dispatch(id); }>
                                                    {t!("common-revoke")}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
