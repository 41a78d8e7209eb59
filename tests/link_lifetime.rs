//! How long a link lives and who looked, over real HTTP on the backend under test: expiry
//! (410 after it, revived by an update, refused in the past or past the policy's longest
//! lifetime, the policy's default), view counts and the access log (the owner's only), the
//! administrator's list, revocations and audit log (members refused), and two processes
//! counting into one database and cleaning up expired links without doing it twice.

mod common;

use std::time::Duration;

use common::{admin_config, call, client, create_and_share, one_message_chat, signup};
use reqwest::Method;
use serde_json::{json, Value};

fn now() -> i64 {
    app::entities::now()
}

/// An instance with an admin, an owner (Olive) and two members (Bob, Carol); the server, its
/// base URL and the tokens.
struct World {
    _server: chatshare::server::RunningServer,
    base: String,
    admin: String,
    owner: String,
    owner_id: String,
    owner_cookie: reqwest::Client,
    bob: String,
    carol: String,
}

async fn world() -> World {
    let server = common::start_server().await;
    let base = server.url();
    let (admin, _) = signup(&base, "Admin").await;
    assert_eq!(
        admin_config(&base, &admin, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let owner_cookie = client();
    let me = common::signup_with(&owner_cookie, &base, "Olive").await;
    let (bob, _) = signup(&base, "Bob").await;
    let (carol, _) = signup(&base, "Carol").await;
    World {
        _server: server,
        base,
        admin,
        owner: me["token"].as_str().expect("a token").to_owned(),
        owner_id: me["id"].as_str().expect("an id").to_owned(),
        owner_cookie,
        bob,
        carol,
    }
}

impl World {
    async fn req(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        call(&client(), method, format!("{}{path}", self.base), token, body).await
    }

    /// Olive's new chat, shared; its id and the link's.
    async fn shared(&self, title: &str) -> (String, String) {
        create_and_share(&self.owner_cookie, &self.base, one_message_chat(title, "Hello?")).await
    }

    async fn read(&self, share_id: &str, token: Option<&str>) -> (u16, Value) {
        self.req(
            Method::GET,
            &format!("/api/v1/chats/share/{share_id}"),
            token,
            None,
        )
        .await
    }

    /// Olive's links as the JSON API lists them.
    async fn my_links(&self) -> Vec<Value> {
        let (status, list) = self
            .req(Method::GET, "/api/v1/chats/shared", Some(&self.owner), None)
            .await;
        assert_eq!(status, 200);
        list.as_array().expect("a list").clone()
    }
}

#[tokio::test]
async fn a_link_expires_answers_410_and_an_update_revives_it() {
    let w = world().await;
    let (chat_id, _) = create_and_share(&w.owner_cookie, &w.base, one_message_chat("Soon", "Hi")).await;
    let share_path = format!("/api/v1/chats/{chat_id}/share");
    let share = |body: Value| w.req(Method::POST, &share_path, Some(&w.owner), Some(body));
    let (status, body) = share(json!({"expires_at": now() - 5})).await;
    assert_eq!(status, 422, "in the past: {body}");
    let (status, shared) = share(json!({"expires_at": now() + 2})).await;
    assert_eq!(status, 200, "{shared}");
    let share_id = shared["share_id"].as_str().expect("a link").to_owned();
    assert_eq!(w.read(&share_id, Some(&w.bob)).await.0, 200);
    let listed = w.my_links().await;
    assert!(
        listed[0]["expires_at"].as_i64().is_some_and(|t| t <= now() + 2),
        "{listed:?}"
    );

    tokio::time::sleep(Duration::from_millis(3_100)).await;
    let (status, gone) = w.read(&share_id, Some(&w.bob)).await;
    assert_eq!(status, 410, "{gone}");
    let detail = gone["detail"].as_str().unwrap_or_default();
    assert!(detail.starts_with("This link expired on "), "{detail}");
    assert!(
        !detail.contains(app::share::EXTEND_HINT),
        "only the owner is offered to extend it"
    );
    let (status, gone) = w.read(&share_id, Some(&w.owner)).await;
    assert_eq!(status, 410);
    assert!(
        gone["detail"]
            .as_str()
            .is_some_and(|d| d.ends_with(app::share::EXTEND_HINT)),
        "{gone}"
    );
    // The page says so, with Extend for the owner.
    let page = w
        .owner_cookie
        .get(format!("{}/s/{share_id}", w.base))
        .send()
        .await
        .expect("the page");
    assert_eq!(page.status(), 410);
    let html = page.text().await.unwrap_or_default();
    assert!(
        html.contains("This link expired") && html.contains(">Extend<"),
        "{html}"
    );

    // Sharing again with a new expiry revives the same link.
    let (status, again) = share(json!({"expires_at": now() + 3_600})).await;
    assert_eq!(status, 200);
    assert_eq!(again["share_id"], json!(share_id), "same URL");
    assert_eq!(w.read(&share_id, Some(&w.bob)).await.0, 200);
    // No body keeps the expiry; null removes it.
    share(json!({})).await;
    assert!(w.my_links().await[0]["expires_at"].as_i64().is_some());
    assert_eq!(share(json!({"expires_at": null})).await.0, 200);
    assert_eq!(w.my_links().await[0]["expires_at"], Value::Null);
    // Extend, the 410 page's form, is the owner's only.
    // Two seconds ahead: one second could already be past when the server reads it.
    let (_, shared) = share(json!({"expires_at": now() + 2})).await;
    assert_eq!(shared["share_id"], json!(share_id));
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    let form = |token: &str| {
        client()
            .post(format!("{}/s/{share_id}/extend", w.base))
            .bearer_auth(token)
            .header("Origin", w.base.clone())
            .send()
    };
    let res = form(&w.bob).await.expect("extend as Bob");
    let to = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(res.status(), 303);
    assert!(to.starts_with(&format!("/s/{share_id}?error=")), "{to}");
    assert_eq!(w.read(&share_id, Some(&w.bob)).await.0, 410);
    form(&w.owner).await.expect("extend as the owner");
    assert_eq!(w.read(&share_id, Some(&w.bob)).await.0, 200);
    let t = w.my_links().await[0]["expires_at"].as_i64().expect("an expiry");
    assert!((t - (now() + 7 * 86_400)).abs() < 60, "seven days: {t}");
}

#[tokio::test]
async fn the_policy_sets_the_default_and_the_longest_lifetime() {
    let w = world().await;
    let set = |patch: Value| {
        let (base, admin) = (w.base.clone(), w.admin.clone());
        async move { admin_config(&base, &admin, patch).await }
    };
    assert_eq!(
        set(json!({"SHARE_LINK_DEFAULT_DAYS": 40, "SHARE_LINK_MAX_DAYS": 30})).await,
        422
    );
    assert_eq!(set(json!({"SHARE_LINK_MAX_DAYS": -1})).await, 422);
    assert_eq!(
        set(json!({"SHARE_LINK_DEFAULT_DAYS": 7, "SHARE_LINK_MAX_DAYS": 30})).await,
        200
    );
    let (_, cfg) = w
        .req(Method::GET, "/api/v1/auths/admin/config", Some(&w.admin), None)
        .await;
    assert_eq!(
        (
            cfg["SHARE_LINK_DEFAULT_DAYS"].as_u64(),
            cfg["SHARE_LINK_MAX_DAYS"].as_u64()
        ),
        (Some(7), Some(30))
    );

    let (chat_id, _) = w.shared("Policy").await;
    let expires = w.my_links().await[0]["expires_at"]
        .as_i64()
        .expect("the default applies");
    assert!((expires - (now() + 7 * 86_400)).abs() < 60, "{expires}");
    let share_path = format!("/api/v1/chats/{chat_id}/share");
    let share = |body: Value| w.req(Method::POST, &share_path, Some(&w.owner), Some(body));
    let (status, body) = share(json!({"expires_at": now() + 31 * 86_400})).await;
    assert_eq!(status, 422);
    assert!(
        body["detail"].as_str().is_some_and(|d| d.contains("30 days")),
        "{body}"
    );
    assert_eq!(share(json!({"expires_at": null})).await.0, 200);
    let capped = w.my_links().await[0]["expires_at"]
        .as_i64()
        .expect("never is capped");
    assert!((capped - (now() + 30 * 86_400)).abs() < 60, "{capped}");
}

/// Waits until the owner's link titled `title` shows `n` views (reads are written out once a
/// second).
/// Waits until the link titled `title` shows `n` views (the view log writes out once a second;
/// a count that never arrives is ended by the runner's time limit, `.config/nextest.toml`).
async fn views_reach(w: &World, title: &str, n: i64) -> Value {
    loop {
        let links = w.my_links().await;
        if let Some(l) = links.iter().find(|l| l["title"] == title) {
            if l["view_count"].as_i64() == Some(n) {
                return l.clone();
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn reads_are_counted_and_only_the_owner_sees_who_read() {
    let w = world().await;
    let (chat_id, share_id) = w.shared("Counted").await;
    // A newer link nobody reads, for the order of My shared links.
    w.shared("Unread").await;
    for _ in 0..3 {
        assert_eq!(w.read(&share_id, Some(&w.bob)).await.0, 200);
    }
    for _ in 0..2 {
        assert_eq!(w.read(&share_id, Some(&w.carol)).await.0, 200);
    }
    // The owner's own reads do not count, nor do refused ones.
    assert_eq!(w.read(&share_id, Some(&w.owner)).await.0, 200);
    assert_eq!(w.read(&share_id, None).await.0, 401);
    let link = views_reach(&w, "Counted", 5).await;
    // My shared links: most viewed, or recently viewed, first when asked.
    let order = |by: &'static str| {
        let body = json!({"query": "", "page": 1, "order": by});
        let (base, token) = (w.base.clone(), w.owner.clone());
        async move {
            let (status, list) = call(
                &client(),
                Method::POST,
                format!("{base}/api/fn/list_shared"),
                Some(&token),
                Some(body),
            )
            .await;
            assert_eq!(status, 200, "{list}");
            list.as_array()
                .expect("a list")
                .iter()
                .map(|l| l["title"].as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        }
    };
    // (Both were made in the same second, so "updated" has no order between them to check.)
    assert_eq!(order("views").await, ["Counted", "Unread"]);
    assert_eq!(
        order("last_viewed").await,
        ["Counted", "Unread"],
        "never read goes last"
    );
    assert_eq!(link["viewer_count"], 2, "{link}");
    assert!(link["last_viewed_at"]
        .as_i64()
        .is_some_and(|t| (t - now()).abs() < 60));
    assert_eq!(link["audience"], "members");
    let log_path = format!("/api/v1/chats/shared/{chat_id}/views");
    let (status, log) = w.req(Method::GET, &log_path, Some(&w.owner), None).await;
    assert_eq!(status, 200);
    // One row per reader and day, with how many reads it stands for.
    let rows = log.as_array().expect("a list");
    let reads = |who: &str| {
        rows.iter()
            .filter(|v| v["name"] == who)
            .map(|v| v["reads"].as_i64().unwrap_or(0))
            .sum::<i64>()
    };
    assert_eq!((reads("Bob"), reads("Carol"), rows.len()), (3, 2, 2), "{log}");
    let times: Vec<i64> = log
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|v| v["viewed_at"].as_i64())
        .collect();
    assert!(times.windows(2).all(|p| p[0] >= p[1]), "newest first: {times:?}");
    assert_eq!(
        w.req(Method::GET, &log_path, Some(&w.bob), None).await.0,
        404,
        "not Bob's"
    );
    let (status, _) = w
        .req(
            Method::GET,
            &format!("{log_path}?page=99999999999"),
            Some(&w.owner),
            None,
        )
        .await;
    assert_eq!(status, 422, "an absurd page");
}

#[tokio::test]
async fn admins_list_revoke_and_audit_links_and_members_cannot() {
    let w = world().await;
    let (chat_a, share_a) = w.shared("Alpha plans").await;
    let (_, share_b) = w.shared("Beta plans").await;
    let (status, _) = w
        .req(Method::GET, "/api/v1/admin/shared", Some(&w.bob), None)
        .await;
    assert_eq!(status, 403);
    let (status, list) = w
        .req(
            Method::GET,
            &format!("/api/v1/admin/shared?user_id={}", w.owner_id),
            Some(&w.admin),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
    assert_eq!(list[0]["owner_name"], "Olive");
    assert_eq!(list[0]["audience"], "members");
    let (_, found) = w
        .req(
            Method::GET,
            "/api/v1/admin/shared?query=alpha",
            Some(&w.admin),
            None,
        )
        .await;
    assert_eq!(found.as_array().map(Vec::len), Some(1));

    // Revoke one: the link is gone, the chat stays without it.
    assert_eq!(
        w.req(
            Method::DELETE,
            &format!("/api/v1/admin/shared/{share_a}"),
            Some(&w.bob),
            None
        )
        .await
        .0,
        403
    );
    let (status, done) = w
        .req(
            Method::DELETE,
            &format!("/api/v1/admin/shared/{share_a}"),
            Some(&w.admin),
            None,
        )
        .await;
    assert_eq!((status, done), (200, json!(true)));
    assert_eq!(w.read(&share_a, Some(&w.bob)).await.0, 404);
    let (_, chat) = w
        .req(
            Method::GET,
            &format!("/api/v1/chats/{chat_a}"),
            Some(&w.owner),
            None,
        )
        .await;
    assert_eq!(chat["share_id"], Value::Null);
    assert_eq!(
        w.req(
            Method::DELETE,
            &format!("/api/v1/admin/shared/{share_a}"),
            Some(&w.admin),
            None
        )
        .await
        .0,
        404
    );
    // Revoke all of Olive's.
    assert_eq!(
        w.req(Method::DELETE, "/api/v1/admin/shared", Some(&w.admin), None)
            .await
            .0,
        422
    );
    let (status, n) = w
        .req(
            Method::DELETE,
            &format!("/api/v1/admin/shared?user_id={}", w.owner_id),
            Some(&w.admin),
            None,
        )
        .await;
    assert_eq!((status, n), (200, json!(1)));
    assert_eq!(w.read(&share_b, Some(&w.bob)).await.0, 404);

    // The audit log has it all, filtered and as CSV; members are refused.
    let (status, audit) = w
        .req(Method::GET, "/api/v1/admin/audit", Some(&w.admin), None)
        .await;
    assert_eq!(status, 200);
    let actions: Vec<&str> = audit
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "share.create").count(),
        2,
        "{actions:?}"
    );
    assert_eq!(
        actions.iter().filter(|a| **a == "share.admin_revoke").count(),
        2,
        "{actions:?}"
    );
    // Each entry names its link by title, as it is now: the links are gone, so the chats'.
    let mut created: Vec<&str> = audit
        .as_array()
        .expect("a list")
        .iter()
        .filter(|e| e["action"] == "share.create")
        .filter_map(|e| e["link_title"].as_str())
        .collect();
    created.sort_unstable();
    assert_eq!(created, ["Alpha plans", "Beta plans"], "{audit}");
    let (_, revokes) = w
        .req(
            Method::GET,
            "/api/v1/admin/audit?action=share.admin_revoke",
            Some(&w.admin),
            None,
        )
        .await;
    assert!(revokes
        .as_array()
        .is_some_and(|r| r.len() == 2 && r.iter().all(|e| e["share_id"].is_string())));
    assert_eq!(revokes[0]["actor_name"], "Admin", "the actor by name: {revokes}");
    assert_eq!(
        w.req(
            Method::GET,
            "/api/v1/admin/audit?action=share.nope",
            Some(&w.admin),
            None
        )
        .await
        .0,
        422
    );
    assert_eq!(
        w.req(Method::GET, "/api/v1/admin/audit", Some(&w.bob), None)
            .await
            .0,
        403
    );
    let csv = client()
        .get(format!("{}/api/v1/admin/audit?format=csv", w.base))
        .bearer_auth(&w.admin)
        .send()
        .await
        .expect("the CSV");
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap_or_default();
    assert!(
        text.starts_with("at,action,actor_id,actor_name,chat_id,share_id,detail\r\n"),
        "{text}"
    );
    assert_eq!(text.matches("share.admin_revoke").count(), 2, "{text}");
}

#[tokio::test]
async fn two_processes_count_into_one_database_and_clean_up_once() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let url = common::fresh_database_url().await;
    let a = common::Binary::start(&url, &[]).await;
    let b = common::Binary::start(&url, &[]).await;
    let (base_a, base_b) = (a.base.clone(), b.base.clone());
    let owner = client();
    let olive = common::signup_with(&owner, &base_a, "Olive").await["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    assert_eq!(
        admin_config(&base_a, &olive, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let (chat_id, share_id) = create_and_share(&owner, &base_a, one_message_chat("Both", "Hi")).await;
    let read = |base: &str| {
        let url = format!("{base}/api/v1/chats/share/{share_id}");
        async move { client().get(url).send().await.expect("a read").status().as_u16() }
    };
    // Bob reads it twice through each process; a visitor is refused (and not counted).
    let (bob, _) = signup(&base_b, "Bob").await;
    for base in [&base_a, &base_b, &base_a, &base_b] {
        let url = format!("{base}/api/v1/chats/share/{share_id}");
        assert_eq!(call(&client(), Method::GET, url, Some(&bob), None).await.0, 200);
    }
    assert_eq!(read(&base_a).await, 401);
    let db = chatshare::db::connect_and_migrate(&url, 2)
        .await
        .expect("connect");
    // Until both processes have written their reads out (each once a second).
    let mut counted;
    loop {
        let link = app::entities::shared_chat::Entity::find_by_id(uuid::Uuid::parse_str(&share_id).unwrap())
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        counted = link.view_count;
        if counted >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(counted, 4, "both processes' reads add up");

    // Long expired: two clean-ups at once delete it once and record it once.
    app::entities::shared_chat::Entity::update_many()
        .col_expr(
            app::entities::shared_chat::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(now() - app::share::lifetime::GRACE_SECS - 10),
        )
        .exec(&db)
        .await
        .unwrap();
    let db2 = chatshare::db::connect_and_migrate(&url, 2)
        .await
        .expect("connect");
    let (x, y) = tokio::join!(
        app::share::lifetime::clean_up(&db, now()),
        app::share::lifetime::clean_up(&db2, now())
    );
    assert_eq!(x.unwrap() + y.unwrap(), 1, "one of them did it");
    let expired = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::Action.eq("share.expire"))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].chat_id.map(|c| c.to_string()), Some(chat_id.clone()));
    let (_, chat) = call(
        &owner,
        Method::GET,
        format!("{base_a}/api/v1/chats/{chat_id}"),
        None,
        None,
    )
    .await;
    assert_eq!(chat["share_id"], Value::Null);

    // The audit log keeps what its retention says: rows older than it go, newer ones stay.
    let aged = app::entities::audit_log::Entity::update_many()
        .col_expr(
            app::entities::audit_log::Column::At,
            sea_orm::sea_query::Expr::value(now() - 3 * 86_400),
        )
        .filter(app::entities::audit_log::Column::Action.eq("share.create"))
        .exec(&db)
        .await
        .unwrap()
        .rows_affected;
    assert_eq!(aged, 1);
    let before = app::entities::audit_log::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .len();
    assert_eq!(
        app::share::audit::prune(&db, 0).await.unwrap(),
        0,
        "0 keeps everything"
    );
    assert_eq!(app::share::audit::prune(&db, 2).await.unwrap(), 1);
    let after = app::entities::audit_log::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .len();
    assert_eq!(after, before - 1);
}

/// A stranger is told why (#37): following a members-only link, they are sent to sign in and the
/// sign-in page says who shared a chat with whom (never its title); an expired link says it
/// expired without asking them to sign in first.
#[tokio::test]
async fn a_stranger_is_told_who_shared_and_that_a_link_expired() {
    let w = world().await;
    let (_, open) = w.shared("Quarterly numbers").await;
    let visitor = client();
    let why = |redirect: String| {
        call(
            &visitor,
            Method::POST,
            format!("{}/api/fn/sign_in_methods", w.base),
            None,
            Some(json!({ "redirect": redirect })),
        )
    };
    let page = client()
        .get(format!("{}/s/{open}", w.base))
        .send()
        .await
        .expect("the page");
    assert_eq!(page.status(), 303);
    let to = page.headers()["location"]
        .to_str()
        .expect("a location")
        .to_owned();
    let (status, options) = why(format!("/s/{open}")).await;
    assert_eq!(status, 200, "{options}");
    assert_eq!(
        options["invitation"],
        "Olive shared a chat with the members of chatshare. Sign in to read it."
    );
    let auth = client()
        .get(format!("{}{to}", w.base))
        .send()
        .await
        .expect("the sign-in page")
        .text()
        .await
        .expect("html");
    assert!(
        auth.contains("Olive shared a chat with the members of chatshare. Sign in to read it."),
        "{auth}"
    );
    assert!(!auth.contains("Quarterly numbers"), "never the title");
    // No such link, or no link at all: nothing to say.
    let (_, options) = why(format!("/s/{}", uuid::Uuid::new_v4())).await;
    assert!(options.get("invitation").is_none(), "{options}");
    let (_, options) = why("/settings".to_owned()).await;
    assert!(options.get("invitation").is_none(), "{options}");

    // Expired: a 410 page for the stranger too, and the sign-in page says nothing of it.
    let (chat_id, _) = w.shared("Old plans").await;
    let (status, shared) = w
        .req(
            Method::POST,
            &format!("/api/v1/chats/{chat_id}/share"),
            Some(&w.owner),
            Some(json!({"expires_at": now() + 2})),
        )
        .await;
    assert_eq!(status, 200, "{shared}");
    let expired = shared["share_id"].as_str().expect("a link").to_owned();
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    let page = client()
        .get(format!("{}/s/{expired}", w.base))
        .send()
        .await
        .expect("the page");
    assert_eq!(page.status(), 410);
    let html = page.text().await.expect("html");
    assert!(html.contains("This link expired"), "{html}");
    assert!(!html.contains("Old plans") && !html.contains("Extend"), "{html}");
    assert_eq!(w.read(&expired, None).await.0, 410);
    let (_, options) = why(format!("/s/{expired}")).await;
    assert!(options.get("invitation").is_none(), "{options}");
}
