//! Syntax highlighting of code blocks, on the server (the stored rendering keeps it; the client
//! carries none of it): comments, strings, numbers and keywords of the languages people paste
//! most, as `<span class="hl-…">`. A small scanner, not a parser: it never fails, is linear in
//! the code, and leaves a language it does not know as plain text.

/// How one language writes comments, strings and keywords.
struct Lang {
    /// What starts a comment to the end of the line.
    line: &'static [&'static str],
    /// What opens and closes a block comment.
    block: Option<(&'static str, &'static str)>,
    /// The characters that quote a string.
    quotes: &'static str,
    keywords: &'static [&'static str],
}

const C_LIKE: (&[&str], Option<(&str, &str)>) = (&["//"], Some(("/*", "*/")));

const RUST: Lang = Lang {
    line: C_LIKE.0,
    block: C_LIKE.1,
    quotes: "\"",
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "false", "fn",
        "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
        "while",
    ],
};
const PYTHON: Lang = Lang {
    line: &["#"],
    block: None,
    quotes: "\"'",
    keywords: &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None",
        "nonlocal", "not", "or", "pass", "raise", "return", "True", "try", "while", "with", "yield",
    ],
};
const SCRIPT: Lang = Lang {
    line: C_LIKE.0,
    block: C_LIKE.1,
    quotes: "\"'`",
    keywords: &[
        "async",
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "default",
        "delete",
        "do",
        "else",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "from",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "of",
        "return",
        "static",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "type",
        "typeof",
        "undefined",
        "var",
        "void",
        "while",
        "yield",
    ],
};
const GO: Lang = Lang {
    line: C_LIKE.0,
    block: C_LIKE.1,
    quotes: "\"'`",
    keywords: &[
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "false",
        "for",
        "func",
        "go",
        "if",
        "import",
        "interface",
        "map",
        "nil",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "true",
        "type",
        "var",
    ],
};
const C_FAMILY: Lang = Lang {
    line: C_LIKE.0,
    block: C_LIKE.1,
    quotes: "\"'",
    keywords: &[
        "abstract",
        "auto",
        "bool",
        "break",
        "case",
        "catch",
        "char",
        "class",
        "const",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extends",
        "false",
        "final",
        "float",
        "for",
        "if",
        "implements",
        "import",
        "include",
        "int",
        "long",
        "namespace",
        "new",
        "null",
        "nullptr",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "short",
        "static",
        "struct",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typedef",
        "unsigned",
        "using",
        "var",
        "virtual",
        "void",
        "while",
    ],
};
const SHELL: Lang = Lang {
    line: &["#"],
    block: None,
    quotes: "\"'",
    keywords: &[
        "case", "do", "done", "elif", "else", "esac", "export", "fi", "for", "function", "if", "in", "local",
        "return", "then", "while",
    ],
};
const SQL: Lang = Lang {
    line: &["--"],
    block: C_LIKE.1,
    quotes: "'",
    keywords: &[
        "and", "as", "by", "create", "delete", "desc", "from", "group", "having", "in", "index", "insert",
        "into", "join", "left", "limit", "not", "null", "on", "or", "order", "primary", "key", "select",
        "set", "table", "update", "values", "where", "AND", "AS", "BY", "CREATE", "DELETE", "DESC", "FROM",
        "GROUP", "HAVING", "IN", "INDEX", "INSERT", "INTO", "JOIN", "LEFT", "LIMIT", "NOT", "NULL", "ON",
        "OR", "ORDER", "PRIMARY", "KEY", "SELECT", "SET", "TABLE", "UPDATE", "VALUES", "WHERE",
    ],
};
const DATA: Lang = Lang {
    line: &["#"],
    block: None,
    quotes: "\"'",
    keywords: &["true", "false", "null"],
};

/// The language a code block's name means, if it is one of ours.
fn lang_of(name: &str) -> Option<&'static Lang> {
    Some(match name.to_ascii_lowercase().as_str() {
        "rust" | "rs" => &RUST,
        "python" | "py" => &PYTHON,
        "javascript" | "js" | "jsx" | "typescript" | "ts" | "tsx" | "mjs" => &SCRIPT,
        "go" | "golang" => &GO,
        "c" | "h" | "cpp" | "c++" | "cc" | "hpp" | "java" | "csharp" | "cs" | "c#" | "kotlin" | "kt"
        | "swift" => &C_FAMILY,
        "bash" | "sh" | "shell" | "zsh" | "console" => &SHELL,
        "sql" | "postgresql" | "sqlite" | "mysql" => &SQL,
        "json" | "yaml" | "yml" | "toml" => &DATA,
        _ => return None,
    })
}

/// `code` (plain text) as escaped HTML with its comments, strings, numbers and keywords in
/// `<span class="hl-c|hl-s|hl-n|hl-k">`; `None` for a language we do not know.
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let lang = lang_of(language)?;
    let mut out = String::with_capacity(code.len() * 3 / 2);
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let Some(c) = rest.chars().next() else { break };
        let taken = if lang.line.iter().any(|p| rest.starts_with(p)) {
            let end = rest.find('\n').unwrap_or(rest.len());
            span(&mut out, "hl-c", &rest[..end]);
            end
        } else if let Some((open, close)) = lang.block.filter(|(open, _)| rest.starts_with(open)) {
            let end = rest[open.len()..]
                .find(close)
                .map_or(rest.len(), |j| open.len() + j + close.len());
            span(&mut out, "hl-c", &rest[..end]);
            end
        } else if lang.quotes.contains(c) {
            let end = string_end(rest, c);
            span(&mut out, "hl-s", &rest[..end]);
            end
        } else if c.is_ascii_digit() && !code[..i].ends_with(is_word) {
            let end = rest
                .find(|d: char| !(d.is_ascii_alphanumeric() || d == '.' || d == '_'))
                .unwrap_or(rest.len());
            span(&mut out, "hl-n", &rest[..end]);
            end
        } else if is_word(c) {
            let end = rest.find(|d: char| !is_word(d)).unwrap_or(rest.len());
            let word = &rest[..end];
            if lang.keywords.contains(&word) {
                span(&mut out, "hl-k", word);
            } else {
                escape(&mut out, word);
            }
            end
        } else {
            escape(&mut out, &rest[..c.len_utf8()]);
            c.len_utf8()
        };
        i += taken.max(c.len_utf8());
    }
    Some(out)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where the string opened by `quote` at the start of `s` ends (after its closing quote; at the
/// line's end for an unclosed one, except a backtick, which spans lines).
fn string_end(s: &str, quote: char) -> usize {
    let mut escaped = false;
    for (j, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '\n' if quote != '`' => return j,
            c if c == quote => return j + c.len_utf8(),
            _ => {}
        }
    }
    s.len()
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape(out, text);
    out.push_str("</span>");
}

fn escape(out: &mut String, text: &str) {
    out.push_str(&crate::format::escape_html_text(text));
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn keywords_strings_comments_and_numbers_are_marked() {
        let html = highlight(
            "fn main() { let n = 42; // the answer\n println!(\"a // b <c>\"); }",
            "rust",
        )
        .expect("rust is known");
        assert!(
            html.starts_with("<span class=\"hl-k\">fn</span> main()"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-k\">let</span> n = <span class=\"hl-n\">42</span>;"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-c\">// the answer</span>\n"),
            "{html}"
        );
        // A comment marker inside a string is the string's; markup in code is escaped.
        assert!(
            html.contains("<span class=\"hl-s\">&quot;a // b &lt;c&gt;&quot;</span>"),
            "{html}"
        );
        assert_eq!(highlight("x = 1", "brainfuck"), None);
    }

    #[test]
    fn the_scanner_keeps_every_character_and_never_runs_away() {
        for (code, lang) in [
            ("def f():\n    return 'it\\'s'  # done", "python"),
            ("/* never closed", "js"),
            ("\"never closed\nnext line", "go"),
            ("SELECT 1 -- one", "sql"),
            ("é ✓ 日本 x2 2x", "rust"),
        ] {
            let html = highlight(code, lang).expect("known");
            let text = html
                .split('<')
                .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
                .collect::<String>()
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert_eq!(text, code, "{html}");
        }
        assert!(highlight("def f():\n    return 'it\\'s'  # done", "py")
            .expect("known")
            .contains(
                "<span class=\"hl-s\">&#39;it\\&#39;s&#39;</span>  <span class=\"hl-c\"># done</span>"
            ));
    }
}
