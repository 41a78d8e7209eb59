//! The Share modal's audience picker: who can open the link. "Only me", "Specific people"
//! (a filtered list of members), "Everyone on this instance" (what a new link starts with, when
//! the administrator allows it) and "Anyone with the link" (when allowed), and for people and
//! members "Let them continue the chat" (a live link with write grants); folded beside them,
//! the expiry and the password. Nothing saves on its own: the choices are a [`LinkDraft`] that
//! Copy Link (or Update and Copy Link) sends with the link, so a new link is made with them and
//! never exists, even for a moment, open to readers its owner did not choose.

use std::collections::BTreeSet;

use leptos::prelude::*;
use uuid::Uuid;

use super::link_options::{ExpiryDraft, LinkOptions};
use super::{
    access_requests, answer_access_request, get_share_audience, AccessGrant, AccessRequest, ExpiryChoice,
    GrantPermission, LinkAudience, Person, PrincipalType, ShareAudience, ANY,
};

/// Who can open a link, as the picker shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    OnlyMe,
    People,
    Members,
    Anyone,
}

impl Audience {
    /// The audience that `grants` amount to (the widest one they hold).
    fn of(grants: &[AccessGrant]) -> Audience {
        let has = |t: PrincipalType| {
            grants
                .iter()
                .any(|g| g.principal_type == t && g.principal_id == ANY)
        };
        if has(PrincipalType::Anyone) {
            Audience::Anyone
        } else if has(PrincipalType::User) {
            Audience::Members
        } else if grants.is_empty() {
            Audience::OnlyMe
        } else {
            Audience::People
        }
    }

    /// Who can open the link (or, for `folder`, the folder and its chats), in words.
    fn what_it_means(self, folder: bool) -> String {
        let what = if folder { "folder" } else { "link" };
        match self {
            Audience::OnlyMe => t!("share-audience-only-me", what = what),
            Audience::People => t!("share-audience-people", what = what),
            Audience::Members => t!("share-audience-members", what = what),
            Audience::Anyone => t!("share-audience-anyone", what = what),
        }
    }
}

fn grant(t: PrincipalType, id: &str, permission: GrantPermission) -> AccessGrant {
    AccessGrant {
        id: Uuid::nil(),
        principal_type: t,
        principal_id: id.to_owned(),
        permission,
    }
}

impl Audience {
    /// Whether this audience's members can be let continue the chat (they have accounts).
    fn can_continue(self) -> bool {
        matches!(self, Audience::People | Audience::Members)
    }
}

/// The grants for `audience` (with `people` picked for "Specific people"); `live` makes them
/// write grants, where the audience can continue the chat.
fn grants_for(audience: Audience, people: &BTreeSet<(bool, Uuid)>, live: bool) -> Vec<AccessGrant> {
    let p = if live && audience.can_continue() {
        GrantPermission::Write
    } else {
        GrantPermission::Read
    };
    let one = |t, id: &str| grant(t, id, p);
    match audience {
        Audience::OnlyMe => Vec::new(),
        Audience::People => people
            .iter()
            .map(|(is_group, id)| {
                let t = if *is_group {
                    PrincipalType::Group
                } else {
                    PrincipalType::User
                };
                one(t, &id.to_string())
            })
            .collect(),
        Audience::Members => vec![one(PrincipalType::User, ANY)],
        Audience::Anyone => vec![one(PrincipalType::Anyone, ANY)],
    }
}

/// The people and groups picked: (is a group, id).
type Picked = BTreeSet<(bool, Uuid)>;

/// The Share dialog's choices for the link, held until Copy Link sends them.
#[derive(Clone, Copy)]
pub(super) struct LinkDraft {
    /// Whether the choices have loaded (Copy Link waits for them).
    pub loaded: RwSignal<bool>,
    chosen: RwSignal<Audience>,
    /// Who is picked for "Specific people": (is a group, id).
    picked: RwSignal<BTreeSet<(bool, Uuid)>>,
    live: RwSignal<bool>,
    /// The expiry picked.
    pub(super) expiry: ExpiryDraft,
    /// A new password typed (empty: none).
    pub(super) password: RwSignal<String>,
    /// Whether the link's password is to go.
    pub(super) remove_password: RwSignal<bool>,
    /// Who the link is for now: (audience, people, live); `None` before it exists.
    saved: RwSignal<Option<(Audience, Picked, bool)>>,
    /// Whether "Expiry and password" is unfolded (kept when the choices are read again).
    pub(super) options_open: RwSignal<bool>,
    /// Whether the link was just saved (or deleted): the next load starts every choice afresh.
    /// Other loads (a request for access answered) keep a typed password and a picked expiry.
    fresh: RwSignal<bool>,
}

/// What Copy Link sends beside the review's choices.
pub(super) struct DraftRequest {
    pub audience: LinkAudience,
    pub expiry: Option<ExpiryChoice>,
    pub password: Option<String>,
    pub remove_password: bool,
}

impl LinkDraft {
    pub fn new() -> Self {
        LinkDraft {
            loaded: RwSignal::new(false),
            chosen: RwSignal::new(Audience::OnlyMe),
            picked: RwSignal::new(BTreeSet::new()),
            live: RwSignal::new(false),
            expiry: ExpiryDraft::new(),
            password: RwSignal::new(String::new()),
            remove_password: RwSignal::new(false),
            saved: RwSignal::new(None),
            fresh: RwSignal::new(true),
            options_open: RwSignal::new(false),
        }
    }

    /// The link was saved or deleted: the next load starts every choice from what it has now.
    pub fn saved_now(&self) {
        self.fresh.set(true);
    }

    /// Starts from what the link has, or for a chat without a link from the instance's
    /// default: every member when the administrator allows such links, otherwise only me.
    fn load(&self, a: &ShareAudience, has_link: bool) {
        let picked: BTreeSet<(bool, Uuid)> = a
            .grants
            .iter()
            .filter(|g| matches!(g.principal_type, PrincipalType::User | PrincipalType::Group))
            .filter_map(|g| {
                let id = Uuid::parse_str(&g.principal_id).ok()?;
                Some((g.principal_type == PrincipalType::Group, id))
            })
            .collect();
        let chosen = if has_link {
            Audience::of(&a.grants)
        } else if a.members_allowed {
            Audience::Members
        } else {
            Audience::OnlyMe
        };
        self.chosen.set(chosen);
        self.picked.set(picked.clone());
        self.live.set(a.live);
        if self.fresh.get_untracked() || !self.loaded.get_untracked() {
            self.expiry.reset();
            self.password.set(String::new());
            self.remove_password.set(false);
            self.fresh.set(false);
        }
        self.saved.set(has_link.then_some((chosen, picked, a.live)));
        self.loaded.set(true);
    }

    /// What Copy Link sends; an error to show instead when "Specific people" has nobody picked,
    /// or the picked date cannot be read.
    pub fn request(&self) -> Result<DraftRequest, String> {
        let audience = self.chosen.get_untracked();
        let picked = self.picked.get_untracked();
        if audience == Audience::People && picked.is_empty() {
            return Err(t!("share-pick-someone"));
        }
        let live = self.live.get_untracked() && audience.can_continue();
        let password = self.password.get_untracked();
        Ok(DraftRequest {
            audience: LinkAudience {
                grants: grants_for(audience, &picked, live),
                live,
            },
            expiry: self.expiry.choice()?,
            password: (!password.is_empty()).then_some(password),
            remove_password: self.remove_password.get_untracked(),
        })
    }

    /// The grants chosen (for a folder: no expiry or password); an error to show when
    /// "Specific people" has nobody picked.
    fn grants(&self) -> Result<Vec<AccessGrant>, String> {
        let audience = self.chosen.get_untracked();
        let picked = self.picked.get_untracked();
        if audience == Audience::People && picked.is_empty() {
            return Err(t!("share-pick-someone-folder"));
        }
        let live = self.live.get_untracked() && audience.can_continue();
        Ok(grants_for(audience, &picked, live))
    }

    /// Whether the chat has a link (as the choices were loaded).
    pub fn has_link(&self) -> bool {
        self.saved.with_untracked(Option::is_some)
    }

    /// Whether a choice differs from what the link has (nothing to say before it exists).
    pub fn changed(&self) -> bool {
        let Some((audience, picked, live)) = self.saved.get() else {
            return false;
        };
        let chosen = self.chosen.get();
        chosen != audience
            || (chosen == Audience::People && self.picked.with(|p| *p != picked))
            || (chosen.can_continue() && self.live.get() != live)
            || self.expiry.changed()
            || !self.password.with(String::is_empty)
            || self.remove_password.get()
    }
}

/// Who can open the link of `chat_id` and how long, as a [`LinkDraft`] (read again when
/// `version` changes: after the link was saved, or a request for access was answered), and
/// the requests for access waiting for an answer.
#[component]
pub fn AudiencePicker(
    /// The chat to share.
    chat_id: Uuid,
    /// The choices, which Copy Link sends.
    draft: LinkDraft,
    /// Whether the chat has a link.
    #[prop(into)]
    has_link: Signal<bool>,
    /// Bumped to read the link's audience again.
    version: RwSignal<u32>,
) -> impl IntoView {
    // The draft takes what the link has as the answer arrives (not while the choices render).
    let loaded = crate::ui::page_resource(
        move || version.get(),
        move |_| async move {
            let answer = get_share_audience(chat_id).await;
            if let Ok(a) = &answer {
                draft.load(a, has_link.get_untracked());
            }
            answer
        },
    );
    let waiting = crate::ui::page_resource(
        move || (version.get(), has_link.get()),
        move |(_, has)| async move {
            if has {
                access_requests(chat_id).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">{t!("share-loading-who-open")}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(a) => view! { <AudienceChoices audience=a draft/> }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match waiting.await {
                    Ok(list) if !list.is_empty() => view! { <AccessRequests chat_id list version/> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Transition>
    }
}

/// The requests for access waiting for the owner: approve (a read grant) or decline each
/// (in the Share modal and in "My shared links"); `version` is bumped after each answer.
#[component]
pub(super) fn AccessRequests(
    chat_id: Uuid,
    list: Vec<AccessRequest>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let answer = Action::new(move |(request_id, approve): &(Uuid, bool)| {
        let (request_id, approve) = (*request_id, *approve);
        async move {
            match answer_access_request(chat_id, request_id, approve).await {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e.said())),
            }
        }
    });
    view! {
        <section class="access-requests" aria-labelledby=format!("access-requests-{chat_id}")>
            <h3 id=format!("access-requests-{chat_id}")>{t!("share-asking-access")}</h3>
            <ul>
                {list.into_iter().map(|r| {
                    let id = r.id;
                    view! {
                        <li>
                            <span>{r.name.clone()}</span>
                            <span class="row">
                                <button type="button" class="button small" disabled=move || answer.pending().get()
                                    on:click=move |_| { answer.dispatch((id, true)); }>{t!("share-approve")}</button>
                                <button type="button" class="button secondary small" disabled=move || answer.pending().get()
                                    on:click=move |_| { answer.dispatch((id, false)); }>{t!("share-decline")}</button>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="status-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The audience radios, the people picker, "Let them continue the chat" and the folded
/// expiry and password, all into `draft`.
#[component]
fn AudienceChoices(
    audience: ShareAudience,
    draft: LinkDraft,
    /// For a folder: its words, no "Anyone with the link", no expiry or password.
    #[prop(optional)]
    folder: bool,
) -> impl IntoView {
    let LinkDraft {
        chosen, picked, live, ..
    } = draft;
    let filter = RwSignal::new(String::new());
    let mut choices = vec![
        (Audience::OnlyMe, t!("share-only-me")),
        (Audience::People, t!("share-specific-people")),
    ];
    if audience.members_allowed || chosen.get_untracked() == Audience::Members {
        choices.push((Audience::Members, t!("share-everyone-instance")));
    }
    if !folder && (audience.anyone_allowed || chosen.get_untracked() == Audience::Anyone) {
        choices.push((Audience::Anyone, t!("share-anyone-link")));
    }
    let people = audience.people.clone();
    view! {
        <fieldset class="audience">
            <legend>{if folder { t!("share-who-open-folder") } else { t!("share-who-open-link") }}</legend>
            {choices.into_iter().map(|(a, label)| view! {
                <label class="audience-choice">
                    <input type="radio" name="audience" prop:checked=move || chosen.get() == a
                        on:change=move |_| chosen.set(a)/>
                    {label}
                </label>
            }).collect_view()}
            <p class="muted audience-help">{move || {
                chosen.get().what_it_means(folder)
            }}</p>
            <Show when=move || chosen.get() == Audience::People>
                <div class="people-picker">
                    <label for="people-filter">{t!("share-find-people-groups")}</label>
                    <input id="people-filter" type="search" placeholder=t!("share-type-name") bind:value=filter/>
                    <ul class="people-list">
                        {
                            let people = people.clone();
                            move || {
                                let needle = filter.get().to_lowercase();
                                people
                                    .iter()
                                    .filter(|p| needle.is_empty() || p.name.to_lowercase().contains(&needle))
                                    .take(50)
                                    .map(|p: &Person| {
                                        let key = (p.is_group, p.id);
                                        let label = if p.is_group { format!("{} (group)", p.name) } else { p.name.clone() };
                                        view! {
                                            <li>
                                                <label>
                                                    <input type="checkbox" prop:checked=move || picked.with(|s| s.contains(&key))
                                                        on:change=move |_| picked.update(|s| if !s.remove(&key) { s.insert(key); })/>
                                                    {label}
                                                </label>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }
                        }
                    </ul>
                    {people.is_empty().then(|| view! { <p class="muted">{t!("share-nobody-else-has-account")}</p> })}
                </div>
            </Show>
            <Show when=move || chosen.get().can_continue()>
                <label class="audience-choice live-choice">
                    <input type="checkbox" name="live" prop:checked=move || live.get()
                        on:change=move |ev| live.set(event_target_checked(&ev))/>
                    {if folder { t!("share-let-them-continue-chats") } else { t!("share-let-them-continue-chat") }}
                </label>
                <Show when=move || live.get()>
                    <p class="muted audience-help">
                        {t!("share-they-see-chat-as")}
                    </p>
                </Show>
            </Show>
            {(!folder).then(|| view! { <LinkOptions audience=audience.clone() draft/> })}
        </fieldset>
    }
}

/// The link dialog's audience picker for a folder: the same choices without "Anyone with the
/// link", expiry or password, starting from the folder's `audience.grants`; Save hands the
/// chosen grants to `save`.
#[component]
pub fn FolderAudiencePicker(
    /// The folder's grants and whom the caller may pick.
    audience: ShareAudience,
    /// Saves the chosen grants.
    save: Callback<Vec<AccessGrant>>,
    /// Whether a save is under way.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let draft = LinkDraft::new();
    draft.load(&audience, true);
    let error = RwSignal::new(None::<String>);
    view! {
        <AudienceChoices audience draft folder=true/>
        {move || error.get().map(|e| view! { <p class="status-error" role="alert">{e}</p> })}
        <div class="dialog-actions">
            <button type="button" class="button primary" disabled=move || busy.get() on:click=move |_| {
                match draft.grants() {
                    Ok(g) => {
                        error.set(None);
                        save.run(g);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }>{t!("common-save")}</button>
        </div>
    }
}
