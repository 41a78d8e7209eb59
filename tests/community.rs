//! The in-house community over real HTTP on the backend under test (SQLite or PostgreSQL):
//! every access level for its uploader, another member and a visitor; changing the level;
//! search by a word only a message holds, never finding private chats, hidden branches or
//! hidden chats; tags, sorting, moderation, deletion, the plain forms and pages.

mod common;

use common::{call, client, signup_with};
use reqwest::Method;
use serde_json::{json, Value};

/// A chat whose first question has two answers: `old_word` in the earlier one (a branch the
/// uploader was not looking at), `word` in the visible one.
fn branching_chat(title: &str, word: &str, old_word: &str) -> Value {
    json!({
        "title": title,
        "params": {"system": "the uploader's private system prompt"},
        "history": {"currentId": "a2", "messages": {
            "u1": {"id": "u1", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": "How do I keep a starter alive?", "timestamp": 1_700_000_000},
            "a1": {"id": "a1", "parentId": "u1", "childrenIds": [], "role": "assistant", "content": format!("An older answer about {old_word}."), "timestamp": 1_700_000_010},
            "a2": {"id": "a2", "parentId": "u1", "childrenIds": [], "role": "assistant", "content": format!("Feed it daily; the {word} method works."), "timestamp": 1_700_000_020}
        }}
    })
}

struct Hub {
    _server: chatshare::server::RunningServer,
    base: String,
    admin: String,
    uploader: reqwest::Client,
    member: reqwest::Client,
    visitor: reqwest::Client,
}

async fn hub() -> Hub {
    let (server, base, admin) = common::open_instance().await;
    let uploader = client();
    signup_with(&uploader, &base, "Uma").await;
    let member = client();
    signup_with(&member, &base, "Max").await;
    Hub {
        _server: server,
        base,
        admin,
        uploader,
        member,
        visitor: client(),
    }
}

impl Hub {
    /// `POST /api/v1/community/chats` as `who`.
    async fn post_chat(&self, who: &reqwest::Client, body: Value) -> (u16, Value) {
        call(
            who,
            Method::POST,
            format!("{}/api/v1/community/chats", self.base),
            None,
            Some(body),
        )
        .await
    }

    async fn publish(&self, chat: Value, access: &str, tags: Value) -> String {
        let (status, body) = call(
            &self.uploader,
            Method::POST,
            format!("{}/api/v1/community/chats", self.base),
            None,
            Some(json!({"chat": chat, "models": [{"id": "llama3.1:8b", "name": "Llama 3.1"}], "access": access, "tags": tags})),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let id = body["id"].as_str().expect("an id").to_owned();
        assert_eq!(body["url"], format!("/community/c/{id}"));
        id
    }

    async fn read(&self, who: &reqwest::Client, id: &str) -> (u16, Value) {
        call(
            who,
            Method::GET,
            format!("{}/api/v1/community/chats/{id}", self.base),
            None,
            None,
        )
        .await
    }

    /// The titles a search (or listing) finds, as a visitor.
    async fn find(&self, query: &str) -> Vec<String> {
        let (status, body) = call(
            &self.visitor,
            Method::GET,
            format!("{}/api/v1/community/chats?{query}", self.base),
            None,
            None,
        )
        .await;
        assert_eq!(status, 200, "{body}");
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| c["title"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    async fn change(&self, who: &reqwest::Client, id: &str, body: Value) -> (u16, Value) {
        call(
            who,
            Method::POST,
            format!("{}/api/v1/community/chats/{id}", self.base),
            None,
            Some(body),
        )
        .await
    }
}

fn message_ids(read: &Value) -> Vec<String> {
    let mut ids: Vec<String> = read["chat"]["history"]["messages"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    ids.sort();
    ids
}

#[tokio::test]
async fn each_access_level_for_the_uploader_another_member_and_a_visitor() {
    let h = hub().await;
    let private = h
        .publish(
            branching_chat("Private loaf", "alpha", "beta"),
            "private",
            json!([]),
        )
        .await;
    let public = h
        .publish(
            branching_chat("Public loaf", "gamma", "delta"),
            "public",
            json!(["bread"]),
        )
        .await;
    let full = h
        .publish(
            branching_chat("Full loaf", "epsilon", "zeta"),
            "public_full_history",
            json!(["bread", "Baking"]),
        )
        .await;

    // The uploader opens each, whole.
    for id in [&private, &public, &full] {
        let (status, body) = h.read(&h.uploader, id).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(message_ids(&body), ["a1", "a2", "u1"]);
        assert!(
            body["chat"].get("params").is_none(),
            "the system prompt is never published"
        );
        assert_eq!(body["models"], json!(["Llama 3.1"]));
    }
    // Another member and a visitor: private is a 404, public the visible branch only, full
    // history every branch.
    for who in [&h.member, &h.visitor] {
        let (status, body) = h.read(who, &private).await;
        assert_eq!(status, 404, "{body}");
        assert!(body.to_string().contains("does not exist"));
        let (status, body) = h.read(who, &public).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(message_ids(&body), ["a2", "u1"]);
        assert!(
            !body.to_string().contains("delta"),
            "the branch not shown is not sent"
        );
        assert_eq!(body["access"], "public");
        let (status, body) = h.read(who, &full).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(message_ids(&body), ["a1", "a2", "u1"]);
        assert_eq!(body["tags"], json!(["bread", "baking"]));
    }
    let unknown = uuid::Uuid::new_v4();
    assert_eq!(h.read(&h.visitor, &unknown.to_string()).await.0, 404);
    assert_eq!(h.read(&h.visitor, "not-an-id").await.0, 404);

    // The gallery lists the public ones only; "mine" lists all three.
    let mut listed = h.find("").await;
    listed.sort();
    assert_eq!(listed, ["Full loaf", "Public loaf"]);
    let (status, mine) = call(
        &h.uploader,
        Method::GET,
        format!("{}/api/v1/community/chats/mine", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(mine.as_array().map(Vec::len), Some(3));
    let (status, _) = call(
        &h.visitor,
        Method::GET,
        format!("{}/api/v1/community/chats/mine", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 401);

    // Publishing: visitors 401, an unknown level 422, a chat without messages 422, a bad tag
    // 422; no level at all is Private.
    let chat = branching_chat("x", "y", "z");
    assert_eq!(
        h.post_chat(&h.visitor, json!({"chat": chat, "access": "public"}))
            .await
            .0,
        401
    );
    let (status, body) = h
        .post_chat(&h.member, json!({"chat": chat, "access": "everyone"}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["detail"]
        .as_str()
        .unwrap_or_default()
        .contains("public_full_history"));
    assert_eq!(
        h.post_chat(&h.member, json!({"chat": {"title": "empty"}, "access": "public"}))
            .await
            .0,
        422
    );
    assert_eq!(
        h.post_chat(
            &h.member,
            json!({"chat": chat, "access": "public", "tags": ["not a tag!"]})
        )
        .await
        .0,
        422
    );
    let (status, body) = h.post_chat(&h.member, json!({"chat": chat})).await;
    assert_eq!(status, 200, "{body}");
    let (_, unsaid) = h.read(&h.member, body["id"].as_str().unwrap_or_default()).await;
    assert_eq!(unsaid["access"], "private");

    // Changing: another member may not (403 on a public chat, 404 on a private one), nor
    // delete; the uploader may.
    assert_eq!(
        h.change(&h.member, &public, json!({"access": "private"})).await.0,
        403
    );
    assert_eq!(
        h.change(&h.member, &private, json!({"access": "public"})).await.0,
        404
    );
    assert_eq!(
        h.change(&h.visitor, &public, json!({"access": "private"}))
            .await
            .0,
        401
    );
    let (status, _) = call(
        &h.member,
        Method::DELETE,
        format!("{}/api/v1/community/chats/{public}", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        h.change(&h.uploader, &public, json!({"access": "sideways"}))
            .await
            .0,
        422
    );

    // Public → private: the others lose it at once, the uploader keeps it.
    let (status, body) = h.change(&h.uploader, &public, json!({"access": "private"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["access"], "private");
    assert_eq!(h.read(&h.member, &public).await.0, 404);
    assert_eq!(h.read(&h.visitor, &public).await.0, 404);
    assert_eq!(h.read(&h.uploader, &public).await.0, 200);
    assert_eq!(h.find("").await, ["Full loaf"]);
    // Private → public, full history: every branch for everyone.
    h.change(&h.uploader, &private, json!({"access": "public_full_history"}))
        .await;
    let (status, body) = h.read(&h.visitor, &private).await;
    assert_eq!(status, 200);
    assert_eq!(message_ids(&body), ["a1", "a2", "u1"]);

    // Views: each reader counts once a day (the member and the visitor above), the uploader
    // never.
    let (_, before) = h.read(&h.uploader, &full).await;
    assert_eq!(before["views"], 2, "{before}");
    h.read(&h.visitor, &full).await;
    let (_, after) = h.read(&h.uploader, &full).await;
    assert_eq!(after["views"], 2, "the visitor counted already today");

    // An admin deletes any (answering `true`), and it is gone.
    let (status, body) = call(
        &client(),
        Method::DELETE,
        format!("{}/api/v1/community/chats/{full}", h.base),
        Some(&h.admin),
        None,
    )
    .await;
    assert_eq!((status, body), (200, json!(true)));
    assert_eq!(h.read(&h.uploader, &full).await.0, 404);
}

#[tokio::test]
async fn search_finds_words_only_messages_hold_and_never_what_visitors_cannot_read() {
    let h = hub().await;
    let sourdough = h
        .publish(
            branching_chat("Sourdough notes", "zanzibarite", "quixotical"),
            "public",
            json!(["bread"]),
        )
        .await;
    let secret = h
        .publish(
            branching_chat("Secret notes", "quokkaberry", "x"),
            "private",
            json!(["bread"]),
        )
        .await;
    // Times are in seconds: the next one is newer.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let tree = h
        .publish(
            branching_chat("Every branch", "plumbago", "marmalise"),
            "public_full_history",
            json!(["jam"]),
        )
        .await;

    // A word only the visible answer holds: found, with the word marked in the snippet.
    let (status, body) = call(
        &h.visitor,
        Method::GET,
        format!("{}/api/v1/community/chats?query=zanzibarite", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["id"], sourdough.as_str());
    let snippet = body["items"][0]["snippet_html"].as_str().expect("a snippet");
    assert!(snippet.contains("<mark>zanzibarite</mark>"), "{snippet}");
    // Words of a private chat, and of the branch a public chat does not show: never found.
    assert!(h.find("query=quokkaberry").await.is_empty());
    assert!(h.find("query=quixotical").await.is_empty());
    // Every branch of a full-history chat is searchable.
    assert_eq!(h.find("query=marmalise").await, ["Every branch"]);
    // Several words: all of them; query syntax is read as words.
    assert_eq!(h.find("query=feed%20zanzibarite").await, ["Sourdough notes"]);
    assert!(h.find("query=zanzibarite%20plumbago").await.is_empty());
    assert_eq!(
        h.find("query=%22zanzibarite*%20(%20-:").await,
        ["Sourdough notes"]
    );
    assert_eq!(h.find("query=zanzibarite%22%29").await, ["Sourdough notes"]);
    // Title and tag words are found too, and the tag filter lists public chats only.
    assert_eq!(h.find("query=sourdough").await, ["Sourdough notes"]);
    assert_eq!(h.find("tag=bread").await, ["Sourdough notes"]);
    assert_eq!(h.find("tag=jam&query=plumbago").await, ["Every branch"]);
    assert!(h.find("tag=bread&query=plumbago").await.is_empty());
    let (_, listing) = call(
        &h.visitor,
        Method::GET,
        format!("{}/api/v1/community/chats", h.base),
        None,
        None,
    )
    .await;
    let tags: Vec<(String, i64)> = listing["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .map(|t| {
            (
                t["tag"].as_str().unwrap_or_default().to_owned(),
                t["count"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        tags,
        [("bread".to_owned(), 1), ("jam".to_owned(), 1)],
        "the private chat's tag is not counted"
    );

    // Most viewed first.
    for _ in 0..2 {
        h.read(&h.visitor, &sourdough).await;
    }
    assert_eq!(h.find("sort=views").await, ["Sourdough notes", "Every branch"]);
    assert_eq!(h.find("sort=new").await, ["Every branch", "Sourdough notes"]);
    let (status, _) = call(
        &h.visitor,
        Method::GET,
        format!("{}/api/v1/community/chats?sort=oldest", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 422);

    // The index follows every change: private → gone, public again → back, full history →
    // the hidden branch's word too; new tags are found.
    h.change(&h.uploader, &sourdough, json!({"access": "private"}))
        .await;
    assert!(h.find("query=zanzibarite").await.is_empty());
    h.change(
        &h.uploader,
        &sourdough,
        json!({"access": "public_full_history", "tags": ["rye"]}),
    )
    .await;
    assert_eq!(h.find("query=quixotical").await, ["Sourdough notes"]);
    assert_eq!(h.find("tag=rye").await, ["Sourdough notes"]);
    assert!(h.find("tag=bread").await.is_empty());
    h.change(&h.uploader, &secret, json!({"access": "public"})).await;
    assert_eq!(h.find("query=quokkaberry").await, ["Secret notes"]);

    // Hidden by an admin: out of the gallery and search, 404 for others, still there for the
    // uploader and admins; shown again, back.
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/community/chats/{tree}/hide", h.base),
        Some(&h.admin),
        Some(json!({"hidden": true})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(h.find("query=plumbago").await.is_empty());
    assert_eq!(h.read(&h.visitor, &tree).await.0, 404);
    assert_eq!(h.read(&h.uploader, &tree).await.0, 200);
    let (status, _) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/community/chats/{tree}", h.base),
        Some(&h.admin),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = call(
        &h.member,
        Method::POST,
        format!("{}/api/v1/community/chats/{tree}/hide", h.base),
        None,
        Some(json!({"hidden": false})),
    )
    .await;
    assert_eq!(status, 403, "members do not moderate");
    call(
        &client(),
        Method::POST,
        format!("{}/api/v1/community/chats/{tree}/hide", h.base),
        Some(&h.admin),
        Some(json!({"hidden": false})),
    )
    .await;
    assert_eq!(h.find("query=plumbago").await, ["Every branch"]);

    // Deleted: out of the index too.
    let (status, _) = call(
        &h.uploader,
        Method::DELETE,
        format!("{}/api/v1/community/chats/{tree}", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert!(h.find("query=plumbago").await.is_empty());

    // The community turned off: its API and pages are 404s.
    assert_eq!(
        common::admin_config(&h.base, &h.admin, json!({"COMMUNITY_HUB_ENABLED": false})).await,
        200
    );
    let (status, _) = call(
        &h.visitor,
        Method::GET,
        format!("{}/api/v1/community/chats", h.base),
        None,
        None,
    )
    .await;
    assert_eq!(status, 404);
    let page = h
        .visitor
        .get(format!("{}/community", h.base))
        .send()
        .await
        .expect("the gallery");
    assert_eq!(page.status(), 404);
}

#[tokio::test]
async fn open_webui_uploads_pages_and_forms() {
    let h = hub().await;
    // What Open WebUI's button posts: its chat object, as a JSON string, with model objects.
    let owui = json!({"id": "c1", "title": "From Open WebUI", "chat": branching_chat("", "heliotrope", "x")})
        .to_string();
    let (status, body) = call(
        &h.uploader,
        Method::POST,
        format!("{}/api/v1/community/chats", h.base),
        None,
        Some(json!({"chat": owui, "models": [{"id": "m", "name": "Model M"}], "access": "public", "tags": ["Imported"]})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id = body["id"].as_str().expect("an id").to_owned();
    let (_, read) = h.read(&h.visitor, &id).await;
    assert_eq!(read["title"], "From Open WebUI");
    assert_eq!(read["models"], json!(["Model M"]));
    assert!(!read.to_string().contains("private system prompt"));

    // The gallery, server-rendered for a visitor (no client needed): the search's result
    // with its marked word; the chat's page; the upload page.
    let html = common::get_text(&h.visitor, &format!("{}/community?query=heliotrope", h.base)).await;
    assert!(html.contains("From Open WebUI"), "{html}");
    assert!(html.contains("<mark>heliotrope</mark>"));
    assert!(html.contains("noindex"), "not indexable unless the admin says so");
    let html = common::get_text(&h.visitor, &format!("{}/community/c/{id}", h.base)).await;
    assert!(html.contains("the heliotrope method works"));
    assert!(html.contains("og:title"));
    assert!(
        !html.contains("Update Chat"),
        "a visitor gets no uploader controls"
    );
    let html = common::get_text(&h.uploader, &format!("{}/community/c/{id}", h.base)).await;
    assert!(html.contains("Update Chat"));
    let html = common::get_text(&h.visitor, &format!("{}/chats/upload", h.base)).await;
    assert!(html.contains("Share to the community"));
    assert!(
        html.contains("/community-upload.js"),
        "the upload page's one script"
    );
    for page in [
        html,
        common::get_text(&h.visitor, &format!("{}/community", h.base)).await,
    ] {
        assert!(
            !page.contains(".wasm") && !page.contains("modulepreload"),
            "community pages load no WASM"
        );
    }
    assert_eq!(
        common::admin_config(&h.base, &h.admin, json!({"COMMUNITY_INDEXABLE": true})).await,
        200
    );
    let html = common::get_text(&h.visitor, &format!("{}/community/c/{id}", h.base)).await;
    assert!(html.contains("index, follow"));

    // Branches on the pages: a full-history chat's page links the other answer and shows it
    // through `?branch=`; a public chat's page has no arrows, and `?branch=` cannot reach the
    // branch it does not share.
    let full = h
        .publish(
            branching_chat("Two answers", "newer", "older"),
            "public_full_history",
            json!([]),
        )
        .await;
    let html = common::get_text(&h.visitor, &format!("{}/community/c/{full}", h.base)).await;
    assert!(html.contains(&format!("/community/c/{full}?branch=a1")), "{html}");
    assert!(html.contains("the newer method works") && !html.contains("about older"));
    let html = common::get_text(&h.visitor, &format!("{}/community/c/{full}?branch=a1", h.base)).await;
    assert!(html.contains("An older answer about older") && !html.contains("the newer method works"));
    let public = h
        .publish(
            branching_chat("One answer", "shown", "unshared"),
            "public",
            json!([]),
        )
        .await;
    let html = common::get_text(&h.visitor, &format!("{}/community/c/{public}?branch=a1", h.base)).await;
    assert!(html.contains("the shown method works") && !html.contains("unshared"));
    assert!(!html.contains("?branch="));

    // "Update Chat" as a plain form: to private, and back to its page.
    let no_redirects = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    signup_with(&no_redirects, &h.base, "Fay").await;
    let (status, _) = call(
        &no_redirects,
        Method::POST,
        format!("{}/api/v1/community/chats", h.base),
        None,
        Some(json!({"chat": branching_chat("Fay's", "w", "v"), "access": "public"})),
    )
    .await;
    assert_eq!(status, 200);
    let (_, mine) = call(
        &no_redirects,
        Method::GET,
        format!("{}/api/v1/community/chats/mine", h.base),
        None,
        None,
    )
    .await;
    let fays = mine[0]["id"].as_str().expect("an id").to_owned();
    let res = no_redirects
        .post(format!("{}/community/c/{fays}/update", h.base))
        .form(&[("access", "private"), ("tags", "one, two")])
        .send()
        .await
        .expect("the form");
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/community/c/{fays}?updated=1").as_str())
    );
    assert_eq!(h.read(&h.visitor, &fays).await.0, 404);
    // Someone else's: refused, in words, on the page.
    let res = no_redirects
        .post(format!("{}/community/c/{id}/update", h.base))
        .form(&[("access", "private")])
        .send()
        .await
        .expect("the form");
    assert_eq!(res.status(), 303);
    assert!(res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("error=")));
    assert_eq!(h.read(&h.visitor, &id).await.0, 200, "still public");
    // The upload page's "Publish" form: published, and its page opens; a visitor is sent to
    // sign in and back to the upload page.
    let sent = json!({"title": "Via the form", "chat": branching_chat("", "w", "v")}).to_string();
    let res = no_redirects
        .post(format!("{}/chats/upload", h.base))
        .form(&[
            ("chat", sent.as_str()),
            ("models", "[\"m\"]"),
            ("access", "public"),
            ("tags", "a b"),
            ("source", "https://a.example"),
        ])
        .send()
        .await
        .expect("the form");
    assert_eq!(res.status(), 303);
    let to = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(to.starts_with("/community/c/"), "{to}");
    let (_, read) = h.read(&h.visitor, to.trim_start_matches("/community/c/")).await;
    assert_eq!(
        (read["title"].as_str(), read["tags"].clone()),
        (Some("Via the form"), json!(["a", "b"]))
    );
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let res = anonymous
        .post(format!("{}/chats/upload", h.base))
        .form(&[("chat", sent.as_str()), ("access", "public")])
        .send()
        .await
        .expect("the form");
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/auth?redirect=/chats/upload")
    );
    let res = no_redirects
        .post(format!("{}/chats/upload", h.base))
        .form(&[("chat", "{not json"), ("access", "public")])
        .send()
        .await
        .expect("the form");
    assert!(res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.starts_with("/chats/upload?error=")));

    let res = no_redirects
        .post(format!("{}/community/c/{fays}/delete", h.base))
        .send()
        .await
        .expect("the form");
    assert_eq!(res.status(), 303);
    assert_eq!(h.read(&no_redirects, &fays).await.0, 404);
}

/// #37 item 11: the upload page's preview is rendered by the server (Markdown to sanitized
/// HTML, as the community page shows it), and a gallery card carries the chat's opening words
/// without a search.
#[tokio::test]
async fn the_upload_preview_is_rendered_and_cards_carry_a_snippet() {
    let server = common::start_server().await;
    let base = server.url();
    let preview = |chat: serde_json::Value| {
        let base = base.clone();
        async move {
            let res = client()
                .post(format!("{base}/chats/upload/preview"))
                .json(&json!({ "chat": chat }))
                .send()
                .await
                .expect("ask for a preview");
            (res.status().as_u16(), res.text().await.unwrap_or_default())
        }
    };
    let chat = json!({"title": "Bread", "history": {"currentId": "a", "messages": {
        "q": {"id": "q", "role": "user", "content": "How **long** to knead?", "parentId": null, "childrenIds": ["a"]},
        "a": {"id": "a", "role": "assistant", "model": "baker", "content": "Ten minutes.<script>alert(1)</script>", "parentId": "q", "childrenIds": []},
    }}});
    let (status, html) = preview(chat).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<strong>long</strong>"), "{html}");
    assert!(html.contains(r#"<span class="author">baker</span>"#), "{html}");
    assert!(!html.contains("<script"), "{html}");
    let (status, said) = preview(json!("not a chat")).await;
    assert_eq!(status, 400, "{said}");
    assert!(said.contains("detail"), "{said}");

    let c = client();
    signup_with(&c, &base, "Ada").await;
    let published = c
        .post(format!("{base}/api/v1/community/chats"))
        .json(&json!({"chat": {"title": "Bread", "history": {"currentId": "a", "messages": {
            "q": {"id": "q", "role": "user", "content": "How long to knead the dough?", "parentId": null, "childrenIds": ["a"]},
            "a": {"id": "a", "role": "assistant", "content": "Ten minutes by hand.", "parentId": "q", "childrenIds": []},
        }}}, "access": "public", "tags": []}))
        .send()
        .await
        .expect("publish");
    assert_eq!(published.status(), 200);
    let page = client()
        .get(format!("{base}/community"))
        .send()
        .await
        .expect("the gallery")
        .text()
        .await
        .unwrap_or_default();
    let doc = scraper::Html::parse_document(&page);
    let snippet = scraper::Selector::parse(".community-card .snippet").expect("a selector");
    let text: Vec<String> = doc.select(&snippet).map(|s| s.text().collect()).collect();
    assert_eq!(
        text,
        vec!["How long to knead the dough? Ten minutes by hand.".to_owned()],
        "{page}"
    );
}
