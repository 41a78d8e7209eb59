//! The schema migrates up, down and up again on the backend under test.

mod common;

use migrations::{Migrator, MigratorTrait};

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let db = common::fresh_db().await;
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
    let db = common::fresh_db().await;
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
