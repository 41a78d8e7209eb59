//! Admin Panel UI: the page with its Users and Settings tabs.
//!
//! Hydration rule (see the README): every suspense boundary is a direct child of the page or of
//! a reactive closure, never inside another boundary's `Suspend`, and every resource is created
//! in the page's body.

use leptos::prelude::*;

use crate::accounts::Role;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use uuid::Uuid;

use super::{
    admin_delete_user, admin_list_users, admin_set_can_share, admin_set_role, admin_settings, AdminUserRow,
};
use crate::accounts::{member_or, sign_in_redirect, use_current_user, SessionUser};
use crate::error::AppError;
use crate::ui::{set_page_status, use_toast, Modal, Time};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Users,
    Settings,
    Connections,
    Authentication,
    Groups,
    Links,
    Audit,
    Community,
}

/// Whether `user` may see the panel; otherwise what to show instead (sign-in redirect, approval
/// notice, or a 403 panel).
fn admin_or(user: Result<Option<SessionUser>, AppError>, here: &str) -> Result<SessionUser, AnyView> {
    let u = member_or(user, || sign_in_redirect(here))?;
    if u.is_admin() {
        Ok(u)
    } else {
        set_page_status(403);
        Err(view! {
            <section class="panel" role="alert">
                <h1>{t!("admin-administrators-only")}</h1>
                <p>{t!("admin-only-text")}</p>
                <a href="/">{t!("admin-back-chats")}</a>
            </section>
        }
        .into_any())
    }
}

/// `/admin`, `/admin/users`, `/admin/settings`, `/admin/settings/general`: the Admin Panel.
/// Visitors are sent to sign in; members who are not admins get a 403 page.
#[component]
pub fn AdminPage() -> impl IntoView {
    let user = use_current_user();
    let location = use_location();
    let tab = Memo::new(move |_| {
        let path = location.pathname.get();
        if path.starts_with("/admin/settings/connections") {
            Tab::Connections
        } else if path.starts_with("/admin/settings/authentication") {
            Tab::Authentication
        } else if path.starts_with("/admin/settings") {
            Tab::Settings
        } else if path.starts_with("/admin/groups") {
            Tab::Groups
        } else if path.starts_with("/admin/shared") {
            Tab::Links
        } else if path.starts_with("/admin/audit") {
            Tab::Audit
        } else if path.starts_with("/admin/community") {
            Tab::Community
        } else {
            Tab::Users
        }
    });
    let query = RwSignal::new(String::new());
    let users_version = RwSignal::new(0u32);
    // Each resource loads only while its tab is shown (an unread resource would not hydrate).
    let users = crate::ui::page_resource(
        move || (tab.get() == Tab::Users, query.get(), users_version.get()),
        |(shown, q, _)| async move {
            if shown {
                admin_list_users(q).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    // Accounts waiting for approval, counted on the Users tab.
    let pending = crate::ui::page_resource(move || users_version.get(), |_| super::admin_pending_count());
    let settings = crate::ui::page_resource(
        move || tab.get() == Tab::Settings,
        |shown| async move {
            if shown {
                admin_settings().await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <Title text=t!("common-admin-panel")/>
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                let here = location.pathname.get_untracked();
                if let Err(instead) = admin_or(user.0.await, &here) {
                    return instead;
                }
                let pending = pending.await.unwrap_or(0);
                view! {
                    <h1>{t!("common-admin-panel")}</h1>
                    <nav class="tabs" aria-label=t!("common-admin-panel")>
                        <a href="/admin/users" aria-current=move || (tab.get() == Tab::Users).then_some("page")>
                            {t!("admin-users")}
                            {(pending > 0).then(|| view! {
                                <span class="count-badge">{pending.to_string()}<span class="visually-hidden">" "{t!("admin-waiting-approval-badge")}</span></span>
                            })}
                        </a>
                        <a href="/admin/groups" aria-current=move || (tab.get() == Tab::Groups).then_some("page")>{t!("admin-groups")}</a>
                        <a href="/admin/shared" aria-current=move || (tab.get() == Tab::Links).then_some("page")>{t!("admin-shared-links")}</a>
                        <a href="/admin/audit" aria-current=move || (tab.get() == Tab::Audit).then_some("page")>{t!("admin-audit")}</a>
                        <a href="/admin/community" aria-current=move || (tab.get() == Tab::Community).then_some("page")>{t!("admin-community")}</a>
                        <a href="/admin/settings" aria-current=move || matches!(tab.get(), Tab::Settings | Tab::Connections | Tab::Authentication).then_some("page")>{t!("common-settings")}</a>
                    </nav>
                    {move || match tab.get() {
                        Tab::Users => view! {
                            <div class="toolbar row">
                                <input type="search" class="user-search" placeholder=t!("admin-search-users") aria-label=t!("admin-search-users") bind:value=query/>
                                <super::add_user::AddUser reload=users_version/>
                            </div>
                        }.into_any(),
                        Tab::Settings | Tab::Connections | Tab::Authentication => view! {
                            <nav class="tabs sub-tabs" aria-label=t!("common-settings")>
                                <a href="/admin/settings/general" aria-current=move || (tab.get() == Tab::Settings).then_some("page")>{t!("admin-general")}</a>
                                <a href="/admin/settings/connections" aria-current=move || (tab.get() == Tab::Connections).then_some("page")>{t!("admin-connections")}</a>
                                <a href="/admin/settings/authentication" aria-current=move || (tab.get() == Tab::Authentication).then_some("page")>{t!("admin-authentication")}</a>
                            </nav>
                        }.into_any(),
                        Tab::Groups | Tab::Links | Tab::Audit | Tab::Community => ().into_any(),
                    }}
                }.into_any()
            })}
        </Transition>
        {move || match tab.get() {
            Tab::Users => view! { <UsersTab users reload=users_version/> }.into_any(),
            Tab::Settings => view! { <super::general::GeneralSettingsTab settings/> }.into_any(),
            Tab::Connections => view! { <crate::connections::ConnectionsPanel/> }.into_any(),
            Tab::Authentication => view! { <crate::accounts::sso::AuthenticationPanel/> }.into_any(),
            Tab::Groups => view! { <crate::groups::GroupsPanel/> }.into_any(),
            Tab::Links => view! { <crate::share::InstanceLinksPanel/> }.into_any(),
            Tab::Audit => view! { <crate::share::AuditPanel/> }.into_any(),
            Tab::Community => view! { <crate::community::ModerationPanel/> }.into_any(),
        }}
    }
}

/// The Users tab's table (the search box sits above it, in the page's header).
#[component]
fn UsersTab(
    /// The listed users (loaded by the page).
    users: crate::ui::PageResource<Result<Vec<AdminUserRow>, AppError>>,
    /// Bumped to reload the list.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let user = use_current_user();
    let deleting = RwSignal::new(None::<AdminUserRow>);
    let error = RwSignal::new(None::<String>);
    let toast = use_toast();
    let remove = Action::new(move |id: &Uuid| {
        let id = *id;
        async move {
            let r = admin_delete_user(id).await;
            match &r {
                Ok(()) => {
                    toast.show(t!("admin-user-deleted"));
                    error.set(None);
                }
                Err(e) => error.set(Some(e.said())),
            }
            reload.update(|v| *v += 1);
            r
        }
    });
    view! {
        <p class="status-error" role="alert">{move || error.get()}</p>
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                if !matches!(user.0.await, Ok(Some(u)) if u.is_admin()) {
                    return ().into_any();
                }
                match users.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{t!("admin-no-users-match")}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="users">
                                <thead>
                                    <tr>
                                        <th scope="col">{t!("common-name")}</th>
                                        <th scope="col">{t!("common-email")}</th>
                                        <th scope="col">{t!("admin-role")}</th>
                                        <th scope="col">{t!("admin-chat-sharing")}</th>
                                        <th scope="col">{t!("admin-created")}</th>
                                        <th scope="col">{t!("admin-last-active")}</th>
                                        <th scope="col"><span class="visually-hidden">{t!("admin-actions")}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|u| view! { <UserRow user=u deleting error reload/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
        {move || deleting.get().map(|u| {
            let id = u.id;
            view! {
                <Modal title=t!("admin-delete-user-title", name = u.name.clone()) on_close=move || deleting.set(None)>
                    <p>{t!("admin-delete-user-text", name = u.name.clone(), email = u.email.clone())}</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| deleting.set(None)>{t!("common-cancel")}</button>
                        <button type="button" class="button danger" on:click=move |_| { deleting.set(None); remove.dispatch(id); }>
                            {t!("admin-delete-user")}
                        </button>
                    </div>
                </Modal>
            }
        })}
    }
}

/// One user: role and sharing selects, dates, and a delete button.
#[component]
fn UserRow(
    user: AdminUserRow,
    deleting: RwSignal<Option<AdminUserRow>>,
    error: RwSignal<Option<String>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = user.id;
    let toast = use_toast();
    // What the selects show: set from the server's answer, so a refused change snaps back.
    let role = RwSignal::new(user.role.as_str().to_owned());
    let share_value = |v: Option<bool>| match v {
        None => "default",
        Some(true) => "allow",
        Some(false) => "deny",
    };
    let sharing = RwSignal::new(share_value(user.can_share_override));
    let role_select = NodeRef::<leptos::html::Select>::new();
    let sharing_select = NodeRef::<leptos::html::Select>::new();
    let set_role = Action::new(move |new_role: &String| {
        let new_role = new_role.clone();
        async move {
            let r = admin_set_role(id, new_role).await;
            match &r {
                Ok(row) => {
                    role.set(row.role.as_str().to_owned());
                    toast.show(t!("admin-role-changed"));
                    error.set(None);
                    reload.update(|v| *v += 1);
                }
                Err(e) => {
                    show_value(role_select, &role.get_untracked());
                    error.set(Some(e.said()));
                }
            }
            r
        }
    });
    let set_share = Action::new(move |value: &Option<bool>| {
        let value = *value;
        async move {
            let r = admin_set_can_share(id, value).await;
            match &r {
                Ok(row) => {
                    sharing.set(share_value(row.can_share_override));
                    toast.show(t!("admin-permission-changed"));
                    error.set(None);
                    reload.update(|v| *v += 1);
                }
                Err(e) => {
                    show_value(sharing_select, sharing.get_untracked());
                    error.set(Some(e.said()));
                }
            }
            r
        }
    });
    let default_label = if user.role == Role::User {
        t!(
            "admin-default-permission",
            allowed = if user.can_share { "yes" } else { "no" }
        )
    } else {
        t!("admin-default-plain")
    };
    let fixed_share = match user.role {
        Role::Admin => Some(t!("admin-always-admin")),
        Role::Pending => Some(t!("admin-never-pending")),
        Role::User => None,
    };
    let name = user.name.clone();
    let row = user.clone();
    view! {
        <tr class=("pending-row", user.role == Role::Pending)>
            <th scope="row">
                <span class="user-cell">
                    <crate::accounts::profile::Avatar name=user.name.clone() url=user.profile_image_url.clone()/>
                    {user.name.clone()}
                    {user.is_me.then(|| view! { <span class="badge">{t!("admin-you")}</span> })}
                    {(user.role == Role::Pending).then(|| view! { <span class="badge badge-warn">{t!("admin-waiting-approval")}</span> })}
                </span>
            </th>
            <td>{user.email.clone()}</td>
            <td>
                <select
                    aria-label=t!("admin-role-of", name = name.clone())
                    node_ref=role_select
                    prop:value=move || role.get()
                    on:change=move |ev| { set_role.dispatch(event_target_value(&ev)); }
                >
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=user.role == r>{r.as_str()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                {match fixed_share {
                    Some(text) => view! { <span class="muted">{text}</span> }.into_any(),
                    None => view! {
                        <select
                            aria-label=t!("admin-chat-sharing-for", name = name.clone())
                            node_ref=sharing_select
                            prop:value=move || sharing.get()
                            on:change=move |ev| {
                                let v = match event_target_value(&ev).as_str() {
                                    "allow" => Some(true),
                                    "deny" => Some(false),
                                    _ => None,
                                };
                                set_share.dispatch(v);
                            }
                        >
                            <option value="default" selected=sharing.get_untracked() == "default">{default_label.clone()}</option>
                            <option value="allow" selected=sharing.get_untracked() == "allow">{t!("admin-allowed")}</option>
                            <option value="deny" selected=sharing.get_untracked() == "deny">{t!("admin-not-allowed-plain")}</option>
                        </select>
                    }.into_any(),
                }}
            </td>
            <td><Time at=user.created_at/></td>
            <td><Time at=user.last_active_at/></td>
            <td>
                <button type="button" class="button danger small" aria-label=t!("admin-delete-named", name = user.name.clone())
                    on:click=move |_| deleting.set(Some(row.clone()))>
                    {t!("common-delete")}
                </button>
            </td>
        </tr>
    }
}

/// Puts a select back on `value` (after the server refused the change the user made: the DOM
/// already shows their choice, and an unchanged signal would not redraw it).
pub(super) fn show_value(select: NodeRef<leptos::html::Select>, value: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = select.get_untracked() {
        el.set_value(value);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (select, value);
}
