//! The real binary: starts on a free port, serves, and exits cleanly (status 0) on SIGTERM.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

#[tokio::test]
async fn sigterm_shuts_the_server_down_gracefully() {
    let url = common::fresh_database_url().await;
    let (mut child, base) = common::spawn_binary(&url).await;

    let res = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still running 15 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
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
    let url = common::fresh_database_url().await;
    let (mut child, base) = common::spawn_binary(&url).await;
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
            let t = Instant::now();
            let res = c
                .post(format!("{base}/api/v1/auths/signin"))
                .json(&serde_json::json!({"email": email, "password": password}))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), t.elapsed())
        }
    };
    // 28 failures from 127.0.0.1, each for another (unknown) email: only the address counts (an
    // address counts a quarter as much as an email, so the 28 weigh like 7: a 1 s wait).
    for i in 0..28 {
        let (status, _) = signin(
            from([127, 0, 0, 1]),
            format!("nobody{i}@example.com"),
            "wrong password",
        )
        .await;
        assert_eq!(status, 400);
    }
    let (status, slow) = signin(from([127, 0, 0, 1]), "owner@example.com".into(), "correct horse").await;
    assert_eq!(status, 200);
    let (status, fast) = signin(from([127, 0, 0, 2]), "owner@example.com".into(), "correct horse").await;
    assert_eq!(status, 200);
    child.kill().ok();
    child.wait().ok();
    assert!(
        slow >= Duration::from_millis(900),
        "127.0.0.1 after 28 failures: {slow:?}"
    );
    assert!(
        fast < slow / 2,
        "127.0.0.2 is not slowed by 127.0.0.1's failures: {fast:?} vs {slow:?}"
    );
}
