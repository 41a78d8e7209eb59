//! How a link is met outside chatshare: its preview card and tags (chat apps, mail), oEmbed and
//! the embed view. A link anyone may open shows its chat; a members-only, password or expired
//! link shows nothing of it (no title either); only the embed view may be framed, by the sites
//! the admin lists.

mod common;

use common::{admin_config, call, client, signup_with};
use reqwest::Method;
use serde_json::{json, Value};

/// A two-turn chat titled `title` whose question is `question`, answered by `llama3.1:8b`.
fn chat(title: &str, question: &str) -> Value {
    json!({"title": title, "history": {"currentId": "a1", "messages": {
        "u1": {"id": "u1", "role": "user", "content": question, "parentId": null, "childrenIds": ["a1"]},
        "a1": {"id": "a1", "role": "assistant", "content": "Because the borrow outlives the loop.", "model": "llama3.1:8b", "parentId": "u1", "childrenIds": []},
    }}})
}

/// An instance where links may be open to anyone and new accounts are members: the server (up while the test runs), its
/// URL, the admin's token and a client holding the admin's session cookie.
async fn open_links_instance() -> (chatshare::server::RunningServer, String, String, reqwest::Client) {
    let server = common::start_server().await;
    let base = server.url();
    let session = client();
    let admin = signup_with(&session, &base, "Olive").await["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/users/default/permissions"),
        Some(&admin),
        Some(json!({"sharing": {"open_chats": true}})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        admin_config(&base, &admin, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    (server, base, admin, session)
}

/// Creates and shares `chat` as the holder of `session`; with `anyone`, the link is opened to
/// anyone. The chat's id and the link's.
async fn share(base: &str, session: &reqwest::Client, chat: Value, anyone: bool) -> (String, String) {
    let (chat_id, share_id) = common::create_and_share(session, base, chat).await;
    if anyone {
        let grants = json!({"access_grants": [{"principal_type": "anyone", "principal_id": "*", "permission": "read"}], "share_mode": null});
        let res = session
            .post(format!("{base}/api/v1/chats/shared/{chat_id}/access/update"))
            .json(&grants)
            .send()
            .await
            .expect("open the link to anyone");
        assert_eq!(res.status(), 200);
    }
    (chat_id, share_id)
}

/// Olive's two links: "Lifetimes in Rust", open to anyone, and "Secret merger plans", for the
/// members. Each chat's id and link's.
async fn two_links(base: &str, olive: &reqwest::Client) -> ((String, String), (String, String)) {
    let open = chat(
        "Lifetimes in Rust",
        "Why does the borrow checker reject this loop?",
    );
    let members = chat("Secret merger plans", "Should we buy Initech?");
    (
        share(base, olive, open, true).await,
        share(base, olive, members, false).await,
    )
}

/// `GET {base}/s/{share_id}/card.png`: the status, and the PNG's size and bytes.
async fn card(base: &str, share_id: &str) -> (u16, (u32, u32), Vec<u8>) {
    let res = client()
        .get(format!("{base}/s/{share_id}/card.png"))
        .send()
        .await
        .expect("ask for the card");
    let status = res.status().as_u16();
    if status != 200 {
        return (status, (0, 0), Vec::new());
    }
    assert_eq!(
        res.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
    let bytes = res.bytes().await.expect("the card").to_vec();
    let info = png::Decoder::new(std::io::Cursor::new(&bytes))
        .read_info()
        .expect("a PNG");
    let (w, h) = (info.info().width, info.info().height);
    assert!(bytes.len() <= 150 * 1024, "a card of {} bytes", bytes.len());
    (status, (w, h), bytes)
}

/// The page's `<meta>` and `<link rel=alternate>` tags, each as its attributes joined.
fn tags(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("meta, link[rel=alternate]").expect("a selector");
    doc.select(&sel)
        .map(|e| {
            e.value()
                .attrs()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// `GET url` (with `token` as its bearer when given): status, headers and body.
async fn get(url: String, token: Option<&str>) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = client().get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("send a GET");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.text().await.expect("a body"))
}

fn csp(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_open_links_card_and_tags_show_its_chat_and_other_links_show_nothing_of_theirs() {
    let (_server, base, olive, olive_session) = open_links_instance().await;
    let ((open_chat, open), (_, members)) = two_links(&base, &olive_session).await;
    let (_, members2) = share(
        &base,
        &olive_session,
        chat("Layoff list", "Who goes first?"),
        false,
    )
    .await;

    // The open link: a visitor's page names the chat and points at its card and its oEmbed.
    let (status, _, page) = get(format!("{base}/s/{open}"), None).await;
    assert_eq!(status, 200);
    let t = tags(&page);
    let has = |needle: &str| t.iter().any(|tag| tag.contains(needle));
    assert!(has("content=Lifetimes in Rust"), "{t:?}");
    assert!(
        has("Why does the borrow checker") || has("Because the borrow outlives"),
        "{t:?}"
    );
    assert!(has(&format!("content={base}/s/{open}/card.png")), "{t:?}");
    assert!(has("type=application/json+oembed"), "{t:?}");
    // Its top bar's "Sign in" comes back to the page.
    assert!(
        page.contains(&format!(
            r#"<a class="button" href="/auth?redirect=/s/{open}">Sign in</a>"#
        )),
        "{page}"
    );
    let (status, size, open_card) = card(&base, &open).await;
    assert_eq!((status, size), (200, (1200, 630)));

    // A members-only link: a visitor is sent to sign in before anything; a member's page has
    // no tag with its title or words; its card is the instance's, the same for every such link.
    let (status, headers, _) = get(format!("{base}/s/{members}"), None).await;
    assert_eq!(status, 303);
    assert!(headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.starts_with("/auth")));
    let member = client();
    signup_with(&member, &base, "Bob").await;
    let page = member
        .get(format!("{base}/s/{members}"))
        .send()
        .await
        .expect("the page");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("html");
    assert!(page.contains("Secret merger plans"), "the member reads it");
    let t = tags(&page);
    assert!(
        t.iter().all(|tag| !tag.contains("Secret")
            && !tag.contains("Initech")
            && !tag.contains("card.png")
            && !tag.contains("oembed")),
        "{t:?}"
    );
    let (status, size, generic) = card(&base, &members).await;
    assert_eq!((status, size), (200, (1200, 630)));
    assert_eq!(
        card(&base, &members2).await.2,
        generic,
        "the generic card shows nothing of its chat"
    );
    assert_ne!(generic, open_card);

    // A password on the open link: the generic card too.
    let (status, body) = common::call_fn(
        &olive_session,
        &base,
        "set_share_password",
        json!({"chat_id": open_chat, "password": "open sesame"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(card(&base, &open).await.2, generic);
    let (status, body) = common::call_fn(
        &olive_session,
        &base,
        "set_share_password",
        json!({"chat_id": open_chat, "password": null}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        card(&base, &open).await.2,
        open_card,
        "kept, as the link did not change"
    );

    // The link updated with a new title: its card is drawn again.
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{open_chat}"),
        Some(&olive),
        Some(json!({"chat": chat("Lifetimes, explained", "Why does the borrow checker reject this loop?")})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{base}/api/v1/chats/{open_chat}/share"),
        Some(&olive),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (_, _, redrawn) = card(&base, &open).await;
    assert_ne!(redrawn, open_card);

    // No link, no card.
    assert_eq!(card(&base, &uuid::Uuid::new_v4().to_string()).await.0, 404);
    assert_eq!(card(&base, "not-a-link").await.0, 404);
}

#[tokio::test]
async fn oembed_frames_the_embed_view_for_the_admins_sites_and_members_only_links_have_none() {
    let (_server, base, olive, olive_session) = open_links_instance().await;
    let ((_, open), (_, members)) = two_links(&base, &olive_session).await;
    let oembed = |url: String, extra: &str| {
        format!(
            "{base}/api/oembed?url={}{extra}",
            url.replace(':', "%3A").replace('/', "%2F")
        )
    };

    let (status, answer) = call(
        &client(),
        Method::GET,
        oembed(format!("{base}/s/{open}"), "&maxwidth=400&format=json"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["version"], "1.0");
    assert_eq!(answer["type"], "rich");
    assert_eq!(answer["provider_name"], "chatshare");
    assert_eq!(answer["title"], "Lifetimes in Rust");
    assert_eq!(answer["thumbnail_url"], format!("{base}/s/{open}/card.png"));
    assert!(answer["width"].as_u64().is_some_and(|w| w <= 400), "{answer}");
    let html = answer["html"].as_str().expect("html");
    let frame = scraper::Html::parse_fragment(html);
    let src = frame
        .select(&scraper::Selector::parse("iframe").expect("a selector"))
        .next()
        .and_then(|f| f.value().attr("src"))
        .expect("an iframe")
        .to_owned();
    assert_eq!(src, format!("{base}/s/{open}/embed"));

    // The embed view: the chat, "Open in …", framed by any site by default; no client app.
    let (status, headers, body) = get(src.clone(), None).await;
    assert_eq!(status, 200);
    assert!(csp(&headers).contains("frame-ancestors *"), "{}", csp(&headers));
    assert!(body.contains("Lifetimes in Rust") && body.contains("Because the borrow outlives the loop."));
    assert!(body.contains("Open in chatshare"));
    assert!(!body.contains(".wasm"));
    // Every other page refuses to be framed.
    let (_, headers, _) = get(format!("{base}/s/{open}"), None).await;
    assert!(
        csp(&headers).contains("frame-ancestors 'none'"),
        "{}",
        csp(&headers)
    );

    // The admin lists the sites that may embed, and names the instance.
    assert_eq!(
        admin_config(
            &base,
            &olive,
            json!({"SHARE_EMBED_ORIGINS": ["https://blog.example.com"], "INSTANCE_NAME": "Acme Chat"})
        )
        .await,
        200
    );
    let (_, headers, body) = get(src.clone(), None).await;
    assert!(
        csp(&headers).contains("frame-ancestors https://blog.example.com"),
        "{}",
        csp(&headers)
    );
    assert!(body.contains("Open in Acme Chat"));
    let (_, answer) = call(
        &client(),
        Method::GET,
        oembed(format!("{base}/s/{open}"), ""),
        None,
        None,
    )
    .await;
    assert_eq!(answer["provider_name"], "Acme Chat");
    assert_eq!(
        admin_config(
            &base,
            &olive,
            json!({"SHARE_EMBED_ORIGINS": ["https://blog.example.com/post"]})
        )
        .await,
        422
    );
    assert_eq!(
        admin_config(
            &base,
            &olive,
            json!({"SHARE_EMBED_ORIGINS": ["*", "https://blog.example.com"]})
        )
        .await,
        422
    );

    // Members-only: 401 from oEmbed, no embed view; unknown links and other sites' addresses: 404.
    assert_eq!(
        call(
            &client(),
            Method::GET,
            oembed(format!("{base}/s/{members}"), ""),
            None,
            None
        )
        .await
        .0,
        401
    );
    assert_eq!(get(format!("{base}/s/{members}/embed"), None).await.0, 404);
    assert_eq!(
        call(
            &client(),
            Method::GET,
            oembed(format!("{base}/s/{}", uuid::Uuid::new_v4()), ""),
            None,
            None
        )
        .await
        .0,
        404
    );
    assert_eq!(
        call(
            &client(),
            Method::GET,
            oembed(format!("https://elsewhere.example/s/{open}"), ""),
            None,
            None
        )
        .await
        .0,
        404
    );
    let (status, refused) = call(
        &client(),
        Method::GET,
        oembed(format!("{base}/s/{open}"), "&format=xml"),
        None,
        None,
    )
    .await;
    assert_eq!(
        (status, refused["status"].as_u64()),
        (501, Some(501)),
        "{refused}"
    );
    assert_eq!(
        call(&client(), Method::GET, format!("{base}/api/oembed"), None, None)
            .await
            .0,
        400
    );

    // Embeds off: no oEmbed, no embed view, no discovery link.
    assert_eq!(
        admin_config(&base, &olive, json!({"SHARE_EMBED_ORIGINS": []})).await,
        200
    );
    assert_eq!(
        call(
            &client(),
            Method::GET,
            oembed(format!("{base}/s/{open}"), ""),
            None,
            None
        )
        .await
        .0,
        404
    );
    assert_eq!(get(src, None).await.0, 404);
    let (_, _, page) = get(format!("{base}/s/{open}"), None).await;
    assert!(tags(&page).iter().all(|t| !t.contains("oembed")));
}
