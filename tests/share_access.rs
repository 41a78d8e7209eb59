//! Who can open a link (access grants) over real HTTP, on the backend under test: every caller
//! (owner, admin, the granted member, another member, a pending account, a visitor without an
//! account) against every audience (only the owner, one person, every member, anyone with the
//! link), the administrator's switches, bad grants, and the shared page for each.

mod common;

use common::{admin_config, call, client, create_and_share, one_message_chat, set_role, signup};
use reqwest::Method;
use serde_json::{json, Value};

/// The people of one instance: their tokens and ids.
struct People {
    base: String,
    server: chatshare::server::RunningServer,
    admin: String,
    owner: String,
    owner_cookie: reqwest::Client,
    bob: (String, String),
    carol: String,
    pending: String,
}

async fn people() -> People {
    let server = common::start_server().await;
    let base = server.url();
    let (admin, _) = signup(&base, "Admin").await;
    assert_eq!(
        admin_config(&base, &admin, json!({"DEFAULT_USER_ROLE": "user"})).await,
        200
    );
    let owner_cookie = client();
    let owner = common::signup_with(&owner_cookie, &base, "Olive").await["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let bob = signup(&base, "Bob").await;
    let (carol, _) = signup(&base, "Carol").await;
    let (pending, pending_id) = signup(&base, "Pat").await;
    assert_eq!(set_role(&base, &admin, &pending_id, "pending").await, 200);
    People {
        base,
        server,
        admin,
        owner,
        owner_cookie,
        bob,
        carol,
        pending,
    }
}

impl People {
    /// A new chat of Olive's, shared; its id and the link's id.
    async fn shared_chat(&self) -> (String, String) {
        create_and_share(
            &self.owner_cookie,
            &self.base,
            one_message_chat("Plans", "Where do we meet?"),
        )
        .await
    }

    /// Replaces the link's grants as `token`; the status and answer.
    async fn set_grants(&self, token: &str, chat_id: &str, grants: Value) -> (u16, Value) {
        call(
            &client(),
            Method::POST,
            format!("{}/api/v1/chats/shared/{chat_id}/access/update", self.base),
            Some(token),
            Some(json!({ "access_grants": grants, "share_mode": null })),
        )
        .await
    }

    /// `GET /api/v1/chats/share/{id}` as each caller, in the order owner, admin, Bob, Carol,
    /// the pending account and a visitor without a token.
    async fn statuses(&self, share_id: &str) -> Vec<u16> {
        let url = format!("{}/api/v1/chats/share/{share_id}", self.base);
        let mut out = Vec::new();
        for token in [
            Some(self.owner.as_str()),
            Some(self.admin.as_str()),
            Some(self.bob.0.as_str()),
            Some(self.carol.as_str()),
            Some(self.pending.as_str()),
            None,
        ] {
            out.push(call(&client(), Method::GET, url.clone(), token, None).await.0);
        }
        out
    }
}

#[tokio::test]
async fn every_caller_against_every_audience() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let bob_id = p.bob.1.clone();

    // A new link: every approved member (the seed's rule).
    let (status, grants) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/shared/{chat_id}/access", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let listed = grants.as_array().expect("a list");
    assert_eq!(listed.len(), 1, "{grants}");
    assert_eq!(
        (
            &listed[0]["principal_type"],
            &listed[0]["principal_id"],
            &listed[0]["permission"]
        ),
        (&json!("user"), &json!("*"), &json!("read"))
    );
    assert!(listed[0]["id"].as_str().is_some_and(|id| id.len() == 36));
    //                                     owner admin bob  carol pending visitor
    assert_eq!(
        p.statuses(&share_id).await,
        [200, 200, 200, 200, 403, 401],
        "every member"
    );

    // One person.
    let (status, chat) = p
        .set_grants(
            &p.owner,
            &chat_id,
            json!([{"principal_type": "user", "principal_id": bob_id, "permission": "read"}]),
        )
        .await;
    assert_eq!(status, 200, "{chat}");
    assert_eq!(chat["share_id"], json!(share_id), "the chat object comes back");
    assert_eq!(
        p.statuses(&share_id).await,
        [200, 200, 200, 403, 403, 401],
        "Bob only"
    );
    let (_, carol_reads) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/share/{share_id}", p.base),
        Some(&p.carol),
        None,
    )
    .await;
    assert_eq!(carol_reads["detail"], "You don't have access to this chat.");

    // Only the owner (and admins).
    assert_eq!(p.set_grants(&p.owner, &chat_id, json!([])).await.0, 200);
    assert_eq!(
        p.statuses(&share_id).await,
        [200, 200, 403, 403, 403, 401],
        "only me"
    );

    // Anyone with the link: refused until the administrator allows it.
    let anyone = json!([{"principal_type": "anyone", "principal_id": "*", "permission": "read"}]);
    let (status, refused) = p.set_grants(&p.owner, &chat_id, anyone.clone()).await;
    assert_eq!(status, 403, "{refused}");
    assert!(
        refused["detail"].as_str().is_some_and(|d| d.contains("anyone")),
        "{refused}"
    );
    assert_eq!(
        p.statuses(&share_id).await,
        [200, 200, 403, 403, 403, 401],
        "nothing changed"
    );
    let (status, perms) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/users/default/permissions", p.base),
        Some(&p.admin),
        Some(json!({"sharing": {"open_chats": true}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        perms,
        json!({"chat": {"share": true}, "sharing": {"public_chats": true, "open_chats": true, "folders": false}, "features": {"folders": true}}),
        "fields left out keep their value"
    );
    assert_eq!(p.set_grants(&p.owner, &chat_id, anyone).await.0, 200);
    assert_eq!(
        p.statuses(&share_id).await,
        [200, 200, 200, 200, 200, 200],
        "anyone"
    );

    // Every member, refused once the administrator turns member-wide links off.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/users/default/permissions", p.base),
        Some(&p.admin),
        Some(json!({"sharing": {"public_chats": false}})),
    )
    .await;
    assert_eq!(status, 200);
    let members = json!([{"principal_type": "user", "principal_id": "*", "permission": "read"}]);
    assert_eq!(p.set_grants(&p.owner, &chat_id, members).await.0, 403);

    // Deleting the link ends every grant; sharing again makes a new link for members only.
    let (status, _) = call(
        &client(),
        Method::DELETE,
        format!("{}/api/v1/chats/{chat_id}/share", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(p.statuses(&share_id).await, [404, 404, 404, 404, 404, 404]);
    let (_, grants) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/shared/{chat_id}/access", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert_eq!(grants, json!([]));
}

#[tokio::test]
async fn bad_grants_are_clear_4xx_answers_and_change_nothing() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let grant = |t: &str, id: &str, perm: &str| json!([{"principal_type": t, "principal_id": id, "permission": perm}]);
    let cases = [
        (
            grant("user", "00000000-0000-0000-0000-000000000000", "read"),
            422,
            "No user has the id",
        ),
        (grant("user", "bob", "read"), 422, "No user has the id"),
        (grant("group", "a-group", "read"), 422, "No group has the id"),
        (grant("anyone", "someone", "read"), 422, "\"*\""),
        (grant("robot", "*", "read"), 422, "unknown variant"),
        (grant("user", "*", "admin"), 422, "unknown variant"),
    ];
    for (grants, status, needle) in cases {
        let (got, body) = p.set_grants(&p.owner, &chat_id, grants.clone()).await;
        assert_eq!(got, status, "{grants} → {body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| d.contains(needle)),
            "{grants} → {body}"
        );
    }
    let (status, body) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/chats/shared/{chat_id}/access/update", p.base),
        Some(&p.owner),
        Some(json!({"access_grants": [], "share_mode": "edit"})),
    )
    .await;
    assert_eq!(status, 422, "an unknown share_mode: {body}");
    // Other people's chats, chats without a link, unknown chats.
    assert_eq!(
        p.set_grants(&p.bob.0, &chat_id, json!([])).await.0,
        404,
        "Bob's not the owner"
    );
    let (bob_chat, _) = {
        let c = client();
        common::signup_with(&c, &p.base, "Dora").await;
        let res: Value = c
            .post(format!("{}/api/v1/chats/new", p.base))
            .json(&json!({"chat": one_message_chat("Mine", "hi")}))
            .send()
            .await
            .expect("create")
            .json()
            .await
            .expect("a chat");
        (res["id"].as_str().expect("an id").to_owned(), ())
    };
    assert_eq!(
        p.set_grants(&p.admin, &bob_chat, json!([])).await.0,
        409,
        "no link yet"
    );
    assert_eq!(
        p.set_grants(&p.owner, "00000000-0000-0000-0000-000000000000", json!([]))
            .await
            .0,
        404
    );
    let (status, _) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/shared/{chat_id}/access", p.base),
        Some(&p.carol),
        None,
    )
    .await;
    assert_eq!(status, 404, "only the owner and admins see the grants");
    // Nothing changed: still every member.
    assert_eq!(p.statuses(&share_id).await, [200, 200, 200, 200, 403, 401]);
    // An admin may change another's link.
    assert_eq!(p.set_grants(&p.admin, &chat_id, json!([])).await.0, 200);
    assert_eq!(p.statuses(&share_id).await, [200, 200, 403, 403, 403, 401]);
}

#[tokio::test]
async fn the_shared_page_follows_the_grants() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let page = format!("{}/s/{share_id}", p.base);
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");

    // Members' link: a visitor is sent to sign in; a member reads it.
    let res = no_redirects.get(&page).send().await.expect("the page");
    assert_eq!(res.status(), 303);
    let res = no_redirects
        .get(&page)
        .bearer_auth(&p.carol)
        .send()
        .await
        .expect("the page");
    assert_eq!(res.status(), 200);

    // Bob only: Carol gets a 403 page that says so, without the chat.
    p.set_grants(
        &p.owner,
        &chat_id,
        json!([{"principal_type": "user", "principal_id": p.bob.1, "permission": "read"}]),
    )
    .await;
    let res = no_redirects
        .get(&page)
        .bearer_auth(&p.carol)
        .send()
        .await
        .expect("the page");
    assert_eq!(res.status(), 403);
    let html = res.text().await.expect("html");
    assert!(html.contains("have access to this chat"), "{html}");
    assert!(!html.contains("Where do we meet?"));

    // Anyone: a visitor reads it, with link-preview tags, no owner email, and "Sign in to clone".
    call(
        &client(),
        Method::POST,
        format!("{}/api/v1/users/default/permissions", p.base),
        Some(&p.admin),
        Some(json!({"sharing": {"open_chats": true}})),
    )
    .await;
    let (status, _) = p
        .set_grants(
            &p.owner,
            &chat_id,
            json!([{"principal_type": "anyone", "principal_id": "*", "permission": "read"}]),
        )
        .await;
    assert_eq!(status, 200);
    let res = no_redirects.get(&page).send().await.expect("the page");
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("html");
    let doc = scraper::Html::parse_document(&html);
    let meta = |attr: &str, name: &str| -> Option<String> {
        let sel = scraper::Selector::parse(&format!("meta[{attr}=\"{name}\"]")).ok()?;
        doc.select(&sel)
            .next()?
            .value()
            .attr("content")
            .map(str::to_owned)
    };
    assert_eq!(meta("property", "og:title").as_deref(), Some("Plans"));
    assert_eq!(
        meta("property", "og:description").as_deref(),
        Some("Where do we meet?")
    );
    // A large preview card, drawn for the link (tests/link_previews.rs checks the picture).
    assert_eq!(
        meta("name", "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert!(meta("name", "twitter:image").is_some_and(|i| i.ends_with("/card.png")));
    assert!(meta("name", "robots").is_some_and(|r| r.contains("noindex")));
    assert!(html.contains("Where do we meet?"));
    assert!(html.contains("Sign in to clone"));
    assert!(
        !html.contains("olive@example.com"),
        "no owner email on an open page"
    );
    // A visitor's clone goes to sign-in and comes back.
    let res = no_redirects
        .post(format!("{page}/clone"))
        .send()
        .await
        .expect("clone");
    assert_eq!(res.status(), 303);
    let to = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(to.starts_with("/auth?redirect="), "{to}");
}

#[tokio::test]
async fn members_ask_for_access_and_the_owner_approves_or_declines() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    // Bob only.
    p.set_grants(
        &p.owner,
        &chat_id,
        json!([{"principal_type": "user", "principal_id": p.bob.1, "permission": "read"}]),
    )
    .await;
    let ask = |token: Option<String>| {
        let url = format!("{}/api/v1/chats/share/{share_id}/access/request", p.base);
        async move { call(&client(), Method::POST, url, token.as_deref(), None).await }
    };
    let (status, asked) = ask(Some(p.carol.clone())).await;
    assert_eq!(status, 200, "{asked}");
    assert_eq!(asked["status"], "pending");
    assert_eq!(asked["name"], "Carol");
    let (status, again) = ask(Some(p.carol.clone())).await;
    assert_eq!(
        (status, &again["id"]),
        (200, &asked["id"]),
        "asking twice is one request"
    );
    assert_eq!(ask(Some(p.bob.0.clone())).await.0, 409, "Bob can open it already");
    assert_eq!(
        ask(Some(p.pending.clone())).await.0,
        403,
        "a pending account cannot ask"
    );
    assert_eq!(ask(None).await.0, 401);
    let unknown = format!(
        "{}/api/v1/chats/share/00000000-0000-0000-0000-000000000000/access/request",
        p.base
    );
    assert_eq!(
        call(&client(), Method::POST, unknown, Some(&p.carol), None)
            .await
            .0,
        404
    );

    // The owner sees Carol waiting; nobody else does.
    let requests_url = format!("{}/api/v1/chats/shared/{chat_id}/access/requests", p.base);
    let (status, waiting) = call(&client(), Method::GET, requests_url.clone(), Some(&p.owner), None).await;
    assert_eq!(status, 200);
    assert_eq!(waiting.as_array().map(Vec::len), Some(1), "{waiting}");
    assert_eq!(
        call(&client(), Method::GET, requests_url.clone(), Some(&p.carol), None)
            .await
            .0,
        404
    );
    let request_id = waiting[0]["id"].as_str().expect("an id").to_owned();
    // "My shared links" shows it under the link, and only to the owner; the JSON API's list
    // keeps Open WebUI's shape.
    let (status, mine) = fn_as(
        &p.base,
        Some(&p.owner),
        "list_shared",
        json!({"query": "", "page": 1}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(mine[0]["requests"][0]["id"], json!(request_id), "{mine}");
    assert_eq!(mine[0]["requests"][0]["name"], "Carol");
    let (_, listed) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/shared", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert!(listed[0].get("requests").is_none(), "{listed}");
    let (_, carols) = fn_as(
        &p.base,
        Some(&p.carol),
        "list_shared",
        json!({"query": "", "page": 1}),
    )
    .await;
    assert_eq!(carols, json!([]));
    let answer = |who: &str, verb: &str, id: &str| {
        let url = format!(
            "{}/api/v1/chats/shared/{chat_id}/access/requests/{id}/{verb}",
            p.base
        );
        let who = who.to_owned();
        async move { call(&client(), Method::POST, url, Some(&who), None).await.0 }
    };
    assert_eq!(
        answer(&p.carol, "approve", &request_id).await,
        404,
        "not Carol's to approve"
    );
    assert_eq!(p.statuses(&share_id).await, [200, 200, 200, 403, 403, 401]);
    assert_eq!(answer(&p.owner, "approve", &request_id).await, 200);
    assert_eq!(
        p.statuses(&share_id).await,
        [200, 200, 200, 200, 403, 401],
        "Carol is in"
    );
    assert_eq!(
        answer(&p.owner, "approve", &request_id).await,
        404,
        "answered already"
    );
    let (_, waiting) = call(&client(), Method::GET, requests_url.clone(), Some(&p.owner), None).await;
    assert_eq!(waiting, json!([]));

    // Declined: Dora cannot ask again.
    let dora = client();
    let dora_token = common::signup_with(&dora, &p.base, "Dora").await["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let (_, asked) = ask(Some(dora_token.clone())).await;
    let dora_request = asked["id"].as_str().expect("an id").to_owned();
    assert_eq!(answer(&p.owner, "decline", &dora_request).await, 200);
    let (status, refused) = ask(Some(dora_token.clone())).await;
    assert_eq!(status, 409);
    assert!(
        refused["detail"].as_str().is_some_and(|d| d.contains("declined")),
        "{refused}"
    );
    assert_eq!(
        call(
            &client(),
            Method::GET,
            format!("{}/api/v1/chats/share/{share_id}", p.base),
            Some(&dora_token),
            None
        )
        .await
        .0,
        403
    );

    // The 403 page offers the form, which asks and comes back saying so.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let (eve, _) = signup(&p.base, "Eve").await;
    let page = format!("{}/s/{share_id}", p.base);
    let html = no_redirects
        .get(&page)
        .bearer_auth(&eve)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(&format!("action=\"/s/{share_id}/request-access\"")),
        "{html}"
    );
    let res = no_redirects
        .post(format!("{page}/request-access"))
        .bearer_auth(&eve)
        .send()
        .await
        .expect("the form");
    assert_eq!(res.status(), 303);
    let to = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(to, format!("/s/{share_id}?requested=1"));
    let html = no_redirects
        .get(format!("{}{to}", p.base))
        .bearer_auth(&eve)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Requested."), "{html}");
    let (_, waiting) = call(&client(), Method::GET, requests_url, Some(&p.owner), None).await;
    assert_eq!(waiting[0]["name"], "Eve");
}

#[tokio::test]
async fn a_link_granted_to_a_group_opens_for_its_members_only() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let api = |path: &str| format!("{}/api/v1/groups{path}", p.base);
    // Only administrators make groups.
    let form = json!({"name": " Planners ", "description": "Trip planning"});
    assert_eq!(
        call(
            &client(),
            Method::POST,
            api("/create"),
            Some(&p.bob.0),
            Some(form.clone())
        )
        .await
        .0,
        403
    );
    assert_eq!(
        call(
            &client(),
            Method::POST,
            api("/create"),
            Some(&p.admin),
            Some(json!({"name": "  "}))
        )
        .await
        .0,
        422
    );
    let (status, group) = call(
        &client(),
        Method::POST,
        api("/create"),
        Some(&p.admin),
        Some(form),
    )
    .await;
    assert_eq!(status, 200, "{group}");
    assert_eq!(group["name"], "Planners");
    let gid = group["id"].as_str().expect("an id").to_owned();
    let carol_id = carol_id(&p).await;
    let (status, group) = call(
        &client(),
        Method::POST,
        api(&format!("/id/{gid}/users/add")),
        Some(&p.admin),
        Some(json!({"user_ids": [carol_id]})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(group["user_ids"], json!([carol_id]));
    let (status, _) = call(
        &client(),
        Method::POST,
        api(&format!("/id/{gid}/users/add")),
        Some(&p.admin),
        Some(json!({"user_ids": ["00000000-0000-0000-0000-000000000000"]})),
    )
    .await;
    assert_eq!(status, 422, "an unknown user");
    // Members see the groups, not who is in them.
    let (_, listed) = call(&client(), Method::GET, api("/"), Some(&p.bob.0), None).await;
    assert_eq!(listed[0]["name"], "Planners");
    assert!(listed[0].get("user_ids").is_none(), "{listed}");
    let (_, listed) = call(&client(), Method::GET, api("/"), Some(&p.admin), None).await;
    assert_eq!(listed[0]["user_ids"], json!([carol_id]));

    // The link for the group: Carol in, Bob out.
    let (status, _) = p
        .set_grants(
            &p.owner,
            &chat_id,
            json!([{"principal_type": "group", "principal_id": gid, "permission": "read"}]),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(p.statuses(&share_id).await, [200, 200, 403, 200, 403, 401]);
    // Carol leaves the group: out.
    call(
        &client(),
        Method::POST,
        api(&format!("/id/{gid}/users/remove")),
        Some(&p.admin),
        Some(json!({"user_ids": [carol_id]})),
    )
    .await;
    assert_eq!(p.statuses(&share_id).await, [200, 200, 403, 403, 403, 401]);
    // Deleting the group takes its grants with it.
    assert_eq!(
        call(
            &client(),
            Method::DELETE,
            api(&format!("/id/{gid}/delete")),
            Some(&p.admin),
            None
        )
        .await
        .0,
        200
    );
    let (_, grants) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/shared/{chat_id}/access", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert_eq!(grants, json!([]));
    assert_eq!(
        call(
            &client(),
            Method::DELETE,
            api(&format!("/id/{gid}/delete")),
            Some(&p.admin),
            None
        )
        .await
        .0,
        404
    );
    assert_eq!(
        p.set_grants(
            &p.owner,
            &chat_id,
            json!([{"principal_type": "group", "principal_id": gid, "permission": "read"}])
        )
        .await
        .0,
        422,
        "a deleted group cannot be granted"
    );
}

#[tokio::test]
async fn a_password_is_asked_of_everyone_but_the_owner() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let share = |body: Option<Value>| {
        let url = format!("{}/api/v1/chats/{chat_id}/share", p.base);
        let owner = p.owner.clone();
        async move { call(&client(), Method::POST, url, Some(&owner), body).await }
    };
    let (status, refused) = share(Some(json!({"password": "abc"}))).await;
    assert_eq!(status, 422, "too short: {refused}");
    assert_eq!(share(Some(json!({"password": 7}))).await.0, 422);
    assert_eq!(share(Some(json!({"password": "open sesame"}))).await.0, 200);
    let read = |token: Option<&str>, password: Option<&str>| {
        let mut r = client().get(format!("{}/api/v1/chats/share/{share_id}", p.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        if let Some(pw) = password {
            r = r.header("X-Share-Password", pw);
        }
        async move {
            let res = r.send().await.expect("send");
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    assert_eq!(read(Some(&p.owner), None).await.0, 200, "the owner needs none");
    let (status, body) = read(Some(&p.bob.0), None).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (401, Some("This link needs a password."))
    );
    let (status, body) = read(Some(&p.bob.0), Some("open sesame!")).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (401, Some("That password is not right."))
    );
    assert_eq!(read(Some(&p.bob.0), Some("open sesame")).await.0, 200);
    assert_eq!(read(Some(&p.admin), None).await.0, 401, "admins too");
    assert_eq!(
        read(Some(&p.pending), Some("open sesame")).await.0,
        403,
        "the grants come first"
    );
    // Sharing again (an update) keeps the password.
    assert_eq!(share(None).await.0, 200);
    assert_eq!(read(Some(&p.bob.0), None).await.0, 401);
    // Cloning needs it too.
    let clone = |pw: Option<&str>| {
        let mut r = client()
            .post(format!("{}/api/v1/chats/{share_id}/clone/shared", p.base))
            .bearer_auth(&p.bob.0);
        if let Some(pw) = pw {
            r = r.header("X-Share-Password", pw);
        }
        async move { r.send().await.expect("send").status().as_u16() }
    };
    assert_eq!(clone(None).await, 401);
    assert_eq!(clone(Some("open sesame")).await, 200);

    // The page: a form; a wrong password goes back to it; a right one sets the link's cookie.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let page = format!("{}/s/{share_id}", p.base);
    let res = no_redirects
        .get(&page)
        .bearer_auth(&p.bob.0)
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 401);
    let html = res.text().await.expect("html");
    assert!(
        html.contains(&format!("action=\"/s/{share_id}/password\"")),
        "{html}"
    );
    assert!(!html.contains("Where do we meet?"));
    let post = |pw: &str| {
        no_redirects
            .post(format!("{page}/password"))
            .bearer_auth(&p.bob.0)
            .form(&[("password", pw)])
            .send()
    };
    let res = post("wrong one").await.expect("form");
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers().get("location").and_then(|l| l.to_str().ok()),
        Some(format!("/s/{share_id}?wrong=1").as_str())
    );
    let res = post("open sesame").await.expect("form");
    assert_eq!(res.status(), 303);
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|c| c.to_str().ok())
        .expect("a cookie")
        .to_owned();
    assert!(
        cookie.starts_with("share_pass_") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().expect("name=value").to_owned();
    let res = no_redirects
        .get(&page)
        .bearer_auth(&p.bob.0)
        .header("Cookie", &pair)
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("html").contains("Where do we meet?"));

    // A new password ends the cookie; removing it opens the link to members again.
    assert_eq!(share(Some(json!({"password": "another one"}))).await.0, 200);
    let res = no_redirects
        .get(&page)
        .bearer_auth(&p.bob.0)
        .header("Cookie", &pair)
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 401);
    assert_eq!(share(Some(json!({"password": null}))).await.0, 200);
    assert_eq!(read(Some(&p.bob.0), None).await.0, 200);
}

#[tokio::test]
async fn wrong_link_passwords_slow_down_and_only_sharers_change_the_audience() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let url = format!("{}/api/v1/chats/{chat_id}/share", p.base);
    let (status, _) = call(
        &client(),
        Method::POST,
        url,
        Some(&p.owner),
        Some(json!({"password": "open sesame"})),
    )
    .await;
    assert_eq!(status, 200);
    let guess = |pw: &'static str| {
        let r = client()
            .get(format!("{}/api/v1/chats/share/{share_id}", p.base))
            .bearer_auth(&p.bob.0)
            .header("X-Share-Password", pw);
        async move { r.send().await.expect("send").status().as_u16() }
    };
    use app::accounts::service::FREE_ATTEMPTS;
    use app::share::password::wrong_guess_delay;
    let link = uuid::Uuid::parse_str(&share_id).expect("a share id");
    let next_wrong_waits = || async {
        !wrong_guess_delay(&p.server.db, link, "127.0.0.1")
            .await
            .unwrap()
            .is_zero()
    };
    // Right answers open it (more of them than the free attempts) and cost nothing.
    for _ in 0..=FREE_ATTEMPTS {
        assert_eq!(guess("open sesame").await, 200);
    }
    // The free wrong attempts: the server pauses none of them; after them, the next wrong one
    // is paused (the server's decision, read where it keeps its records).
    for _ in 0..FREE_ATTEMPTS {
        assert!(!next_wrong_waits().await);
        assert_eq!(guess("wrong").await, 401);
    }
    assert!(
        next_wrong_waits().await,
        "a wrong password past the free ones waits"
    );
    assert!(
        wrong_guess_delay(&p.server.db, link, "127.0.0.2")
            .await
            .unwrap()
            .is_zero(),
        "per address"
    );
    assert_eq!(guess("wrong").await, 401);
    assert_eq!(guess("open sesame").await, 200, "the right one still opens it");

    // Without chat.share, the owner cannot change who opens the link, nor its password.
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/users/default/permissions", p.base),
        Some(&p.admin),
        Some(json!({"chat": {"share": false}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(p.set_grants(&p.owner, &chat_id, json!([])).await.0, 403);
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/chats/{chat_id}/share", p.base),
        Some(&p.owner),
        Some(json!({"password": null})),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(p.statuses(&share_id).await[2], 401, "still behind its password");
}

/// Calls server function `name` as the holder of `token`; the status and the answer.
async fn fn_as(base: &str, token: Option<&str>, name: &str, body: Value) -> (u16, Value) {
    call(
        &client(),
        Method::POST,
        format!("{base}/api/fn/{name}"),
        token,
        Some(body),
    )
    .await
}

/// The user messages' texts of a chat view (`get_chat`'s answer), with their authors' names.
fn user_turns(view: &Value) -> Vec<(String, Option<String>)> {
    view["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["role"] == "user")
        .map(|m| {
            (
                m["text"].as_str().unwrap_or_default().to_owned(),
                m["author"][1].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_live_link_lets_write_grantees_continue_and_readers_follow() {
    let p = people().await;
    let (chat_id, share_id) = p.shared_chat().await;
    let bob_id = p.bob.1.clone();
    let live = |grants: Value, mode: Value| {
        let url = format!("{}/api/v1/chats/shared/{chat_id}/access/update", p.base);
        let owner = p.owner.clone();
        async move {
            call(
                &client(),
                Method::POST,
                url,
                Some(&owner),
                Some(json!({"access_grants": grants, "share_mode": mode})),
            )
            .await
        }
    };
    let bob_writes_carol_reads = json!([
        {"principal_type": "user", "principal_id": bob_id, "permission": "write"},
        {"principal_type": "user", "principal_id": carol_id(&p).await, "permission": "read"},
    ]);
    // Bad modes and write grants to anyone are refused, in words, and change nothing.
    let (status, body) = live(bob_writes_carol_reads.clone(), json!("forever")).await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["detail"].as_str().is_some_and(|d| d.contains("continue")),
        "{body}"
    );
    let (status, body) = live(
        json!([{"principal_type": "anyone", "principal_id": "*", "permission": "write"}]),
        json!("continue"),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = live(bob_writes_carol_reads.clone(), json!("continue")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["share_mode"], "continue");

    // The owner goes on chatting: readers of the live link see it at once.
    let get_chat = |token: Option<&str>| {
        let (base, token, body) = (p.base.clone(), token.map(str::to_owned), json!({"id": chat_id}));
        async move { fn_as(&base, token.as_deref(), "get_chat", body).await }
    };
    let (status, _) = fn_as(
        &p.base,
        Some(&p.owner),
        "send_message",
        json!({"chat_id": chat_id, "content": "Olive here: the station?", "model": null}),
    )
    .await;
    assert_eq!(status, 200);
    let share_url = format!("{}/api/v1/chats/share/{share_id}", p.base);
    let (status, seen) = call(&client(), Method::GET, share_url.clone(), Some(&p.carol), None).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["share_mode"], "continue");
    assert!(seen["chat"].to_string().contains("the station?"), "live: {seen}");

    // Who may continue it: the owner, admins and Bob (told whose chat it is); not Carol, who
    // only reads, nor the pending account, nor a visitor.
    //                                     owner admin bob  carol pending visitor
    assert_eq!(p.statuses(&share_id).await, [200, 200, 200, 200, 403, 401]);
    let mut continuing = Vec::new();
    for token in [
        Some(&p.owner),
        Some(&p.admin),
        Some(&p.bob.0),
        Some(&p.carol),
        Some(&p.pending),
        None,
    ] {
        continuing.push(get_chat(token.map(String::as_str)).await.0);
    }
    assert_eq!(continuing, [200, 200, 200, 404, 403, 401]);
    let (_, as_bob) = get_chat(Some(&p.bob.0)).await;
    assert_eq!(as_bob["shared_by"], "Olive");
    let (_, as_owner) = get_chat(Some(&p.owner)).await;
    assert_eq!(as_owner["shared_by"], Value::Null);

    // Bob adds a turn: it is signed with his name, for the owner and for the readers.
    let (status, sent) = fn_as(
        &p.base,
        Some(&p.bob.0),
        "send_message",
        json!({"chat_id": chat_id, "content": "Bob: the station at nine.", "model": null}),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    let (_, as_owner) = get_chat(Some(&p.owner)).await;
    assert_eq!(
        user_turns(&as_owner),
        [
            ("Where do we meet?".to_owned(), None),
            ("Olive here: the station?".to_owned(), None),
            ("Bob: the station at nine.".to_owned(), Some("Bob".to_owned())),
        ]
    );
    let (_, seen) = call(&client(), Method::GET, share_url.clone(), Some(&p.carol), None).await;
    assert!(seen["chat"].to_string().contains("\"name\":\"Bob\""), "{seen}");
    let (status, _) = fn_as(
        &p.base,
        Some(&p.carol),
        "send_message",
        json!({"chat_id": chat_id, "content": "Carol wants in", "model": null}),
    )
    .await;
    assert_eq!(status, 404, "a reader cannot write");

    // Continuing is not owning: no rename, delete, share, export or grants for Bob.
    for (name, body) in [
        ("rename_chat", json!({"id": chat_id, "title": "Bob's now"})),
        ("delete_chat", json!({"id": chat_id})),
        ("share_chat", json!({"chat_id": chat_id})),
        ("share_audience", json!({"chat_id": chat_id})),
        ("chat_json", json!({"chat_id": chat_id})),
    ] {
        assert_eq!(fn_as(&p.base, Some(&p.bob.0), name, body).await.0, 404, "{name}");
    }
    for (method, path) in [
        (Method::GET, format!("/api/v1/chats/{chat_id}")),
        (Method::DELETE, format!("/api/v1/chats/{chat_id}")),
        (Method::GET, format!("/api/v1/chats/shared/{chat_id}/access")),
    ] {
        let (status, _) = call(
            &client(),
            method,
            format!("{}{path}", p.base),
            Some(&p.bob.0),
            None,
        )
        .await;
        assert_eq!(status, 404, "{path}");
    }

    // A snapshot again: Bob is a reader of what was shared, and cannot continue.
    let (status, body) = live(bob_writes_carol_reads.clone(), Value::Null).await;
    assert_eq!(status, 200);
    assert!(body.get("share_mode").is_none_or(Value::is_null), "{body}");
    assert_eq!(get_chat(Some(&p.bob.0)).await.0, 404);
    let (_, seen) = call(&client(), Method::GET, share_url.clone(), Some(&p.bob.0), None).await;
    assert!(
        !seen["chat"].to_string().contains("the station?"),
        "the snapshot: {seen}"
    );

    // Live again, with the write grant through a group Carol is in.
    let gid = group_of(&p, &carol_id(&p).await).await;
    let (status, _) = live(
        json!([{"principal_type": "group", "principal_id": gid, "permission": "write"}]),
        json!("continue"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(get_chat(Some(&p.carol)).await.0, 200, "a group's write grant");
    assert_eq!(get_chat(Some(&p.bob.0)).await.0, 404, "Bob is in no grant now");

    // Deleting the link ends every grant at once.
    let (status, _) = call(
        &client(),
        Method::DELETE,
        format!("{}/api/v1/chats/{chat_id}/share", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(get_chat(Some(&p.carol)).await.0, 404);
    let (status, _) = fn_as(
        &p.base,
        Some(&p.carol),
        "send_message",
        json!({"chat_id": chat_id, "content": "still here?", "model": null}),
    )
    .await;
    assert_eq!(status, 404);
}

/// Carol's account id.
async fn carol_id(p: &People) -> String {
    let (_, me) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/auths/", p.base),
        Some(&p.carol),
        None,
    )
    .await;
    me["id"].as_str().expect("an id").to_owned()
}

/// A new group holding only `member`, made by the admin; its id.
async fn group_of(p: &People, member: &str) -> String {
    let (status, group) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/groups/create", p.base),
        Some(&p.admin),
        Some(json!({"name": "Crew"})),
    )
    .await;
    assert_eq!(status, 200, "{group}");
    let gid = group["id"].as_str().expect("an id").to_owned();
    let (status, _) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/groups/id/{gid}/users/add", p.base),
        Some(&p.admin),
        Some(json!({"user_ids": [member]})),
    )
    .await;
    assert_eq!(status, 200);
    gid
}

/// The Share dialog's Copy Link: the link is made with the audience, expiry and password chosen
/// before it existed, in one step (it never exists open to every member first); a refused
/// audience makes no link; the REST endpoint takes the same grants.
#[tokio::test]
async fn a_new_link_is_made_with_the_audience_chosen_before_it_existed() {
    let p = people().await;
    let new_chat = |title: &str| {
        let c = p.owner_cookie.clone();
        let base = p.base.clone();
        let chat = one_message_chat(title, "Where do we meet?");
        async move {
            let res = c
                .post(format!("{base}/api/v1/chats/new"))
                .json(&json!({ "chat": chat }))
                .send()
                .await
                .expect("create a chat");
            let created: Value = res.json().await.expect("a chat object");
            created["id"].as_str().expect("an id").to_owned()
        }
    };
    let chat_id = new_chat("Only Bob").await;
    let in_an_hour = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock")
        .as_secs()
        + 3600;
    let (status, link) = fn_as(
        &p.base,
        Some(&p.owner),
        "share_chat",
        json!({
            "chat_id": chat_id,
            "audience": {"grants": [{"principal_type": "user", "principal_id": p.bob.1, "permission": "read"}], "live": false},
            "expiry": {"at": in_an_hour},
            "password": null,
        }),
    )
    .await;
    assert_eq!(status, 200, "{link}");
    let share_id = link["share_id"].as_str().expect("a link").to_owned();
    //                                     owner admin bob  carol pending visitor
    assert_eq!(p.statuses(&share_id).await, [200, 200, 200, 403, 403, 401]);
    let (_, audience) = fn_as(
        &p.base,
        Some(&p.owner),
        "share_audience",
        json!({"chat_id": chat_id}),
    )
    .await;
    assert_eq!(audience["expires_at"], json!(in_an_hour), "{audience}");
    assert_eq!(audience["grants"].as_array().map(Vec::len), Some(1), "{audience}");

    // Anyone with the link, while the instance does not allow it: 403, and no link at all.
    let refused_chat = new_chat("Not for anyone").await;
    let (status, said) = fn_as(
        &p.base,
        Some(&p.owner),
        "share_chat",
        json!({
            "chat_id": refused_chat,
            "audience": {"grants": [{"principal_type": "anyone", "principal_id": "*", "permission": "read"}]},
        }),
    )
    .await;
    assert_eq!(status, 403, "{said}");
    let (_, chat) = call(
        &client(),
        Method::GET,
        format!("{}/api/v1/chats/{refused_chat}", p.base),
        Some(&p.owner),
        None,
    )
    .await;
    assert_eq!(chat["share_id"], Value::Null, "a refused audience makes no link");

    // The REST endpoint: an empty list is "only me".
    let (status, chat) = call(
        &client(),
        Method::POST,
        format!("{}/api/v1/chats/{refused_chat}/share", p.base),
        Some(&p.owner),
        Some(json!({"access_grants": []})),
    )
    .await;
    assert_eq!(status, 200, "{chat}");
    let share_id = chat["share_id"].as_str().expect("a link").to_owned();
    assert_eq!(p.statuses(&share_id).await, [200, 200, 403, 403, 403, 401]);
}
