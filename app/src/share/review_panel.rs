//! The Share modal's review step: the privacy check's findings (each with "Mask", and "Mask
//! all"), "Share every branch", a checkbox per message (the visible branch ticked), and a
//! preview that renders what viewers will get. The choices live in [`ReviewChoices`]; the
//! modal sends them with "Copy Link".

use std::collections::HashSet;

use leptos::prelude::*;
use uuid::Uuid;

use super::{get_share_preview, Finding, ShareChoices, ShareReview};
use crate::chats::{MessageList, MessageRole};

/// The owner's choices while the review is open.
#[derive(Clone, Copy)]
pub(super) struct ReviewChoices {
    /// The review as the server answered it (`None` while it loads, or when it failed).
    pub review: RwSignal<Option<ShareReview>>,
    /// Every branch.
    pub full: RwSignal<bool>,
    /// Messages shown but not ticked.
    pub unticked: RwSignal<HashSet<String>>,
    /// The masked strings.
    pub masks: RwSignal<Vec<String>>,
}

impl ReviewChoices {
    pub fn new() -> Self {
        ReviewChoices {
            review: RwSignal::new(None),
            full: RwSignal::new(false),
            unticked: RwSignal::new(HashSet::new()),
            masks: RwSignal::new(Vec::new()),
        }
    }

    /// Starts from the link's choices.
    pub fn load(self, r: ShareReview) {
        let full = r.full_history;
        let unticked = r
            .messages
            .iter()
            .filter(|m| (full || m.on_branch) && !m.shared)
            .map(|m| m.id.clone())
            .collect();
        self.full.set(full);
        self.unticked.set(unticked);
        self.masks.set(r.masks.clone());
        self.review.set(Some(r));
    }

    /// The ids of the messages the review lists (the visible branch, or every message), in order.
    fn shown(self) -> Vec<String> {
        let full = self.full.get();
        self.review.with(|r| {
            r.iter()
                .flat_map(|r| r.messages.iter())
                .filter(|m| full || m.on_branch || m.shared)
                .map(|m| m.id.clone())
                .collect()
        })
    }

    /// The messages that will be shared.
    fn ticked(self) -> Vec<String> {
        let unticked = self.unticked.get();
        self.shown()
            .into_iter()
            .filter(|id| !unticked.contains(id))
            .collect()
    }

    /// The findings in what will be shared (the title and the ticked messages), masked or not.
    fn findings(self) -> Vec<Finding> {
        let ticked: HashSet<String> = self.ticked().into_iter().collect();
        self.review.with(|r| {
            r.iter()
                .flat_map(|r| r.findings.iter())
                .filter(|f| f.message_id.as_ref().is_none_or(|id| ticked.contains(id)))
                .cloned()
                .collect()
        })
    }

    /// How many findings that will be shared are not masked.
    pub fn unmasked(self) -> usize {
        let masks = self.masks.get();
        self.findings()
            .iter()
            .filter(|f| !masks.contains(&f.text))
            .count()
    }

    /// What "Copy Link" sends: `None` until the review has loaded (the link's choices stay).
    pub fn choices(self) -> Option<ShareChoices> {
        self.review.with(Option::is_some).then(|| {
            let shown = self.shown();
            let ticked = self.ticked();
            ShareChoices {
                full_history: self.full.get(),
                message_ids: (ticked.len() != shown.len()).then_some(ticked),
                redact: self.masks.get(),
            }
        })
    }
}

/// The review step of the Share modal.
#[component]
pub(super) fn ReviewPanel(
    /// The chat being shared.
    chat_id: Uuid,
    /// The owner's choices.
    choices: ReviewChoices,
) -> impl IntoView {
    let ReviewChoices {
        review,
        full,
        unticked,
        masks,
    } = choices;
    let mask = move |text: String| {
        masks.update(|m| {
            if !m.contains(&text) {
                m.push(text);
            }
        })
    };
    let mask_all = move |_| {
        for f in choices.findings() {
            mask(f.text);
        }
    };
    let position = move |f: &Finding| -> String {
        match &f.message_id {
            None => t!("review-in-title"),
            Some(id) => review.with(|r| {
                r.as_ref()
                    .and_then(|r| r.messages.iter().position(|m| &m.id == id))
                    .map(|i| t!("review-in-message", n = i + 1))
                    .unwrap_or_default()
            }),
        }
    };
    let findings = move || {
        let found = choices.findings();
        if found.is_empty() {
            return view! { <p class="status-ok review-clear">{t!("review-clear")}</p> }.into_any();
        }
        let open = choices.unmasked();
        view! {
            <p class={if open > 0 { "status-warn" } else { "status-ok" }} role="status">
                {if open > 0 {
                    t!("review-found", count = open)
                } else {
                    t!("review-all-masked")
                }}
            </p>
            <ul class="findings">
                {found.into_iter().map(|f| {
                    let text = f.text.clone();
                    let is_masked = Signal::derive({
                        let text = text.clone();
                        move || masks.with(|m| m.contains(&text))
                    });
                    let toggle = {
                        let text = text.clone();
                        move |_| masks.update(|m| match m.iter().position(|x| *x == text) {
                            Some(i) => { m.remove(i); }
                            None => m.push(text.clone()),
                        })
                    };
                    view! {
                        <li class="finding">
                            <span class="finding-head">
                                <span class="finding-kind">{f.label()}</span>
                                " "
                                <span class="muted">{position(&f)}</span>
                            </span>
                            <code class="finding-text">{shorten(&f.text)}</code>
                            <button type="button" class="button secondary small" on:click=toggle
                                aria-pressed=move || is_masked.get().to_string()>
                                {move || if is_masked.get() { t!("review-masked") } else { t!("review-mask") }}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(open > 0).then(|| view! { <button type="button" class="button secondary small" on:click=mask_all>{t!("review-mask-all")}</button> })}
            {move || review.with(|r| r.as_ref().map(|r| (r.more_findings, r.unchecked_bytes))).map(|(more, unchecked)| view! {
                {(more > 0).then(|| view! { <p class="muted">{t!("review-more", count = more)}</p> })}
                {(unchecked > 0).then(|| view! { <p class="status-warn">{t!("review-too-long", kb = unchecked.div_ceil(1024))}</p> })}
            })}
        }
        .into_any()
    };
    let messages = move || {
        let shown = choices.shown();
        review.with(|r| {
            r.iter()
                .flat_map(|r| r.messages.iter())
                .filter(|m| shown.contains(&m.id))
                .map(|m| {
                    let id = m.id.clone();
                    let checked = {
                        let id = id.clone();
                        move || unticked.with(|u| !u.contains(&id))
                    };
                    let toggle = move |_| {
                        let id = id.clone();
                        unticked.update(|u| {
                            if !u.remove(&id) {
                                u.insert(id);
                            }
                        })
                    };
                    let who = match m.role {
                        MessageRole::User => t!("chat-you"),
                        MessageRole::Assistant => t!("review-answer"),
                        MessageRole::System => t!("chat-system"),
                    };
                    let other_branch = !m.on_branch;
                    view! {
                        <li>
                            <label class="review-message">
                                <input type="checkbox" prop:checked=checked on:change=toggle/>
                                <span class="review-who">{who}</span>
                                <span class="review-excerpt">{
                                    let text = m.text.clone();
                                    // As viewers will read it: masked strings shown masked.
                                    move || masks.with(|masks| {
                                        let mut t = text.clone();
                                        for mask in masks {
                                            t = t.replace(mask.as_str(), "[redacted]");
                                        }
                                        shorten(&t)
                                    })
                                }</span>
                                {other_branch.then(|| view! { <span class="badge">{t!("review-other-branch")}</span> })}
                            </label>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let counts = move || {
        let (ticked, shown) = (choices.ticked().len(), choices.shown().len());
        t!("review-counts", ticked = ticked, shown = shown)
    };
    // The preview loads when it is opened and follows every change of the choices.
    let preview_open = RwSignal::new(false);
    let preview = LocalResource::new(move || {
        let wanted = preview_open.get().then(|| choices.choices()).flatten();
        async move {
            match wanted {
                Some(c) => Some(get_share_preview(chat_id, c).await),
                None => None,
            }
        }
    });
    view! {
        <section class="share-review" aria-label=t!("review-label")>
            <h3>{t!("review-title")}</h3>
            {move || review.with(Option::is_none).then(|| view! { <p class="muted">{t!("review-checking")}</p> })}
            {move || review.with(Option::is_some).then(findings)}
            <label class="switch-row">
                <input type="checkbox" prop:checked=move || full.get() on:change=move |_| full.update(|f| *f = !*f)/>
                <span>{t!("review-every-branch")}</span>
            </label>
            <details class="review-messages">
                <summary>{counts}</summary>
                <ol class="review-list">{messages}</ol>
                <p class="muted small">
                    {t!("review-ticks-note")}
                </p>
            </details>
            <details class="review-preview" on:toggle=move |ev| {
                #[cfg(feature = "hydrate")]
                {
                    use wasm_bindgen::JsCast;
                    let open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
                    preview_open.set(open);
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }>
                <summary>{t!("review-preview")}</summary>
                <Suspense fallback=|| view! { <p class="muted">{t!("common-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match preview.await {
                            Some(Ok(p)) => view! {
                                <div class="preview-frame">
                                    <p class="preview-title">{p.title.clone()}</p>
                                    <p class="muted small">{t!("review-preview-by", name = p.shared_by.clone(), count = p.total)}</p>
                                    <MessageList messages=p.messages user_author=p.shared_by/>
                                </div>
                            }.into_any(),
                            Some(Err(e)) => view! { <p class="status-error" role="alert">{e.said()}</p> }.into_any(),
                            None => ().into_any(),
                        }
                    })}
                </Suspense>
            </details>
        </section>
    }
}

/// At most 80 characters of `text` on one line.
fn shorten(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 80 {
        line
    } else {
        let mut s: String = line.chars().take(79).collect();
        s.push('…');
        s
    }
}
