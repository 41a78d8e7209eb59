//! Downloads of a shared chat: Markdown (title, who shared it and when, then each message of the
//! visible branch with its author and time) and Open WebUI's export JSON (a one-chat array, the
//! owner's private keys removed).

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::password::Presented;
use crate::chats::doc::ChatDoc;
use crate::chats::MessageRole;
use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::format::format_time;

/// The visible branch of `chat` as a Markdown document.
pub fn markdown(title: &str, shared_by: &str, updated_at: i64, chat: &ChatDoc) -> String {
    let mut out = format!(
        "# {}\n\nShared by {} · {}\n",
        one_line(title),
        one_line(shared_by),
        format_time(updated_at)
    );
    for m in chat.visible_path() {
        let author = match m.role {
            MessageRole::User => m
                .author
                .as_ref()
                .map_or_else(|| shared_by.to_owned(), |a| a.name.clone()),
            MessageRole::Assistant => m
                .model_name
                .clone()
                .or_else(|| m.model.clone())
                .unwrap_or_else(|| "Assistant".to_owned()),
            MessageRole::System => "System".to_owned(),
        };
        out.push_str("\n---\n\n**");
        out.push_str(&one_line(&author).replace('*', "\\*"));
        out.push_str("**");
        if let Some(t) = m.seconds() {
            out.push_str(" · ");
            out.push_str(&format_time(t));
        }
        out.push_str("\n\n");
        out.push_str(m.content.trim_end());
        out.push('\n');
        if let Some(e) = m.error.as_ref().and_then(|e| e.text()) {
            out.push_str("\n> Error: ");
            out.push_str(&one_line(e));
            out.push('\n');
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file name for a download of `title`: its letters, digits and dashes, at most 60.
pub fn file_name(title: &str, extension: &str) -> String {
    let mut stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(60)
        .collect();
    if stem.is_empty() {
        stem = "shared-chat".to_owned();
    }
    format!("{stem}.{extension}")
}

/// A shared chat as a file to download.
pub struct Download {
    /// The file's bytes.
    pub body: Vec<u8>,
    /// Its media type.
    pub content_type: &'static str,
    /// Its name, after the chat's title.
    pub file_name: String,
}

/// Link `share_id` as a download in `format` (`md` or `json`; anything else is a 422), for
/// whoever may read it ([`super::service::view_with`]: grants, password, expiry; not counted as
/// a view). The JSON is Open WebUI's export shape, a one-chat array, without the owner's
/// private keys (for the owner too).
pub async fn download(
    db: &DatabaseConnection,
    caller: Option<&user::Model>,
    share_id: Uuid,
    presented: &Presented,
    format: &str,
) -> AppResult<Download> {
    if format != "md" && format != "json" {
        return Err(AppError::Unprocessable("format must be md or json.".to_owned()));
    }
    let snap = super::service::view_with(db, caller, share_id, presented).await?;
    let r = &snap.row;
    if format == "json" {
        let chat = super::service::strip_private(&r.chat)?;
        let one = super::views::snapshot_object(r, &chat)?;
        let mut body = Vec::with_capacity(one.len() + 2);
        body.push(b'[');
        body.extend(one);
        body.push(b']');
        return Ok(Download {
            body,
            content_type: "application/json",
            file_name: file_name(&r.title, "json"),
        });
    }
    let shared_by = crate::accounts::service::display_name(db, r.user_id).await?;
    let chat = ChatDoc::from_stored(&r.chat)?;
    Ok(Download {
        body: markdown(&r.title, &shared_by, r.updated_at, &chat).into_bytes(),
        content_type: "text/markdown; charset=utf-8",
        file_name: file_name(&r.title, "md"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markdown_names_each_author_and_time() {
        let chat = ChatDoc::from_json(json!({"history": {"currentId": "b", "messages": {
            "a": {"id": "a", "parentId": null, "childrenIds": ["b"], "role": "user", "content": "Hi *there*", "timestamp": 0},
            "b": {"id": "b", "parentId": "a", "childrenIds": [], "role": "assistant", "content": "Hello.\n", "model": "m1", "timestamp": 60}
        }}}))
        .unwrap();
        assert_eq!(
            markdown("A\ntitle", "Ada", 120, &chat),
            "# A title\n\nShared by Ada · 1970-01-01 00:02 UTC\n\n---\n\n**Ada** · 1970-01-01 00:00 UTC\n\nHi *there*\n\n---\n\n**m1** · 1970-01-01 00:01 UTC\n\nHello.\n"
        );
        assert_eq!(file_name("Plans: Q3 / Q4!", "md"), "Plans-Q3-Q4.md");
        assert_eq!(file_name("???", "json"), "shared-chat.json");
    }
}
