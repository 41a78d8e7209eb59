//! Folders over real HTTP, on the backend under test: Open WebUI 0.12.4's API shapes (compared
//! with its recorded answers in `tests/fixtures/owui-0.12.4-folders.json`), cycles and names
//! refused, and who may do what with a shared folder and the chats inside it: the owner, an
//! admin, a read grantee, a write grantee, a group member, a member removed from the group, a
//! stranger and a visitor. And the permission switches (`features.folders`, `sharing.folders`).

mod common;

use std::collections::BTreeSet;

use common::{call, client, one_message_chat, signup};
use reqwest::Method;
use serde_json::{json, Value};

/// `method path` as the holder of `token` (none: a visitor); the status and answer.
async fn as_(
    base: &str,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    call(&client(), method, format!("{base}{path}"), token, body).await
}

/// The keys of a JSON object.
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// Open WebUI 0.12.4's recorded answer `name` (status and body).
fn recorded(name: &str) -> (u16, Value) {
    let all: Value =
        serde_json::from_slice(&common::fixture("owui-0.12.4-folders.json")).expect("the fixture");
    let r = &all[name];
    (r["status"].as_u64().expect("a status") as u16, r["body"].clone())
}

/// Asserts that `ours` has every key Open WebUI's answer `name` has (`but` aside).
fn same_keys(name: &str, ours: &Value, but: &[&str]) {
    let (_, theirs) = recorded(name);
    let theirs = if theirs.is_array() {
        theirs[0].clone()
    } else {
        theirs
    };
    same_keys_as(name, &theirs, ours, but);
}

/// Asserts that `ours` has every key of `theirs` (a part of Open WebUI's answer `name`), `but`
/// aside.
fn same_keys_as(name: &str, theirs: &Value, ours: &Value, but: &[&str]) {
    let missing: Vec<String> = keys(theirs)
        .difference(&keys(ours))
        .filter(|k| !but.contains(&k.as_str()))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "{name}: missing {missing:?} in {ours}");
}

/// Chat `chat` as the holder of `token` reads it in the app (`get_chat`): status and view.
async fn read_chat(base: &str, token: Option<&str>, chat: &str) -> (u16, Value) {
    as_(
        base,
        token,
        Method::POST,
        "/api/fn/get_chat",
        Some(json!({"id": chat})),
    )
    .await
}

async fn new_chat(base: &str, token: &str, title: &str) -> String {
    let (status, c) = as_(
        base,
        Some(token),
        Method::POST,
        "/api/v1/chats/new",
        Some(json!({"chat": one_message_chat(title, "Notes for the launch")})),
    )
    .await;
    assert_eq!(status, 200, "{c}");
    c["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn folders_answer_in_open_webuis_shapes_and_refuse_cycles_and_twin_names() {
    let (_server, base, _admin) = common::open_instance().await;
    let (alice, _) = signup(&base, "Alice").await;
    let a = Some(alice.as_str());
    let (status, f) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "Launch plans", "data": {"system_prompt": "You plan launches."}})),
    )
    .await;
    assert_eq!((status, recorded("create").0), (200, 200), "{f}");
    same_keys("create", &f, &[]);
    assert_eq!(f["data"]["system_prompt"], "You plan launches.");
    let fid = f["id"].as_str().expect("an id").to_owned();
    // A sibling with the same name: 400, as Open WebUI (names are compared without case).
    let (status, e) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "launch PLANS"})),
    )
    .await;
    assert_eq!((status, recorded("create_dup").0), (400, 400), "{e}");
    assert!(
        e["detail"].as_str().is_some_and(|d| d.contains("already exists")),
        "{e}"
    );
    // Unknown fields: 422, as Open WebUI's forbidden extras.
    let (status, _) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "X", "bogus": 1})),
    )
    .await;
    assert_eq!((status, recorded("create_extra").0), (422, 422));
    let (status, child) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "Week 1", "parent_id": fid})),
    )
    .await;
    assert_eq!(status, 200, "{child}");
    assert_eq!(child["parent_id"], json!(fid));
    let cid = child["id"].as_str().expect("an id").to_owned();
    let (status, list) = as_(&base, a, Method::GET, "/api/v1/folders/", None).await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
    same_keys("list", &list[0], &[]);
    let (status, one) = as_(&base, a, Method::GET, &format!("/api/v1/folders/{fid}"), None).await;
    assert_eq!(status, 200);
    same_keys("get", &one, &[]);
    assert_eq!(one["write_access"], true);
    // Into its own child, or into itself: 400, and nothing moves.
    for target in [&cid, &fid] {
        let (status, e) = as_(
            &base,
            a,
            Method::POST,
            &format!("/api/v1/folders/{fid}/update/parent"),
            Some(json!({"parent_id": target})),
        )
        .await;
        assert_eq!((status, recorded("cycle").0), (400, 400), "{e}");
    }
    let (_, one) = as_(&base, a, Method::GET, &format!("/api/v1/folders/{fid}"), None).await;
    assert_eq!(one["parent_id"], Value::Null);
    let (status, x) = as_(
        &base,
        a,
        Method::POST,
        &format!("/api/v1/folders/{fid}/update/expanded"),
        Some(json!({"is_expanded": true})),
    )
    .await;
    assert_eq!((status, x["is_expanded"].clone()), (200, json!(true)));
    same_keys("expanded", &x, &[]);
    let (status, x) = as_(
        &base,
        a,
        Method::POST,
        &format!("/api/v1/folders/{cid}/update"),
        Some(json!({"name": "Week one"})),
    )
    .await;
    assert_eq!((status, x["name"].clone()), (200, json!("Week one")));
    same_keys("update", &x, &[]);
    // Chats go in and out; the folder's lists show them.
    let chat = new_chat(&base, &alice, "Pricing").await;
    let (status, moved) = as_(
        &base,
        a,
        Method::POST,
        &format!("/api/v1/chats/{chat}/folder"),
        Some(json!({"folder_id": fid})),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["folder_id"], json!(fid));
    let (status, inside) = as_(
        &base,
        a,
        Method::GET,
        &format!("/api/v1/chats/folder/{fid}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(inside[0]["id"], json!(chat), "{inside}");
    let (status, page) = as_(
        &base,
        a,
        Method::GET,
        &format!("/api/v1/chats/folder/{fid}/list?page=1"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page[0]["title"], "Pricing", "{page}");
    // The sidebar's list leaves it out: it is under its folder now.
    let (_, side) = as_(
        &base,
        a,
        Method::POST,
        "/api/fn/list_chats",
        Some(json!({"query": ""})),
    )
    .await;
    assert!(
        side.as_array()
            .is_some_and(|l| l.iter().all(|c| c["id"] != json!(chat))),
        "{side}"
    );
    // Deleting the folder, keeping its chats: they move out.
    let (status, done) = as_(
        &base,
        a,
        Method::DELETE,
        &format!("/api/v1/folders/{fid}?delete_contents=false"),
        None,
    )
    .await;
    assert_eq!((status, done), (200, json!(true)));
    let (_, list) = as_(&base, a, Method::GET, "/api/v1/folders/", None).await;
    assert_eq!(list, json!([]), "the child folder went with it");
    let (status, c) = as_(&base, a, Method::GET, &format!("/api/v1/chats/{chat}"), None).await;
    assert_eq!((status, c["folder_id"].clone()), (200, Value::Null));
    // A folder deleted with its contents takes its chats.
    let (_, f2) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "Scratch"})),
    )
    .await;
    let f2 = f2["id"].as_str().expect("an id").to_owned();
    as_(
        &base,
        a,
        Method::POST,
        &format!("/api/v1/chats/{chat}/folder"),
        Some(json!({"folder_id": f2})),
    )
    .await;
    let (status, _) = as_(&base, a, Method::DELETE, &format!("/api/v1/folders/{f2}"), None).await;
    assert_eq!(status, 200);
    let (status, _) = as_(&base, a, Method::GET, &format!("/api/v1/chats/{chat}"), None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_shared_folder_lets_each_grantee_do_what_their_grant_says_and_no_more() {
    let (_server, base, admin) = common::open_instance().await;
    let (alice, _) = signup(&base, "Alice").await;
    let (bob, bob_id) = signup(&base, "Bob").await;
    let (cleo, cleo_id) = signup(&base, "Cleo").await;
    let (dan, dan_id) = signup(&base, "Dan").await;
    let (eve, _) = signup(&base, "Eve").await;
    let (a, b, c, d, e) = (
        Some(alice.as_str()),
        Some(bob.as_str()),
        Some(cleo.as_str()),
        Some(dan.as_str()),
        Some(eve.as_str()),
    );
    let (_, team) = as_(
        &base,
        Some(&admin),
        Method::POST,
        "/api/v1/groups/create",
        Some(json!({"name": "Launch team"})),
    )
    .await;
    let team = team["id"].as_str().expect("a group id").to_owned();
    let (status, _) = as_(
        &base,
        Some(&admin),
        Method::POST,
        &format!("/api/v1/groups/id/{team}/users/add"),
        Some(json!({"user_ids": [dan_id]})),
    )
    .await;
    assert_eq!(status, 200);
    let (_, f) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "Launch"})),
    )
    .await;
    let fid = f["id"].as_str().expect("an id").to_owned();
    let (_, g) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "Week 1", "parent_id": fid})),
    )
    .await;
    let gid = g["id"].as_str().expect("an id").to_owned();
    let c1 = new_chat(&base, &alice, "Pricing").await;
    let c2 = new_chat(&base, &alice, "Press").await;
    as_(
        &base,
        a,
        Method::POST,
        &format!("/api/v1/chats/{c1}/folder"),
        Some(json!({"folder_id": fid})),
    )
    .await;
    as_(
        &base,
        a,
        Method::POST,
        &format!("/api/v1/chats/{c2}/folder"),
        Some(json!({"folder_id": gid})),
    )
    .await;
    let grants = json!({"access_grants": [
        {"principal_type": "user", "principal_id": bob_id, "permission": "read"},
        {"principal_type": "user", "principal_id": cleo_id, "permission": "write"},
        {"principal_type": "group", "principal_id": team, "permission": "read"},
    ]});
    // Sharing folders is off by default (Open WebUI's sharing.folders): a member may not.
    let access = format!("/api/v1/folders/{fid}/access/update");
    let (status, _) = as_(&base, a, Method::POST, &access, Some(grants.clone())).await;
    assert_eq!(status, 403);
    let (status, p) = as_(
        &base,
        Some(&admin),
        Method::POST,
        "/api/v1/users/default/permissions",
        Some(json!({"sharing": {"folders": true}})),
    )
    .await;
    assert_eq!(
        (status, p["sharing"]["folders"].clone()),
        (200, json!(true)),
        "{p}"
    );
    // "Anyone with the link" is not a folder's audience.
    let (status, _) = as_(&base, a, Method::POST, &access, Some(json!({"access_grants": [{"principal_type": "anyone", "principal_id": "*", "permission": "read"}]}))).await;
    assert_eq!(status, 422);
    let (status, shared) = as_(&base, a, Method::POST, &access, Some(grants.clone())).await;
    assert_eq!(status, 200, "{shared}");
    same_keys("access_update", &shared, &[]);
    same_keys_as(
        "access_update",
        &recorded("access_update").1["access_grants"][0],
        &shared["access_grants"][0],
        &[],
    );
    // Nobody but the owner (or an admin) changes who it is shared with.
    for (who, want) in [(b, 403), (c, 403), (e, 403), (None, 401)] {
        let (status, _) = as_(
            &base,
            who,
            Method::POST,
            &access,
            Some(json!({"access_grants": []})),
        )
        .await;
        assert_eq!(status, want);
    }
    // Reading the folder.
    let folder = format!("/api/v1/folders/{fid}");
    for (who, want, write) in [
        (a, 200, true),
        (Some(admin.as_str()), 200, true),
        (b, 200, false),
        (c, 200, true),
        (d, 200, false),
        (e, 404, false),
        (None, 401, false),
    ] {
        let (status, body) = as_(&base, who, Method::GET, &folder, None).await;
        assert_eq!(status, want, "{body}");
        if status == 200 {
            assert_eq!(body["write_access"], json!(write), "{body}");
        }
    }
    // Its chats: listed for grantees, each with its owner and participants.
    let chats = format!("/api/v1/folders/{fid}/shared/chats");
    let (status, list) = as_(&base, b, Method::GET, &chats, None).await;
    assert_eq!(status, 200, "{list}");
    same_keys("shared_chats", &list, &[]);
    same_keys_as(
        "shared_chats",
        &recorded("shared_chats").1["chats"][0],
        &list["chats"][0],
        &["active"],
    );
    assert_eq!(list["folder_permission"], "read");
    assert_eq!(list["chats"][0]["owner_name"], "Alice");
    for (who, want) in [(e, 403), (None, 401)] {
        assert_eq!(as_(&base, who, Method::GET, &chats, None).await.0, want);
    }
    // "Shared with me": the folder and the one inside it, with their owner.
    let (_, mine) = as_(&base, b, Method::GET, "/api/v1/folders/shared", None).await;
    let names: BTreeSet<&str> = mine
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, BTreeSet::from(["Launch", "Week 1"]), "{mine}");
    same_keys("shared", &mine[0], &["items", "meta", "data"]);
    assert_eq!(
        as_(&base, e, Method::GET, "/api/v1/folders/shared", None).await.1,
        json!([])
    );
    // The chats inside, through the chats API: read for grantees (the subfolder's too).
    for (who, chat, want) in [
        (b, &c1, 200),
        (b, &c2, 200),
        (d, &c1, 200),
        (c, &c2, 200),
        (e, &c1, 404),
    ] {
        let (status, body) = read_chat(&base, who, chat).await;
        assert_eq!(status, want, "{body}");
        if status == 200 {
            // As a grantee reads it: its owner named, none of the owner's private fields.
            assert_eq!(body["shared_by"], "Alice", "{body}");
            assert_eq!(body["read_only"], json!(who == b || who == d), "{body}");
        }
    }
    // Continuing: the write grantee may, signed; a read grantee may not; a stranger finds nothing.
    let send = |chat: &str| json!({"chat_id": chat, "content": "Add a launch-day checklist", "model": null});
    let (status, v) = as_(&base, c, Method::POST, "/api/fn/send_message", Some(send(&c1))).await;
    assert_eq!(status, 200, "{v}");
    let (status, _) = as_(&base, b, Method::POST, "/api/fn/send_message", Some(send(&c1))).await;
    assert_eq!(status, 403);
    let (status, _) = as_(&base, e, Method::POST, "/api/fn/send_message", Some(send(&c1))).await;
    assert_eq!(status, 404);
    let (_, owner_view) = as_(&base, a, Method::GET, &format!("/api/v1/chats/{c1}"), None).await;
    let history = owner_view["chat"]["history"]["messages"]
        .as_object()
        .expect("messages")
        .clone();
    assert!(
        history
            .values()
            .any(|m| m["content"] == "Add a launch-day checklist"),
        "the owner sees Cleo's turn"
    );
    // Write grantees add their own chats; read grantees can't; nobody renames or deletes others'.
    let cleos = new_chat(&base, &cleo, "Cleo's ideas").await;
    let (status, _) = as_(
        &base,
        c,
        Method::POST,
        &format!("/api/v1/chats/{cleos}/folder"),
        Some(json!({"folder_id": fid})),
    )
    .await;
    assert_eq!(status, 200);
    let bobs = new_chat(&base, &bob, "Bob's ideas").await;
    let (status, _) = as_(
        &base,
        b,
        Method::POST,
        &format!("/api/v1/chats/{bobs}/folder"),
        Some(json!({"folder_id": fid})),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        as_(&base, c, Method::DELETE, &format!("/api/v1/chats/{c1}"), None)
            .await
            .0,
        404
    );
    assert_eq!(
        as_(
            &base,
            c,
            Method::POST,
            &format!("/api/v1/chats/{c1}"),
            Some(json!({"chat": one_message_chat("Mine now", "x")}))
        )
        .await
        .0,
        404
    );
    // Changing the folder is the owner's, through the API and the app alike: grantees and
    // admins 403, strangers 404.
    for (who, want) in [(b, 403), (c, 403), (Some(admin.as_str()), 403), (e, 404)] {
        let rename = json!({"change": {"do": "rename", "id": fid, "name": "Mine"}});
        assert_eq!(
            as_(&base, who, Method::POST, "/api/fn/change_folders", Some(rename))
                .await
                .0,
            want
        );
        let parent = json!({"parent_id": null});
        assert_eq!(
            as_(
                &base,
                who,
                Method::POST,
                &format!("{folder}/update/parent"),
                Some(parent)
            )
            .await
            .0,
            want
        );
        assert_eq!(
            as_(
                &base,
                who,
                Method::POST,
                &format!("{folder}/update"),
                Some(json!({"name": "Mine"}))
            )
            .await
            .0,
            want
        );
        assert_eq!(as_(&base, who, Method::DELETE, &folder, None).await.0, want);
    }
    // Marking read: the chats Cleo changed are unread for Bob until he marks the folder read.
    let unread = |l: &Value| {
        l["chats"]
            .as_array()
            .map(|c| c.iter().filter(|x| x["unread"] == true).count())
            .unwrap_or(0)
    };
    let (_, list) = as_(&base, b, Method::GET, &chats, None).await;
    assert!(unread(&list) >= 1, "{list}");
    assert_eq!(
        as_(&base, b, Method::POST, &format!("{folder}/read"), None)
            .await
            .0,
        200
    );
    let (_, list) = as_(&base, b, Method::GET, &chats, None).await;
    assert_eq!(unread(&list), 0, "{list}");
    assert_eq!(
        as_(&base, e, Method::POST, &format!("{folder}/read"), None)
            .await
            .0,
        403
    );
    // A chat kept out of the folder's reach is gone for its grantees.
    let (status, _) = as_(
        &base,
        a,
        Method::POST,
        "/api/fn/change_folders",
        Some(json!({"change": {"do": "keep_private", "chat_id": c1, "private": true}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(read_chat(&base, b, &c1).await.0, 404);
    // A member removed from the group loses the folder at once.
    let (status, _) = as_(
        &base,
        Some(&admin),
        Method::POST,
        &format!("/api/v1/groups/id/{team}/users/remove"),
        Some(json!({"user_ids": [dan_id]})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(as_(&base, d, Method::GET, &folder, None).await.0, 404);
    assert_eq!(read_chat(&base, d, &c2).await.0, 404);
    assert_eq!(
        as_(&base, d, Method::GET, "/api/v1/folders/shared", None).await.1,
        json!([])
    );
    // Folders turned off: members get 403, admins keep theirs.
    let (status, _) = as_(
        &base,
        Some(&admin),
        Method::POST,
        "/api/v1/users/default/permissions",
        Some(json!({"features": {"folders": false}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(as_(&base, a, Method::GET, "/api/v1/folders/", None).await.0, 403);
    assert_eq!(
        as_(&base, Some(&admin), Method::GET, "/api/v1/folders/", None)
            .await
            .0,
        200
    );
    as_(
        &base,
        Some(&admin),
        Method::POST,
        "/api/v1/users/default/permissions",
        Some(json!({"features": {"folders": true}})),
    )
    .await;
    // Deleting the folder takes its grants: nothing is shared with Bob any more.
    assert_eq!(
        as_(
            &base,
            a,
            Method::DELETE,
            &format!("{folder}?delete_contents=false"),
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(
        as_(&base, b, Method::GET, "/api/v1/folders/shared", None).await.1,
        json!([])
    );
    assert_eq!(read_chat(&base, b, &c2).await.0, 404);
}

#[tokio::test]
async fn a_group_can_let_its_members_share_folders_when_the_default_does_not() {
    let (_server, base, admin) = common::open_instance().await;
    let (alice, alice_id) = signup(&base, "Alice").await;
    let (bob, bob_id) = signup(&base, "Bob").await;
    let (a, b) = (Some(alice.as_str()), Some(bob.as_str()));
    let (_, leads) = as_(
        &base,
        Some(&admin),
        Method::POST,
        "/api/v1/groups/create",
        Some(json!({"name": "Leads"})),
    )
    .await;
    let leads = leads["id"].as_str().expect("a group id").to_owned();
    as_(
        &base,
        Some(&admin),
        Method::POST,
        &format!("/api/v1/groups/id/{leads}/users/add"),
        Some(json!({"user_ids": [alice_id]})),
    )
    .await;
    let folder_of = |token: String| {
        let base = base.clone();
        async move {
            let (_, f) = as_(
                &base,
                Some(&token),
                Method::POST,
                "/api/v1/folders/",
                Some(json!({"name": "Plans"})),
            )
            .await;
            f["id"].as_str().expect("an id").to_owned()
        }
    };
    let (fa, fb) = (folder_of(alice.clone()).await, folder_of(bob.clone()).await);
    let to = |who: &str| json!({"access_grants": [{"principal_type": "user", "principal_id": who, "permission": "read"}]});
    // Off by default, and the group does not give it yet.
    assert_eq!(
        as_(
            &base,
            a,
            Method::POST,
            &format!("/api/v1/folders/{fa}/access/update"),
            Some(to(&bob_id))
        )
        .await
        .0,
        403
    );
    let (status, g) = as_(
        &base,
        Some(&admin),
        Method::POST,
        &format!("/api/v1/groups/id/{leads}/update"),
        Some(json!({"name": "Leads", "permissions": {"sharing": {"folders": true}}})),
    )
    .await;
    assert_eq!(status, 200, "{g}");
    assert_eq!(g["permissions"]["sharing"]["folders"], true, "{g}");
    // Alice, a lead, may now; Bob, who is not, still may not.
    assert_eq!(
        as_(
            &base,
            a,
            Method::POST,
            &format!("/api/v1/folders/{fa}/access/update"),
            Some(to(&bob_id))
        )
        .await
        .0,
        200
    );
    assert_eq!(
        as_(
            &base,
            b,
            Method::POST,
            &format!("/api/v1/folders/{fb}/access/update"),
            Some(to(&alice_id))
        )
        .await
        .0,
        403
    );
    let (_, list) = as_(&base, Some(&admin), Method::GET, "/api/v1/groups/", None).await;
    assert_eq!(list[0]["permissions"]["sharing"]["folders"], true, "{list}");
}

#[tokio::test]
async fn deleting_an_account_takes_its_folders_and_gives_others_their_chats_back() {
    let (_server, base, admin) = common::open_instance().await;
    let (alice, alice_id) = signup(&base, "Alice").await;
    let (cleo, cleo_id) = signup(&base, "Cleo").await;
    let (a, c) = (Some(alice.as_str()), Some(cleo.as_str()));
    as_(
        &base,
        Some(&admin),
        Method::POST,
        "/api/v1/users/default/permissions",
        Some(json!({"sharing": {"folders": true}})),
    )
    .await;
    let (_, f) = as_(
        &base,
        a,
        Method::POST,
        "/api/v1/folders/",
        Some(json!({"name": "Launch"})),
    )
    .await;
    let fid = f["id"].as_str().expect("an id").to_owned();
    let grant = json!({"access_grants": [{"principal_type": "user", "principal_id": cleo_id, "permission": "write"}]});
    assert_eq!(
        as_(
            &base,
            a,
            Method::POST,
            &format!("/api/v1/folders/{fid}/access/update"),
            Some(grant)
        )
        .await
        .0,
        200
    );
    let hers = new_chat(&base, &cleo, "Cleo's ideas").await;
    assert_eq!(
        as_(
            &base,
            c,
            Method::POST,
            &format!("/api/v1/chats/{hers}/folder"),
            Some(json!({"folder_id": fid}))
        )
        .await
        .0,
        200
    );
    let listed = |l: &Value| {
        l.as_array()
            .is_some_and(|l| l.iter().any(|x| x["id"] == json!(hers)))
    };
    let (_, side) = as_(
        &base,
        c,
        Method::POST,
        "/api/fn/list_chats",
        Some(json!({"query": ""})),
    )
    .await;
    assert!(!listed(&side), "filed in Alice's folder: {side}");
    assert_eq!(
        as_(
            &base,
            Some(&admin),
            Method::DELETE,
            &format!("/api/v1/users/{alice_id}"),
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(
        as_(&base, c, Method::GET, "/api/v1/folders/shared", None).await.1,
        json!([])
    );
    let (_, side) = as_(
        &base,
        c,
        Method::POST,
        "/api/fn/list_chats",
        Some(json!({"query": ""})),
    )
    .await;
    assert!(listed(&side), "back in Cleo's list: {side}");
    let (_, chat) = as_(&base, c, Method::GET, &format!("/api/v1/chats/{hers}"), None).await;
    assert_eq!(chat["folder_id"], Value::Null);
}
