//! Admin Panel → Community: every community chat, every level, with "Hide" / "Show again"
//! and "Delete" (administrators only; the server functions refuse anyone else with 403).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use uuid::Uuid;

use super::CommunityChatSummary;
use crate::error::AppError;
use crate::ui::Time;

/// `POST /api/fn/admin_community_chats`: every community chat, newest first (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_community_chats", input = Json, output = Json)]
pub async fn admin_community_chats() -> Result<Vec<CommunityChatSummary>, AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    super::service::moderation_list(&state.db, &me, 1).await
}

/// `POST /api/fn/admin_hide_community_chat` `{"id": …, "hidden": true}` (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_hide_community_chat", input = Json, output = Json)]
pub async fn admin_hide_community_chat(id: Uuid, hidden: bool) -> Result<CommunityChatSummary, AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    super::service::set_hidden(&state.db, &me, id, hidden).await
}

/// `POST /api/fn/admin_delete_community_chat` `{"id": …}` (admins only).
#[server(prefix = "/api/fn", endpoint = "admin_delete_community_chat", input = Json, output = Json)]
pub async fn admin_delete_community_chat(id: Uuid) -> Result<(), AppError> {
    let (state, me) = crate::accounts::caller::admin().await?;
    super::service::delete(&state.db, &me, id).await.map(|_| ())
}

/// Admin Panel → Community: the moderation list.
#[component]
pub fn ModerationPanel() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let chats = crate::ui::page_resource(move || version.get(), |_| admin_community_chats());
    let act = Action::new(move |(id, hide): &(Uuid, Option<bool>)| {
        let (id, hide) = (*id, *hide);
        async move {
            let done = match hide {
                Some(h) => admin_hide_community_chat(id, h).await.map(|_| ()),
                None => admin_delete_community_chat(id).await,
            };
            match done {
                Ok(()) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e.said())),
            }
        }
    });
    view! {
        <section class="panel settings-group" aria-labelledby="moderation-title">
            <h2 id="moderation-title">"Community chats"</h2>
            <p class="muted">"Every chat published to this instance's community. Hiding one takes it out of the gallery and search, and only its uploader and administrators can open it; deleting removes it."</p>
            <p class="status-error" role="alert">{move || error.get()}</p>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match chats.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No community chats yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="instance-links">
                                <thead><tr>
                                    <th scope="col">"Title"</th><th scope="col">"Uploader"</th><th scope="col">"Permission"</th>
                                    <th scope="col">"Published"</th><th scope="col">"Views"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|c| {
                                        let id = c.id;
                                        let hidden = c.hidden;
                                        let level = if hidden { format!("{} (hidden)", c.access.label()) } else { c.access.label().to_owned() };
                                        view! {
                                            <tr>
                                                <td><a href=c.url.clone() rel="external">{c.title.clone()}</a></td>
                                                <td>{c.uploader.clone()}</td>
                                                <td>{level}</td>
                                                <td><Time at=c.created_at/></td>
                                                <td>{c.views}</td>
                                                <td class="row">
                                                    <button type="button" class="button secondary small" disabled=move || act.pending().get()
                                                        on:click=move |_| { act.dispatch((id, Some(!hidden))); }>{if hidden { "Show again" } else { "Hide" }}</button>
                                                    <button type="button" class="button danger small" disabled=move || act.pending().get()
                                                        on:click=move |_| { act.dispatch((id, None)); }>"Delete"</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
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
