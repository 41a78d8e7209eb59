//! The catalogue of the interface's words (`app/locales/{code}/*.ftl`), checked on the files and
//! the source: every language has every message English has, no other, and no placeholder
//! English lacks; every file parses; every key the source names exists; and no component says
//! English words outside the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// The languages, English first (as `app::i18n::Lang` names them).
const LANGUAGES: &[&str] = &["en", "de", "fr", "es", "pt-BR", "zh-CN", "ja", "ar"];

/// The catalogue's files in every language.
const FILES: &[&str] = &["app.ftl", "pages.ftl", "errors.ftl"];

/// Component files whose words are not in the catalogue yet: the pages off the seed's
/// walk-through (sign-in, chat, Share dialog, shared page, Settings, Admin Panel → Settings →
/// General). Each is English only until it moves here; the list only shrinks.
const NOT_YET_TRANSLATED: &[&str] = &[
    "app/src/accounts/sso/components.rs",
    "app/src/admin/add_user.rs",
    "app/src/chats/import_panel.rs",
    "app/src/community/moderation.rs",
    "app/src/community/upload.rs",
    "app/src/folders/page.rs",
    "app/src/groups/components.rs",
    "app/src/share/links.rs",
    "app/src/share/oversight_panels.rs",
    "app/src/shortcuts.rs",
];

/// Literals a component may show as they are: names and notations that are the same in every
/// language.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "chatshare",
    "Markdown",
    "JSON",
    "Authorization: Bearer sk-…",
    "http://localhost:11434/v1",
    // Robots directives.
    "index, follow",
    "noindex, nofollow",
];

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("app/locales")
}

/// Each message of `source` with the variables its value and variants use.
fn messages(path: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: {} has no value", path.display(), m.id.name));
                pattern_variables(value, &mut vars);
                let again = out.insert(m.id.name.to_owned(), vars);
                assert!(
                    again.is_none(),
                    "{}: {} is defined twice",
                    path.display(),
                    m.id.name
                );
            }
            Entry::Junk { content } => panic!("{}: cannot read {content:?}", path.display()),
            _ => {}
        }
    }
    out
}

fn pattern_variables(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, vars);
        }
    }
}

fn expression_variables(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_variables(selector, vars);
            for v in variants {
                pattern_variables(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_variables(i, vars),
    }
}

fn inline_variables(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_has_every_english_message_and_no_placeholder_english_lacks() {
    let mut problems = Vec::new();
    let mut seen_in: BTreeMap<String, &str> = BTreeMap::new();
    for file in FILES {
        let english = messages(&locales().join("en").join(file));
        assert!(!english.is_empty(), "en/{file} is empty");
        for key in english.keys() {
            if let Some(other) = seen_in.insert(key.clone(), file) {
                problems.push(format!("{key} is in both {other} and {file}"));
            }
        }
        for lang in &LANGUAGES[1..] {
            let theirs = messages(&locales().join(lang).join(file));
            for (key, vars) in &english {
                match theirs.get(key) {
                    None => problems.push(format!("{lang}/{file} lacks {key}")),
                    Some(their_vars) => {
                        for v in their_vars.difference(vars) {
                            problems.push(format!("{lang}/{file}: {key} has ${v}, which English lacks"));
                        }
                    }
                }
            }
            for key in theirs.keys().filter(|k| !english.contains_key(*k)) {
                problems.push(format!("{lang}/{file} has {key}, which English lacks"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_languages_are_the_folders() {
    let mut folders: Vec<String> = std::fs::read_dir(locales())
        .expect("app/locales")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut expected: Vec<String> = LANGUAGES.iter().map(|l| (*l).to_owned()).collect();
    expected.sort();
    assert_eq!(folders, expected);
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source of `app/src` and `src`, file by file, without each file's tests.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("app/src"), &mut files);
    rust_files(&root.join("src"), &mut files);
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("read a source file");
            let text = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            let name = f.strip_prefix(root).unwrap_or(&f).to_string_lossy().into_owned();
            (name, text)
        })
        .collect()
}

#[test]
fn every_key_the_source_names_is_in_the_english_catalogue() {
    let mut english = BTreeSet::new();
    for file in FILES {
        english.extend(messages(&locales().join("en").join(file)).into_keys());
    }
    let mut missing = Vec::new();
    for (name, text) in sources() {
        for (at, _) in text.match_indices("t!(\"") {
            // `t!(`, not `format!(` or `print!(`.
            if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + 4..];
            let key = &rest[..rest.find('"').unwrap_or(0)];
            if !english.contains(key) {
                missing.push(format!("{name}: {key}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys the catalogue lacks:\n{}",
        missing.join("\n")
    );
}

/// The string literals of `line` that a view shows as text: a child (`>"…"`, or alone on its
/// line) or a label-like attribute (`aria-label`, `placeholder`, `title`, `alt`, `text`).
fn shown_literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(start) = line[i..].find('"').map(|s| s + i) {
        // The literal's end (skipping escaped quotes).
        let mut end = start + 1;
        while end < bytes.len() && !(bytes[end] == b'"' && bytes[end - 1] != b'\\') {
            end += 1;
        }
        if end >= bytes.len() {
            break;
        }
        let literal = &line[start + 1..end];
        let before = line[..start].trim_end();
        let after = line[end + 1..].trim_start();
        let attribute = ["aria-label=", "placeholder=", "title=", "alt=", "text="]
            .iter()
            .any(|a| before.ends_with(a));
        let child = (before.ends_with('>') && !before.ends_with("=>"))
            || (before.is_empty() && (after.is_empty() || after.starts_with('<')))
            || after.starts_with(".into_any()");
        if attribute || child {
            out.push(literal.to_owned());
        }
        i = end + 1;
    }
    out
}

/// Whether `literal` holds words (two letters in a row).
fn has_words(literal: &str) -> bool {
    literal
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
}

#[test]
fn components_say_no_words_outside_the_catalogue() {
    let mut found = Vec::new();
    for (name, text) in sources() {
        if !text.contains("view!") || NOT_YET_TRANSLATED.iter().any(|f| name.ends_with(f)) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            // Code and keys shown as themselves.
            if line.contains("<code>") || line.contains("<kbd>") {
                continue;
            }
            for literal in shown_literals(line) {
                // (A format string is code, not a view's text: messages go through the catalogue's
                // placeholders, and errors through errors.ftl.)
                let format_string = literal.contains('{');
                if has_words(&literal)
                    && !format_string
                    && !SAME_IN_EVERY_LANGUAGE.contains(&literal.as_str())
                {
                    found.push(format!("{name}:{}: \"{literal}\"", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "words a component shows outside the catalogue (put them in app/locales/en/app.ftl and say them with t!):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_source_check_finds_a_literal_in_a_view() {
    assert_eq!(
        shown_literals(r#"<p class="muted">"Loading…"</p>"#),
        vec!["Loading…"]
    );
    assert_eq!(shown_literals(r#"<button aria-label="Close">"#), vec!["Close"]);
    assert_eq!(shown_literals(r#"            "Sign in""#), vec!["Sign in"]);
    assert!(shown_literals(r#"<a class="button" href="/">{t!("common-back")}</a>"#).is_empty());
    assert!(shown_literals(r#"(true, _) => "x","#).is_empty());
    assert!(has_words("Sign in") && !has_words("· ") && !has_words("☰"));
}
