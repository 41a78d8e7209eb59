//! The audit log of sharing: who created, updated, deleted, changed the audience or password
//! of, revoked (as an administrator) or let expire which link, and how often links were read
//! (`share.view`: one row per link per write-out of the view counter, saying how many reads it
//! stands for — aggregated, not one row per read). Kept for the administrator's retention
//! setting; listed and downloaded (CSV) in Admin Panel → Audit.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

pub use super::records::AuditEntry;

use crate::entities::{audit_log, chat, now, shared_chat, user};
use crate::error::{AppError, AppResult};

/// A link was created.
pub const CREATE: &str = "share.create";
/// A link's snapshot or expiry was updated.
pub const UPDATE: &str = "share.update";
/// A link was deleted by its owner (or an admin from the chat).
pub const DELETE: &str = "share.delete";
/// An expired link was cleaned up.
pub const EXPIRE: &str = "share.expire";
/// Who can open a link, or its password, changed.
pub const ACCESS: &str = "share.access";
/// Reads of a link (aggregated).
pub const VIEW: &str = "share.view";
/// An administrator revoked someone's link from Admin Panel → Shared links.
pub const ADMIN_REVOKE: &str = "share.admin_revoke";

/// Rows per page of [`list`].
pub const PAGE_SIZE: u64 = 50;

impl From<audit_log::Model> for AuditEntry {
    fn from(r: audit_log::Model) -> Self {
        AuditEntry {
            id: r.id,
            action: r.action,
            actor_id: r.actor_id,
            actor_name: None,
            chat_id: r.chat_id,
            share_id: r.share_id,
            detail: r.detail,
            at: r.at,
            link_title: None,
        }
    }
}

/// A new row for `action` by `actor` on `chat` / `share`.
pub fn entry(
    action: &str,
    actor: Option<Uuid>,
    chat: Option<Uuid>,
    share: Option<Uuid>,
    detail: Option<String>,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        action: Set(action.to_owned()),
        actor_id: Set(actor),
        chat_id: Set(chat),
        share_id: Set(share),
        detail: Set(detail),
        at: Set(now()),
    }
}

/// Writes one row (in the caller's transaction, when it passes one).
pub async fn record(
    db: &impl ConnectionTrait,
    action: &str,
    actor: Option<Uuid>,
    chat: Option<Uuid>,
    share: Option<Uuid>,
    detail: Option<String>,
) -> AppResult<()> {
    audit_log::Entity::insert(entry(action, actor, chat, share, detail))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The log, newest first, filtered by `action` and by who acted (`actor`); pages from 1.
/// 422 for an unknown action.
pub async fn list(
    db: &DatabaseConnection,
    action: Option<&str>,
    actor: Option<Uuid>,
    page: u64,
    page_size: u64,
) -> AppResult<Vec<AuditEntry>> {
    let mut q = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id);
    if let Some(a) = action.filter(|a| !a.is_empty()) {
        if !super::ACTION_NAMES.iter().any(|(code, _)| *code == a) {
            let known: Vec<&str> = super::ACTION_NAMES.iter().map(|(code, _)| *code).collect();
            return Err(AppError::Unprocessable(format!(
                "Unknown action \"{a}\": one of {}.",
                known.join(", ")
            )));
        }
        q = q.filter(audit_log::Column::Action.eq(a));
    }
    if let Some(u) = actor {
        q = q.filter(audit_log::Column::ActorId.eq(u));
    }
    let rows = q
        .offset(crate::entities::page_offset(page, page_size)?)
        .limit(page_size)
        .all(db)
        .await?;
    // The actors' names, in one query.
    let actors: std::collections::BTreeSet<Uuid> = rows.iter().filter_map(|r| r.actor_id).collect();
    let names: std::collections::HashMap<Uuid, String> = if actors.is_empty() {
        Default::default()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(actors))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    };
    // The links' titles as they are now (the chats' for links that are gone), in two queries.
    let links: std::collections::BTreeSet<Uuid> = rows.iter().filter_map(|r| r.share_id).collect();
    let link_titles: std::collections::HashMap<Uuid, String> = if links.is_empty() {
        Default::default()
    } else {
        shared_chat::Entity::find()
            .select_only()
            .columns([shared_chat::Column::Id, shared_chat::Column::Title])
            .filter(shared_chat::Column::Id.is_in(links))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let gone: std::collections::BTreeSet<Uuid> = rows
        .iter()
        .filter(|r| r.share_id.is_none_or(|s| !link_titles.contains_key(&s)))
        .filter_map(|r| r.chat_id)
        .collect();
    let chat_titles: std::collections::HashMap<Uuid, String> = if gone.is_empty() {
        Default::default()
    } else {
        chat::Entity::find()
            .select_only()
            .columns([chat::Column::Id, chat::Column::Title])
            .filter(chat::Column::Id.is_in(gone))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let actor_name = r.actor_id.and_then(|a| names.get(&a).cloned());
            let link_title = r
                .share_id
                .and_then(|s| link_titles.get(&s))
                .or_else(|| r.chat_id.and_then(|c| chat_titles.get(&c)))
                .cloned();
            AuditEntry {
                actor_name,
                link_title,
                ..AuditEntry::from(r)
            }
        })
        .collect())
}

/// `entries` as CSV (RFC 4180: a header row, every field quoted). Spreadsheets in locales whose
/// separator is `;` split a field there, so every `;`-separated segment of a field (the field
/// itself included) that starts, after blanks, with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`: no part of a field runs as a formula.
pub fn csv(entries: &[AuditEntry]) -> String {
    fn defused(segment: &str) -> String {
        let lead = segment.trim_start_matches(' ');
        if lead.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{segment}")
        } else {
            segment.to_owned()
        }
    }
    fn field(s: &str) -> String {
        let s: Vec<String> = s.split(';').map(defused).collect();
        format!("\"{}\"", s.join(";").replace('"', "\"\""))
    }
    let opt = |u: Option<Uuid>| field(&u.map(|u| u.to_string()).unwrap_or_default());
    let mut out = String::from("at,action,actor_id,actor_name,chat_id,share_id,detail\r\n");
    for e in entries {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            field(&crate::format::format_time(e.at)),
            field(&e.action),
            opt(e.actor_id),
            field(e.actor_name.as_deref().unwrap_or("")),
            opt(e.chat_id),
            opt(e.share_id),
            field(e.detail.as_deref().unwrap_or(""))
        ));
    }
    out
}

/// Deletes audit rows and access-log rows older than `days` days (0: keeps everything); how
/// many went.
pub async fn prune(db: &DatabaseConnection, days: u32) -> AppResult<u64> {
    if days == 0 {
        return Ok(0);
    }
    let before = now() - i64::from(days) * 86_400;
    let gone = audit_log::Entity::delete_many()
        .filter(audit_log::Column::At.lt(before))
        .exec(db)
        .await?;
    // The access log goes with the same retention.
    let reads = crate::entities::share_view::Entity::delete_many()
        .filter(crate::entities::share_view::Column::ViewedAt.lt(before))
        .exec(db)
        .await?;
    Ok(gone.rows_affected + reads.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_recorded_is_one_the_filter_knows() {
        let known: Vec<&str> = crate::share::ACTION_NAMES.iter().map(|(code, _)| *code).collect();
        assert_eq!(
            known,
            [CREATE, UPDATE, DELETE, EXPIRE, ACCESS, VIEW, ADMIN_REVOKE]
        );
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let e = AuditEntry {
            id: Uuid::nil(),
            action: VIEW.to_owned(),
            actor_id: None,
            actor_name: Some("@mallory, \"admin\"".to_owned()),
            chat_id: None,
            share_id: None,
            detail: Some("=HYPERLINK(\"x\"), 3 reads".to_owned()),
            at: 0,
            link_title: None,
        };
        let text = csv(&[e]);
        assert_eq!(
            text,
            "at,action,actor_id,actor_name,chat_id,share_id,detail\r\n\"1970-01-01 00:00 UTC\",\"share.view\",\"\",\"'@mallory, \"\"admin\"\"\",\"\",\"\",\"'=HYPERLINK(\"\"x\"\"), 3 reads\"\r\n"
        );
    }

    #[test]
    fn csv_defuses_every_semicolon_separated_segment() {
        let e = AuditEntry {
            id: Uuid::nil(),
            action: VIEW.to_owned(),
            actor_id: None,
            actor_name: Some("x;=cmd|' /C calc'!A0;".to_owned()),
            chat_id: None,
            share_id: None,
            detail: Some("ok; +1; \t-2".to_owned()),
            at: 0,
            link_title: None,
        };
        let text = csv(&[e]);
        let row = text.lines().nth(1).unwrap();
        // Every field is quoted, and no `;`-separated part starts a formula.
        assert!(row.contains("\"x;'=cmd|' /C calc'!A0;\""), "{row}");
        assert!(row.contains("\"ok;' +1;' \t-2\""), "{row}");
        for field in row.split("\",\"") {
            for segment in field.trim_matches('"').split(';') {
                assert!(
                    !segment.trim_start().starts_with(['=', '+', '-', '@']),
                    "{segment} in {row}"
                );
            }
        }
    }
}
