//! Settings › Profile and Password over real HTTP (#37 item 9), in Open WebUI's shapes: the
//! name and avatar (initials on a picked colour, or an uploaded picture, checked by its bytes),
//! the avatar's address serving a real image, and a password change that ends the account's
//! other sessions.

mod common;

use common::{admin_config, call, client, signup, signup_with};
use reqwest::Method;
use serde_json::{json, Value};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05,
    0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
    0x60, 0x82,
];

fn data_url(media_type: &str, bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "data:{media_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

#[tokio::test]
async fn the_profile_takes_a_name_a_colour_and_a_picture_checked_by_its_bytes() {
    let server = common::start_server().await;
    let base = server.url();
    let (ada, ada_id) = signup(&base, "Ada").await;
    assert_eq!(
        admin_config(&base, &ada, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let (bob, _) = signup(&base, "Bob").await;
    let fn_call = |name: &'static str, body: Value| {
        let (base, ada) = (base.clone(), ada.clone());
        async move {
            call(
                &client(),
                Method::POST,
                format!("{base}/api/fn/{name}"),
                Some(&ada),
                Some(body),
            )
            .await
        }
    };

    // A name and a colour: the avatar's address draws the initials on it, as SVG.
    let (status, p) = fn_call("save_profile", json!({"name": " Ada King ", "color": "#7C3AED"})).await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["name"], "Ada King");
    let url = p["profile_image_url"].as_str().expect("an address").to_owned();
    assert_eq!(url, format!("/api/v1/users/{ada_id}/profile/image?c=7c3aed"));
    let image = client()
        .get(format!("{base}{url}"))
        .bearer_auth(&bob)
        .send()
        .await
        .expect("the image");
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    let svg = image.text().await.expect("svg");
    assert!(svg.contains("#7c3aed") && svg.contains(">AK<"), "{svg}");
    // Only signed-in members see avatars.
    assert_eq!(
        client()
            .get(format!("{base}{url}"))
            .send()
            .await
            .expect("ask")
            .status(),
        401
    );
    // A colour that is not offered, an empty name: 422, nothing changes.
    assert_eq!(
        fn_call("save_profile", json!({"name": "Ada", "color": "#123456"}))
            .await
            .0,
        422
    );
    assert_eq!(
        fn_call("save_profile", json!({"name": "  ", "color": null}))
            .await
            .0,
        422
    );

    // A picture, through Open WebUI's update/profile: served back as it was uploaded.
    let (status, me) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/auths/update/profile"),
        Some(&ada),
        Some(json!({"name": "Ada King", "profile_image_url": data_url("image/png", PNG)})),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    let url = me["profile_image_url"].as_str().expect("an address").to_owned();
    assert!(
        url.starts_with(&format!("/api/v1/users/{ada_id}/profile/image?v=")),
        "{url}"
    );
    let image = client()
        .get(format!("{base}{url}"))
        .bearer_auth(&ada)
        .send()
        .await
        .expect("the image");
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.expect("bytes").as_ref(), PNG);

    // Anything but a picture is refused, whatever its label says; too big is 413.
    let html = data_url("image/png", b"<html><script>alert(1)</script></html>");
    assert_eq!(fn_call("set_avatar", json!({"data_url": html})).await.0, 422);
    assert_eq!(
        fn_call("set_avatar", json!({"data_url": "not a data url"}))
            .await
            .0,
        422
    );
    let mut big = PNG.to_vec();
    big.resize(600 * 1024, 0);
    assert_eq!(
        fn_call("set_avatar", json!({"data_url": data_url("image/png", &big)}))
            .await
            .0,
        413
    );
    // Back to the initials.
    let (status, p) = fn_call("set_avatar", json!({"data_url": null})).await;
    assert_eq!(status, 200);
    let url = p["profile_image_url"].as_str().expect("an address").to_owned();
    let image = client()
        .get(format!("{base}{url}"))
        .bearer_auth(&ada)
        .send()
        .await
        .expect("the image");
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    // An unknown account has no avatar.
    let unknown = format!("{base}/api/v1/users/{}/profile/image", uuid::Uuid::new_v4());
    assert_eq!(
        client()
            .get(unknown)
            .bearer_auth(&ada)
            .send()
            .await
            .expect("ask")
            .status(),
        404
    );
}

#[tokio::test]
async fn changing_the_password_checks_the_current_one_and_ends_the_other_sessions() {
    let server = common::start_server().await;
    let base = server.url();
    let browser = client();
    signup_with(&browser, &base, "Cleo").await;
    // A second session of Cleo's (another device).
    let (status, other) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/auths/signin"),
        None,
        Some(json!({"email": "cleo@example.com", "password": "correct horse"})),
    )
    .await;
    assert_eq!(status, 200, "{other}");
    let other = other["token"].as_str().expect("a token").to_owned();
    let change = |current: &str, new: &str| {
        browser
            .post(format!("{base}/api/fn/change_password"))
            .json(&json!({"current": current, "new": new}))
            .send()
    };
    assert_eq!(
        change("wrong horse", "battery staple")
            .await
            .expect("ask")
            .status(),
        400
    );
    assert_eq!(change("correct horse", "short").await.expect("ask").status(), 400);
    assert_eq!(
        change("correct horse", "battery staple")
            .await
            .expect("ask")
            .status(),
        200
    );

    // This browser stays signed in; the other device is signed out.
    let me = browser
        .get(format!("{base}/api/v1/auths/"))
        .send()
        .await
        .expect("ask");
    assert_eq!(me.status(), 200);
    let gone = client()
        .get(format!("{base}/api/v1/auths/"))
        .bearer_auth(&other)
        .send()
        .await
        .expect("ask");
    assert_eq!(gone.status(), 401);
    // The new password signs in; the old one does not. Open WebUI's endpoint changes it back.
    let sign_in = |password: &'static str| {
        let base = base.clone();
        async move {
            call(
                &client(),
                Method::POST,
                format!("{base}/api/v1/auths/signin"),
                None,
                Some(json!({"email": "cleo@example.com", "password": password})),
            )
            .await
        }
    };
    assert_eq!(sign_in("correct horse").await.0, 400);
    let (status, again) = sign_in("battery staple").await;
    assert_eq!(status, 200);
    let token = again["token"].as_str().expect("a token");
    let (status, answer) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/auths/update/password"),
        Some(token),
        Some(json!({"password": "battery staple", "new_password": "correct horse"})),
    )
    .await;
    assert_eq!((status, answer), (200, json!(true)));
    assert_eq!(sign_in("correct horse").await.0, 200);
}
