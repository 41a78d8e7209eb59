//! Connections UI: the Admin Panel's Connections tab, the chat view's model picker and the
//! composer's notice when no model is connected.

use leptos::prelude::*;

use super::{
    admin_delete_connection, admin_list_connections, admin_save_connection, admin_verify_connection,
    ConnectionView, ModelMenu, VerifyReport,
};
use crate::ui::{use_toast, Modal};

/// Admin Panel → Settings → Connections: every OpenAI-compatible connection, each editable,
/// verifiable and deletable, and a form to add one.
#[component]
pub fn ConnectionsPanel() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let list = crate::ui::page_resource(move || version.get(), |_| admin_list_connections());
    let reload = move || version.update(|v| *v += 1);
    let user = crate::accounts::use_current_user();
    view! {
        <Transition fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
            {move || Suspend::new(async move {
                // Members get the page's 403 notice, not this panel.
                if !matches!(user.0.await, Ok(Some(u)) if u.is_admin()) {
                    return ().into_any();
                }
                let stored = match list.await {
                    Ok(l) if l.is_empty() => view! { <p class="muted">{t!("conn-none-yet")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="connection-list">
                            {l.into_iter().map(|c| view! { <ConnectionRow conn=c on_change=reload/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                };
                view! {
                    <section class="panel settings-group" aria-labelledby="connections-title">
                        <h2 id="connections-title">{t!("conn-title")}</h2>
                        <p class="muted">
                            {t!("conn-intro")}
                        </p>
                        {stored}
                    </section>
                    <section class="panel settings-group" aria-labelledby="connection-add-title">
                        <h2 id="connection-add-title">{t!("conn-add-connection")}</h2>
                        <ConnectionForm conn=None on_change=reload/>
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}

/// One stored connection.
#[component]
fn ConnectionRow(conn: ConnectionView, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    view! {
        <li class="connection">
            <ConnectionForm conn=Some(conn) on_change/>
        </li>
    }
}

/// The fields of a connection (a stored one, or a new one when `conn` is `None`) with Verify,
/// Save and (for a stored one) Delete.
#[component]
fn ConnectionForm(conn: Option<ConnectionView>, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let toast = use_toast();
    let id = conn.as_ref().map(|c| c.id);
    let url = RwSignal::new(conn.as_ref().map(|c| c.base_url.clone()).unwrap_or_default());
    let key = RwSignal::new(String::new());
    let enabled = RwSignal::new(conn.as_ref().is_none_or(|c| c.enabled));
    let report = RwSignal::new(None::<VerifyReport>);
    let error = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(false);
    let shown_url = StoredValue::new(conn.as_ref().map(|c| c.base_url.clone()).unwrap_or_default());
    let key_placeholder = match &conn {
        Some(c) if !c.key_hint.is_empty() => format!("{} (leave empty to keep)", c.key_hint),
        Some(_) => t!("conn-no-key"),
        None => t!("conn-optional"),
    };
    // A stored connection keeps its key unless a new one is typed.
    let typed_key = move || {
        let k = key.get_untracked();
        if id.is_some() && k.trim().is_empty() {
            None
        } else {
            Some(k)
        }
    };
    let verify = Action::new(move |_: &()| async move {
        report.set(None);
        match admin_verify_connection(id, url.get_untracked(), typed_key()).await {
            Ok(r) => report.set(Some(r)),
            Err(e) => report.set(Some(VerifyReport {
                ok: false,
                message: e.said(),
                models: Vec::new(),
            })),
        }
    });
    let save = Action::new(move |_: &()| async move {
        match admin_save_connection(id, url.get_untracked(), typed_key(), enabled.get_untracked()).await {
            Ok(_) => {
                error.set(None);
                key.set(String::new());
                toast.show(if id.is_some() {
                    t!("conn-connection-saved")
                } else {
                    t!("conn-connection-added")
                });
                if id.is_none() {
                    url.set(String::new());
                    report.set(None);
                }
                on_change.run(());
            }
            Err(e) => error.set(Some(e.said())),
        }
    });
    let remove = Action::new(move |_: &()| async move {
        let Some(id) = id else { return };
        match admin_delete_connection(id).await {
            Ok(()) => {
                toast.show(t!("conn-connection-deleted"));
                on_change.run(());
            }
            Err(e) => error.set(Some(e.said())),
        }
    });
    let prefix = id.map(|i| i.to_string()).unwrap_or_else(|| "new".to_owned());
    let (url_id, key_id, on_id) = (
        format!("conn-url-{prefix}"),
        format!("conn-key-{prefix}"),
        format!("conn-enabled-{prefix}"),
    );
    view! {
        <form class="connection-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(()); }>
            <label for=url_id.clone()>{t!("conn-base-url")}</label>
            <input id=url_id type="url" placeholder="http://localhost:11434/v1" required bind:value=url/>
            <label for=key_id.clone()>{t!("conn-api-key")}</label>
            <input id=key_id type="password" autocomplete="off" placeholder=key_placeholder bind:value=key/>
            <label class="inline-check">
                <input id=on_id type="checkbox" role="switch" class="switch" bind:checked=enabled/>
                {t!("conn-enabled")}
            </label>
            <div class="row">
                <button type="button" class="button secondary" disabled=move || verify.pending().get() on:click=move |_| { verify.dispatch(()); }>
                    {move || if verify.pending().get() { t!("conn-verifying") } else { t!("conn-verify") }}
                </button>
                <button type="submit" class="button">{if id.is_some() { t!("common-save") } else { t!("conn-add-connection-2") }}</button>
                {id.map(|_| view! {
                    <button type="button" class="button danger" on:click=move |_| confirm_delete.set(true)>{t!("common-delete")}</button>
                })}
            </div>
            <p class="status-error" role="alert">{move || error.get()}</p>
            <Show when=move || confirm_delete.get()>
                <Modal title=t!("conn-delete-connection") on_close=move || confirm_delete.set(false)>
                    <p>{t!("conn-delete-text", url = shown_url.get_value())}</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| confirm_delete.set(false)>{t!("common-cancel")}</button>
                        <button type="button" class="button danger" on:click=move |_| { confirm_delete.set(false); remove.dispatch(()); }>{t!("common-delete")}</button>
                    </div>
                </Modal>
            </Show>
            {move || report.get().map(|r| {
                let models = if r.models.is_empty() { String::new() } else { r.models.join(", ") };
                view! {
                    <p class=if r.ok { "status-ok verify-report" } else { "status-error verify-report" } role="status">
                        {r.message}
                        {(!models.is_empty()).then(|| view! { <span class="muted">" " {models}</span> })}
                    </p>
                }
            })}
        </form>
    }
}

/// The model picker: every model the connections offer, with a button that asks the servers
/// again; the choice is kept in `selected` and reported to `on_pick` (which remembers it for
/// the chat).
#[component]
pub fn ModelPicker(
    /// What the connections offer.
    menu: ModelMenu,
    /// The model in use.
    selected: RwSignal<Option<String>>,
    /// Called when the user picks another model.
    #[prop(optional, into)]
    on_pick: Option<Callback<String>>,
) -> impl IntoView {
    if menu.models.is_empty() {
        return ().into_any();
    }
    let options = RwSignal::new(menu.models);
    let toast = use_toast();
    let refresh = Action::new(move |_: &()| async move {
        match super::list_models(true).await {
            Ok(m) => {
                let n = m.models.len();
                options.set(m.models);
                let msg = t!("conn-models-available", count = n);
                toast.show(&msg);
            }
            Err(e) => toast.show(e.said()),
        }
    });
    view! {
        <div class="model-picker">
            <select
                aria-label=t!("conn-model")
                prop:value=move || selected.get().unwrap_or_default()
                on:change=move |ev| {
                    let m = event_target_value(&ev);
                    selected.set(Some(m.clone()));
                    if let Some(cb) = on_pick { cb.run(m); }
                }
            >
                <For each=move || options.get() key=|m| m.id.clone() let:m>
                    {
                        let id = m.id.clone();
                        view! { <option value=id.clone() selected=move || selected.get().as_deref() == Some(id.as_str())>{m.id}</option> }
                    }
                </For>
            </select>
            <button type="button" class="icon-button" aria-label=t!("conn-refresh-models") title=t!("conn-refresh-models")
                disabled=move || refresh.pending().get() on:click=move |_| { refresh.dispatch(()); }>"↻"</button>
        </div>
    }
    .into_any()
}

/// The model to use: `preferred` when a connection still offers it, else the first offered.
pub fn pick_model(menu: &ModelMenu, preferred: Option<&str>) -> Option<String> {
    preferred
        .filter(|p| menu.models.iter().any(|m| m.id == *p))
        .map(str::to_owned)
        .or_else(|| menu.models.first().map(|m| m.id.clone()))
}

/// Shown by the composer when no model can answer: admins get a link to Connections.
#[component]
pub fn NoModelNotice(
    /// What the connections offer.
    menu: ModelMenu,
    /// The viewer is an administrator.
    is_admin: bool,
) -> impl IntoView {
    if !menu.models.is_empty() {
        return ().into_any();
    }
    let what = if menu.has_connections {
        t!("conn-no-model-available")
    } else {
        t!("conn-no-model-connected")
    };
    view! {
        <p class="notice no-model" role="status">
            {what} " "
            {if is_admin {
                view! { <a href="/admin/settings/connections">{t!("conn-set-up-connection")}</a> }.into_any()
            } else {
                view! { <span>{t!("conn-ask-admin")}</span> }.into_any()
            }}
            {(is_admin && !menu.problems.is_empty()).then(|| view! { <span class="muted">" (" {menu.problems.join("; ")} ")"</span> })}
        </p>
    }
    .into_any()
}
