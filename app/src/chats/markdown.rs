//! Markdown to safe HTML, on the server only: pulldown-cmark renders (raw HTML in the text is
//! shown as text), ammonia sanitises (no event attributes, no `javascript:` or `data:` URLs), and
//! links get `rel="noopener noreferrer nofollow"` and open in a new tab.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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

/// Deepest nesting of markdown blocks and inlines that is rendered as structure; deeper
/// openings and closings are dropped and their text kept. Deep nesting is what made the HTML
/// sanitiser's tree building slow (60,000 `>` took 20 s); nobody writes 32 levels on purpose.
pub const MAX_DEPTH: usize = 32;
/// Longest markdown rendered as markdown, in bytes (a message is at most 200,000); a longer
/// text is shown as plain text.
pub const MAX_RENDER_BYTES: usize = 256 * 1024;
/// Longest time the rendering of one page's messages may take before they are shown as plain
/// text instead (it runs on the blocking pool, never on the async threads).
pub const RENDER_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// Renders `markdown` to sanitised HTML; code blocks get a copy button. Nesting deeper than
/// [`MAX_DEPTH`] is flattened, remote images become links (a reader's browser fetches nothing
/// from another host by opening a chat), and a text over [`MAX_RENDER_BYTES`] is shown plain.
/// Linear in the input. Blocking work: call it through [`render_all`] on a request path.
pub fn render(markdown: &str) -> String {
    if markdown.len() > MAX_RENDER_BYTES {
        return plain(markdown);
    }
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    // Raw HTML in a message is shown as the text it is, never parsed (ChatGPT does the same);
    // the sanitiser below is the second line of defence.
    let mut shape = Shape::default();
    let events = Parser::new_ext(markdown, opts).filter_map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        other => shape.event(other),
    });
    html::push_html(&mut raw, highlighted(events).into_iter());
    let clean = sanitizer().clean(&raw).to_string();
    with_copy_buttons(&clean)
}

/// Renders every text of `markdowns` on the blocking pool within [`RENDER_BUDGET`]; if that
/// runs out (or the task fails), every text is shown plain instead. The answer has one HTML
/// string per input, in order.
pub async fn render_all(markdowns: Vec<String>) -> Vec<String> {
    render_within(markdowns, RENDER_BUDGET, render).await
}

/// [`render_all`] with a given budget and renderer (the tests' slow one).
async fn render_within(
    markdowns: Vec<String>,
    budget: std::time::Duration,
    renderer: fn(&str) -> String,
) -> Vec<String> {
    if markdowns.is_empty() {
        return Vec::new();
    }
    let fallback: Vec<String> = markdowns.iter().map(|m| plain(m)).collect();
    let task = tokio::task::spawn_blocking(move || markdowns.iter().map(|m| renderer(m)).collect());
    match tokio::time::timeout(budget, task).await {
        Ok(Ok(html)) => html,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "markdown rendering failed; showing plain text");
            fallback
        }
        Err(_) => {
            tracing::warn!("markdown rendering ran over its time budget; showing plain text");
            fallback
        }
    }
}

/// `text` as an escaped, pre-wrapped paragraph: what a message looks like when it is not
/// rendered as markdown.
pub fn plain(text: &str) -> String {
    format!("<p class=\"plain\">{}</p>", crate::format::escape_html_text(text))
}

/// The words of a markdown text without its markup (`**borrow checker**` → `borrow checker`):
/// its text and inline code, blocks separated by spaces; at most `max_chars` characters read.
pub fn words_of(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
        if out.len() >= max_chars * 4 {
            break;
        }
    }
    out
}

/// The event filter that bounds nesting and turns remote images into links.
#[derive(Default)]
struct Shape {
    /// One entry per open tag: whether it was passed on (false beyond [`MAX_DEPTH`]) and whether
    /// it was an image turned into a link.
    open: Vec<(bool, bool)>,
}

impl Shape {
    fn event<'a>(&mut self, e: Event<'a>) -> Option<Event<'a>> {
        match e {
            Event::Start(tag) => {
                let kept = self.open.len() < MAX_DEPTH;
                let (tag, relinked) = match tag {
                    Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    } if is_remote(&dest_url) => (
                        Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        },
                        true,
                    ),
                    other => (other, false),
                };
                self.open.push((kept, relinked));
                kept.then_some(Event::Start(tag))
            }
            Event::End(end) => {
                let (kept, relinked) = self.open.pop().unwrap_or((true, false));
                let end = if relinked { TagEnd::Link } else { end };
                kept.then_some(Event::End(end))
            }
            other => Some(other),
        }
    }
}

/// The events with each fenced code block in a language [`super::highlight`] knows as one
/// piece of highlighted HTML (the sanitiser then sees it, like all the rest).
fn highlighted<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // The open code block's language and text.
    let mut code: Option<(String, String)> = None;
    for e in events {
        match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) => {
                let lang = info.split_whitespace().next().unwrap_or_default().to_owned();
                code = Some((lang, String::new()));
                out.push(e);
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    out.push(match super::highlight::highlight(&text, &lang) {
                        Some(html) => Event::Html(html.into()),
                        None => Event::Text(text.into()),
                    });
                }
                out.push(e);
            }
            e => out.push(e),
        }
    }
    out
}

/// Whether an image URL points at another host (anything but a path on this server).
fn is_remote(url: &str) -> bool {
    let u = url.trim();
    !u.starts_with('/') || u.starts_with("//")
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
            if let Some(lang) = code_language(rest) {
                out.push_str("<span class=\"code-lang\">");
                out.push_str(lang);
                out.push_str("</span>");
            }
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

/// The language a code block starting at `pre` (`<pre><code class="language-rust">…`) names, when
/// it is a plain name (letters, digits, `+#._-`, at most 24 characters): its label.
fn code_language(pre: &str) -> Option<&str> {
    let rest = pre.strip_prefix("<pre><code class=\"language-")?;
    let end = rest.find('"')?;
    let lang = &rest[..end];
    let plain = |c: char| c.is_ascii_alphanumeric() || "+#._-".contains(c);
    (!lang.is_empty() && lang.len() <= 24 && lang.chars().all(plain)).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::{render, words_of};

    #[test]
    fn a_title_gets_the_words_without_the_markup() {
        let words = |md| words_of(md, 400).split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            words("Why does the **borrow checker** hate me?"),
            "Why does the borrow checker hate me?"
        );
        assert_eq!(
            words("# Plan\n\n- `cargo` _build_\n- [docs](https://x.example)"),
            "Plan cargo build docs"
        );
        assert_eq!(words("![cat](cat.png)"), "cat");
        assert_eq!(
            crate::chats::service::first_words("**A** b c d e f g h i j"),
            "A b c d e f g h"
        );
    }

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
        // Highlighted markup goes through the sanitiser like the rest: a code block cannot
        // smuggle an element in.
        let smuggled = render("```js\n\"</span><img src=x onerror=alert(1)>\"\n```");
        assert!(!smuggled.contains("<img"), "{smuggled}");
        assert!(
            code.starts_with("<div class=\"code-block\"><button type=\"button\" class=\"code-copy\"")
                && code
                    .contains("<pre><code class=\"language-rust\"><span class=\"hl-k\">fn</span> main() {}")
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
        assert!(
            code.contains("Copy</button><span class=\"code-lang\">rust</span><pre>"),
            "a code block is labelled with its language: {code}"
        );
        for fence in [
            "```\nx\n```",
            "```<img src=x onerror=alert(1)>\nx\n```",
            "```a\"b\nx\n```",
        ] {
            let out = render(fence);
            assert!(!out.contains("code-lang"), "no label for {fence:?}: {out}");
        }
        let image = render("![pixel](https://tracker.example/p.png?reader=1)");
        assert!(
            !image.contains("<img")
                && image.contains("href=\"https://tracker.example/p.png?reader=1\"")
                && image.contains(">pixel</a>"),
            "a remote image becomes a link: {image}"
        );
        assert!(render("![logo](/favicon.svg)").contains("<img src=\"/favicon.svg\""));
        let link = render("[site](https://example.com)");
        assert!(
            link.contains("rel=\"noopener noreferrer nofollow\"") && link.contains("target=\"_blank\""),
            "{link}"
        );
    }
}

#[cfg(test)]
mod hostile {
    use super::*;

    #[test]
    fn deep_nesting_is_flattened_and_linear() {
        for depth in [1_000, 60_000] {
            let md = ">".repeat(depth) + " deep";
            let started = std::time::Instant::now();
            let out = render(&md);
            assert!(out.contains("deep"), "{out}");
            assert!(
                out.matches("<blockquote>").count() <= MAX_DEPTH,
                "at most {MAX_DEPTH} levels"
            );
            assert_eq!(
                out.matches("<blockquote>").count(),
                out.matches("</blockquote>").count()
            );
            // A figure, not a check (its target is in `make bench`): before the cap 60,000
            // levels took over 20 s.
            println!("{depth} levels: {:?}", started.elapsed());
        }
        let lists = "- ".repeat(20_000) + "x";
        assert!(render(&lists).matches("<ul>").count() <= MAX_DEPTH);
        let inline = "*".repeat(30_000) + "x" + &"*".repeat(30_000);
        let started = std::time::Instant::now();
        assert!(render(&inline).contains('x'));
        println!("30,000 nested emphasis marks: {:?}", started.elapsed());
    }

    #[test]
    fn over_the_size_limit_is_plain_text() {
        let md = "**b** <i>".repeat(MAX_RENDER_BYTES / 9 + 1);
        let out = render(&md);
        assert!(
            out.starts_with("<p class=\"plain\">**b** &lt;i&gt;"),
            "{}",
            &out[..60]
        );
    }

    #[tokio::test]
    async fn over_the_time_budget_every_message_is_plain_text() {
        fn slow(markdown: &str) -> String {
            std::thread::sleep(std::time::Duration::from_millis(300));
            render(markdown)
        }
        let budget = std::time::Duration::from_millis(50);
        let html = render_within(vec!["**a** <b>".into(), "c".into()], budget, slow).await;
        assert_eq!(
            html,
            vec![
                "<p class=\"plain\">**a** &lt;b&gt;</p>".to_owned(),
                "<p class=\"plain\">c</p>".to_owned()
            ]
        );
    }

    #[tokio::test]
    async fn render_all_keeps_order() {
        let html = render_all(vec!["*a*".into(), "b".into()]).await;
        assert_eq!(
            html,
            vec!["<p><em>a</em></p>\n".to_owned(), "<p>b</p>\n".to_owned()]
        );
    }
}
