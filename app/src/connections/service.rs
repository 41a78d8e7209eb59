//! Connections: list, add, change, delete, and the first one created from the environment.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder, TransactionTrait,
};
use uuid::Uuid;

use super::ConnectionView;
use crate::entities::{connection, now, setting};
use crate::error::{AppError, AppResult};

/// Longest accepted base URL or key, in bytes.
const MAX_FIELD: usize = 2_000;

/// `sk-…abcd`: enough to tell keys apart, never enough to use one. Empty for no key.
pub fn key_hint(key: &str) -> String {
    let key = key.trim();
    if key.is_empty() {
        return String::new();
    }
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 8 {
        return "…".to_owned();
    }
    let prefix: String = if key.starts_with("sk-") {
        "sk-".to_owned()
    } else {
        String::new()
    };
    let last4: String = chars[chars.len() - 4..].iter().collect();
    format!("{prefix}…{last4}")
}

/// The wire view of a stored connection.
pub fn to_view(c: &connection::Model) -> ConnectionView {
    ConnectionView {
        id: c.id,
        base_url: c.base_url.clone(),
        key_hint: key_hint(&c.api_key),
        enabled: c.enabled,
    }
}

/// A base URL as stored: trimmed, `http(s)://host…`, without a trailing slash (422 otherwise).
pub fn clean_base_url(raw: &str) -> AppResult<String> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(host)
            if !host.is_empty()
                && !host.starts_with('/')
                && url.len() <= MAX_FIELD
                && !url.chars().any(char::is_whitespace) =>
        {
            Ok(url.to_owned())
        }
        _ => Err(AppError::Unprocessable(
            "The base URL must be an http:// or https:// URL, such as http://localhost:11434/v1.".to_owned(),
        )),
    }
}

/// Every connection, oldest first (the order their models are listed in).
pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<connection::Model>> {
    Ok(connection::Entity::find()
        .order_by_asc(connection::Column::CreatedAt)
        .order_by_asc(connection::Column::Id)
        .all(db)
        .await?)
}

/// One connection (404 when unknown).
pub async fn find(db: &DatabaseConnection, id: Uuid) -> AppResult<connection::Model> {
    connection::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("Connection not found.".to_owned()))
}

/// The stored key of connection `id`, for a request to `base_url` (already cleaned). A stored
/// key is only ever sent to the URL stored with it: to check another URL, the admin types the
/// key again (422), so nobody can make the server send a key somewhere else.
pub async fn stored_key_for(db: &DatabaseConnection, id: Uuid, base_url: &str) -> AppResult<String> {
    let c = find(db, id).await?;
    if c.base_url != base_url {
        return Err(key_stays_with_its_url());
    }
    Ok(c.api_key)
}

fn key_stays_with_its_url() -> AppError {
    AppError::Unprocessable(
        "The saved API key is only sent to its saved URL. Enter the key again to use another URL.".to_owned(),
    )
}

/// Adds (`id` `None`) or changes a connection. `api_key` `None` keeps the stored key, only
/// while the URL stays the same (a new URL needs its key typed again: see [`stored_key_for`]).
pub async fn save(
    db: &DatabaseConnection,
    id: Option<Uuid>,
    base_url: &str,
    api_key: Option<&str>,
    enabled: bool,
) -> AppResult<connection::Model> {
    let base_url = clean_base_url(base_url)?;
    let api_key = api_key.map(str::trim);
    if api_key.is_some_and(|k| k.len() > MAX_FIELD || k.chars().any(char::is_control)) {
        return Err(AppError::Unprocessable("The API key is not valid.".to_owned()));
    }
    match id {
        None => Ok(connection::ActiveModel {
            id: Set(Uuid::new_v4()),
            base_url: Set(base_url),
            api_key: Set(api_key.unwrap_or_default().to_owned()),
            enabled: Set(enabled),
            created_at: Set(now()),
            updated_at: Set(now()),
        }
        .insert(db)
        .await?),
        Some(id) => {
            let c = find(db, id).await?;
            if api_key.is_none() && !c.api_key.is_empty() && c.base_url != base_url {
                return Err(key_stays_with_its_url());
            }
            let mut am: connection::ActiveModel = c.into();
            am.base_url = Set(base_url);
            if let Some(k) = api_key {
                am.api_key = Set(k.to_owned());
            }
            am.enabled = Set(enabled);
            am.updated_at = Set(now());
            Ok(am.update(db).await?)
        }
    }
}

/// Deletes a connection (404 when unknown).
pub async fn delete(db: &DatabaseConnection, id: Uuid) -> AppResult<()> {
    let gone = connection::Entity::delete_by_id(id).exec(db).await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound("Connection not found.".to_owned()));
    }
    Ok(())
}

/// On the first start with `OPENAI_API_BASE_URL` set, creates the first connection from it and
/// `OPENAI_API_KEY`. Runs once per database, whatever happens to that connection later and
/// however many processes start at once; returns whether it created one.
pub async fn seed_from_env(
    db: &DatabaseConnection,
    base_url: Option<&str>,
    api_key: Option<&str>,
) -> AppResult<bool> {
    let Some(base_url) = base_url.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(false);
    };
    let base_url = clean_base_url(base_url)?;
    let txn = db.begin().await?;
    let claimed = setting::Entity::insert(setting::ActiveModel {
        key: Set("connections_seeded".to_owned()),
        value: Set(now().to_string()),
    })
    .on_conflict(OnConflict::column(setting::Column::Key).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    if claimed == 1 {
        connection::ActiveModel {
            id: Set(Uuid::new_v4()),
            base_url: Set(base_url),
            api_key: Set(api_key.unwrap_or_default().trim().to_owned()),
            enabled: Set(true),
            created_at: Set(now()),
            updated_at: Set(now()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(claimed == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hints_show_only_the_last_four() {
        assert_eq!(key_hint("sk-abcdefghijklmnop1234"), "sk-…1234");
        assert_eq!(key_hint("ollama-token-xyz9"), "…xyz9");
        assert_eq!(key_hint("short"), "…");
        assert_eq!(key_hint("  "), "");
    }

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        assert_eq!(
            clean_base_url(" http://localhost:11434/v1/ ").unwrap(),
            "http://localhost:11434/v1"
        );
        for bad in [
            "",
            "localhost:11434",
            "ftp://x",
            "http://",
            "http:///x",
            "http://a b",
            "javascript:alert(1)",
        ] {
            assert!(clean_base_url(bad).is_err(), "{bad}");
        }
    }
}
