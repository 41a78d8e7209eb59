//! Markdown to safe HTML, on the server only: pulldown-cmark renders, ammonia sanitises (no raw
//! HTML survives unless harmless, no event attributes, no `javascript:` or `data:` URLs), and
//! links get `rel="noopener noreferrer nofollow"` and open in a new tab.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, Options, Parser};

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

/// Renders `markdown` to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, opts));
    sanitizer().clean(&raw).to_string()
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
            assert!(!out.contains("<script"), "{md} → {out}");
            assert!(
                !out.contains("onerror") && !out.contains("onload"),
                "{md} → {out}"
            );
            assert!(!out.contains("javascript:"), "{md} → {out}");
            assert!(!out.contains("data:text"), "{md} → {out}");
            assert!(
                !out.contains("<iframe") && !out.contains("<svg") && !out.contains("style="),
                "{md} → {out}"
            );
        }
        let link = render("[site](https://example.com)");
        assert!(
            link.contains("rel=\"noopener noreferrer nofollow\"") && link.contains("target=\"_blank\""),
            "{link}"
        );
    }
}
