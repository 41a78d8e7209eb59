//! Security, round two: hostile input against the real binary (or the in-process server where
//! nothing depends on the process), one test per hole found, each failing without its fix.
//! Figures the tests measure are printed (`cargo test -- --nocapture`) and kept in SECURITY.md.

mod common;

use std::time::{Duration, Instant};

use common::{
    admin_config, call_fn, client, create_and_share, get_text, one_message_chat, set_role, signup,
    signup_with, start_server, Binary,
};
use serde_json::{json, Value};

/// What `/healthz` did while some work ran.
#[derive(Debug)]
struct Health {
    /// `/healthz` answers (200) that were asked and answered while the work was still running.
    answered_during: usize,
    /// The slowest of them (a figure to print, never a threshold).
    slowest: Duration,
}

/// Runs `work` while asking `/healthz` over and over from another task: how many answers came
/// back while `work` had not finished (a stalled server answers none until it has), and what
/// `work` returned.
async fn healthz_during<F: std::future::Future>(base: &str, work: F) -> (Health, F::Output) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let busy = Arc::new(AtomicBool::new(true));
    let url = format!("{base}/healthz");
    let still_busy = busy.clone();
    let prober = tokio::spawn(async move {
        let c = reqwest::Client::new();
        let mut health = Health {
            answered_during: 0,
            slowest: Duration::ZERO,
        };
        while still_busy.load(Ordering::SeqCst) {
            let started = Instant::now();
            let ok = c.get(&url).send().await.is_ok_and(|r| r.status() == 200);
            if ok && still_busy.load(Ordering::SeqCst) {
                health.answered_during += 1;
                health.slowest = health.slowest.max(started.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        health
    });
    let out = work.await;
    busy.store(false, Ordering::SeqCst);
    (prober.await.unwrap(), out)
}

fn parse(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap()).collect()
}

/// The names of the elements in a page's `<head>`, in order, and their attribute names.
fn head_shape(doc: &scraper::Html) -> Vec<String> {
    select(doc, "head *")
        .iter()
        .map(|e| {
            let mut attrs: Vec<&str> = e.value().attrs().map(|(k, _)| k).collect();
            attrs.sort_unstable();
            format!("{}[{}]", e.value().name(), attrs.join(","))
        })
        .collect()
}

// 1. A chat title is text in <title>, never markup.
#[tokio::test]
async fn a_chat_title_never_becomes_markup_in_the_page_head() {
    let s = start_server().await;
    let base = s.url();
    let ada = client();
    signup_with(&ada, &base, "Ada").await;
    let (plain_chat, plain_share) =
        create_and_share(&ada, &base, one_message_chat("Plain notes", "hi")).await;
    let payloads = [
        r#"Notes</title><meta http-equiv="refresh" content="0;url=https://example.org/x">"#,
        r#"</title><script>alert(1)</script>"#,
        r#""><img src=x onerror=alert(1)>"#,
        r#"&lt;/title&gt; & <!-- x -->"#,
    ];
    for payload in payloads {
        let (chat, share) = create_and_share(&ada, &base, one_message_chat(payload, "hi")).await;
        for (path, plain_path) in [
            (format!("/s/{share}"), format!("/s/{plain_share}")),
            (format!("/c/{chat}"), format!("/c/{plain_chat}")),
        ] {
            let html = get_text(&ada, &format!("{base}{path}")).await;
            let plain_html = get_text(&ada, &format!("{base}{plain_path}")).await;
            let (doc, plain_doc) = (parse(&html), parse(&plain_html));
            let titles = select(&doc, "title");
            assert_eq!(titles.len(), 1, "{path}: one <title>");
            assert_eq!(
                titles[0].text().collect::<String>(),
                format!("{payload} · chatshare"),
                "{path}: the title reads as typed"
            );
            assert!(select(&doc, "meta[http-equiv]").is_empty(), "{path}: {payload}");
            assert_eq!(
                head_shape(&doc),
                head_shape(&plain_doc),
                "{path}: the title added no element or attribute: {payload}"
            );
            assert!(
                select(&doc, "[onerror], script:not([nonce])").is_empty(),
                "{path}: {payload}"
            );
        }
    }
    s.stop().await.unwrap();
}

// 2. Nested markdown is rendered once, flattened past a depth, off the async threads.
#[tokio::test]
async fn deeply_nested_markdown_does_not_stall_the_server() {
    let b = Binary::fresh(&[]).await;
    let ada = client();
    signup_with(&ada, &b.base, "Ada").await;
    let hostile = ">".repeat(60_000) + " deep";
    let (chat, share) = create_and_share(&ada, &b.base, one_message_chat("Deep", &hostile)).await;
    let views = (0..2)
        .flat_map(|_| [format!("{}/s/{share}", b.base), format!("{}/c/{chat}", b.base)])
        .map(|url| {
            let ada = ada.clone();
            async move {
                let started = Instant::now();
                let res = ada.get(url).send().await.unwrap();
                let status = res.status();
                let html = res.text().await.unwrap();
                (status, html.contains("deep"), started.elapsed())
            }
        });
    let (health, answers) = healthz_during(&b.base, futures::future::join_all(views)).await;
    let slowest_view = answers.iter().map(|a| a.2).max().unwrap();
    println!(
        "60,000 nested '>': 4 concurrent page views, slowest {slowest_view:?}; /healthz meanwhile {health:?}"
    );
    for (status, has_text, _) in &answers {
        assert_eq!(*status, 200);
        assert!(*has_text, "the message's text is shown");
    }
    assert!(
        health.answered_during >= 2,
        "/healthz was answered while the work ran: {health:?}"
    );
    // The shared page's rendering is stored: the next view renders nothing.
    let started = Instant::now();
    let res = ada.get(format!("{}/s/{share}", b.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    println!(
        "the same shared page again (rendering stored): {:?}",
        started.elapsed()
    );
}

/// A chat whose root has `n` answers.
fn wide_chat(n: usize) -> Value {
    let children: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    let mut msgs = serde_json::Map::new();
    msgs.insert(
        "root".into(),
        json!({"id": "root", "role": "user", "content": "q", "parentId": null, "childrenIds": children}),
    );
    for c in &children {
        msgs.insert(
            c.clone(),
            json!({"id": c, "role": "assistant", "content": "a", "parentId": "root", "childrenIds": []}),
        );
    }
    json!({"title": "Wide", "history": {"messages": msgs, "currentId": "c0"}})
}

// 3. Wide trees are checked in linear time, off the async threads.
#[tokio::test]
async fn wide_chat_trees_do_not_stall_the_server() {
    let b = Binary::fresh(&[]).await;
    let ada = client();
    signup_with(&ada, &b.base, "Ada").await;
    let body = json!({ "chat": wide_chat(30_000) });
    let posts = (0..2).map(|_| {
        let (ada, body, url) = (ada.clone(), body.clone(), format!("{}/api/v1/chats/new", b.base));
        async move {
            let started = Instant::now();
            let status = ada.post(url).json(&body).send().await.unwrap().status();
            (status, started.elapsed())
        }
    });
    let (health, answers) = healthz_during(&b.base, futures::future::join_all(posts)).await;
    println!(
        "two 30,000-child chats posted at once: {:?}; /healthz meanwhile {health:?}",
        answers.iter().map(|a| a.1).collect::<Vec<_>>()
    );
    for (status, _) in &answers {
        assert_eq!(*status, 200);
    }
    assert!(
        health.answered_during >= 2,
        "/healthz was answered while the work ran: {health:?}"
    );
}

async fn sign_in_status(
    c: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
    xff: Option<&str>,
) -> u16 {
    let mut req = c
        .post(format!("{base}/api/v1/auths/signin"))
        .json(&json!({"email": email, "password": password}));
    if let Some(xff) = xff {
        req = req.header("x-forwarded-for", xff);
    }
    req.send().await.unwrap().status().as_u16()
}

/// A second connection to a binary's database, to read what the server recorded and decided.
async fn open_db(url: &str) -> sea_orm::DatabaseConnection {
    chatshare::db::connect_and_migrate(url, 2).await.unwrap()
}

// 4a. Parallel guesses count each other: the throttle is not outrun by sending them at once.
#[tokio::test]
async fn parallel_password_guesses_are_throttled_and_the_owner_still_gets_in() {
    use app::accounts::service::{attempt_times, sign_in_delay, throttle_delay, FREE_ATTEMPTS};
    let url = common::fresh_database_url().await;
    let b = Binary::start(&url, &[]).await;
    signup(&b.base, "Alice").await;
    let started = Instant::now();
    let guesses = (0..60).map(|i| {
        let base = b.base.clone();
        async move { sign_in_status(&client(), &base, "alice@example.com", &format!("guess {i}"), None).await }
    });
    let statuses = futures::future::join_all(guesses).await;
    println!(
        "60 parallel wrong passwords: all answered in {:?}",
        started.elapsed()
    );
    for status in &statuses {
        assert!([400, 429].contains(status), "{status}");
    }
    // Every guess was recorded before it was checked, so each one saw the ones sent with it: the
    // server's wait for the next guess is its longest, as after 60 guesses one at a time.
    let db = open_db(&url).await;
    assert_eq!(
        attempt_times(&db, "email:alice@example.com").await.unwrap().len(),
        60
    );
    let next = sign_in_delay(&db, "alice@example.com", "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(next, throttle_delay(60), "{next:?}");
    assert!(throttle_delay(FREE_ATTEMPTS - 1).is_zero() && !next.is_zero());
    let status = sign_in_status(&client(), &b.base, "alice@example.com", "correct horse", None).await;
    assert_eq!(status, 200, "the owner still gets in");
}

// 4b. A flood of sign-ins with random emails: no 500, memory bounded by the hash gate.
#[tokio::test]
async fn a_sign_in_flood_keeps_memory_bounded_and_never_answers_500() {
    // Every connection let in, so that the hash gate (not the connection cap) is what is tested.
    let b = Binary::fresh(&[("CHATSHARE_MAX_CONNECTIONS_PER_CLIENT", "1000")]).await;
    signup(&b.base, "Alice").await;
    let baseline = b.rss_mib();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let pid = b.pid();
    let sampler = tokio::spawn(async move {
        let mut peak = 0.0f64;
        while !*stop_rx.borrow() {
            peak = peak.max(common::rss_mib_of(pid));
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        peak
    });
    let started = Instant::now();
    let flood = (0..250).map(|i| {
        let base = b.base.clone();
        async move {
            let email = format!("nobody-{i}-{}@example.com", uuid::Uuid::new_v4().simple());
            let res = client()
                .post(format!("{base}/api/v1/auths/signin"))
                .json(&json!({"email": email, "password": "wrong password"}))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            if status == 429 {
                // A refusal says when to try again.
                assert_eq!(res.headers()["retry-after"], "1");
            }
            status
        }
    });
    let statuses = futures::future::join_all(flood).await;
    let _ = stop_tx.send(true);
    let peak = sampler.await.unwrap();
    let count = |s: u16| statuses.iter().filter(|x| **x == s).count();
    println!(
        "250 concurrent sign-ins, random emails: {:?}; 400: {}, 429: {}; RSS {baseline:.1} MiB before, peak {peak:.1} MiB",
        started.elapsed(),
        count(400),
        count(429)
    );
    assert!(statuses.iter().all(|s| [400, 429].contains(s)), "{statuses:?}");
    assert!(
        peak < 250.0,
        "peak RSS {peak:.1} MiB (it reached 2.6 GB before the hash gate)"
    );
}

// 5. Turning API keys off stops the keys themselves.
#[tokio::test]
async fn api_keys_stop_working_when_the_admin_turns_them_off() {
    let s = start_server().await;
    let base = s.url();
    let (admin, _) = signup(&base, "Ada").await;
    let (bob, bob_id) = signup(&base, "Bob").await;
    assert_eq!(set_role(&base, &admin, &bob_id, "user").await, 200);
    let res = client()
        .post(format!("{base}/api/v1/auths/api_key"))
        .bearer_auth(&bob)
        .send()
        .await
        .unwrap();
    let key = res.json::<Value>().await.unwrap()["api_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = |token: String| {
        let base = base.clone();
        async move {
            client()
                .get(format!("{base}/api/v1/auths/"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(me(key.clone()).await, 200);
    let set = |on: bool| {
        let (base, admin) = (base.clone(), admin.clone());
        async move {
            assert_eq!(
                admin_config(&base, &admin, json!({"ENABLE_API_KEYS": on})).await,
                200
            )
        }
    };
    set(false).await;
    assert_eq!(
        me(key.clone()).await,
        401,
        "the key is refused while keys are off"
    );
    assert_eq!(me(bob.clone()).await, 200, "sessions are unaffected");
    set(true).await;
    assert_eq!(me(key).await, 200, "and works again when they are back on");
    s.stop().await.unwrap();
}

/// Opens a connection from `source` to `addr` and sends the first line of a request and one
/// header, then nothing: a slowloris connection.
async fn slow_connection(source: &str, addr: std::net::SocketAddr) -> Option<tokio::net::TcpStream> {
    use tokio::io::AsyncWriteExt;
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind(format!("{source}:0").parse().ok()?).ok()?;
    let mut stream = socket.connect(addr).await.ok()?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: ")
        .await
        .ok()?;
    Some(stream)
}

/// Reads `stream` until the server closes it (a server that never does is ended by the
/// runner's time limit); true once it is closed (or reset).
async fn closed(mut stream: tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = [0u8; 512];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => return true,
            // A 408 answer or the like: keep reading until the close.
            Ok(_) => continue,
            Err(_) => return true,
        }
    }
}

// 6. Slowloris: slow headers are cut off and one address cannot take every connection.
#[tokio::test]
async fn slow_headers_cannot_hold_the_server() {
    let b = Binary::fresh(&[
        ("CHATSHARE_HEADER_TIMEOUT_SECS", "2"),
        ("CHATSHARE_MAX_CONNECTIONS_PER_CLIENT", "64"),
    ])
    .await;
    let addr: std::net::SocketAddr = b.base.trim_start_matches("http://").parse().unwrap();
    let started = Instant::now();
    let (health, streams) = healthz_during(&b.base, async {
        let mut streams = Vec::new();
        for _ in 0..300 {
            if let Some(s) = slow_connection("127.0.0.2", addr).await {
                streams.push(s);
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        streams
    })
    .await;
    assert!(
        streams.len() >= 250,
        "the attacker's connections were made: {}",
        streams.len()
    );
    let closes = futures::future::join_all(streams.into_iter().map(closed)).await;
    let closed = closes.iter().filter(|c| **c).count();
    println!(
        "300 slow-header connections from one address: /healthz (another address) {health:?}; {closed} of {} closed by the server within {:?}",
        closes.len(),
        started.elapsed()
    );
    assert!(
        health.answered_during >= 2,
        "/healthz was answered while the work ran: {health:?}"
    );
    assert_eq!(
        closed,
        closes.len(),
        "every slow connection is closed (header timeout)"
    );
}

// 8. With sign-up disabled, a known and an unknown email get the same answer; sign-up is
// throttled per address.
#[tokio::test]
async fn sign_up_does_not_tell_which_emails_exist_and_is_throttled() {
    let s = start_server().await;
    let base = s.url();
    let (admin, _) = signup(&base, "Ada").await;
    signup(&base, "Bob").await;
    assert_eq!(
        admin_config(&base, &admin, json!({"ENABLE_SIGNUP": false})).await,
        200
    );
    let try_signup = |email: &'static str| {
        let base = base.clone();
        async move {
            let res = client()
                .post(format!("{base}/api/v1/auths/signup"))
                .json(&json!({"name": "X", "email": email, "password": "correct horse"}))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap();
            (status, body["detail"].clone())
        }
    };
    let known = try_signup("bob@example.com").await;
    let unknown = try_signup("carol@example.com").await;
    assert_eq!(known, unknown, "alike");
    assert_eq!(known.0, 403);
    use app::accounts::service::sign_up_delay;
    // 4 sign-ups from this address so far (2 accounts, 2 refusals): no wait yet.
    assert!(sign_up_delay(&s.db, "127.0.0.1").await.unwrap().is_zero());
    // 18 more: past 20 in the window, the server makes the next one wait (its decision, read
    // from the records the sign-ups left).
    for _ in 0..18 {
        try_signup("dave@example.com").await;
    }
    let wait = sign_up_delay(&s.db, "127.0.0.1").await.unwrap();
    println!("the 23rd sign-up from one address waits {wait:?}");
    assert!(!wait.is_zero());
    assert!(
        sign_up_delay(&s.db, "127.0.0.2").await.unwrap().is_zero(),
        "per address"
    );
    s.stop().await.unwrap();
}

// 9. Sign-out is POST only.
#[tokio::test]
async fn sign_out_by_get_is_refused() {
    let s = start_server().await;
    let base = s.url();
    let (token, _) = signup(&base, "Ada").await;
    let me = || {
        client()
            .get(format!("{base}/api/v1/auths/"))
            .bearer_auth(&token)
            .send()
    };
    let res = client()
        .get(format!("{base}/api/v1/auths/signout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(me().await.unwrap().status(), 200, "still signed in");
    let res = client()
        .post(format!("{base}/api/v1/auths/signout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(me().await.unwrap().status(), 401);
    s.stop().await.unwrap();
}

// 10. Page numbers past the database's integers are a 422.
#[tokio::test]
async fn huge_page_numbers_are_refused_with_422() {
    let s = start_server().await;
    let base = s.url();
    let ada = client();
    signup_with(&ada, &base, "Ada").await;
    for path in ["/api/v1/chats/", "/api/v1/chats/shared"] {
        for page in ["18446744073709551615", "9223372036854775807", "1000001"] {
            let res = ada.get(format!("{base}{path}?page={page}")).send().await.unwrap();
            assert_eq!(res.status(), 422, "{path}?page={page}");
            let body: Value = res.json().await.unwrap();
            assert!(body["detail"].as_str().unwrap().contains("page"), "{body}");
        }
        let res = ada
            .get(format!("{base}{path}?page=1000000"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "the last accepted page is simply empty");
    }
    let (status, body) = call_fn(&ada, &base, "list_shared", json!({"query": "", "page": u64::MAX})).await;
    assert_eq!(status, 422, "{body}");
    s.stop().await.unwrap();
}

// 11. Admins changing roles and settings at once: never a 500, never without an admin.
#[tokio::test]
async fn concurrent_admin_changes_never_answer_500() {
    let s = start_server().await;
    let base = s.url();
    let (ada, ada_id) = signup(&base, "Ada").await;
    let (bob, bob_id) = signup(&base, "Bob").await;
    assert_eq!(set_role(&base, &ada, &bob_id, "admin").await, 200);
    let mut seen = std::collections::BTreeMap::new();
    for _ in 0..20 {
        // Each demotes the other, while each also saves a setting.
        let (a, b, c, d) = tokio::join!(
            set_role(&base, &ada, &bob_id, "user"),
            set_role(&base, &bob, &ada_id, "user"),
            admin_config(&base, &ada, json!({ "ENABLE_COMMUNITY_SHARING": true })),
            admin_config(&base, &bob, json!({ "ENABLE_COMMUNITY_SHARING": false })),
        );
        for st in [a, b, c, d] {
            *seen.entry(st).or_insert(0) += 1;
            assert!([200, 403, 409].contains(&st), "{a} {b} {c} {d}");
        }
        assert!(
            a == 200 || b == 200,
            "one of the two demotions went through: {a} {b}"
        );
        // Whoever is still admin promotes the other again.
        let (admin, other) = if a == 200 {
            (&ada, &bob_id)
        } else {
            (&bob, &ada_id)
        };
        assert_eq!(set_role(&base, admin, other, "admin").await, 200);
    }
    println!("20 rounds of two admins demoting each other while saving settings: {seen:?}");
    s.stop().await.unwrap();
}

// 12. Only a bearer token exempts a request from the cross-site check.
#[tokio::test]
async fn an_authorization_header_that_is_not_the_credential_does_not_skip_the_cross_site_check() {
    let s = start_server().await;
    let base = s.url();
    let ada = client();
    let token = signup_with(&ada, &base, "Ada").await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let create = |auth: Option<String>| {
        let mut req = ada
            .post(format!("{base}/api/v1/chats/new"))
            .header("origin", "https://evil.example")
            .json(&json!({"chat": {"title": "csrf"}}));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        req.send()
    };
    for auth in ["Basic YWRhOnB3", "Bearer ", "Token abc"] {
        let res = create(Some(auth.to_owned())).await.unwrap();
        assert_eq!(res.status(), 403, "{auth} with the cookie and a foreign Origin");
    }
    let res = create(Some(format!("Bearer {token}"))).await.unwrap();
    assert_eq!(
        res.status(),
        200,
        "a bearer token is not something a browser adds"
    );
    s.stop().await.unwrap();
}

fn cookie_of(res: &reqwest::Response) -> String {
    res.headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

// 13. Forwarded headers count only from configured proxies.
#[tokio::test]
async fn forwarded_headers_are_believed_only_from_trusted_proxies() {
    for trusted in [false, true] {
        let env: &[(&str, &str)] = if trusted {
            &[("CHATSHARE_TRUSTED_PROXIES", "127.0.0.1")]
        } else {
            &[]
        };
        let url = common::fresh_database_url().await;
        let b = Binary::start(&url, env).await;
        signup(&b.base, "Alice").await;
        let res = client()
            .post(format!("{}/api/v1/auths/signin", b.base))
            .header("x-forwarded-proto", "https")
            .json(&json!({"email": "alice@example.com", "password": "correct horse"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(cookie_of(&res).contains("Secure"), trusted, "{}", cookie_of(&res));
        // 24 failures for different emails, all forwarded for 6.6.6.6.
        for i in 0..24 {
            sign_in_status(
                &client(),
                &b.base,
                &format!("x{i}@example.com"),
                "nope",
                Some("6.6.6.6"),
            )
            .await;
        }
        // Whose failures the server counted them as: the forwarded address only behind a trusted
        // proxy, else the proxy's own (then everyone shares its one address).
        use app::accounts::service::{attempt_times, sign_in_delay};
        let db = open_db(&url).await;
        let counted = |key: &'static str| {
            let db = db.clone();
            async move { attempt_times(&db, key).await.unwrap().len() }
        };
        let (forwarded, proxy) = (counted("ip:6.6.6.6").await, counted("ip:127.0.0.1").await);
        // Alice, forwarded for another address: slowed only if the header was ignored.
        let alice_wait = sign_in_delay(
            &db,
            "alice@example.com",
            if trusted { "7.7.7.7" } else { "127.0.0.1" },
        )
        .await
        .unwrap();
        println!(
            "trusted proxies: {trusted}; 24 failures counted under 6.6.6.6: {forwarded}, under 127.0.0.1: {proxy}; Alice's next sign-in waits {alice_wait:?}"
        );
        if trusted {
            assert_eq!((forwarded, proxy), (24, 0));
            assert!(alice_wait.is_zero());
        } else {
            assert_eq!(forwarded, 0);
            assert!(proxy >= 24, "{proxy}");
            assert!(!alice_wait.is_zero());
        }
        let status = sign_in_status(
            &client(),
            &b.base,
            "alice@example.com",
            "correct horse",
            Some("7.7.7.7"),
        )
        .await;
        assert_eq!(status, 200);
    }
}

// 14. The smaller ones.
#[tokio::test]
async fn shared_pages_load_no_remote_images_and_paused_owners_pause_their_links() {
    let s = start_server().await;
    let base = s.url();
    let (admin, _) = signup(&base, "Ada").await;
    let bob = client();
    let bob_id = signup_with(&bob, &base, "Bob").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let carol = client();
    signup_with(&carol, &base, "Carol").await;
    assert_eq!(set_role(&base, &admin, &bob_id, "user").await, 200);
    let (_, share) = create_and_share(
        &bob,
        &base,
        one_message_chat(
            "Pixel",
            "Look: ![chart](https://tracker.example/p.png?who=reader)",
        ),
    )
    .await;
    // Carol is pending; approve her.
    let carol_id = carol
        .get(format!("{base}/api/v1/auths/"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(set_role(&base, &admin, &carol_id, "user").await, 200);
    let res = carol.get(format!("{base}/s/{share}")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let img_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("img-src"))
        .unwrap()
        .to_owned();
    assert_eq!(img_src, "img-src 'self' data:", "{csp}");
    let doc = parse(&res.text().await.unwrap());
    assert!(
        select(&doc, "img[src*='tracker.example']").is_empty(),
        "no remote image"
    );
    assert_eq!(
        select(&doc, "a[href='https://tracker.example/p.png?who=reader']").len(),
        1,
        "the image is a link the reader may follow"
    );

    // Bob demoted to pending: his link pauses for others, and comes back with him.
    let view = |c: &reqwest::Client| c.get(format!("{base}/api/v1/chats/share/{share}")).send();
    assert_eq!(view(&carol).await.unwrap().status(), 200);
    assert_eq!(set_role(&base, &admin, &bob_id, "pending").await, 200);
    assert_eq!(view(&carol).await.unwrap().status(), 404);
    assert_eq!(
        carol
            .get(format!("{base}/s/{share}"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(set_role(&base, &admin, &bob_id, "user").await, 200);
    assert_eq!(view(&carol).await.unwrap().status(), 200);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn api_answers_are_not_cached_and_unknown_api_paths_are_json_404s() {
    let s = start_server().await;
    let base = s.url();
    let (token, _) = signup(&base, "Ada").await;
    let res = client()
        .get(format!("{base}/api/v1/auths/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["cache-control"],
        "no-store",
        "the answer holds the session token"
    );
    for (method, path) in [
        ("GET", "/api/v1/nope"),
        ("POST", "/api/whatever/else"),
        ("GET", "/api/"),
    ] {
        let res = client()
            .request(method.parse().unwrap(), format!("{base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{method} {path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{method} {path}"
        );
        let body: Value = res.json().await.unwrap();
        assert!(body["detail"].is_string());
    }
    s.stop().await.unwrap();
}

/// A listener that records the `Authorization` header of every request it gets and answers
/// with `status` and `location`.
async fn recorder(
    status: u16,
    location: Option<String>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::response::IntoResponse;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    let app = axum::Router::new().fallback(move |headers: axum::http::HeaderMap| {
        let record = record.clone();
        let location = location.clone();
        async move {
            let auth = headers
                .get("authorization")
                .map(|v| v.to_str().unwrap_or_default().to_owned())
                .unwrap_or_default();
            record.lock().unwrap().push(auth);
            let mut res = (
                axum::http::StatusCode::from_u16(status).unwrap(),
                "{\"data\": []}",
            )
                .into_response();
            if let Some(l) = location {
                res.headers_mut().insert("location", l.parse().unwrap());
            }
            res
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

// 7. A stored key goes only to its stored URL, and never through a redirect.
#[tokio::test]
async fn verify_never_sends_a_stored_key_elsewhere() {
    let s = start_server().await;
    let base = s.url();
    let ada = client();
    signup_with(&ada, &base, "Ada").await;
    let (elsewhere, elsewhere_seen) = recorder(200, None).await;
    let (redirecting, redirect_seen) = recorder(302, Some(format!("{elsewhere}/models"))).await;
    let (status, saved) = call_fn(
        &ada,
        &base,
        "admin_save_connection",
        json!({"id": null, "base_url": redirecting, "api_key": "sk-secret-1234", "enabled": true}),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    let id = saved["id"].as_str().unwrap().to_owned();
    // The stored key with another URL: refused before anything is sent.
    let (status, body) = call_fn(
        &ada,
        &base,
        "admin_verify_connection",
        json!({"id": id, "base_url": elsewhere}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    // Saving the other URL without typing the key again is refused too.
    let (status, _) = call_fn(
        &ada,
        &base,
        "admin_save_connection",
        json!({"id": id, "base_url": elsewhere, "api_key": null, "enabled": true}),
    )
    .await;
    assert_eq!(status, 422);
    // Its own URL answers with a redirect to the other: not followed.
    let (status, report) = call_fn(
        &ada,
        &base,
        "admin_verify_connection",
        json!({"id": id, "base_url": redirecting}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(
        redirect_seen.lock().unwrap().as_slice(),
        ["Bearer sk-secret-1234"]
    );
    assert!(
        elsewhere_seen.lock().unwrap().is_empty(),
        "the key went nowhere else"
    );
    s.stop().await.unwrap();
}
