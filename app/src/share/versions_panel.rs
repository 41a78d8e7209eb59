//! The Share modal's "Versions (N)": every version of the link, newest first, each with Open
//! (the shared page as it was), Restore and Delete (not the current one).

use leptos::prelude::*;
use uuid::Uuid;

use super::{delete_share_version, list_share_versions, restore_share_version, ShareVersionInfo};
use crate::ui::{use_toast, Time};

/// "Versions (N)" of the chat's link; `reload` changes after every update of the link.
#[component]
pub(super) fn VersionsPanel(
    /// The chat.
    chat_id: Uuid,
    /// Its link.
    share_id: Uuid,
    /// Bumped when the link gets a new version elsewhere in the modal.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let toast = use_toast();
    let versions = LocalResource::new(move || {
        reload.track();
        changed.track();
        list_share_versions(chat_id)
    });
    let restore = move |n: i64| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match restore_share_version(chat_id, n).await {
                Ok(m) => {
                    toast.show(t!("versions-restored", n = n, m = m));
                    changed.update(|c| *c += 1);
                }
                Err(e) => error.set(Some(e.said())),
            }
        });
    };
    let delete = move |n: i64| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match delete_share_version(chat_id, n).await {
                Ok(()) => changed.update(|c| *c += 1),
                Err(e) => error.set(Some(e.said())),
            }
        });
    };
    let row = move |v: ShareVersionInfo| {
        let n = v.version;
        let messages = format!(
            "{} message{}",
            v.message_count,
            if v.message_count == 1 { "" } else { "s" }
        );
        view! {
            <li class="version-row">
                <span class="version-name">
                    {t!("versions-version", n = n)}
                    {v.current.then(|| view! { <span class="badge">{t!("versions-current")}</span> })}
                </span>
                <span class="muted small"><Time at=v.created_at/>" · "{messages}</span>
                <span class="version-actions">
                    <a class="button secondary small" href=format!("/s/{share_id}?version={n}") target="_blank" rel="noopener noreferrer"
                        aria-label=t!("versions-open", n = n)>{t!("common-open")}</a>
                    {(!v.current).then(|| view! {
                        <button type="button" class="button secondary small" aria-label=t!("versions-restore", n = n)
                            on:click=move |_| restore(n)>{t!("versions-restore-button")}</button>
                        <button type="button" class="button secondary small" aria-label=t!("versions-delete", n = n)
                            on:click=move |_| delete(n)>{t!("common-delete")}</button>
                    })}
                </span>
            </li>
        }
    };
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t!("versions-loading")}</p> }>
            {move || Suspend::new(async move {
                match versions.await {
                    Ok(list) => view! {
                        <details class="versions">
                            <summary>{t!("versions-title", count = list.len())}</summary>
                            <ol class="version-list">{list.into_iter().map(row).collect_view()}</ol>
                        </details>
                    }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Suspense>
        <p class="status-error" role="alert">{move || error.get()}</p>
    }
}
