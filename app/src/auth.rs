//! What a request carries about its caller: the bearer token or session cookie, the client's
//! address (behind trusted proxies) and the cookies an answer sets. Used by the REST handlers and
//! the server functions alike; which account a credential belongs to is `accounts::caller`'s
//! business.

use axum::http::{header, HeaderMap, HeaderValue};

use crate::error::{AppError, AppResult};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "chatshare_session";

/// The credential a request carries: `Authorization: Bearer …` first, else the session cookie.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    if let Some(auth) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        if let Some(token) = auth
            .strip_prefix("Bearer ")
            .or_else(|| auth.strip_prefix("bearer "))
        {
            let token = token.trim();
            if !token.is_empty() {
                return Some(token.to_owned());
            }
        }
    }
    session_cookie_from_headers(headers)
}

/// The session cookie's value, if the request has one.
pub fn session_cookie_from_headers(headers: &HeaderMap) -> Option<String> {
    cookie_from_headers(headers, SESSION_COOKIE)
}

/// The value of cookie `name`, if the request carries it (and it is not empty).
pub fn cookie_from_headers(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether `Authorization: Bearer <token>` is the credential this request authenticates with
/// (a bearer token wins over the cookie in [`token_from_headers`]). Only then is a request
/// exempt from the cross-site check: any other `Authorization` header (`Basic …`, an empty
/// bearer) leaves the cookie as the credential, and the cookie is what a browser adds by itself.
pub fn uses_bearer(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|auth| {
            auth.strip_prefix("Bearer ")
                .or_else(|| auth.strip_prefix("bearer "))
        })
        .is_some_and(|token| !token.trim().is_empty())
}

/// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` headers are believed
/// (`--trusted-proxies`). Empty by default: then both headers are ignored, since any client
/// can send them.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<ipnet::IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and networks (`10.0.0.5, 172.16.0.0/12`).
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<ipnet::IpNet>()
                    .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("\"{s}\" is not an IP address or network"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn trusts(&self, ip: std::net::IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// Who sent a request, as far as the server can know: the client's address and whether it
/// reached us over https. Put on every request by the server (from the TCP peer, and from
/// `X-Forwarded-For`/`-Proto` only when the peer is a trusted proxy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// The client's IP address, as text (the sign-in limiter's key).
    pub address: String,
    /// Whether the client's request came over https (the session cookie is then `Secure`).
    pub https: bool,
}

impl ClientInfo {
    /// The client behind a connection from `peer`. When `peer` is a trusted proxy, the client is
    /// the right-most address of `X-Forwarded-For` that is not itself a trusted proxy, and
    /// `X-Forwarded-Proto` says the scheme; otherwise both headers are ignored.
    pub fn resolve(peer: Option<std::net::IpAddr>, headers: &HeaderMap, trusted: &TrustedProxies) -> Self {
        let Some(peer) = peer else {
            return ClientInfo {
                address: "unknown".to_owned(),
                https: false,
            };
        };
        if !trusted.trusts(peer) {
            return ClientInfo {
                address: peer.to_string(),
                https: false,
            };
        }
        let forwarded: Vec<std::net::IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        let client = forwarded
            .iter()
            .rev()
            .find(|ip| !trusted.trusts(**ip))
            .or(forwarded.first())
            .copied()
            .unwrap_or(peer);
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|p| p.split(',').next())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        ClientInfo {
            address: client.to_string(),
            https,
        }
    }
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, Secure over https.
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("chatshare_session=; Path=/; Max-Age=0"))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie() -> HeaderValue {
    HeaderValue::from_static("chatshare_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// In a server function: the request's headers.
pub async fn request_headers() -> AppResult<HeaderMap> {
    leptos_axum::extract::<HeaderMap>().await.map_err(|e| {
        tracing::error!(error = %e, "cannot read request headers");
        AppError::Internal
    })
}

/// In a server function: who sent the request (address for the sign-in limiter, https for the
/// cookie), as the server's middleware resolved it.
pub async fn client_info() -> ClientInfo {
    leptos_axum::extract::<axum::Extension<ClientInfo>>()
        .await
        .map(|axum::Extension(info)| info)
        .unwrap_or(ClientInfo {
            address: "unknown".to_owned(),
            https: false,
        })
}

/// In a server function: adds a response header (for `Set-Cookie`).
pub fn add_response_header(name: header::HeaderName, value: HeaderValue) {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.append_header(name, value);
    }
}

/// This server's origin as `headers` reached it: `http(s)://` (`https` as the client resolved
/// it, trusted proxies included) and the `Host` header, when that is a plain host name or
/// address with an optional port (anything else could put another site or markup into the
/// address we build from it).
pub fn request_origin(headers: &HeaderMap, https: bool) -> Option<String> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })?;
    let scheme = if https { "https" } else { "http" };
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_wins_over_cookie_and_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; chatshare_session=abc; x=1"),
        );
        assert_eq!(token_from_headers(&h).as_deref(), Some("abc"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer sk-123"));
        assert_eq!(token_from_headers(&h).as_deref(), Some("sk-123"));
        let empty = HeaderMap::new();
        assert_eq!(token_from_headers(&empty), None);
    }

    #[test]
    fn only_a_bearer_token_counts_as_the_credential() {
        let mut h = HeaderMap::new();
        assert!(!uses_bearer(&h));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic YTpi"));
        assert!(!uses_bearer(&h));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert!(!uses_bearer(&h));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer sk-1"));
        assert!(uses_bearer(&h));
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 203.0.113.7"),
        );
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let none = TrustedProxies::default();
        let peer = Some("10.0.0.5".parse().unwrap());
        assert_eq!(
            ClientInfo::resolve(peer, &h, &none),
            ClientInfo {
                address: "10.0.0.5".into(),
                https: false
            }
        );
        let proxies = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        // The right-most untrusted address is the client: what the client wrote itself (to
        // the left) is not believed.
        assert_eq!(
            ClientInfo::resolve(peer, &h, &proxies),
            ClientInfo {
                address: "203.0.113.7".into(),
                https: true
            }
        );
        // From an untrusted peer the headers are ignored even with proxies configured.
        let stranger = Some("198.51.100.1".parse().unwrap());
        assert_eq!(
            ClientInfo::resolve(stranger, &h, &proxies).address,
            "198.51.100.1"
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
    }

    #[test]
    fn cookie_flags() {
        let c = session_cookie("t", 60, true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!session_cookie("t", 60, false)
            .to_str()
            .unwrap()
            .contains("Secure"));
    }

    fn with_host(host: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static(host));
        h
    }

    #[test]
    fn the_request_origin_is_a_plain_host_or_nothing() {
        assert_eq!(
            request_origin(&with_host("chat.example.com:8443"), true).as_deref(),
            Some("https://chat.example.com:8443")
        );
        assert_eq!(
            request_origin(&with_host("[::1]:3000"), false).as_deref(),
            Some("http://[::1]:3000")
        );
        for bad in ["evil.example/x", "a\"b", "x@evil.example", ""] {
            assert_eq!(request_origin(&with_host(bad), false), None, "{bad}");
        }
        assert_eq!(request_origin(&HeaderMap::new(), false), None);
    }
}
