//! The reader's language: which of the eight the interface speaks, and its words.
//!
//! Every word of the interface is a message of the Fluent catalogue in `app/locales/{code}/`:
//! `app.ftl` (what the chat app's components say, on the server and in the browser) and
//! `pages.ftl` (what only the server writes: the shared page, the community, error messages).
//! Plurals and placeholders are Fluent's (`{ $count -> [one] … *[other] … }`), never string
//! concatenation. The server holds every language (fluent-templates); the browser gets the one
//! language of its page, `app.ftl` only, inside the page (`<script id="catalogue">`): Fluent's
//! parsed patterns in a small text form ([`wire`], written by `server::client_catalogue`), which
//! [`format_wire`] formats with the browser's own plural rules (`Intl.PluralRules`). So a page
//! carries one language's words, no request waits for them, and the client carries no Fluent
//! parser, no JSON values and no plural tables (fluent-bundle in the client cost 38 KB of
//! brotli in the main module).
//!
//! The language of a request: the account's setting (Settings → General, mirrored in the `lang`
//! cookie), else the browser's `Accept-Language`, else the instance default (Admin Panel →
//! Settings → General), else English. The server resolves it once per request
//! ([`resolve`]); components read it with [`current`] and say words with [`t!`].

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
mod client;

use serde::{Deserialize, Serialize};

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English (the catalogue every other language mirrors).
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Brazilian Portuguese.
    PtBr,
    /// Simplified Chinese.
    ZhCn,
    /// Japanese.
    Ja,
    /// Arabic (right to left).
    Ar,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 8] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::PtBr,
        Lang::ZhCn,
        Lang::Ja,
        Lang::Ar,
    ];

    /// The BCP 47 tag: the catalogue's folder, `<html lang>`, the `lang` cookie's value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
            Lang::ZhCn => "zh-CN",
            Lang::Ja => "ja",
            Lang::Ar => "ar",
        }
    }

    /// The language's name in itself, as language pickers show it (never translated).
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::PtBr => "Português (Brasil)",
            Lang::ZhCn => "简体中文",
            Lang::Ja => "日本語",
            Lang::Ar => "العربية",
        }
    }

    /// The writing direction: `rtl` for Arabic, `ltr` otherwise (`<html dir>`).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language a tag names (any case; `pt` is Brazilian Portuguese, `zh`, `zh-Hans` and
    /// `zh-SG` Simplified Chinese), or `None`. Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`)
    /// is not Simplified Chinese and finds nothing.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let primary = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        Some(match primary {
            "en" => Lang::En,
            "de" => Lang::De,
            "fr" => Lang::Fr,
            "es" => Lang::Es,
            "pt" => Lang::PtBr,
            "ja" => Lang::Ja,
            "ar" => Lang::Ar,
            "zh" if rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo")) => return None,
            "zh" => Lang::ZhCn,
            _ => return None,
        })
    }

    /// The first language of an `Accept-Language` header that the interface speaks, by the
    /// header's weights (`q=0` refuses), or `None`.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut offered: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut fields = item.split(';');
                let tag = fields.next()?.trim();
                let q = fields
                    .find_map(|f| f.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some(())?;
                Some((q, i, Lang::parse(tag)?))
            })
            .collect();
        offered.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offered.first().map(|o| o.2)
    }
}

/// A placeholder's value in a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text (a name, a title).
    Text(String),
    /// A whole number (plurals choose by it).
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as i64)
            }
        })*
    };
}
number_args!(i32, i64, u8, u16, u32, u64, usize);

/// The wire form's marks (Unicode private-use characters, which no message's text holds):
/// between messages, after a key, and around placeholders and selects.
pub mod wire {
    /// Ends a message.
    pub const MESSAGE_END: char = '\u{E000}';
    /// Ends a message's key.
    pub const KEY_END: char = '\u{E001}';
    /// Starts a placeholder: its name follows, then [`END`].
    pub const VARIABLE: char = '\u{E002}';
    /// Ends a placeholder or a select.
    pub const END: char = '\u{E003}';
    /// Starts a select: its variable's name, then for each variant [`VARIANT`], the key,
    /// [`KEY_END`] and the pattern; then [`END`]. The default variant's key starts with `*`.
    pub const SELECT: char = '\u{E004}';
    /// Starts a select's variant.
    pub const VARIANT: char = '\u{E005}';
    /// Whether `c` is one of the marks.
    pub fn is_mark(c: char) -> bool {
        ('\u{E000}'..='\u{E005}').contains(&c)
    }
}

/// Formats a pattern in the catalogue's wire form (see [`wire`]) into `out` and returns what
/// follows it (a variant's pattern ends at the next [`wire::VARIANT`] or [`wire::END`]). A
/// select matches a number to a numeric key, then to its plural category (which `plural`
/// gives), text to its key, else takes the default variant.
pub fn format_wire<'a>(
    mut pattern: &'a str,
    args: &[(&str, Arg)],
    plural: &dyn Fn(i64) -> &'static str,
    out: &mut String,
) -> &'a str {
    let arg = |name: &str| args.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
    loop {
        let Some(at) = pattern.find(wire::is_mark) else {
            out.push_str(pattern);
            return "";
        };
        out.push_str(&pattern[..at]);
        let mark = pattern[at..].chars().next().unwrap_or(wire::END);
        let rest = &pattern[at + mark.len_utf8()..];
        match mark {
            wire::VARIABLE => {
                let (name, after) = rest.split_once(wire::END).unwrap_or((rest, ""));
                match arg(name) {
                    Some(Arg::Text(t)) => out.push_str(t),
                    Some(Arg::Number(n)) => out.push_str(&n.to_string()),
                    None => {
                        out.push_str("{$");
                        out.push_str(name);
                        out.push('}');
                    }
                }
                pattern = after;
            }
            wire::SELECT => {
                let (name, mut variants) = rest.split_once(wire::VARIANT).unwrap_or((rest, ""));
                let value = arg(name);
                let category = match value {
                    Some(Arg::Number(n)) => plural(*n),
                    _ => "",
                };
                // Each variant's words, formatted as they are read; the chosen one kept.
                let (mut exact, mut by_category, mut fallback) = (None, None, None);
                loop {
                    let (key, body) = variants.split_once(wire::KEY_END).unwrap_or((variants, ""));
                    let (is_default, key) = match key.strip_prefix('*') {
                        Some(k) => (true, k),
                        None => (false, key),
                    };
                    let mut said = String::new();
                    let after = format_wire(body, args, plural, &mut said);
                    match value {
                        Some(Arg::Number(n)) if key.parse::<i64>().ok() == Some(*n) => {
                            exact = exact.or(Some(said.clone()))
                        }
                        Some(Arg::Text(t)) if key == t => exact = exact.or(Some(said.clone())),
                        _ if !category.is_empty() && key == category => {
                            by_category = by_category.or(Some(said.clone()))
                        }
                        _ => {}
                    }
                    if is_default {
                        fallback = Some(said);
                    }
                    match after.chars().next() {
                        Some(wire::VARIANT) => variants = &after[wire::VARIANT.len_utf8()..],
                        Some(wire::END) => {
                            pattern = &after[wire::END.len_utf8()..];
                            break;
                        }
                        _ => {
                            pattern = "";
                            break;
                        }
                    }
                }
                out.push_str(&exact.or(by_category).or(fallback).unwrap_or_default());
            }
            // A variant's end: what follows belongs to the select.
            _ => return &pattern[at..],
        }
    }
}

/// Which of the app's words a hydrated page carries: the Admin Panel's and Settings' words only
/// on their pages; the client fetches them ([`ensure_part`]) when it navigates there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CataloguePart {
    /// The chat app's pages: everything but Settings' and the Admin Panel's words.
    App = 0,
    /// `/settings` and `/links`: the app's and Settings' words.
    Settings = 1,
    /// `/admin/…`: every word of `app.ftl`.
    Admin = 2,
}

impl CataloguePart {
    /// Every part, smallest first.
    pub const ALL: [CataloguePart; 3] = [CataloguePart::App, CataloguePart::Settings, CataloguePart::Admin];

    /// Its name, as the page's catalogue and `catalogue_words` name it.
    pub fn name(self) -> &'static str {
        match self {
            CataloguePart::App => "app",
            CataloguePart::Settings => "settings",
            CataloguePart::Admin => "admin",
        }
    }

    /// The part `name` names; anything else is the whole catalogue.
    pub fn parse(name: &str) -> Self {
        match name {
            "app" => CataloguePart::App,
            "settings" => CataloguePart::Settings,
            _ => CataloguePart::Admin,
        }
    }

    /// The part the page at `path` carries.
    pub fn of_path(path: &str) -> Self {
        if path == "/admin" || path.starts_with("/admin/") {
            CataloguePart::Admin
        } else if path == "/settings" || path == "/links" {
            CataloguePart::Settings
        } else {
            CataloguePart::App
        }
    }

    /// Whether this part holds message `key`.
    pub fn holds(self, key: &str) -> bool {
        // The Admin Panel's Connections tab; the chat page's model picker and notice stay.
        const ADMIN_CONNECTIONS: &[&str] = &[
            "conn-none-yet",
            "conn-title",
            "conn-add-connection",
            "conn-no-key",
            "conn-optional",
            "conn-connection-saved",
            "conn-connection-added",
            "conn-connection-deleted",
            "conn-base-url",
            "conn-api-key",
            "conn-enabled",
            "conn-verify",
            "conn-verifying",
            "conn-add-connection-2",
            "conn-delete-connection",
            "conn-intro",
            "conn-delete-text",
        ];
        let admin_only = (key.starts_with("admin-") && key != "admin-waiting-approval-badge")
            || ADMIN_CONNECTIONS.contains(&key);
        match self {
            CataloguePart::Admin => true,
            CataloguePart::Settings => !admin_only,
            CataloguePart::App => !admin_only && !key.starts_with("settings-"),
        }
    }
}

/// Whether the page's catalogue lacks `part`'s words (the client navigated here from a page that
/// carried fewer; the shell then fetches them and hands them to [`add_part`]). Never on the
/// server, which writes every page with its part.
pub fn lacks(part: CataloguePart) -> bool {
    #[cfg(feature = "hydrate")]
    {
        client::lacks(part)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = part;
        false
    }
}

/// Adds `part`'s words (the [`wire`] form) to the page's catalogue.
pub fn add_part(part: CataloguePart, words: &str) {
    #[cfg(feature = "hydrate")]
    client::add_part(part, words);
    #[cfg(not(feature = "hydrate"))]
    let _ = (part, words);
}

/// The language of the page being written (server) or shown (browser).
pub fn current() -> Lang {
    #[cfg(feature = "ssr")]
    {
        server::current()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        client::current()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::En
    }
}

/// Message `key` of the current language, its placeholders filled from `args`. A key the
/// catalogue lacks answers itself (the parity test keeps that from happening).
pub fn tr_with(key: &str, args: &[(&str, Arg)]) -> String {
    #[cfg(feature = "ssr")]
    {
        server::format(current(), key, args)
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        client::format(key, args)
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        let _ = args;
        key.to_owned()
    }
}

/// Message `key` of the current language.
pub fn tr(key: &str) -> String {
    tr_with(key, &[])
}

/// The words of catalogue message `key` in the page's language, placeholders given by name:
/// `t!("common-copy")`, `t!("chat-messages", count = n)`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_with($key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn tags_and_accept_language_find_the_languages() {
        assert_eq!(Lang::parse("pt-br"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("zh-TW"), None);
        assert_eq!(Lang::parse("ru"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(
            Lang::from_accept_language("ru-RU,ru;q=0.9,de;q=0.8,en;q=0.7"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("en;q=0.5, ja"), Some(Lang::Ja));
        assert_eq!(Lang::from_accept_language("fr;q=0, es;q=0.1"), Some(Lang::Es));
        assert_eq!(Lang::from_accept_language("ru, *;q=0.5"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }
}
