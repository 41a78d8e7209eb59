//! The start page.

use leptos::prelude::*;
use leptos_meta::Title;

/// How many recent chats the start page lists.
const RECENT_CHATS: usize = 5;

/// The start page. A member gets a composer to start a chat and their most recent chats; a
/// visitor a welcome and the way in ("Create the admin account" on a fresh instance).
#[component]
pub fn HomePage() -> impl IntoView {
    let user = crate::accounts::use_current_user();
    let version = crate::chats::use_chat_list_version();
    let models = crate::ui::page_resource(|| (), |_| crate::connections::list_models(false));
    let recent = crate::ui::page_resource(
        move || version.0.get(),
        |_| crate::chats::list_chats(String::new(), None),
    );
    let first = crate::ui::page_resource(|| (), |_| crate::accounts::first_run());
    view! {
        <Title text=""/>
        <section class="welcome">
            <Suspense fallback=|| view! { <h1>{t!("home-welcome-chatshare")}</h1> }>
                {move || Suspend::new(async move {
                    let fresh = first.await.unwrap_or(false);
                    let visitor = move || {
                        view! {
                            <h1>{t!("home-welcome-chatshare")}</h1>
                            <p class="lead">
                                {t!("home-intro")}
                            </p>
                            <p>
                                {if fresh {
                                    view! { <a class="button" href="/auth?mode=signup">{t!("home-create-admin-account")}</a> }.into_any()
                                } else {
                                    view! { <a class="button" href="/auth">{t!("home-sign-in-or-up")}</a> }.into_any()
                                }}
                            </p>
                        }
                        .into_any()
                    };
                    let u = match crate::accounts::member_or(user.0.await, visitor) {
                        Ok(u) => u,
                        Err(instead) => return instead,
                    };
                    let menu = models.await.unwrap_or(crate::connections::ModelMenu {
                        models: Vec::new(),
                        has_connections: false,
                        problems: Vec::new(),
                        default_model: None,
                    });
                    let mut chats = recent.await.unwrap_or_default();
                    chats.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
                    chats.truncate(RECENT_CHATS);
                    view! {
                        <h1 data-testid="greeting">{t!("home-hello", name = u.name.clone())}</h1>
                        <p class="muted">{t!("home-start")}</p>
                        <crate::chats::NewChatComposer menu is_admin=u.is_admin()/>
                        {(!chats.is_empty()).then(|| view! {
                            <h2 class="recent-heading">{t!("home-recent-chats")}</h2>
                            <ul class="recent-chats">
                                {chats.into_iter().map(|c| view! {
                                    <li>
                                        <a href=format!("/c/{}", c.id)>{c.title}</a>
                                        <crate::ui::Time at=c.updated_at attr:class="muted"/>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
