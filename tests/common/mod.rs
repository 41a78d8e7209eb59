//! Shared test support: a fresh database per test, on SQLite or PostgreSQL
//! (`CHATSHARE_TEST_DB=sqlite|postgres`), and a real server on port 0.
#![allow(dead_code)]

pub mod idp;
pub mod standin;

use chatshare::config::Config;
use chatshare::server::RunningServer;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// Which backend this test run uses.
pub fn backend() -> String {
    std::env::var("CHATSHARE_TEST_DB").unwrap_or_else(|_| "sqlite".to_owned())
}

/// A URL for a brand-new, empty database of the backend under test.
pub async fn fresh_database_url() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    if backend() == "postgres" {
        let admin = std::env::var("CHATSHARE_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
        let conn = Database::connect(&admin)
            .await
            .expect("connect to the PostgreSQL test server");
        let name = format!("chatshare_t_{id}");
        conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create a test database");
        conn.close().await.ok();
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
        format!("{base}/{name}")
    } else {
        let dir = std::env::temp_dir().join(format!("chatshare-test-{id}"));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        format!("sqlite://{}?mode=rwc", dir.join("chatshare.db").display())
    }
}

/// A migrated, empty database of the backend under test.
pub async fn fresh_db() -> DatabaseConnection {
    let url = fresh_database_url().await;
    chatshare::db::connect_and_migrate(&url, 8)
        .await
        .expect("open and migrate the test database")
}

/// Test configuration: port 0 on loopback, a site root that may not exist.
pub fn test_config() -> Config {
    let mut c = Config::defaults();
    c.addr = "127.0.0.1:0".parse().expect("loopback address");
    c.site_root = std::env::temp_dir().join("chatshare-no-site");
    c
}

/// A server on a fresh database, listening on a free loopback port.
pub async fn start_server() -> RunningServer {
    start_server_with(test_config()).await
}

/// A server with the given configuration on a fresh database.
pub async fn start_server_with(config: Config) -> RunningServer {
    let db = fresh_db().await;
    chatshare::server::spawn(&config, db)
        .await
        .expect("start the server")
}

/// An HTTP client that keeps cookies and never follows redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("build an HTTP client")
}

/// The body of `GET url` through `c`, as text (the status is not checked).
pub async fn get_text(c: &reqwest::Client, url: &str) -> String {
    c.get(url).send().await.unwrap().text().await.unwrap()
}

/// The JSON answer of `GET url` through `c` (with the cookie `c` holds; the status is not
/// checked).
pub async fn get_json(c: &reqwest::Client, url: &str) -> serde_json::Value {
    c.get(url)
        .send()
        .await
        .expect("send a GET")
        .json()
        .await
        .expect("a JSON answer")
}

/// The real `chatshare` binary on a free loopback port: the one way tests start a server process.
/// The process is killed and reaped when this is dropped, so it never outlives its test, pass or
/// fail.
pub struct Binary {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT` (read from the first line the binary prints).
    pub base: String,
}

impl Binary {
    /// Starts the binary against `database_url` with `env` (more configuration) set.
    pub async fn start(database_url: &str, env: &[(&str, &str)]) -> Binary {
        use std::io::{BufRead, BufReader};
        use std::process::{Command, Stdio};
        let data_dir = std::env::temp_dir().join(format!("chatshare-bin-{}", uuid::Uuid::new_v4()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_chatshare"))
            .envs(env.iter().copied())
            .env("CHATSHARE_ADDR", "127.0.0.1:0")
            .env("CHATSHARE_DATA_DIR", &data_dir)
            .env("DATABASE_URL", database_url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the chatshare binary");
        let stdout = child.stdout.take().expect("piped stdout");
        // Owned before the first await: a test that fails from here on still kills it.
        let mut binary = Binary {
            child,
            base: String::new(),
        };
        let line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        })
        .await
        .expect("join the reader")
        .expect("read the first line");
        let base = line.trim().rsplit(' ').next().expect("an address").to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "{line}");
        binary.base = base;
        binary
    }

    /// The binary on a fresh database of the backend under test.
    pub async fn fresh(env: &[(&str, &str)]) -> Binary {
        let url = fresh_database_url().await;
        Binary::start(&url, env).await
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` ("TERM", "KILL", …) to the process.
    pub fn signal(&self, signal: &str) {
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{signal} failed");
    }

    /// Waits for the process to end (a test that waits forever is ended by the runner's
    /// time limit, `.config/nextest.toml`), and its exit status.
    pub async fn exited(&mut self) -> std::process::ExitStatus {
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the binary") {
                return status;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// The process's resident memory now, in MiB (from /proc; 0 once it has ended).
    pub fn rss_mib(&self) -> f64 {
        rss_mib_of(self.child.id())
    }
}

/// Resident memory of process `pid` in MiB (from /proc; 0 if it is gone).
pub fn rss_mib_of(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Signs `name` up through the API with `c` (which keeps the session cookie), as
/// `<name lower-cased>@example.com` with the password "correct horse"; the sign-up answer.
pub async fn signup_with(c: &reqwest::Client, base: &str, name: &str) -> serde_json::Value {
    let res = c
        .post(format!("{base}/api/v1/auths/signup"))
        .json(&serde_json::json!({
            "name": name,
            "email": format!("{}@example.com", name.to_lowercase()),
            "password": "correct horse",
        }))
        .send()
        .await
        .expect("send the sign-up");
    assert_eq!(res.status(), 200, "sign-up of {name}");
    res.json().await.expect("a JSON answer")
}

/// Signs `name` up (see [`signup_with`]); returns its session token and account id.
pub async fn signup(base: &str, name: &str) -> (String, String) {
    let v = signup_with(&client(), base, name).await;
    (
        v["token"].as_str().expect("a token").to_owned(),
        v["id"].as_str().expect("an id").to_owned(),
    )
}

/// Sends `method url` as `c`, with a bearer `token` and a JSON `body` when given.
pub async fn send(
    c: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<&str>,
    body: Option<&serde_json::Value>,
) -> reqwest::Response {
    let mut r = c.request(method, url);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    if let Some(b) = body {
        r = r.json(b);
    }
    r.send().await.expect("send a request")
}

/// `POST url` with a JSON body, as `c` (and a bearer token when given).
pub async fn post(
    c: &reqwest::Client,
    url: String,
    body: serde_json::Value,
    token: Option<&str>,
) -> reqwest::Response {
    send(c, reqwest::Method::POST, url, token, Some(&body)).await
}

/// `GET url` as `c` (and a bearer token when given).
pub async fn get(c: &reqwest::Client, url: String, token: Option<&str>) -> reqwest::Response {
    send(c, reqwest::Method::GET, url, token, None).await
}

/// [`send`], answering the status and the JSON body (`null` when it is not JSON).
pub async fn call(
    c: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let res = send(c, method, url, token, body.as_ref()).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("read a fixture")
}

/// Calls server function `name` with a JSON body as `c`; the status and the JSON answer
/// (`null` when the body is not JSON).
pub async fn call_fn(
    c: &reqwest::Client,
    base: &str,
    name: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let res = c
        .post(format!("{base}/api/fn/{name}"))
        .json(&body)
        .send()
        .await
        .expect("send a server-function call");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

/// A chat JSON (Open WebUI's shape) whose one message says `content`.
pub fn one_message_chat(title: &str, content: &str) -> serde_json::Value {
    serde_json::json!({
        "title": title,
        "history": {
            "messages": {"m1": {"id": "m1", "role": "user", "content": content, "parentId": null, "childrenIds": []}},
            "currentId": "m1",
        },
    })
}

/// Creates `chat` as the holder of `c`'s session and shares it; the chat id and the share id.
pub async fn create_and_share(c: &reqwest::Client, base: &str, chat: serde_json::Value) -> (String, String) {
    let res = c
        .post(format!("{base}/api/v1/chats/new"))
        .json(&serde_json::json!({ "chat": chat }))
        .send()
        .await
        .expect("create a chat");
    assert_eq!(res.status(), 200, "create a chat");
    let created: serde_json::Value = res.json().await.expect("a chat object");
    let id = created["id"].as_str().expect("a chat id").to_owned();
    let res = c
        .post(format!("{base}/api/v1/chats/{id}/share"))
        .send()
        .await
        .expect("share the chat");
    assert_eq!(res.status(), 200, "share the chat");
    let shared: serde_json::Value = res.json().await.expect("a chat object");
    let share_id = shared["share_id"].as_str().expect("a share id").to_owned();
    (id, share_id)
}

/// Sets account `id`'s role as the admin holding `admin_token`; the status.
pub async fn set_role(base: &str, admin_token: &str, id: &str, role: &str) -> u16 {
    client()
        .post(format!("{base}/api/v1/users/{id}/update"))
        .bearer_auth(admin_token)
        .json(&serde_json::json!({ "role": role }))
        .send()
        .await
        .expect("send the role change")
        .status()
        .as_u16()
}

/// Changes instance settings through Open WebUI's admin config as `admin_token`; the status.
pub async fn admin_config(base: &str, admin_token: &str, patch: serde_json::Value) -> u16 {
    client()
        .post(format!("{base}/api/v1/auths/admin/config"))
        .bearer_auth(admin_token)
        .json(&patch)
        .send()
        .await
        .expect("send the admin config")
        .status()
        .as_u16()
}

/// A server whose new accounts are approved members at once: the server, its URL and the
/// admin's token (the first account).
pub async fn open_instance() -> (RunningServer, String, String) {
    let server = start_server().await;
    let base = server.url();
    let (admin, _) = signup(&base, "Admin").await;
    assert_eq!(
        admin_config(&base, &admin, serde_json::json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    (server, base, admin)
}
