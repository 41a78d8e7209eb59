//! Who an identity provider's answer signs in: the account linked to its subject, else (when
//! allowed) the account with its verified email, else a new account with the default role.
//! Its groups then decide its admin role and its group memberships, when so configured.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

use super::config::OidcConfig;
use crate::accounts::service::{default_role, insert_account, normalize_email, unique_violation};
use crate::entities::{now, user, user_group, user_group_member, user_identity};
use crate::error::{AppError, AppResult};
use crate::instance::{service as settings, SettingsDefaults};
use crate::role::Role;

/// A person as the identity provider describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdpPerson {
    /// The provider's issuer URL.
    pub issuer: String,
    /// The provider's stable id for them (`sub`).
    pub subject: String,
    /// Their email, if the provider sent one.
    pub email: Option<String>,
    /// Whether the provider says it verified the email.
    pub email_verified: bool,
    /// Their display name, if sent.
    pub name: Option<String>,
    /// Their groups, when groups are read (`OIDC_GROUPS_CLAIM`); none otherwise.
    pub groups: Option<Vec<String>>,
}

/// The account `person` signs in to (see the module's rules), with its role and groups brought
/// in line with the provider's groups.
pub async fn sign_in_person(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    cfg: &OidcConfig,
    person: &IdpPerson,
) -> AppResult<user::Model> {
    let email = person
        .email
        .as_deref()
        .and_then(|e| normalize_email(e).ok())
        .ok_or_else(|| {
            AppError::Forbidden(format!(
                "{} did not send your email address, which this app needs for your account. Ask your administrator to release the email claim (scope \u{201c}email\u{201d}).",
                cfg.provider_name
            ))
        })?;
    check_domain(cfg, &email)?;
    let account = match linked(db, person).await? {
        Some(u) => u,
        None => match link_or_create(db, defaults, cfg, person, &email).await {
            Ok(u) => u,
            // Two first sign-ins of one person at once: the other one made the account. (A
            // conflict that is not that, such as a password sign-up of the email in between,
            // stays the conflict.)
            Err(e @ AppError::Conflict(_)) => linked(db, person).await?.ok_or(e)?,
            Err(e) => return Err(e),
        },
    };
    match &person.groups {
        Some(groups) => follow_groups(db, cfg, account, groups).await,
        None => Ok(account),
    }
}

fn check_domain(cfg: &OidcConfig, email: &str) -> AppResult<()> {
    if cfg.allowed_domains.is_empty() {
        return Ok(());
    }
    let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
    if cfg.allowed_domains.iter().any(|d| d == domain) {
        return Ok(());
    }
    Err(AppError::Forbidden(format!(
        "Accounts of {domain} may not sign in to this instance. It accepts {} accounts of: {}.",
        cfg.provider_name,
        cfg.allowed_domains.join(", ")
    )))
}

/// The account linked to `person`'s subject, its last sign-in noted.
async fn linked(db: &DatabaseConnection, person: &IdpPerson) -> AppResult<Option<user::Model>> {
    let Some(link) = user_identity::Entity::find()
        .filter(user_identity::Column::Issuer.eq(&person.issuer))
        .filter(user_identity::Column::Subject.eq(&person.subject))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut seen: user_identity::ActiveModel = link.clone().into();
    seen.last_sign_in_at = Set(now());
    seen.update(db).await?;
    Ok(user::Entity::find_by_id(link.user_id).one(db).await?)
}

async fn link(db: &impl ConnectionTrait, user_id: Uuid, person: &IdpPerson) -> AppResult<()> {
    let t = now();
    user_identity::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        issuer: Set(person.issuer.clone()),
        subject: Set(person.subject.clone()),
        created_at: Set(t),
        last_sign_in_at: Set(t),
    }
    .insert(db)
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            AppError::Conflict("This sign-in is already linked to an account.".to_owned())
        } else {
            AppError::from(e)
        }
    })?;
    Ok(())
}

async fn link_or_create(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    cfg: &OidcConfig,
    person: &IdpPerson,
    email: &str,
) -> AppResult<user::Model> {
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?;
    if let Some(account) = existing {
        if !cfg.merge_by_email {
            return Err(AppError::Forbidden(format!(
                "An account with the email {email} already exists here and is not linked to your {} sign-in. Sign in with its password, or ask an administrator to allow linking accounts by verified email.",
                cfg.provider_name
            )));
        }
        if !person.email_verified {
            return Err(AppError::Forbidden(format!(
                "An account with the email {email} already exists here, and {} has not verified that this email is yours, so the two are not linked.",
                cfg.provider_name
            )));
        }
        link(db, account.id, person).await?;
        return Ok(account);
    }
    let txn = db.begin().await?;
    let account = create_account(&txn, defaults, db, email, person.name.as_deref()).await?;
    link(&txn, account.id, person).await?;
    txn.commit().await?;
    Ok(account)
}

/// Creates an account for `email` that has no password (it signs in through the provider or
/// the proxy): the default role, or admin for the instance's first account; `name`, else the
/// email's local part. `db` is for the settings, read outside the transaction.
pub(crate) async fn create_account(
    txn: &sea_orm::DatabaseTransaction,
    defaults: &SettingsDefaults,
    db: &DatabaseConnection,
    email: &str,
    name: Option<&str>,
) -> AppResult<user::Model> {
    let role = default_role(&settings::get(db, defaults).await?);
    let local = email.split('@').next().unwrap_or(email);
    let name: String = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(local)
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect();
    Ok(insert_account(txn, email, &name, String::new(), role).await?.0)
}

/// Brings `account`'s admin role (when `OIDC_ADMIN_GROUPS` is set) and its memberships of our
/// groups in line with the provider's `groups`: members of an admin group are admins, and an
/// admin who is no longer in one becomes a user (unless they are the last admin); they belong
/// to exactly those of our groups whose names the provider lists.
async fn follow_groups(
    db: &DatabaseConnection,
    cfg: &OidcConfig,
    account: user::Model,
    groups: &[String],
) -> AppResult<user::Model> {
    let txn = db.begin().await?;
    let mut account = account;
    if !cfg.admin_groups.is_empty() {
        let admin = groups.iter().any(|g| cfg.admin_groups.contains(g));
        let role = match (admin, account.role) {
            (true, r) if r != Role::Admin => Some(Role::Admin),
            (false, Role::Admin) => {
                let admins = user::Entity::find()
                    .filter(user::Column::Role.eq(Role::Admin))
                    .count(&txn)
                    .await?;
                (admins > 1).then_some(Role::User)
            }
            _ => None,
        };
        if let Some(role) = role {
            let mut am: user::ActiveModel = account.into();
            am.role = Set(role);
            account = am.update(&txn).await?;
        }
    }
    let ours = user_group::Entity::find().all(&txn).await?;
    let wanted: Vec<Uuid> = ours
        .iter()
        .filter(|g| groups.iter().any(|name| name == &g.name))
        .map(|g| g.id)
        .collect();
    let current: Vec<Uuid> = user_group_member::Entity::find()
        .filter(user_group_member::Column::UserId.eq(account.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect();
    let gone: Vec<Uuid> = current.iter().filter(|g| !wanted.contains(g)).copied().collect();
    if !gone.is_empty() {
        user_group_member::Entity::delete_many()
            .filter(user_group_member::Column::UserId.eq(account.id))
            .filter(user_group_member::Column::GroupId.is_in(gone))
            .exec(&txn)
            .await?;
    }
    for group_id in wanted.into_iter().filter(|g| !current.contains(g)) {
        user_group_member::ActiveModel {
            group_id: Set(group_id),
            user_id: Set(account.id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(account)
}
