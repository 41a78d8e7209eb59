//! Markdown to safe HTML, on the server only: pulldown-cmark renders (raw HTML in the text is
//! shown as text), ammonia sanitises (no event attributes, no `javascript:` or `data:` URLs), and
//! links get `rel="noopener noreferrer nofollow"` and open in a new tab.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, Event, Options, Parser};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener noreferrer nofollow"))
            .set_tag_attribute_value("a", "target", "_blank")
            .add_tag_attributes("code", &["class"])
            .add_tag_attributes("span", &["class"]);
        b
    })
}

/// What goes before each code block: a wrapper and its copy button (the client handles the
/// click). Added after sanitising, so it is the only markup the sanitiser did not see.
const CODE_BLOCK_OPEN: &str =
    "<div class=\"code-block\"><button type=\"button\" class=\"code-copy\" aria-label=\"Copy code\">Copy</button>";

/// Renders `markdown` to sanitised HTML; code blocks get a copy button.
pub fn render(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    // Raw HTML in a message is shown as the text it is, never parsed (ChatGPT does the same);
    // the sanitiser below is the second line of defence.
    let events = Parser::new_ext(markdown, opts).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    html::push_html(&mut raw, events);
    let clean = sanitizer().clean(&raw).to_string();
    with_copy_buttons(&clean)
}

/// Wraps every `<pre …>…</pre>` of sanitised HTML in a code block with a copy button. In
/// sanitised output `<pre` only starts a real element (text `<` is escaped as `&lt;`).
fn with_copy_buttons(html: &str) -> String {
    if !html.contains("<pre") {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let opens = rest.starts_with("<pre>") || rest.starts_with("<pre ");
        if opens {
            out.push_str(CODE_BLOCK_OPEN);
            out.push('<');
        } else if rest.starts_with("</pre>") {
            out.push_str("</pre></div>");
            rest = &rest["</pre>".len()..];
            continue;
        } else {
            out.push('<');
        }
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_renders_and_dangerous_html_is_inert() {
        assert!(render("**bold** `x`").contains("<strong>bold</strong>"));
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "![i](javascript:alert(1))",
            "<a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">s</div>",
            "<math><mtext><script>alert(1)</script></mtext></math>",
            "[x](&#106;avascript:alert(1))",
        ];
        for md in cases {
            let out = render(md).to_lowercase();
            // Every tag of the output (text `<` is escaped, so each `<` starts a real tag).
            for tag in out
                .split('<')
                .skip(1)
                .map(|t| t.split('>').next().unwrap_or_default())
            {
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '/'])
                    .next()
                    .unwrap_or_default();
                assert!(
                    ["p", "a", "code", "pre", "em", "strong", "img", "div", "button"].contains(&name),
                    "{md} → {out}: <{tag}>"
                );
                assert!(
                    !tag.contains(" on") && !tag.contains("style="),
                    "{md} → {out}: <{tag}>"
                );
                assert!(
                    !tag.contains("javascript:") && !tag.contains("data:"),
                    "{md} → {out}: <{tag}>"
                );
            }
        }
        assert!(
            render("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "raw HTML is shown as text"
        );
        let code = render("```rust\nfn main() {}\n```\n\n`<pre>` inline");
        assert!(
            code.starts_with("<div class=\"code-block\"><button type=\"button\" class=\"code-copy\"")
                && code.contains("<pre><code class=\"language-rust\">fn main() {}")
                && code.contains("</pre></div>"),
            "{code}"
        );
        assert_eq!(
            code.matches("<div").count(),
            code.matches("</div>").count(),
            "{code}"
        );
        assert_eq!(
            code.matches("code-copy").count(),
            1,
            "the inline `<pre>` is text: {code}"
        );
        let link = render("[site](https://example.com)");
        assert!(
            link.contains("rel=\"noopener noreferrer nofollow\"") && link.contains("target=\"_blank\""),
            "{link}"
        );
    }
}
