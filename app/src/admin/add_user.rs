//! Admin Panel → Users → "Add user": an account made by an administrator, with its first
//! password and role (Open WebUI's Add User).

use leptos::prelude::*;

use super::admin_add_user;
use crate::accounts::Role;
use crate::ui::{use_toast, Modal};

/// The "Add user" button and its dialog; `reload` is bumped once the account exists.
#[component]
pub fn AddUser(
    /// Bumped to reload the users' list.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let ready = crate::ui::use_client_ready();
    let toast = use_toast();
    let (name, email, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let role = RwSignal::new(Role::User.as_str().to_owned());
    let add = Action::new(move |_: &()| {
        let (n, e, p, r) = (
            name.get_untracked(),
            email.get_untracked(),
            password.get_untracked(),
            role.get_untracked(),
        );
        async move {
            let added = admin_add_user(n, e, p, r).await;
            if added.is_ok() {
                open.set(false);
                name.set(String::new());
                email.set(String::new());
                password.set(String::new());
                toast.show("User added.");
                reload.update(|v| *v += 1);
            }
            added
        }
    });
    let error = move || add.value().get().and_then(|r| r.err()).map(|e| e.said());
    view! {
        <button type="button" class="button" disabled=move || !ready.get() on:click=move |_| open.set(true)>"Add user"</button>
        <Show when=move || open.get()>
            <Modal title="Add user" on_close=move || open.set(false)>
                <form class="stack" on:submit=move |ev| { ev.prevent_default(); add.dispatch(()); }>
                    <label for="add-user-name">"Name"</label>
                    <input id="add-user-name" type="text" required maxlength="100" autocomplete="off" bind:value=name/>
                    <label for="add-user-email">"Email"</label>
                    <input id="add-user-email" type="email" required autocomplete="off" bind:value=email/>
                    <label for="add-user-password">"Password"</label>
                    <input id="add-user-password" type="password" required minlength="8" autocomplete="new-password" bind:value=password/>
                    <label for="add-user-role">"Role"</label>
                    <select id="add-user-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == Role::User>{r.as_str()}</option> }).collect_view()}
                    </select>
                    <p class="status-error" role="alert">{error}</p>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                        <button type="submit" class="button" disabled=move || add.pending().get()>"Add user"</button>
                    </div>
                </form>
            </Modal>
        </Show>
    }
}
