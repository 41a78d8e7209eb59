//! The privacy review before sharing, as the wire sees it: findings of the privacy check, the
//! chat's messages to choose from, the owner's choices, and a preview of what viewers get.
//! The check itself is [`super::scan`], the choices [`super::scope`], the service
//! [`super::privacy`].

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::chats::{MessageRole, MessageView};
use crate::error::AppError;

/// Something in the text a link would share that looks private.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The message it is in (`None`: the title).
    pub message_id: Option<String>,
    /// What it looks like: `api_key`, `aws_access_key_id`, `jwt`, `private_key`,
    /// `url_password`, `password`, `email`, `phone`, `iban`, `card_number`, `ip_address`,
    /// `near_mask` (a word close to a mask that the mask does not cover).
    pub kind: String,
    /// The text found.
    pub text: String,
    /// Where it starts in the message's text, in characters.
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
}

impl Finding {
    /// The kind in words, in the reader's language.
    pub fn label(&self) -> String {
        match self.kind.as_str() {
            "api_key" => t!("finding-api-key"),
            "aws_access_key_id" => t!("finding-aws-key"),
            "jwt" => t!("finding-jwt"),
            "private_key" => t!("finding-private-key"),
            "url_password" => t!("finding-url-password"),
            "password" => t!("finding-password"),
            "email" => t!("finding-email"),
            "phone" => t!("finding-phone"),
            "iban" => t!("finding-iban"),
            "card_number" => t!("finding-card"),
            "ip_address" => t!("finding-ip"),
            "near_mask" => t!("finding-near-mask"),
            _ => t!("finding-other"),
        }
    }
}

/// `GET /api/v1/chats/{id}/share/scan`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanReport {
    /// What was found, message by message (the title first): the first 500.
    pub findings: Vec<Finding>,
    /// How many more findings there were.
    #[serde(default)]
    pub more: usize,
    /// Bytes of text past the check's limit (4 MiB), not checked.
    #[serde(default)]
    pub unchecked_bytes: usize,
}

/// One message of the chat, as the review lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewMessage {
    /// Its id.
    pub id: String,
    /// Who wrote it.
    pub role: MessageRole,
    /// Its text.
    pub text: String,
    /// Whether it is on the visible branch.
    pub on_branch: bool,
    /// Whether the link's current choices share it.
    pub shared: bool,
}

/// What the review step of the Share modal needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareReview {
    /// Every message, in reading order (each branch after the one before it).
    pub messages: Vec<ReviewMessage>,
    /// Findings over the title and every message, before masks: the first 500.
    pub findings: Vec<Finding>,
    /// How many more findings there were.
    #[serde(default)]
    pub more_findings: usize,
    /// Bytes of text past the check's limit (4 MiB), not checked.
    #[serde(default)]
    pub unchecked_bytes: usize,
    /// The link's masks.
    pub masks: Vec<String>,
    /// Whether the link keeps every branch.
    pub full_history: bool,
}

/// The owner's choices for a link, as the Share modal sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareChoices {
    /// Every branch, not only the visible one.
    pub full_history: bool,
    /// Only these messages (`None`: all that the branch or tree holds).
    pub message_ids: Option<Vec<String>>,
    /// Strings replaced by `[redacted]`.
    pub redact: Vec<String>,
}

/// What viewers of a link with these choices get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePreview {
    /// The title (masked).
    pub title: String,
    /// The visible branch, rendered.
    pub messages: Vec<MessageView>,
    /// How many messages the link holds in all (every branch).
    pub total: usize,
    /// The owner as readers see them ("Shared by …", and the name on their messages).
    #[serde(default)]
    pub shared_by: String,
}

#[cfg(feature = "ssr")]
use crate::accounts::caller::member;

/// `POST /api/fn/share_review` `{"chat_id": …}`: the chat's messages, the privacy check's
/// findings and the link's choices (owner only).
#[server(prefix = "/api/fn", endpoint = "share_review", input = Json, output = Json)]
pub async fn get_share_review(chat_id: Uuid) -> Result<ShareReview, AppError> {
    let (state, me) = member().await?;
    super::privacy::review(&state.db, &me, chat_id).await
}

/// `POST /api/fn/share_preview` `{"chat_id": …, "choices": {…}}`: what viewers would get
/// with these choices (owner only; nothing is shared).
#[server(prefix = "/api/fn", endpoint = "share_preview", input = Json, output = Json)]
pub async fn get_share_preview(chat_id: Uuid, choices: ShareChoices) -> Result<SharePreview, AppError> {
    let (state, me) = member().await?;
    super::privacy::preview(&state.db, &me, chat_id, choices.into()).await
}

#[cfg(feature = "ssr")]
impl From<ShareChoices> for super::scope::ScopeChange {
    fn from(c: ShareChoices) -> Self {
        super::scope::ScopeChange {
            full_history: Some(c.full_history),
            message_ids: Some(c.message_ids),
            redact: Some(c.redact),
        }
    }
}
