//! The community's rules: publishing a received chat, who may open one at which level, the
//! uploader's changes, moderation, and the listings (search itself is [`super::search`]).

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::Value;
use uuid::Uuid;

use super::{not_found, Access, CommunityChatSummary, CommunityList, ListQuery};
use crate::chats::doc::ChatDoc;
use crate::chats::MessageView;
use crate::entities::{community_chat, community_tag, community_view, now, user};
use crate::error::{AppError, AppResult};
use crate::instance::{InstanceSettings, SettingsDefaults};
use crate::share::scope::{self, Scope};

use super::intake::model_names;
pub use super::intake::{clean_tags, json_text, received_chat, search_text};

/// Chats per page of the gallery and of a search.
pub const PAGE_SIZE: u64 = 20;

/// The settings, when this instance is a community hub; 404 when the admin turned it off.
pub async fn hub(db: &DatabaseConnection, defaults: &SettingsDefaults) -> AppResult<InstanceSettings> {
    let s = crate::instance::service::get(db, defaults).await?;
    if !s.community_hub_enabled {
        return Err(AppError::NotFound(
            "The community is not enabled on this instance.".to_owned(),
        ));
    }
    Ok(s)
}

/// What an upload brings.
pub struct Upload {
    /// The chat: a chat document (`{title, history, …}`), Open WebUI's chat object
    /// (`{title, chat: {…}}`), or either as a JSON string (Open WebUI posts one).
    pub chat: Value,
    /// The models: names, or Open WebUI's model objects (`{id, name}`).
    pub models: Value,
    /// Who may open it.
    pub access: Access,
    /// Tags as given.
    pub tags: Vec<String>,
    /// The origin of the tab that sent it.
    pub source: Option<String>,
}

fn encode<T: serde::Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(|_| AppError::Internal)
}

fn stored_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The source origin as recorded: an http(s) origin, or nothing.
fn clean_source(source: Option<String>) -> Option<String> {
    source.as_deref().and_then(crate::instance::origin_of)
}

async fn write_tags(txn: &impl sea_orm::ConnectionTrait, id: Uuid, tags: &[String]) -> AppResult<()> {
    community_tag::Entity::delete_many()
        .filter(community_tag::Column::ChatId.eq(id))
        .exec(txn)
        .await?;
    if tags.is_empty() {
        return Ok(());
    }
    community_tag::Entity::insert_many(tags.iter().map(|t| community_tag::ActiveModel {
        chat_id: Set(id),
        tag: Set(t.clone()),
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Largest community chat, in bytes of its stored JSON.
pub const MAX_CHAT_BYTES: usize = 4 * 1024 * 1024;
/// Chats one member may publish in an hour.
pub const MAX_PUBLISHES_PER_HOUR: u64 = 20;

/// Publishes an upload as `me`'s community chat, within the member's limits: at most
/// [`MAX_CHAT_BYTES`] for the chat (422), [`MAX_PUBLISHES_PER_HOUR`] publications an hour (429
/// with `Retry-After`), and `quota_mb` megabytes of community chats in all (422; 0: no limit).
/// The upload page's preview of `chat` (as "Share to Community" sends it): the branch its
/// sender was looking at, each message rendered as the community page will show it (Markdown
/// to sanitized HTML, on the server), as the `<li>`s of a message list. At most 200 messages.
pub async fn preview_html(chat: Value) -> AppResult<String> {
    let doc = received_chat(chat).await?;
    let messages: Vec<_> = doc.visible_path().into_iter().take(200).collect();
    let rendered =
        crate::chats::markdown::render_all(messages.iter().map(|m| m.content.clone()).collect()).await;
    let mut out = String::new();
    for (m, html) in messages.iter().zip(rendered) {
        let role = m.role.as_str();
        let author = match role {
            "user" => "You".to_owned(),
            "system" => "System".to_owned(),
            _ => m
                .model_name
                .clone()
                .or_else(|| m.model.clone())
                .unwrap_or_else(|| "Assistant".to_owned()),
        };
        out.push_str(&format!(
            r#"<li class="message {}"><div class="message-head"><span class="author">{}</span></div><div class="message-body" dir="auto">{}</div></li>"#,
            if role == "user" || role == "system" { role } else { "assistant" },
            crate::format::escape_html_text(&author),
            // (The page keeps the plain text's line breaks until this arrives: no stray ones.)
            html.trim(),
        ));
    }
    Ok(out)
}

pub async fn publish(
    db: &DatabaseConnection,
    me: &user::Model,
    up: Upload,
    quota_mb: u32,
) -> AppResult<community_chat::Model> {
    let tags = clean_tags(&up.tags)?;
    let doc = received_chat(up.chat).await?;
    let stored = doc.encode()?;
    if stored.len() > MAX_CHAT_BYTES {
        return Err(AppError::Unprocessable(format!(
            "A community chat can be at most {} MB; this one is {:.1} MB.",
            MAX_CHAT_BYTES / (1024 * 1024),
            stored.len() as f64 / (1024.0 * 1024.0)
        )));
    }
    let hour_ago = now() - 3_600;
    let recent: Vec<i64> = community_chat::Entity::find()
        .select_only()
        .column(community_chat::Column::CreatedAt)
        .filter(community_chat::Column::UserId.eq(me.id))
        .filter(community_chat::Column::CreatedAt.gt(hour_ago))
        .order_by_asc(community_chat::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    if recent.len() as u64 >= MAX_PUBLISHES_PER_HOUR {
        let retry_after = recent.first().map_or(3_600, |t| (t + 3_600 - now()).max(1)) as u64;
        return Err(AppError::RetryLater {
            detail: format!(
                "You can publish {MAX_PUBLISHES_PER_HOUR} chats an hour. Try again in {} minutes.",
                retry_after.div_ceil(60)
            ),
            retry_after,
        });
    }
    if quota_mb > 0 {
        let used: Option<i64> = community_chat::Entity::find()
            .select_only()
            .expr(Expr::cust("CAST(SUM(LENGTH(chat)) AS BIGINT)"))
            .filter(community_chat::Column::UserId.eq(me.id))
            .into_tuple()
            .one(db)
            .await?
            .flatten();
        let quota = i64::from(quota_mb) * 1024 * 1024;
        let after = used.unwrap_or(0) + stored.len() as i64;
        if after > quota {
            return Err(AppError::Unprocessable(format!(
                "This would take your community chats to {:.1} MB, past your {quota_mb} MB. Delete some of them first.",
                after as f64 / (1024.0 * 1024.0)
            )));
        }
    }
    let title = doc.title.clone().unwrap_or_default();
    let models = model_names(&up.models, &doc);
    let search = search_text(&doc, up.access);
    let at = now();
    let row = community_chat::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(me.id),
        title: Set(title),
        chat: Set(stored),
        models: Set(encode(&models)?),
        access: Set(up.access.as_str().to_owned()),
        tags: Set(encode(&tags)?),
        source: Set(clean_source(up.source)),
        views: Set(0),
        hidden: Set(false),
        search_text: Set(search),
        created_at: Set(at),
        updated_at: Set(at),
    };
    let txn = db.begin().await?;
    let row = row.insert(&txn).await?;
    write_tags(&txn, row.id, &tags).await?;
    txn.commit().await?;
    Ok(row)
}

/// Uploaders' display names, by account id.
async fn names(db: &DatabaseConnection, rows: &[community_chat::Model]) -> AppResult<HashMap<Uuid, String>> {
    crate::accounts::service::display_names(db, rows.iter().map(|r| r.user_id)).await
}

fn summary(
    r: &community_chat::Model,
    names: &HashMap<Uuid, String>,
    snippet_html: Option<String>,
) -> CommunityChatSummary {
    CommunityChatSummary {
        id: r.id,
        url: super::chat_url(r.id),
        title: r.title.clone(),
        access: Access::parse(&r.access).unwrap_or(Access::Private),
        tags: stored_list(&r.tags),
        views: r.views,
        uploader: names
            .get(&r.user_id)
            .cloned()
            .unwrap_or_else(|| crate::accounts::service::FORMER_MEMBER.to_owned()),
        created_at: r.created_at,
        updated_at: r.updated_at,
        hidden: r.hidden,
        // Without a search, the chat's opening words.
        snippet_html: snippet_html.or_else(|| super::search::opening_html(&r.search_text)),
    }
}

/// The summary of one row.
async fn summary_of(db: &DatabaseConnection, row: &community_chat::Model) -> AppResult<CommunityChatSummary> {
    let names = names(db, std::slice::from_ref(row)).await?;
    Ok(summary(row, &names, None))
}

/// Summaries of `rows`, in their order.
pub async fn summaries(
    db: &DatabaseConnection,
    rows: &[community_chat::Model],
) -> AppResult<Vec<CommunityChatSummary>> {
    let names = names(db, rows).await?;
    Ok(rows.iter().map(|r| summary(r, &names, None)).collect())
}

/// The sort a query asks for: `new` (the default) or `views` (422 otherwise).
pub fn sort_of(raw: Option<&str>) -> AppResult<super::search::Sort> {
    match raw.unwrap_or("new") {
        "" | "new" => Ok(super::search::Sort::New),
        "views" => Ok(super::search::Sort::Views),
        other => Err(AppError::Unprocessable(format!(
            "sort is \"new\" or \"views\", not \"{other}\"."
        ))),
    }
}

/// A page of the public, visible community chats: all of them, those with a tag, or those a
/// search finds (with their snippets). Private and hidden chats are never in it.
pub async fn list(db: &DatabaseConnection, q: &ListQuery) -> AppResult<CommunityList> {
    let page = q.page.unwrap_or(1).max(1);
    let offset = crate::entities::page_offset(page, PAGE_SIZE)?;
    let sort = sort_of(q.sort.as_deref())?;
    let tag = q
        .tag
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    let words = super::search::words(q.query.as_deref().unwrap_or(""));
    let found = super::search::find(db, &words, tag.as_deref(), sort, offset, PAGE_SIZE).await?;
    let ids: Vec<Uuid> = found.hits.iter().map(|h| h.0).collect();
    let rows = community_chat::Entity::find()
        .filter(community_chat::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let names = names(db, &rows).await?;
    let by_id: HashMap<Uuid, &community_chat::Model> = rows.iter().map(|r| (r.id, r)).collect();
    let items = found
        .hits
        .into_iter()
        .filter_map(|(id, snippet)| {
            by_id
                .get(&id)
                .map(|r| summary(r, &names, snippet.map(|s| super::search::snippet_html(&s))))
        })
        .collect();
    Ok(CommunityList {
        items,
        page,
        total: found.total,
        has_more: offset + PAGE_SIZE < found.total,
        tags: super::search::top_tags(db).await?,
    })
}

/// `me`'s community chats, newest first, every level.
pub async fn mine(db: &DatabaseConnection, me: &user::Model) -> AppResult<Vec<CommunityChatSummary>> {
    let rows = community_chat::Entity::find()
        .filter(community_chat::Column::UserId.eq(me.id))
        .order_by_desc(community_chat::Column::CreatedAt)
        .limit(1000)
        .all(db)
        .await?;
    summaries(db, &rows).await
}

/// Every community chat, newest first, for an administrator's moderation list.
pub async fn moderation_list(
    db: &DatabaseConnection,
    admin: &user::Model,
    page: u64,
) -> AppResult<Vec<CommunityChatSummary>> {
    crate::accounts::service::require_admin(Some(admin.clone()))?;
    let rows = community_chat::Entity::find()
        .order_by_desc(community_chat::Column::CreatedAt)
        .offset(crate::entities::page_offset(page, 100)?)
        .limit(100)
        .all(db)
        .await?;
    summaries(db, &rows).await
}

/// A community chat opened for reading: its row, the document its level shows, its models.
pub struct Opened {
    /// The row.
    pub row: community_chat::Model,
    /// The chat as the reader may see it: the visible branch of a public chat; the whole tree
    /// of a full-history one, and for the uploader.
    pub doc: ChatDoc,
    /// The model names.
    pub models: Vec<String>,
    /// As lists show it.
    pub summary: CommunityChatSummary,
}

async fn row_of(db: &DatabaseConnection, id: Uuid) -> AppResult<community_chat::Model> {
    community_chat::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)
}

/// Whether a chat is listed and open to everyone: public and not hidden.
fn listed(row: &community_chat::Model) -> bool {
    row.access != Access::Private.as_str() && !row.hidden
}

fn is_admin(u: Option<&user::Model>) -> bool {
    u.is_some_and(|u| u.role == crate::accounts::Role::Admin)
}

/// Opens a community chat for `reader` (`None`: a visitor): a public one for anyone, a
/// private one for its uploader only, a hidden one for its uploader and administrators; 404
/// for everyone else. With `count`, a read by anyone but the uploader adds a view.
///
/// `counted_as`: the reader's key (`user:{id}` or a visitor's daily hash) when the read counts
/// as a view: each reader counts once a day, and the uploader never.
pub async fn open(
    db: &DatabaseConnection,
    reader: Option<&user::Model>,
    id: Uuid,
    counted_as: Option<&str>,
) -> AppResult<Opened> {
    let mut row = row_of(db, id).await?;
    let access = Access::parse(&row.access)?;
    let uploader = reader.is_some_and(|r| r.id == row.user_id);
    let may = uploader || listed(&row) || (access != Access::Private && is_admin(reader));
    if !may {
        return Err(not_found());
    }
    let first_today = match counted_as.filter(|_| !uploader) {
        Some(key) => {
            community_view::Entity::insert(community_view::ActiveModel {
                chat_id: Set(id),
                visitor: Set(key.to_owned()),
                day: Set(now().div_euclid(86_400)),
            })
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    community_view::Column::ChatId,
                    community_view::Column::Visitor,
                    community_view::Column::Day,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?
                > 0
        }
        None => false,
    };
    if first_today {
        community_chat::Entity::update_many()
            .col_expr(
                community_chat::Column::Views,
                Expr::col(community_chat::Column::Views).add(1),
            )
            .filter(community_chat::Column::Id.eq(id))
            .exec(db)
            .await?;
        row.views += 1;
    }
    let stored = ChatDoc::from_stored(&row.chat)?;
    let doc = if access == Access::Public && !uploader {
        scope::apply(&stored, &Scope::default())?.unwrap_or(stored)
    } else {
        stored
    };
    Ok(Opened {
        models: stored_list(&row.models),
        summary: summary_of(db, &row).await?,
        doc,
        row,
    })
}

/// The branch a reader sees, not yet rendered: through `branch` when the reader may switch
/// (a full-history chat, or the uploader's own), else the visible one.
pub fn branch_view(opened: &Opened, branch: Option<&str>) -> Vec<MessageView> {
    let mut doc = opened.doc.clone();
    if let Some(b) = branch {
        doc.switch_to(b);
    }
    crate::chats::service::messages_view(&doc)
}

/// Who may change or delete a community chat: its uploader, or an administrator (404 to
/// anyone who may not even see it, 403 to a reader who may).
async fn changeable(db: &DatabaseConnection, me: &user::Model, id: Uuid) -> AppResult<community_chat::Model> {
    let row = row_of(db, id).await?;
    if row.user_id == me.id || is_admin(Some(me)) {
        return Ok(row);
    }
    Err(if listed(&row) {
        AppError::Forbidden(
            "Only the person who shared this chat, or an administrator, can change it.".to_owned(),
        )
    } else {
        not_found()
    })
}

/// The seed's "Update Chat": a new access level and/or new tags (the search index follows).
pub async fn change(
    db: &DatabaseConnection,
    me: &user::Model,
    id: Uuid,
    access: Option<Access>,
    tags: Option<Vec<String>>,
) -> AppResult<CommunityChatSummary> {
    let row = changeable(db, me, id).await?;
    let access = match access {
        Some(a) => a,
        None => Access::parse(&row.access)?,
    };
    let tags = match tags {
        Some(t) => clean_tags(&t)?,
        None => stored_list(&row.tags),
    };
    let doc = ChatDoc::from_stored(&row.chat)?;
    let search = search_text(&doc, access);
    let txn = db.begin().await?;
    let mut am: community_chat::ActiveModel = row.into();
    am.access = Set(access.as_str().to_owned());
    am.tags = Set(encode(&tags)?);
    am.search_text = Set(search);
    am.updated_at = Set(now());
    let row = am.update(&txn).await?;
    write_tags(&txn, id, &tags).await?;
    txn.commit().await?;
    summary_of(db, &row).await
}

/// Deletes a community chat (its uploader or an administrator); its tags and index go with it.
/// Answers the row that went.
pub async fn delete(db: &DatabaseConnection, me: &user::Model, id: Uuid) -> AppResult<community_chat::Model> {
    let row = changeable(db, me, id).await?;
    community_chat::Entity::delete_by_id(id).exec(db).await?;
    Ok(row)
}

/// Hides a community chat from everyone but its uploader and administrators, or shows it again
/// (administrators only).
pub async fn set_hidden(
    db: &DatabaseConnection,
    admin: &user::Model,
    id: Uuid,
    hidden: bool,
) -> AppResult<CommunityChatSummary> {
    crate::accounts::service::require_admin(Some(admin.clone()))?;
    let row = row_of(db, id).await?;
    let mut am: community_chat::ActiveModel = row.into();
    am.hidden = Set(hidden);
    let row = am.update(db).await?;
    summary_of(db, &row).await
}
