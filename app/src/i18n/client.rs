//! The browser's side of the catalogue: the one language its page carries
//! (`<script id="catalogue">`, each message's parsed pattern in the [`super::wire`] form;
//! `<html lang>` names the language), formatted by [`super::format_wire`] with the browser's
//! plural rules.

use std::cell::OnceCell;
use std::collections::HashMap;

use wasm_bindgen::JsValue;

use super::{wire, Arg, Lang};

/// The page's language, its words and its plural rules.
struct Catalogue {
    lang: Lang,
    messages: HashMap<String, String>,
    plural_rules: js_sys::Intl::PluralRules,
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
    let text = doc
        .get_element_by_id("catalogue")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    let messages = text
        .split(wire::MESSAGE_END)
        .filter_map(|m| m.split_once(wire::KEY_END))
        .map(|(key, pattern)| (key.to_owned(), pattern.to_owned()))
        .collect();
    let locales = js_sys::Array::of1(&JsValue::from_str(lang.code()));
    let plural_rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    Catalogue {
        lang,
        messages,
        plural_rules,
    }
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
        let Some(pattern) = c.messages.get(key) else {
            return key.to_owned();
        };
        let plural = |n: i64| -> &'static str {
            match String::from(c.plural_rules.select(n as f64)).as_str() {
                "zero" => "zero",
                "one" => "one",
                "two" => "two",
                "few" => "few",
                "many" => "many",
                _ => "other",
            }
        };
        let mut out = String::new();
        super::format_wire(pattern, args, &plural, &mut out);
        out
    })
}
