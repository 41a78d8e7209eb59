//! Who may open a link: its access grants (Open WebUI's shape). A new link starts readable by
//! every approved member (`user:*`, the seed's rule); the owner (or an admin) replaces the list:
//! specific people, every member, anyone with the link, or nobody but the owner (an empty list).
//! The owner and admins always may; a link whose owner is pending is paused (404) for everyone
//! else, whatever its grants say.

use std::collections::BTreeSet;

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use uuid::Uuid;

use super::{AccessGrant, GrantPermission, Person, PrincipalType, ShareAudience, ANY, LIVE};
use crate::accounts::service::{can_share, members_by_name, Role};
use crate::chats::service as chats;
use crate::entities::{chat, now, share_grant, shared_chat, user};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// Most grants one link may hold.
pub const MAX_GRANTS: usize = 500;

impl From<share_grant::Model> for AccessGrant {
    fn from(g: share_grant::Model) -> Self {
        AccessGrant {
            id: g.id,
            principal_type: PrincipalType::parse(&g.principal_type).unwrap_or(PrincipalType::User),
            principal_id: g.principal_id,
            permission: GrantPermission::parse(&g.permission).unwrap_or(GrantPermission::Read),
        }
    }
}

/// The grant every new link starts with: every approved member may read it.
pub(super) async fn grant_members(db: &impl ConnectionTrait, share_id: Uuid) -> AppResult<()> {
    grant_read(db, share_id, PrincipalType::User, ANY).await
}

/// Adds a read grant to link `share_id` (nothing when it has it already).
pub(super) async fn grant_read(
    db: &impl ConnectionTrait,
    share_id: Uuid,
    t: PrincipalType,
    id: &str,
) -> AppResult<()> {
    share_grant::Entity::insert(row(share_id, t, id, GrantPermission::Read))
        .on_conflict(
            OnConflict::columns([
                share_grant::Column::ShareId,
                share_grant::Column::PrincipalType,
                share_grant::Column::PrincipalId,
                share_grant::Column::Permission,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A new grant row.
pub(super) fn row(
    share_id: Uuid,
    t: PrincipalType,
    id: &str,
    p: GrantPermission,
) -> share_grant::ActiveModel {
    share_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        share_id: Set(share_id),
        principal_type: Set(t.as_str().to_owned()),
        principal_id: Set(id.to_owned()),
        permission: Set(p.as_str().to_owned()),
        created_at: Set(now()),
    }
}

async fn grants_of(db: &impl ConnectionTrait, share_id: Uuid) -> AppResult<Vec<share_grant::Model>> {
    Ok(grants_query(share_id).all(db).await?)
}

/// [`grants_of`] outside a transaction: on the request's thread on SQLite (every read of a
/// link asks this).
async fn current_grants_of(db: &DatabaseConnection, share_id: Uuid) -> AppResult<Vec<share_grant::Model>> {
    Ok(crate::entities::local::all(db, grants_query(share_id)).await?)
}

/// Link `share_id`'s grants, oldest first.
fn grants_query(share_id: Uuid) -> sea_orm::Select<share_grant::Entity> {
    share_grant::Entity::find()
        .filter(share_grant::Column::ShareId.eq(share_id))
        .order_by_asc(share_grant::Column::CreatedAt)
        .order_by_asc(share_grant::Column::Id)
}

/// The grants of chat `chat_id`'s link, oldest first (owner or admin; another user's chat is a
/// 404). A chat without a link has none.
pub async fn list(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<Vec<AccessGrant>> {
    let c = chats::find_visible(db, caller, chat_id).await?;
    let Some(share_id) = c.share_id else {
        return Ok(Vec::new());
    };
    Ok(grants_of(db, share_id)
        .await?
        .into_iter()
        .map(AccessGrant::from)
        .collect())
}

/// Most people and groups the Share modal's picker is offered.
const MAX_PICKABLE: usize = 1_000;

/// What the Share modal's picker shows for chat `chat_id` (owner or admin): the link's grants,
/// which audiences the administrator allows, the groups and the other approved members (names
/// only), and whether the link has a password. A chat without a link has no grants.
pub async fn audience(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<ShareAudience> {
    let c = chats::find_visible(db, caller, chat_id).await?;
    let link = match c.share_id {
        Some(id) => shared_chat::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let grants = match &link {
        Some(l) => grants_of(db, l.id)
            .await?
            .into_iter()
            .map(AccessGrant::from)
            .collect(),
        None => Vec::new(),
    };
    let settings = crate::instance::service::get(db, defaults).await?;
    Ok(ShareAudience {
        grants,
        members_allowed: settings.allow_member_links,
        anyone_allowed: settings.allow_open_links,
        people: pickable(db, caller).await?,
        has_password: link.as_ref().is_some_and(|l| l.password_hash.is_some()),
        live: link
            .as_ref()
            .is_some_and(|l| l.share_mode.as_deref() == Some(LIVE)),
        expires_at: link.and_then(|l| l.expires_at),
        max_days: settings.share_link_max_days,
        default_days: settings.share_link_default_days,
    })
}

/// Whom `caller` may pick in an audience picker: the groups, then the other approved members,
/// by name (at most [`MAX_PICKABLE`]).
pub async fn pickable(db: &DatabaseConnection, caller: &user::Model) -> AppResult<Vec<Person>> {
    let groups = crate::groups::service::list(db, false)
        .await?
        .into_iter()
        .map(|g| Person {
            id: g.id,
            name: g.name,
            is_group: true,
        });
    let members = members_by_name(db)
        .await?
        .into_iter()
        .filter(|(id, _)| *id != caller.id)
        .map(|(id, name)| Person {
            id,
            name,
            is_group: false,
        });
    Ok(groups.chain(members).take(MAX_PICKABLE).collect())
}

/// Grants a link is to get, checked ([`checked`]): (principal type, id, permission).
pub type Wanted = BTreeSet<(PrincipalType, String, GrantPermission)>;

/// Replaces the grants of chat `chat_id`'s link with `grants` (duplicates dropped) and makes it
/// live (`live`: readers see the chat as it is now, write grantees may continue it) or a
/// snapshot. Owner with `chat.share`, or an admin. 409 when the chat has no link yet; 403 for an
/// audience the administrator has turned off; 422 naming a user that does not exist, or for a
/// write grant to anyone with the link (continuing needs an account to sign the messages).
pub async fn replace(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
    grants: Vec<AccessGrant>,
    live: bool,
) -> AppResult<chat::Model> {
    let share_id = managed_link(db, defaults, caller, chat_id).await?;
    let settings = crate::instance::service::get(db, defaults).await?;
    let wanted = checked(db, &settings, grants).await?;
    let txn = db.begin().await?;
    write(&txn, caller, chat_id, share_id, &wanted, live).await?;
    txn.commit().await?;
    chats::find_visible(db, caller, chat_id).await
}

/// `grants` as a link may hold them under `settings`: 422 for too many, an unknown person or
/// group, or "anyone" with write; 403 for an audience the instance turned off.
pub async fn checked(
    db: &DatabaseConnection,
    settings: &crate::instance::InstanceSettings,
    grants: Vec<AccessGrant>,
) -> AppResult<Wanted> {
    if grants.len() > MAX_GRANTS {
        return Err(AppError::Unprocessable(format!(
            "A link can have at most {MAX_GRANTS} grants."
        )));
    }
    let mut wanted = Wanted::new();
    for g in grants {
        let id = g.principal_id.trim().to_owned();
        match (g.principal_type, id.as_str()) {
            (PrincipalType::Anyone, ANY) if g.permission == GrantPermission::Write => {
                return Err(AppError::Unprocessable(
                    "Anyone with the link can only read: continuing a chat needs an account, so give \"write\" to people, groups or every member.".to_owned(),
                ))
            }
            (PrincipalType::Anyone, ANY) if !settings.allow_open_links => {
                return Err(AppError::Forbidden(
                    "Links that anyone can open are turned off on this instance (Admin Panel → Settings → General)."
                        .to_owned(),
                ))
            }
            (PrincipalType::Anyone, ANY) => {}
            (PrincipalType::Anyone, _) => {
                return Err(AppError::Unprocessable(
                    "An \"anyone\" grant has the principal_id \"*\".".to_owned(),
                ))
            }
            (PrincipalType::User, ANY) if !settings.allow_member_links => {
                return Err(AppError::Forbidden(
                    "Links for every member are turned off on this instance (Admin Panel → Settings → General)."
                        .to_owned(),
                ))
            }
            (PrincipalType::User, ANY) => {}
            (PrincipalType::User, other) => {
                let known = match Uuid::parse_str(other) {
                    Ok(u) => user::Entity::find_by_id(u).one(db).await?.is_some(),
                    Err(_) => false,
                };
                if !known {
                    return Err(AppError::Unprocessable(format!("No user has the id \"{other}\".")));
                }
            }
            (PrincipalType::Group, other) => {
                let known = match Uuid::parse_str(other) {
                    Ok(g) => crate::groups::service::exists(db, g).await?,
                    Err(_) => false,
                };
                if !known {
                    return Err(AppError::Unprocessable(format!("No group has the id \"{other}\".")));
                }
            }
        }
        wanted.insert((g.principal_type, id, g.permission));
    }
    Ok(wanted)
}

/// Gives link `share_id` (of chat `chat_id`) exactly the grants `wanted`, live or not, and
/// records who did it, inside the caller's transaction.
pub async fn write(
    txn: &impl ConnectionTrait,
    caller: &user::Model,
    chat_id: Uuid,
    share_id: Uuid,
    wanted: &Wanted,
    live: bool,
) -> AppResult<()> {
    shared_chat::Entity::update_many()
        .col_expr(
            shared_chat::Column::ShareMode,
            Expr::value(live.then(|| LIVE.to_owned())),
        )
        .filter(shared_chat::Column::Id.eq(share_id))
        .exec(txn)
        .await?;
    share_grant::Entity::delete_many()
        .filter(share_grant::Column::ShareId.eq(share_id))
        .exec(txn)
        .await?;
    if !wanted.is_empty() {
        share_grant::Entity::insert_many(wanted.iter().map(|(t, id, p)| row(share_id, *t, id, *p)))
            .exec_without_returning(txn)
            .await
            .map_err(|e| match e.sql_err() {
                // The link was deleted meanwhile.
                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => AppError::chat_not_found(),
                _ => AppError::from(e),
            })?;
    }
    let said: Vec<String> = wanted
        .iter()
        .map(|(t, id, p)| format!("{}:{id} {}", t.as_str(), p.as_str()))
        .collect();
    let detail = format!(
        "{}{}",
        if said.is_empty() {
            "only the owner".to_owned()
        } else {
            said.join(", ")
        },
        if live { " (live)" } else { "" }
    );
    super::audit::record(
        txn,
        super::audit::ACCESS,
        Some(caller.id),
        Some(chat_id),
        Some(share_id),
        Some(detail),
    )
    .await
}

/// The link of chat `chat_id`, for a caller who may change who opens it: its owner with
/// `chat.share`, or an admin (another user's chat is a 404; 403 without `chat.share`; 409 when
/// the chat has no link).
pub(super) async fn managed_link(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<Uuid> {
    let c = chats::find_visible(db, caller, chat_id).await?;
    if !can_share(db, defaults, caller).await? {
        return Err(AppError::Forbidden(
            "You don't have permission to share chats.".to_owned(),
        ));
    }
    c.share_id
        .ok_or_else(|| AppError::Conflict("This chat has no share link yet. Share it first.".to_owned()))
}

/// What `caller` (`None`: not signed in) may do with the link `link`: open it (`Read`) or, on
/// a live link, also continue its chat (`Write`; the owner and admins always may). Otherwise
/// 401 (not signed in, and the link is not open to anyone) or 403 (signed in without a grant).
/// A grant to anyone with the link only ever reads; a write grant on a snapshot link reads.
pub async fn check_read(
    db: &DatabaseConnection,
    link: &shared_chat::Model,
    caller: Option<&user::Model>,
) -> AppResult<GrantPermission> {
    if caller.is_some_and(|u| u.id == link.user_id || u.role == Role::Admin) {
        return Ok(GrantPermission::Write);
    }
    let live = link.share_mode.as_deref() == Some(LIVE);
    let grants = current_grants_of(db, link.id).await?;
    let open_to_anyone = grants
        .iter()
        .any(|g| g.principal_type == PrincipalType::Anyone.as_str() && g.principal_id == ANY);
    let Some(me) = caller else {
        return if open_to_anyone {
            Ok(GrantPermission::Read)
        } else {
            Err(AppError::Unauthenticated)
        };
    };
    if me.role == Role::Pending {
        return if open_to_anyone {
            Ok(GrantPermission::Read)
        } else {
            Err(AppError::Forbidden(
                "Your account is waiting for an administrator's approval.".to_owned(),
            ))
        };
    }
    let me_id = me.id.to_string();
    let strength = |g: &share_grant::Model| match GrantPermission::parse(&g.permission) {
        Some(GrantPermission::Write) if live => GrantPermission::Write,
        _ => GrantPermission::Read,
    };
    // The strongest grant naming every member or this one.
    let mut best = grants
        .iter()
        .filter(|g| g.principal_type == PrincipalType::User.as_str())
        .filter(|g| g.principal_id == ANY || g.principal_id == me_id)
        .map(strength)
        .max();
    if open_to_anyone {
        best = best.max(Some(GrantPermission::Read));
    }
    // Groups are asked only when they could add something: write first, then read.
    for wanted in [GrantPermission::Write, GrantPermission::Read] {
        if best >= Some(wanted) {
            break;
        }
        let groups: Vec<Uuid> = grants
            .iter()
            .filter(|g| g.principal_type == PrincipalType::Group.as_str() && strength(g) >= wanted)
            .filter_map(|g| Uuid::parse_str(&g.principal_id).ok())
            .collect();
        if !groups.is_empty() && crate::groups::service::in_any(db, me.id, &groups).await? {
            best = Some(wanted);
        }
    }
    best.ok_or_else(no_access)
}

/// Sharing's rule for the chats feature: a member may continue someone else's chat when its
/// link is live and has not expired, its owner is not paused, and they hold a write grant on it;
/// they then work within the link's scope and masks ([`LinkLimits`]).
struct LiveLinks;

impl crate::chats::collaborators::Collaboration for LiveLinks {
    fn bounds<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        caller: &'a user::Model,
        chat: &'a chat::Model,
    ) -> crate::chats::collaborators::Verdict<'a> {
        Box::pin(async move {
            let Some(share_id) = chat.share_id else {
                return Ok(None);
            };
            let Some((link, Some(owner))) = shared_chat::with_owner(db, share_id).await? else {
                return Ok(None);
            };
            if link.share_mode.as_deref() != Some(LIVE) || owner.role == Role::Pending {
                return Ok(None);
            }
            // An expired link shuts its collaborators out as it shuts out its readers.
            if super::lifetime::check(&link, now(), false).is_err() {
                return Ok(None);
            }
            match check_read(db, &link, Some(caller)).await {
                Ok(GrantPermission::Write) => {
                    let limits = LinkLimits(super::scope::Scope::from_stored(link.scope.as_deref()));
                    Ok(Some(crate::chats::collaborators::Grant {
                        bounds: std::sync::Arc::new(limits),
                        write: true,
                    }))
                }
                Ok(_) | Err(AppError::Forbidden(_) | AppError::Unauthenticated) => Ok(None),
                Err(e) => Err(e),
            }
        })
    }
}

/// A live link's scope and masks, as they bound its collaborators.
struct LinkLimits(super::scope::Scope);

impl crate::chats::collaborators::LinkBounds for LinkLimits {
    fn shared_ids(&self, doc: &crate::chats::doc::ChatDoc) -> std::collections::HashSet<String> {
        self.0.shared_ids(doc).into_iter().map(str::to_owned).collect()
    }

    fn redacted(&self, mut doc: crate::chats::doc::ChatDoc) -> AppResult<crate::chats::doc::ChatDoc> {
        for k in super::service::PRIVATE_KEYS {
            doc.rest.remove(*k);
            if let Some(h) = &mut doc.history {
                for m in h.messages.values_mut() {
                    m.rest.remove(*k);
                }
            }
        }
        super::scope::mask_doc(doc, &self.0.redact)
    }

    fn mask_text(&self, text: &mut String) {
        super::scope::mask_text(text, &self.0.redact);
    }
}

/// Lets live links' write grantees continue their chats (called once at start-up).
pub fn let_collaborators_continue() {
    crate::chats::collaborators::let_collaborate("live links", std::sync::Arc::new(LiveLinks));
}

/// The limits of someone who reads a whole chat as it is now, as a live link without a scope or
/// masks shows it: the owner's branch, without the owner's private fields (a shared folder's
/// grantees get these).
pub fn whole_chat_bounds() -> std::sync::Arc<dyn crate::chats::collaborators::LinkBounds> {
    std::sync::Arc::new(LinkLimits(super::scope::Scope::default()))
}

fn no_access() -> AppError {
    AppError::Forbidden(super::NO_ACCESS.to_owned())
}
