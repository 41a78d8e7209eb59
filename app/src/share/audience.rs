//! The Share modal's audience picker: who can open the link. "Only me", "Specific people"
//! (a filtered list of members), "Everyone on this instance" (what a new link starts with) and
//! "Anyone with the link" (when the administrator allows it), and for people and members "Let
//! them continue the chat" (a live link with write grants). A choice saves at once.

use std::collections::BTreeSet;

use leptos::prelude::*;
use uuid::Uuid;

use super::{
    access_requests, answer_access_request, get_share_audience, set_share_audience, set_share_expiry,
    set_share_password, AccessGrant, AccessRequest, GrantPermission, Person, PrincipalType, ANY,
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

    fn what_it_means(self) -> &'static str {
        match self {
            Audience::OnlyMe => "Only you (and administrators) can open the link.",
            Audience::People => "Only the people you pick can open the link, after signing in.",
            Audience::Members => "Every member of this instance can open the link after signing in.",
            Audience::Anyone => {
                "Anyone who has the link can open it, without an account. It stays out of search engines."
            }
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

/// Who can open the link of `chat_id`, the controls to change it, and the requests for access
/// waiting for an answer.
#[component]
pub fn AudiencePicker(
    /// The shared chat.
    chat_id: Uuid,
) -> impl IntoView {
    // Bumped when a request is answered: the grants and the requests are read again.
    let version = RwSignal::new(0u32);
    let loaded = crate::ui::page_resource(move || version.get(), move |_| get_share_audience(chat_id));
    let waiting = crate::ui::page_resource(move || version.get(), move |_| access_requests(chat_id));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading who can open it…"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(a) => view! { <AudienceChoices chat_id audience=a/> }.into_any(),
                    Err(e) => view! { <p class="status-error" role="alert">{e.detail()}</p> }.into_any(),
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
                Err(e) => error.set(Some(e.detail())),
            }
        }
    });
    view! {
        <section class="access-requests" aria-labelledby=format!("access-requests-{chat_id}")>
            <h3 id=format!("access-requests-{chat_id}")>"Asking for access"</h3>
            <ul>
                {list.into_iter().map(|r| {
                    let id = r.id;
                    view! {
                        <li>
                            <span>{r.name.clone()}</span>
                            <span class="row">
                                <button type="button" class="button small" disabled=move || answer.pending().get()
                                    on:click=move |_| { answer.dispatch((id, true)); }>"Approve"</button>
                                <button type="button" class="button secondary small" disabled=move || answer.pending().get()
                                    on:click=move |_| { answer.dispatch((id, false)); }>"Decline"</button>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="status-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

#[component]
fn AudienceChoices(chat_id: Uuid, audience: super::ShareAudience) -> impl IntoView {
    let chosen = RwSignal::new(Audience::of(&audience.grants));
    // Who is picked: (is a group, id).
    let picked: RwSignal<BTreeSet<(bool, Uuid)>> = RwSignal::new(
        audience
            .grants
            .iter()
            .filter(|g| matches!(g.principal_type, PrincipalType::User | PrincipalType::Group))
            .filter_map(|g| {
                let id = Uuid::parse_str(&g.principal_id).ok()?;
                Some((g.principal_type == PrincipalType::Group, id))
            })
            .collect(),
    );
    let filter = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let live = RwSignal::new(audience.live);
    let save = Action::new(move |(grants, live): &(Vec<AccessGrant>, bool)| {
        let (grants, live) = (grants.clone(), *live);
        async move { set_share_audience(chat_id, grants, live).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => status.set(Some(Ok("Saved."))),
        Some(Err(e)) => status.set(Some(Err(e.detail()))),
        None => {}
    });
    let apply = move || {
        status.set(None);
        let (a, live) = (chosen.get_untracked(), live.get_untracked());
        let live = live && a.can_continue();
        save.dispatch((grants_for(a, &picked.get_untracked(), live), live));
    };
    let mut choices = vec![
        (Audience::OnlyMe, "Only me"),
        (Audience::People, "Specific people"),
    ];
    if audience.members_allowed || chosen.get_untracked() == Audience::Members {
        choices.push((Audience::Members, "Everyone on this instance"));
    }
    if audience.anyone_allowed || chosen.get_untracked() == Audience::Anyone {
        choices.push((Audience::Anyone, "Anyone with the link"));
    }
    let people = audience.people;
    view! {
        <fieldset class="audience">
            <legend>"Who can open the link"</legend>
            {choices.into_iter().map(|(a, label)| view! {
                <label class="audience-choice">
                    <input type="radio" name="audience" prop:checked=move || chosen.get() == a
                        on:change=move |_| { chosen.set(a); if a != Audience::People || !picked.get_untracked().is_empty() { apply(); } }/>
                    {label}
                </label>
            }).collect_view()}
            <p class="muted audience-help">{move || chosen.get().what_it_means()}</p>
            <Show when=move || chosen.get() == Audience::People>
                <div class="people-picker">
                    <label for="people-filter">"Find people and groups"</label>
                    <input id="people-filter" type="search" placeholder="Type a name" bind:value=filter/>
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
                                                        on:change=move |_| {
                                                            picked.update(|s| if !s.remove(&key) { s.insert(key); });
                                                            apply();
                                                        }/>
                                                    {label}
                                                </label>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }
                        }
                    </ul>
                    {people.is_empty().then(|| view! { <p class="muted">"Nobody else has an account yet."</p> })}
                </div>
            </Show>
            <Show when=move || chosen.get().can_continue()>
                <label class="audience-choice live-choice">
                    <input type="checkbox" name="live" prop:checked=move || live.get()
                        on:change=move |ev| { live.set(event_target_checked(&ev)); apply(); }/>
                    "Let them continue the chat"
                </label>
                <p class="muted audience-help">{move || if live.get() {
                    "They see the chat as it is now and can add messages to it, signed with their name."
                } else {
                    "They see the chat as it was when you shared or last updated the link."
                }}</p>
            </Show>
            <ExpiryControl chat_id expires_at=audience.expires_at max_days=audience.max_days status/>
            <PasswordControl chat_id has_password=audience.has_password status/>
            <p role="status" class=move || match status.get() { Some(Err(_)) => "status-error", _ => "status-ok" }>
                {move || match status.get() {
                    Some(Ok(m)) => m.to_owned(),
                    Some(Err(e)) => e,
                    None => String::new(),
                }}
            </p>
        </fieldset>
    }
}

/// The link's password: set or change it, or remove it.
#[component]
fn PasswordControl(
    chat_id: Uuid,
    has_password: bool,
    status: RwSignal<Option<Result<&'static str, String>>>,
) -> impl IntoView {
    let has = RwSignal::new(has_password);
    let typed = RwSignal::new(String::new());
    let save = Action::new(move |password: &Option<String>| {
        let password = password.clone();
        async move {
            let setting = password.is_some();
            match set_share_password(chat_id, password).await {
                Ok(()) => {
                    has.set(setting);
                    typed.set(String::new());
                    status.set(Some(Ok(if setting {
                        "Password set."
                    } else {
                        "Password removed."
                    })));
                }
                Err(e) => status.set(Some(Err(e.detail()))),
            }
        }
    });
    view! {
        <form class="share-password" on:submit=move |ev| {
            ev.prevent_default();
            status.set(None);
            save.dispatch(Some(typed.get_untracked()));
        }>
            <label for="share-password-new">
                {move || if has.get() { "Password (set; type a new one to change it)" } else { "Password (optional)" }}
            </label>
            <div class="row">
                <input id="share-password-new" type="password" autocomplete="new-password" bind:value=typed/>
                <button type="submit" class="button secondary small" disabled=move || save.pending().get()>
                    {move || if has.get() { "Change" } else { "Set password" }}
                </button>
                <Show when=move || has.get()>
                    <button type="button" class="button secondary small" disabled=move || save.pending().get()
                        on:click=move |_| { status.set(None); save.dispatch(None); }>"Remove"</button>
                </Show>
            </div>
        </form>
    }
}

/// The link's expiry: Never, 1 / 7 / 30 days from now, or a date (the end of that day, UTC).
#[component]
fn ExpiryControl(
    chat_id: Uuid,
    expires_at: Option<i64>,
    max_days: u32,
    status: RwSignal<Option<Result<&'static str, String>>>,
) -> impl IntoView {
    let current = RwSignal::new(expires_at);
    let choice = RwSignal::new(if expires_at.is_some() { "date" } else { "never" }.to_owned());
    let date = RwSignal::new(expires_at.map(date_value).unwrap_or_default());
    let save = Action::new(move |at: &Option<i64>| {
        let at = *at;
        async move {
            match set_share_expiry(chat_id, at).await {
                Ok(now) => {
                    current.set(now);
                    if let Some(t) = now {
                        date.set(date_value(t));
                    }
                    status.set(Some(Ok("Saved.")));
                }
                Err(e) => status.set(Some(Err(e.detail()))),
            }
        }
    });
    let pick = move |value: String| {
        status.set(None);
        let now = crate::format::now_epoch();
        let days = |d: i64| Some(now + d * 86_400);
        let at = match value.as_str() {
            "never" => None,
            "1" => days(1),
            "7" => days(7),
            "30" => days(30),
            _ => {
                choice.set(value);
                return;
            }
        };
        choice.set(value);
        save.dispatch(at);
    };
    view! {
        <div class="share-expiry">
            <label for="share-expiry">"Expires"</label>
            <div class="row">
                <select id="share-expiry" prop:value=move || choice.get() on:change=move |ev| pick(event_target_value(&ev))>
                    <option value="never">{if max_days > 0 { format!("After {max_days} days (the longest allowed)") } else { "Never".to_owned() }}</option>
                    <option value="1">"In 1 day"</option>
                    <option value="7">"In 7 days"</option>
                    <option value="30">"In 30 days"</option>
                    <option value="date">"On a date…"</option>
                </select>
                <Show when=move || choice.get() == "date">
                    <input type="date" aria-label="Expiry date" bind:value=date on:change=move |_| {
                        if let Some(t) = end_of_day(&date.get_untracked()) {
                            status.set(None);
                            save.dispatch(Some(t));
                        }
                    }/>
                </Show>
            </div>
            <p class="muted">{move || match current.get() {
                Some(t) => format!("Expires {}.", crate::ui::format_time(t)),
                None => "Never expires.".to_owned(),
            }}</p>
        </div>
    }
}

/// `YYYY-MM-DD` of epoch seconds (UTC), for a date input.
fn date_value(epoch: i64) -> String {
    let (y, m, d) = crate::format::civil_date(epoch);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The last second of the UTC day `YYYY-MM-DD`.
fn end_of_day(value: &str) -> Option<i64> {
    let mut parts = value.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + 86_399)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_date_ends_at_midnight_utc() {
        let t = end_of_day("2026-12-01").unwrap();
        assert_eq!(crate::ui::format_time(t), "2026-12-01 23:59 UTC");
        assert_eq!(date_value(t), "2026-12-01");
        assert_eq!(
            end_of_day("2024-02-29").map(date_value).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(end_of_day("tomorrow"), None);
    }
}
