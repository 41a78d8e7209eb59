//! The chat app's code as one lazily loaded WASM chunk: the start page, the chat page, the
//! sidebar's chat list and the Share modal. One split point for all of them, because they are
//! used together: separate chunks share so much code that the splitter cut it into dozens of
//! small files (49 requests for a chat page). The shared page and the sign-in page never load it;
//! the Admin Panel and Settings are chunks of their own.

use leptos::prelude::*;
use uuid::Uuid;

use crate::chats::ChatSummary;

/// A part of the chat app to show.
pub enum Part {
    /// The start page (`/`).
    Home,
    /// A chat (`/c/{id}`).
    Chat,
    /// The sidebar's chat list, grouped by date.
    ChatList {
        /// The chats, pinned first, newest first.
        list: Vec<ChatSummary>,
        /// The time the date groups count from.
        now: i64,
        /// Whether the ⋯ menus offer Share.
        can_share: bool,
        /// The chat whose Share modal is open.
        sharing: RwSignal<Option<Uuid>>,
    },
    /// The Share Chat modal.
    ShareModal {
        /// The chat to share.
        chat_id: Uuid,
        /// Closes the modal.
        on_close: Callback<()>,
    },
}

/// The split point: builds `part` where its code lives (in the browser, after loading the
/// chunk on first use; the server has already asked for it when it rendered any part).
#[lazy]
pub fn view(part: Part) -> AnyView {
    match part {
        Part::Home => crate::home::HomePage().into_any(),
        Part::Chat => crate::chats::ChatPage().into_any(),
        Part::ChatList {
            list,
            now,
            can_share,
            sharing,
        } => crate::chats::chat_list(list, now, can_share, sharing),
        Part::ShareModal { chat_id, on_close } => {
            view! { <crate::share::ShareModal chat_id on_close/> }.into_any()
        }
    }
}

/// Loads the chunk (no effect on the server). The browser calls it before hydrating a page the
/// server rendered with a part of the chat app inside a suspense boundary (the sidebar's list):
/// such a part must be in memory by then; lazy routes wait for their code by themselves.
pub async fn load_code() {
    #[cfg(target_arch = "wasm32")]
    __preload_view().await;
}

/// Declares `$route`, a route showing `$part` of the chat app.
macro_rules! chat_app_route {
    ($(#[$doc:meta])* $route:ident => $part:expr) => {
        $(#[$doc])*
        pub struct $route;

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                view($part).await
            }

            async fn preload() {
                load_code().await
            }
        }
    };
}

chat_app_route!(
    /// `/`: the start page.
    HomeRoute => Part::Home
);
chat_app_route!(
    /// `/c/{id}`: a chat.
    ChatRoute => Part::Chat
);
