//! How long a link lives: an expiry chosen by its owner within the administrator's policy
//! (a default lifetime for links given none, and a longest one), the 410 an expired link
//! answers, and the clean-up that deletes links 30 days after they expired (until then,
//! sharing again with a new expiry revives the same link, same URL).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, TransactionTrait};
use uuid::Uuid;

use crate::entities::{chat, now, shared_chat, user};
use crate::error::{AppError, AppResult};
use crate::instance::{InstanceSettings, SettingsDefaults};

const DAY: i64 = 86_400;

/// How long an expired link still answers 410 (and can be revived) before it is deleted.
pub const GRACE_SECS: i64 = 30 * DAY;

/// The expiry a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Requested {
    /// Nothing said: a new link gets the policy's default lifetime, an existing one keeps its
    /// expiry.
    #[default]
    Unchanged,
    /// `null`: never (or after the policy's longest lifetime, when there is one).
    Never,
    /// A time, epoch seconds.
    At(i64),
}

/// The expiry to store for `asked` under `settings`' policy at time `t`: `None` is never. 422
/// for a time not in the future, or past the longest lifetime (the message names it).
pub fn resolve(settings: &InstanceSettings, asked: Requested, t: i64) -> AppResult<Option<i64>> {
    let max = (settings.share_link_max_days > 0).then(|| t + i64::from(settings.share_link_max_days) * DAY);
    match asked {
        Requested::At(at) if at <= t => Err(AppError::Unprocessable(
            "The expiry must be in the future.".to_owned(),
        )),
        // Five minutes of slack for a browser's clock ("in 30 days" picked on the page).
        Requested::At(at) if max.is_some_and(|m| at > m + 300) => Err(AppError::Unprocessable(format!(
            "Links on this instance live at most {} days.",
            settings.share_link_max_days
        ))),
        Requested::At(at) => Ok(Some(at)),
        Requested::Unchanged if settings.share_link_default_days > 0 => {
            Ok(Some(t + i64::from(settings.share_link_default_days) * DAY))
        }
        Requested::Unchanged | Requested::Never => Ok(max),
    }
}

/// 410 "This link expired on …" when `link` has expired by time `t` (with [`super::EXTEND_HINT`] for
/// its owner).
pub fn check(link: &shared_chat::Model, t: i64, for_owner: bool) -> AppResult<()> {
    match link.expires_at {
        Some(at) if link.expired_at(t) => Err(AppError::Gone(format!(
            "This link expired on {}.{}",
            crate::format::format_time(at),
            if for_owner { super::EXTEND_HINT } else { "" }
        ))),
        _ => Ok(()),
    }
}

/// How long "Extend" gives a link (less when the policy's longest lifetime is shorter).
const EXTEND_DAYS: i64 = 7;

/// "Extend" on an expired link's page: it opens again for seven days (or the policy's longest
/// lifetime, when shorter). Its owner with `chat.share`, or an admin; 404 otherwise.
pub async fn extend(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    share_id: Uuid,
) -> AppResult<Option<i64>> {
    let link = shared_chat::Entity::find_by_id(share_id)
        .one(db)
        .await?
        .ok_or_else(super::service::link_not_found)?;
    let settings = crate::instance::service::get(db, defaults).await?;
    let t = now();
    let mut until = t + EXTEND_DAYS * DAY;
    if settings.share_link_max_days > 0 {
        until = until.min(t + i64::from(settings.share_link_max_days) * DAY);
    }
    set(db, defaults, caller, link.chat_id, Some(until)).await
}

/// Sets the expiry of chat `chat_id`'s link (`None`: never, within the policy), for its owner
/// with `chat.share` or an admin; the expiry now. An expired link opens again.
pub async fn set(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    caller: &user::Model,
    chat_id: Uuid,
    asked: Option<i64>,
) -> AppResult<Option<i64>> {
    let share_id = super::grants::managed_link(db, defaults, caller, chat_id).await?;
    let settings = crate::instance::service::get(db, defaults).await?;
    let asked = asked.map_or(Requested::Never, Requested::At);
    let expires_at = resolve(&settings, asked, now())?;
    let txn = db.begin().await?;
    shared_chat::Entity::update_many()
        .col_expr(shared_chat::Column::ExpiresAt, Expr::value(expires_at))
        .filter(shared_chat::Column::Id.eq(share_id))
        .exec(&txn)
        .await?;
    super::audit::record(
        &txn,
        super::audit::UPDATE,
        Some(caller.id),
        Some(chat_id),
        Some(share_id),
        Some(match expires_at {
            Some(at) => format!("expires {}", crate::format::format_time(at)),
            None => "never expires".to_owned(),
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(expires_at)
}

/// Deletes the links that expired more than [`GRACE_SECS`] before `t` (their chats lose the
/// link in the same transaction) and records `share.expire` for each; how many. Safe on
/// several processes at once: each link is deleted by one `DELETE` only, and only the process
/// whose `DELETE` removed it records it.
pub async fn clean_up(db: &DatabaseConnection, t: i64) -> AppResult<u64> {
    let due: Vec<(Uuid, Uuid, Option<i64>)> = shared_chat::Entity::find()
        .select_only()
        .columns([
            shared_chat::Column::Id,
            shared_chat::Column::ChatId,
            shared_chat::Column::ExpiresAt,
        ])
        .filter(shared_chat::Column::ExpiresAt.lt(t - GRACE_SECS))
        .limit(500)
        .into_tuple()
        .all(db)
        .await?;
    let mut done = 0;
    for (share_id, chat_id, expired_at) in due {
        let txn = db.begin().await?;
        // The write comes first, so SQLite takes its write lock at once (no read to upgrade).
        let gone = shared_chat::Entity::delete_many()
            .filter(shared_chat::Column::Id.eq(share_id))
            .filter(shared_chat::Column::ExpiresAt.lt(t - GRACE_SECS))
            .exec(&txn)
            .await?;
        if gone.rows_affected == 0 {
            // Another process took it, or the owner revived it meanwhile.
            continue;
        }
        chat::Entity::update_many()
            .col_expr(chat::Column::ShareId, Expr::value(Option::<Uuid>::None))
            .filter(chat::Column::ShareId.eq(share_id))
            .exec(&txn)
            .await?;
        super::audit::record(
            &txn,
            super::audit::EXPIRE,
            None,
            Some(chat_id),
            Some(share_id),
            expired_at.map(|at| format!("expired {}", crate::format::format_time(at))),
        )
        .await?;
        txn.commit().await?;
        done += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(default_days: u32, max_days: u32) -> InstanceSettings {
        let mut s = InstanceSettings::from_defaults(&SettingsDefaults::default());
        s.share_link_default_days = default_days;
        s.share_link_max_days = max_days;
        s
    }

    #[test]
    fn expiry_follows_the_policy() {
        use Requested::*;
        let t = 1_000_000;
        assert_eq!(resolve(&policy(0, 0), Unchanged, t), Ok(None), "never by default");
        assert_eq!(resolve(&policy(7, 0), Unchanged, t), Ok(Some(t + 7 * DAY)));
        assert_eq!(
            resolve(&policy(7, 0), Never, t),
            Ok(None),
            "the owner's never beats the default"
        );
        assert_eq!(
            resolve(&policy(0, 30), Unchanged, t),
            Ok(Some(t + 30 * DAY)),
            "the longest, when no default"
        );
        assert_eq!(
            resolve(&policy(0, 30), Never, t),
            Ok(Some(t + 30 * DAY)),
            "never is capped"
        );
        assert_eq!(resolve(&policy(0, 0), At(t + 5), t), Ok(Some(t + 5)));
        assert!(matches!(
            resolve(&policy(0, 0), At(t), t),
            Err(AppError::Unprocessable(_))
        ));
        let long = resolve(&policy(0, 30), At(t + 31 * DAY), t);
        assert!(
            matches!(&long, Err(AppError::Unprocessable(m)) if m.contains("30 days")),
            "{long:?}"
        );
    }
}
