//! `/chats/upload`: the receiving side of "Share to Community", written by the server as plain
//! HTML with one small script, `public/community-upload.js` (no WASM). The script tells the tab
//! that opened the page `'loaded'`, takes `{chat, models}` (an object, or Open WebUI's JSON
//! string) only from that tab and only when its origin is this instance's or one the admin
//! allows (`data-allowed`), keeps it in this tab's session storage (so it survives signing in),
//! shows it, and fills the publish form's hidden fields. The form is a plain POST to
//! `/chats/upload`: the server publishes and answers with the chat's page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{community_upload_info, Access};

/// The upload page.
#[component]
pub fn UploadPage() -> impl IntoView {
    let error = use_query_map()
        .read_untracked()
        .get("error")
        .and_then(|c| crate::error::notice_message(&c));
    view! {
        <Title text="Share to the community"/>
        <Meta name="robots" content="noindex, nofollow"/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match community_upload_info().await {
                        Err(e) => {
                            crate::ui::set_page_status(e.status());
                            view! {
                                <section class="panel">
                                    <h1>"Not available"</h1>
                                    <p>{e.said()}</p>
                                </section>
                            }.into_any()
                        }
                        Ok(i) => {
                            let allowed = serde_json::to_string(&i.allowed_origins).unwrap_or_else(|_| "[]".to_owned());
                            view! {
                                <section class="community upload" id="community-upload" data-allowed=allowed>
                                    <header class="community-head">
                                        <h1>"Share to the community"</h1>
                                    </header>
                                    <p id="upload-status" role="status">
                                        "Waiting for the chat… Open this page from a chat's Share dialog (“Share to Open WebUI Community”) on this instance or on one its administrator allows."
                                    </p>
                                    <noscript><p class="status-warn">"This page needs JavaScript to receive the chat from the tab that opened it."</p></noscript>
                                    <p class="status-error" role="alert">{error}</p>
                                    {if i.signed_in { publish_form().into_any() } else { sign_in().into_any() }}
                                    <h2 id="upload-title" class="preview-title" hidden></h2>
                                    <ol id="upload-preview" class="messages"></ol>
                                </section>
                                <script src="/community-upload.js" defer></script>
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// For a visitor: sign in first (the chat waits in the tab).
fn sign_in() -> impl IntoView {
    view! {
        <div id="upload-sign-in" hidden>
            <p>"Sign in to this instance to publish it: it stays in this tab while you do."</p>
            <a class="button" href="/auth?redirect=%2Fchats%2Fupload">"Sign in to publish"</a>
        </div>
    }
}

/// For a member: who can see it, tags, "Publish" (shown once a chat arrived).
fn publish_form() -> impl IntoView {
    view! {
        <form method="post" action="/chats/upload" id="upload-form" class="plain-form community-permission" hidden>
            <input type="hidden" name="chat"/>
            <input type="hidden" name="models"/>
            <input type="hidden" name="source"/>
            <fieldset>
                <legend>"Who can see it"</legend>
                {Access::ALL.into_iter().map(|a| {
                    let field = format!("access-{}", a.as_str());
                    let label_for = field.clone();
                    let explain = format!("{field}-means");
                    view! {
                        <label for=label_for class="radio">
                            <input type="radio" id=field name="access" value=a.as_str() checked=a == Access::Private aria-describedby=explain.clone()/>
                            {a.label()}
                        </label>
                        <p class="muted access-explain" id=explain>{a.explain()}</p>
                    }
                }).collect_view()}
            </fieldset>
            <label for="community-tags">"Tags"</label>
            <input id="community-tags" type="text" name="tags" placeholder="bread, baking"/>
            <div class="row">
                <button type="submit" class="button">"Publish"</button>
            </div>
        </form>
    }
}
