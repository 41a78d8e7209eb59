//! Security round three over real HTTP, on the backend under test: a refused password makes no
//! link, link-password guesses have a budget per link across addresses (and their own hash
//! gate), the access log does not grow with every read, and private pages are not kept by the
//! browser. Figures are printed (`-- --nocapture`) for SECURITY.md; no test asserts a duration.

mod common;

use common::{call, client, open_instance, signup};
use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

async fn new_chat(base: &str, token: &str, title: &str) -> String {
    let (status, created) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/new"),
        Some(token),
        Some(json!({"chat": common::one_message_chat(title, "Budget for Q3")})),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    created["id"].as_str().expect("an id").to_owned()
}

/// Lets links be open to anyone (the admin's switch), then opens chat `chat_id`'s link to anyone.
async fn open_to_anyone(base: &str, admin: &str, owner: &str, chat_id: &str) {
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/users/default/permissions"),
        Some(admin),
        Some(json!({"sharing": {"open_chats": true}})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/shared/{chat_id}/access/update"),
        Some(owner),
        Some(json!({"access_grants": [{"principal_type": "anyone", "principal_id": "*", "permission": "read"}], "share_mode": null})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Olive, signed in through a cookie jar (`c`), with a chat of hers (`title`) shared as a link:
/// the jar, the chat's id and the link's.
async fn olive_with_a_link(base: &str, title: &str) -> (reqwest::Client, String, String) {
    let c = client();
    let me = common::signup_with(&c, base, "Olive").await;
    let token = me["token"].as_str().expect("a token").to_owned();
    let chat_id = new_chat(base, &token, title).await;
    let (status, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    (c, chat_id, share_id)
}

#[tokio::test]
async fn a_refused_password_makes_no_link() {
    let (_server, base, _admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let (bob, _) = signup(&base, "Bob").await;
    let chat_id = new_chat(&base, &olive, "Payroll").await;
    let share = |body: Value| {
        let url = format!("{base}/api/v1/chats/{chat_id}/share");
        let olive = olive.clone();
        async move { call(&client(), Method::POST, url, Some(&olive), Some(body)).await }
    };
    for short in ["abc", "seven77"] {
        let (status, body) = share(json!({"password": short})).await;
        assert_eq!(status, 422, "{short}: {body}");
    }
    // No link came of it: the chat names none, the owner lists none, nobody reads one.
    let (_, chat) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/{chat_id}"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(chat["share_id"], Value::Null, "{chat}");
    let (_, links) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/shared"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(links, json!([]));
    // The server function takes the password in the same call, with the same rule.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/fn/share_chat"),
        Some(&olive),
        Some(json!({"chat_id": chat_id, "password": "short"})),
    )
    .await;
    assert_eq!(status, 422);
    let (_, chat) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/{chat_id}"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(chat["share_id"], Value::Null);

    // A good one makes the link with its password at once: Bob is asked for it.
    let (status, shared) = share(json!({"password": "long enough"})).await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link");
    let (status, _) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/share/{share_id}"),
        Some(&bob),
        None,
    )
    .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn password_guesses_have_a_budget_per_link_across_addresses() {
    let mut config = common::test_config();
    config.trusted_proxies = app::auth::TrustedProxies::parse("127.0.0.1").expect("a proxy list");
    let server = common::start_server_with(config).await;
    let base = server.url();
    let (admin, _) = signup(&base, "Admin").await;
    assert_eq!(
        common::admin_config(&base, &admin, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let (olive, _) = signup(&base, "Olive").await;
    let chat_id = new_chat(&base, &olive, "Salaries").await;
    let (status, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&olive),
        Some(json!({"password": "the real one"})),
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    open_to_anyone(&base, &admin, &olive, &chat_id).await;
    let guess = |address: String, password: &'static str| {
        let url = format!("{base}/api/v1/chats/share/{share_id}");
        async move {
            let res = client()
                .get(url)
                .header("X-Forwarded-For", address)
                .header("X-Share-Password", password)
                .send()
                .await
                .expect("send a guess");
            let retry = res
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            (res.status().as_u16(), retry)
        }
    };
    // 40 addresses × 5 wrong guesses: only the link's budget of them is checked.
    let started = std::time::Instant::now();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    let mut retry_after = None;
    for a in 0..40 {
        for _ in 0..5 {
            let (status, retry) = guess(format!("10.9.{a}.1"), "wrong guess").await;
            *statuses.entry(status).or_default() += 1;
            if status == 429 {
                retry_after = retry;
            }
        }
    }
    let spent = started.elapsed();
    println!(
        "200 wrong guesses from 40 addresses: {statuses:?} in {:.1} s ({:.0} guesses/s answered, {} checked)",
        spent.as_secs_f64(),
        200.0 / spent.as_secs_f64(),
        statuses.get(&401).copied().unwrap_or(0)
    );
    assert_eq!(
        statuses.get(&401).copied(),
        Some(app::share::password::LINK_GUESS_BUDGET as usize),
        "{statuses:?}"
    );
    assert_eq!(
        statuses.get(&429).copied(),
        Some(200 - app::share::password::LINK_GUESS_BUDGET as usize)
    );
    assert!(retry_after.is_some_and(|s| s > 1), "Retry-After: {retry_after:?}");
    // While locked, even the right password is not checked (a guesser learns nothing)...
    assert_eq!(guess("10.10.0.1".into(), "the real one").await.0, 429);
    // ...the owner sees the lock in My shared links...
    let (_, links) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/shared"),
        Some(&olive),
        None,
    )
    .await;
    assert!(links[0]["password_locked_until"].as_i64().is_some(), "{links}");
    // That link guesses never fill the sign-in gate is `accounts::throttle`'s unit test (here the
    // guesses come one at a time and could not fill any gate).
}

#[tokio::test]
async fn a_right_password_is_not_slowed_by_a_neighbours_wrong_guesses() {
    let mut config = common::test_config();
    config.trusted_proxies = app::auth::TrustedProxies::parse("127.0.0.1").expect("a proxy list");
    let server = common::start_server_with(config).await;
    let base = server.url();
    let (olive, _) = signup(&base, "Olive").await;
    let chat_id = new_chat(&base, &olive, "Offsite").await;
    let (_, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&olive),
        Some(json!({"password": "the real one"})),
    )
    .await;
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    open_to_anyone(&base, &olive, &olive, &chat_id).await;
    let office = "10.20.30.40";
    let read = |password: &'static str| {
        let url = format!("{base}/api/v1/chats/share/{share_id}");
        async move {
            client()
                .get(url)
                .header("X-Forwarded-For", office)
                .header("X-Share-Password", password)
                .send()
                .await
                .expect("send")
                .status()
                .as_u16()
        }
    };
    for _ in 0..8 {
        assert_eq!(read("a wrong one").await, 401);
    }
    // The colleague behind the same address gets in, and the order of events shows no wait was
    // put before the check: a wrong guess sent first from there is still waiting when the
    // right answer has come back.
    let wrong = tokio::spawn(read("another wrong one"));
    tokio::task::yield_now().await;
    assert_eq!(read("the real one").await, 200);
    assert!(
        !wrong.is_finished(),
        "the guess waits after its check; the reader does not"
    );
    assert_eq!(wrong.await.expect("the guess"), 401);
}

#[tokio::test]
async fn reads_of_a_link_keep_one_row_per_reader_and_day() {
    let (server, base, admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let (bob, _) = signup(&base, "Bob").await;
    let chat_id = new_chat(&base, &olive, "Open").await;
    let (_, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&olive),
        None,
    )
    .await;
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    open_to_anyone(&base, &admin, &olive, &chat_id).await;
    let url = format!("{base}/api/v1/chats/share/{share_id}");
    let reads = 10_000;
    let mut tasks = Vec::new();
    for i in 0..reads {
        let (url, bob) = (url.clone(), bob.clone());
        tasks.push(tokio::spawn(async move {
            let token = (i % 2 == 0).then_some(bob);
            call(&client(), Method::GET, url, token.as_deref(), None).await.0
        }));
        if tasks.len() == 32 {
            for t in tasks.drain(..) {
                assert_eq!(t.await.expect("a read"), 200);
            }
        }
    }
    for t in tasks {
        assert_eq!(t.await.expect("a read"), 200);
    }
    // The view log writes out once a second: wait until every read is counted.
    let db = &server.db;
    let id = uuid::Uuid::parse_str(&share_id).expect("a uuid");
    // (Until then: a count that never comes is ended by the runner's time limit.)
    let link = loop {
        let l = app::entities::shared_chat::Entity::find_by_id(id)
            .one(db)
            .await
            .expect("read the link")
            .expect("the link");
        if l.view_count >= reads as i64 {
            break l;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let rows = app::entities::share_view::Entity::find()
        .count(db)
        .await
        .expect("count");
    println!(
        "{reads} reads (half by one member, half by one visitor): {rows} access-log rows, view_count {}",
        link.view_count
    );
    // Bob and the visitor (one address), today: two rows (three if the day turned meanwhile).
    assert!((2..=3).contains(&rows), "{rows} rows");
    assert_eq!(link.view_count, reads as i64);
    let (_, listed) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/shared"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(listed[0]["viewer_count"], 2, "{listed}");
}

#[tokio::test]
async fn signed_in_pages_are_not_kept_by_the_browser() {
    let (_server, base, _admin) = open_instance().await;
    let (c, chat_id, share_id) = olive_with_a_link(&base, "Private").await;
    for path in [format!("/c/{chat_id}"), format!("/s/{share_id}"), "/".to_owned()] {
        let res = c.get(format!("{base}{path}")).send().await.expect("a page");
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            res.headers().get("cache-control").and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn smaller_things_hold() {
    let (_server, base, admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let (carol, carol_id) = signup(&base, "Carol").await;
    // Page numbers that do not parse are JSON errors like every other /api error.
    for path in [
        "/api/v1/chats/?page=-1",
        "/api/v1/community/chats?page=-1",
        "/api/v1/chats/?page=two",
    ] {
        let res = client()
            .get(format!("{base}{path}"))
            .bearer_auth(&olive)
            .send()
            .await
            .expect("send");
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        assert!((400..500).contains(&status), "{path}: {status}");
        assert!(body["detail"].is_string(), "{path}: {body}");
    }

    // An expired link with a password: 410 whatever is guessed (the expiry is checked first).
    let chat_id = new_chat(&base, &olive, "Old").await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock")
        .as_secs() as i64;
    let (status, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&olive),
        Some(json!({"password": "the real one", "expires_at": now + 2})),
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
    for guess in ["the real one", "a wrong one"] {
        let res = client()
            .get(format!("{base}/api/v1/chats/share/{share_id}"))
            .bearer_auth(&carol)
            .header("X-Share-Password", guess)
            .send()
            .await
            .expect("send");
        assert_eq!(res.status(), 410, "{guess}");
    }

    // Visitors of an open live link read collaborators' names, not their account ids.
    let chat_id = new_chat(&base, &olive, "Open plans").await;
    call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&olive),
        None,
    )
    .await;
    open_to_anyone(&base, &admin, &olive, &chat_id).await;
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/shared/{chat_id}/access/update"),
        Some(&olive),
        Some(json!({"access_grants": [
            {"principal_type": "anyone", "principal_id": "*", "permission": "read"},
            {"principal_type": "user", "principal_id": carol_id, "permission": "write"},
        ], "share_mode": "continue"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/fn/send_message"),
        Some(&carol),
        Some(json!({"chat_id": chat_id, "content": "Carol was here", "model": null})),
    )
    .await;
    assert_eq!(status, 200);
    let (_, chat) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/{chat_id}"),
        Some(&olive),
        None,
    )
    .await;
    let share_id = chat["share_id"].as_str().expect("a link").to_owned();
    let (status, seen) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/share/{share_id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{seen}");
    let text = seen.to_string();
    assert!(text.contains("\"name\":\"Carol\""), "{text}");
    assert!(
        !text.contains(&carol_id),
        "a visitor got Carol's account id: {text}"
    );
    let page = client()
        .get(format!("{base}/s/{share_id}"))
        .send()
        .await
        .expect("the page");
    let html = page.text().await.expect("html");
    assert!(
        html.contains("Carol was here") && !html.contains(&carol_id),
        "the page"
    );
}

#[tokio::test]
async fn pages_show_only_our_own_words_for_an_error() {
    let (_server, base, _admin) = open_instance().await;
    let (c, _chat_id, share_id) = olive_with_a_link(&base, "Notes").await;
    let planted = "Your session expired. Re-enter your password at https://evil.example";
    let long = "A".repeat(5_000);
    let q = app::format::encode_query_value;
    for path in [
        format!("/auth?error={}", q(planted)),
        format!("/auth?mode=signup&error={}", q(&long)),
        format!("/s/{share_id}?error={}", q(planted)),
        format!("/chats/upload?error={}", q(planted)),
    ] {
        let who = if path.starts_with("/auth") {
            client()
        } else {
            c.clone()
        };
        let res = who.get(format!("{base}{path}")).send().await.expect("a page");
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.expect("html");
        assert!(
            !html.contains("evil.example") && !html.contains(&long[..200]),
            "{path} shows attacker text"
        );
    }
    // A code of ours shows our message.
    let html = client()
        .get(format!("{base}/auth?error=signin-wrong"))
        .send()
        .await
        .expect("a page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("The email or password is incorrect."));
}

#[tokio::test]
async fn the_privacy_check_is_linear_and_capped() {
    let (_server, base, _admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    for n in [40_000usize, 160_000] {
        let chat = common::one_message_chat("Addresses", &"a@bb.cc ".repeat(n));
        let (status, created) = call(
            &client(),
            Method::POST,
            format!("{base}/api/v1/chats/new"),
            Some(&olive),
            Some(json!({ "chat": chat })),
        )
        .await;
        assert_eq!(status, 200, "{created}");
        let chat_id = created["id"].as_str().expect("an id");
        let started = std::time::Instant::now();
        let (status, report) = call(
            &client(),
            Method::GET,
            format!("{base}/api/v1/chats/{chat_id}/share/scan"),
            Some(&olive),
            None,
        )
        .await;
        assert_eq!(status, 200, "{report}");
        println!(
            "privacy check of {n} addresses: {:.0} ms (debug build)",
            started.elapsed().as_secs_f64() * 1e3
        );
        let listed = report["findings"].as_array().expect("findings").len();
        assert_eq!(listed, app::share::privacy::MAX_FINDINGS);
        assert_eq!(report["more"].as_u64(), Some((n - listed) as u64));
        assert_eq!(report["findings"][1]["start"], 8, "offsets in characters");
    }
}

#[tokio::test]
async fn masks_hold_in_any_case_and_through_markdown_and_references() {
    let (_server, base, _admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let (bob, _) = signup(&base, "Bob").await;
    let text = "The code is Zanzi**bar42** (or zanzibar42, Zanzi&#98;ar42, ZANZIBAR42); not Zanzibar43.";
    let (status, created) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/new"),
        Some(&olive),
        Some(json!({"chat": common::one_message_chat("Trip", text)})),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let chat_id = created["id"].as_str().expect("an id").to_owned();
    let (status, shared) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}/share"),
        Some(&olive),
        Some(json!({"redact": ["Zanzibar42"]})),
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link");
    let (_, seen) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/share/{share_id}"),
        Some(&bob),
        None,
    )
    .await;
    let page = client()
        .get(format!("{base}/s/{share_id}"))
        .bearer_auth(&bob)
        .send()
        .await
        .expect("the page")
        .text()
        .await
        .expect("html");
    for (what, got) in [("the API", seen.to_string()), ("the page", page)] {
        // What a reader sees: tags, marks and references out of the way, in any case.
        let shown = got
            .replace("<strong>", "")
            .replace("</strong>", "")
            .replace("**", "")
            .replace("&#98;", "b")
            .to_lowercase();
        assert!(
            !shown.contains("zanzibar42"),
            "{what} shows the masked word: {got}"
        );
        assert!(shown.contains("[redacted]"), "{what}");
    }
    // The privacy check points at the near miss the mask does not cover.
    let (status, report) = call(
        &client(),
        Method::GET,
        format!("{base}/api/v1/chats/{chat_id}/share/scan"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let near: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "near_mask")
        .collect();
    assert_eq!(near.len(), 1, "{report}");
    assert_eq!(near[0]["text"], "Zanzibar43");
}

async fn publish(base: &str, token: &str, chat: Value) -> (u16, Value, Option<String>) {
    let res = client()
        .post(format!("{base}/api/v1/community/chats"))
        .bearer_auth(token)
        .json(&json!({"chat": chat, "access": "public", "tags": []}))
        .send()
        .await
        .expect("publish");
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, res.json().await.unwrap_or(Value::Null), retry)
}

#[tokio::test]
async fn the_community_has_quotas_and_counts_a_reader_once_a_day() {
    let (server, base, admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let (bob, _) = signup(&base, "Bob").await;
    // A chat over 4 MB is refused.
    let (status, body, _) = publish(
        &base,
        &olive,
        common::one_message_chat("Huge", &"x".repeat(5 * 1024 * 1024)),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    // Twenty an hour; the twenty-first waits.
    let mut first = None;
    for i in 0..20 {
        let (status, body, _) = publish(
            &base,
            &olive,
            common::one_message_chat(&format!("Recipe {i}"), "Bread"),
        )
        .await;
        assert_eq!(status, 200, "{i}: {body}");
        first.get_or_insert(body["id"].as_str().expect("an id").to_owned());
    }
    let (status, body, retry) = publish(&base, &olive, common::one_message_chat("One more", "Bread")).await;
    assert_eq!(status, 429, "{body}");
    assert!(
        retry.and_then(|r| r.parse::<u64>().ok()).is_some_and(|r| r > 60),
        "Retry-After"
    );
    // The admin's storage quota per member.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/auths/admin/config"),
        Some(&admin),
        Some(json!({"COMMUNITY_QUOTA_MB": 1})),
    )
    .await;
    assert_eq!(status, 200);
    let big = "y".repeat(400 * 1024);
    let mut statuses = Vec::new();
    for i in 0..3 {
        statuses.push(
            publish(&base, &bob, common::one_message_chat(&format!("Big {i}"), &big))
                .await
                .0,
        );
    }
    assert_eq!(statuses, [200, 200, 422]);

    // 300 loads by one visitor and 300 by one member: two views.
    let id = first.expect("a chat");
    for _ in 0..300 {
        assert_eq!(
            client()
                .get(format!("{base}/community/c/{id}"))
                .send()
                .await
                .expect("a page")
                .status(),
            200
        );
    }
    for _ in 0..300 {
        let (status, _) = call(
            &client(),
            Method::GET,
            format!("{base}/api/v1/community/chats/{id}"),
            Some(&bob),
            None,
        )
        .await;
        assert_eq!(status, 200);
    }
    let row = app::entities::community_chat::Entity::find_by_id(uuid::Uuid::parse_str(&id).expect("a uuid"))
        .one(&server.db)
        .await
        .expect("read")
        .expect("the chat");
    // Who was counted, to tell a missed reader from a merged one when this fails.
    let readers: Vec<(String, i64)> = app::entities::community_view::Entity::find()
        .all(&server.db)
        .await
        .expect("read the readers")
        .into_iter()
        .map(|v| (v.visitor, v.day))
        .collect();
    assert_eq!(row.views, 2, "readers counted: {readers:?}");
}

#[tokio::test]
async fn an_unchanged_update_stores_no_version() {
    let (server, base, _admin) = open_instance().await;
    let (olive, _) = signup(&base, "Olive").await;
    let chat_id = new_chat(&base, &olive, "Stable").await;
    let url = format!("{base}/api/v1/chats/{chat_id}/share");
    for _ in 0..100 {
        let (status, _) = call(&client(), Method::POST, url.clone(), Some(&olive), None).await;
        assert_eq!(status, 200);
    }
    let versions = app::entities::share_version::Entity::find()
        .count(&server.db)
        .await
        .expect("count");
    assert_eq!(versions, 1, "100 identical updates");
    // A real change is a new version.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{chat_id}"),
        Some(&olive),
        Some(json!({"chat": common::one_message_chat("Stable", "Budget for Q4")})),
    )
    .await;
    assert_eq!(status, 200);
    call(&client(), Method::POST, url, Some(&olive), None).await;
    let versions = app::entities::share_version::Entity::find()
        .count(&server.db)
        .await
        .expect("count");
    assert_eq!(versions, 2);
}
