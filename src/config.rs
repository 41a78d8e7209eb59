//! Server configuration: built-in defaults, overridden by environment variables, overridden by
//! command-line flags. `chatshare --help` lists every option with its variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Everything the server needs to start.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "chatshare",
    version,
    about = "chatshare: a self-hosted chat workspace with first-class chat sharing"
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "CHATSHARE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Directory for the embedded SQLite database (`chatshare.db`); created when missing.
    #[arg(long, env = "CHATSHARE_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite://PATH` or `postgres://USER@HOST/DB`. When unset, SQLite at
    /// `<data dir>/chatshare.db`. Never logged (it may hold a password).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Directory of the built site: `pkg/` (WASM, JS, CSS) and the public files.
    #[arg(long, env = "CHATSHARE_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, env = "CHATSHARE_MAX_BODY_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Largest chat import file accepted (`POST /api/v1/chats/import`), in bytes.
    #[arg(long, env = "CHATSHARE_MAX_IMPORT_BYTES", default_value_t = 100 * 1024 * 1024)]
    pub max_import_bytes: usize,

    /// Most database connections the pool holds open. Default: 4 for SQLite (it has one
    /// writer, and on 2 cores more connections only add hand-offs: the benchmark measured
    /// more requests per second and less memory with 4 than with 16), 16 for PostgreSQL.
    #[arg(long, env = "CHATSHARE_DB_MAX_CONNECTIONS")]
    pub db_max_connections: Option<u32>,

    /// Whether new accounts may sign up, until an admin changes it (Open WebUI's `ENABLE_SIGNUP`).
    #[arg(long, env = "ENABLE_SIGNUP", default_value_t = true, action = clap::ArgAction::Set)]
    pub enable_signup: bool,

    /// Role of new accounts after the first (`pending` or `user`), until an admin changes it.
    #[arg(long, env = "DEFAULT_USER_ROLE", default_value = "pending", value_parser = ["pending", "user"])]
    pub default_user_role: String,

    /// Whether users may create API keys, until an admin changes it.
    #[arg(long, env = "ENABLE_API_KEYS", default_value_t = true, action = clap::ArgAction::Set)]
    pub enable_api_keys: bool,

    /// Base URL of an OpenAI-compatible server (Open WebUI's name), such as
    /// `http://localhost:11434/v1`: the first start creates a connection from it.
    #[arg(long, env = "OPENAI_API_BASE_URL")]
    pub openai_api_base_url: Option<String>,

    /// API key for `OPENAI_API_BASE_URL`. Stored server-side; never logged or sent to browsers.
    #[arg(long, env = "OPENAI_API_KEY", hide_env_values = true)]
    pub openai_api_key: Option<String>,

    /// Whether reads of share links are counted and logged (views, the access log). Off only to
    /// measure what counting costs (`make bench` does).
    #[arg(long, env = "CHATSHARE_COUNT_VIEWS", default_value_t = true, action = clap::ArgAction::Set)]
    pub count_views: bool,

    /// Longest silence, in seconds, inside a model's streamed answer before it counts as broken.
    #[arg(long, env = "CHATSHARE_MODEL_IDLE_TIMEOUT_SECS", default_value_t = 300)]
    pub model_idle_timeout_secs: u64,

    /// Most readers of live links one process keeps connected at once (each holds one
    /// server-sent events connection); more are answered 503 and read without live updates.
    #[arg(long, env = "CHATSHARE_LIVE_READERS_MAX", default_value_t = 2000)]
    pub live_readers_max: usize,

    /// Reverse proxies to believe, comma-separated addresses or networks
    /// (`127.0.0.1,10.0.0.0/8`). Only requests from them have their `X-Forwarded-For` (the
    /// client address the sign-in limiter counts) and `X-Forwarded-Proto` (https, for the
    /// `Secure` cookie) read; by default nobody's are, since any client can send them.
    #[arg(long, env = "CHATSHARE_TRUSTED_PROXIES", default_value = "", value_parser = parse_trusted_proxies)]
    pub trusted_proxies: app::auth::TrustedProxies,

    /// Seconds a client may take to send a request's headers (and may keep a connection idle)
    /// before it is closed: slow clients cannot hold connections open.
    #[arg(long, env = "CHATSHARE_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,

    /// Most connections open at once; more are closed on arrival.
    #[arg(long, env = "CHATSHARE_MAX_CONNECTIONS", default_value_t = 4096)]
    pub max_connections: usize,

    /// Most connections open at once from one client address (a browser opens up to 6; an
    /// office behind one NAT address opens many). Trusted proxies are not held to it.
    #[arg(long, env = "CHATSHARE_MAX_CONNECTIONS_PER_CLIENT", default_value_t = 256)]
    pub max_connections_per_client: usize,

    /// Whether the email and password form (and the password sign-in and sign-up API) is on.
    /// Turn it off when the identity provider is the only way in.
    #[arg(long, env = "ENABLE_PASSWORD_LOGIN", default_value_t = true, action = clap::ArgAction::Set)]
    pub enable_password_login: bool,

    /// OpenID Connect: the provider's issuer URL (its `/.well-known/openid-configuration` is
    /// read at the first sign-in). With `OIDC_CLIENT_ID`, turns on "Continue with …".
    #[arg(long, env = "OIDC_ISSUER_URL")]
    pub oidc_issuer_url: Option<String>,

    /// OpenID Connect: this app's client id at the provider.
    #[arg(long, env = "OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// OpenID Connect: this app's client secret. Never logged or shown.
    #[arg(long, env = "OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// OpenID Connect: the scopes asked for, space-separated (`openid` is always added).
    #[arg(long, env = "OIDC_SCOPES", default_value = "openid email profile")]
    pub oidc_scopes: String,

    /// OpenID Connect: the provider's name on the sign-in button ("Continue with …").
    #[arg(long, env = "OIDC_PROVIDER_NAME", default_value = "SSO")]
    pub oidc_provider_name: String,

    /// OpenID Connect: email domains that may sign in, comma-separated (empty: any).
    #[arg(long, env = "OIDC_ALLOWED_DOMAINS", default_value = "")]
    pub oidc_allowed_domains: String,

    /// OpenID Connect: the claim listing the person's groups (`groups`). When set, their
    /// memberships of this instance's groups follow it at every sign-in, and
    /// `OIDC_ADMIN_GROUPS` applies.
    #[arg(long, env = "OIDC_GROUPS_CLAIM")]
    pub oidc_groups_claim: Option<String>,

    /// OpenID Connect: provider groups whose members are administrators here, comma-separated.
    #[arg(long, env = "OIDC_ADMIN_GROUPS", default_value = "")]
    pub oidc_admin_groups: String,

    /// OpenID Connect: a first sign-in may link to an existing account with the same email,
    /// when the provider says it verified that email. Off: such a sign-in is refused.
    #[arg(long, env = "OIDC_MERGE_ACCOUNTS_BY_EMAIL", default_value_t = false, action = clap::ArgAction::Set)]
    pub oidc_merge_accounts_by_email: bool,

    /// OpenID Connect: the callback URL registered at the provider
    /// (`https://chat.example.com/auth/oidc/callback`). Unset: worked out from each request.
    #[arg(long, env = "OIDC_REDIRECT_URI")]
    pub oidc_redirect_uri: Option<String>,

    /// Trusted-header sign-in: the header in which an authenticating proxy puts the person's
    /// email (`X-Forwarded-Email` for oauth2-proxy). Believed only from `--trusted-proxies`.
    #[arg(long, env = "TRUSTED_EMAIL_HEADER")]
    pub trusted_email_header: Option<String>,

    /// Trusted-header sign-in: the header with the person's display name (for new accounts).
    #[arg(long, env = "TRUSTED_NAME_HEADER")]
    pub trusted_name_header: Option<String>,

    /// Log filter, in `tracing` EnvFilter syntax (for example `info,tower_http=debug`).
    #[arg(long, env = "RUST_LOG", default_value = "info,sqlx=warn,sea_orm=warn")]
    pub log: String,
}

fn parse_trusted_proxies(list: &str) -> Result<app::auth::TrustedProxies, String> {
    app::auth::TrustedProxies::parse(list)
}

impl Config {
    /// The connection limits in force.
    pub fn connection_limits(&self) -> crate::listener::Limits {
        crate::listener::Limits {
            header_read_timeout: std::time::Duration::from_secs(self.header_timeout_secs.max(1)),
            max_connections: self.max_connections.max(1),
            max_connections_per_client: self.max_connections_per_client.max(1),
        }
    }

    /// The database URL in force: the configured one, or the default SQLite file.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("chatshare.db").display()
            ),
        }
    }

    /// The instance-setting defaults this configuration sets.
    pub fn settings_defaults(&self) -> app::instance::SettingsDefaults {
        app::instance::SettingsDefaults {
            enable_signup: self.enable_signup,
            default_user_role: self.default_user_role.clone(),
            enable_api_keys: self.enable_api_keys,
        }
    }

    /// How people sign in, as these settings configure it; an error in words when they are
    /// inconsistent (the server does not start half-configured).
    pub fn sign_in_config(&self) -> Result<app::accounts::sso::SsoConfig, String> {
        app::accounts::sso::config::SsoSettings {
            password_login: self.enable_password_login,
            issuer_url: self.oidc_issuer_url.clone(),
            client_id: self.oidc_client_id.clone(),
            client_secret: self.oidc_client_secret.clone(),
            scopes: self.oidc_scopes.clone(),
            provider_name: self.oidc_provider_name.clone(),
            allowed_domains: self.oidc_allowed_domains.clone(),
            groups_claim: self.oidc_groups_claim.clone(),
            admin_groups: self.oidc_admin_groups.clone(),
            merge_by_email: self.oidc_merge_accounts_by_email,
            redirect_uri: self.oidc_redirect_uri.clone(),
            trusted_email_header: self.trusted_email_header.clone(),
            trusted_name_header: self.trusted_name_header.clone(),
            trusted_proxies: self.trusted_proxies.0.iter().map(|n| n.to_string()).collect(),
        }
        .build()
        .map_err(|e| e.detail())
    }

    /// The pool size in force for the configured database.
    pub fn effective_db_max_connections(&self) -> u32 {
        self.db_max_connections.unwrap_or_else(|| {
            if self.effective_database_url().starts_with("sqlite:") {
                4
            } else {
                16
            }
        })
    }

    /// A configuration with every default, for tests and embedding.
    pub fn defaults() -> Self {
        Config::parse_from(["chatshare"])
    }
}

/// The URL with any password replaced by `***`, safe to log.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                format!("{scheme}://{user}@{host}")
            }
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_database_is_sqlite_in_the_data_dir() {
        let mut c = Config::defaults();
        c.data_dir = PathBuf::from("/tmp/x");
        assert_eq!(
            c.effective_database_url(),
            "sqlite:///tmp/x/chatshare.db?mode=rwc"
        );
        c.database_url = Some("postgres://u@h/db".into());
        assert_eq!(c.effective_database_url(), "postgres://u@h/db");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://bob:s3cret@db:5432/x"),
            "postgres://bob:***@db:5432/x"
        );
        assert_eq!(redact_url("postgres://bob@db/x"), "postgres://bob@db/x");
        assert_eq!(
            redact_url("sqlite://./data/chatshare.db"),
            "sqlite://./data/chatshare.db"
        );
    }

    #[test]
    fn flags_override_defaults() {
        let c = Config::parse_from(["chatshare", "--addr", "0.0.0.0:8080", "--max-body-bytes", "10"]);
        assert_eq!(c.addr.port(), 8080);
        assert_eq!(c.max_body_bytes, 10);
        assert!(
            Config::defaults().trusted_proxies.0.is_empty(),
            "no proxy is trusted by default"
        );
        let c = Config::parse_from(["chatshare", "--trusted-proxies", "127.0.0.1, 10.0.0.0/8"]);
        assert!(c.trusted_proxies.trusts("10.1.2.3".parse().unwrap()));
        assert!(!c.trusted_proxies.trusts("11.1.2.3".parse().unwrap()));
        assert!(Config::try_parse_from(["chatshare", "--trusted-proxies", "nonsense"]).is_err());
    }
}
