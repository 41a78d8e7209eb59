//! `/folders/{id}`: a folder's page. Its chats with their owners, who wrote in them and when
//! they changed (unread ones marked); for its owner also its system prompt, its name, Share
//! (the privacy check over its chats first, then the link dialog's audience picker), a switch
//! per chat to keep it out of the folder's reach, and Delete (keeping the chats or not).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::{
    change_folders, folder_audience, folder_page, folder_privacy, share_folder, FolderChange, FolderChatItem,
    FolderPageData,
};
use crate::error::AppError;
use crate::share::GrantPermission;
use crate::ui::{Modal, Time};

/// `/folders/{id}`: the folder's page, for its owner and those it is shared with.
#[component]
pub fn FolderPageView() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let version = RwSignal::new(0u32);
    let page = crate::ui::page_resource(
        move || (id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => folder_page(id).await,
                None => Err(AppError::NotFound("Folder not found.".to_owned())),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let here = id().map(|i| format!("/folders/{i}")).unwrap_or_default();
                if let Err(instead) = crate::accounts::member_or(user.0.await, || crate::accounts::sign_in_redirect(&here)) {
                    return instead;
                }
                match page.await {
                    Ok(p) => view! { <FolderView page=p version/> }.into_any(),
                    Err(e) => view! {
                        <Title text="Folder"/>
                        <h1>"Folder"</h1>
                        <p class="status-error" role="alert">{e.said()}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The folder's page once loaded.
#[component]
fn FolderView(page: FolderPageData, version: RwSignal<u32>) -> impl IntoView {
    let FolderPageData {
        id,
        name,
        owner_name,
        manage,
        system_prompt,
        chats,
        grants,
        can_share,
    } = page;
    let list = crate::chats::use_chat_list_version();
    let toast = crate::ui::use_toast();
    let sharing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(name.clone());
    let prompt = RwSignal::new(system_prompt);
    let write = chats.folder_permission == GrantPermission::Write;
    let rename = Action::new(move |n: &String| {
        let n = n.clone();
        async move {
            match change_folders(FolderChange::Rename { id, name: n }).await {
                Ok(_) => {
                    renaming.set(false);
                    version.update(|v| *v += 1);
                    list.bump();
                }
                Err(e) => toast.show(e.said()),
            }
        }
    });
    let save_prompt = Action::new(move |p: &String| {
        let p = p.clone();
        async move {
            match change_folders(FolderChange::SetPrompt { id, system_prompt: p }).await {
                Ok(()) => toast.show("Saved. New chats in this folder start with this system prompt."),
                Err(e) => toast.show(e.said()),
            }
        }
    });
    let who = if manage {
        match grants.len() {
            0 => "Only you can see this folder.".to_owned(),
            _ => "Shared: the people it is shared with read its chats as they are now.".to_owned(),
        }
    } else if write {
        format!("{owner_name} shared this folder with you. You can read its chats, continue them and add your own.")
    } else {
        format!("{owner_name} shared this folder with you. You can read its chats.")
    };
    let title = name.clone();
    view! {
        <Title text=title/>
        <div class="folder-page">
            <div class="folder-head">
                <Show when=move || renaming.get() fallback={
                    let name = name.clone();
                    move || view! { <h1>{name.clone()}</h1> }
                }>
                    <form class="rename-form" on:submit=move |ev| { ev.prevent_default(); rename.dispatch(new_name.get_untracked()); }>
                        <input type="text" aria-label="Folder name" maxlength="255" required bind:value=new_name/>
                        <button type="submit" class="button primary">"Save"</button>
                        <button type="button" class="button secondary" on:click=move |_| renaming.set(false)>"Cancel"</button>
                    </form>
                </Show>
                {manage.then(|| view! {
                    <div class="folder-actions">
                        <button type="button" class="button secondary" on:click=move |_| renaming.set(true)>"Rename"</button>
                        {can_share.then(|| view! {
                            <button type="button" class="button primary" on:click=move |_| sharing.set(true)>"Share"</button>
                        })}
                        <button type="button" class="button secondary danger" on:click=move |_| deleting.set(true)>"Delete"</button>
                    </div>
                })}
            </div>
            <p class="muted">{who}</p>
            {manage.then(|| view! {
                <a class="button secondary folder-new-chat" href=format!("/?folder={id}")>"+ New chat in this folder"</a>
            })}
            {write.then(|| view! { <AddChat id version/> })}
            <h2>"Chats"</h2>
            {if chats.chats.is_empty() {
                view! { <p class="muted">"No chats here yet. Drag a chat from the sidebar onto this folder's name."</p> }.into_any()
            } else {
                view! {
                    <ul class="inbox-list folder-chats">
                        {chats.chats.into_iter().map(|c| view! { <ChatRow chat=c manage version/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {manage.then(|| view! {
                <section class="panel folder-settings" aria-labelledby="folder-settings-title">
                    <h2 id="folder-settings-title">"Project settings"</h2>
                    <form on:submit=move |ev| { ev.prevent_default(); save_prompt.dispatch(prompt.get_untracked()); }>
                        <label for="folder-prompt">"System prompt for new chats in this folder"</label>
                        <textarea id="folder-prompt" rows="4" maxlength="20000" bind:value=prompt></textarea>
                        <p class="muted">"It is kept with each chat started here and never shown to the people you share the folder with."</p>
                        <button type="submit" class="button secondary">"Save"</button>
                    </form>
                </section>
            })}
        </div>
        <Show when=move || sharing.get()>
            <ShareFolderDialog id on_close=move |_| { sharing.set(false); version.update(|v| *v += 1); list.bump(); }/>
        </Show>
        <Show when=move || deleting.get()>
            <DeleteFolderDialog id on_close=move |_| deleting.set(false)/>
        </Show>
    }
}

/// One chat of a folder's page.
#[component]
fn ChatRow(chat: FolderChatItem, manage: bool, version: RwSignal<u32>) -> impl IntoView {
    let FolderChatItem {
        id,
        title,
        owner_name,
        updated_at,
        readonly,
        unread,
        participants,
        mine,
        private,
        ..
    } = chat;
    let others: Vec<String> = participants.iter().skip(1).map(|p| p.name.clone()).collect();
    let toast = crate::ui::use_toast();
    let private = RwSignal::new(private);
    let keep = Action::new(move |on: &bool| {
        let on = *on;
        async move {
            match change_folders(FolderChange::KeepPrivate {
                chat_id: id,
                private: on,
            })
            .await
            {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => toast.show(e.said()),
            }
        }
    });
    view! {
        <li class="inbox-item" class=("unread", unread)>
            <div class="inbox-line">
                <a class="inbox-title" href=format!("/c/{id}")>{title}</a>
                {unread.then(|| view! { <span class="badge badge-new">"New"</span> })}
                {readonly.then(|| view! { <span class="badge">"Read only"</span> })}
            </div>
            <p class="muted inbox-meta">
                {owner_name}
                {(!others.is_empty()).then(|| format!(" with {}", others.join(", ")))}
                " · changed "<Time at=updated_at/>
            </p>
            {(manage && mine).then(|| view! {
                <label class="setting-inline">
                    <input type="checkbox" prop:checked=move || private.get() on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        private.set(on);
                        keep.dispatch(on);
                    }/>
                    "Not shared with the folder"
                </label>
            })}
        </li>
    }
}

/// Share a folder: first the privacy check over its chats (findings per chat, each chat can be
/// kept out), then who can open it (the link dialog's picker). Nothing is shared before Save.
#[component]
pub fn ShareFolderDialog(id: Uuid, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let checked = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let toast = crate::ui::use_toast();
    let findings = Resource::new(|| (), move |_| folder_privacy(id));
    let audience = Resource::new(|| (), move |_| folder_audience(id));
    let save = Callback::new(move |grants: Vec<crate::share::AccessGrant>| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match share_folder(id, grants).await {
                Ok(g) => {
                    toast.show(if g.is_empty() {
                        "The folder is private again."
                    } else {
                        "Folder shared."
                    });
                    on_close.run(());
                }
                Err(e) => toast.show(e.said()),
            }
            busy.set(false);
        });
    });
    view! {
        <Modal title="Share folder" on_close>
            <Suspense fallback=|| view! { <p class="muted">"Checking its chats…"</p> }>
                {move || Suspend::new(async move {
                    let report = match findings.await {
                        Ok(r) => r,
                        Err(e) => return view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                    };
                    let flagged: Vec<_> = report.iter().filter(|c| !c.findings.is_empty()).cloned().collect();
                    let total = report.len();
                    view! {
                        <section class="folder-review" aria-labelledby="folder-review-title">
                            <h3 id="folder-review-title">"Privacy check"</h3>
                            <p class="muted">{format!("{total} of your chats are in this folder. The people you share it with read each one as it is now; masks and choices on a chat's own link don't apply here.")}</p>
                            {if flagged.is_empty() {
                                view! { <p class="status-ok">"Nothing that looks private was found."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="folder-findings">
                                        {flagged.into_iter().map(|c| {
                                            let chat = c.chat_id;
                                            let private = RwSignal::new(c.private);
                                            view! {
                                                <li>
                                                    <strong>{c.title}</strong>
                                                    <ul>{c.findings.into_iter().map(|(kind, text)| view! { <li><span class="badge">{kind}</span>" "<code>{text}</code></li> }).collect_view()}</ul>
                                                    <label class="setting-inline">
                                                        <input type="checkbox" prop:checked=move || private.get() on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            private.set(on);
                                                            leptos::task::spawn_local(async move { let _ = change_folders(FolderChange::KeepPrivate { chat_id: chat, private: on }).await; });
                                                        }/>
                                                        "Keep this chat out of the folder's share"
                                                    </label>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <Show when=move || !checked.get()>
                                <div class="dialog-actions">
                                    <button type="button" class="button primary" on:click=move |_| checked.set(true)>"Continue"</button>
                                </div>
                            </Show>
                        </section>
                    }.into_any()
                })}
            </Suspense>
            <Show when=move || checked.get()>
                <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match audience.await {
                            Ok(a) => view! { <crate::share::FolderAudiencePicker audience=a save busy/> }.into_any(),
                            Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                        }
                    })}
                </Suspense>
            </Show>
        </Modal>
    }
}

/// Delete a folder: its chats go with it, or move out of it.
#[component]
fn DeleteFolderDialog(id: Uuid, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let keep = RwSignal::new(true);
    let toast = crate::ui::use_toast();
    let list = crate::chats::use_chat_list_version();
    let navigate = leptos_router::hooks::use_navigate();
    let delete = Action::new(move |keep_chats: &bool| {
        let delete_chats = !*keep_chats;
        let navigate = navigate.clone();
        async move {
            match change_folders(FolderChange::Delete { id, delete_chats }).await {
                Ok(()) => {
                    list.bump();
                    navigate("/", Default::default());
                }
                Err(e) => toast.show(e.said()),
            }
        }
    });
    view! {
        <Modal title="Delete folder" on_close>
            <p>"The folder and the folders in it are deleted, and whoever it was shared with loses it."</p>
            <fieldset>
                <legend>"Its chats"</legend>
                <label class="audience-choice">
                    <input type="radio" name="folder-chats" prop:checked=move || keep.get() on:change=move |_| keep.set(true)/>
                    "Keep them (they move out of the folder)"
                </label>
                <label class="audience-choice">
                    <input type="radio" name="folder-chats" prop:checked=move || !keep.get() on:change=move |_| keep.set(false)/>
                    "Delete them too"
                </label>
            </fieldset>
            <div class="dialog-actions">
                <button type="button" class="button secondary" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="button" class="button danger" on:click=move |_| { delete.dispatch(keep.get_untracked()); }>"Delete folder"</button>
            </div>
        </Modal>
    }
}

/// Puts one of the caller's chats (those in no folder) into the folder: the keyboard's way to
/// do what dragging a chat onto the folder does.
#[component]
fn AddChat(id: Uuid, version: RwSignal<u32>) -> impl IntoView {
    let list = crate::chats::use_chat_list_version();
    let toast = crate::ui::use_toast();
    let loose = Resource::new(|| (), |_| crate::chats::list_chats(String::new(), Some(200)));
    let picked = RwSignal::new(String::new());
    let add = Action::new(move |chat: &String| {
        let chat = Uuid::parse_str(chat).ok();
        async move {
            let Some(chat) = chat else { return };
            match change_folders(FolderChange::MoveChat {
                chat_id: chat,
                folder_id: Some(id),
            })
            .await
            {
                Ok(()) => {
                    version.update(|v| *v += 1);
                    list.bump();
                }
                Err(e) => toast.show(e.said()),
            }
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let chats = loose.await.unwrap_or_default();
                (!chats.is_empty()).then(|| view! {
                    <form class="folder-add-chat" on:submit=move |ev| { ev.prevent_default(); add.dispatch(picked.get_untracked()); }>
                        <label for="folder-add-chat">"Add one of your chats"</label>
                        <div class="row">
                            <select id="folder-add-chat" on:change=move |ev| picked.set(event_target_value(&ev))>
                                <option value="">"Pick a chat"</option>
                                {chats.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.title}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button secondary">"Add"</button>
                        </div>
                    </form>
                })
            })}
        </Suspense>
    }
}
