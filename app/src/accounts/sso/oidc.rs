//! The OpenID Connect authorization code flow with PKCE: [`start`] sends the browser to the
//! provider; [`finish`] checks what comes back (state, PKCE through the token request, the ID
//! token's signature, issuer, audience, expiry and nonce) and says who signed in.

use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse,
    TokenResponse,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};

use super::config::OidcConfig;
use super::identities::IdpPerson;
use crate::accounts::service::hash_secret;
use crate::entities::{now, oidc_login};
use crate::error::{AppError, AppResult};

/// How long a sign-in may take at the provider.
pub const LOGIN_TTL_SECS: i64 = 15 * 60;
/// How long the provider's discovery document and keys are kept before they are fetched again
/// (so a rotated signing key is picked up).
const DISCOVERY_TTL: Duration = Duration::from_secs(10 * 60);

/// Claims beyond the standard ones, kept as they came: the groups claim's name is configured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtraClaims {
    /// Every claim the standard set does not name.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}
impl AdditionalClaims for ExtraClaims {}

type TokenFields = IdTokenFields<
    ExtraClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type OidcClient = Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    StandardTokenResponse<TokenFields, CoreTokenType>,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The provider's discovery document (with its signing keys) and when it was fetched, and the
/// HTTP client that talks to the provider. Both belong to one server's sign-in configuration,
/// never to the process: a client's pooled connections belong to the runtime that opened them,
/// and one left in a static outlived it (a process that ran several servers, as the tests do,
/// waited forever on a connection whose runtime had ended).
#[derive(Clone, Default)]
pub struct Discovered(
    std::sync::Arc<tokio::sync::Mutex<Option<(Instant, CoreProviderMetadata)>>>,
    std::sync::Arc<std::sync::OnceLock<reqwest::Client>>,
);

/// The HTTP client for `cfg`'s provider: no redirects followed (the library's advice, against
/// SSRF), and a time limit.
fn http(cfg: &OidcConfig) -> AppResult<&reqwest::Client> {
    let cell = &cfg.discovered.1;
    if let Some(c) = cell.get() {
        return Ok(c);
    }
    let built = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| {
            tracing::error!(error = %e, "cannot build the OpenID Connect HTTP client");
            AppError::Internal
        })?;
    Ok(cell.get_or_init(|| built))
}

fn unreachable_provider(cfg: &OidcConfig) -> AppError {
    AppError::Unavailable(format!(
        "{} cannot be reached right now, so signing in with it is not possible. Please try again in a moment.",
        cfg.provider_name
    ))
}

async fn metadata(cfg: &OidcConfig) -> AppResult<CoreProviderMetadata> {
    let mut cached = cfg.discovered.0.lock().await;
    if let Some((at, meta)) = cached.as_ref() {
        if at.elapsed() < DISCOVERY_TTL {
            return Ok(meta.clone());
        }
    }
    let issuer = IssuerUrl::new(cfg.issuer_url.clone()).map_err(|e| {
        tracing::error!(error = %e, "OIDC_ISSUER_URL is not a URL");
        unreachable_provider(cfg)
    })?;
    let meta = CoreProviderMetadata::discover_async(issuer, http(cfg)?)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, issuer = %cfg.issuer_url, "OpenID Connect discovery failed");
            unreachable_provider(cfg)
        })?;
    *cached = Some((Instant::now(), meta.clone()));
    Ok(meta)
}

async fn client(cfg: &OidcConfig, redirect_uri: &str) -> AppResult<OidcClient> {
    let meta = metadata(cfg).await?;
    let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(|_| {
        AppError::BadRequest("The sign-in callback address is not a URL; check OIDC_REDIRECT_URI.".to_owned())
    })?;
    Ok(OidcClient::from_provider_metadata(
        meta,
        ClientId::new(cfg.client_id.clone()),
        cfg.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect))
}

/// A sign-in sent to the provider: where the browser goes, and the `state` it must bring
/// back (the caller puts it in a short-lived cookie).
pub struct Started {
    /// The provider's authorization URL.
    pub authorize_url: String,
    /// The state parameter.
    pub state: String,
}

/// Pending sign-ins one client address may have at once (each lives [`LOGIN_TTL_SECS`]).
pub const MAX_PENDING_PER_CLIENT: u64 = 20;
/// Pending sign-ins the whole instance keeps at most.
pub const MAX_PENDING: u64 = 10_000;

/// Starts a sign-in: a fresh state, nonce and PKCE verifier, stored (hashed state as the key)
/// for [`finish`]; `return_to` (already sanitised) is where the browser goes afterwards.
/// `address` (the client's) has at most [`MAX_PENDING_PER_CLIENT`] pending sign-ins (429
/// past it) and the instance at most [`MAX_PENDING`] (503 past it), so calls that never come
/// back cannot fill the disk.
pub async fn start(
    db: &DatabaseConnection,
    cfg: &OidcConfig,
    redirect_uri: &str,
    return_to: &str,
    address: &str,
) -> AppResult<Started> {
    let live = oidc_login::Column::CreatedAt.gt(now() - LOGIN_TTL_SECS);
    let mine = oidc_login::Entity::find()
        .filter(live.clone())
        .filter(oidc_login::Column::Client.eq(address))
        .count(db)
        .await?;
    if mine >= MAX_PENDING_PER_CLIENT {
        return Err(AppError::RetryLater {
            detail: "Too many sign-ins were started from here and not finished. Try again in a few minutes."
                .to_owned(),
            retry_after: 60,
        });
    }
    if oidc_login::Entity::find().filter(live).count(db).await? >= MAX_PENDING {
        return Err(AppError::Unavailable(
            "Too many sign-ins are under way right now. Try again in a few minutes.".to_owned(),
        ));
    }
    let client = client(cfg, redirect_uri).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in cfg.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
    // Sign-ins abandoned at the provider are deleted by the minute's upkeep
    // ([`clear_expired_sign_ins`]).
    oidc_login::ActiveModel {
        state_hash: Set(hash_secret(state.secret())),
        nonce: Set(nonce.secret().clone()),
        pkce_verifier: Set(verifier.secret().clone()),
        redirect_uri: Set(redirect_uri.to_owned()),
        return_to: Set(return_to.to_owned()),
        created_at: Set(now()),
        client: Set(Some(address.to_owned())),
    }
    .insert(db)
    .await?;
    Ok(Started {
        authorize_url: url.to_string(),
        state: state.secret().clone(),
    })
}

fn start_again(why: &str) -> AppError {
    AppError::BadRequest(format!("{why} Please sign in again."))
}

/// Takes the stored sign-in of `state`, once: it is deleted as it is read, so a replayed
/// answer finds nothing. `browser_state` is the state cookie of the browser that brings it:
/// an answer meant for another browser (or a forged one) does not match.
async fn take_login(
    db: &DatabaseConnection,
    state: &str,
    browser_state: Option<&str>,
) -> AppResult<oidc_login::Model> {
    if state.is_empty() || browser_state != Some(state) {
        return Err(start_again(
            "This sign-in did not start in this browser, or it took too long (its security check, the state, does not match).",
        ));
    }
    let key = hash_secret(state);
    let login = oidc_login::Entity::find_by_id(key.clone()).one(db).await?;
    let taken = oidc_login::Entity::delete_by_id(key)
        .exec(db)
        .await?
        .rows_affected
        == 1;
    match login {
        Some(l) if taken && l.created_at >= now() - LOGIN_TTL_SECS => Ok(l),
        Some(_) if taken => Err(start_again("This sign-in took too long.")),
        _ => Err(start_again("This sign-in was already used or has expired.")),
    }
}

/// Finishes a sign-in with the provider's answer (`code`, `state`): exchanges the code (with
/// the PKCE verifier), verifies the ID token and its nonce, reads the userinfo endpoint when
/// the provider has one, and returns who signed in and where they go next.
pub async fn finish(
    db: &DatabaseConnection,
    cfg: &OidcConfig,
    code: &str,
    state: &str,
    browser_state: Option<&str>,
) -> AppResult<(IdpPerson, String)> {
    let login = take_login(db, state, browser_state).await?;
    let client = client(cfg, &login.redirect_uri).await?;
    let refused = |what: &str| {
        AppError::Forbidden(format!(
            "{} {what} Please try again, or ask your administrator.",
            cfg.provider_name
        ))
    };
    let token = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| {
            tracing::error!(error = %e, "the provider names no token endpoint");
            refused("does not offer the sign-in this app needs (it has no token endpoint).")
        })?
        .set_pkce_verifier(PkceCodeVerifier::new(login.pkce_verifier.clone()))
        .request_async(http(cfg)?)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "the provider refused the authorization code");
            refused("did not accept this sign-in (the code was refused or had expired).")
        })?;
    let id_token = token
        .id_token()
        .ok_or_else(|| refused("sent no ID token, so who signed in is not known."))?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(login.nonce.clone()))
        .map_err(|e| {
            tracing::warn!(error = %e, "an ID token failed verification");
            refused("sent an answer that failed its security checks (signature, audience, expiry or nonce).")
        })?;
    let mut person = IdpPerson {
        issuer: cfg.issuer_url.clone(),
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified().unwrap_or(false),
        name: claims.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
        groups: groups_of(&claims.additional_claims().rest, cfg.groups_claim.as_deref()),
    };
    // Many providers (Keycloak, Okta, oidc-provider) send only some claims in the ID token and
    // the rest from the userinfo endpoint; what it sends fills the gaps.
    if let Ok(request) = client.user_info(token.access_token().clone(), Some(claims.subject().clone())) {
        match request
            .request_async::<ExtraClaims, _, CoreGenderClaim>(http(cfg)?)
            .await
        {
            Ok(info) => {
                if person.email.is_none() {
                    person.email = info.email().map(|e| e.to_string());
                    person.email_verified = info.email_verified().unwrap_or(false);
                }
                if person.name.is_none() {
                    person.name = info.name().and_then(|n| n.get(None)).map(|n| n.to_string());
                }
                if person.groups.is_none() {
                    person.groups = groups_of(&info.additional_claims().rest, cfg.groups_claim.as_deref());
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "the userinfo endpoint did not answer; using the ID token alone")
            }
        }
    }
    if cfg.groups_claim.is_some() && person.groups.is_none() {
        // Providers leave the claim out for someone in no group.
        person.groups = Some(Vec::new());
    }
    Ok((person, login.return_to))
}

/// The groups claim `name` of `claims`: a list of strings, or one string (some providers send
/// a single group so). None when groups are not read or the claim is absent.
pub fn groups_of(
    claims: &serde_json::Map<String, serde_json::Value>,
    name: Option<&str>,
) -> Option<Vec<String>> {
    let value = claims.get(name?)?;
    match value {
        serde_json::Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|g| g.as_str())
                .map(|g| g.trim().to_owned())
                .filter(|g| !g.is_empty())
                .collect(),
        ),
        serde_json::Value::String(one) => Some(
            one.split(',')
                .map(|g| g.trim().to_owned())
                .filter(|g| !g.is_empty())
                .collect(),
        ),
        _ => Some(Vec::new()),
    }
}

/// Deletes sessions that have expired (a session presented after its end is deleted then, but
/// one never presented again, such as a cookie-less client's behind a trusted proxy, would stay)
/// and identity-provider sign-ins abandoned for longer than they may take; how many of each.
pub async fn clear_expired_sign_ins(db: &DatabaseConnection, now: i64) -> AppResult<(u64, u64)> {
    use crate::entities::{oidc_login, session};
    let sessions = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected;
    let logins = oidc_login::Entity::delete_many()
        .filter(oidc_login::Column::CreatedAt.lt(now - LOGIN_TTL_SECS))
        .exec(db)
        .await?
        .rows_affected;
    Ok((sessions, logins))
}

#[cfg(test)]
mod tests {
    use super::groups_of;
    use serde_json::json;

    #[test]
    fn groups_come_as_a_list_or_a_string() {
        let claims = json!({"groups": ["a", " b ", 3, ""], "role": "x, y"});
        let map = claims.as_object().unwrap();
        assert_eq!(groups_of(map, Some("groups")), Some(vec!["a".into(), "b".into()]));
        assert_eq!(groups_of(map, Some("role")), Some(vec!["x".into(), "y".into()]));
        assert_eq!(groups_of(map, Some("missing")), None);
        assert_eq!(groups_of(map, None), None);
    }
}
