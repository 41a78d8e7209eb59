//! Admin Panel → Shared links (every link on the instance: search, filter by owner, revoke one
//! or all of a member's) and Admin Panel → Audit (the sharing audit log, filtered, with a CSV
//! download).

use leptos::prelude::*;
use uuid::Uuid;

use super::{admin_audit, admin_revoke_links, admin_shared_links, InstanceLink, ACTION_NAMES};
use crate::ui::Time;

/// Admin Panel → Shared links.
#[component]
pub fn InstanceLinksPanel() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let owner = RwSignal::new(None::<(Uuid, String)>);
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let links = crate::ui::page_resource(
        move || (query.get(), owner.get().map(|o| o.0), version.get()),
        |(q, o, _)| admin_shared_links(q, o, 1),
    );
    let revoke = Action::new(move |(share_id, user_id): &(Option<Uuid>, Option<Uuid>)| {
        let (share_id, user_id) = (*share_id, *user_id);
        async move {
            match admin_revoke_links(share_id, user_id).await {
                Ok(_) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e.said())),
            }
        }
    });
    view! {
        <section class="panel settings-group" aria-labelledby="instance-links-title">
            <h2 id="instance-links-title">"Shared links"</h2>
            <p class="muted">"Every link on this instance. Revoking one deletes it: its address stops working and its chat stays."</p>
            <div class="toolbar row">
                <input type="search" placeholder="Search titles" aria-label="Search shared links" bind:value=query/>
                {move || owner.get().map(|(id, name)| view! {
                    <span class="chip">{format!("Owner: {name}")}
                        <button type="button" class="icon-button small" aria-label="Show every owner" on:click=move |_| owner.set(None)>"×"</button>
                    </span>
                    <button type="button" class="button danger small" disabled=move || revoke.pending().get()
                        on:click=move |_| { revoke.dispatch((None, Some(id))); }>{format!("Revoke all of {name}'s links")}</button>
                })}
            </div>
            <p class="status-error" role="alert">{move || error.get()}</p>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match links.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No shared links."</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="instance-links">
                                <thead><tr>
                                    <th scope="col">"Title"</th><th scope="col">"Owner"</th><th scope="col">"Who can open it"</th>
                                    <th scope="col">"Created"</th><th scope="col">"Expires"</th><th scope="col">"Views"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|l| view! { <InstanceLinkRow link=l owner revoke/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn InstanceLinkRow(
    link: InstanceLink,
    owner: RwSignal<Option<(Uuid, String)>>,
    revoke: Action<(Option<Uuid>, Option<Uuid>), ()>,
) -> impl IntoView {
    let (share_id, user_id, name) = (link.share_id, link.user_id, link.owner_name.clone());
    let mut audience = link.audience.label().to_owned();
    if link.live {
        audience.push_str(" · live");
    }
    if link.has_password {
        audience.push_str(" · password");
    }
    view! {
        <tr>
            <td>
                <a href=format!("/s/{share_id}")>{link.title.clone()}</a>
                {link.shared_as.clone().map(|t| view! { <br/><span class="muted shared-as">{format!("shared as “{t}”")}</span> })}
            </td>
            <td>
                <button type="button" class="link-button" title=link.owner_email.clone()
                    on:click=move |_| owner.set(Some((user_id, name.clone())))>{link.owner_name.clone()}</button>
            </td>
            <td>{audience}</td>
            <td><Time at=link.created_at/></td>
            <td>{match link.expires_at { Some(t) => view! { <Time at=t/> }.into_any(), None => "Never".into_any() }}</td>
            <td>{link.view_count}</td>
            <td>
                <button type="button" class="button danger small" disabled=move || revoke.pending().get()
                    on:click=move |_| { revoke.dispatch((Some(share_id), None)); }>"Revoke"</button>
            </td>
        </tr>
    }
}

/// Admin Panel → Audit.
#[component]
pub fn AuditPanel() -> impl IntoView {
    let action = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let rows = crate::ui::page_resource(
        move || (action.get(), page.get()),
        |(a, p)| admin_audit(a, None, p),
    );
    let csv = move || {
        let a = action.get();
        if a.is_empty() {
            "/api/v1/admin/audit?format=csv".to_owned()
        } else {
            format!(
                "/api/v1/admin/audit?format=csv&action={}",
                crate::format::encode_query_value(&a)
            )
        }
    };
    view! {
        <section class="panel settings-group" aria-labelledby="audit-title">
            <h2 id="audit-title">"Audit"</h2>
            <p class="muted">"What was shared, changed and revoked, and how often links were read (one row per link and day)."</p>
            <div class="toolbar row">
                <label for="audit-action">"Action"</label>
                <select id="audit-action" on:change=move |ev| { page.set(1); action.set(event_target_value(&ev)); }>
                    <option value="">"All"</option>
                    {ACTION_NAMES.iter().map(|(code, label)| view! { <option value=*code>{*label}</option> }).collect_view()}
                </select>
                <a class="button secondary" href=csv download="chatshare-audit.csv">"Download CSV"</a>
            </div>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">"Nothing recorded."</p> }.into_any(),
                    Ok(list) => {
                        let full = list.len() as u64 >= 50;
                        let list = super::group_reads(list);
                        view! {
                            <div class="table-wrap">
                                <table class="audit">
                                    <thead><tr><th scope="col">"When"</th><th scope="col">"Action"</th><th scope="col">"By"</th><th scope="col">"Link"</th><th scope="col">"Detail"</th></tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|e| view! {
                                            <tr>
                                                <td><Time at=e.at/></td>
                                                <td>{super::action_name(&e.action).to_owned()}</td>
                                                <td>{e.actor_name.clone().or_else(|| e.actor_id.map(|a| a.to_string())).unwrap_or_else(|| "—".to_owned())}</td>
                                                <td>{match (e.share_id, e.link_title.clone()) {
                                                    (Some(s), Some(t)) => view! { <a href=format!("/s/{s}") title=s.to_string()>{t}</a> }.into_any(),
                                                    (_, Some(t)) => t.into_any(),
                                                    (Some(s), None) => view! { <span class="muted" title=s.to_string()>"(deleted)"</span> }.into_any(),
                                                    (None, None) => "—".into_any(),
                                                }}</td>
                                                <td>{crate::ui::text_with_times(e.detail.as_deref().unwrap_or_default())}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <div class="row">
                                <button type="button" class="button secondary" disabled=move || page.get() <= 1 on:click=move |_| page.update(|p| *p -= 1)>"Newer"</button>
                                <button type="button" class="button secondary" disabled=!full on:click=move |_| page.update(|p| *p += 1)>"Older"</button>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
