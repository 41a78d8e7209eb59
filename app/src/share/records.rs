//! How long links live and who looked, as the owner and the administrator see it: the wire
//! types and server functions of expiry, the access log, Admin Panel → Shared links and
//! Admin Panel → Audit (their services: `lifetime`, `views`, `oversight`, `audit`).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// When a link stops opening, as the Share dialog sends it with Copy Link (left out: a new link
/// gets the instance's default, an existing one keeps its expiry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryChoice {
    /// Never (or after the instance's longest lifetime, when it has one).
    Never,
    /// At this time, epoch seconds.
    At(i64),
}

#[cfg(feature = "ssr")]
impl ExpiryChoice {
    pub(super) fn requested(self) -> super::lifetime::Requested {
        match self {
            ExpiryChoice::Never => super::lifetime::Requested::Never,
            ExpiryChoice::At(t) => super::lifetime::Requested::At(t),
        }
    }
}

/// What the owner of an expired link is told after the date (its page then offers "Extend").
pub const EXTEND_HINT: &str = " It is yours: extend it to open it again.";

/// The audit log's actions and their names in words: what `GET /api/v1/admin/audit?action=`
/// accepts and Admin Panel → Audit's filter offers.
pub const ACTION_NAMES: &[(&str, &str)] = &[
    ("share.create", "Link created"),
    ("share.update", "Link updated"),
    ("share.delete", "Link deleted"),
    ("share.expire", "Expired link cleaned up"),
    ("share.access", "Audience or password changed"),
    ("share.view", "Reads"),
    ("share.admin_revoke", "Revoked by an administrator"),
];

/// One reader's reads of a link on one day, in its access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewEntry {
    /// The reader's account (`null`: a visitor without one).
    pub user_id: Option<Uuid>,
    /// Their display name.
    pub name: Option<String>,
    /// Their latest read that day, epoch seconds.
    pub viewed_at: i64,
    /// How many times they read it that day.
    #[serde(default = "one")]
    pub reads: i64,
}

fn one() -> i64 {
    1
}

/// One row of the audit log, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The row's id.
    pub id: Uuid,
    /// `share.create`, `share.update`, `share.delete`, `share.expire`, `share.access`,
    /// `share.view` or `share.admin_revoke`.
    pub action: String,
    /// Who did it (none: the server itself, or visitors).
    pub actor_id: Option<Uuid>,
    /// Their display name (none when the account is gone, or there is no actor).
    #[serde(default)]
    pub actor_name: Option<String>,
    /// The chat.
    pub chat_id: Option<Uuid>,
    /// The link.
    pub share_id: Option<Uuid>,
    /// What changed, in words.
    pub detail: Option<String>,
    /// When, epoch seconds.
    pub at: i64,
    /// The link's title now (the chat's, when the link is gone); none when both are gone.
    #[serde(default)]
    pub link_title: Option<String>,
}

/// `entries` (newest first) with each link's reads of one day (UTC) in one entry: the newest
/// moment, the reads added up ("12 reads"), where the day's newest write-out stood. The view
/// counter writes reads out in batches, so a busy link's day is otherwise dozens of rows.
pub fn group_reads(entries: Vec<AuditEntry>) -> Vec<AuditEntry> {
    const VIEW: &str = "share.view";
    let reads = |e: &AuditEntry| {
        e.detail
            .as_deref()
            .and_then(|d| d.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mut out: Vec<AuditEntry> = Vec::with_capacity(entries.len());
    let mut days: std::collections::HashMap<(Uuid, i64), (usize, u64)> = std::collections::HashMap::new();
    for e in entries {
        let Some(share) = e.share_id.filter(|_| e.action == VIEW) else {
            out.push(e);
            continue;
        };
        let n = reads(&e);
        match days.get_mut(&(share, e.at.div_euclid(86_400))) {
            Some((at, total)) => {
                *total += n;
                out[*at].detail = Some(format!("{total} read{}", if *total == 1 { "" } else { "s" }));
            }
            None => {
                days.insert((share, e.at.div_euclid(86_400)), (out.len(), n));
                out.push(e);
            }
        }
    }
    out
}

/// The words for an audit action code ([`ACTION_NAMES`]); the code itself when unknown.
pub fn action_name(code: &str) -> &str {
    ACTION_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

/// The widest audience a link's grants reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Nobody but the owner (and admins).
    OnlyOwner,
    /// Some people and groups.
    People,
    /// Every approved member.
    Members,
    /// Anyone with the link.
    Anyone,
}

impl Reach {
    /// In words, for lists.
    pub fn label(self) -> &'static str {
        match self {
            Reach::OnlyOwner => "Only the owner",
            Reach::People => "Specific people",
            Reach::Members => "Every member",
            Reach::Anyone => "Anyone with the link",
        }
    }
}

/// A link on the instance, as Admin Panel → Shared links lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceLink {
    /// The link.
    pub share_id: Uuid,
    /// Its chat.
    pub chat_id: Uuid,
    /// The chat's title now.
    pub title: String,
    /// The title its readers see, when the chat was renamed since it was shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_as: Option<String>,
    /// The owner's account.
    pub user_id: Uuid,
    /// The owner's name.
    pub owner_name: String,
    /// The owner's email (administrators only see this list).
    pub owner_email: String,
    /// Who can open it.
    pub audience: Reach,
    /// Whether it is live.
    pub live: bool,
    /// Whether it has a password.
    pub has_password: bool,
    /// First shared.
    pub created_at: i64,
    /// Last updated.
    pub updated_at: i64,
    /// When it stops opening (`null`: never).
    pub expires_at: Option<i64>,
    /// Reads by anyone but the owner.
    pub view_count: i64,
}

/// How "My shared links" is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkOrder {
    /// Last updated first.
    #[default]
    Updated,
    /// Most read first.
    Views,
    /// Last read first.
    LastViewed,
    /// Expiring soonest first (links that never expire last).
    Expires,
}

/// One of my links, as listed: the answer of the `list_shared` server function and, as an
/// array, of `GET /api/v1/chats/shared` (Open WebUI's shape, with our fields added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedLinkItem {
    /// The chat's id (Open WebUI calls it `id`).
    pub id: Uuid,
    /// The chat's id.
    pub chat_id: Uuid,
    /// Snapshot title (in "My shared links", the chat's title now).
    pub title: String,
    /// In "My shared links": the title its readers see, when the chat was renamed since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_as: Option<String>,
    /// The link's id.
    pub share_id: Uuid,
    /// First shared.
    pub created_at: i64,
    /// Last updated.
    pub updated_at: i64,
    /// When it stops opening (`null`: never).
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// Reads by anyone but me.
    #[serde(default)]
    pub view_count: i64,
    /// Distinct readers: accounts, and visitors without one counted once a day.
    #[serde(default)]
    pub viewer_count: i64,
    /// The last read.
    #[serde(default)]
    pub last_viewed_at: Option<i64>,
    /// Who can open it.
    #[serde(default = "only_owner")]
    pub audience: Reach,
    /// Whether it is live.
    #[serde(default)]
    pub live: bool,
    /// Requests for access waiting for an answer ("My shared links" shows them; left out of
    /// the JSON API's list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<super::AccessRequest>,
    /// Until when it refuses password guesses after too many wrong ones (epoch seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_locked_until: Option<i64>,
}

fn only_owner() -> Reach {
    Reach::OnlyOwner
}

#[cfg(feature = "ssr")]
impl From<crate::entities::shared_chat::Model> for SharedLinkItem {
    fn from(r: crate::entities::shared_chat::Model) -> Self {
        SharedLinkItem {
            id: r.chat_id,
            chat_id: r.chat_id,
            title: r.title,
            shared_as: None,
            share_id: r.id,
            created_at: r.created_at,
            updated_at: r.updated_at,
            expires_at: r.expires_at,
            view_count: r.view_count,
            viewer_count: 0,
            last_viewed_at: r.last_viewed_at,
            audience: Reach::OnlyOwner,
            live: r.share_mode.as_deref() == Some(super::LIVE),
            requests: Vec::new(),
            password_locked_until: None,
        }
    }
}

/// The caller's links whose title contains `query`, in `order`; pages from 1.
#[cfg(feature = "ssr")]
pub async fn list(
    db: &sea_orm::DatabaseConnection,
    caller: &crate::entities::user::Model,
    query: &str,
    page: u64,
    order: LinkOrder,
) -> crate::error::AppResult<Vec<crate::entities::shared_chat::Model>> {
    use crate::entities::shared_chat;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut q = super::service::listed_links().filter(shared_chat::Column::UserId.eq(caller.id));
    let query = query.trim();
    if !query.is_empty() {
        q = q.filter(crate::entities::contains_ignoring_case(
            shared_chat::Column::Title,
            query,
        ));
    }
    q = match order {
        LinkOrder::Updated => q,
        LinkOrder::Views => q.order_by_desc(shared_chat::Column::ViewCount),
        LinkOrder::LastViewed => q.order_by_with_nulls(
            shared_chat::Column::LastViewedAt,
            sea_orm::Order::Desc,
            sea_orm::sea_query::NullOrdering::Last,
        ),
        LinkOrder::Expires => q.order_by_with_nulls(
            shared_chat::Column::ExpiresAt,
            sea_orm::Order::Asc,
            sea_orm::sea_query::NullOrdering::Last,
        ),
    };
    Ok(q.order_by_desc(shared_chat::Column::UpdatedAt)
        .order_by_desc(shared_chat::Column::CreatedAt)
        .offset(crate::entities::page_offset(page, super::service::PAGE_SIZE)?)
        .limit(super::service::PAGE_SIZE)
        .into_model::<shared_chat::Model>()
        .all(db)
        .await?)
}

/// The caller's links as listed (see [`list`]), with their audiences and
/// distinct readers and, with `requests`, the requests for access waiting for an answer.
#[cfg(feature = "ssr")]
pub async fn my_links(
    db: &sea_orm::DatabaseConnection,
    caller: &crate::entities::user::Model,
    query: &str,
    page: u64,
    order: LinkOrder,
    requests: bool,
) -> crate::error::AppResult<Vec<SharedLinkItem>> {
    let links = list(db, caller, query, page, order).await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.id).collect();
    let reach = super::oversight::reach(db, &ids).await?;
    let viewers = super::views::viewers(db, &ids).await?;
    let mut waiting = if requests {
        super::requests::pending_by_link(db, &ids).await?
    } else {
        Default::default()
    };
    // The list shows chats' titles now (the JSON API keeps Open WebUI's snapshot titles).
    let mut titles = if requests {
        super::oversight::chat_titles(db, links.iter().map(|l| l.chat_id)).await?
    } else {
        Default::default()
    };
    let mut locked = std::collections::HashMap::new();
    for l in links.iter().filter(|l| l.password_hash.is_some()) {
        if let Some(until) = super::password::locked_until(db, l.id).await? {
            locked.insert(l.id, until);
        }
    }
    Ok(links
        .into_iter()
        .map(|l| {
            let id = l.id;
            let (title, shared_as) = match titles.remove(&l.chat_id) {
                Some(now) => super::oversight::titled(Some(now), l.title.clone()),
                None => (l.title.clone(), None),
            };
            SharedLinkItem {
                title,
                shared_as,
                audience: reach.get(&id).copied().unwrap_or(Reach::OnlyOwner),
                viewer_count: viewers.get(&id).copied().unwrap_or(0),
                requests: waiting.remove(&id).unwrap_or_default(),
                password_locked_until: locked.get(&id).copied(),
                ..SharedLinkItem::from(l)
            }
        })
        .collect())
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::{admin, member};

/// `POST /api/fn/list_shared` `{"query": "", "page": 1, "order": "updated"}`: my links, each
/// with its audience, reads and the requests for access waiting for my answer.
#[server(prefix = "/api/fn", endpoint = "list_shared", input = Json, output = Json)]
pub async fn list_shared(
    query: String,
    page: u64,
    #[server(default)] order: LinkOrder,
) -> Result<Vec<SharedLinkItem>, AppError> {
    let (state, me) = member().await?;
    my_links(&state.db, &me, &query, page, order, true).await
}

/// `POST /api/fn/share_views` `{"chat_id": …, "page": 1}`: the access log of the chat's link,
/// newest first (owner or admin).
#[server(prefix = "/api/fn", endpoint = "share_views", input = Json, output = Json)]
pub async fn share_views(chat_id: Uuid, page: u64) -> Result<Vec<ViewEntry>, AppError> {
    let (state, me) = member().await?;
    super::views::log(&state.db, &me, chat_id, page).await
}

/// `POST /api/fn/admin_shared_links` `{"query": "", "user_id": null, "page": 1}`: every link on
/// the instance, newest first (administrators).
#[server(prefix = "/api/fn", endpoint = "admin_shared_links", input = Json, output = Json)]
pub async fn admin_shared_links(
    query: String,
    user_id: Option<Uuid>,
    page: u64,
) -> Result<Vec<InstanceLink>, AppError> {
    let (state, _) = admin().await?;
    super::oversight::list(&state.db, &query, user_id, page).await
}

/// `POST /api/fn/admin_revoke_links` `{"share_id": …}` or `{"user_id": …}`: deletes one link,
/// or every link of one member (administrators); how many went.
#[server(prefix = "/api/fn", endpoint = "admin_revoke_links", input = Json, output = Json)]
pub async fn admin_revoke_links(share_id: Option<Uuid>, user_id: Option<Uuid>) -> Result<u64, AppError> {
    let (state, me) = admin().await?;
    match (share_id, user_id) {
        (Some(s), None) => super::oversight::revoke(&state.db, &me, s).await.map(|_| 1),
        (None, Some(u)) => super::oversight::revoke_all_of(&state.db, &me, u).await,
        _ => Err(AppError::Unprocessable(
            "Give a share_id or a user_id, not both.".to_owned(),
        )),
    }
}

/// `POST /api/fn/admin_audit` `{"action": "", "user_id": null, "page": 1}`: the audit log,
/// newest first (administrators).
#[server(prefix = "/api/fn", endpoint = "admin_audit", input = Json, output = Json)]
pub async fn admin_audit(
    action: String,
    user_id: Option<Uuid>,
    page: u64,
) -> Result<Vec<AuditEntry>, AppError> {
    let (state, _) = admin().await?;
    super::audit::list(
        &state.db,
        Some(action.as_str()),
        user_id,
        page,
        super::audit::PAGE_SIZE,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, share: u128, at: i64, detail: &str) -> AuditEntry {
        AuditEntry {
            id: Uuid::from_u128(at as u128),
            action: action.to_owned(),
            actor_id: None,
            actor_name: None,
            chat_id: None,
            share_id: Some(Uuid::from_u128(share)),
            detail: Some(detail.to_owned()),
            at,
            link_title: None,
        }
    }

    #[test]
    fn a_links_reads_of_one_day_are_one_entry() {
        let day = 20_000 * 86_400;
        let grouped = group_reads(vec![
            entry("share.view", 1, day + 500, "3 reads"),
            entry("share.view", 2, day + 400, "1 read"),
            entry("share.update", 1, day + 300, "Snapshot updated"),
            entry("share.view", 1, day + 200, "2 reads"),
            // The day before: its own entry.
            entry("share.view", 1, day - 10, "1 read"),
        ]);
        let seen: Vec<(&str, u128, i64, &str)> = grouped
            .iter()
            .map(|e| {
                (
                    e.action.as_str(),
                    e.share_id.map_or(0, |s| s.as_u128()),
                    e.at,
                    e.detail.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                ("share.view", 1, day + 500, "5 reads"),
                ("share.view", 2, day + 400, "1 read"),
                ("share.update", 1, day + 300, "Snapshot updated"),
                ("share.view", 1, day - 10, "1 read"),
            ]
        );
    }
}
