//! The sign-in configuration the server starts with (from its environment and flags).

use crate::error::{AppError, AppResult};

/// How people may sign in to this instance.
#[derive(Debug, Clone)]
pub struct SsoConfig {
    /// The email and password form (and the password sign-in and sign-up API) is on.
    pub password_login: bool,
    /// OpenID Connect, when `OIDC_ISSUER_URL` and `OIDC_CLIENT_ID` are set.
    pub oidc: Option<std::sync::Arc<OidcConfig>>,
    /// Trusted-header sign-in, when `TRUSTED_EMAIL_HEADER` is set.
    pub trusted_header: Option<TrustedHeaderConfig>,
    /// The trusted proxies, as configured (shown in the Admin Panel).
    pub trusted_proxies: Vec<String>,
}

/// An OpenID Connect provider and what its answers may do here.
#[derive(Clone)]
pub struct OidcConfig {
    /// The issuer URL; its `/.well-known/openid-configuration` describes the provider.
    pub issuer_url: String,
    /// This app's client id at the provider.
    pub client_id: String,
    /// This app's client secret (none for a public client). Never logged or shown.
    pub client_secret: Option<String>,
    /// The scopes asked for (`openid` is always among them).
    pub scopes: Vec<String>,
    /// The button's "Continue with {provider_name}".
    pub provider_name: String,
    /// Email domains that may sign in (lower-case; empty: any).
    pub allowed_domains: Vec<String>,
    /// The claim that lists the person's groups (none: groups are not read).
    pub groups_claim: Option<String>,
    /// Provider groups whose members are this instance's administrators.
    pub admin_groups: Vec<String>,
    /// A first sign-in may link to an existing account with the same, verified, email.
    pub merge_by_email: bool,
    /// The callback URL registered at the provider; when unset, worked out from the request
    /// (`http(s)://<Host>/auth/oidc/callback`).
    pub redirect_uri: Option<String>,
    /// The provider's discovery document, fetched at the first sign-in and kept a while.
    pub(crate) discovered: super::oidc::Discovered,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer_url", &self.issuer_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .field("scopes", &self.scopes)
            .field("provider_name", &self.provider_name)
            .finish_non_exhaustive()
    }
}

/// Headers that an authenticating reverse proxy sets.
#[derive(Debug, Clone)]
pub struct TrustedHeaderConfig {
    /// The header holding the person's email (`X-Forwarded-Email` for oauth2-proxy).
    pub email_header: axum::http::HeaderName,
    /// The header holding their display name, if the proxy sends one.
    pub name_header: Option<axum::http::HeaderName>,
}

/// The settings as the server's environment gives them, before they are checked.
#[derive(Debug, Clone, Default)]
pub struct SsoSettings {
    /// `ENABLE_PASSWORD_LOGIN`.
    pub password_login: bool,
    /// `OIDC_ISSUER_URL`.
    pub issuer_url: Option<String>,
    /// `OIDC_CLIENT_ID`.
    pub client_id: Option<String>,
    /// `OIDC_CLIENT_SECRET`.
    pub client_secret: Option<String>,
    /// `OIDC_SCOPES`, space- or comma-separated.
    pub scopes: String,
    /// `OIDC_PROVIDER_NAME`.
    pub provider_name: String,
    /// `OIDC_ALLOWED_DOMAINS`, comma-separated.
    pub allowed_domains: String,
    /// `OIDC_GROUPS_CLAIM`.
    pub groups_claim: Option<String>,
    /// `OIDC_ADMIN_GROUPS`, comma-separated.
    pub admin_groups: String,
    /// `OIDC_MERGE_ACCOUNTS_BY_EMAIL`.
    pub merge_by_email: bool,
    /// `OIDC_REDIRECT_URI`.
    pub redirect_uri: Option<String>,
    /// `TRUSTED_EMAIL_HEADER`.
    pub trusted_email_header: Option<String>,
    /// `TRUSTED_NAME_HEADER`.
    pub trusted_name_header: Option<String>,
    /// `--trusted-proxies`, as given.
    pub trusted_proxies: Vec<String>,
}

fn list(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn set(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn header_name(name: &str, var: &str) -> AppResult<axum::http::HeaderName> {
    axum::http::HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| AppError::BadRequest(format!("{var}: \"{name}\" is not an HTTP header name.")))
}

impl SsoSettings {
    /// The configuration these settings describe, or what is wrong with them (the server does
    /// not start with a half-configured provider).
    pub fn build(&self) -> AppResult<SsoConfig> {
        let oidc = match (set(&self.issuer_url), set(&self.client_id)) {
            (Some(issuer_url), Some(client_id)) => {
                let mut scopes = list(&self.scopes);
                if !scopes.iter().any(|s| s == "openid") {
                    scopes.insert(0, "openid".to_owned());
                }
                if let Some(uri) = set(&self.redirect_uri) {
                    if !(uri.starts_with("https://") || uri.starts_with("http://")) {
                        return Err(AppError::BadRequest(format!(
                            "OIDC_REDIRECT_URI: \"{uri}\" is not an http(s) URL."
                        )));
                    }
                }
                if !(issuer_url.starts_with("https://") || issuer_url.starts_with("http://")) {
                    return Err(AppError::BadRequest(format!(
                        "OIDC_ISSUER_URL: \"{issuer_url}\" is not an http(s) URL."
                    )));
                }
                let provider_name = match self.provider_name.trim() {
                    "" => "SSO".to_owned(),
                    name => name.to_owned(),
                };
                Some(std::sync::Arc::new(OidcConfig {
                    issuer_url,
                    client_id,
                    client_secret: set(&self.client_secret),
                    scopes,
                    provider_name,
                    allowed_domains: list(&self.allowed_domains)
                        .into_iter()
                        .map(|d| d.trim_start_matches('@').to_lowercase())
                        .collect(),
                    groups_claim: set(&self.groups_claim),
                    admin_groups: list(&self.admin_groups),
                    merge_by_email: self.merge_by_email,
                    redirect_uri: set(&self.redirect_uri),
                    discovered: Default::default(),
                }))
            }
            (None, None) => None,
            (Some(_), None) => {
                return Err(AppError::BadRequest(
                    "OIDC_ISSUER_URL is set but OIDC_CLIENT_ID is not.".to_owned(),
                ))
            }
            (None, Some(_)) => {
                return Err(AppError::BadRequest(
                    "OIDC_CLIENT_ID is set but OIDC_ISSUER_URL is not.".to_owned(),
                ))
            }
        };
        let trusted_header = match set(&self.trusted_email_header) {
            Some(email) => Some(TrustedHeaderConfig {
                email_header: header_name(&email, "TRUSTED_EMAIL_HEADER")?,
                name_header: set(&self.trusted_name_header)
                    .map(|n| header_name(&n, "TRUSTED_NAME_HEADER"))
                    .transpose()?,
            }),
            None => None,
        };
        if trusted_header.is_some() && self.trusted_proxies.is_empty() {
            return Err(AppError::BadRequest(
                "TRUSTED_EMAIL_HEADER is set but no --trusted-proxies are: the header would be believed from nobody. Name the proxy's address."
                    .to_owned(),
            ));
        }
        if !self.password_login && oidc.is_none() && trusted_header.is_none() {
            return Err(AppError::BadRequest(
                "ENABLE_PASSWORD_LOGIN=false leaves no way to sign in: configure OIDC_ISSUER_URL or TRUSTED_EMAIL_HEADER too."
                    .to_owned(),
            ));
        }
        Ok(SsoConfig {
            password_login: self.password_login,
            oidc,
            trusted_header,
            trusted_proxies: self.trusted_proxies.clone(),
        })
    }
}

impl SsoConfig {
    /// Refuses password sign-in and sign-up when `ENABLE_PASSWORD_LOGIN` is off (403).
    pub fn require_password_login(&self) -> AppResult<()> {
        if self.password_login {
            return Ok(());
        }
        Err(AppError::Forbidden(match &self.oidc {
            Some(o) => format!(
                "Password sign-in is turned off on this instance. Use \u{201c}Continue with {}\u{201d}.",
                o.provider_name
            ),
            None => "Password sign-in is turned off on this instance: sign in through your company's sign-in page.".to_owned(),
        }))
    }

    /// What the Admin Panel shows.
    pub fn summary(&self) -> super::AuthenticationSettings {
        super::AuthenticationSettings {
            password_login: self.password_login,
            oidc: self.oidc.as_ref().map(|o| super::OidcSummary {
                provider_name: o.provider_name.clone(),
                issuer_url: o.issuer_url.clone(),
                client_id: o.client_id.clone(),
                client_secret: if o.client_secret.is_some() {
                    "••••••••"
                } else {
                    "not set"
                }
                .to_owned(),
                scopes: o.scopes.clone(),
                allowed_domains: o.allowed_domains.clone(),
                groups_claim: o.groups_claim.clone(),
                admin_groups: o.admin_groups.clone(),
                merge_by_email: o.merge_by_email,
                redirect_uri: o.redirect_uri.clone().unwrap_or_else(|| {
                    format!("http(s)://<this server's address>{}", super::OIDC_CALLBACK_PATH)
                }),
            }),
            trusted_header: self.trusted_header.as_ref().map(|t| super::TrustedHeaderSummary {
                email_header: t.email_header.to_string(),
                name_header: t.name_header.as_ref().map(|n| n.to_string()),
            }),
            trusted_proxies: self.trusted_proxies.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oidc() -> SsoSettings {
        SsoSettings {
            password_login: true,
            issuer_url: Some("https://idp.example.com".into()),
            client_id: Some("chatshare".into()),
            client_secret: Some("s3cret".into()),
            scopes: "email profile".into(),
            allowed_domains: "@Example.com, example.org".into(),
            admin_groups: "chat-admins".into(),
            ..Default::default()
        }
    }

    #[test]
    fn openid_is_always_asked_for_and_domains_are_normalised() {
        let c = oidc().build().unwrap();
        let o = c.oidc.unwrap();
        assert_eq!(o.scopes, ["openid", "email", "profile"]);
        assert_eq!(o.allowed_domains, ["example.com", "example.org"]);
        assert_eq!(o.provider_name, "SSO");
        assert!(
            !format!("{o:?}").contains("s3cret"),
            "the secret is never in Debug output"
        );
    }

    #[test]
    fn half_configured_or_locked_out_settings_are_refused() {
        let mut s = oidc();
        s.client_id = None;
        assert!(s.build().is_err());
        let s = SsoSettings {
            password_login: false,
            ..Default::default()
        };
        assert!(s.build().is_err(), "no way in at all");
        let s = SsoSettings {
            password_login: true,
            trusted_email_header: Some("X-Forwarded-Email".into()),
            ..Default::default()
        };
        assert!(s.build().is_err(), "a trusted header needs trusted proxies");
    }

    #[test]
    fn the_summary_masks_the_secret() {
        let c = oidc().build().unwrap();
        let s = c.summary();
        let o = s.oidc.unwrap();
        assert_eq!(o.client_secret, "••••••••");
        assert!(!serde_json::to_string(&o).unwrap().contains("s3cret"));
    }
}
