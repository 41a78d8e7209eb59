//! The browser's side of the catalogue: the one language its page carries
//! (`<script id="catalogue">`, each message's parsed pattern in the [`super::wire`] form;
//! `<html lang>` names the language), formatted by [`super::format_wire`] with the browser's
//! plural rules.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

use wasm_bindgen::JsValue;

use super::{wire, Arg, CataloguePart, Lang};

/// The page's language, its words (and which part of the catalogue they are), and its plural
/// rules.
struct Catalogue {
    lang: Lang,
    messages: RefCell<HashMap<String, String>>,
    part: Cell<CataloguePart>,
    plural_rules: js_sys::Intl::PluralRules,
}

/// Adds the messages of wire text `text` to `messages`.
fn read_into(messages: &mut HashMap<String, String>, text: &str) {
    messages.extend(
        text.split(wire::MESSAGE_END)
            .filter_map(|m| m.split_once(wire::KEY_END))
            .map(|(key, pattern)| (key.to_owned(), pattern.to_owned())),
    );
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
    let script = doc.get_element_by_id("catalogue");
    let text = script.as_ref().and_then(|e| e.text_content()).unwrap_or_default();
    let part = script
        .and_then(|e| e.get_attribute("data-part"))
        .map_or(CataloguePart::App, |p| CataloguePart::parse(&p));
    let mut messages = HashMap::new();
    read_into(&mut messages, &text);
    let locales = js_sys::Array::of1(&JsValue::from_str(lang.code()));
    let plural_rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    Catalogue {
        lang,
        messages: RefCell::new(messages),
        part: Cell::new(part),
        plural_rules,
    }
}

/// Whether the page carries a smaller part than `part`.
pub fn lacks(part: CataloguePart) -> bool {
    with(|c| c.part.get() < part)
}

/// Adds `part`'s words.
pub fn add_part(part: CataloguePart, words: &str) {
    with(|c| {
        read_into(&mut c.messages.borrow_mut(), words);
        c.part.set(part);
    });
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
        let messages = c.messages.borrow();
        let Some(pattern) = messages.get(key) else {
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
