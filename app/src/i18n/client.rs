//! The browser's side of the catalogue: the one language its page carries
//! (`<script id="catalogue">`, Fluent text; `<html lang>` names it), formatted with fluent-bundle.

use std::cell::OnceCell;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

use super::{Arg, Lang};

/// The page's language and its words (`None` words: the page carried none).
struct Catalogue {
    lang: Lang,
    bundle: Option<FluentBundle<FluentResource>>,
}

thread_local! {
    static CATALOGUE: OnceCell<Catalogue> = const { OnceCell::new() };
}

/// Reads the page's language and catalogue.
fn load() -> Catalogue {
    let doc = leptos::prelude::document();
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    let bundle = doc
        .get_element_by_id("catalogue")
        .and_then(|e| e.text_content())
        .map(|text| {
            let resource = FluentResource::try_new(text).unwrap_or_else(|(r, _)| r);
            let id = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new(vec![id]);
            bundle.set_use_isolating(false);
            // Only a message defined twice fails here, and the parity test forbids that.
            let _ = bundle.add_resource(resource);
            bundle
        });
    Catalogue { lang, bundle }
}

fn with<R>(f: impl FnOnce(&Catalogue) -> R) -> R {
    CATALOGUE.with(|c| f(c.get_or_init(load)))
}

/// The page's language.
pub fn current() -> Lang {
    with(|c| c.lang)
}

/// Message `key` with `args` (the key itself when the page's catalogue lacks it).
pub fn format(key: &str, args: &[(&str, Arg)]) -> String {
    with(|c| {
        let Some(bundle) = &c.bundle else {
            return key.to_owned();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, (!args.is_empty()).then_some(&fluent_args), &mut errors)
            .into_owned()
    })
}
