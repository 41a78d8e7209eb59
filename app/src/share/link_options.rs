//! The Share dialog's finer link settings, folded under the audience: when the link expires
//! and its password. Like the audience, they are part of the [`super::audience::LinkDraft`]
//! that Copy Link sends.

use leptos::prelude::*;

use super::audience::LinkDraft;
use super::{ExpiryChoice, ShareAudience};

const DAY: i64 = 86_400;

/// The expiry picked: `keep` (a new link: the instance's default; an existing one: as it is),
/// `never`, `1` / `7` / `30` days from now, or `date` (the end of that day where the owner is).
#[derive(Clone, Copy)]
pub(super) struct ExpiryDraft {
    choice: RwSignal<String>,
    date: RwSignal<String>,
}

impl ExpiryDraft {
    pub fn new() -> Self {
        ExpiryDraft {
            choice: RwSignal::new("keep".to_owned()),
            date: RwSignal::new(String::new()),
        }
    }

    pub fn reset(&self) {
        self.choice.set("keep".to_owned());
        self.date.set(String::new());
    }

    pub fn changed(&self) -> bool {
        self.choice.with(|c| c != "keep")
    }

    /// What Copy Link sends (`None`: nothing said); an error when "On a date…" has no date.
    pub fn choice(&self) -> Result<Option<ExpiryChoice>, String> {
        let now = crate::format::now_epoch();
        let days = |d: i64| Ok(Some(ExpiryChoice::At(now + d * DAY)));
        match self.choice.get_untracked().as_str() {
            "never" => Ok(Some(ExpiryChoice::Never)),
            "1" => days(1),
            "7" => days(7),
            "30" => days(30),
            "date" => end_of_day(&self.date.get_untracked(), crate::ui::reader_zone())
                .map(|t| Some(ExpiryChoice::At(t)))
                .ok_or_else(|| t!("share-pick-date-link-expires")),
            _ => Ok(None),
        }
    }
}

/// "Expiry and password", folded: the expiry choices and the password field, into `draft`.
#[component]
pub(super) fn LinkOptions(audience: ShareAudience, draft: LinkDraft) -> impl IntoView {
    let has_link = draft.has_link();
    let ExpiryDraft { choice, date } = draft.expiry;
    let (password, remove) = (draft.password, draft.remove_password);
    let open = draft.options_open;
    let longest = (audience.max_days > 0).then(|| t!("share-expiry-longest", days = audience.max_days));
    let never = longest.clone().unwrap_or_else(|| t!("common-never"));
    let keep = if has_link {
        t!("share-unchanged")
    } else if audience.default_days > 0 {
        t!("share-expiry-default", days = audience.default_days)
    } else {
        never.clone()
    };
    // A new link without a default lifetime already gets "Never" from "keep".
    let offer_never = has_link || audience.default_days > 0;
    let expires_at = audience.expires_at;
    let has_password = audience.has_password;
    view! {
        <details class="link-options" prop:open=move || open.get_untracked() on:toggle=move |ev| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                let now_open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
                open.set(now_open);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = ev;
        }>
            <summary>
                {t!("share-expiry-password")}
                <span class="muted small">
                    {match expires_at { Some(t) => view! { " · "{t!("share-summary-expires")}" "<crate::ui::Time at=t/> }.into_any(), None if has_link => format!(" · {}", t!("share-summary-never-expires")).into_any(), None => ().into_any() }}
                    {has_password.then(|| format!(" · {}", t!("share-summary-password-set")))}
                    {move || (!password.with(String::is_empty)).then(|| format!(" · {}", t!("share-summary-password-typed")))}
                </span>
            </summary>
            <div class="share-expiry">
                <label for="share-expiry">{t!("share-expires-label")}</label>
                <div class="row">
                    <select id="share-expiry" prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                        <option value="keep">{keep}</option>
                        {offer_never.then(|| view! { <option value="never">{never.clone()}</option> })}
                        <option value="1">{t!("share-1-day")}</option>
                        <option value="7">{t!("share-7-days")}</option>
                        <option value="30">{t!("share-30-days")}</option>
                        <option value="date">{t!("share-date")}</option>
                    </select>
                    <Show when=move || choice.get() == "date">
                        <input type="date" aria-label=t!("share-expiry-date") bind:value=date/>
                    </Show>
                </div>
            </div>
            <div class="share-password">
                <label for="share-password-new">
                    {if has_password { t!("share-password-set-type-new") } else { t!("share-password-optional") }}
                </label>
                <input id="share-password-new" type="password" autocomplete="new-password" bind:value=password
                    prop:disabled=move || remove.get()/>
                {has_password.then(|| view! {
                    <label class="audience-choice">
                        <input type="checkbox" prop:checked=move || remove.get() on:change=move |ev| remove.set(event_target_checked(&ev))/>
                        {t!("share-remove-password")}
                    </label>
                })}
            </div>
        </details>
    }
}

/// `YYYY-MM-DD` of epoch seconds in the zone `zone` seconds east of UTC, for a date input.
#[cfg(test)]
fn date_value(epoch: i64, zone: i64) -> String {
    let (y, m, d) = crate::format::civil_date(epoch + zone);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The last second of the day `YYYY-MM-DD` in the zone `zone` seconds east of UTC.
fn end_of_day(value: &str, zone: i64) -> Option<i64> {
    let mut parts = value.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(crate::format::days_from_civil(y, m, d) * DAY + DAY - 1 - zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_date_ends_at_midnight_where_the_owner_is() {
        let t = end_of_day("2026-12-01", 0).unwrap();
        assert_eq!(crate::ui::format_time(t), "2026-12-01 23:59 UTC");
        assert_eq!(date_value(t, 0), "2026-12-01");
        assert_eq!(
            end_of_day("2024-02-29", 0).map(|t| date_value(t, 0)).as_deref(),
            Some("2024-02-29")
        );
        // In Tokyo (UTC+9) the day ends nine hours earlier, and reads back as the same date.
        let tokyo = 9 * 3600;
        let t = end_of_day("2026-12-01", tokyo).unwrap();
        assert_eq!(crate::ui::format_time(t), "2026-12-01 14:59 UTC");
        assert_eq!(date_value(t, tokyo), "2026-12-01");
        assert_eq!(end_of_day("tomorrow", 0), None);
    }
}
