//! Share links: snapshot, update in place, delete, view, clone, list, delete all.
//!
//! A link is a snapshot row (`shared_chat`) holding the chat's title and JSON as they were when
//! shared or last updated; `chat.share_id` points at it. Both change in one transaction, so a
//! chat's `share_id` is set exactly when its snapshot exists. The snapshot is written by one
//! `INSERT … SELECT … ON CONFLICT (chat_id) DO UPDATE`: two racing first shares end with one
//! snapshot and both get its id. It holds the chat as the caller's read found it, with the
//! title column's title in its JSON (a rename changes only the column).

use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, SqlErr,
    TransactionTrait,
};
use serde_json::Value;
use uuid::Uuid;

use super::lifetime::Requested;
use super::password::Presented;
use super::scope::{self, Scope, ScopeChange};
use crate::accounts::service::{effective_can_share, Role};
use crate::chats::doc::ChatDoc;
use crate::chats::service as chats;
use crate::entities::{chat, now, shared_chat, user};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// Links per page of `list`.
pub const PAGE_SIZE: u64 = 30;

/// Chat keys that hold the owner's private configuration (the system prompt lives in
/// `params.system`) or material (attached `files`): at the top level, stripped for every viewer
/// but the owner; inside messages, never in a snapshot ([`super::scope`]).
pub const PRIVATE_KEYS: &[&str] = &["params", "system", "files", "knowledge"];

/// 404 "This shared chat is no longer available.": a link that does not exist (or was deleted).
pub fn link_not_found() -> AppError {
    AppError::NotFound("This shared chat is no longer available.".to_owned())
}

/// A snapshot as a viewer sees it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The snapshot row (its `chat` already stripped for viewers other than the owner).
    pub row: shared_chat::Model,
    /// Its owner's display name (`None`: the account is gone).
    pub owner_name: Option<String>,
    /// The snapshot's chat JSON as stored, when stripping changed `row.chat` (what its
    /// rendering is keyed by; otherwise that is `row.chat` itself).
    pub stored_chat: Option<String>,
    /// Whether the viewer owns the chat.
    pub viewer_is_owner: bool,
    /// Whether the link is live: `row` holds the chat as it is now, not the snapshot.
    pub live: bool,
    /// Whether the viewer may continue the chat at `/c/{chat_id}` (live links' write grantees,
    /// the owner and admins).
    pub may_continue: bool,
}

/// Creates the share link of chat `chat_id` (expiring as the instance's policy says), or
/// updates its snapshot in place when it has one (its expiry unchanged). Owner with
/// `chat.share`, or any admin; another user's chat is a 404.
pub async fn share(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
) -> AppResult<chat::Model> {
    share_with(db, defaults, caller, chat_id, LinkRequest::default()).await
}

/// What a share request asks for beside the snapshot itself (each part left out keeps what the
/// link had; see [`share_with`]).
#[derive(Debug, Clone, Default)]
pub struct LinkRequest {
    /// The link's expiry.
    pub expiry: Requested,
    /// What it shares (branches, messages, masks).
    pub change: ScopeChange,
    /// `Some(Some(p))` sets the password, `Some(None)` removes it, `None` keeps it.
    pub password: Option<Option<String>>,
    /// Who may open it (all its grants), and whether it is live; `None`: a new link is for
    /// every member, an existing one keeps its grants.
    pub audience: Option<super::LinkAudience>,
}

/// [`share`], also setting the link's expiry when `expiry` says one (an expired link opens
/// again, same URL; 422 for an expiry the policy refuses), and changing what it shares as
/// `change` says ([`super::scope`]: the link's earlier choices are kept where `change` is
/// silent; 422 for an unknown message or a bad mask), and its password as `password` says
/// (`Some(Some(p))` sets it, `Some(None)` removes it, `None` keeps it). Nothing is shared on a
/// 4xx: the password is checked and hashed before anything is written, and the link, its
/// password and their audit rows are written in one transaction, so a refused password never
/// leaves a link without one.
pub async fn share_with(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
    request: LinkRequest,
) -> AppResult<chat::Model> {
    let LinkRequest {
        expiry,
        change,
        password,
        audience,
    } = request;
    let c = chats::find_visible(db, caller, chat_id).await?;
    let settings = crate::instance::service::get(db, defaults).await?;
    if !effective_can_share(caller, settings.default_can_share) {
        return Err(AppError::Forbidden(
            "You don't have permission to share chats.".to_owned(),
        ));
    }
    let t = now();
    let expires_at = super::lifetime::resolve(&settings, expiry, t)?;
    let audience = match audience {
        Some(a) => Some((super::grants::checked(db, &settings, a.grants).await?, a.live)),
        None => None,
    };
    let mut updated_columns = vec![
        shared_chat::Column::Title,
        shared_chat::Column::Chat,
        shared_chat::Column::UpdatedAt,
        shared_chat::Column::Scope,
    ];
    if expiry != Requested::Unchanged {
        updated_columns.push(shared_chat::Column::ExpiresAt);
    }
    let password_hash = match password {
        None => None,
        Some(p) => Some(super::password::hashed(p).await?),
    };
    if password_hash.is_some() {
        updated_columns.push(shared_chat::Column::PasswordHash);
    }
    // The link as it is: its stored choices.
    let link = super::privacy::link_of(db, &c).await?;
    let stored = Scope::from_stored(link.as_ref().and_then(|l| l.scope.as_deref()));
    let (snapshot_json, message_count, scope) = super::privacy::snapshot_of(&c, stored, change).await?;
    let mut title = c.title.clone();
    scope::mask_text(&mut title, &scope.redact);
    let backend = db.get_database_backend();
    let copy = Query::insert()
        .into_table(shared_chat::Entity)
        .columns([
            shared_chat::Column::Id,
            shared_chat::Column::ChatId,
            shared_chat::Column::UserId,
            shared_chat::Column::Title,
            shared_chat::Column::Chat,
            shared_chat::Column::CreatedAt,
            shared_chat::Column::UpdatedAt,
            shared_chat::Column::ExpiresAt,
            shared_chat::Column::Scope,
            shared_chat::Column::PasswordHash,
        ])
        .select_from(
            Query::select()
                .expr(Expr::val(Uuid::new_v4()))
                .column(chat::Column::Id)
                .column(chat::Column::UserId)
                .expr(Expr::val(title.clone()))
                .expr(Expr::val(snapshot_json.clone()))
                .expr(Expr::val(t))
                .expr(Expr::val(t))
                .expr(Expr::val(expires_at))
                .expr(Expr::val(scope.encode()?))
                .expr(Expr::val(password_hash.clone().flatten()))
                .from(chat::Entity)
                .and_where(chat::Column::Id.eq(c.id))
                .to_owned(),
        )
        .map_err(|e| {
            tracing::error!(error = %e, "cannot build the snapshot query");
            AppError::Internal
        })?
        .on_conflict(
            OnConflict::column(shared_chat::Column::ChatId)
                .update_columns(updated_columns)
                // An update that changes nothing the link shows is no new version: 100
                // identical updates of a 5 MB chat stored 100 copies of it.
                .value(
                    shared_chat::Column::Version,
                    Expr::cust(
                        "CASE WHEN shared_chat.chat = excluded.chat AND shared_chat.title = excluded.title \
                         THEN shared_chat.version ELSE shared_chat.version + 1 END",
                    ),
                )
                .to_owned(),
        )
        .returning(Query::returning().columns([shared_chat::Column::Id, shared_chat::Column::Version]))
        .to_owned();
    let txn = crate::entities::begin_write(db).await?;
    // The write comes first, so SQLite takes its write lock at once (no stale read to upgrade).
    // It answers the snapshot's id (new, or kept on update), so no read-back is needed.
    let copied = txn
        .query_one(backend.build(&copy))
        .await
        .map_err(gone_if_chat_vanished)?
        .ok_or_else(AppError::chat_not_found)?;
    let snapshot_id: Uuid = copied.try_get("", "id")?;
    let version: i64 = copied.try_get("", "version")?;
    super::versions::keep(
        &*txn,
        snapshot_id,
        version,
        title,
        snapshot_json,
        message_count,
        t,
    )
    .await?;
    if c.share_id.is_none() && audience.is_none() {
        // A new link: every approved member may read it, as before grants existed.
        super::grants::grant_members(&*txn, snapshot_id).await?;
    }
    let action = if c.share_id.is_none() {
        super::audit::CREATE
    } else {
        super::audit::UPDATE
    };
    super::audit::record(
        &*txn,
        action,
        Some(caller.id),
        Some(c.id),
        Some(snapshot_id),
        None,
    )
    .await?;
    if let Some(hash) = &password_hash {
        super::audit::record(
            &*txn,
            super::audit::ACCESS,
            Some(caller.id),
            Some(c.id),
            Some(snapshot_id),
            Some(super::password::change_detail(hash.as_deref()).to_owned()),
        )
        .await?;
    }
    if let Some((wanted, live)) = &audience {
        // Who may open it, in the same transaction: a link never exists with readers its
        // owner did not choose.
        super::grants::write(&*txn, caller, c.id, snapshot_id, wanted, *live).await?;
    }
    let updated = if c.share_id == Some(snapshot_id) {
        // An update: the chat already names its link, and its row (with the whole chat in it)
        // is not written again.
        c
    } else {
        // The chat as it is now, link set, in the same statement (`RETURNING`).
        chat::Entity::update_many()
            .col_expr(chat::Column::ShareId, Expr::value(snapshot_id))
            .filter(chat::Column::Id.eq(c.id))
            .exec_with_returning(&*txn)
            .await?
            .pop()
            .ok_or_else(AppError::chat_not_found)?
    };
    txn.commit().await?;
    Ok(updated)
}

fn gone_if_chat_vanished(e: DbErr) -> AppError {
    if matches!(e.sql_err(), Some(SqlErr::ForeignKeyConstraintViolation(_))) {
        AppError::chat_not_found()
    } else {
        AppError::from(e)
    }
}

/// Deletes the share link of chat `chat_id`: `true`, or `false` when it had none. Owner or admin
/// (no `chat.share` needed). Sharing again later makes a new link; the old one stays dead.
pub async fn unshare(db: &DatabaseConnection, caller: &user::Model, chat_id: Uuid) -> AppResult<bool> {
    let c = chats::find_visible(db, caller, chat_id).await?;
    let txn = crate::entities::begin_write(db).await?;
    let gone = shared_chat::Entity::delete_many()
        .filter(shared_chat::Column::ChatId.eq(c.id))
        .exec(&*txn)
        .await?;
    chat::Entity::update_many()
        .col_expr(chat::Column::ShareId, Expr::value(Option::<Uuid>::None))
        .filter(chat::Column::Id.eq(c.id))
        .exec(&*txn)
        .await?;
    if gone.rows_affected > 0 {
        super::audit::record(
            &*txn,
            super::audit::DELETE,
            Some(caller.id),
            Some(c.id),
            c.share_id,
            None,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(gone.rows_affected > 0)
}

pub use super::for_readers::strip_private;

/// [`view_with`] for a signed-in caller who gives no link password.
pub async fn view(db: &DatabaseConnection, caller: &user::Model, share_id: Uuid) -> AppResult<Snapshot> {
    view_with(db, Some(caller), share_id, &Presented::default()).await
}

/// The snapshot behind `share_id` (or, for a live link, the chat as it is now) for `caller`
/// (`None`: not signed in), if its grants let them
/// open it ([`super::grants::check_read`]: 401 or 403 otherwise) and, when it has a password,
/// `presented` holds it ([`super::password::check`]; the owner needs none): one primary-key
/// lookup joined with its owner, then its grants. A link whose owner is pending (an
/// administrator paused the account) is paused too: 404 for everyone else until the account is
/// approved again.
pub async fn view_with(
    db: &DatabaseConnection,
    caller: Option<&user::Model>,
    share_id: Uuid,
    presented: &Presented,
) -> AppResult<Snapshot> {
    let link = shared_chat::Entity::find_by_id(share_id).find_also_related(user::Entity);
    let (row, owner) = crate::entities::local::one_also(db, link)
        .await?
        .ok_or_else(link_not_found)?;
    view_of(db, caller, row, owner, presented).await
}

/// [`view_with`] once the link's row and its owner (`None`: the account is gone) are read.
pub async fn view_of(
    db: &DatabaseConnection,
    caller: Option<&user::Model>,
    mut row: shared_chat::Model,
    owner: Option<user::Model>,
    presented: &Presented,
) -> AppResult<Snapshot> {
    let viewer_is_owner = caller.is_some_and(|u| u.id == row.user_id);
    if !viewer_is_owner && owner.as_ref().is_none_or(|o| o.role == Role::Pending) {
        return Err(link_not_found());
    }
    let permission = match super::grants::check_read(db, &row, caller).await {
        // A visitor is told that a link expired, not asked to sign in first.
        Err(AppError::Unauthenticated) => {
            super::lifetime::check(&row, now(), false)?;
            return Err(AppError::Unauthenticated);
        }
        read => read?,
    };
    // Expiry before the password: an expired link answers 410 whatever was guessed, so a
    // guess cannot be told right (410) from wrong (401).
    super::lifetime::check(&row, now(), viewer_is_owner)?;
    if !viewer_is_owner {
        super::password::check(db, &row, presented).await?;
    }
    let live = row.share_mode.as_deref() == Some(super::LIVE);
    if live {
        // A live link shows the chat as it is now (its title column's title in the JSON).
        let c = crate::entities::local::one(db, chat::Entity::find_by_id(row.chat_id))
            .await?
            .ok_or_else(link_not_found)?;
        row.chat = crate::chats::transfer::titled(&c.chat, &c.title)?
            .get()
            .to_owned();
        row.title = c.title;
        row.updated_at = c.updated_at;
    }
    if live || row.scope.is_none() {
        // A live link (and a snapshot taken before links had choices) is scoped as it is read.
        let scope = Scope::from_stored(row.scope.as_deref());
        if let Some(shared) = scope::apply(&ChatDoc::from_stored(&row.chat)?, &scope)? {
            row.chat = shared.encode()?;
        }
        scope::mask_text(&mut row.title, &scope.redact);
    }
    let mut stored_chat = None;
    if !viewer_is_owner {
        let mut stripped = strip_private(&row.chat)?;
        if caller.is_none() {
            stripped = super::for_readers::without_author_ids(stripped)?;
        }
        if stripped != row.chat {
            stored_chat = Some(std::mem::replace(&mut row.chat, stripped));
        }
    }
    Ok(Snapshot {
        row,
        owner_name: owner.map(|o| o.name),
        stored_chat,
        viewer_is_owner,
        live,
        may_continue: live && permission == super::GrantPermission::Write,
    })
}

/// Copies a snapshot into the caller's chats: new id, title "Clone of {title}", no link, and
/// `originalChatId` / `branchPointMessageId` recorded in the chat JSON.
pub async fn clone_shared(
    db: &DatabaseConnection,
    caller: &user::Model,
    share_id: Uuid,
    presented: &Presented,
) -> AppResult<chat::Model> {
    let snap = view_with(db, Some(caller), share_id, presented).await?;
    let mut chat = ChatDoc::from_stored(&snap.row.chat)?;
    let title: String = format!("Clone of {}", snap.row.title)
        .chars()
        .take(chats::MAX_TITLE)
        .collect();
    let branch_point = chat.current_id().map(str::to_owned);
    chat.title = Some(title);
    chat.rest.insert(
        "originalChatId".into(),
        Value::String(snap.row.chat_id.to_string()),
    );
    chat.rest.insert(
        "branchPointMessageId".into(),
        branch_point.map_or(Value::Null, Value::String),
    );
    let t = now();
    chats::insert_raw(db, caller.id, &chat, serde_json::json!({ "tags": [] }), t, t).await
}

/// Links as lists show them: every column but the snapshot's JSON (an empty `chat`).
pub(super) fn listed_links() -> sea_orm::Select<shared_chat::Entity> {
    shared_chat::Entity::find()
        .select_only()
        .columns([
            shared_chat::Column::Id,
            shared_chat::Column::ChatId,
            shared_chat::Column::UserId,
            shared_chat::Column::Title,
            shared_chat::Column::CreatedAt,
            shared_chat::Column::UpdatedAt,
            shared_chat::Column::PasswordHash,
            shared_chat::Column::ShareMode,
            shared_chat::Column::ExpiresAt,
            shared_chat::Column::ViewCount,
            shared_chat::Column::LastViewedAt,
            shared_chat::Column::Scope,
            shared_chat::Column::Version,
        ])
        .expr_as(Expr::val(""), "chat")
}

/// Deletes all of the caller's links; returns how many there were.
pub async fn unshare_all(db: &DatabaseConnection, caller: &user::Model) -> AppResult<u64> {
    let txn = db.begin().await?;
    chat::Entity::update_many()
        .col_expr(chat::Column::ShareId, Expr::value(Option::<Uuid>::None))
        .filter(chat::Column::UserId.eq(caller.id))
        .filter(chat::Column::ShareId.is_not_null())
        .exec(&txn)
        .await?;
    let gone = shared_chat::Entity::delete_many()
        .filter(shared_chat::Column::UserId.eq(caller.id))
        .exec(&txn)
        .await?;
    if gone.rows_affected > 0 {
        let detail = format!("all {} links", gone.rows_affected);
        super::audit::record(
            &txn,
            super::audit::DELETE,
            Some(caller.id),
            None,
            None,
            Some(detail),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(gone.rows_affected)
}
