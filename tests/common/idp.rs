//! A real OpenID Connect provider for tests: `tests/oidc/provider.mjs` (the `oidc-provider`
//! package) on a free loopback port, stopped with the test. Its rules for who a login is are
//! in that file's header. And the browser's part of a sign-in, step by step, so a test can
//! tamper with any step.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use chatshare::config::Config;

/// The test client's id and secret at the provider.
pub const CLIENT_ID: &str = "chatshare";
/// The client secret.
pub const CLIENT_SECRET: &str = "chatshare-test-secret";

/// A running provider; killed when dropped.
pub struct Provider {
    /// Its issuer URL, `http://127.0.0.1:PORT`.
    pub issuer: String,
    child: Child,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the provider on a free port (Node.js and `npm ci` are the test script's set-up).
pub async fn start() -> Provider {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new("node")
        .arg(format!("{root}/tests/oidc/provider.mjs"))
        .current_dir(root)
        .env("OIDC_PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start node tests/oidc/provider.mjs (is Node.js installed and `npm ci` done?)");
    let stdout = child.stdout.take().expect("piped stdout");
    // The first line says where it listens; the rest is drained to stderr (a closed pipe
    // would crash it at its next write).
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let _ = tx.send(first);
        for line in lines.map_while(Result::ok) {
            eprintln!("[oidc-provider] {line}");
        }
    });
    let line = rx.await.expect("the provider's first line");
    let issuer = line
        .trim()
        .strip_prefix("OIDC_PROVIDER_URL=")
        .unwrap_or_else(|| panic!("the provider printed {line:?}"))
        .to_owned();
    Provider { issuer, child }
}

impl Provider {
    /// `config` set up to sign in with this provider ("Test IdP"), new accounts as users.
    pub fn configure(&self, mut config: Config) -> Config {
        config.oidc_issuer_url = Some(self.issuer.clone());
        config.oidc_client_id = Some(CLIENT_ID.to_owned());
        config.oidc_client_secret = Some(CLIENT_SECRET.to_owned());
        config.oidc_provider_name = "Test IdP".to_owned();
        config.default_user_role = "user".to_owned();
        config
    }
}

fn location(res: &reqwest::Response, base: &str) -> String {
    let loc = res
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("a redirect from {}, got {}", res.url(), res.status()))
        .to_str()
        .expect("a text Location")
        .to_owned();
    if loc.starts_with('/') {
        let origin: String = base.split('/').take(3).collect::<Vec<_>>().join("/");
        format!("{origin}{loc}")
    } else {
        loc
    }
}

/// Step 1: `GET /auth/oidc/start?redirect=…` at `base`; the provider's authorization URL.
pub async fn start_sign_in(c: &reqwest::Client, base: &str, redirect: &str) -> String {
    let res = c
        .get(format!(
            "{base}/auth/oidc/start?redirect={}",
            app::format::encode_query_value(redirect)
        ))
        .send()
        .await
        .expect("start the sign-in");
    assert_eq!(res.status(), 303, "the start redirects to the provider");
    location(&res, base)
}

/// Step 2: the provider's part, from its authorization URL to the callback URL it sends the
/// browser to: its login page is filled in with `login` (any password), unless the browser's
/// session at the provider already knows them.
pub async fn at_provider(c: &reqwest::Client, authorize_url: &str, login: &str) -> String {
    let mut url = authorize_url.to_owned();
    for _ in 0..10 {
        if url.contains("/auth/oidc/callback") {
            return url;
        }
        let res = c.get(&url).send().await.expect("a request to the provider");
        if res.status().is_redirection() {
            url = location(&res, &url);
            continue;
        }
        let page = res.text().await.expect("the provider's page");
        assert!(
            page.contains("name=\"login\""),
            "the provider's login page, got: {page}"
        );
        let res = c
            .post(&url)
            .form(&[
                ("prompt", "login"),
                ("login", login),
                ("password", "any password"),
            ])
            .send()
            .await
            .expect("post the provider's login form");
        assert!(
            res.status().is_redirection(),
            "the login form redirects, got {}",
            res.status()
        );
        url = location(&res, &url);
    }
    panic!("the provider never sent the browser back (last at {url})");
}

/// Step 3: the callback at our server; its answer (a 303 to where the sign-in was for, or to
/// the sign-in page with the error).
pub async fn callback(c: &reqwest::Client, callback_url: &str) -> reqwest::Response {
    c.get(callback_url).send().await.expect("the callback")
}

/// Where a response redirects to (as sent).
pub fn redirect_of(res: &reqwest::Response) -> String {
    assert_eq!(res.status(), 303, "a redirect");
    res.headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("a Location")
        .to_owned()
}

/// The whole sign-in of `login` in a fresh browser; the browser (signed in when it worked) and
/// where it was sent at the end.
pub async fn sign_in(base: &str, login: &str, redirect: &str) -> (reqwest::Client, String) {
    let c = super::client();
    let authorize = start_sign_in(&c, base, redirect).await;
    let back = at_provider(&c, &authorize, login).await;
    let res = callback(&c, &back).await;
    let to = redirect_of(&res);
    (c, to)
}

/// The error in words that a redirect to the sign-in page carries.
pub fn error_in(location: &str) -> String {
    let url = reqwest::Url::parse(&format!("http://server{location}")).expect("a path and query");
    assert_eq!(url.path(), "/auth", "back to the sign-in page: {location}");
    let code = url
        .query_pairs()
        .find(|(k, _)| k == "error")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no error in {location}"));
    // The page shows our message for the code (and nothing for a code we never send).
    app::error::notice_message(&code)
        .unwrap_or_else(|| panic!("{code} is no notice of ours ({location})"))
        .to_owned()
}
