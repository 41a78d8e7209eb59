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
