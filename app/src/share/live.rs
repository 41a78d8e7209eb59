//! Live links stay live: a reader of a live link gets its new turns as they are written, over
//! server-sent events (`GET /s/{id}/events`), as the server-rendered messages that the page's
//! script puts in place.
//!
//! Each process has one [`LiveHub`]: it learns which chats changed and tells the readers
//! connected to it. A change made through any process reaches every process: on PostgreSQL
//! through its own `LISTEN`/`NOTIFY` (triggers on `chat` and `shared_chat` notify
//! [`CHANNEL`]), on SQLite by one cheap query a second over the chats that have readers here
//! (their `version` and their link's `updated_at`). Nothing is polled per reader: a reader waits
//! for the hub, and is rendered its messages again only when its chat changed. Every change is
//! checked against the link as it is then (deleted, expired, closed to the reader, a new mask),
//! so a stream never shows more than a fresh page would.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

use super::password::Presented;
use crate::entities::{chat, shared_chat};
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// The PostgreSQL channel on which the triggers of migration 16 announce a changed chat (its id
/// as text): a write to a chat, or to its link.
pub const CHANNEL: &str = "chatshare_changes";

/// How often SQLite's change check runs while someone reads a live link here.
const SQLITE_CHECK_EVERY: Duration = Duration::from_secs(1);

/// One process's live readers and the news of which chats changed.
#[derive(Clone)]
pub struct LiveHub(Arc<Hub>);

struct Hub {
    /// Ids of chats that changed, for every reader's task.
    changed: broadcast::Sender<Uuid>,
    /// How many readers are connected here.
    readers: AtomicUsize,
    /// The most readers this process keeps connected at once.
    max_readers: usize,
    /// How many readers each chat has here (what SQLite's change check looks at).
    watched: Mutex<HashMap<Uuid, usize>>,
    /// Whether the task that learns of changes was started (on the first reader).
    started: AtomicBool,
    /// `true` once the server shuts down: every reader's stream ends (a graceful shutdown
    /// waits for the requests in flight, and a stream never ends by itself).
    stopping: watch::Sender<bool>,
}

impl LiveHub {
    /// A hub that keeps at most `max_readers` readers connected at once.
    pub fn new(max_readers: usize) -> LiveHub {
        let (changed, _) = broadcast::channel(1024);
        LiveHub(Arc::new(Hub {
            changed,
            readers: AtomicUsize::new(0),
            max_readers,
            watched: Mutex::new(HashMap::new()),
            started: AtomicBool::new(false),
            stopping: watch::Sender::new(false),
        }))
    }

    /// Ends every reader's stream, and refuses new ones (the server is shutting down).
    pub fn stop_all(&self) {
        self.0.stopping.send_replace(true);
    }

    /// How many readers are connected to this process.
    pub fn readers(&self) -> usize {
        self.0.readers.load(Ordering::Relaxed)
    }

    /// Tells this process's readers of `chat_id` that it changed (the watcher does, for changes
    /// made anywhere).
    pub fn announce(&self, chat_id: Uuid) {
        let _ = self.0.changed.send(chat_id);
    }

    /// A place for one more reader of `chat_id`, with the news of its changes from now on, or
    /// `None` when the process has as many as it keeps. Starts the watcher on first use.
    fn take_slot(&self, db: &DatabaseConnection, chat_id: Uuid) -> Option<ChatChanges> {
        if *self.0.stopping.borrow() {
            return None;
        }
        let taken = self.0.readers.fetch_add(1, Ordering::Relaxed);
        if taken >= self.0.max_readers {
            self.0.readers.fetch_sub(1, Ordering::Relaxed);
            return None;
        }
        if let Ok(mut w) = self.0.watched.lock() {
            *w.entry(chat_id).or_insert(0) += 1;
        }
        if !self.0.started.swap(true, Ordering::Relaxed) {
            tokio::spawn(watch(db.clone(), self.clone()));
        }
        Some(ChatChanges {
            chat_id,
            // Subscribed before anything else can change: a change from now on is seen.
            changes: self.0.changed.subscribe(),
            stopping: self.0.stopping.subscribe(),
            _slot: ReaderSlot {
                hub: self.clone(),
                chat_id,
            },
        })
    }

    /// The chats that have readers here.
    fn watched(&self) -> Vec<Uuid> {
        self.0
            .watched
            .lock()
            .map(|w| w.keys().copied().collect())
            .unwrap_or_default()
    }
}

/// One connected reader's place in the hub; given back when the reader goes.
struct ReaderSlot {
    hub: LiveHub,
    chat_id: Uuid,
}

impl Drop for ReaderSlot {
    fn drop(&mut self) {
        self.hub.0.readers.fetch_sub(1, Ordering::Relaxed);
        if let Ok(mut w) = self.hub.0.watched.lock() {
            if let Some(n) = w.get_mut(&self.chat_id) {
                *n -= 1;
                if *n == 0 {
                    w.remove(&self.chat_id);
                }
            }
        }
    }
}

/// One reader's news of its chat: the hub's changes, filtered to that chat, until the server
/// stops; holds the reader's place.
struct ChatChanges {
    chat_id: Uuid,
    changes: broadcast::Receiver<Uuid>,
    stopping: watch::Receiver<bool>,
    _slot: ReaderSlot,
}

impl ChatChanges {
    /// Waits until the chat may have changed (`true`; after missed news too), or the server
    /// stops (`false`).
    async fn changed(&mut self) -> bool {
        loop {
            let changed = tokio::select! {
                changed = self.changes.recv() => changed,
                _ = self.stopping.wait_for(|stop| *stop) => return false,
            };
            match changed {
                Ok(id) if id != self.chat_id => continue,
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => return true,
                Err(broadcast::error::RecvError::Closed) => return false,
            }
        }
    }
}

/// Whether a failed check after a change closes the stream: the answer for this reader (gone,
/// closed to them), not the server failing (the database, say: then they keep what they have,
/// and the next change is tried again).
fn closes(e: &AppError) -> bool {
    !matches!(e, AppError::Internal | AppError::Unavailable(_))
}

/// Learns which chats change, for as long as the process runs: PostgreSQL's notifications, or
/// SQLite's change check.
async fn watch(db: DatabaseConnection, hub: LiveHub) {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        loop {
            if let Err(e) = listen(&db, &hub).await {
                tracing::warn!(error = %e, "live links: lost the database's notifications; listening again");
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    } else {
        check_sqlite(&db, &hub).await;
    }
}

/// PostgreSQL: `LISTEN` on [`CHANNEL`] and pass each changed chat on.
async fn listen(db: &DatabaseConnection, hub: &LiveHub) -> Result<(), sea_orm::sqlx::Error> {
    use sea_orm::sqlx::postgres::PgListener;
    let mut listener = PgListener::connect_with(db.get_postgres_connection_pool()).await?;
    listener.listen(CHANNEL).await?;
    // Changes made before this listener was there (the first readers connected meanwhile, or
    // the connection was lost): every reader checks its link again.
    for chat_id in hub.watched() {
        hub.announce(chat_id);
    }
    loop {
        let n = listener.recv().await?;
        if let Ok(chat_id) = Uuid::parse_str(n.payload()) {
            hub.announce(chat_id);
        }
    }
}

/// SQLite: once a second while chats have readers here, their `version` and their link's
/// `updated_at` (one query each); a chat whose pair moved changed (here or in another process
/// on the same file).
async fn check_sqlite(db: &DatabaseConnection, hub: &LiveHub) {
    let mut seen: HashMap<Uuid, (i64, Option<i64>)> = HashMap::new();
    loop {
        tokio::time::sleep(SQLITE_CHECK_EVERY).await;
        let watched = hub.watched();
        seen.retain(|id, _| watched.contains(id));
        if watched.is_empty() {
            continue;
        }
        let now = match states(db, &watched).await {
            Ok(now) => now,
            Err(e) => {
                tracing::warn!(error = %e, "live links: the change check failed");
                continue;
            }
        };
        for chat_id in watched {
            let state = now.get(&chat_id).copied().unwrap_or((-1, None));
            // A chat seen for the first time may have changed between its first reader's
            // page and this check: its readers check once.
            match seen.insert(chat_id, state) {
                Some(before) if before == state => {}
                _ => hub.announce(chat_id),
            }
        }
    }
}

/// Each chat's `version` and its link's `updated_at` (`None`: no link).
async fn states(
    db: &DatabaseConnection,
    chats: &[Uuid],
) -> Result<HashMap<Uuid, (i64, Option<i64>)>, sea_orm::DbErr> {
    let versions: Vec<(Uuid, i64)> = chat::Entity::find()
        .select_only()
        .columns([chat::Column::Id, chat::Column::Version])
        .filter(chat::Column::Id.is_in(chats.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let links: Vec<(Uuid, i64)> = shared_chat::Entity::find()
        .select_only()
        .columns([shared_chat::Column::ChatId, shared_chat::Column::UpdatedAt])
        .filter(shared_chat::Column::ChatId.is_in(chats.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let links: HashMap<Uuid, i64> = links.into_iter().collect();
    Ok(versions
        .into_iter()
        .map(|(id, v)| (id, (v, links.get(&id).copied())))
        .collect())
}

/// What a reader's stream sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// The messages, rendered as the page writes them, after a change.
    Messages(String),
    /// The link is gone for this reader (deleted, expired, closed to them): nothing more comes.
    Gone,
}

/// A short fingerprint of a page's messages (the page carries it; a reader whose page is
/// already out of date when they connect is sent the messages at once).
pub fn fingerprint(messages_html: &str) -> String {
    let mut h = crate::accounts::service::hash_secret(messages_html);
    h.truncate(16);
    h
}

/// Who reads, as the stream checks it on every change.
pub struct Reader {
    /// The reader's session token (checked again on every change: a session ended anywhere
    /// ends the stream), or none for a visitor.
    pub token: Option<String>,
    /// What the reader's request gave for the link's password.
    pub presented: Presented,
}

/// One reader connected to a live link.
pub struct LiveReader {
    db: DatabaseConnection,
    defaults: SettingsDefaults,
    share_id: Uuid,
    reader: Reader,
    news: ChatChanges,
    last: String,
    out_of_date: bool,
    done: bool,
}

/// Connects `reader` to live link `share_id`, whose page showed messages with fingerprint
/// `shown`. 404 when the reader may not open the link or it is not live (a snapshot does not
/// change under its readers); 503 when this process has as many readers as it keeps.
pub async fn connect(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    hub: &LiveHub,
    share_id: Uuid,
    reader: Reader,
    shown: Option<&str>,
) -> AppResult<LiveReader> {
    let (chat_id, html) = current(db, defaults, share_id, &reader).await?;
    let news = hub.take_slot(db, chat_id).ok_or_else(|| {
        AppError::Unavailable(
            "Too many people are following live links here right now. Reload the page later.".to_owned(),
        )
    })?;
    Ok(LiveReader {
        db: db.clone(),
        defaults: defaults.clone(),
        share_id,
        out_of_date: shown.is_some_and(|s| s != fingerprint(&html)),
        last: html,
        reader,
        news,
        done: false,
    })
}

impl LiveReader {
    /// The next thing to send: the messages after a change that shows, or [`LiveEvent::Gone`]
    /// (then `None` for ever). Waits for the hub; renders only when the reader's chat changed.
    pub async fn next(&mut self) -> Option<LiveEvent> {
        if self.done {
            return None;
        }
        if std::mem::take(&mut self.out_of_date) {
            return Some(LiveEvent::Messages(self.last.clone()));
        }
        while self.news.changed().await {
            match current(&self.db, &self.defaults, self.share_id, &self.reader).await {
                Ok((_, html)) if html == self.last => continue,
                Ok((_, html)) => {
                    self.last = html.clone();
                    return Some(LiveEvent::Messages(html));
                }
                Err(e) if closes(&e) => {
                    tracing::debug!(share = %self.share_id, error = %e, "live link closed to a reader");
                    self.done = true;
                    return Some(LiveEvent::Gone);
                }
                Err(e) => {
                    tracing::warn!(share = %self.share_id, error = %e, "live link: could not render a change");
                }
            }
        }
        None
    }
}

/// The link's chat and its messages as `reader` may see them now, rendered for the page; 404
/// when the link is not live.
async fn current(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    share_id: Uuid,
    reader: &Reader,
) -> AppResult<(Uuid, String)> {
    let me = match reader.token.as_deref() {
        Some(t) => crate::accounts::service::authenticate(db, defaults, t).await?,
        None => None,
    };
    let snap = super::service::view_with(db, me.as_ref(), share_id, &reader.presented).await?;
    if !snap.live {
        return Err(super::service::link_not_found());
    }
    let chat_id = snap.row.chat_id;
    let view = super::page::page_view(db, defaults, me.as_ref(), snap, None, None).await?;
    Ok((chat_id, super::page::messages_html(view)))
}

/// What an open chat's stream sends its owner or a collaborator (`GET /api/chats/{id}/events`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatEvent {
    /// The chat was written: its `version` now. The page fetches the chat when that is newer
    /// than what it shows.
    Changed(i64),
    /// The caller may no longer open the chat (its link was deleted or closed to them, their
    /// session ended): nothing more comes.
    Gone,
}

/// The owner or a collaborator with a chat open: told when anyone, through any process, writes
/// it (a collaborator's turn reaches the owner, the owner's the collaborator).
pub struct ChatFollower {
    db: DatabaseConnection,
    defaults: SettingsDefaults,
    chat_id: Uuid,
    token: String,
    version: i64,
    news: ChatChanges,
    done: bool,
}

/// Connects the holder of session `token` to chat `chat_id`: 401 without a session, 404 when
/// they may not open the chat (as `get_chat` answers), 503 when this process follows as many
/// chats and links as it keeps.
pub async fn follow_chat(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    hub: &LiveHub,
    token: String,
    chat_id: Uuid,
) -> AppResult<ChatFollower> {
    let version = chat_version_for(db, defaults, &token, chat_id).await?;
    let news = hub.take_slot(db, chat_id).ok_or_else(|| {
        AppError::Unavailable("Too many chats are followed here right now. Reload the page later.".to_owned())
    })?;
    Ok(ChatFollower {
        db: db.clone(),
        defaults: defaults.clone(),
        chat_id,
        token,
        version,
        news,
        done: false,
    })
}

impl ChatFollower {
    /// The next thing to send: [`ChatEvent::Changed`] after a write, or [`ChatEvent::Gone`]
    /// (then `None` for ever). Every change checks again that the caller may open the chat.
    pub async fn next(&mut self) -> Option<ChatEvent> {
        if self.done {
            return None;
        }
        while self.news.changed().await {
            match chat_version_for(&self.db, &self.defaults, &self.token, self.chat_id).await {
                Ok(v) if v == self.version => continue,
                Ok(v) => {
                    self.version = v;
                    return Some(ChatEvent::Changed(v));
                }
                Err(e) if closes(&e) => {
                    tracing::debug!(chat = %self.chat_id, error = %e, "chat closed to its follower");
                    self.done = true;
                    return Some(ChatEvent::Gone);
                }
                Err(e) => {
                    tracing::warn!(chat = %self.chat_id, error = %e, "chat stream: could not check a change");
                }
            }
        }
        None
    }
}

/// Chat `chat_id`'s version, for the holder of `token` who may open it (owner, admin, a
/// collaborator on its live link, or a shared folder's grantee).
async fn chat_version_for(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    token: &str,
    chat_id: Uuid,
) -> AppResult<i64> {
    let me = crate::accounts::service::authenticate(db, defaults, token).await?;
    let me = crate::accounts::service::require_member(me)?;
    let found = crate::chats::collaborators::find_readable(db, &me, chat_id).await?;
    Ok(found.chat.version)
}
