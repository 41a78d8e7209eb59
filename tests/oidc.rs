//! Sign-in with an identity provider, against a real one (`oidc-provider` from npm, started on
//! port 0 by `common::idp`), on the backend under test; and trusted-header sign-in.

mod common;

use app::entities::{user, user_identity};
use common::idp;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn server_with(
    provider: &idp::Provider,
    change: impl FnOnce(&mut chatshare::config::Config),
) -> chatshare::server::RunningServer {
    let mut config = provider.configure(common::test_config());
    change(&mut config);
    common::start_server_with(config).await
}

/// The admin (Olive, the first account, by password) and one chat of hers shared as a link:
/// its share id.
async fn admin_with_link(base: &str) -> String {
    let (token, _) = common::signup(base, "Olive").await;
    shared_link_of(base, &token).await
}

/// One chat of the holder of `token` ("The launch plan"), shared as a link: its share id.
async fn shared_link_of(base: &str, token: &str) -> String {
    let c = reqwest::Client::builder()
        .default_headers(
            [(
                reqwest::header::AUTHORIZATION,
                format!("Bearer {token}").parse().unwrap(),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .unwrap();
    common::create_and_share(&c, base, common::one_message_chat("Plan", "The launch plan"))
        .await
        .1
}

async fn me(c: &reqwest::Client, base: &str) -> serde_json::Value {
    let res = c.get(format!("{base}/api/v1/auths/")).send().await.unwrap();
    assert_eq!(res.status(), 200, "signed in");
    res.json().await.unwrap()
}

#[tokio::test]
async fn a_colleague_signs_in_at_the_provider_lands_on_the_link_and_is_found_again() {
    let provider = idp::start().await;
    let server = server_with(&provider, |_| {}).await;
    let base = server.url();
    let share_id = admin_with_link(&base).await;
    let link = format!("/s/{share_id}");

    // Signed out, the link sends the colleague to sign in, with the link to come back to.
    let visitor = common::client();
    let res = visitor.get(format!("{base}{link}")).send().await.unwrap();
    assert_eq!(
        idp::redirect_of(&res),
        format!("/auth?redirect={}", app::format::encode_query_value(&link))
    );
    let page = common::get_text(
        &visitor,
        &format!("{base}/auth?redirect={}", app::format::encode_query_value(&link)),
    )
    .await;
    let html = scraper::Html::parse_document(&page);
    let button = scraper::Selector::parse("a.sso-button").unwrap();
    let href = html
        .select(&button)
        .find(|a| a.text().collect::<String>() == "Continue with Test IdP")
        .and_then(|a| a.value().attr("href"))
        .expect("a \u{201c}Continue with Test IdP\u{201d} link");
    assert_eq!(
        href,
        format!(
            "/auth/oidc/start?redirect={}",
            app::format::encode_query_value(&link)
        )
    );

    // First sign-in: the account is made (a user, named by the provider) and linked.
    let (carol, to) = idp::sign_in(&base, "carol@example.com", &link).await;
    assert_eq!(to, link, "back on the shared chat");
    let first = me(&carol, &base).await;
    assert_eq!(first["email"], "carol@example.com");
    assert_eq!(first["name"], "Carol");
    assert_eq!(first["role"], "user");
    let read = carol
        .get(format!("{base}/api/v1/chats/share/{share_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "she reads the shared chat");
    let page = common::get_text(&carol, &format!("{base}{link}")).await;
    assert!(page.contains("The launch plan"), "the shared page shows the chat");

    // Second sign-in, in another browser: the same account, nothing new made.
    let (again, to) = idp::sign_in(&base, "carol@example.com", "/").await;
    assert_eq!(to, "/");
    assert_eq!(me(&again, &base).await["id"], first["id"]);
    assert_eq!(user::Entity::find().count(&server.db).await.unwrap(), 2);
    let links = user_identity::Entity::find().all(&server.db).await.unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].issuer, provider.issuer);
    assert_eq!(links[0].subject, "carol@example.com");
    server.stop().await.unwrap();
}

#[tokio::test]
async fn a_tampered_or_replayed_answer_is_refused() {
    let provider = idp::start().await;
    let server = server_with(&provider, |_| {}).await;
    let base = server.url();
    admin_with_link(&base).await;

    // The state changed on the way back: refused, and no session.
    let c = common::client();
    let authorize = idp::start_sign_in(&c, &base, "/").await;
    let back = idp::at_provider(&c, &authorize, "dave@example.com").await;
    let url = reqwest::Url::parse(&back).unwrap();
    let state: String = url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let forged = back.replace(&format!("state={state}"), "state=forged-state-value");
    let res = idp::callback(&c, &forged).await;
    let to = idp::redirect_of(&res);
    assert!(idp::error_in(&to).contains("state"), "{to}");
    assert!(res.headers().get_all("set-cookie").iter().all(|v| !v
        .to_str()
        .unwrap()
        .starts_with("chatshare_session=")
        || v.to_str().unwrap().starts_with("chatshare_session=;")));
    // The same answer brought by another browser (no state cookie): refused.
    let res = idp::callback(&common::client(), &back).await;
    assert!(idp::error_in(&idp::redirect_of(&res)).contains("did not start in this browser"));
    assert_eq!(
        user::Entity::find().count(&server.db).await.unwrap(),
        1,
        "nobody was signed in"
    );

    // The nonce changed on the way to the provider: its ID token carries the wrong one.
    let c = common::client();
    let authorize = idp::start_sign_in(&c, &base, "/").await;
    let url = reqwest::Url::parse(&authorize).unwrap();
    let nonce: String = url
        .query_pairs()
        .find(|(k, _)| k == "nonce")
        .unwrap()
        .1
        .into_owned();
    let tampered = authorize.replace(&format!("nonce={nonce}"), "nonce=attacker-chosen-nonce");
    let back = idp::at_provider(&c, &tampered, "dave@example.com").await;
    let res = idp::callback(&c, &back).await;
    let error = idp::error_in(&idp::redirect_of(&res));
    assert!(error.contains("security checks"), "{error}");

    // The PKCE challenge changed: the provider refuses the code for our verifier.
    let c = common::client();
    let authorize = idp::start_sign_in(&c, &base, "/").await;
    let url = reqwest::Url::parse(&authorize).unwrap();
    let challenge: String = url
        .query_pairs()
        .find(|(k, _)| k == "code_challenge")
        .unwrap()
        .1
        .into_owned();
    let tampered = authorize.replace(&challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    let back = idp::at_provider(&c, &tampered, "dave@example.com").await;
    let res = idp::callback(&c, &back).await;
    let error = idp::error_in(&idp::redirect_of(&res));
    assert!(error.contains("did not accept"), "{error}");
    assert_eq!(
        user::Entity::find().count(&server.db).await.unwrap(),
        1,
        "still nobody signed in"
    );

    // An untampered answer works once; brought again, it is refused.
    let c = common::client();
    let authorize = idp::start_sign_in(&c, &base, "/").await;
    let back = idp::at_provider(&c, &authorize, "dave@example.com").await;
    assert_eq!(idp::redirect_of(&idp::callback(&c, &back).await), "/");
    let res = idp::callback(&c, &back).await;
    assert!(
        idp::error_in(&idp::redirect_of(&res)).contains("did not start in this browser"),
        "its state cookie is gone"
    );
    // Brought again with the state cookie kept: the stored sign-in was used up.
    let url = reqwest::Url::parse(&back).unwrap();
    let state: String = url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let res = common::client()
        .get(&back)
        .header("cookie", format!("chatshare_oidc_state={state}"))
        .send()
        .await
        .unwrap();
    assert!(idp::error_in(&idp::redirect_of(&res)).contains("already used"));

    // The provider's own refusal comes back in words.
    let res = idp::callback(
        &c,
        &format!(
            "{base}/auth/oidc/callback?error=access_denied&error_description=End-User+aborted+interaction"
        ),
    )
    .await;
    let error = idp::error_in(&idp::redirect_of(&res));
    assert!(
        error.contains("cancelled or refused") && !error.contains("End-User aborted"),
        "our words, never the provider's free text: {error}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn only_allowed_domains_sign_in() {
    let provider = idp::start().await;
    let server = server_with(&provider, |c| c.oidc_allowed_domains = "example.com".into()).await;
    let base = server.url();
    admin_with_link(&base).await;
    let (_, to) = idp::sign_in(&base, "mallory@evil.test", "/s/x").await;
    let error = idp::error_in(&to);
    assert!(error.contains("domain may not sign in"), "{error}");
    assert!(to.ends_with("&redirect=/s/x"), "the page keeps where to go: {to}");
    assert_eq!(
        user::Entity::find().count(&server.db).await.unwrap(),
        1,
        "no account for mallory"
    );
    let (_, to) = idp::sign_in(&base, "erin@example.com", "/").await;
    assert_eq!(to, "/");
    server.stop().await.unwrap();
}

#[tokio::test]
async fn provider_groups_make_admins_and_members_of_our_groups() {
    let provider = idp::start().await;
    let server = server_with(&provider, |c| {
        c.oidc_scopes = "openid email profile groups".into();
        c.oidc_groups_claim = Some("groups".into());
        c.oidc_admin_groups = "chat-admins".into();
    })
    .await;
    let base = server.url();
    admin_with_link(&base).await;
    let engineering = app::groups::service::create(&server.db, "engineering", "")
        .await
        .unwrap();
    let design = app::groups::service::create(&server.db, "design", "")
        .await
        .unwrap();

    let (admin, _) = idp::sign_in(&base, "dana.admin@example.com", "/").await;
    let dana = me(&admin, &base).await;
    assert_eq!(dana["role"], "admin", "in chat-admins at the provider");
    let (member, _) = idp::sign_in(&base, "erin@example.com", "/").await;
    let erin = me(&member, &base).await;
    assert_eq!(erin["role"], "user");
    let erin_id: uuid::Uuid = erin["id"].as_str().unwrap().parse().unwrap();
    let dana_id: uuid::Uuid = dana["id"].as_str().unwrap().parse().unwrap();
    assert!(
        app::groups::service::in_any(&server.db, erin_id, &[engineering.id])
            .await
            .unwrap()
    );
    assert!(
        app::groups::service::in_any(&server.db, dana_id, &[engineering.id])
            .await
            .unwrap()
    );
    assert!(!app::groups::service::in_any(&server.db, erin_id, &[design.id])
        .await
        .unwrap());

    // Added to a group the provider does not list: the next sign-in takes it away.
    app::groups::service::change_members(&server.db, design.id, &[erin_id], true)
        .await
        .unwrap();
    idp::sign_in(&base, "erin@example.com", "/").await;
    assert!(!app::groups::service::in_any(&server.db, erin_id, &[design.id])
        .await
        .unwrap());
    assert!(
        app::groups::service::in_any(&server.db, erin_id, &[engineering.id])
            .await
            .unwrap()
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn an_existing_email_is_linked_only_when_allowed_and_verified() {
    let provider = idp::start().await;
    let closed = server_with(&provider, |_| {}).await;
    let base = closed.url();
    let olive = common::client();
    let owner = common::signup_with(&olive, &base, "Olive").await;
    let (_, to) = idp::sign_in(&base, "olive@example.com", "/").await;
    assert!(idp::error_in(&to).contains("already exists"), "{to}");
    closed.stop().await.unwrap();

    let open = server_with(&provider, |c| c.oidc_merge_accounts_by_email = true).await;
    let base = open.url();
    let owner2 = common::signup_with(&common::client(), &base, "Olive").await;
    assert_ne!(owner["id"], owner2["id"]);
    let (_, to) = idp::sign_in(&base, "unverified.olive@example.com", "/").await;
    assert!(idp::error_in(&to).contains("has not verified"), "{to}");
    let (c, to) = idp::sign_in(&base, "olive@example.com", "/").await;
    assert_eq!(to, "/");
    assert_eq!(me(&c, &base).await["id"], owner2["id"], "linked to her account");
    // Her password still works too.
    let res = common::client()
        .post(format!("{base}/api/v1/auths/signin"))
        .json(&serde_json::json!({"email": "olive@example.com", "password": "correct horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    open.stop().await.unwrap();
}

#[tokio::test]
async fn with_the_password_form_off_the_provider_is_the_way_in() {
    let provider = idp::start().await;
    let server = server_with(&provider, |c| c.enable_password_login = false).await;
    let base = server.url();
    let c = common::client();
    let page = common::get_text(&c, &format!("{base}/auth")).await;
    let html = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(
        html.select(&sel("input[type=password]")).count(),
        0,
        "no password form"
    );
    assert_eq!(
        html.select(&sel("a.sso-button")).count(),
        1,
        "the provider's button"
    );

    for (path, body) in [
        (
            "/api/v1/auths/signup",
            serde_json::json!({"name": "Zed", "email": "zed@example.com", "password": "correct horse"}),
        ),
        (
            "/api/v1/auths/signin",
            serde_json::json!({"email": "zed@example.com", "password": "correct horse"}),
        ),
    ] {
        let (status, v) = common::call(
            &c,
            reqwest::Method::POST,
            format!("{base}{path}"),
            None,
            Some(body),
        )
        .await;
        assert_eq!(status, 403, "{path}");
        assert!(
            v["detail"].as_str().unwrap().contains("Continue with Test IdP"),
            "{v}"
        );
    }
    let (status, _) = common::call_fn(
        &c,
        &base,
        "sign_in",
        serde_json::json!({"email": "zed@example.com", "password": "correct horse", "redirect": null}),
    )
    .await;
    assert_eq!(status, 403);
    let res = c
        .post(format!("{base}/auth/sign-in"))
        .form(&[("email", "zed@example.com"), ("password", "correct horse")])
        .send()
        .await
        .unwrap();
    assert!(idp::error_in(&idp::redirect_of(&res)).contains("turned off"));

    // On a new instance, the first person through the provider administers it.
    let (first, _) = idp::sign_in(&base, "quinn@example.com", "/").await;
    assert_eq!(me(&first, &base).await["role"], "admin");
    let (second, _) = idp::sign_in(&base, "rosa@example.com", "/").await;
    assert_eq!(me(&second, &base).await["role"], "user");

    // The Admin Panel shows the configuration, the secret masked; members may not see it.
    let (status, settings) = common::call_fn(
        &first,
        &base,
        "admin_authentication_settings",
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(settings["password_login"], false);
    assert_eq!(settings["oidc"]["client_secret"], "••••••••");
    assert_eq!(settings["oidc"]["issuer_url"], provider.issuer);
    assert!(!settings.to_string().contains(idp::CLIENT_SECRET));
    let (status, _) = common::call_fn(
        &second,
        &base,
        "admin_authentication_settings",
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 403);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn a_server_with_half_an_oidc_configuration_does_not_start() {
    let mut config = common::test_config();
    config.oidc_issuer_url = Some("https://idp.example.com".into());
    let db = common::fresh_db().await;
    assert!(chatshare::server::spawn(&config, db).await.is_err());
}

fn header_config(trusted: &str) -> chatshare::config::Config {
    let mut config = common::test_config();
    config.trusted_email_header = Some("X-Forwarded-Email".into());
    config.trusted_name_header = Some("X-Forwarded-User".into());
    config.trusted_proxies = app::auth::TrustedProxies::parse(trusted).unwrap();
    config.default_user_role = "user".into();
    config
}

/// `GET /api/v1/auths/` through "the proxy", naming `email` in the trusted header (and a
/// bearer `token`, if given).
async fn whoami_as(c: &reqwest::Client, base: &str, email: &str, token: Option<&str>) -> reqwest::Response {
    let mut r = c
        .get(format!("{base}/api/v1/auths/"))
        .header("X-Forwarded-Email", email);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r.send().await.unwrap()
}

#[tokio::test]
async fn the_trusted_header_signs_in_only_from_a_trusted_proxy() {
    // The tests' requests come from 127.0.0.1: here that is the proxy.
    let server = common::start_server_with(header_config("127.0.0.1")).await;
    let base = server.url();
    let (olive_token, _) = common::signup(&base, "Olive").await;
    let share_id = shared_link_of(&base, &olive_token).await;
    let c = common::client();
    let res = c
        .get(format!("{base}/api/v1/auths/"))
        .header("X-Forwarded-Email", "Frank@Example.com")
        .header("X-Forwarded-User", "Frank Ocean")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "signed in by the header");
    let frank: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        (&frank["email"], &frank["name"], &frank["role"]),
        (&"frank@example.com".into(), &"Frank Ocean".into(), &"user".into())
    );
    // The browser keeps the session it was given; the next request makes no new one, and
    // the shared page opens for him.
    let again = whoami_as(&c, &base, "frank@example.com", None).await;
    assert!(again.headers().get("set-cookie").is_none(), "no second session");
    assert_eq!(
        again.json::<serde_json::Value>().await.unwrap()["id"],
        frank["id"]
    );
    let page = c
        .get(format!("{base}/s/{share_id}"))
        .header("X-Forwarded-Email", "frank@example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("The launch plan"));
    // Another person behind the same proxy, in the same browser: the header wins.
    let grace = whoami_as(&c, &base, "grace@example.com", None).await;
    assert_eq!(
        grace.json::<serde_json::Value>().await.unwrap()["email"],
        "grace@example.com"
    );
    // A bearer token is the caller, whatever the header says.
    let olive = whoami_as(&common::client(), &base, "grace@example.com", Some(&olive_token)).await;
    assert!(
        olive.headers().get("set-cookie").is_none(),
        "no session made for a bearer call"
    );
    assert_eq!(
        olive.json::<serde_json::Value>().await.unwrap()["email"],
        "olive@example.com"
    );
    assert_eq!(user::Entity::find().count(&server.db).await.unwrap(), 3);
    server.stop().await.unwrap();

    // The same header from an address that is not a trusted proxy is ignored.
    let server = common::start_server_with(header_config("10.0.0.0/8")).await;
    let base = server.url();
    common::signup(&base, "Olive").await;
    let res = whoami_as(&common::client(), &base, "frank@example.com", None).await;
    assert_eq!(res.status(), 401, "not signed in by an untrusted sender's header");
    assert_eq!(
        user::Entity::find().count(&server.db).await.unwrap(),
        1,
        "no account made"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn abandoned_sign_ins_cannot_fill_the_disk() {
    let provider = idp::start().await;
    let server = server_with(&provider, |_| {}).await;
    let base = server.url();
    admin_with_link(&base).await;
    let long = format!("/s/{}", "x".repeat(2_000));
    let calls = 10_000;
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    let c = common::client();
    for _ in 0..calls {
        let res = c
            .get(format!(
                "{base}/auth/oidc/start?redirect={}",
                app::format::encode_query_value(&long)
            ))
            .send()
            .await
            .unwrap();
        *statuses.entry(res.status().as_u16()).or_default() += 1;
    }
    let rows = app::entities::oidc_login::Entity::find()
        .all(&server.db)
        .await
        .unwrap();
    let bytes: usize = rows
        .iter()
        .map(|r| {
            r.state_hash.len()
                + r.nonce.len()
                + r.pkce_verifier.len()
                + r.redirect_uri.len()
                + r.return_to.len()
        })
        .sum();
    println!(
        "{calls} starts from one address: {statuses:?}; {} pending rows, {bytes} bytes of them",
        rows.len()
    );
    assert_eq!(
        rows.len() as u64,
        app::accounts::sso::oidc::MAX_PENDING_PER_CLIENT
    );
    assert!(
        rows.iter().all(|r| r.return_to == "/"),
        "an over-long redirect is not kept"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn cookie_less_header_requests_share_one_session() {
    let server = common::start_server_with(header_config("127.0.0.1")).await;
    let base = server.url();
    common::signup(&base, "Olive").await;
    let before = app::entities::session::Entity::find()
        .count(&server.db)
        .await
        .unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for _ in 0..200 {
        // A fresh client each time: no cookie is ever sent back.
        let res = whoami_as(&common::client(), &base, "frank@example.com", None).await;
        assert_eq!(res.status(), 200);
        ids.insert(res.json::<serde_json::Value>().await.unwrap()["id"].to_string());
    }
    let after = app::entities::session::Entity::find()
        .count(&server.db)
        .await
        .unwrap();
    println!(
        "200 cookie-less header requests: {} new session(s)",
        after - before
    );
    assert_eq!(ids.len(), 1, "one person");
    assert_eq!(after - before, 1, "one session for the person, reused");
    server.stop().await.unwrap();
}

fn person(subject: &str, groups: &[&str]) -> app::accounts::sso::identities::IdpPerson {
    app::accounts::sso::identities::IdpPerson {
        issuer: "https://idp.example.com".into(),
        subject: subject.into(),
        email: Some(format!("{subject}@example.com")),
        email_verified: true,
        name: None,
        groups: Some(groups.iter().map(|g| g.to_string()).collect()),
    }
}

#[tokio::test]
async fn the_provider_decides_the_admin_role_but_never_removes_the_last_admin() {
    use app::accounts::sso::identities::sign_in_person;
    use app::accounts::Role;
    let db = common::fresh_db().await;
    let defaults = app::instance::SettingsDefaults {
        default_user_role: "user".into(),
        ..Default::default()
    };
    let sso = app::accounts::sso::config::SsoSettings {
        password_login: true,
        issuer_url: Some("https://idp.example.com".into()),
        client_id: Some("chatshare".into()),
        groups_claim: Some("groups".into()),
        admin_groups: "chat-admins, ops".into(),
        ..Default::default()
    }
    .build()
    .unwrap();
    let cfg = sso.oidc.unwrap();

    // The first account is the admin whatever its groups; the next follow their groups.
    let first = sign_in_person(&db, &defaults, &cfg, &person("ann", &[]))
        .await
        .unwrap();
    assert_eq!(first.role, Role::Admin, "the instance's first account");
    let ben = sign_in_person(&db, &defaults, &cfg, &person("ben", &["ops"]))
        .await
        .unwrap();
    assert_eq!(ben.role, Role::Admin, "in an admin group");
    let cat = sign_in_person(&db, &defaults, &cfg, &person("cat", &["staff"]))
        .await
        .unwrap();
    assert_eq!(cat.role, Role::User);

    // Ann's groups name no admin group: with Ben still an admin, she becomes a user.
    let ann = sign_in_person(&db, &defaults, &cfg, &person("ann", &["staff"]))
        .await
        .unwrap();
    assert_eq!((ann.id, ann.role), (first.id, Role::User));
    // Ben leaves ops: he is the last admin, so he stays one.
    let ben = sign_in_person(&db, &defaults, &cfg, &person("ben", &[]))
        .await
        .unwrap();
    assert_eq!(ben.role, Role::Admin, "the last admin is kept");
    // Cat joins chat-admins; then Ben, no longer the last, becomes a user at his next sign-in.
    let cat = sign_in_person(&db, &defaults, &cfg, &person("cat", &["chat-admins"]))
        .await
        .unwrap();
    assert_eq!(cat.role, Role::Admin);
    let ben = sign_in_person(&db, &defaults, &cfg, &person("ben", &[]))
        .await
        .unwrap();
    assert_eq!(ben.role, Role::User);

    // No email from the provider: refused in words, nothing made.
    let mut nobody = person("dee", &[]);
    nobody.email = None;
    let e = sign_in_person(&db, &defaults, &cfg, &nobody).await.unwrap_err();
    assert_eq!(e.status(), 403);
    assert!(e.detail().contains("did not send your email"), "{}", e.detail());
    assert_eq!(user::Entity::find().count(&db).await.unwrap(), 3);
}

#[tokio::test]
async fn expired_sessions_and_abandoned_sign_ins_are_cleared() {
    use app::entities::{now, oidc_login, session};
    use sea_orm::{ActiveModelTrait, Set};
    let db = common::fresh_db().await;
    let d = app::instance::SettingsDefaults::default();
    let a = app::accounts::service::sign_up(
        &db,
        &d,
        app::accounts::service::SignUp {
            name: "Ann".into(),
            email: "ann@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap();
    // Two sessions that ended and were never presented again, and the live one.
    app::accounts::service::create_session(&db, a.user.id, -60)
        .await
        .unwrap();
    app::accounts::service::create_session(&db, a.user.id, -1)
        .await
        .unwrap();
    let t = now();
    for (state, age) in [
        ("old", app::accounts::sso::oidc::LOGIN_TTL_SECS + 1),
        ("fresh", 5),
    ] {
        oidc_login::ActiveModel {
            state_hash: Set(state.into()),
            nonce: Set("n".into()),
            pkce_verifier: Set("v".into()),
            redirect_uri: Set("http://127.0.0.1/auth/oidc/callback".into()),
            return_to: Set("/".into()),
            created_at: Set(t - age),
            client: Set(Some("127.0.0.1".into())),
        }
        .insert(&db)
        .await
        .unwrap();
    }
    assert_eq!(
        app::accounts::sso::oidc::clear_expired_sign_ins(&db, now())
            .await
            .unwrap(),
        (2, 1)
    );
    let left = session::Entity::find().all(&db).await.unwrap();
    assert_eq!(left.len(), 1);
    assert!(app::accounts::service::authenticate(&db, &d, &a.token)
        .await
        .unwrap()
        .is_some());
    let logins = oidc_login::Entity::find().all(&db).await.unwrap();
    assert_eq!(
        logins.iter().map(|l| l.state_hash.as_str()).collect::<Vec<_>>(),
        ["fresh"]
    );
}
