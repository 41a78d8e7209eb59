//! Groups: list (any member), create, rename, add and remove members, delete (administrators;
//! the REST layer checks who calls). Membership is what a `group` grant of a link checks.

use std::collections::BTreeSet;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

use super::GroupItem;
use crate::entities::{now, user, user_group, user_group_member};
use crate::error::{AppError, AppResult};

/// Longest group name, in characters.
pub const MAX_NAME: usize = 100;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 1_000;
/// Most members one change may add or remove.
pub const MAX_USERS_PER_CHANGE: usize = 1_000;

fn no_such_group() -> AppError {
    AppError::NotFound("No such group.".to_owned())
}

fn clean(name: &str, description: &str) -> AppResult<(String, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::Unprocessable("A group needs a name.".to_owned()));
    }
    if name.chars().count() > MAX_NAME {
        return Err(AppError::Unprocessable(format!(
            "A group name is at most {MAX_NAME} characters."
        )));
    }
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::Unprocessable(format!(
            "A description is at most {MAX_DESCRIPTION} characters."
        )));
    }
    Ok((name.to_owned(), description.trim().to_owned()))
}

async fn members_of(db: &impl sea_orm::ConnectionTrait, group: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(user_group_member::Entity::find()
        .select_only()
        .column(user_group_member::Column::UserId)
        .filter(user_group_member::Column::GroupId.eq(group))
        .order_by_asc(user_group_member::Column::UserId)
        .into_tuple()
        .all(db)
        .await?)
}

async fn item(
    db: &impl sea_orm::ConnectionTrait,
    g: user_group::Model,
    with_members: bool,
) -> AppResult<GroupItem> {
    let user_ids = if with_members {
        Some(members_of(db, g.id).await?)
    } else {
        None
    };
    Ok(GroupItem {
        permissions: permissions_of(&g),
        id: g.id,
        name: g.name,
        description: g.description,
        user_ids,
        created_at: g.created_at,
        updated_at: g.updated_at,
    })
}

/// Every group by name; with its members when `with_members` (administrators).
pub async fn list(db: &DatabaseConnection, with_members: bool) -> AppResult<Vec<GroupItem>> {
    let groups = user_group::Entity::find()
        .order_by_asc(user_group::Column::Name)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        out.push(item(db, g, with_members).await?);
    }
    Ok(out)
}

/// A new group without members.
pub async fn create(db: &DatabaseConnection, name: &str, description: &str) -> AppResult<GroupItem> {
    let (name, description) = clean(name, description)?;
    let t = now();
    let g = user_group::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(name),
        description: Set(description),
        created_at: Set(t),
        updated_at: Set(t),
        permissions: Set(None),
    }
    .insert(db)
    .await?;
    item(db, g, true).await
}

async fn find(db: &impl sea_orm::ConnectionTrait, id: Uuid) -> AppResult<user_group::Model> {
    user_group::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(no_such_group)
}

/// Renames a group and changes its description.
pub async fn update(
    db: &DatabaseConnection,
    id: Uuid,
    name: &str,
    description: &str,
) -> AppResult<GroupItem> {
    let (name, description) = clean(name, description)?;
    let g = find(db, id).await?;
    let mut am: user_group::ActiveModel = g.into();
    am.name = Set(name);
    am.description = Set(description);
    am.updated_at = Set(now());
    let g = am.update(db).await?;
    item(db, g, true).await
}

/// What group `g` lets its members do (nothing extra when unset or unreadable).
fn permissions_of(g: &user_group::Model) -> super::GroupPermissions {
    g.permissions
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default()
}

/// Sets what group `id` lets its members do.
pub async fn set_permissions(db: &DatabaseConnection, id: Uuid, p: super::GroupPermissions) -> AppResult<()> {
    let g = find(db, id).await?;
    let mut am: user_group::ActiveModel = g.into();
    am.permissions = Set(Some(serde_json::to_string(&p).map_err(|_| AppError::Internal)?));
    am.updated_at = Set(now());
    am.update(db).await?;
    Ok(())
}

/// Whether any group `user_id` belongs to gives them the permission `pick` reads.
pub async fn any_group_gives(
    db: &DatabaseConnection,
    user_id: Uuid,
    pick: fn(&super::GroupPermissions) -> bool,
) -> AppResult<bool> {
    let ids: Vec<Uuid> = user_group_member::Entity::find()
        .filter(user_group_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect();
    if ids.is_empty() {
        return Ok(false);
    }
    Ok(user_group::Entity::find()
        .filter(user_group::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .any(|g| pick(&permissions_of(g))))
}

/// Adds (`add`) or removes members; 422 naming a user that does not exist.
pub async fn change_members(
    db: &DatabaseConnection,
    id: Uuid,
    user_ids: &[Uuid],
    add: bool,
) -> AppResult<GroupItem> {
    if user_ids.len() > MAX_USERS_PER_CHANGE {
        return Err(AppError::Unprocessable(format!(
            "At most {MAX_USERS_PER_CHANGE} members can be changed at once."
        )));
    }
    let wanted: BTreeSet<Uuid> = user_ids.iter().copied().collect();
    let txn = db.begin().await?;
    let g = find(&txn, id).await?;
    if add {
        for u in &wanted {
            if user::Entity::find_by_id(*u).one(&txn).await?.is_none() {
                return Err(AppError::Unprocessable(format!("No user has the id \"{u}\".")));
            }
        }
        if !wanted.is_empty() {
            user_group_member::Entity::insert_many(wanted.iter().map(|u| user_group_member::ActiveModel {
                group_id: Set(id),
                user_id: Set(*u),
            }))
            .on_conflict(
                OnConflict::columns([
                    user_group_member::Column::GroupId,
                    user_group_member::Column::UserId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
    } else if !wanted.is_empty() {
        user_group_member::Entity::delete_many()
            .filter(user_group_member::Column::GroupId.eq(id))
            .filter(user_group_member::Column::UserId.is_in(wanted.iter().copied()))
            .exec(&txn)
            .await?;
    }
    let mut am: user_group::ActiveModel = g.into();
    am.updated_at = Set(now());
    let g = am.update(&txn).await?;
    let out = item(&txn, g, true).await?;
    txn.commit().await?;
    Ok(out)
}

/// Deletes a group (its members and every grant to it go too).
pub async fn delete(db: &DatabaseConnection, id: Uuid) -> AppResult<()> {
    let gone = user_group::Entity::delete_by_id(id).exec(db).await?;
    if gone.rows_affected == 0 {
        return Err(no_such_group());
    }
    crate::entities::share_grant::Entity::delete_many()
        .filter(crate::entities::share_grant::Column::PrincipalType.eq("group"))
        .filter(crate::entities::share_grant::Column::PrincipalId.eq(id.to_string()))
        .exec(db)
        .await?;
    crate::entities::folder_grant::Entity::delete_many()
        .filter(crate::entities::folder_grant::Column::PrincipalType.eq("group"))
        .filter(crate::entities::folder_grant::Column::PrincipalId.eq(id.to_string()))
        .exec(db)
        .await?;
    Ok(())
}

/// Every group with its members' names, and every approved member (the Admin Panel).
pub async fn state(db: &DatabaseConnection) -> AppResult<super::GroupsState> {
    let users = crate::accounts::service::members_by_name(db).await?;
    let names: std::collections::HashMap<Uuid, &str> =
        users.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let name_of = |id: Uuid| names.get(&id).map(|n| (*n).to_owned());
    let mut groups = Vec::new();
    for g in user_group::Entity::find()
        .order_by_asc(user_group::Column::Name)
        .all(db)
        .await?
    {
        let mut members: Vec<super::Member> = members_of(db, g.id)
            .await?
            .into_iter()
            .map(|id| super::Member {
                id,
                name: name_of(id).unwrap_or_else(|| "(waiting for approval)".to_owned()),
            })
            .collect();
        members.sort_by(|a, b| a.name.cmp(&b.name));
        groups.push(super::GroupDetail {
            permissions: permissions_of(&g),
            id: g.id,
            name: g.name,
            description: g.description,
            members,
        });
    }
    Ok(super::GroupsState {
        groups,
        users: users
            .into_iter()
            .map(|(id, name)| super::Member { id, name })
            .collect(),
    })
}

/// Whether a group with this id exists.
pub async fn exists(db: &DatabaseConnection, id: Uuid) -> AppResult<bool> {
    Ok(user_group::Entity::find_by_id(id).one(db).await?.is_some())
}

/// Whether `user_id` is a member of any of `groups`.
pub async fn in_any(db: &DatabaseConnection, user_id: Uuid, groups: &[Uuid]) -> AppResult<bool> {
    if groups.is_empty() {
        return Ok(false);
    }
    Ok(user_group_member::Entity::find()
        .filter(user_group_member::Column::UserId.eq(user_id))
        .filter(user_group_member::Column::GroupId.is_in(groups.iter().copied()))
        .one(db)
        .await?
        .is_some())
}
