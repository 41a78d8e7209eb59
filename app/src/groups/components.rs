//! Admin Panel → Groups: make a group, add and remove its members, delete it.

use leptos::prelude::*;
use uuid::Uuid;

use super::{
    admin_change_group_members, admin_create_group, admin_delete_group, admin_groups,
    admin_set_group_permissions, GroupDetail, Member,
};

/// The Groups tab: a form for a new group, then one card per group.
#[component]
pub fn GroupsPanel() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let state = crate::ui::page_resource(move || version.get(), |_| admin_groups());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let create = Action::new(move |(n, d): &(String, String)| {
        let (n, d) = (n.clone(), d.clone());
        async move {
            match admin_create_group(n, d).await {
                Ok(()) => {
                    name.set(String::new());
                    description.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e.said())),
            }
        }
    });
    view! {
        <section class="panel settings-group" aria-labelledby="groups-title">
            <h2 id="groups-title">"Groups"</h2>
            <p class="muted">"A share link can be opened by the members of a group. Members see the names of the groups, not who is in them."</p>
            <form class="setting setting-text" on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                create.dispatch((name.get_untracked(), description.get_untracked()));
            }>
                <label for="group-name"><span class="setting-label">"New group"</span></label>
                <div class="row">
                    <input id="group-name" type="text" placeholder="Name" required bind:value=name/>
                    <input type="text" aria-label="Description" placeholder="Description (optional)" bind:value=description/>
                    <button type="submit" class="button" disabled=move || create.pending().get()>"Create group"</button>
                </div>
            </form>
            <p class="status-error" role="alert">{move || error.get()}</p>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(s) if s.groups.is_empty() => view! { <p class="muted">"No groups yet."</p> }.into_any(),
                    Ok(s) => {
                        let users = s.users;
                        s.groups
                            .into_iter()
                            .map(|g| view! { <GroupCard group=g users=users.clone() version error/> })
                            .collect_view()
                            .into_any()
                    }
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One group: its members (each removable), a picker to add one, and Delete.
#[component]
fn GroupCard(
    group: GroupDetail,
    users: Vec<Member>,
    version: RwSignal<u32>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = group.id;
    let adding = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let change = Action::new(move |(user, add): &(Uuid, bool)| {
        let (user, add) = (*user, *add);
        async move {
            match admin_change_group_members(id, vec![user], add).await {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e.said())),
            }
        }
    });
    let delete = Action::new(move |_: &()| async move {
        match admin_delete_group(id).await {
            Ok(()) => version.update(|v| *v += 1),
            Err(e) => error.set(Some(e.said())),
        }
    });
    let outside: Vec<Member> = users
        .into_iter()
        .filter(|u| !group.members.iter().any(|m| m.id == u.id))
        .collect();
    let title = group.name.clone();
    let select_id = format!("group-add-{}", id.simple());
    view! {
        <section class="panel group-card" aria-label=format!("Group {}", group.name)>
            <div class="group-head">
                <h3>{group.name.clone()}</h3>
                {move || if confirming.get() {
                    view! {
                        <span class="row">
                            <span>"Delete this group?"</span>
                            <button type="button" class="button small danger" on:click=move |_| { delete.dispatch(()); }>"Delete"</button>
                            <button type="button" class="button secondary small" on:click=move |_| confirming.set(false)>"Keep"</button>
                        </span>
                    }.into_any()
                } else {
                    view! { <button type="button" class="button secondary small" on:click=move |_| confirming.set(true)>"Delete group"</button> }.into_any()
                }}
            </div>
            {(!group.description.is_empty()).then(|| view! { <p class="muted">{group.description.clone()}</p> })}
            {
                let permissions = group.permissions;
                let share = RwSignal::new(permissions.sharing.folders);
                view! {
                    <label class="setting-inline">
                        <input type="checkbox" prop:checked=move || share.get() on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            share.set(on);
                            let mut p = permissions;
                            p.sharing.folders = on;
                            leptos::task::spawn_local(async move {
                                if let Err(e) = admin_set_group_permissions(id, p).await {
                                    error.set(Some(e.said()));
                                }
                            });
                        }/>
                        "Its members may share folders (even when Admin Panel → Settings says members may not)"
                    </label>
                }
            }
            <ul class="group-members">
                {group.members.into_iter().map(|m| {
                    let label = format!("Remove {} from {}", m.name, title);
                    view! {
                        <li>
                            <span>{m.name.clone()}</span>
                            <button type="button" class="link-button" aria-label=label on:click=move |_| { change.dispatch((m.id, false)); }>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="group-add" on:submit=move |ev| {
                ev.prevent_default();
                if let Ok(u) = Uuid::parse_str(&adding.get_untracked()) {
                    change.dispatch((u, true));
                }
            }>
                <label for=select_id.clone()>"Add a member"</label>
                <div class="row">
                    <select id=select_id on:change=move |ev| adding.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {outside.into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button secondary" disabled=move || change.pending().get()>"Add"</button>
                </div>
            </form>
        </section>
    }
}
