//! Account management: create an account's row (for sign-up and the identity provider alike),
//! and the Admin Panel's rules: list and search accounts, set a role or a per-user
//! `chat.share` override, delete an account. Role changes and deletions run one at a time
//! (`lock_for_write`) and re-check on committed data that an administrator remains. And the
//! housekeeping of sign-ins: expired sessions and abandoned identity-provider sign-ins.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use uuid::Uuid;

use super::service::unique_violation;
use crate::entities::{lock_for_write, now, user};
use crate::error::{AppError, AppResult};
use crate::role::Role;

/// Every account, newest first, optionally filtered by a name or email fragment.
pub async fn list_users(db: &DatabaseConnection, query: Option<&str>) -> AppResult<Vec<user::Model>> {
    let mut q = user::Entity::find().order_by_desc(user::Column::CreatedAt);
    if let Some(text) = query.map(str::trim).filter(|t| !t.is_empty()) {
        use crate::entities::contains_ignoring_case;
        q = q.filter(
            sea_orm::Condition::any()
                .add(contains_ignoring_case(user::Column::Name, text))
                .add(contains_ignoring_case(user::Column::Email, text)),
        );
    }
    Ok(q.all(db).await?)
}

async fn admin_count(txn: &impl sea_orm::ConnectionTrait) -> AppResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .count(txn)
        .await?)
}

/// Starts a transaction holding the roles lock (so two admins' changes cannot leave no admin)
/// and reads the user `target` in it (404 when there is none).
async fn locked_user(
    db: &DatabaseConnection,
    target: Uuid,
) -> AppResult<(sea_orm::DatabaseTransaction, user::Model)> {
    let txn = db.begin().await?;
    lock_for_write(&txn, "roles").await?;
    let u = user::Entity::find_by_id(target)
        .one(&txn)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((txn, u))
}

/// Changes a user's role (admin only). The last admin cannot stop being one.
pub async fn set_role(db: &DatabaseConnection, target: Uuid, role: &str) -> AppResult<user::Model> {
    let role = Role::parse(role).ok_or_else(|| {
        AppError::Unprocessable("The role must be \"admin\", \"user\" or \"pending\".".to_owned())
    })?;
    let (txn, u) = locked_user(db, target).await?;
    if u.role == Role::Admin && role != Role::Admin && admin_count(&txn).await? <= 1 {
        return Err(AppError::Conflict(
            "The last administrator cannot be demoted.".to_owned(),
        ));
    }
    let mut am: user::ActiveModel = u.into();
    am.role = Set(role);
    let u = am.update(&txn).await?;
    txn.commit().await?;
    Ok(u)
}

/// Sets or clears (`None`) a user's own `chat.share` override (admin only).
pub async fn set_can_share(
    db: &DatabaseConnection,
    target: Uuid,
    value: Option<bool>,
) -> AppResult<user::Model> {
    let (txn, u) = locked_user(db, target).await?;
    let mut am: user::ActiveModel = u.into();
    am.can_share = Set(value);
    let u = am.update(&txn).await?;
    txn.commit().await?;
    Ok(u)
}

/// Deletes a user with everything that hangs off them (sessions, keys, chats, share links), in
/// one transaction. The last admin cannot be deleted.
pub async fn delete_user(db: &DatabaseConnection, target: Uuid) -> AppResult<()> {
    let (txn, u) = locked_user(db, target).await?;
    if u.role == Role::Admin && admin_count(&txn).await? <= 1 {
        return Err(AppError::Conflict(
            "The last administrator cannot be deleted.".to_owned(),
        ));
    }
    // Chats others filed in this account's folders move out of them (the folders go with it).
    let folders: Vec<String> = crate::entities::folder::Entity::find()
        .filter(crate::entities::folder::Column::UserId.eq(target))
        .all(&txn)
        .await?
        .into_iter()
        .map(|f| f.id.to_string())
        .collect();
    if !folders.is_empty() {
        crate::entities::chat::Entity::update_many()
            .col_expr(
                crate::entities::chat::Column::FolderId,
                sea_orm::sea_query::Expr::value(Option::<String>::None),
            )
            .filter(crate::entities::chat::Column::FolderId.is_in(folders))
            .exec(&txn)
            .await?;
    }
    user::Entity::delete_by_id(target).exec(&txn).await?;
    // Their folders (and those folders' grants) went with the account; grants naming them go too.
    crate::entities::folder_grant::Entity::delete_many()
        .filter(crate::entities::folder_grant::Column::PrincipalType.eq("user"))
        .filter(crate::entities::folder_grant::Column::PrincipalId.eq(target.to_string()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The role of a new account after the first: the instance's default user role.
pub(crate) fn default_role(settings: &crate::instance::InstanceSettings) -> Role {
    Role::parse(&settings.default_user_role).unwrap_or(Role::Pending)
}

/// Inserts an account in `txn` with `role`, or as `admin` when it is the instance's first
/// account; the row, and whether it was the first. An empty `password_hash` is an account
/// without a password (it signs in through the identity provider or a proxy: no PHC string
/// matches it). An email already taken is a `Conflict`.
pub(crate) async fn insert_account(
    txn: &sea_orm::DatabaseTransaction,
    email: &str,
    name: &str,
    password_hash: String,
    role: Role,
) -> AppResult<(user::Model, bool)> {
    let t = now();
    let created = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email.to_owned()),
        name: Set(name.to_owned()),
        password_hash: Set(password_hash),
        role: Set(role),
        profile_image_url: Set("/user.png".to_owned()),
        can_share: Set(None),
        created_at: Set(t),
        last_active_at: Set(t),
    }
    .insert(txn)
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            AppError::Conflict("An account with this email already exists.".to_owned())
        } else {
            AppError::from(e)
        }
    })?;
    let others = user::Entity::find()
        .filter(user::Column::Id.ne(created.id))
        .count(txn)
        .await?;
    // The first account becomes the admin. Two simultaneous first sign-ups both see no other
    // account, so the role is claimed through a unique row: exactly one claim succeeds (on
    // PostgreSQL the second waits for the first to commit, then inserts nothing).
    if others == 0 && claim_first_admin(txn, created.id).await? {
        let mut am: user::ActiveModel = created.into();
        am.role = Set(Role::Admin);
        return Ok((am.update(txn).await?, true));
    }
    Ok((created, false))
}

/// Records `user_id` as the instance's first administrator; false when another account already
/// holds that claim.
async fn claim_first_admin(txn: &impl sea_orm::ConnectionTrait, user_id: Uuid) -> AppResult<bool> {
    use crate::entities::setting;
    let inserted = setting::Entity::insert(setting::ActiveModel {
        key: Set("first_admin".to_owned()),
        value: Set(user_id.to_string()),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(setting::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(inserted == 1)
}

/// An administrator adds an account (Admin Panel → Users → Add user; Open WebUI's
/// `POST /api/v1/auths/add`): its name, email, first password and role. 409 when the email is
/// taken, 400 for a bad name, email or password, 422 for an unknown role.
pub async fn add_user(
    db: &DatabaseConnection,
    name: &str,
    email: &str,
    password: &str,
    role: &str,
) -> AppResult<user::Model> {
    let role =
        Role::parse(role).ok_or_else(|| AppError::Unprocessable(format!("Unknown role \"{role}\".")))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "Please enter a name of 1 to 100 characters.".to_owned(),
        ));
    }
    let email = super::service::normalize_email(email)?;
    super::service::check_password_rules(password)?;
    let hash = super::service::hash_password(password.to_owned()).await?;
    let txn = db.begin().await?;
    let (created, _) = insert_account(&txn, &email, name, hash, role).await?;
    txn.commit().await?;
    Ok(created)
}

/// How many accounts wait for an administrator's approval.
pub async fn pending_count(db: &DatabaseConnection) -> AppResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::Pending))
        .count(db)
        .await?)
}
