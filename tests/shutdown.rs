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
