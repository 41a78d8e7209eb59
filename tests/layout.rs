//! The layout the README describes, checked on the source: feature folders of `app/src` import
//! each other one way only (no cycle), the shared modules import no feature, and no file of
//! `app/src` is over 500 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The feature folders.
const FEATURES: &[&str] = &[
    "accounts",
    "admin",
    "chats",
    "community",
    "connections",
    "groups",
    "home",
    "instance",
    "settings",
    "share",
    "system",
];

/// Modules every feature may use, which must not use a feature themselves.
const SHARED: &[&str] = &["ui", "format", "error"];

fn app_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("app/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read app/src") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules of `app/src` that `source` names as `crate::x` (also inside
/// `crate::{x, y}` groups).
fn crate_modules_named(source: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in source.match_indices("crate::") {
        let rest = &source[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                named.insert(ident(part.trim()));
            }
        } else {
            named.insert(ident(rest));
        }
    }
    named.remove("");
    named
}

/// Which top-level module each other one imports.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let root = app_src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).expect("under app/src");
        let first = rel
            .components()
            .next()
            .expect("a path")
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        let source = std::fs::read_to_string(&f).expect("read a source file");
        let mut named = crate_modules_named(&source);
        named.remove(&module);
        graph.entry(module).or_default().extend(named);
    }
    graph
}

#[test]
fn features_import_each_other_one_way_only() {
    let graph = imports();
    let feature_edges = |m: &str| -> Vec<String> {
        graph
            .get(m)
            .map(|n| {
                n.iter()
                    .filter(|x| FEATURES.contains(&x.as_str()))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        m: &str,
        edges: &dyn Fn(&str) -> Vec<String>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_owned());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_owned());
        for next in edges(m) {
            if let Some(c) = visit(&next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for f in FEATURES {
        assert!(
            graph.contains_key(*f),
            "feature folder {f} is missing from app/src"
        );
        if let Some(cycle) = visit(f, &feature_edges, &mut Vec::new(), &mut done) {
            panic!(
                "feature folders import each other in a cycle: {}",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn shared_modules_import_no_feature() {
    let graph = imports();
    for m in SHARED {
        let features: Vec<&String> = graph
            .get(*m)
            .map(|n| n.iter().filter(|x| FEATURES.contains(&x.as_str())).collect())
            .unwrap_or_default();
        assert!(features.is_empty(), "{m} imports the features {features:?}");
    }
}

#[test]
fn the_checker_sees_imports_and_groups() {
    let named = crate_modules_named("use crate::chats::doc::ChatDoc;\nuse crate::{share, ui::Modal};");
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["chats", "share", "ui"],
        "what the layout tests rest on"
    );
}

#[test]
fn no_file_in_app_src_is_over_500_lines() {
    let mut files = Vec::new();
    rust_files(&app_src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > 500).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by what they hold: {long:?}");
}
