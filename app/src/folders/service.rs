//! Folders as their owner keeps them: a tree of named folders (a name is unique among its
//! siblings; no folder sits under itself), each with settings (the system prompt new chats in
//! it start with), and the chats inside. Sharing a folder is `super::access`.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::Value;
use uuid::Uuid;

use crate::entities::{chat, folder, now, user};
use crate::error::{AppError, AppResult};

/// Longest folder name, in characters.
pub const MAX_NAME: usize = 255;
/// Largest `data` or `meta` JSON a folder keeps, in bytes.
pub const MAX_JSON: usize = 64 * 1024;
/// Most folders one member may have.
pub const MAX_FOLDERS: usize = 1_000;
/// Deepest a folder may sit (top level is 1).
pub const MAX_DEPTH: usize = 16;

/// What a new folder or a change to one says (Open WebUI's `FolderForm`).
#[derive(Debug, Clone, Default)]
pub struct FolderForm {
    /// Its name (trimmed; required when creating).
    pub name: Option<String>,
    /// The folder it goes in (creating only).
    pub parent_id: Option<Uuid>,
    /// Its settings (`{"system_prompt": …}`), replacing the old ones when given.
    pub data: Option<Value>,
    /// Free-form meta, replacing the old when given.
    pub meta: Option<Value>,
}

fn not_found() -> AppError {
    AppError::NotFound("Folder not found.".to_owned())
}

fn exists_already() -> AppError {
    AppError::BadRequest("A folder with this name already exists here.".to_owned())
}

/// `raw` as a folder name: trimmed, 1 to [`MAX_NAME`] characters (422 otherwise).
pub fn clean_name(raw: &str) -> AppResult<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::Unprocessable("A folder needs a name.".to_owned()));
    }
    if name.chars().count() > MAX_NAME {
        return Err(AppError::Unprocessable(format!(
            "A folder's name has at most {MAX_NAME} characters."
        )));
    }
    Ok(name.to_owned())
}

/// `v` as stored JSON: an object of at most [`MAX_JSON`] bytes (422 otherwise); a `data`
/// object's `system_prompt` must be text.
fn stored_json(v: &Value, what: &str) -> AppResult<String> {
    if !v.is_object() {
        return Err(AppError::Unprocessable(format!(
            "A folder's {what} is a JSON object."
        )));
    }
    if v.get("system_prompt")
        .is_some_and(|p| !p.is_string() && !p.is_null())
    {
        return Err(AppError::Unprocessable("The system prompt is text.".to_owned()));
    }
    let text = v.to_string();
    if text.len() > MAX_JSON {
        return Err(AppError::PayloadTooLarge);
    }
    Ok(text)
}

/// Every folder of `owner`, by name.
pub async fn list(db: &impl ConnectionTrait, owner: Uuid) -> AppResult<Vec<folder::Model>> {
    Ok(folder::Entity::find()
        .filter(folder::Column::UserId.eq(owner))
        .order_by_asc(folder::Column::Name)
        .all(db)
        .await?)
}

/// Folder `id` if it exists (anyone's).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<folder::Model> {
    folder::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)
}

/// Folder `id` for its owner (inside a transaction: [`check_owner`] has told everyone else
/// why not); anyone else gets the 404 of a folder that does not exist.
pub async fn find_owned(
    db: &impl ConnectionTrait,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<folder::Model> {
    let f = find(db, id).await?;
    if f.user_id == caller.id {
        Ok(f)
    } else {
        Err(not_found())
    }
}

/// Only a folder's owner changes it: 403 for anyone who can see it (its grantees, admins), the
/// 404 of a folder that does not exist for everyone else. The one rule the REST API and the
/// server functions share.
pub async fn check_owner(db: &DatabaseConnection, caller: &user::Model, id: Uuid) -> AppResult<()> {
    let f = find(db, id).await?;
    if f.user_id == caller.id {
        return Ok(());
    }
    match super::access::permission(db, caller, &f).await? {
        Some(_) => Err(AppError::Forbidden(
            "Only the folder's owner can change it.".to_owned(),
        )),
        None => Err(not_found()),
    }
}

/// Whether `owner` has a folder named `name` (case-insensitively) under `parent`, other than
/// `except`.
async fn name_taken(
    db: &impl ConnectionTrait,
    owner: Uuid,
    parent: Option<Uuid>,
    name: &str,
    except: Option<Uuid>,
) -> AppResult<bool> {
    let mut q = folder::Entity::find().filter(folder::Column::UserId.eq(owner));
    q = match parent {
        Some(p) => q.filter(folder::Column::ParentId.eq(p)),
        None => q.filter(folder::Column::ParentId.is_null()),
    };
    let lower = name.to_lowercase();
    Ok(q.all(db)
        .await?
        .iter()
        .any(|f| Some(f.id) != except && f.name.to_lowercase() == lower))
}

/// How deep folder `id` sits (top level is 1), walking up its parents among `all`.
fn depth(all: &HashMap<Uuid, Option<Uuid>>, id: Uuid) -> usize {
    let mut d = 0;
    let mut at = Some(id);
    while let Some(x) = at {
        d += 1;
        if d > MAX_DEPTH + 1 {
            break;
        }
        at = all.get(&x).copied().flatten();
    }
    d
}

/// A new folder of `caller`'s, under a folder of theirs or at the top: 400 when a sibling has
/// its name, 404 for a parent that is not theirs, 422 for a bad name or data.
pub async fn create(
    db: &DatabaseConnection,
    caller: &user::Model,
    form: FolderForm,
) -> AppResult<folder::Model> {
    let name = clean_name(form.name.as_deref().unwrap_or(""))?;
    let data = form.data.as_ref().map(|d| stored_json(d, "data")).transpose()?;
    let meta = form.meta.as_ref().map(|m| stored_json(m, "meta")).transpose()?;
    let txn = db.begin().await?;
    crate::entities::lock_for_write(&txn, &format!("folders:{}", caller.id)).await?;
    let mine = list(&txn, caller.id).await?;
    if mine.len() >= MAX_FOLDERS {
        return Err(AppError::Conflict(format!(
            "You can have at most {MAX_FOLDERS} folders."
        )));
    }
    if let Some(p) = form.parent_id {
        if !mine.iter().any(|f| f.id == p) {
            return Err(AppError::NotFound("The parent folder was not found.".to_owned()));
        }
        let parents: HashMap<Uuid, Option<Uuid>> = mine.iter().map(|f| (f.id, f.parent_id)).collect();
        if depth(&parents, p) >= MAX_DEPTH {
            return Err(AppError::BadRequest(format!(
                "Folders nest at most {MAX_DEPTH} deep."
            )));
        }
    }
    if name_taken(&txn, caller.id, form.parent_id, &name, None).await? {
        return Err(exists_already());
    }
    let t = now();
    let made = folder::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(caller.id),
        parent_id: Set(form.parent_id),
        name: Set(name),
        data: Set(data),
        meta: Set(meta),
        is_expanded: Set(false),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(made)
}

/// Renames folder `id` and/or replaces its data and meta (owner only): 400 when a sibling has
/// the new name.
pub async fn update(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    form: FolderForm,
) -> AppResult<folder::Model> {
    check_owner(db, caller, id).await?;
    let txn = db.begin().await?;
    crate::entities::lock_for_write(&txn, &format!("folders:{}", caller.id)).await?;
    let f = find_owned(&txn, caller, id).await?;
    let mut row: folder::ActiveModel = f.clone().into();
    if let Some(raw) = &form.name {
        let name = clean_name(raw)?;
        if name_taken(&txn, f.user_id, f.parent_id, &name, Some(f.id)).await? {
            return Err(exists_already());
        }
        row.name = Set(name);
    }
    if let Some(d) = &form.data {
        row.data = Set(Some(stored_json(d, "data")?));
    }
    if let Some(m) = &form.meta {
        row.meta = Set(Some(stored_json(m, "meta")?));
    }
    row.updated_at = Set(now());
    let saved = row.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Moves folder `id` under `parent` (`None`: the top level), owner only: 400 when the parent is
/// the folder itself or one of its descendants, or a sibling there has its name; 404 for a
/// parent that is not the caller's.
pub async fn set_parent(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    parent: Option<Uuid>,
) -> AppResult<folder::Model> {
    check_owner(db, caller, id).await?;
    let txn = db.begin().await?;
    crate::entities::lock_for_write(&txn, &format!("folders:{}", caller.id)).await?;
    let f = find_owned(&txn, caller, id).await?;
    let mine = list(&txn, f.user_id).await?;
    let parents: HashMap<Uuid, Option<Uuid>> = mine.iter().map(|x| (x.id, x.parent_id)).collect();
    if let Some(p) = parent {
        if !parents.contains_key(&p) {
            return Err(AppError::NotFound("The parent folder was not found.".to_owned()));
        }
        if subtree(&mine, f.id).contains(&p) {
            return Err(AppError::BadRequest(
                "A folder cannot move into itself or into one of its own folders.".to_owned(),
            ));
        }
        let below = height(&mine, f.id);
        if depth(&parents, p) + below > MAX_DEPTH {
            return Err(AppError::BadRequest(format!(
                "Folders nest at most {MAX_DEPTH} deep."
            )));
        }
    }
    if name_taken(&txn, f.user_id, parent, &f.name, Some(f.id)).await? {
        return Err(exists_already());
    }
    let mut row: folder::ActiveModel = f.into();
    row.parent_id = Set(parent);
    row.updated_at = Set(now());
    let saved = row.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Opens or closes folder `id` in its owner's sidebar.
pub async fn set_expanded(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    open: bool,
) -> AppResult<folder::Model> {
    check_owner(db, caller, id).await?;
    let f = find_owned(db, caller, id).await?;
    let mut row: folder::ActiveModel = f.into();
    row.is_expanded = Set(open);
    Ok(row.update(db).await?)
}

/// Folder `root` and every folder below it, among `all`.
pub fn subtree(all: &[folder::Model], root: Uuid) -> HashSet<Uuid> {
    let mut out = HashSet::from([root]);
    loop {
        let before = out.len();
        for f in all {
            if f.parent_id.is_some_and(|p| out.contains(&p)) {
                out.insert(f.id);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// How many levels folder `root`'s subtree spans (1: no children).
fn height(all: &[folder::Model], root: Uuid) -> usize {
    let children: Vec<Uuid> = all
        .iter()
        .filter(|f| f.parent_id == Some(root))
        .map(|f| f.id)
        .collect();
    1 + children.into_iter().map(|c| height(all, c)).max().unwrap_or(0)
}

/// Deletes folder `id` and the folders below it (owner only), with their grants. The owner's
/// chats in them are deleted with `delete_contents`, else moved out to the top level; other
/// members' chats placed there always move out.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
    delete_contents: bool,
) -> AppResult<()> {
    check_owner(db, caller, id).await?;
    let txn = db.begin().await?;
    crate::entities::lock_for_write(&txn, &format!("folders:{}", caller.id)).await?;
    let f = find_owned(&txn, caller, id).await?;
    let mine = list(&txn, f.user_id).await?;
    let ids: Vec<String> = subtree(&mine, f.id).iter().map(Uuid::to_string).collect();
    if delete_contents {
        chat::Entity::delete_many()
            .filter(chat::Column::FolderId.is_in(ids.clone()))
            .filter(chat::Column::UserId.eq(f.user_id))
            .exec(&txn)
            .await?;
    }
    chat::Entity::update_many()
        .col_expr(chat::Column::FolderId, Expr::value(Option::<String>::None))
        .filter(chat::Column::FolderId.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    let folder_ids: Vec<Uuid> = ids.iter().filter_map(|s| Uuid::parse_str(s).ok()).collect();
    folder::Entity::delete_many()
        .filter(folder::Column::Id.is_in(folder_ids))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The chats in folder `id` (its own, not its subfolders'), newest first; with `owner_only`,
/// only its owner's.
pub async fn chats_in(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Vec<chat::Model>> {
    Ok(chat::Entity::find()
        .filter(chat::Column::FolderId.eq(id.to_string()))
        .filter(chat::Column::Archived.eq(false))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// 403 when folders are turned off for `caller` (`features.folders`, from the instance's
/// default or a group of theirs; admins always have them).
pub async fn check_enabled(
    db: &DatabaseConnection,
    defaults: &crate::instance::SettingsDefaults,
    caller: &user::Model,
) -> AppResult<()> {
    if caller.role == crate::accounts::service::Role::Admin
        || crate::instance::service::get(db, defaults).await?.folders_enabled
        || crate::groups::service::any_group_gives(db, caller.id, |p| p.features.folders).await?
    {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Folders are turned off on this instance.".to_owned(),
        ))
    }
}

/// Puts chat `chat_id` (the caller's own) into folder `target` (one the caller owns or may
/// write to; 404 otherwise) or, with `None`, out of any folder.
pub async fn move_chat(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
    target: Option<Uuid>,
) -> AppResult<chat::Model> {
    let c = crate::chats::service::find_visible(db, caller, chat_id).await?;
    if let Some(t) = target {
        let f = find(db, t).await?;
        if super::access::permission(db, caller, &f).await? != Some(crate::share::GrantPermission::Write) {
            return Err(not_found());
        }
    }
    chat::Entity::update_many()
        .col_expr(chat::Column::FolderId, Expr::value(target.map(|t| t.to_string())))
        .filter(chat::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    Ok(chat::Model {
        folder_id: target.map(|t| t.to_string()),
        ..c
    })
}

/// Keeps chat `chat_id` (the caller's own) out of its shared folder's reach, or lets it back.
pub async fn set_private(
    db: &DatabaseConnection,
    caller: &user::Model,
    chat_id: Uuid,
    private: bool,
) -> AppResult<()> {
    let c = crate::chats::service::find_visible(db, caller, chat_id).await?;
    chat::Entity::update_many()
        .col_expr(chat::Column::FolderPrivate, Expr::value(private))
        .filter(chat::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Applies `change` (see [`super::FolderChange`]) for `caller`.
pub async fn apply(
    db: &DatabaseConnection,
    caller: &user::Model,
    change: super::FolderChange,
) -> AppResult<()> {
    use super::FolderChange as C;
    match change {
        C::Create { name, parent_id } => {
            let form = FolderForm {
                name: Some(name),
                parent_id,
                ..Default::default()
            };
            create(db, caller, form).await.map(drop)
        }
        C::Rename { id, name } => {
            let form = FolderForm {
                name: Some(name),
                ..Default::default()
            };
            update(db, caller, id, form).await.map(drop)
        }
        C::SetPrompt { id, system_prompt } => {
            let f = find_owned(db, caller, id).await?;
            let mut data: serde_json::Map<String, Value> = f
                .data
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_default();
            data.insert("system_prompt".to_owned(), system_prompt.trim().into());
            let form = FolderForm {
                data: Some(Value::Object(data)),
                ..Default::default()
            };
            update(db, caller, id, form).await.map(drop)
        }
        C::Delete { id, delete_chats } => delete(db, caller, id, delete_chats).await,
        C::Move { id, parent_id } => set_parent(db, caller, id, parent_id).await.map(drop),
        C::Expand { id, open } => set_expanded(db, caller, id, open).await.map(drop),
        C::MoveChat { chat_id, folder_id } => move_chat(db, caller, chat_id, folder_id).await.map(drop),
        C::KeepPrivate { chat_id, private } => set_private(db, caller, chat_id, private).await,
    }
}
