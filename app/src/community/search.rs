//! Finding public community chats: by words in their title, tags and messages (SQLite's FTS5
//! table `community_search`, PostgreSQL's `tsvector` column `community_chat.search`, both over
//! the title, tags and `search_text`, which the database keeps in step: migration 13), by tag,
//! newest or most viewed first. Snippets come from the message text. Only public chats that no administrator hid are ever found.

use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value,
};
use uuid::Uuid;

use super::intake::{MARK_END, MARK_START};
use super::{Access, TagCount};
use crate::entities::{community_chat, community_tag};
use crate::error::AppResult;

/// The order of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest first.
    New,
    /// Most viewed first (then newest).
    Views,
}

/// Most words a search uses.
const MAX_WORDS: usize = 8;
/// Longest word a search uses, in characters.
const MAX_WORD_CHARS: usize = 64;

/// The words of a search box's text: letters and digits, lower case (anything else separates
/// words, so no text is ever read as the database's query syntax).
pub fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD_CHARS).collect::<String>().to_lowercase())
        .take(MAX_WORDS)
        .collect()
}

/// One page of what was found: ids in order, each with its snippet (searches only), and how
/// many were found in all.
pub struct Found {
    /// The page's chats, with the text around the match (marked with [`MARK_START`] and
    /// [`MARK_END`]).
    pub hits: Vec<(Uuid, Option<String>)>,
    /// How many match in all.
    pub total: u64,
}

#[derive(FromQueryResult)]
struct HitRow {
    id: Uuid,
    snippet: Option<String>,
}

#[derive(FromQueryResult)]
struct CountRow {
    n: i64,
}

/// The listing's condition on `community_chat` (aliased `c`): public, not hidden, with `tag`.
fn visible_where(tag_placeholder: Option<&str>) -> String {
    let mut sql = format!("c.access <> '{}' AND NOT c.hidden", Access::Private.as_str());
    if let Some(p) = tag_placeholder {
        sql.push_str(&format!(
            " AND c.id IN (SELECT chat_id FROM community_tag WHERE tag = {p})"
        ));
    }
    sql
}

fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::New => "c.created_at DESC, c.id",
        Sort::Views => "c.views DESC, c.created_at DESC, c.id",
    }
}

/// A page of the public chats: those `words` find (all of them when there are none), with
/// `tag` when given.
pub async fn find(
    db: &DatabaseConnection,
    words: &[String],
    tag: Option<&str>,
    sort: Sort,
    offset: u64,
    limit: u64,
) -> AppResult<Found> {
    if words.is_empty() {
        return listing(db, tag, sort, offset, limit).await;
    }
    let backend = db.get_database_backend();
    let (from, snippet, matcher) = match backend {
        DatabaseBackend::Postgres => (
            "community_chat c, plainto_tsquery('english', $1) q",
            "ts_headline('english', c.search_text, q, 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')",
            "c.search @@ q",
        ),
        _ => (
            "community_search JOIN community_chat c ON c.id = community_search.chat_id",
            "snippet(community_search, 3, char(57344), char(57345), '…', 24)",
            "community_search MATCH $1",
        ),
    };
    let query_text = match backend {
        DatabaseBackend::Postgres => words.join(" "),
        // Each word quoted: FTS5 reads it as a plain term, never as its query syntax.
        _ => words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut values: Vec<Value> = vec![query_text.into()];
    let tag_placeholder = tag.map(|t| {
        values.push(t.to_owned().into());
        "$2"
    });
    let condition = format!("{matcher} AND {}", visible_where(tag_placeholder));
    let count_sql = format!("SELECT COUNT(*) AS n FROM {from} WHERE {condition}");
    let total = CountRow::find_by_statement(Statement::from_sql_and_values(
        backend,
        &count_sql,
        values.clone(),
    ))
    .one(db)
    .await?
    .map_or(0, |r| r.n.max(0) as u64);
    let n = values.len();
    let page_sql = format!(
        "SELECT c.id AS id, {snippet} AS snippet FROM {from} WHERE {condition} ORDER BY {} LIMIT ${} OFFSET ${}",
        order_by(sort),
        n + 1,
        n + 2
    );
    values.push((limit as i64).into());
    values.push((offset as i64).into());
    let rows = HitRow::find_by_statement(Statement::from_sql_and_values(backend, &page_sql, values))
        .all(db)
        .await?;
    Ok(Found {
        hits: rows.into_iter().map(|r| (r.id, r.snippet)).collect(),
        total,
    })
}

/// The public chats without a search: newest or most viewed first, with `tag` when given.
async fn listing(
    db: &DatabaseConnection,
    tag: Option<&str>,
    sort: Sort,
    offset: u64,
    limit: u64,
) -> AppResult<Found> {
    use community_chat::Column as C;
    let mut q = community_chat::Entity::find()
        .filter(C::Access.ne(Access::Private.as_str()))
        .filter(C::Hidden.eq(false));
    if let Some(t) = tag {
        q = q.filter(
            C::Id.in_subquery(
                Query::select()
                    .column(community_tag::Column::ChatId)
                    .from(community_tag::Entity)
                    .and_where(community_tag::Column::Tag.eq(t))
                    .to_owned(),
            ),
        );
    }
    let total = q.clone().count(db).await?;
    q = match sort {
        Sort::New => q.order_by_desc(C::CreatedAt),
        Sort::Views => q.order_by_desc(C::Views).order_by_desc(C::CreatedAt),
    };
    let ids: Vec<Uuid> = q
        .order_by_asc(C::Id)
        .select_only()
        .column(C::Id)
        .offset(offset)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    Ok(Found {
        hits: ids.into_iter().map(|id| (id, None)).collect(),
        total,
    })
}

/// The 30 tags most public chats carry.
pub async fn top_tags(db: &DatabaseConnection) -> AppResult<Vec<TagCount>> {
    #[derive(FromQueryResult)]
    struct Row {
        tag: String,
        n: i64,
    }
    let sql = format!(
        "SELECT t.tag AS tag, COUNT(*) AS n FROM community_tag t JOIN community_chat c ON c.id = t.chat_id \
         WHERE {} GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT 30",
        visible_where(None)
    );
    let rows = Row::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| TagCount {
            tag: r.tag,
            count: r.n,
        })
        .collect())
}

/// A gallery card's snippet when nobody searched: the chat's opening words (its searchable
/// text, Markdown's marks left out), about 180 characters, escaped; `None` when it has none
/// (a private chat keeps no searchable text).
pub fn opening_html(search_text: &str) -> Option<String> {
    const MAX_CHARS: usize = 180;
    // Headings' and quotes' marks where a line starts; emphasis, code and table marks anywhere.
    let plain: String = search_text
        .lines()
        .map(|l| l.trim_start().trim_start_matches(['#', '>']))
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '|'))
        .collect();
    let flat = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return None;
    }
    let mut cut: String = flat.chars().take(MAX_CHARS).collect();
    if cut.len() < flat.len() {
        // At a word's end.
        if let Some(space) = cut.rfind(' ') {
            cut.truncate(space);
        }
        cut.push('…');
    }
    Some(crate::format::escape_html_text(&cut))
}

/// A snippet as HTML: its text escaped, the matches in `<mark>`, whitespace runs as one space.
pub fn snippet_html(marked: &str) -> String {
    let flat = marked.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len() + 32);
    let mut open = false;
    for part in flat.split_inclusive([MARK_START, MARK_END]) {
        let (text, mark) = match part.chars().last() {
            Some(c) if c == MARK_START || c == MARK_END => (&part[..part.len() - c.len_utf8()], Some(c)),
            _ => (part, None),
        };
        out.push_str(&crate::format::escape_html_text(text));
        match mark {
            Some(c) if c == MARK_START && !open => {
                out.push_str("<mark>");
                open = true;
            }
            Some(c) if c == MARK_END && open => {
                out.push_str("</mark>");
                open = false;
            }
            _ => {}
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_never_carry_query_syntax() {
        assert_eq!(
            words("  Sourdough \"starter\" OR NEAR(x) -rye*  "),
            ["sourdough", "starter", "or", "near", "x", "rye"]
        );
        assert!(words("\"* ( ) :").is_empty());
        assert_eq!(words("a b c d e f g h i j").len(), MAX_WORDS);
    }

    #[test]
    fn snippets_escape_the_text_and_mark_the_match() {
        let s = format!("a <b>\n\n {MARK_START}starter{MARK_END} & more {MARK_START}x");
        assert_eq!(
            snippet_html(&s),
            "a &lt;b&gt; <mark>starter</mark> &amp; more <mark>x</mark>"
        );
        assert_eq!(snippet_html("plain"), "plain");
        assert_eq!(
            opening_html("# Bread\n\n> Mix **flour** & water <b> in a `bowl_1`"),
            Some("Bread Mix flour &amp; water &lt;b&gt; in a bowl_1".to_owned())
        );
        assert_eq!(opening_html("   \n"), None);
        let long = "word ".repeat(100);
        let cut = opening_html(&long).unwrap_or_default();
        assert!(cut.ends_with("word…") && cut.chars().count() <= 181, "{cut}");
    }
}
