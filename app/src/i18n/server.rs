//! The server's side of the catalogue: every language loaded (fluent-templates), the language
//! of the request being answered, the one language a page carries to the browser, and the
//! error messages' words.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use super::{Arg, CataloguePart, Lang};

// Every language's catalogue, compiled into the server.
fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Names sit in sentences as they are: the page marks a direction where it needs one.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Each language's identifier, parsed once.
static IDS: LazyLock<Vec<LanguageIdentifier>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|l| l.code().parse().unwrap_or_default())
        .collect()
});

fn id_of(lang: Lang) -> &'static LanguageIdentifier {
    let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &IDS[at]
}

tokio::task_local! {
    /// The language of the request this task answers (set by the server's language layer),
    /// for what is written outside a Leptos owner: the JSON API's error answers.
    pub static REQUEST_LANG: Lang;
}

/// The language of the request being answered: the one the page's owner holds, else the one
/// its request carries ([`crate::i18n::server::REQUEST_LANG`] or the request's extensions),
/// else English.
pub fn current() -> Lang {
    use leptos::prelude::use_context;
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    if let Some(lang) =
        use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<Lang>().copied())
    {
        return lang;
    }
    REQUEST_LANG.try_with(|l| *l).unwrap_or_default()
}

/// Message `key` in `lang` with `args`; the key itself when no catalogue has it.
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let id = id_of(lang);
    let found = if args.is_empty() {
        LOCALES.try_lookup(id, key)
    } else {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        LOCALES.try_lookup_with_args(id, key, &args)
    };
    found.unwrap_or_else(|| {
        tracing::warn!(key, lang = lang.code(), "a message the catalogue lacks");
        key.to_owned()
    })
}

/// The app's part of `lang`'s catalogue as a hydrated page carries it for the browser: each
/// message's parsed pattern in the [`super::wire`] form, which [`super::format_wire`] formats.
/// Built once per language and part.
pub fn client_catalogue(lang: Lang, part: CataloguePart) -> &'static str {
    static BUILT: LazyLock<Vec<[String; 3]>> = LazyLock::new(|| {
        Lang::ALL
            .iter()
            .map(|l| {
                [CataloguePart::App, CataloguePart::Settings, CataloguePart::Admin]
                    .map(|part| wire_catalogue(app_source(*l), &|key| part.holds(key)))
            })
            .collect()
    });
    let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &BUILT[at][part as usize]
}

/// The [`super::wire`] form of the messages in Fluent text `source` whose keys `wanted` takes
/// (the marks and `<` are taken out of their words, so the text is safe inside a `<script>`
/// element).
pub fn wire_catalogue(source: &str, wanted: &dyn Fn(&str) -> bool) -> String {
    use super::wire;
    use fluent_syntax::ast;
    fn text(out: &mut String, t: &str) {
        out.extend(
            t.chars()
                .filter(|c| !wire::is_mark(*c))
                .map(|c| if c == '<' { '\u{FF1C}' } else { c }),
        );
    }
    fn pattern(out: &mut String, p: &ast::Pattern<&str>) {
        for e in &p.elements {
            match e {
                ast::PatternElement::TextElement { value } => text(out, value),
                ast::PatternElement::Placeable { expression } => expression_of(out, expression),
            }
        }
    }
    fn expression_of(out: &mut String, e: &ast::Expression<&str>) {
        match e {
            ast::Expression::Inline(i) => inline(out, i),
            ast::Expression::Select { selector, variants } => {
                out.push(wire::SELECT);
                if let ast::InlineExpression::VariableReference { id } = selector {
                    out.push_str(id.name);
                }
                for v in variants {
                    out.push(wire::VARIANT);
                    if v.default {
                        out.push('*');
                    }
                    match &v.key {
                        ast::VariantKey::Identifier { name } => out.push_str(name),
                        ast::VariantKey::NumberLiteral { value } => out.push_str(value),
                    }
                    out.push(wire::KEY_END);
                    pattern(out, &v.value);
                }
                out.push(wire::END);
            }
        }
    }
    fn inline(out: &mut String, i: &ast::InlineExpression<&str>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                out.push(wire::VARIABLE);
                out.push_str(id.name);
                out.push(wire::END);
            }
            ast::InlineExpression::StringLiteral { value }
            | ast::InlineExpression::NumberLiteral { value } => text(out, value),
            ast::InlineExpression::Placeable { expression } => expression_of(out, expression),
            _ => {}
        }
    }
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, errors)) => {
            tracing::error!(?errors, "a catalogue file does not parse");
            r
        }
    };
    let mut out = String::with_capacity(source.len());
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            if !wanted(m.id.name) {
                continue;
            }
            if let Some(value) = &m.value {
                out.push_str(m.id.name);
                out.push(wire::KEY_END);
                pattern(&mut out, value);
                out.push(wire::MESSAGE_END);
            }
        }
    }
    out
}

/// `lang`'s `app.ftl`.
fn app_source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en/app.ftl"),
        Lang::De => include_str!("../../locales/de/app.ftl"),
        Lang::Fr => include_str!("../../locales/fr/app.ftl"),
        Lang::Es => include_str!("../../locales/es/app.ftl"),
        Lang::PtBr => include_str!("../../locales/pt-BR/app.ftl"),
        Lang::ZhCn => include_str!("../../locales/zh-CN/app.ftl"),
        Lang::Ja => include_str!("../../locales/ja/app.ftl"),
        Lang::Ar => include_str!("../../locales/ar/app.ftl"),
    }
}

/// The English error messages and their keys: an `AppError` carries its
/// English words (the JSON API's stable `detail`), and is said in the reader's language by
/// finding them here.
static ERROR_KEYS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let errors = message_keys(include_str!("../../locales/en/errors.ftl"));
    // The app's own: what the client says too (`error-…`) and the forms' notices (`notice-…`).
    let app = message_keys(include_str!("../../locales/en/app.ftl"))
        .into_iter()
        .chain(message_keys(include_str!("../../locales/en/pages.ftl")))
        .filter(|k| k.starts_with("error-") || k.starts_with("notice-"));
    errors
        .into_iter()
        .chain(app)
        .map(|key| (format(Lang::En, &key, &[]), key))
        .collect()
});

/// The keys of the messages in Fluent text `source`.
pub fn message_keys(source: &str) -> Vec<String> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, errors)) => {
            tracing::error!(?errors, "a catalogue file does not parse");
            r
        }
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// English error message `detail` in `lang`: its catalogue entry's words there, or `detail`
/// itself when it has no entry (a message with a value in it).
pub fn error_in(lang: Lang, detail: &str) -> String {
    if lang == Lang::En {
        return detail.to_owned();
    }
    match ERROR_KEYS.get(detail) {
        Some(key) => format(lang, key, &[]),
        None => detail.to_owned(),
    }
}

/// The language a request asks for before the instance's default: the `lang` cookie (the
/// account's setting), else `Accept-Language`.
pub fn requested(headers: &axum::http::HeaderMap) -> Option<Lang> {
    lang_cookie(headers).and_then(Lang::parse).or_else(|| {
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
    })
}

/// The `lang` cookie's value among the request's cookies.
fn lang_cookie(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(LANG_COOKIE)?.strip_prefix('='))
}

/// The cookie that carries the account's language to pages written before anyone is looked up.
pub const LANG_COOKIE: &str = "lang";

/// Sets (or, for `None`, clears) the `lang` cookie of the answer being written (a server
/// function's).
pub fn set_lang_cookie(lang: Option<Lang>) {
    let cookie = match lang {
        Some(l) => format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            l.code()
        ),
        None => format!("{LANG_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax"),
    };
    if let (Ok(value), Some(res)) = (
        axum::http::HeaderValue::from_str(&cookie),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        res.append_header(axum::http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_formats_placeholders_and_plurals() {
        for lang in Lang::ALL {
            let one = format(lang, "chat-messages", &[("count", Arg::Number(1))]);
            let many = format(lang, "chat-messages", &[("count", Arg::Number(5))]);
            assert!(many.contains('5'), "{lang:?}: {many}");
            assert_ne!(one, "chat-messages", "{lang:?}");
        }
        assert_eq!(
            format(Lang::En, "chat-messages", &[("count", Arg::Number(1))]),
            "1 message"
        );
        assert_eq!(
            format(Lang::En, "chat-messages", &[("count", Arg::Number(3))]),
            "3 messages"
        );
    }

    /// What the browser formats from the wire form is what the server formats with Fluent, for
    /// every message of every language (plural rules from CLDR, as `Intl.PluralRules` has them).
    #[test]
    fn the_browser_formats_every_message_as_the_server_does() {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        for lang in Lang::ALL {
            let wire: Vec<(&str, &str)> = client_catalogue(lang, CataloguePart::Admin)
                .split(super::super::wire::MESSAGE_END)
                .filter(|m| !m.is_empty())
                .filter_map(|m| m.split_once(super::super::wire::KEY_END))
                .collect();
            // The browser knows `pt-BR` and `zh-CN`; CLDR's tables name them `pt` and `zh`.
            let primary: LanguageIdentifier = lang
                .code()
                .split('-')
                .next()
                .unwrap_or("en")
                .parse()
                .expect("a language");
            let rules = PluralRules::create(id_of(lang).clone(), PluralRuleType::CARDINAL)
                .or_else(|_| PluralRules::create(primary, PluralRuleType::CARDINAL))
                .expect("plural rules");
            let plural = |n: i64| match rules.select(n) {
                Ok(PluralCategory::ZERO) => "zero",
                Ok(PluralCategory::ONE) => "one",
                Ok(PluralCategory::TWO) => "two",
                Ok(PluralCategory::FEW) => "few",
                Ok(PluralCategory::MANY) => "many",
                _ => "other",
            };
            assert!(wire.len() > 100, "{lang:?}");
            for (key, pattern) in &wire {
                for n in [0, 1, 2, 3, 5, 11, 12, 100, 2026] {
                    let args: Vec<(&str, Arg)> = [
                        "count", "days", "n", "current", "month", "year", "m", "kb", "ticked", "shown",
                    ]
                    .into_iter()
                    .map(|v| (v, Arg::Number(n)))
                    .chain(
                        [
                            ("what", "folder"),
                            ("allowed", "yes"),
                            ("role", "admin"),
                            ("name", "Ada"),
                            ("email", "a@b.c"),
                            ("title", "T"),
                            ("provider", "P"),
                            ("place", "here"),
                            ("url", "http://x"),
                            ("when", "now"),
                            ("via", "you"),
                            ("query", "q"),
                            ("models", "m1, m2"),
                        ]
                        .into_iter()
                        .map(|(k, v)| (k, Arg::Text(v.to_owned()))),
                    )
                    .collect();
                    let mut browser = String::new();
                    crate::i18n::format_wire(pattern, &args, &plural, &mut browser);
                    assert_eq!(browser, format(lang, key, &args), "{lang:?} {key} n={n}");
                }
            }
        }
    }

    #[test]
    fn a_page_carries_the_admin_panels_and_settings_words_only_where_they_are_used() {
        let chat = client_catalogue(Lang::De, CataloguePart::of_path("/c/1"));
        let settings = client_catalogue(Lang::De, CataloguePart::of_path("/settings"));
        let admin = client_catalogue(Lang::De, CataloguePart::of_path("/admin/settings/general"));
        let has =
            |catalogue: &str, key: &str| catalogue.contains(&format!("{key}{}", super::super::wire::KEY_END));
        assert!(
            has(chat, "share-dialog-title")
                && has(chat, "conn-model")
                && has(chat, "admin-waiting-approval-badge")
        );
        assert!(!has(chat, "admin-general") && !has(chat, "settings-language") && !has(chat, "conn-intro"));
        assert!(has(settings, "settings-language") && !has(settings, "admin-general"));
        assert!(has(admin, "admin-general") && has(admin, "settings-language") && has(admin, "conn-intro"));
        assert!(
            chat.len() < admin.len() * 3 / 4,
            "{} of {}",
            chat.len(),
            admin.len()
        );
    }

    #[test]
    fn error_messages_are_said_in_the_readers_language() {
        let english = "Chat not found.".to_owned();
        assert_eq!(error_in(Lang::En, &english), english);
        let german = error_in(Lang::De, &english);
        assert_ne!(german, english);
        // The shared page's 403 ("no access") says its refusal in the reader's language.
        assert_eq!(
            error_in(Lang::De, "You don't have access to this chat."),
            "Du hast keinen Zugriff auf diesen Chat."
        );
        // A sign-in page's notice (in pages.ftl) is an error's words too.
        assert_eq!(
            error_in(Lang::Fr, "The email or password is incorrect."),
            "L’e-mail ou le mot de passe est incorrect."
        );
        assert_eq!(error_in(Lang::De, "no such message"), "no such message");
    }
}
