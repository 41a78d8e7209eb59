//! What a folder's page and the sidebar show: the caller's folders and the chats in them, a
//! folder's page, and the privacy check over a folder's chats before it is shared.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::service::{find, find_owned, list, subtree, MAX_FOLDERS};
use crate::entities::{chat, folder, user};
use crate::error::AppResult;

/// The caller's folders as the sidebar lists them.
pub async fn items(db: &DatabaseConnection, caller: &user::Model) -> AppResult<Vec<super::FolderItem>> {
    let mine = list(db, caller.id).await?;
    let ids: Vec<Uuid> = mine.iter().map(|f| f.id).collect();
    let shared: HashSet<Uuid> = if ids.is_empty() {
        HashSet::new()
    } else {
        crate::entities::folder_grant::Entity::find()
            .filter(crate::entities::folder_grant::Column::FolderId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|g| g.folder_id)
            .collect()
    };
    Ok(mine
        .into_iter()
        .map(|f| {
            let s = shared.contains(&f.id);
            super::FolderItem::of(f, s)
        })
        .collect())
}

/// Folder `id`'s page for `caller` (owner, admin or grantee; 403 otherwise), marking it read.
pub async fn page(
    db: &DatabaseConnection,
    defaults: &crate::instance::SettingsDefaults,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<super::FolderPageData> {
    let chats = super::access::shared_chats(db, caller, id).await?;
    let f = find(db, id).await?;
    // Only the owner changes a folder (`service::check_owner`); an admin reads it.
    let manage = f.user_id == caller.id;
    super::access::mark_read(db, caller, id).await?;
    Ok(super::FolderPageData {
        id: f.id,
        name: f.name.clone(),
        owner_name: crate::accounts::service::display_name(db, f.user_id).await?,
        manage,
        system_prompt: if manage {
            f.system_prompt().unwrap_or_default()
        } else {
            String::new()
        },
        chats,
        grants: if manage {
            super::access::grants(db, f.id).await?
        } else {
            Vec::new()
        },
        can_share: super::access::may_share(db, defaults, caller).await?,
    })
}

/// The privacy check over the caller's chats in folder `id` and the folders below it (owner
/// only): each chat's findings in what the folder's grantees would read (the whole visible
/// branch; a link's masks do not apply).
pub async fn privacy(
    db: &DatabaseConnection,
    caller: &user::Model,
    id: Uuid,
) -> AppResult<Vec<super::FolderChatFindings>> {
    let f = find_owned(db, caller, id).await?;
    let all = list(db, f.user_id).await?;
    let ids: Vec<String> = subtree(&all, f.id).iter().map(Uuid::to_string).collect();
    let chats = chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::UserId.eq(caller.id))
        .filter(chat::Column::Archived.eq(false))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(chats.len());
    for c in chats {
        let report = crate::share::privacy::scan_whole(db, caller, c.id).await?;
        out.push(super::FolderChatFindings {
            chat_id: c.id,
            title: c.title,
            private: c.folder_private,
            findings: report.findings.into_iter().map(|x| (x.kind, x.text)).collect(),
        });
    }
    Ok(out)
}

/// `caller`'s own chats in folder `f` and the folders below it, newest first.
pub async fn own_chats_below(
    db: &DatabaseConnection,
    caller: &user::Model,
    f: &folder::Model,
) -> AppResult<Vec<chat::Model>> {
    let all = list(db, f.user_id).await?;
    let ids: Vec<String> = subtree(&all, f.id).iter().map(Uuid::to_string).collect();
    Ok(chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::UserId.eq(caller.id))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// The chats in `caller`'s folders (theirs and those others put there), newest first, for the
/// sidebar (at most [`MAX_FOLDERS`]).
pub async fn sidebar_chats(
    db: &DatabaseConnection,
    caller: &user::Model,
) -> AppResult<Vec<super::FolderChatLink>> {
    let ids: Vec<String> = list(db, caller.id)
        .await?
        .iter()
        .map(|f| f.id.to_string())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = chat::Entity::find()
        .filter(chat::Column::FolderId.is_in(ids))
        .filter(chat::Column::Archived.eq(false))
        .order_by_desc(chat::Column::UpdatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .take(MAX_FOLDERS)
        .filter_map(|c| {
            Some(super::FolderChatLink {
                folder_id: Uuid::parse_str(c.folder_id.as_deref()?).ok()?,
                id: c.id,
                title: c.title,
            })
        })
        .collect())
}

/// The sidebar's folders as HTML (see `super::components`): the caller's tree, each folder's
/// chats inside it, and the folders shared with them. Empty when folders are off.
pub async fn sidebar_html(db: &DatabaseConnection, caller: &user::Model) -> AppResult<String> {
    let folders = items(db, caller).await?;
    let chats = sidebar_chats(db, caller).await?;
    let shared = super::inbox::shared_with(db, caller).await?;
    let mut out = format!(
        concat!(
            r#"<div class="sidebar-folders-head" data-drop="">"#,
            r#"<h2 class="sidebar-heading">{folders}</h2>"#,
            r#"<button type="button" class="icon-button folder-add" aria-label="{new_folder}" title="{new_folder}">+</button></div>"#,
            r#"<form class="folder-new" hidden=""><input type="text" name="name" aria-label="{folder_name}" placeholder="{folder_name}" maxlength="255" required="">"#,
            r#"<button type="submit" class="button secondary">{create}</button></form>"#,
        ),
        folders = esc(&t!("chat-folders")),
        new_folder = esc(&t!("folders-new")),
        folder_name = esc(&t!("folders-name")),
        create = esc(&t!("folders-create")),
    );
    if folders.is_empty() {
        out.push_str(&format!(
            r#"<p class="sidebar-empty">{}</p>"#,
            esc(&t!("folders-drag-hint"))
        ));
    }
    out.push_str(r#"<ul class="folder-tree">"#);
    tree_html(&mut out, &folders, &chats, None, 0);
    out.push_str("</ul>");
    if !shared.is_empty() {
        out.push_str(&format!(
            r#"<h2 class="sidebar-heading">{}</h2><ul class="folder-tree">"#,
            esc(&t!("folders-shared"))
        ));
        for f in shared {
            let drop = if f.permission == crate::share::GrantPermission::Write {
                format!(r#" data-drop="{}""#, f.id)
            } else {
                String::new()
            };
            let unread = if f.unread_count > 0 {
                format!(
                    r#"<span class="count-badge">{}<span class="visually-hidden"> {}</span></span>"#,
                    f.unread_count.min(99),
                    esc(&t!("folders-unread"))
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                r#"<li class="folder"><div class="folder-row"{drop}><a class="folder-link" href="/folders/{id}"><span class="folder-name">{name}</span><span class="visually-hidden">, {by}</span>{unread}</a></div></li>"#,
                id = f.id,
                name = esc(&f.name),
                by = esc(&t!("folders-shared-by", name = f.owner_name.clone())),
            ));
        }
        out.push_str("</ul>");
    }
    Ok(out)
}

fn esc(text: &str) -> String {
    crate::format::escape_html_text(text)
}

/// The folders under `parent` among `all` as list items, each with its folders and chats.
fn tree_html(
    out: &mut String,
    all: &[super::FolderItem],
    chats: &[super::FolderChatLink],
    parent: Option<Uuid>,
    depth: usize,
) {
    if depth > super::service::MAX_DEPTH {
        return;
    }
    for f in all.iter().filter(|f| f.parent_id == parent) {
        let name = esc(&f.name);
        let shared = if f.shared {
            format!(
                r#"<span class="badge folder-shared">{}</span>"#,
                esc(&t!("folders-shared-badge"))
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            concat!(
                r#"<li class="folder" data-folder="{id}"><div class="folder-row" data-drop="{id}">"#,
                r#"<button type="button" class="folder-toggle" aria-expanded="{open}" aria-label="{show}"><span aria-hidden="true">▸</span></button>"#,
                r#"<a class="folder-link" href="/folders/{id}" draggable="true" data-drag="folder" data-id="{id}"><span class="folder-name">{name}</span>{shared}</a></div>"#,
                r#"<ul class="folder-tree"{hidden}>"#,
            ),
            id = f.id,
            open = f.is_expanded,
            show = esc(&t!("folders-show", name = f.name.clone())),
            name = name,
            shared = shared,
            hidden = if f.is_expanded { "" } else { r#" hidden="""# },
        ));
        tree_html(out, all, chats, Some(f.id), depth + 1);
        for c in chats.iter().filter(|c| c.folder_id == f.id) {
            out.push_str(&format!(
                r#"<li class="chat-item folder-chat"><a class="chat-link" href="/c/{id}" draggable="true" data-drag="chat" data-id="{id}">{title}</a></li>"#,
                id = c.id,
                title = esc(&c.title),
            ));
        }
        out.push_str("</ul></li>");
    }
}

/// "Shared with me"'s folders as HTML (empty when nothing is shared with the caller).
pub async fn shared_html(db: &DatabaseConnection, caller: &user::Model) -> AppResult<String> {
    let shared = super::inbox::shared_with(db, caller).await?;
    if shared.is_empty() {
        return Ok(String::new());
    }
    let mut out =
        String::from(r#"<h2 class="inbox-heading">Folders</h2><ul class="inbox-list shared-folders">"#);
    for f in shared {
        let unread = f.unread_count > 0;
        out.push_str(&format!(
            concat!(
                r#"<li class="inbox-item{class}"><div class="inbox-line"><a class="inbox-title" href="/folders/{id}">{name}</a>{new}{write}</div>"#,
                r#"<p class="muted inbox-meta">{owner} shared this folder with you</p></li>"#,
            ),
            class = if unread { " unread" } else { "" },
            id = f.id,
            name = esc(&f.name),
            new = if unread {
                format!(r#"<span class="badge badge-new">{} new</span>"#, f.unread_count)
            } else {
                String::new()
            },
            write = if f.permission == crate::share::GrantPermission::Write {
                r#"<span class="badge">Can continue</span>"#
            } else {
                ""
            },
            owner = esc(&f.owner_name),
        ));
    }
    out.push_str("</ul>");
    Ok(out)
}
