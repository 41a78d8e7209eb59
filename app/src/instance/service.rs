//! Reads and writes [`InstanceSettings`]: one JSON row, overlaid on the defaults.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait};
use serde_json::Value;

use super::{InstanceSettings, SettingsDefaults};
use crate::entities::setting;
use crate::error::{AppError, AppResult};

/// The `setting` row that holds the instance's settings.
pub(crate) const KEY: &str = "instance";

fn overlay(defaults: &SettingsDefaults, stored: Option<&str>) -> AppResult<Value> {
    let mut base = serde_json::to_value(InstanceSettings::from_defaults(defaults)).map_err(|e| {
        tracing::error!(error = %e, "cannot encode default settings");
        AppError::Internal
    })?;
    if let (Some(text), Some(obj)) = (stored, base.as_object_mut()) {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(saved)) => obj.extend(saved),
            _ => tracing::warn!("stored instance settings are not a JSON object; using defaults"),
        }
    }
    Ok(base)
}

fn decode(v: Value) -> AppResult<InstanceSettings> {
    serde_json::from_value(v).map_err(|e| AppError::Unprocessable(format!("Invalid settings: {e}")))
}

/// The settings in force, from the stored JSON `stored` (the `setting` row [`KEY`]'s value;
/// `None`: nothing saved yet), for a caller that read the row with other data in one query.
pub fn from_stored(defaults: &SettingsDefaults, stored: Option<&str>) -> AppResult<InstanceSettings> {
    decode(overlay(defaults, stored)?)
}

/// The settings in force.
pub async fn get(db: &DatabaseConnection, defaults: &SettingsDefaults) -> AppResult<InstanceSettings> {
    let row = crate::entities::local::one(db, setting::Entity::find_by_id(KEY)).await?;
    decode(overlay(defaults, row.as_ref().map(|r| r.value.as_str()))?)
}

/// Applies `patch` (any subset of the settings' fields) after validating the result, and
/// returns the settings now in force.
pub async fn update(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    patch: Value,
) -> AppResult<InstanceSettings> {
    let Value::Object(patch) = patch else {
        return Err(AppError::Unprocessable(
            "Settings must be a JSON object.".to_owned(),
        ));
    };
    let txn = db.begin().await?;
    // Two admins saving at once: one waits for the other and merges onto what it saved.
    crate::entities::lock_for_write(&txn, "settings").await?;
    let row = setting::Entity::find_by_id(KEY).one(&txn).await?;
    let mut merged = overlay(defaults, row.as_ref().map(|r| r.value.as_str()))?;
    if let Some(obj) = merged.as_object_mut() {
        for (k, v) in patch {
            if !obj.contains_key(&k) {
                return Err(AppError::Unprocessable(format!("Unknown setting \"{k}\".")));
            }
            obj.insert(k, v);
        }
    }
    let settings = decode(merged)?;
    settings.validate().map_err(AppError::Unprocessable)?;
    let text = serde_json::to_string(&settings).map_err(|_| AppError::Internal)?;
    setting::Entity::insert(setting::ActiveModel {
        key: Set(KEY.to_owned()),
        value: Set(text),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_column(setting::Column::Value)
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(settings)
}

/// The instance's secret named `key`: `fresh` the first time it is asked for, kept in the
/// settings table (so every process uses the same one) and read back from there afterwards.
pub async fn secret(db: &DatabaseConnection, key: &str, fresh: String) -> AppResult<String> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(fresh),
    })
    .on_conflict(OnConflict::column(setting::Column::Key).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    setting::Entity::find_by_id(key)
        .one(db)
        .await?
        .map(|r| r.value)
        .ok_or(AppError::Internal)
}
