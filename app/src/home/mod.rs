//! The start page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::system::get_system_info;

/// The start page: a welcome and a live check of the server and its database.
#[component]
pub fn HomePage() -> impl IntoView {
    let check = Action::new(|_: &()| get_system_info());
    let result = check.value();
    view! {
        <Title text=""/>
        <section class="welcome">
            <h1>"Welcome to chatshare"</h1>
            <p class="lead">
                "A self-hosted chat workspace. Share any conversation as a link, update it or revoke it later, and let colleagues open it read-only."
            </p>
            <HomeGreeting/>
            <div class="panel">
                <h2>"Server status"</h2>
                <button
                    type="button"
                    class="button"
                    disabled=move || check.pending().get()
                    on:click=move |_| {
                        check.dispatch(());
                    }
                >
                    {move || if check.pending().get() { "Checking…" } else { "Check server" }}
                </button>
                <div aria-live="polite">
                    {move || {
                        result
                            .get()
                            .map(|r| match r {
                                Ok(info) => {
                                    view! {
                                        <p class="status-ok" data-testid="system-info">
                                            {match &info.details {
                                                Some(d) => format!(
                                                    "{} {} is up · database: {} · {} migrations applied · {} accounts",
                                                    info.name,
                                                    info.version,
                                                    d.database,
                                                    d.migrations_applied,
                                                    d.users,
                                                ),
                                                None => format!("{} {} is up · the database answers", info.name, info.version),
                                            }}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Err(e) => {
                                    view! { <p class="status-error" role="alert">{e.detail()}</p> }
                                        .into_any()
                                }
                            })
                    }}
                </div>
            </div>
        </section>
    }
}

/// Greets the signed-in user, or invites a visitor to sign in; a pending account sees the
/// approval notice.
#[component]
fn HomeGreeting() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let models = Resource::new(|| (), |_| crate::connections::list_models(false));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let menu = models.await.unwrap_or(crate::connections::ModelMenu {
                    models: Vec::new(),
                    has_connections: false,
                    problems: Vec::new(),
                });
                let sign_in = || view! { <p><a class="button" href="/auth">"Sign in or create an account"</a></p> }.into_any();
                match crate::accounts::member_or(user.0.await, sign_in) {
                    Ok(u) => {
                        view! {
                            <p data-testid="greeting">{format!("Signed in as {}.", u.name)}</p>
                            <crate::chats::NewChatComposer menu is_admin=u.is_admin()/>
                        }.into_any()
                    }
                    Err(instead) => instead,
                }
            })}
        </Suspense>
    }
}
