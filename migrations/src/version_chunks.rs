//! How a link's versions store their snapshots (migration 20): by content. A snapshot's messages
//! (the members of `history.messages` and the elements of the flat `messages` list) are cut into
//! chunks of consecutive messages whose boundaries depend on the messages themselves, and each
//! chunk is stored once per link (`share_chunk`, keyed by its hash). A version keeps the rest of
//! the JSON (its "skeleton", the two lists emptied) and where each list's chunks go (its
//! "refs"). An update that adds one message to a 10,000-message chat stores the one or two
//! chunks that changed and a list of a few hundred references, not 4 MB again.
//!
//! [`split`] checks that [`join`] gives back the very bytes it was given, and answers `None`
//! otherwise (JSON that is not compact, say): such a version keeps its whole JSON. Here, not in
//! the app, because the migration that converts the versions made before must cut them exactly
//! as the app does.

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// A message ends a chunk when its hash is a multiple of this (a chunk holds this many messages
/// on average): small chunks store little again per update, and many chunks make long refs.
/// For 100 updates of a 10,000-message chat that each add a message, about 20 gives the least
/// storage (each update stores the chunks of the new message and of its parent, and a list of
/// about a thousand references).
const AVERAGE_CHUNK: u64 = 20;

/// A chunk ends after this many messages whatever their hashes.
const MAX_CHUNK: usize = 256;

/// Bytes of a chunk's SHA-256 kept as its key (64 bits, among one link's chunks), written in
/// 11 characters of base64url.
const HASH_BYTES: usize = 8;

/// A snapshot cut for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The JSON with its two message lists emptied.
    pub skeleton: String,
    /// Where the lists' chunks go: `{offset}:{hash},{hash};{offset}:…`, offsets into the skeleton.
    pub refs: String,
    /// Each chunk's hash and text (the messages as they were written, comma-separated), in order,
    /// each hash once.
    pub chunks: Vec<(String, String)>,
    /// How many members `history.messages` has.
    pub messages: usize,
}

/// `chat` cut into a skeleton and chunks, or `None` when it has no messages to cut or cutting
/// would not give back exactly `chat`.
pub fn split(chat: &str) -> Option<Split> {
    let (lists, messages) = lists(chat)?;
    if lists.is_empty() {
        return None;
    }
    let mut skeleton = String::with_capacity(chat.len() / 8);
    let mut refs = String::new();
    let mut chunks: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut copied = 0;
    for list in &lists {
        skeleton.push_str(&chat[copied..list.start]);
        copied = list.end;
        if !refs.is_empty() {
            refs.push(';');
        }
        refs.push_str(&skeleton.len().to_string());
        refs.push(':');
        for (n, body) in cut(&list.items).into_iter().enumerate() {
            let hash = hash(&body);
            if n > 0 {
                refs.push(',');
            }
            refs.push_str(&hash);
            if seen.insert(hash.clone()) {
                chunks.push((hash, body));
            }
        }
    }
    skeleton.push_str(&chat[copied..]);
    let split = Split {
        skeleton,
        refs,
        chunks,
        messages,
    };
    let again = join(&split.skeleton, &split.refs, |h| {
        split.chunks.iter().find(|(k, _)| k == h).map(|(_, b)| b.as_str())
    });
    (again.as_deref() == Some(chat)).then_some(split)
}

/// The snapshot from its skeleton, its refs and its chunks' texts (`None`: a chunk is missing or
/// the refs do not fit the skeleton).
pub fn join<'a>(skeleton: &str, refs: &str, chunk: impl Fn(&str) -> Option<&'a str>) -> Option<String> {
    let mut out = String::with_capacity(skeleton.len() * 8);
    let mut copied = 0;
    for list in refs.split(';').filter(|l| !l.is_empty()) {
        let (at, hashes) = list.split_once(':')?;
        let at: usize = at.parse().ok()?;
        out.push_str(skeleton.get(copied..at)?);
        copied = at;
        for (n, h) in hashes.split(',').enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(chunk(h)?);
        }
    }
    out.push_str(skeleton.get(copied..)?);
    Some(out)
}

/// The chunk hashes `refs` names, in order (with repeats).
pub fn hashes(refs: &str) -> impl Iterator<Item = &str> {
    refs.split(';')
        .filter_map(|l| l.split_once(':'))
        .flat_map(|(_, h)| h.split(','))
        .filter(|h| !h.is_empty())
}

/// A message list inside the JSON: where its contents start and end (inside the brackets), and
/// its items' texts.
struct List<'a> {
    start: usize,
    end: usize,
    items: Vec<&'a str>,
}

/// `history.messages` and the flat `messages` list of `chat` that have items, in the order they
/// appear, and how many members `history.messages` has.
fn lists(chat: &str) -> Option<(Vec<List<'_>>, usize)> {
    #[derive(Deserialize)]
    struct Top<'a> {
        #[serde(borrow, default)]
        history: Option<History<'a>>,
        #[serde(borrow, default)]
        messages: Option<Vec<&'a RawValue>>,
    }
    #[derive(Deserialize)]
    struct History<'a> {
        #[serde(borrow, default)]
        messages: Option<&'a RawValue>,
    }
    let top: Top<'_> = serde_json::from_str(chat).ok()?;
    let at = |s: &str| s.as_ptr() as usize - chat.as_ptr() as usize;
    let mut history = List {
        start: 0,
        end: 0,
        items: Vec::new(),
    };
    if let Some(raw) = top.history.and_then(|h| h.messages) {
        let text = raw.get();
        let values = Members::of(text)?;
        // A member runs from just after the comma that ends the one before to its value's end.
        let mut from = at(text) + 1;
        history.start = from;
        for v in values {
            let until = at(v.get()) + v.get().len();
            history.items.push(chat.get(from..until)?);
            from = until + 1;
        }
        history.end = from - 1;
    }
    let mut flat = List {
        start: 0,
        end: 0,
        items: Vec::new(),
    };
    if let Some(items) = top.messages.filter(|m| !m.is_empty()) {
        let mut from = at(items[0].get());
        flat.start = from;
        for v in items {
            let until = at(v.get()) + v.get().len();
            flat.items.push(chat.get(from..until)?);
            from = until + 1;
        }
        flat.end = from - 1;
    }
    let count = history.items.len();
    let mut lists: Vec<List<'_>> = [history, flat]
        .into_iter()
        .filter(|l| !l.items.is_empty())
        .collect();
    lists.sort_by_key(|l| l.start);
    Some((lists, count))
}

/// The values of a JSON object's members, in order.
struct Members<'a>(Vec<&'a RawValue>);

impl<'a> Members<'a> {
    fn of(object: &'a str) -> Option<Vec<&'a RawValue>> {
        let mut de = serde_json::Deserializer::from_str(object);
        let members = Members::deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(members.0)
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                while let Some((IgnoredAny, v)) = map.next_entry::<IgnoredAny, &'de RawValue>()? {
                    values.push(v);
                }
                Ok(Members(values))
            }
        }
        d.deserialize_map(V)
    }
}

/// `items` in chunks, each the items' texts comma-separated: a chunk ends after an item whose
/// hash is a multiple of [`AVERAGE_CHUNK`] (so one message added, changed or removed changes
/// only its own chunk), or after [`MAX_CHUNK`] items.
fn cut(items: &[&str]) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    for item in items {
        if count > 0 {
            current.push(',');
        }
        current.push_str(item);
        count += 1;
        if fnv(item).is_multiple_of(AVERAGE_CHUNK) || count == MAX_CHUNK {
            chunks.push(std::mem::take(&mut current));
            count = 0;
        }
    }
    if count > 0 {
        chunks.push(current);
    }
    chunks
}

/// FNV-1a, then mixed (splitmix64's finaliser: FNV's low bits barely change between messages
/// that differ only in a number): cheap, and only decides where chunks end.
fn fnv(text: &str) -> u64 {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A chunk's key: the start of its SHA-256 ([`HASH_BYTES`]) in base64url without padding.
fn hash(body: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let digest = Sha256::digest(body.as_bytes());
    let (mut bits, mut held) = (0u32, 0u32);
    let mut out = String::with_capacity(HASH_BYTES * 4 / 3 + 1);
    for &b in digest.iter().take(HASH_BYTES) {
        bits = (bits << 8) | u32::from(b);
        held += 8;
        while held >= 6 {
            held -= 6;
            out.push(char::from(ALPHABET[((bits >> held) & 63) as usize]));
        }
    }
    if held > 0 {
        out.push(char::from(ALPHABET[((bits << (6 - held)) & 63) as usize]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(n: usize) -> String {
        let mut history = Vec::new();
        let mut flat = Vec::new();
        for i in 0..n {
            let m = format!(
                r#"{{"id":"m{i:05}","parentId":{},"childrenIds":[],"role":"user","content":"message {i} \"quoted\" ✓"}}"#,
                if i == 0 {
                    "null".to_owned()
                } else {
                    format!("\"m{:05}\"", i - 1)
                }
            );
            history.push(format!("\"m{i:05}\":{m}"));
            flat.push(m);
        }
        format!(
            r#"{{"title":"T","history":{{"messages":{{{}}},"currentId":"m{:05}"}},"messages":[{}],"timestamp":1}}"#,
            history.join(","),
            n.saturating_sub(1),
            flat.join(",")
        )
    }

    fn joined(s: &Split) -> Option<String> {
        join(&s.skeleton, &s.refs, |h| {
            s.chunks.iter().find(|(k, _)| k == h).map(|(_, b)| b.as_str())
        })
    }

    #[test]
    fn a_split_snapshot_joins_to_the_same_bytes() {
        for n in [1, 2, 23, 500] {
            let c = chat(n);
            let s = split(&c).expect("a compact chat splits");
            assert_eq!(joined(&s).as_deref(), Some(c.as_str()), "{n} messages");
            assert_eq!(s.messages, n);
            assert!(s.skeleton.len() < 200, "{}", s.skeleton);
        }
    }

    #[test]
    fn what_has_no_messages_is_kept_whole_and_any_layout_joins_exactly() {
        assert_eq!(split(r#"{"title":"no messages"}"#), None);
        assert_eq!(split(r#"{"history":{"messages":{}}}"#), None);
        assert_eq!(split("not json"), None);
        // A space before a comma would be lost: kept whole.
        assert_eq!(split(r#"{"messages":[{"id":"a"} ,{"id":"b"}]}"#), None);
        // Spaces after commas, only a flat list, lists in the other order: cut and joined to
        // the same bytes.
        for c in [
            r#"{"history":{"messages":{ "a":{"id":"a"}, "b" : {"id":"b"} }}}"#,
            r#"{"messages":[ {"id":"a"}, {"id":"b"} ]}"#,
            r#"{"messages":[{"id":"a"},{"id":"b"}]}"#,
            r#"{"messages":[{"id":"a"}],"history":{"messages":{"a":{"id":"a"}},"currentId":"a"}}"#,
        ] {
            let s = split(c).expect("splits");
            assert_eq!(joined(&s).as_deref(), Some(c));
        }
    }

    #[test]
    fn a_chunk_key_is_eleven_characters_of_base64url() {
        let k = hash("x");
        assert_eq!(k.len(), 11);
        assert!(
            k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{k}"
        );
        assert_ne!(hash("x"), hash("y"));
    }

    #[test]
    fn chunks_hold_about_the_average_number_of_messages() {
        let s = split(&chat(4000)).unwrap();
        let per_chunk = 8000.0 / hashes(&s.refs).count() as f64;
        assert!((10.0..40.0).contains(&per_chunk), "{per_chunk} messages a chunk");
    }

    #[test]
    fn one_message_more_stores_little_again() {
        let before = split(&chat(2000)).unwrap();
        let after = split(&chat(2001)).unwrap();
        let old: std::collections::HashSet<_> = before.chunks.iter().map(|(h, _)| h).collect();
        let new_bytes: usize = after
            .chunks
            .iter()
            .filter(|(h, _)| !old.contains(h))
            .map(|(_, b)| b.len())
            .sum();
        let whole: usize = after.chunks.iter().map(|(_, b)| b.len()).sum();
        assert!(new_bytes * 20 < whole, "{new_bytes} of {whole} bytes are new");
        assert_eq!(hashes(&after.refs).count(), after.refs.matches(',').count() + 2);
    }
}
