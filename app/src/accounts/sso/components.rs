//! The sign-in page's "Continue with …" link and Admin Panel → Settings → Authentication.

use leptos::prelude::*;

use super::{admin_authentication_settings, AuthenticationSettings, OIDC_START_PATH};

/// "Continue with {provider}": a plain link to the start of the provider's sign-in (it works
/// before the WASM client arrives), carrying where to go afterwards.
#[component]
pub fn ContinueWithProvider(
    /// The provider's name, as configured.
    provider: String,
    /// The page's `?redirect=` target, if any.
    redirect: Option<String>,
) -> impl IntoView {
    let href = match redirect.filter(|r| !r.is_empty()) {
        Some(r) => format!(
            "{OIDC_START_PATH}?redirect={}",
            crate::format::encode_query_value(&r)
        ),
        None => OIDC_START_PATH.to_owned(),
    };
    view! {
        <a class="button sso-button" href=href rel="nofollow">
            {t!("sso-continue-with", provider = provider.clone())}
        </a>
    }
}

/// Admin Panel → Settings → Authentication: how people sign in, as the server's environment
/// configures it (read-only; the client secret is masked).
#[component]
pub fn AuthenticationPanel() -> impl IntoView {
    let settings = crate::ui::page_resource(|| (), |_| admin_authentication_settings());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(s) => view! { <AuthenticationSummary s/> }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn or_none(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

fn yes_no(on: bool) -> &'static str {
    if on {
        "On"
    } else {
        "Off"
    }
}

/// One row of the summary.
#[component]
fn Row(
    /// What it is (the variable's meaning).
    label: &'static str,
    /// The environment variable that sets it.
    var: &'static str,
    /// Its value in force.
    value: String,
) -> impl IntoView {
    view! {
        <div class="setting">
            <dt>
                <span class="setting-label">{label}</span>
                <code class="muted setting-hint">{var}</code>
            </dt>
            <dd class="setting-value">{value}</dd>
        </div>
    }
}

/// The settings as sections of rows.
#[component]
fn AuthenticationSummary(s: AuthenticationSettings) -> impl IntoView {
    let oidc = s.oidc.clone();
    let header = s.trusted_header.clone();
    view! {
        <p class="muted">
            "These settings come from the server's environment; change them there and restart. The README's \u{201c}Sign in with your identity provider\u{201d} section has the settings for each kind of provider."
        </p>
        <section class="panel settings-group" aria-labelledby="auth-password">
            <h2 id="auth-password">"Email and password"</h2>
            <dl class="setting-list">
                <Row label="Password sign-in" var="ENABLE_PASSWORD_LOGIN" value=yes_no(s.password_login).to_owned()/>
            </dl>
        </section>
        <section class="panel settings-group" aria-labelledby="auth-oidc">
            <h2 id="auth-oidc">"OpenID Connect"</h2>
            {match oidc {
                None => view! { <p class="muted">"Not configured (set OIDC_ISSUER_URL and OIDC_CLIENT_ID)."</p> }.into_any(),
                Some(o) => view! {
                    <dl class="setting-list">
                        <Row label="Button" var="OIDC_PROVIDER_NAME" value=format!("Continue with {}", o.provider_name)/>
                        <Row label="Issuer" var="OIDC_ISSUER_URL" value=o.issuer_url/>
                        <Row label="Client id" var="OIDC_CLIENT_ID" value=o.client_id/>
                        <Row label="Client secret" var="OIDC_CLIENT_SECRET" value=o.client_secret/>
                        <Row label="Scopes" var="OIDC_SCOPES" value=o.scopes.join(" ")/>
                        <Row label="Callback URL (register it at the provider)" var="OIDC_REDIRECT_URI" value=o.redirect_uri/>
                        <Row label="Allowed email domains" var="OIDC_ALLOWED_DOMAINS" value=or_none(&o.allowed_domains, "Any")/>
                        <Row label="Groups claim" var="OIDC_GROUPS_CLAIM" value=o.groups_claim.unwrap_or_else(|| "Not read".to_owned())/>
                        <Row label="Admin groups" var="OIDC_ADMIN_GROUPS" value=or_none(&o.admin_groups, "None")/>
                        <Row label="Link existing accounts by verified email" var="OIDC_MERGE_ACCOUNTS_BY_EMAIL" value=yes_no(o.merge_by_email).to_owned()/>
                    </dl>
                }.into_any(),
            }}
        </section>
        <section class="panel settings-group" aria-labelledby="auth-header">
            <h2 id="auth-header">"Trusted header"</h2>
            {match header {
                None => view! { <p class="muted">"Not configured (set TRUSTED_EMAIL_HEADER and --trusted-proxies)."</p> }.into_any(),
                Some(h) => view! {
                    <dl class="setting-list">
                        <Row label="Email header" var="TRUSTED_EMAIL_HEADER" value=h.email_header/>
                        <Row label="Name header" var="TRUSTED_NAME_HEADER" value=h.name_header.unwrap_or_else(|| "None".to_owned())/>
                        <Row label="Believed from" var="CHATSHARE_TRUSTED_PROXIES" value=or_none(&s.trusted_proxies, "Nobody")/>
                    </dl>
                }.into_any(),
            }}
        </section>
    }
}
