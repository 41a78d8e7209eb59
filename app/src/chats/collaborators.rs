//! Who besides a chat's owner may read or continue it, and what they get. Sharing decides that
//! (a live link's write grants, see `share::grants`; a shared folder's grants, see
//! `folders::access`), but the chats feature cannot depend on those features, so each hands its
//! rule in at start-up ([`let_collaborate`]); until then nobody but the owner (and admins) may.
//!
//! A collaborator works inside the link: they see what the link's readers see (its scope, its
//! masks) plus their own branches below it, and nothing they do moves the chat's `currentId`
//! except appending to the shared branch's tip. Their edits and branch switches move their own
//! cursor (`chat_cursor`), so the owner and the link's readers keep following the owner's
//! branch. They edit only their own messages and ask for answers to their own messages only.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError, RwLock};

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use super::doc::{ChatDoc, Message, MessageRole};
use super::ChatView;
use crate::accounts::service::Role;
use crate::entities::{chat, chat_cursor, now, user};
use crate::error::{AppError, AppResult};

/// A link's limits, as the rule that let a collaborator in gives them.
pub trait LinkBounds: Send + Sync {
    /// The ids of `doc`'s messages the link shares (what its readers get, following the
    /// owner's `currentId`).
    fn shared_ids(&self, doc: &ChatDoc) -> HashSet<String>;
    /// `doc` as the link lets others see it: the owner's private fields removed and the
    /// link's masks applied.
    fn redacted(&self, doc: ChatDoc) -> AppResult<ChatDoc>;
    /// `text` with the link's masks applied (the title).
    fn mask_text(&self, text: &mut String);
}

/// What a rule lets a member do with someone else's chat.
pub struct Grant {
    /// The limits they work within.
    pub bounds: Arc<dyn LinkBounds>,
    /// Whether they may continue it (else only read it).
    pub write: bool,
}

/// The answer of [`Collaboration::bounds`]: what the caller may do, if anything.
pub type Verdict<'a> = Pin<Box<dyn Future<Output = AppResult<Option<Grant>>> + Send + 'a>>;

/// A rule that lets members other than the owner continue a chat.
pub trait Collaboration: Send + Sync {
    /// What `caller` (an approved member who neither owns `chat` nor is an admin) may do with
    /// it, and within which limits; `None` when this rule lets them do nothing.
    fn bounds<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        caller: &'a user::Model,
        chat: &'a chat::Model,
    ) -> Verdict<'a>;
}

type Rules = Vec<(&'static str, Arc<dyn Collaboration>)>;

static RULES: RwLock<Rules> = RwLock::new(Vec::new());

/// Installs the rule named `name` (once per process; installing a name again changes nothing).
pub fn let_collaborate(name: &'static str, rule: Arc<dyn Collaboration>) {
    let mut rules = RULES.write().unwrap_or_else(PoisonError::into_inner);
    if !rules.iter().any(|(n, _)| *n == name) {
        rules.push((name, rule));
    }
}

fn rules() -> Vec<Arc<dyn Collaboration>> {
    RULES
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .map(|(_, r)| r.clone())
        .collect()
}

/// How the caller reached a chat they may write to.
#[derive(Clone)]
pub enum Access {
    /// Its owner, or an admin: the whole chat.
    Owner,
    /// A collaborator on its live link, within the link's limits.
    Collaborator(Arc<dyn LinkBounds>),
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Access::Owner => "Owner",
            Access::Collaborator(_) => "Collaborator",
        })
    }
}

/// A chat as someone who may write to it found it.
#[derive(Debug, Clone)]
pub struct Writable {
    /// The chat.
    pub chat: chat::Model,
    /// Owner (or admin), or a collaborator within the link's limits (who may add turns but not
    /// rename, delete, share or export it).
    pub access: Access,
    /// The caller may only read it (a shared folder's read grantee): never set by
    /// [`find_writable`].
    pub read_only: bool,
}

impl Writable {
    /// Whether the caller owns the chat or is an admin.
    pub fn owned(&self) -> bool {
        matches!(self.access, Access::Owner)
    }
}

/// Whether `caller` has the whole of chat `c`: its owner, or an admin (anyone else who writes
/// to it is a collaborator).
pub fn owns(c: &chat::Model, caller: &user::Model) -> bool {
    c.user_id == caller.id || caller.role == Role::Admin
}

/// The chat `id` for a caller who may add turns to it: its owner, an admin, or a collaborator
/// an installed rule lets write. One who may only read it gets a 403; anyone else the same 404
/// as for a chat that does not exist.
pub async fn find_writable(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<Writable> {
    find_with(db, caller, id, true).await
}

/// The chat `id` for a caller who may read it: as [`find_writable`], and also for those an
/// installed rule lets only read it (`read_only`).
pub async fn find_readable(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<Writable> {
    find_with(db, caller, id, false).await
}

async fn find_with(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    write: bool,
) -> AppResult<Writable> {
    let c = chat::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::chat_not_found)?;
    if owns(&c, caller) {
        return Ok(Writable {
            chat: c,
            access: Access::Owner,
            read_only: false,
        });
    }
    if caller.role == Role::Pending {
        return Err(AppError::chat_not_found());
    }
    let mut reader = None;
    for rule in rules() {
        match rule.bounds(db, caller, &c).await? {
            Some(g) if g.write => {
                return Ok(Writable {
                    chat: c,
                    access: Access::Collaborator(g.bounds),
                    read_only: false,
                })
            }
            Some(g) => {
                reader.get_or_insert(g.bounds);
            }
            None => {}
        }
    }
    match reader {
        Some(_) if write => Err(AppError::Forbidden(
            "You can read this chat but not continue it.".to_owned(),
        )),
        Some(bounds) => Ok(Writable {
            chat: c,
            access: Access::Collaborator(bounds),
            read_only: true,
        }),
        None => Err(AppError::chat_not_found()),
    }
}

/// Whether `m` is `who`'s own: a message they wrote, or an answer to one.
fn is_theirs(doc: &ChatDoc, m: &Message, who: Uuid) -> bool {
    let wrote = |m: &Message| m.author.as_ref().is_some_and(|a| a.id == who);
    wrote(m)
        || (m.role == MessageRole::Assistant
            && m.parent_id
                .as_deref()
                .and_then(|p| doc.message(p))
                .is_some_and(wrote))
}

/// The messages collaborator `who` may see: what the link shares and, hanging from it, their
/// own branches (their messages and the answers to them).
pub fn visible_ids(doc: &ChatDoc, bounds: &dyn LinkBounds, who: Uuid) -> HashSet<String> {
    let mut seen = bounds.shared_ids(doc);
    for m in doc.reading_order() {
        if seen.contains(&m.id) {
            continue;
        }
        let hangs = m.parent_id.as_ref().is_none_or(|p| seen.contains(p));
        if hangs && is_theirs(doc, m, who) {
            seen.insert(m.id.clone());
        }
    }
    seen
}

/// `doc` cut to what collaborator `who` (standing at `cursor`) may see, showing their leaf: the
/// shared branch's tip, unless their cursor stands on a branch of their own (then that
/// branch's newest leaf). Not yet redacted.
fn cut_for(doc: &ChatDoc, bounds: &dyn LinkBounds, who: Uuid, cursor: Option<&str>) -> ChatDoc {
    let visible = visible_ids(doc, bounds, who);
    let ids: HashSet<&str> = visible.iter().map(String::as_str).collect();
    let mut cut = doc.clone();
    cut.history = Some(doc.keeping(&ids));
    if let (Some(c), Some(tip)) = (cursor, cut.current_id().map(str::to_owned)) {
        let on_shared_branch = cut.branch_to(&tip).iter().any(|m| m.id == c);
        if ids.contains(c) && !on_shared_branch {
            let leaf = cut.newest_leaf(c);
            if let Some(h) = &mut cut.history {
                h.current_id = Some(leaf);
            }
        }
    }
    cut.sync_flat_messages();
    cut
}

/// `doc` as collaborator `who` (standing at `cursor`) gets it: cut to what they may see, showing
/// their leaf, redacted as the link's readers get it.
pub fn collaborator_doc(
    doc: &ChatDoc,
    bounds: &dyn LinkBounds,
    who: Uuid,
    cursor: Option<&str>,
) -> AppResult<ChatDoc> {
    bounds.redacted(cut_for(doc, bounds, who, cursor))
}

/// Where collaborator `who` stands in chat `chat_id` (`None`: on the shared branch's tip).
pub async fn cursor(db: &DatabaseConnection, chat_id: Uuid, who: Uuid) -> AppResult<Option<String>> {
    Ok(chat_cursor::Entity::find_by_id((chat_id, who))
        .one(db)
        .await?
        .map(|c| c.current_id))
}

/// Moves collaborator `who`'s cursor in chat `chat_id` to message `id`.
pub async fn move_cursor(db: &DatabaseConnection, chat_id: Uuid, who: Uuid, id: &str) -> AppResult<()> {
    chat_cursor::Entity::insert(chat_cursor::ActiveModel {
        chat_id: Set(chat_id),
        user_id: Set(who),
        current_id: Set(id.to_owned()),
        updated_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([chat_cursor::Column::ChatId, chat_cursor::Column::UserId])
            .update_columns([chat_cursor::Column::CurrentId, chat_cursor::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The message a collaborator's next turn follows: the leaf they see (in the stored tree).
pub async fn collaborator_leaf(
    db: &DatabaseConnection,
    doc: &ChatDoc,
    bounds: &dyn LinkBounds,
    chat_id: Uuid,
    who: Uuid,
) -> AppResult<Option<String>> {
    let cursor = cursor(db, chat_id, who).await?;
    Ok(cut_for(doc, bounds, who, cursor.as_deref())
        .current_id()
        .map(str::to_owned))
}

/// Checks that collaborator `who` may see message `id` of `doc` (404 otherwise, as for a
/// message that does not exist) and, with `own`, that it is theirs (403).
pub fn check_message(
    doc: &ChatDoc,
    bounds: &dyn LinkBounds,
    who: Uuid,
    id: &str,
    own: bool,
) -> AppResult<()> {
    let m = doc
        .message(id)
        .filter(|_| visible_ids(doc, bounds, who).contains(id))
        .ok_or_else(|| AppError::NotFound("Message not found.".to_owned()))?;
    if own && m.author.as_ref().is_none_or(|a| a.id != who) {
        return Err(AppError::Forbidden(
            "You can edit and get answers for your own messages only.".to_owned(),
        ));
    }
    Ok(())
}

/// The chat `found` as `caller` may read it: everything for its owner (and admins), the link's
/// view plus their own branches for a collaborator (who is told whose chat it is).
pub async fn view_as(db: &DatabaseConnection, caller: &user::Model, found: &Writable) -> AppResult<ChatView> {
    let c = &found.chat;
    let Access::Collaborator(bounds) = &found.access else {
        return super::service::view(c).await;
    };
    let doc = ChatDoc::from_stored(&c.chat)?;
    let cursor = cursor(db, c.id, caller.id).await?;
    let seen = collaborator_doc(&doc, bounds.as_ref(), caller.id, cursor.as_deref())?;
    let mut title = c.title.clone();
    bounds.mask_text(&mut title);
    let mut v = super::service::view_of_doc(c, &seen, title, Some(caller.id));
    super::service::render_views(&mut v.messages).await;
    v.shared_by = Some(crate::accounts::service::display_name(db, c.user_id).await?);
    v.read_only = found.read_only;
    Ok(v)
}

/// [`view_as`] for chat `id`, found afresh (after a change), for anyone who may read it.
pub async fn view_for(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<ChatView> {
    let found = find_readable(db, caller, id).await?;
    view_as(db, caller, &found).await
}
