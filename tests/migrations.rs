//! The schema migrates up, down and up again on the backend under test.

mod common;

use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

/// A migrated, empty database of the backend under test, through one connection.
///
/// These tests take the schema down and up again. Through a pool, SQLite fails that at random:
/// a connection that has been idle since another one dropped a column still holds the old
/// schema, and SQLite checks `ADD COLUMN` against it when the statement is prepared
/// ("duplicate column name"), without the re-read it does for a missing table or column. One
/// connection always sees its own changes.
async fn one_connection_db() -> DatabaseConnection {
    let url = common::fresh_database_url().await;
    chatshare::db::connect_and_migrate(&url, 1)
        .await
        .expect("open and migrate the test database")
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let db = one_connection_db().await;
    let applied = Migrator::get_applied_migrations(&db).await.unwrap();
    assert_eq!(applied.len(), Migrator::migrations().len());
    assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty());

    Migrator::down(&db, None).await.unwrap();
    assert!(Migrator::get_applied_migrations(&db).await.unwrap().is_empty());

    Migrator::up(&db, None).await.unwrap();
    assert_eq!(
        Migrator::get_applied_migrations(&db).await.unwrap().len(),
        Migrator::migrations().len()
    );
}

#[tokio::test]
async fn links_made_before_grants_stay_open_to_every_member() {
    use app::accounts::service::{sign_up, SignUp};
    let db = one_connection_db().await;
    let d = app::instance::SettingsDefaults::default();
    let olive = sign_up(
        &db,
        &d,
        SignUp {
            name: "Olive".into(),
            email: "olive@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let chat = app::chats::service::create(&db, &olive, serde_json::json!({"title": "Old link"}))
        .await
        .unwrap();
    app::share::service::share(&db, &d, &olive, chat.id)
        .await
        .unwrap();
    app::share::grants::replace(&db, &d, &olive, chat.id, Vec::new(), false)
        .await
        .unwrap();
    assert!(app::share::grants::list(&db, &olive, chat.id)
        .await
        .unwrap()
        .is_empty());

    // Back to before grants existed (every migration after the fourth undone), and forward
    // again: the link gets `user:* read`.
    let after_grants = u32::try_from(Migrator::migrations().len() - 4).unwrap();
    Migrator::down(&db, Some(after_grants)).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    let grants = app::share::grants::list(&db, &olive, chat.id).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(
        (
            grants[0].principal_type,
            grants[0].principal_id.as_str(),
            grants[0].permission
        ),
        (
            app::share::PrincipalType::User,
            "*",
            app::share::GrantPermission::Read
        )
    );
}

#[tokio::test]
async fn links_made_before_scopes_read_as_their_visible_branch_and_become_version_1() {
    use app::accounts::service::{set_role, sign_up, SignUp};
    use sea_orm::ConnectionTrait;
    let db = one_connection_db().await;
    let d = app::instance::SettingsDefaults::default();
    let mk = |n: &str| SignUp {
        name: n.into(),
        email: format!("{}@example.com", n.to_lowercase()),
        password: "correct horse".into(),
    };
    let olive = sign_up(&db, &d, mk("Olive")).await.unwrap().user;
    let bob = sign_up(&db, &d, mk("Bob")).await.unwrap().user;
    let bob = set_role(&db, bob.id, "user").await.unwrap();
    let tree = serde_json::json!({"title": "Old", "history": {"currentId": "a2", "messages": {
        "u": {"id": "u", "parentId": null, "childrenIds": ["a1", "a2"], "role": "user", "content": "q"},
        "a1": {"id": "a1", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "discarded"},
        "a2": {"id": "a2", "parentId": "u", "childrenIds": [], "role": "assistant", "content": "kept"}
    }}});
    let chat = app::chats::service::create(&db, &olive, tree.clone())
        .await
        .unwrap();
    let shared = app::share::service::share(&db, &d, &olive, chat.id)
        .await
        .unwrap();
    let share_id = shared.share_id.unwrap();

    // Back to before scopes and versions (every migration after the tenth undone), with the
    // whole tree in the snapshot as links held it then; and forward again.
    let after_lifetimes = u32::try_from(Migrator::migrations().len() - 10).unwrap();
    Migrator::down(&db, Some(after_lifetimes)).await.unwrap();
    let backend = db.get_database_backend();
    db.execute(sea_orm::Statement::from_sql_and_values(
        backend,
        match backend {
            sea_orm::DatabaseBackend::Postgres => "UPDATE shared_chat SET chat = $1 WHERE id = $2",
            _ => "UPDATE shared_chat SET chat = ? WHERE id = ?",
        },
        [tree.to_string().into(), share_id.into()],
    ))
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();

    let snap = app::share::service::view(&db, &bob, share_id).await.unwrap();
    assert!(snap.row.scope.is_none());
    assert!(!snap.row.chat.contains("discarded"), "{}", snap.row.chat);
    assert!(snap.row.chat.contains("kept"));
    let versions = app::share::versions::list(&db, &olive, share_id).await.unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        (
            versions[0].version,
            versions[0].message_count,
            versions[0].current
        ),
        (1, 3, true)
    );
}

/// A linear chat of `n` messages with Open WebUI's flat copy of them.
fn linear_chat(n: usize) -> serde_json::Value {
    let mut messages = serde_json::Map::new();
    let mut flat = Vec::new();
    for i in 0..n {
        let id = format!("m{i:04}");
        let m = serde_json::json!({
            "id": id,
            "parentId": if i == 0 { serde_json::Value::Null } else { format!("m{:04}", i - 1).into() },
            "childrenIds": if i + 1 < n { vec![format!("m{:04}", i + 1)] } else { vec![] },
            "role": if i % 2 == 0 { "user" } else { "assistant" },
            "content": format!("Message {i}: \"quoted\", ünïcode ✓ and a [link](https://example.com/{i})"),
        });
        flat.push(m.clone());
        messages.insert(id, m);
    }
    serde_json::json!({"title": "Versions", "history": {"currentId": format!("m{:04}", n - 1), "messages": messages}, "messages": flat})
}

#[tokio::test]
async fn versions_stored_by_content_open_to_the_same_json_before_and_after_the_migration() {
    use app::accounts::service::{sign_up, SignUp};
    use app::entities::{share_chunk, share_version};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let db = one_connection_db().await;
    let d = app::instance::SettingsDefaults::default();
    let olive = sign_up(
        &db,
        &d,
        SignUp {
            name: "Olive".into(),
            email: "olive@example.com".into(),
            password: "correct horse".into(),
        },
    )
    .await
    .unwrap()
    .user;
    let chat = app::chats::service::create(&db, &olive, linear_chat(100))
        .await
        .unwrap();
    let mut share_id = None;
    for n in [100, 101, 140, 141, 141] {
        let c = linear_chat(n);
        app::chats::service::update(
            &db,
            &olive,
            chat.id,
            serde_json::json!({"history": c["history"], "messages": c["messages"]}),
        )
        .await
        .unwrap();
        share_id = app::share::service::share(&db, &d, &olive, chat.id)
            .await
            .unwrap()
            .share_id;
    }
    let share_id = share_id.unwrap();
    let read_all = || async {
        let mut all = Vec::new();
        for info in app::share::versions::list(&db, &olive, share_id).await.unwrap() {
            let (_, v) = app::share::versions::read(&db, &olive, share_id, info.version)
                .await
                .unwrap();
            all.push((info.version, info.message_count, v.chat));
        }
        all
    };
    let stored_now = read_all().await;
    // An unchanged update made no version.
    assert_eq!(
        stored_now.iter().map(|v| (v.0, v.1)).collect::<Vec<_>>(),
        [(4, 141), (3, 140), (2, 101), (1, 100)]
    );
    // Stored by content: each version is a skeleton, the messages are chunks held once.
    let rows = share_version::Entity::find()
        .filter(share_version::Column::ShareId.eq(share_id))
        .all(&db)
        .await
        .unwrap();
    assert!(rows
        .iter()
        .all(|v| v.chunks.as_deref().is_some_and(|c| !c.is_empty()) && v.chat.len() < 300));
    let chunk_bytes: usize = share_chunk::Entity::find()
        .filter(share_chunk::Column::ShareId.eq(share_id))
        .all(&db)
        .await
        .unwrap()
        .iter()
        .map(|c| c.body.len())
        .sum();
    let largest = stored_now[0].2.len();
    assert!(
        chunk_bytes < largest * 2,
        "four versions' chunks take {chunk_bytes} bytes; one snapshot {largest}"
    );

    // Undone, every version holds its whole JSON again, byte for byte what it opened to.
    Migrator::down(&db, Some(1)).await.unwrap();
    let whole = |v: i64| {
        let db = &db;
        async move {
            use sea_orm::ConnectionTrait;
            let backend = db.get_database_backend();
            let sql = match backend {
                sea_orm::DatabaseBackend::Postgres => {
                    "SELECT chat FROM share_version WHERE share_id = $1 AND version = $2"
                }
                _ => "SELECT chat FROM share_version WHERE share_id = ? AND version = ?",
            };
            let row = db
                .query_one(sea_orm::Statement::from_sql_and_values(
                    backend,
                    sql,
                    [share_id.into(), v.into()],
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<String>("", "chat").unwrap()
        }
    };
    for (n, _, json) in &stored_now {
        assert_eq!(&whole(*n).await, json, "version {n} whole again");
    }
    // And converted again by the migration, each opens to the same JSON.
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(read_all().await, stored_now);
    assert!(share_chunk::Entity::find().count(&db).await.unwrap() > 0);
}
