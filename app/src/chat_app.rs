//! The chat app's code as one lazily loaded WASM chunk: the start page, the chat page, the
//! sidebar's chat list, and "Shared with me" ("My shared links" is in Settings' chunk, with
//! the list Settings › Data shows). One split point for all of them, because they are used together:
//! separate chunks share so much code that the splitter cut it into dozens of small files (49
//! requests for a chat page). The Share modal (with its audience picker, password and requests)
//! is a chunk of its own that loads when someone first shares: most chat page visits never do.
//! The shared page and the sign-in page never load any of it; the Admin Panel and Settings are
//! chunks of their own (and show the sidebar from this one).

use leptos::prelude::*;
use uuid::Uuid;

use crate::chats::ChatSummary;

/// A part of the chat app to show.
pub enum Part {
    /// The start page (`/`).
    Home,
    /// A chat (`/c/{id}`).
    Chat,
    /// "Shared with me" (`/shared`).
    SharedWithMe,

    /// The sidebar: "New Chat", search and the chat list.
    Sidebar,
    /// The sidebar's chat list, grouped by date.
    ChatList {
        /// The chats, pinned first, newest first.
        list: Vec<ChatSummary>,
        /// The time the date groups count from, and the reader's zone (seconds east of UTC).
        now: (i64, i64),
        /// Whether the ⋯ menus offer Share.
        can_share: bool,
        /// The chat whose Share modal is open.
        sharing: RwSignal<Option<Uuid>>,
    },
    /// The list of keyboard shortcuts (Ctrl/⌘+/), closed by `on_close`.
    ShortcutList {
        /// Closes the list.
        on_close: Callback<()>,
    },
    /// Not a view: copies the last answer or code block (a keyboard shortcut) and shows nothing.
    Copy(crate::shortcuts::Copying),
}

/// The split point: builds `part` where its code lives (in the browser, after loading the
/// chunk on first use; the server has already asked for it when it rendered any part).
#[lazy]
pub fn view(part: Part) -> AnyView {
    provide_context(crate::chats::ShellParts {
        share_dialog: |chat_id, on_close| view! { <LazyShareModal chat_id on_close/> }.into_any(),
        chat_list,
        sidebar_counts: || Box::pin(crate::share::inbox::inbox_counts()),
        sidebar_entries: crate::share::sidebar_entries,
        sidebar_folders: || view! { <crate::folders::FolderSidebarSection/> }.into_any(),
    });
    match part {
        Part::Home => crate::home::HomePage().into_any(),
        Part::Chat => crate::chats::ChatPage().into_any(),
        Part::SharedWithMe => view! {
            <crate::share::SharedWithMePage>
                <crate::folders::components::SharedFoldersList/>
            </crate::share::SharedWithMePage>
        }
        .into_any(),
        Part::Sidebar => crate::chats::ChatSidebar().into_any(),
        Part::ChatList {
            list,
            now,
            can_share,
            sharing,
        } => crate::chats::chat_list(list, now, can_share, sharing),
        Part::ShortcutList { on_close } => crate::shortcuts::list_view(on_close),
        Part::Copy(copying) => {
            crate::shortcuts::copy_last(copying);
            ().into_any()
        }
    }
}

/// The sidebar's chat list through the split point (the code is there once the sidebar is).
fn chat_list(
    list: Vec<ChatSummary>,
    now: (i64, i64),
    can_share: bool,
    sharing: RwSignal<Option<Uuid>>,
) -> crate::chats::ChatListView {
    Box::pin(view(Part::ChatList {
        list,
        now,
        can_share,
        sharing,
    }))
}

/// Whether the chunk's code is in memory (always on the server).
static LOADED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(cfg!(not(target_arch = "wasm32")));

/// Loads the chunk (no effect on the server). The browser calls it before hydrating a page the
/// server rendered with a part of the chat app outside a lazy route (the sidebar): such a part
/// must be in memory by then; lazy routes wait for their code by themselves.
pub async fn load_code() {
    #[cfg(target_arch = "wasm32")]
    __preload_view().await;
    LOADED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The sidebar, built at once when the chunk is in memory (on the server, and in the browser
/// when the page it hydrates shows a sidebar: see [`load_code`]); otherwise (a shared page
/// navigated to a chat) once the chunk has loaded. Built synchronously, not in a `Suspend`, so
/// its resources and suspense boundary hydrate in the order the server wrote them.
pub fn sidebar() -> impl IntoView {
    let loaded = RwSignal::new(LOADED.load(std::sync::atomic::Ordering::Relaxed));
    if !loaded.get_untracked() {
        leptos::task::spawn_local(async move {
            load_code().await;
            loaded.set(true);
        });
    }
    move || loaded.get().then(|| ready_now(view(Part::Sidebar))).flatten()
}

/// The value of `future` if it is ready on its first poll: a split point's function is, once
/// its chunk is loaded.
fn ready_now<T>(future: impl std::future::Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
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
chat_app_route!(
    /// `/shared`: the chats others shared with me.
    SharedWithMeRoute => Part::SharedWithMe
);
/// `/folders/{id}`: a folder's page. Its code is in the Share dialog's chunk (it shares a
/// folder with the Share Chat dialog's audience picker): the chat app's pages do not carry it.
pub struct FolderRoute;

impl leptos_router::LazyRoute for FolderRoute {
    fn data() -> Self {
        FolderRoute
    }

    async fn view(_this: Self) -> AnyView {
        share_modal(SharingPart::FolderPage).await
    }

    async fn preload() {
        load_code().await;
        #[cfg(target_arch = "wasm32")]
        __preload_share_modal().await;
    }
}

/// The Share Chat modal, with its code loaded on first use: a chunk of its own, so a page that
/// never shares does not carry it. Until the chunk has arrived, the dialog shows "Loading…".
/// (It lives here, not in `share`, and reaches the chat UI as [`crate::chats::ShellParts`], so
/// that the chat UI opens it without importing the share feature or the shell.)
#[component]
pub fn LazyShareModal(
    /// The chat to share.
    chat_id: Uuid,
    /// Closes the modal.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <div class="modal-backdrop"><p class="muted">{t!("common-loading")}</p></div> }>
            {Suspend::new(share_modal(SharingPart::Chat { chat_id, on_close }))}
        </Suspense>
    }
}

/// What the Share dialog's chunk shows.
pub enum SharingPart {
    /// The Share Chat dialog.
    Chat {
        /// The chat to share.
        chat_id: Uuid,
        /// Closes the modal.
        on_close: Callback<()>,
    },
    /// A folder's page, with its Share dialog.
    FolderPage,
}

/// The Share dialog's split point: the Share Chat dialog, and the folder pages that share a
/// folder with its audience picker.
#[lazy]
fn share_modal(part: SharingPart) -> AnyView {
    match part {
        SharingPart::Chat { chat_id, on_close } => {
            view! { <crate::share::ShareModal chat_id on_close/> }.into_any()
        }
        SharingPart::FolderPage => crate::folders::FolderPageView().into_any(),
    }
}
