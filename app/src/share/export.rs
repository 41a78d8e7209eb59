//! Downloads of a shared chat: Markdown (title, who shared it and when, then each message of the
//! visible branch with its author and time) and Open WebUI's export JSON (a one-chat array, the
//! owner's private keys removed).

use crate::chats::doc::ChatDoc;
use crate::chats::MessageRole;
use crate::error::AppResult;
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

/// The snapshot's JSON without the owner's private keys (for every downloader, the owner too).
pub fn public_json(chat: &str) -> AppResult<String> {
    super::service::strip_private(chat)
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
