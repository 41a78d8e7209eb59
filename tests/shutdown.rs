//! The real binary: starts on a free port, serves, and exits cleanly (status 0) on SIGTERM.

mod common;

#[tokio::test]
async fn sigterm_shuts_the_server_down_gracefully() {
    let mut server = common::Binary::fresh(&[]).await;
    let base = server.base.clone();

    let res = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);

    server.signal("TERM");
    // A server that never exits is ended by the runner's time limit (.config/nextest.toml).
    let status = server.exited().await;
    assert!(status.success(), "exit status after SIGTERM: {status}");
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "nothing listens any more"
    );
}

/// The binary knows each client's address: failed sign-ins from one address slow down sign-ins
/// from that address only (before, every client shared one "unknown" address).
#[tokio::test]
async fn the_binary_throttles_sign_ins_per_client_address() {
    use app::accounts::service::{attempt_times, sign_in_delay};
    let url = common::fresh_database_url().await;
    let server = common::Binary::start(&url, &[]).await;
    let base = server.base.clone();
    common::signup_with(&common::client(), &base, "Owner").await;
    let from = |ip: [u8; 4]| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    };
    let signin = |c: reqwest::Client, email: String, password: &'static str| {
        let base = base.clone();
        async move {
            c.post(format!("{base}/api/v1/auths/signin"))
                .json(&serde_json::json!({"email": email, "password": password}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // 28 failures from 127.0.0.1, each for another (unknown) email: only the address counts (an
    // address counts a quarter as much as an email, so the 28 weigh like 7: a 1 s wait).
    for i in 0..28 {
        let status = signin(
            from([127, 0, 0, 1]),
            format!("nobody{i}@example.com"),
            "wrong password",
        )
        .await;
        assert_eq!(status, 400);
    }
    // What the server recorded and what it now makes each address wait (read from the database
    // both processes share; the wait is the server's decision, not a stopwatch's).
    let db = chatshare::db::connect_and_migrate(&url, 2).await.unwrap();
    assert_eq!(attempt_times(&db, "ip:127.0.0.1").await.unwrap().len(), 28);
    assert!(attempt_times(&db, "ip:unknown").await.unwrap().is_empty());
    let owner = "owner@example.com";
    let slowed = sign_in_delay(&db, owner, "127.0.0.1").await.unwrap();
    let other = sign_in_delay(&db, owner, "127.0.0.2").await.unwrap();
    println!(
        "after 28 failures from 127.0.0.1: a sign-in from there waits {slowed:?}, from 127.0.0.2 {other:?}"
    );
    assert!(!slowed.is_zero(), "127.0.0.1 is slowed after 28 failures");
    assert!(other.is_zero(), "127.0.0.2 is not slowed by 127.0.0.1's failures");
    // And both still get in.
    assert_eq!(
        signin(from([127, 0, 0, 1]), owner.into(), "correct horse").await,
        200
    );
    assert_eq!(
        signin(from([127, 0, 0, 2]), owner.into(), "correct horse").await,
        200
    );
    db.close().await.ok();
}
