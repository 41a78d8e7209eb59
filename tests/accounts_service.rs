//! Accounts, tested at the service level (no HTTP) on the backend under test.

mod common;

use app::accounts::service::{self as accounts, Role, SignUp};
use app::error::AppError;
use app::instance::{service as instance, SettingsDefaults};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

fn signup(name: &str, email: &str) -> SignUp {
    SignUp {
        name: name.into(),
        email: email.into(),
        password: "correct horse".into(),
    }
}

async fn setup() -> (DatabaseConnection, SettingsDefaults) {
    (common::fresh_db().await, SettingsDefaults::default())
}

#[tokio::test]
async fn first_account_is_admin_later_ones_get_the_default_role() {
    let (db, d) = setup().await;
    let a = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    assert_eq!(a.user.role, Role::Admin);
    let b = accounts::sign_up(&db, &d, signup("Bob", "bob@example.com"))
        .await
        .unwrap();
    assert_eq!(b.user.role, Role::Pending);

    instance::update(&db, &d, json!({"default_user_role": "user"}))
        .await
        .unwrap();
    let c = accounts::sign_up(&db, &d, signup("Carol", "carol@example.com"))
        .await
        .unwrap();
    assert_eq!(c.user.role, Role::User);

    // The environment can set the default too.
    let (db2, _) = setup().await;
    let d2 = SettingsDefaults {
        default_user_role: "user".into(),
        ..SettingsDefaults::default()
    };
    accounts::sign_up(&db2, &d2, signup("A", "a@example.com"))
        .await
        .unwrap();
    assert_eq!(
        accounts::sign_up(&db2, &d2, signup("B", "b@example.com"))
            .await
            .unwrap()
            .user
            .role,
        Role::User
    );
}

#[tokio::test]
async fn sign_up_can_be_turned_off_but_never_for_the_first_account() {
    let (db, d) = setup().await;
    instance::update(&db, &d, json!({"enable_signup": false}))
        .await
        .unwrap();
    accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    let err = accounts::sign_up(&db, &d, signup("Bob", "bob@example.com"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), 403);
    assert!(err.detail().contains("Sign-up is disabled"));
}

#[tokio::test]
async fn emails_are_unique_whatever_their_case_and_input_is_checked() {
    let (db, d) = setup().await;
    accounts::sign_up(&db, &d, signup("Alice", "Alice@Example.com"))
        .await
        .unwrap();
    let err = accounts::sign_up(&db, &d, signup("Alice 2", " ALICE@example.COM "))
        .await
        .unwrap_err();
    assert_eq!(err.status(), 409);

    let short = SignUp {
        password: "short".into(),
        ..signup("X", "x@example.com")
    };
    assert!(accounts::sign_up(&db, &d, short)
        .await
        .unwrap_err()
        .detail()
        .contains("at least 8"));
    assert_eq!(
        accounts::sign_up(&db, &d, signup("X", "not-an-email"))
            .await
            .unwrap_err()
            .status(),
        400
    );
    assert_eq!(
        accounts::sign_up(&db, &d, signup("  ", "y@example.com"))
            .await
            .unwrap_err()
            .status(),
        400
    );
    // The stored email is lower-cased, and signing in with any case works.
    let ok = accounts::sign_in(&db, "ALICE@EXAMPLE.COM", "correct horse", "1.2.3.4")
        .await
        .unwrap();
    assert_eq!(ok.user.email, "alice@example.com");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let (db, d) = setup().await;
    accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    let wrong = accounts::sign_in(&db, "alice@example.com", "wrong password", "1.2.3.4")
        .await
        .unwrap_err();
    let unknown = accounts::sign_in(&db, "nobody@example.com", "wrong password", "1.2.3.4")
        .await
        .unwrap_err();
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong,
        AppError::BadRequest("The email or password is incorrect.".into())
    );
}

#[tokio::test]
async fn sessions_expire_and_sign_out_ends_them() {
    let (db, d) = setup().await;
    let a = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    assert_eq!(
        accounts::authenticate(&db, &d, &a.token)
            .await
            .unwrap()
            .unwrap()
            .id,
        a.user.id
    );
    assert!(a.token.len() >= 32, "at least 128 bits of token");

    let (expired, _) = accounts::create_session(&db, a.user.id, -1).await.unwrap();
    assert!(accounts::authenticate(&db, &d, &expired).await.unwrap().is_none());

    accounts::sign_out(&db, &a.token).await.unwrap();
    assert!(accounts::authenticate(&db, &d, &a.token).await.unwrap().is_none());
    assert!(accounts::authenticate(&db, &d, "made-up")
        .await
        .unwrap()
        .is_none());
    // Only the hash is stored.
    let stored = app::entities::session::Entity::find().all(&db).await.unwrap();
    assert!(stored.iter().all(|s| s.token_hash != a.token));
}

#[tokio::test]
async fn api_keys_authenticate_until_revoked_and_can_be_disabled() {
    let (db, d) = setup().await;
    let a = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    let (row, key) = accounts::create_api_key(&db, &d, &a.user).await.unwrap();
    assert!(key.starts_with("sk-") && key.len() > 40);
    assert!(key.starts_with(&row.prefix) && row.prefix.len() < 16);
    assert_eq!(
        accounts::authenticate(&db, &d, &key).await.unwrap().unwrap().id,
        a.user.id
    );
    let listed = accounts::list_api_keys(&db, &a.user).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_ne!(listed[0].key_hash, key);

    accounts::revoke_api_key(&db, &a.user, row.id).await.unwrap();
    assert!(accounts::authenticate(&db, &d, &key).await.unwrap().is_none());
    assert_eq!(
        accounts::revoke_api_key(&db, &a.user, row.id)
            .await
            .unwrap_err()
            .status(),
        404
    );

    instance::update(&db, &d, json!({"enable_api_keys": false}))
        .await
        .unwrap();
    assert_eq!(
        accounts::create_api_key(&db, &d, &a.user)
            .await
            .unwrap_err()
            .status(),
        403
    );
}

#[tokio::test]
async fn another_users_api_key_cannot_be_revoked() {
    let (db, d) = setup().await;
    let a = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    let b = accounts::sign_up(&db, &d, signup("Bob", "bob@example.com"))
        .await
        .unwrap();
    let (row, key) = accounts::create_api_key(&db, &d, &a.user).await.unwrap();
    assert_eq!(
        accounts::revoke_api_key(&db, &b.user, row.id)
            .await
            .unwrap_err()
            .status(),
        404
    );
    assert!(accounts::authenticate(&db, &d, &key).await.unwrap().is_some());
}

#[tokio::test]
async fn share_permission_defaults_overrides_and_roles() {
    let (db, d) = setup().await;
    let admin = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap()
        .user;
    let pending = accounts::sign_up(&db, &d, signup("Bob", "bob@example.com"))
        .await
        .unwrap()
        .user;
    let user = accounts::set_role(&db, pending.id, "user").await.unwrap();
    let still_pending = accounts::sign_up(&db, &d, signup("Carol", "carol@example.com"))
        .await
        .unwrap()
        .user;

    assert!(
        accounts::can_share(&db, &d, &user).await.unwrap(),
        "on by default"
    );
    assert!(
        !accounts::can_share(&db, &d, &still_pending).await.unwrap(),
        "pending users share nothing"
    );
    instance::update(&db, &d, json!({"default_can_share": false}))
        .await
        .unwrap();
    assert!(!accounts::can_share(&db, &d, &user).await.unwrap());
    assert!(
        accounts::can_share(&db, &d, &admin).await.unwrap(),
        "admins always can"
    );
    let user = accounts::set_can_share(&db, user.id, Some(true)).await.unwrap();
    assert!(
        accounts::can_share(&db, &d, &user).await.unwrap(),
        "a per-user override wins"
    );
    let user = accounts::set_can_share(&db, user.id, None).await.unwrap();
    assert!(!accounts::can_share(&db, &d, &user).await.unwrap());
}

#[tokio::test]
async fn pending_users_are_refused_and_admin_checks_hold() {
    let (db, d) = setup().await;
    let admin = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap()
        .user;
    let pending = accounts::sign_up(&db, &d, signup("Bob", "bob@example.com"))
        .await
        .unwrap()
        .user;
    assert_eq!(
        accounts::require_member(Some(pending.clone()))
            .unwrap_err()
            .status(),
        403
    );
    assert_eq!(accounts::require_member(None).unwrap_err().status(), 401);
    assert_eq!(accounts::require_admin(Some(pending)).unwrap_err().status(), 403);
    assert!(accounts::require_admin(Some(admin)).is_ok());
    assert_eq!(Role::parse("root"), None);
}

#[tokio::test]
async fn repeated_failures_slow_sign_in_down_but_the_owner_still_gets_in() {
    let (db, d) = setup().await;
    accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap();
    assert!(accounts::sign_in_delay(&db, "alice@example.com", "9.9.9.9")
        .await
        .unwrap()
        .is_zero());
    for _ in 0..accounts::FREE_ATTEMPTS + 1 {
        accounts::sign_in(&db, "alice@example.com", "guess", "9.9.9.9")
            .await
            .unwrap_err();
    }
    let delay = accounts::sign_in_delay(&db, "alice@example.com", "1.1.1.1")
        .await
        .unwrap();
    // The policy's wait for that many failures by this email, whatever the address.
    assert!(!delay.is_zero(), "slowed down by email");
    assert_eq!(delay, accounts::throttle_delay(accounts::FREE_ATTEMPTS + 1));
    let ok = accounts::sign_in(&db, "alice@example.com", "correct horse", "1.1.1.1")
        .await
        .unwrap();
    assert_eq!(ok.user.email, "alice@example.com");
    assert!(accounts::sign_in_delay(&db, "alice@example.com", "1.1.1.1")
        .await
        .unwrap()
        .is_zero());
    let wait = accounts::throttle_delay;
    let free = accounts::FREE_ATTEMPTS;
    assert!(
        wait(free - 1).is_zero() && wait(free) < wait(free + 1),
        "it grows past the free attempts"
    );
    assert_eq!(wait(100), wait(10_000), "the delay is capped");
}

#[tokio::test]
async fn the_last_admin_stays_and_deleting_a_user_removes_what_hangs_off_them() {
    let (db, d) = setup().await;
    let admin = accounts::sign_up(&db, &d, signup("Alice", "alice@example.com"))
        .await
        .unwrap()
        .user;
    assert_eq!(
        accounts::set_role(&db, admin.id, "user")
            .await
            .unwrap_err()
            .status(),
        409
    );
    assert_eq!(
        accounts::delete_user(&db, admin.id).await.unwrap_err().status(),
        409
    );
    assert_eq!(
        accounts::set_role(&db, admin.id, "owner")
            .await
            .unwrap_err()
            .status(),
        422
    );

    let bob = accounts::sign_up(&db, &d, signup("Bob", "bob@example.com"))
        .await
        .unwrap();
    let bob_user = accounts::set_role(&db, bob.user.id, "admin").await.unwrap();
    accounts::create_api_key(&db, &d, &bob_user).await.unwrap();
    // Two admins: now one may step down.
    accounts::set_role(&db, admin.id, "user").await.unwrap();
    accounts::set_role(&db, admin.id, "admin").await.unwrap();

    accounts::delete_user(&db, bob.user.id).await.unwrap();
    assert!(accounts::authenticate(&db, &d, &bob.token)
        .await
        .unwrap()
        .is_none());
    let keys = app::entities::api_key::Entity::find()
        .filter(app::entities::api_key::Column::UserId.eq(bob.user.id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(keys, 0);
    assert_eq!(
        accounts::delete_user(&db, bob.user.id)
            .await
            .unwrap_err()
            .status(),
        404
    );
}

#[tokio::test]
async fn settings_are_validated_and_unknown_keys_refused() {
    let (db, d) = setup().await;
    let err = instance::update(&db, &d, json!({"community_sharing_url": "ftp://x.example"}))
        .await
        .unwrap_err();
    assert_eq!(err.status(), 422);
    let err = instance::update(&db, &d, json!({"no_such_setting": 1}))
        .await
        .unwrap_err();
    assert!(err.detail().contains("no_such_setting"));
    let err = instance::update(&db, &d, json!({"tts_rate": "fast"}))
        .await
        .unwrap_err();
    assert_eq!(err.status(), 422);
    // Nothing was stored by the refused updates.
    assert_eq!(
        instance::get(&db, &d).await.unwrap(),
        app::instance::InstanceSettings::from_defaults(&d)
    );
}
