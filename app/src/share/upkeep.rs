//! Sharing's background chores, one task per server process: write out the counted reads
//! every second ([`super::views::ViewLog`]), and every minute delete links long expired
//! ([`super::lifetime::clean_up`]), audit rows past the retention setting, and expired sessions
//! and abandoned identity-provider sign-ins. Several
//! processes on one database may all run it: the writes add up, and each expired link is
//! deleted (and recorded) by one of them only.

use std::time::Duration;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::views::ViewLog;
use crate::instance::SettingsDefaults;

/// How often counted reads are written.
const WRITE_EVERY: Duration = Duration::from_secs(1);
/// How often expired links and old audit rows are cleaned up (in write-outs).
const CLEAN_EVERY: u32 = 60;

/// The running task.
pub struct Upkeep {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    views: ViewLog,
    db: DatabaseConnection,
}

/// Starts the chores for `db`, writing out `views`.
pub fn start(db: DatabaseConnection, views: ViewLog, defaults: SettingsDefaults) -> Upkeep {
    let (stop, mut stopped) = watch::channel(false);
    let (task_db, task_views) = (db.clone(), views.clone());
    let task = tokio::spawn(async move {
        let mut tick = tokio::time::interval(WRITE_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut n: u32 = 0;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stopped.changed() => break,
            }
            if let Err(e) = task_views.write_out(&task_db).await {
                tracing::warn!(error = %e, "could not write the counted reads; will try again");
            }
            n = n.wrapping_add(1);
            if n.is_multiple_of(CLEAN_EVERY) {
                clean(&task_db, &defaults).await;
            }
        }
    });
    Upkeep {
        stop,
        task,
        views,
        db,
    }
}

async fn clean(db: &DatabaseConnection, defaults: &SettingsDefaults) {
    match super::lifetime::clean_up(db, crate::entities::now()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(links = n, "deleted links that expired long ago"),
        Err(e) => tracing::warn!(error = %e, "could not clean up expired links"),
    }
    if let Err(e) = crate::accounts::sso::oidc::clear_expired_sign_ins(db, crate::entities::now()).await {
        tracing::warn!(error = %e, "could not delete expired sessions");
    }
    let days = match crate::instance::service::get(db, defaults).await {
        Ok(s) => s.audit_retention_days,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the audit retention");
            return;
        }
    };
    if let Err(e) = super::audit::prune(db, days).await {
        tracing::warn!(error = %e, "could not prune the audit log");
    }
    // Who read a community chat counts for one day only.
    let yesterday = crate::entities::now().div_euclid(86_400) - 1;
    if let Err(e) = crate::entities::community_view::Entity::delete_many()
        .filter(crate::entities::community_view::Column::Day.lt(yesterday))
        .exec(db)
        .await
    {
        tracing::warn!(error = %e, "could not prune the community's readers");
    }
}

impl Upkeep {
    /// Stops the task and writes out what is left (at shutdown, after the last request).
    pub async fn finish(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        if let Err(e) = self.views.write_out(&self.db).await {
            tracing::warn!(error = %e, "could not write the last counted reads");
        }
    }
}
