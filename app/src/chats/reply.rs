//! A model's answer: the branch up to a user message is sent to the model's connection, the
//! pieces are relayed as they arrive, and the answer is saved when the stream ends (finished,
//! stopped by the user, or failed: then with the error in words).
//!
//! The stream runs in its own task and holds no database connection or transaction while it
//! runs; the chat is read before and written once after.

use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::doc::{ChatDoc, Message, MessageError, MessageRole};
use super::{service, ChatView};
use crate::connections::service as connections;
use crate::connections::upstream::{Turn, Upstream};
use crate::entities::user;
use crate::error::{AppError, AppResult};

/// What the browser receives while an answer is written.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyEvent {
    /// The next piece of the answer.
    Delta(String),
    /// The answer is saved: the chat as it is now.
    Done(Box<ChatView>),
    /// After the chat's first answer: the title the model gave it (already saved).
    Title(String),
}

/// An answer ready to be requested: where it goes and what is sent.
#[derive(Debug, Clone)]
pub struct PreparedReply {
    /// The chat.
    pub chat_id: Uuid,
    /// The user message it answers.
    pub parent_id: String,
    /// The model's id.
    pub model: String,
    base_url: String,
    api_key: String,
    /// The branch from the root to `parent_id`.
    pub messages: Vec<Turn>,
    /// Whether the model names the chat when it finishes (its title is still provisional).
    pub names_chat: bool,
    /// The chat's title when the answer was requested.
    provisional_title: String,
    /// Who asked (the saved chat is shown as they may see it).
    reader: user::Model,
    /// Whether they asked as a collaborator on the chat's live link.
    collaborating: bool,
}

/// Checks the request and collects what the model needs: the caller must see the chat,
/// `parent_id` must be one of its user messages, and `model` one that a connection offers.
pub async fn prepare(
    db: &DatabaseConnection,
    upstream: &Upstream,
    caller: &user::Model,
    chat_id: Uuid,
    parent_id: &str,
    model: &str,
) -> AppResult<PreparedReply> {
    let found = super::collaborators::find_writable(db, caller, chat_id).await?;
    let mut chat = ChatDoc::from_stored(&found.chat.chat)?;
    if let super::collaborators::Access::Collaborator(bounds) = &found.access {
        // A collaborator asks about their own messages, and the model gets only what they may
        // see (the link's scope and masks), so its answer cannot repeat what is masked.
        super::collaborators::check_message(&chat, bounds.as_ref(), caller.id, parent_id, true)?;
        let cursor = super::collaborators::cursor(db, chat_id, caller.id).await?;
        chat = super::collaborators::collaborator_doc(&chat, bounds.as_ref(), caller.id, cursor.as_deref())?;
    }
    let collaborating = !found.owned();
    let c = found.chat;
    let parent = chat
        .message(parent_id)
        .ok_or_else(|| AppError::NotFound("Message not found.".to_owned()))?;
    if parent.role != MessageRole::User {
        return Err(AppError::Unprocessable(
            "An answer must follow one of your messages.".to_owned(),
        ));
    }
    // The chat's system prompt (the owner's Settings when it was started) comes first.
    let system = chat
        .rest
        .get(super::turns::SYSTEM_PARAMS)
        .and_then(|p| p["system"].as_str());
    let branch: Vec<Turn> = system
        .filter(|s| !s.trim().is_empty())
        .map(|s| Turn {
            role: "system",
            content: s.to_owned(),
        })
        .into_iter()
        .chain(chat.branch_to(parent_id).into_iter().map(|m| Turn {
            role: m.role.as_str(),
            content: m.content.clone(),
        }))
        .collect();
    // The model names the chat at its first finished answer, unless someone renamed it: the
    // title is still the first words of the first message.
    let names_chat = !collaborating
        && branch
            .iter()
            .find(|t| t.role != "system")
            .is_some_and(|first| c.title == service::first_words(&first.content));
    let menu = upstream.models(db, false).await?;
    let serving = menu.models.iter().find(|m| m.id == model);
    let serving = match serving {
        Some(m) => Some(m.connection_id),
        // Not in the cached list: ask the servers again before refusing.
        None => upstream
            .models(db, true)
            .await?
            .models
            .into_iter()
            .find(|m| m.id == model)
            .map(|m| m.connection_id),
    };
    let Some(connection_id) = serving else {
        return Err(if menu.has_connections {
            AppError::Unprocessable(format!(
                "The model \"{model}\" is not available. Pick another one."
            ))
        } else {
            AppError::Unprocessable(
                "No model is connected. An administrator can add one in Admin Panel → Settings → Connections."
                    .to_owned(),
            )
        });
    };
    let conn = connections::find(db, connection_id).await?;
    Ok(PreparedReply {
        chat_id,
        parent_id: parent_id.to_owned(),
        model: model.to_owned(),
        base_url: conn.base_url,
        api_key: conn.api_key,
        messages: branch,
        names_chat,
        provisional_title: c.title,
        reader: caller.clone(),
        collaborating,
    })
}

/// How an answer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The model finished.
    Finished,
    /// The browser went away or pressed Stop.
    Stopped,
    /// The model server failed; the message says how.
    Failed(String),
}

/// Writes the answer: relays pieces to `events` as they arrive, stops (cancelling the upstream
/// request) as soon as `events`' receiver is dropped or the server shuts down, then saves what
/// arrived. Returns how it
/// ended and the saved chat.
pub async fn run(
    db: &DatabaseConnection,
    upstream: &Upstream,
    p: PreparedReply,
    events: mpsc::Sender<ReplyEvent>,
) -> (Ending, AppResult<ChatView>) {
    let mut content = String::new();
    let started = tokio::select! {
        _ = events.closed() => None,
        _ = upstream.stopping() => None,
        s = upstream.stream_chat(&p.base_url, &p.api_key, &p.model, &p.messages) => Some(s),
    };
    let ending = match started {
        None => Ending::Stopped,
        Some(Err(e)) => Ending::Failed(e.to_string()),
        Some(Ok(mut stream)) => loop {
            let piece = tokio::select! {
                _ = events.closed() => break Ending::Stopped,
                _ = upstream.stopping() => break Ending::Stopped,
                piece = stream.next_piece(upstream.idle_timeout) => piece,
            };
            match piece {
                Ok(Some(text)) => {
                    content.push_str(&text);
                    if events.send(ReplyEvent::Delta(text)).await.is_err() {
                        break Ending::Stopped;
                    }
                }
                Ok(None) => break Ending::Finished,
                Err(e) => break Ending::Failed(e.to_string()),
            }
        },
    };
    // The upstream request is dropped here (stop cancels it) before anything is saved.
    let message = Message {
        model: Some(p.model.clone()),
        model_name: Some(p.model.clone()),
        done: Some(true),
        error: match &ending {
            Ending::Failed(why) => Some(MessageError::Detail {
                content: why.clone(),
                rest: serde_json::Map::new(),
            }),
            _ => None,
        },
        ..Message::new(MessageRole::Assistant, content.clone())
    };
    let mut message = message;
    if ending == Ending::Stopped {
        // Our field ([`super::STOPPED`]): the answer was cut short, and says so.
        message
            .rest
            .insert(super::STOPPED.to_owned(), serde_json::Value::Bool(true));
    }
    let collaborator = p.collaborating.then_some(p.reader.id);
    let saved = match service::add_assistant_message(db, p.chat_id, &p.parent_id, message, collaborator).await
    {
        Ok(_) => super::collaborators::view_for(db, &p.reader, p.chat_id).await,
        Err(e) => Err(e),
    };
    let Ok(view) = saved else {
        return (ending, saved);
    };
    let _ = events.send(ReplyEvent::Done(Box::new(view.clone()))).await;
    // The answer is already shown; the title follows (unless someone renamed the chat
    // meanwhile).
    if p.names_chat && ending == Ending::Finished && !content.trim().is_empty() {
        if let Some(title) = name_chat(upstream, &p, &content).await {
            match service::name_if_untitled(db, p.chat_id, &p.provisional_title, &title).await {
                Ok(true) => {
                    let _ = events.send(ReplyEvent::Title(title)).await;
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "cannot save the chat's title"),
            }
        }
    }
    (ending, Ok(view))
}

/// A title for the chat from the model (a few words), or `None` to keep the first words.
async fn name_chat(upstream: &Upstream, p: &PreparedReply, answer: &str) -> Option<String> {
    let question = p
        .messages
        .iter()
        .find(|m| m.role == MessageRole::User.as_str())
        .map(|m| m.content.as_str())
        .unwrap_or_default();
    let prompt = [Turn {
        role: MessageRole::User.as_str(),
        content: format!(
            "Write a concise title of 3 to 5 words for this conversation. Reply with the title only, \
             without quotes.\n\nUser: {}\n\nAssistant: {}",
            clip(question, 1_000),
            clip(answer, 1_000)
        ),
    }];
    // `complete` gives up after its own short timeout.
    match upstream
        .complete(&p.base_url, &p.api_key, &p.model, &prompt)
        .await
    {
        Ok(text) => clean_generated_title(&text),
        Err(e) => {
            tracing::info!(error = %e, "title generation failed; keeping the first words");
            None
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The first non-empty line of a model's title, without quotes, a "Title:" label or markdown
/// emphasis, at most 80 characters; `None` when nothing is left.
pub fn clean_generated_title(raw: &str) -> Option<String> {
    let line = raw.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = line
        .strip_prefix("Title:")
        .or_else(|| line.strip_prefix("title:"))
        .unwrap_or(line)
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”' | '*' | '#' | '`'))
        .trim();
    let t: String = line.chars().take(80).collect();
    let t = t.trim().to_owned();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::clean_generated_title as clean;

    #[test]
    fn generated_titles_are_cleaned() {
        assert_eq!(
            clean("\"Bread Proofing Tips\"").as_deref(),
            Some("Bread Proofing Tips")
        );
        assert_eq!(
            clean("\n\nTitle: **Rust lifetimes**\nmore").as_deref(),
            Some("Rust lifetimes")
        );
        assert_eq!(clean("  \n \"\" "), None);
        assert_eq!(clean(&"word ".repeat(40)).map(|t| t.chars().count()), Some(79));
    }
}
