//! Masks: every masked string replaced by `[redacted]` in every string and key of a snapshot,
//! with message ids that hold one renamed so that the tree stays consistent.
//!
//! A mask matches what a reader would see, not only the exact characters typed: in any letter
//! case, and through what markdown and HTML hide inside a word (emphasis and code marks,
//! backslash escapes, character references such as `&#98;` or `&amp;`), so `zanzibar42`,
//! `Zanzi**bar42**` and `Zanzi&#98;ar42` are all masked by `Zanzibar42`, in the page, its stored
//! rendering, its preview and its OpenGraph description alike.

use std::collections::HashMap;

use regex::Regex;
use serde_json::{Map, Value};

use crate::chats::doc::ChatDoc;
use crate::error::{AppError, AppResult};

/// What replaces a masked string.
pub const REDACTED: &str = "[redacted]";

/// `doc` with every mask replaced by [`REDACTED`] in every string and key; messages whose id
/// holds a mask get a fresh id (so the tree stays consistent).
pub(super) fn mask_all(doc: ChatDoc, masks: &[String]) -> AppResult<ChatDoc> {
    if masks.is_empty() {
        return Ok(doc);
    }
    let masker = Masker::new(masks);
    let mut doc = doc;
    if let Some(h) = &mut doc.history {
        let renamed: HashMap<String, String> = h
            .messages
            .keys()
            .filter(|id| masker.finds_in(id))
            .map(|id| (id.clone(), uuid::Uuid::new_v4().to_string()))
            .collect();
        if !renamed.is_empty() {
            let rename = |id: &mut String| {
                if let Some(new) = renamed.get(id.as_str()) {
                    id.clone_from(new);
                }
            };
            let old = std::mem::take(&mut h.messages);
            for (mut key, mut m) in old {
                rename(&mut key);
                rename(&mut m.id);
                if let Some(p) = &mut m.parent_id {
                    rename(p);
                }
                m.children_ids.iter_mut().for_each(rename);
                h.messages.insert(key, m);
            }
            if let Some(c) = &mut h.current_id {
                rename(c);
            }
        }
    }
    let mut value = serde_json::to_value(&doc).map_err(|_| AppError::Internal)?;
    mask_value(&mut value, &masker);
    serde_json::from_value(value).map_err(|e| {
        tracing::error!(error = %e, "a masked snapshot does not read back");
        AppError::Internal
    })
}

/// Replaces every mask in every string and object key of `v`.
fn mask_value(v: &mut Value, masker: &Masker) {
    match v {
        Value::String(s) => masker.mask(s),
        Value::Array(items) => items.iter_mut().for_each(|i| mask_value(i, masker)),
        Value::Object(map) => {
            let old = std::mem::take(map);
            let mut new = Map::with_capacity(old.len());
            for (mut k, mut item) in old {
                masker.mask(&mut k);
                mask_value(&mut item, masker);
                new.insert(k, item);
            }
            *map = new;
        }
        _ => {}
    }
}

/// Replaces every mask in `s` (longest first).
pub fn mask_text(s: &mut String, masks: &[String]) {
    if !masks.is_empty() {
        Masker::new(masks).mask(s);
    }
}

/// A link's masks, each as a pattern of what shows the masked text to a reader.
pub struct Masker(Vec<Regex>);

impl Masker {
    /// The patterns of `masks` (longest first, as the scope keeps them).
    pub fn new(masks: &[String]) -> Masker {
        Masker(masks.iter().filter_map(|m| pattern(m)).collect())
    }

    /// Replaces every mask in `s`.
    pub fn mask(&self, s: &mut String) {
        for p in &self.0 {
            if let std::borrow::Cow::Owned(replaced) = p.replace_all(s, REDACTED) {
                *s = replaced;
            }
        }
    }

    /// Whether `s` shows a mask.
    pub fn finds_in(&self, s: &str) -> bool {
        self.0.iter().any(|p| p.is_match(s))
    }
}

/// What may stand between two characters of a word in markdown or HTML without showing to a
/// reader: emphasis, strike and code marks.
const INVISIBLE: &str = r"[*_~`]*";

/// The pattern of mask `m`: each character in either case, written as itself (markdown may
/// escape it with a backslash) or as an HTML character reference, with invisible marks
/// allowed between characters. `None` only for an empty mask.
fn pattern(m: &str) -> Option<Regex> {
    let mut out = String::from("(?i)");
    for (i, c) in m.chars().enumerate() {
        if i > 0 {
            out.push_str(INVISIBLE);
        }
        out.push_str("(?:\\\\?");
        out.push_str(&regex::escape(&c.to_string()));
        let mut codes: Vec<u32> = c
            .to_lowercase()
            .chain(c.to_uppercase())
            .chain(std::iter::once(c))
            .filter(|x| x.len_utf8() > 0)
            .map(u32::from)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        for code in codes {
            out.push_str(&format!("|&#0*{code};|&#[xX]0*{code:x};"));
        }
        if let Some(name) = named_reference(c) {
            out.push_str(&format!("|&{name};"));
        }
        out.push(')');
    }
    if m.is_empty() {
        return None;
    }
    Regex::new(&out).ok().or_else(|| {
        // Too large a pattern: the mask as typed, in any case.
        Regex::new(&format!("(?i){}", regex::escape(m))).ok()
    })
}

/// HTML's names for the characters markdown writers reach for.
fn named_reference(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "amp",
        '<' => "lt",
        '>' => "gt",
        '"' => "quot",
        '\'' => "apos",
        ' ' => "nbsp",
        _ => return None,
    })
}

/// Words of `text` that come close to mask `m` without being masked by it (one or two letters
/// changed, added or left out, in any case): what the privacy check reports as near misses.
pub fn near_misses<'a>(text: &'a str, m: &str) -> Vec<&'a str> {
    let want: Vec<char> = m.to_lowercase().chars().collect();
    if want.len() < 5 || m.chars().any(char::is_whitespace) {
        return Vec::new();
    }
    let allowed = if want.len() >= 10 { 2 } else { 1 };
    text.split(|c: char| c.is_whitespace() || ",.;:!?()[]{}<>\"'`*_~|".contains(c))
        .filter(|w| w.chars().count().abs_diff(want.len()) <= allowed)
        .filter(|w| {
            let got: Vec<char> = w.to_lowercase().chars().collect();
            got != want && edit_distance(&got, &want, allowed) <= allowed
        })
        .collect()
}

/// Levenshtein distance of `a` and `b`, counted up to `cap + 1`.
fn edit_distance(a: &[char], b: &[char], cap: usize) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|m| *m > cap) {
            return cap + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, mask: &str) -> String {
        let mut s = text.to_owned();
        mask_text(&mut s, &[mask.to_owned()]);
        s
    }

    #[test]
    fn a_mask_matches_what_a_reader_sees() {
        for shown in [
            "Zanzibar42",
            "zanzibar42",
            "ZANZIBAR42",
            "Zanzi**bar42**",
            "Zanzi&#98;ar42",
            "Zanzi&#x62;ar42",
            "Zan`zi`bar42",
            "Z\\anzibar42",
        ] {
            let out = masked(&format!("code {shown}."), "Zanzibar42");
            assert!(out.starts_with("code [redacted]"), "{shown}: {out}");
            assert!(
                !out.to_lowercase().contains("bar42") && !out.contains("&#"),
                "{shown}: {out}"
            );
        }
        assert_eq!(masked("a & b", "a & b"), "[redacted]");
        assert_eq!(masked("a &amp; b", "a & b"), "[redacted]");
        assert_eq!(masked("Zanzibar43", "Zanzibar42"), "Zanzibar43");
    }

    #[test]
    fn near_misses_are_found() {
        assert_eq!(
            near_misses("try Zanzibar43 or zanzibar42 or Zanzibar", "Zanzibar42"),
            ["Zanzibar43", "Zanzibar"]
        );
        assert!(near_misses("nothing close here", "Zanzibar42").is_empty());
    }
}
