//! A link over time, over real HTTP on the backend under test: every share and update is a
//! version; earlier ones are for the owner (and admins) only; restore and delete; versions go
//! with the link, the chat and the owner; "new since you last looked" per reader; Markdown and
//! JSON downloads under the link's own access rules.

mod common;

use common::{call, call_fn, client, signup_with};
use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

struct World {
    server: chatshare::server::RunningServer,
    base: String,
    owner: reqwest::Client,
    admin: String,
    reader: reqwest::Client,
    reader_token: String,
    reader_id: String,
    chat: String,
}

async fn world() -> World {
    let (server, base, admin) = common::open_instance().await;
    let owner = client();
    signup_with(&owner, &base, "Olive").await;
    let reader = client();
    let me = signup_with(&reader, &base, "Rita").await;
    let chat = json!({"title": "Roadmap", "params": {"system": "secret prompt"}, "history": {"currentId": "m1", "messages": {
        "m1": {"id": "m1", "parentId": null, "childrenIds": [], "role": "user", "content": "First draft", "timestamp": 1_700_000_000}
    }}});
    let (status, created) = call(
        &owner,
        Method::POST,
        format!("{base}/api/v1/chats/new"),
        None,
        Some(json!({"chat": chat})),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    World {
        chat: created["id"].as_str().expect("an id").to_owned(),
        server,
        base,
        owner,
        admin,
        reader,
        reader_token: me["token"].as_str().expect("a token").to_owned(),
        reader_id: me["id"].as_str().expect("an id").to_owned(),
    }
}

impl World {
    /// Adds a message as the owner (a new turn after the last one).
    async fn add(&self, id: &str, parent: &str, content: &str) {
        let (_, current) = call(
            &self.owner,
            Method::GET,
            format!("{}/api/v1/chats/{}", self.base, self.chat),
            None,
            None,
        )
        .await;
        let mut chat = current["chat"].clone();
        chat["history"]["messages"][parent]["childrenIds"] = json!([id]);
        chat["history"]["messages"][id] = json!({"id": id, "parentId": parent, "childrenIds": [], "role": "user", "content": content, "timestamp": 1_700_000_100});
        chat["history"]["currentId"] = json!(id);
        let (status, body) = call(
            &self.owner,
            Method::POST,
            format!("{}/api/v1/chats/{}", self.base, self.chat),
            None,
            Some(json!({"chat": chat})),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }

    async fn share(&self) -> String {
        let (status, shared) = call(
            &self.owner,
            Method::POST,
            format!("{}/api/v1/chats/{}/share", self.base, self.chat),
            None,
            None,
        )
        .await;
        assert_eq!(status, 200, "{shared}");
        shared["share_id"].as_str().expect("a share id").to_owned()
    }

    fn link(&self, sid: &str, rest: &str) -> String {
        format!("{}/api/v1/chats/share/{sid}{rest}", self.base)
    }

    async fn version_rows(&self) -> u64 {
        app::entities::share_version::Entity::find()
            .count(&self.server.db)
            .await
            .expect("count versions")
    }
}

#[tokio::test]
async fn every_share_is_a_version_and_earlier_ones_are_the_owners() {
    let w = world().await;
    let sid = w.share().await;
    w.add("m2", "m1", "Second thoughts").await;
    assert_eq!(w.share().await, sid);
    w.add("m3", "m2", "Final plan").await;
    w.share().await;

    let (status, versions) = call(&w.owner, Method::GET, w.link(&sid, "/versions"), None, None).await;
    assert_eq!(status, 200, "{versions}");
    let numbers: Vec<(i64, i64, bool)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["message_count"].as_i64().unwrap(),
                v["current"] == true,
            )
        })
        .collect();
    assert_eq!(numbers, [(3, 3, true), (2, 2, false), (1, 1, false)]);
    assert_eq!(versions[0]["title"], "Roadmap");

    // Readers get the current one; version 1 is the owner's and admins' to open.
    let (_, now) = call(&w.reader, Method::GET, w.link(&sid, ""), None, None).await;
    assert!(now.to_string().contains("Final plan"));
    let (status, first) = call(&w.owner, Method::GET, w.link(&sid, "?version=1"), None, None).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["chat"]["history"]["messages"].as_object().unwrap().len(), 1);
    assert_eq!(first["id"], json!(sid));
    assert_eq!(
        call(
            &client(),
            Method::GET,
            w.link(&sid, "?version=1"),
            Some(&w.admin),
            None
        )
        .await
        .0,
        200
    );
    for (who, status) in [(Some(w.reader_token.as_str()), 403), (None, 401)] {
        assert_eq!(
            call(&client(), Method::GET, w.link(&sid, "?version=1"), who, None)
                .await
                .0,
            status
        );
        assert_eq!(
            call(&client(), Method::GET, w.link(&sid, "/versions"), who, None)
                .await
                .0,
            status
        );
        assert_eq!(
            call(
                &client(),
                Method::POST,
                w.link(&sid, "/versions/1/restore"),
                who,
                None
            )
            .await
            .0,
            status
        );
        assert_eq!(
            call(&client(), Method::DELETE, w.link(&sid, "/versions/1"), who, None)
                .await
                .0,
            status
        );
    }
    assert_eq!(
        call(&w.owner, Method::GET, w.link(&sid, "?version=9"), None, None)
            .await
            .0,
        404
    );
    assert_eq!(
        call(&w.owner, Method::GET, w.link(&sid, "?version=x"), None, None)
            .await
            .0,
        404
    );
    let unknown = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        call(&w.owner, Method::GET, w.link(&unknown, "/versions"), None, None)
            .await
            .0,
        404
    );

    // Restore version 1: it is what readers get, as version 4.
    let (status, restored) = call(
        &w.owner,
        Method::POST,
        w.link(&sid, "/versions/1/restore"),
        None,
        None,
    )
    .await;
    assert_eq!((status, restored), (200, json!({"version": 4})));
    let (_, now) = call(&w.reader, Method::GET, w.link(&sid, ""), None, None).await;
    assert!(!now.to_string().contains("Final plan") && now.to_string().contains("First draft"));

    // Delete version 2; the current one cannot go; an unknown one is a 404.
    assert_eq!(
        call(&w.owner, Method::DELETE, w.link(&sid, "/versions/2"), None, None).await,
        (200, json!(true))
    );
    assert_eq!(
        call(&w.owner, Method::DELETE, w.link(&sid, "/versions/4"), None, None)
            .await
            .0,
        409
    );
    assert_eq!(
        call(&w.owner, Method::DELETE, w.link(&sid, "/versions/2"), None, None)
            .await
            .0,
        404
    );
    let (_, versions) = call(&w.owner, Method::GET, w.link(&sid, "/versions"), None, None).await;
    let left: Vec<i64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(left, [4, 3, 1]);

    // The page says how often the link was updated.
    let (_, view) = call_fn(&w.reader, &w.base, "view_shared", json!({"share_id": sid})).await;
    assert_eq!(view["updates"], 3);

    // The Share modal's server functions follow the same rules (another member: 404).
    let (status, listed) = call_fn(&w.owner, &w.base, "share_versions", json!({"chat_id": w.chat})).await;
    assert_eq!((status, listed.as_array().map(Vec::len)), (200, Some(3)));
    for name in ["share_versions", "restore_share_version", "delete_share_version"] {
        let (status, _) = call_fn(&w.reader, &w.base, name, json!({"chat_id": w.chat, "version": 1})).await;
        assert_eq!(status, 404, "{name}");
    }

    // A live link shows the chat itself: nothing to restore.
    let (status, body) = call(
        &w.owner,
        Method::POST,
        format!("{}/api/v1/chats/shared/{}/access/update", w.base, w.chat),
        None,
        Some(json!({"access_grants": [{"principal_type": "user", "principal_id": "*", "permission": "read"}], "share_mode": "continue"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        call(
            &w.owner,
            Method::POST,
            w.link(&sid, "/versions/1/restore"),
            None,
            None
        )
        .await
        .0,
        409
    );
}

#[tokio::test]
async fn versions_go_with_the_link_the_chat_and_the_owner() {
    let w = world().await;
    let sid = w.share().await;
    w.add("m2", "m1", "Second thoughts").await;
    w.share().await;
    assert_eq!(w.version_rows().await, 2);
    // Deleting the link takes its versions; a new link starts again at 1.
    assert_eq!(
        call(
            &w.owner,
            Method::DELETE,
            format!("{}/api/v1/chats/{}/share", w.base, w.chat),
            None,
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(w.version_rows().await, 0);
    assert_eq!(
        call(&w.owner, Method::GET, w.link(&sid, "/versions"), None, None)
            .await
            .0,
        404
    );
    let again = w.share().await;
    let (_, versions) = call(&w.owner, Method::GET, w.link(&again, "/versions"), None, None).await;
    assert_eq!(versions[0]["version"], 1);
    // Deleting the chat takes them too.
    assert_eq!(
        call(
            &w.owner,
            Method::DELETE,
            format!("{}/api/v1/chats/{}", w.base, w.chat),
            None,
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(w.version_rows().await, 0);
    // And deleting the owner: the reader's own shared chat, removed with their account.
    let (status, created) = call(
        &w.reader,
        Method::POST,
        format!("{}/api/v1/chats/new", w.base),
        None,
        Some(json!({"chat": common::one_message_chat("Mine", "hello")})),
    )
    .await;
    assert_eq!(status, 200);
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        call(
            &w.reader,
            Method::POST,
            format!("{}/api/v1/chats/{id}/share", w.base),
            None,
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(w.version_rows().await, 1);
    let gone = call(
        &client(),
        Method::DELETE,
        format!("{}/api/v1/users/{}", w.base, w.reader_id),
        Some(&w.admin),
        None,
    )
    .await;
    assert_eq!(gone.0, 200, "{}", gone.1);
    assert_eq!(w.version_rows().await, 0);
}

#[tokio::test]
async fn a_returning_reader_is_shown_what_is_new() {
    let w = world().await;
    let sid = w.share().await;
    let view = |c: reqwest::Client| {
        let base = w.base.clone();
        let sid = sid.clone();
        async move {
            call_fn(&c, &base, "view_shared", json!({"share_id": sid}))
                .await
                .1
        }
    };
    // A first visit: nothing is "new".
    assert_eq!(view(w.reader.clone()).await["new_since"], Value::Null);
    w.add("m2", "m1", "Second thoughts").await;
    w.add("m3", "m2", "Final plan").await;
    w.share().await;
    // Back after the update: the first message they have not seen.
    assert_eq!(view(w.reader.clone()).await["new_since"], "m2");
    assert_eq!(view(w.reader.clone()).await["new_since"], Value::Null, "seen now");
    // Someone opening it for the first time sees no marker; the owner never does.
    let other = client();
    signup_with(&other, &w.base, "Nora").await;
    assert_eq!(view(other).await["new_since"], Value::Null);
    assert_eq!(view(w.owner.clone()).await["new_since"], Value::Null);
    // The page marks the spot.
    w.add("m4", "m3", "Addendum").await;
    w.share().await;
    let page = common::get(&w.reader, format!("{}/s/{sid}", w.base), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("New since you last looked"),
        "no marker on the page"
    );
}

#[tokio::test]
async fn downloads_follow_the_links_access_rules() {
    let w = world().await;
    let sid = w.share().await;
    let res = common::get(&w.reader, w.link(&sid, "/export?format=md"), None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/markdown; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("Roadmap.md"));
    let md = res.text().await.unwrap();
    assert!(md.starts_with("# Roadmap\n\nShared by Olive · "), "{md}");
    assert!(
        md.contains("**Olive** · 2023-11-14 22:13 UTC\n\nFirst draft\n"),
        "{md}"
    );

    let (status, json) = call(
        &w.reader,
        Method::GET,
        w.link(&sid, "/export?format=json"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200);
    let one = &json.as_array().expect("an array")[0];
    assert_eq!(one["id"], json!(sid));
    assert_eq!(one["chat"]["history"]["messages"]["m1"]["content"], "First draft");
    assert!(!json.to_string().contains("secret prompt"));
    // The owner's download has no private keys either.
    let (_, mine) = call(
        &w.owner,
        Method::GET,
        w.link(&sid, "/export?format=json"),
        None,
        None,
    )
    .await;
    assert!(!mine.to_string().contains("secret prompt"));

    assert_eq!(
        call(
            &w.reader,
            Method::GET,
            w.link(&sid, "/export?format=pdf"),
            None,
            None
        )
        .await
        .0,
        422
    );
    assert_eq!(
        call(
            &client(),
            Method::GET,
            w.link(&sid, "/export?format=md"),
            None,
            None
        )
        .await
        .0,
        401
    );
    // Only the owner may read it now: the reader's download is refused like the link.
    let (status, _) = call(
        &w.owner,
        Method::POST,
        format!("{}/api/v1/chats/shared/{}/access/update", w.base, w.chat),
        None,
        Some(json!({"access_grants": []})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        call(
            &w.reader,
            Method::GET,
            w.link(&sid, "/export?format=md"),
            None,
            None
        )
        .await
        .0,
        403
    );
    let unknown = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        call(&w.reader, Method::GET, w.link(&unknown, "/export"), None, None)
            .await
            .0,
        404
    );
}
