//! A share link's preview card: the 1200×630 PNG that `og:image` and `twitter:image` point at,
//! so that a link pasted into a chat app or a mail shows the chat, not a bare title.
//!
//! Drawn by the server (an SVG of our own, rasterised by resvg with an embedded DejaVu Sans:
//! no headless browser, no system fonts), in the reading style's light theme. A link anyone may
//! open gets its own card (title, the first question's opening words, the model, the owner's
//! name and the instance's name), drawn once per link version and kept in `share_card`; any
//! other link (members only, a password, expired) gets the instance's generic card, which
//! says nothing of the chat, not even its title.

use std::sync::{Arc, LazyLock, Mutex};

use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait};
use uuid::Uuid;

use super::password::Presented;
use crate::chats::doc::ChatDoc;
use crate::chats::MessageRole;
use crate::entities::share_card;
use crate::error::{AppError, AppResult};
use crate::instance::SettingsDefaults;

/// The card's size, as link previews expect it.
pub const WIDTH: u32 = 1200;
/// The card's height.
pub const HEIGHT: u32 = 630;

/// Bumped when the drawing changes, so that kept cards are drawn again.
const DESIGN: &str = "card-1";

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const FAMILY: &str = "DejaVu Sans";

/// What a link's own card shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CardText {
    /// The chat's title.
    pub title: String,
    /// The first question's opening words (without markup).
    pub question: String,
    /// The model of the first answer.
    pub model: Option<String>,
    /// Who shared it.
    pub owner: String,
}

/// A card, and whether it is the link's own (`false`: the instance's generic card).
pub struct Card {
    /// The PNG.
    pub png: Arc<[u8]>,
    /// Whether it shows the chat.
    pub own: bool,
}

/// Link `share_id`'s card: its own for a link anyone may open (without a password), the
/// generic card for any other link, 404 for no link. Reading it counts no view.
pub async fn link_card(
    db: &DatabaseConnection,
    defaults: &SettingsDefaults,
    share_id: Uuid,
) -> AppResult<Card> {
    let instance = crate::instance::service::get(db, defaults).await?.instance_name;
    match super::service::view_with(db, None, share_id, &Presented::default()).await {
        Ok(snap) => {
            let text = card_text(&snap)?;
            let png = kept_or_drawn(db, share_id, &instance, text).await?;
            Ok(Card { png, own: true })
        }
        Err(e @ (AppError::NotFound(_) | AppError::Internal | AppError::Unavailable(_))) => Err(e),
        Err(_) => Ok(Card {
            png: generic_card(&instance).await?,
            own: false,
        }),
    }
}

/// What the card of the link `snap` (as a visitor reads it) shows.
fn card_text(snap: &super::service::Snapshot) -> AppResult<CardText> {
    let chat = ChatDoc::from_stored(&snap.row.chat)?;
    let messages = crate::chats::service::messages_view(&chat);
    let question = messages
        .iter()
        .find(|m| m.role == MessageRole::User)
        .map(|m| opening_words(&super::page::spoken_text(&m.text), 240))
        .unwrap_or_default();
    let model = messages
        .iter()
        .find(|m| m.role == MessageRole::Assistant)
        .and_then(|m| m.model.clone())
        .filter(|m| !m.trim().is_empty());
    Ok(CardText {
        title: snap.row.title.clone(),
        question,
        model,
        owner: snap
            .owner_name
            .clone()
            .unwrap_or_else(|| crate::accounts::service::FORMER_MEMBER.to_owned()),
    })
}

/// The first `max` characters of `text`'s words, on one line.
fn opening_words(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", one_line[..cut].trim_end()),
        None => one_line,
    }
}

/// The kept card of link `share_id` when it shows `text` (and the same instance name); else
/// drawn now and kept (a cache: failing to keep it costs a drawing next time, nothing else).
async fn kept_or_drawn(
    db: &DatabaseConnection,
    share_id: Uuid,
    instance: &str,
    text: CardText,
) -> AppResult<Arc<[u8]>> {
    use sea_orm::ActiveValue::Set;
    let what = serde_json::to_string(&(DESIGN, instance, &text)).map_err(|_| AppError::Internal)?;
    let source = crate::accounts::service::hash_secret(&what);
    if let Some(kept) = share_card::Entity::find_by_id(share_id).one(db).await? {
        if kept.source == source {
            return Ok(kept.png.into());
        }
    }
    let instance = instance.to_owned();
    let png = drawn(move || draw(&instance, Some(&text))).await?;
    let row = share_card::ActiveModel {
        share_id: Set(share_id),
        source: Set(source),
        png: Set(png.to_vec()),
    };
    if let Err(e) = share_card::Entity::insert(row)
        .on_conflict(
            OnConflict::column(share_card::Column::ShareId)
                .update_columns([share_card::Column::Source, share_card::Column::Png])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
    {
        tracing::debug!(error = %e, "could not keep a link's preview card");
    }
    Ok(png)
}

/// The generic card of the instance named `instance`. It depends on nothing else, so each
/// process draws it once (per name) and keeps it.
async fn generic_card(instance: &str) -> AppResult<Arc<[u8]>> {
    static KEPT: Mutex<Option<(String, Arc<[u8]>)>> = Mutex::new(None);
    if let Ok(kept) = KEPT.lock() {
        if let Some((_, png)) = kept.as_ref().filter(|(name, _)| name == instance) {
            return Ok(png.clone());
        }
    }
    let name = instance.to_owned();
    let png = drawn(move || draw(&name, None)).await?;
    if let Ok(mut kept) = KEPT.lock() {
        *kept = Some((instance.to_owned(), png.clone()));
    }
    Ok(png)
}

/// Runs a drawing off the async threads (it is CPU work: tens of milliseconds).
async fn drawn(work: impl FnOnce() -> AppResult<Vec<u8>> + Send + 'static) -> AppResult<Arc<[u8]>> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "drawing a preview card failed");
            AppError::Internal
        })?
        .map(Arc::from)
}

/// The fonts the cards are drawn with.
static FONTS: LazyLock<Arc<resvg::usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    Arc::new(db)
});

/// A card as a PNG: `text`'s (a link's own card) or, with `None`, the generic card, which
/// names only the instance.
pub fn draw(instance: &str, text: Option<&CardText>) -> AppResult<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    let svg = match text {
        Some(t) => own_svg(instance, t),
        None => generic_svg(instance),
    };
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: FONTS.clone(),
        ..usvg::Options::default()
    };
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "{what}");
        AppError::Internal
    };
    let tree =
        usvg::Tree::from_str(&svg, &options).map_err(|e| fail("a preview card's SVG is not valid", &e))?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or(AppError::Internal)?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    encode(pixmap.data()).map_err(|e| fail("a preview card could not be encoded", &e))
}

/// A card's pixels (RGBA, opaque) as a small PNG: indexed when it has at most 256 colours,
/// RGB otherwise (anti-aliased text has many), at the encoder's best compression.
fn encode(rgba: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut indexed = Vec::with_capacity(rgba.len() / 4);
    for px in rgba.chunks_exact(4) {
        let rgb = [px[0], px[1], px[2]];
        let i = *index.entry(rgb).or_insert_with(|| {
            palette.push(rgb);
            palette.len() - 1
        });
        if palette.len() > 256 {
            break;
        }
        indexed.push(i as u8);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_compression(png::Compression::Best);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    encoder.set_depth(png::BitDepth::Eight);
    let data = if palette.len() <= 256 {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(palette.concat());
        indexed
    } else {
        encoder.set_color(png::ColorType::Rgb);
        rgba.chunks_exact(4)
            .flat_map(|px| [px[0], px[1], px[2]])
            .collect()
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(out)
}

/// Colours of the reading style's light theme.
const FG: &str = "#1f2328";
const MUTED: &str = "#59636e";
const ACCENT: &str = "#2563d9";
const SOFT: &str = "#f6f8fa";
const BORDER: &str = "#d0d7de";

/// The frame both cards share: background, accent band, the instance's name at the top.
fn frame(instance: &str, body: &str) -> String {
    let name = fit(instance, 30.0, true, 1056.0, 1).join("");
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>
<rect width="{WIDTH}" height="14" fill="{ACCENT}"/>
<rect x="72" y="64" width="44" height="44" rx="10" fill="{ACCENT}"/>
<path d="M84 78h20M84 86h20M84 94h12" stroke="#ffffff" stroke-width="4" stroke-linecap="round"/>
<text x="134" y="97" font-size="30" font-weight="bold" fill="{ACCENT}">{}</text>
{body}
</svg>"##,
        escape(&name)
    )
}

/// A link's own card: title, the opening words of the question, and who shared it with which model.
fn own_svg(instance: &str, t: &CardText) -> String {
    let mut body = String::new();
    let mut y = 210.0;
    for line in fit(&t.title, 60.0, true, 1056.0, 2) {
        body.push_str(&format!(
            r##"<text x="72" y="{y}" font-size="60" font-weight="bold" fill="{FG}">{}</text>"##,
            escape(&line)
        ));
        y += 74.0;
    }
    if !t.question.is_empty() {
        let lines = fit(&format!("“{}”", t.question), 32.0, false, 1000.0, 3);
        let top = y - 20.0;
        let height = lines.len() as f64 * 44.0 + 34.0;
        body.push_str(&format!(
            r##"<rect x="72" y="{top}" width="1056" height="{height}" rx="14" fill="{SOFT}" stroke="{BORDER}"/>"##
        ));
        let mut ly = top + 50.0;
        for line in lines {
            body.push_str(&format!(
                r##"<text x="100" y="{ly}" font-size="32" fill="{FG}">{}</text>"##,
                escape(&line)
            ));
            ly += 44.0;
        }
    }
    let by = match &t.model {
        Some(model) => format!("Shared by {} · {}", t.owner, model),
        None => format!("Shared by {}", t.owner),
    };
    let by = fit(&by, 28.0, false, 1056.0, 1).join("");
    body.push_str(&format!(
        r##"<line x1="72" y1="540" x2="1128" y2="540" stroke="{BORDER}" stroke-width="2"/><text x="72" y="588" font-size="28" fill="{MUTED}">{}</text>"##,
        escape(&by)
    ));
    frame(instance, &body)
}

/// The generic card: the instance's name and "A shared chat", nothing of any chat.
fn generic_svg(instance: &str) -> String {
    let name = fit(instance, 72.0, true, 1056.0, 1).join("");
    let body = format!(
        r##"<text x="72" y="330" font-size="72" font-weight="bold" fill="{FG}">{}</text><text x="72" y="400" font-size="36" fill="{MUTED}">A shared chat</text>"##,
        escape(&name)
    );
    frame(instance, &body)
}

/// `text` for SVG's character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How wide `text` is at `size` pixels in the regular or bold face (each character's advance;
/// one a face does not have counts as an average letter's).
fn width(text: &str, size: f64, bold: bool) -> f64 {
    static FACES: LazyLock<Option<(ttf_parser::Face<'static>, ttf_parser::Face<'static>)>> =
        LazyLock::new(|| {
            Some((
                ttf_parser::Face::parse(REGULAR, 0).ok()?,
                ttf_parser::Face::parse(BOLD, 0).ok()?,
            ))
        });
    let Some((regular, bold_face)) = FACES.as_ref() else {
        return text.chars().count() as f64 * size * 0.62;
    };
    let face = if bold { bold_face } else { regular };
    let em = f64::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size * 0.62, |a| f64::from(a) * size / em)
        })
        .sum()
}

/// `text` broken into at most `max_lines` lines no wider than `room` pixels (at `size`), by
/// words (a word longer than a line by characters); what does not fit ends in "…".
fn fit(text: &str, size: f64, bold: bool, room: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cut = false;
    'words: for word in text.split_whitespace() {
        let mut word = word.to_owned();
        loop {
            let candidate = if line.is_empty() {
                word.clone()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, bold) <= room {
                line = candidate;
                break;
            }
            if lines.len() + 1 == max_lines {
                cut = true;
                if line.is_empty() {
                    line = word;
                }
                break 'words;
            }
            if line.is_empty() {
                // A word longer than a line: as much of it as fits, the rest on the next.
                let mut head = String::new();
                for c in word.chars() {
                    if width(&format!("{head}{c}"), size, bold) > room {
                        break;
                    }
                    head.push(c);
                }
                let head_len = head.len().max(word.chars().next().map_or(1, char::len_utf8));
                lines.push(word[..head_len].to_owned());
                word = word[head_len..].to_owned();
                if word.is_empty() {
                    break;
                }
            } else {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if cut {
        while !line.is_empty() && width(&format!("{line}…"), size, bold) > room {
            line.pop();
        }
        line = format!("{}…", line.trim_end());
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_its_lines_with_an_ellipsis() {
        let lines = fit(&"borrow checker ".repeat(40), 60.0, true, 1056.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| width(l, 60.0, true) <= 1056.0));
        assert_eq!(fit("Short title", 60.0, true, 1056.0, 2), vec!["Short title"]);
        // One word longer than a line is broken by characters.
        let long = fit(&"x".repeat(200), 32.0, false, 1000.0, 3);
        assert!(long.len() > 1 && long.iter().all(|l| width(l, 32.0, false) <= 1000.0));
        assert_eq!(opening_words("a  b\n c", 240), "a b c");
        assert_eq!(opening_words("abcdef", 3), "abc…");
    }

    #[test]
    fn cards_are_pngs_of_the_preview_size() {
        let text = CardText {
            title: "Lifetimes & <borrowing> in Rust".into(),
            question: "Why does the borrow checker reject this loop?".into(),
            model: Some("llama3.1:8b".into()),
            owner: "Ada".into(),
        };
        for png in [
            draw("chatshare", Some(&text)).unwrap(),
            draw("chatshare", None).unwrap(),
        ] {
            let decoded = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (WIDTH, HEIGHT));
            assert!(png.len() <= 150 * 1024, "{} bytes", png.len());
        }
        // The title is drawn: another title, another picture.
        let other = CardText {
            title: "Something else".into(),
            ..text.clone()
        };
        assert_ne!(
            draw("chatshare", Some(&text)).unwrap(),
            draw("chatshare", Some(&other)).unwrap()
        );
    }
}
