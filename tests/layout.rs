//! The layout the README describes, checked on the source: feature folders of `app/src` import
//! each other one way only (no cycle), the shared modules import no feature, no file of
//! `app/src` is over 500 lines, and, file by file in `app/src` and `src`: no import circle joins
//! files of different folders or runs through the ground floor (`state.rs`, `auth.rs`,
//! `entities/` …), the ground imports nothing above it, and no feature imports the shell
//! (`lib.rs`, `chat_app.rs`, `shell.rs`). Run with `--nocapture` to see the drawing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The feature folders.
const FEATURES: &[&str] = &[
    "accounts",
    "admin",
    "chats",
    "community",
    "connections",
    "folders",
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

// ---------------------------------------------------------------------------------------------
// The import graph, file by file.
//
// Each source file of a crate is a node; an edge A → B when A names something that lives in B:
// a path that starts with `crate::`, `super::` or `self::`, or with a child module A declares,
// resolved to the longest module path that is a file (so `crate::share::ViewLog` is share/mod.rs,
// which re-exports it and so imports views.rs in turn). Comments are left out; `super` inside an
// inline module (`mod tests { use super::*; }`) is that file's own module.

/// A crate's files and their imports: file (relative to the crate's `src`) → files it imports.
type FileGraph = BTreeMap<String, BTreeSet<String>>;

/// The source without `//` and `/* */` comments (string contents are kept; a `//` inside a
/// string cuts the rest of that line, which can only drop an edge, never add one).
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |i| &after[i + 2..]);
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths of a use tree or an expression path starting at `text` (after its first
/// segment's `::`): `a::b::C`, `a::{b, c::D}`, `{a, b}` … each as its segments.
fn path_tails(text: &str) -> Vec<Vec<String>> {
    fn tree(text: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
        let mut i = 0;
        let b = text.as_bytes();
        let skip_ws = |i: &mut usize| {
            while *i < b.len() && (b[*i] as char).is_whitespace() {
                *i += 1;
            }
        };
        let mut segs = prefix;
        loop {
            skip_ws(&mut i);
            if i < b.len() && b[i] == b'{' {
                i += 1;
                loop {
                    skip_ws(&mut i);
                    if i >= b.len() {
                        return i;
                    }
                    if b[i] == b'}' {
                        return i + 1;
                    }
                    if b[i] == b',' {
                        i += 1;
                        continue;
                    }
                    let used = tree(&text[i..], segs.clone(), out);
                    if used == 0 {
                        return i;
                    }
                    i += used;
                }
            }
            let start = i;
            while i < b.len() && is_ident_char(b[i] as char) {
                i += 1;
            }
            if start == i {
                out.push(segs);
                return i;
            }
            segs.push(text[start..i].to_owned());
            if text[i..].starts_with("::") {
                i += 2;
            } else {
                out.push(segs);
                return i;
            }
        }
    }
    let mut out = Vec::new();
    tree(text, Vec::new(), &mut out);
    out.retain(|p| !p.is_empty() && p[0] != "self" || p.len() > 1);
    out
}

/// The files of the crate whose root is `src` (`lib.rs`), by module path.
fn module_files(src: &Path) -> BTreeMap<Vec<String>, String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut by_module = BTreeMap::new();
    for f in files {
        let rel = f
            .strip_prefix(src)
            .expect("under src")
            .to_string_lossy()
            .into_owned();
        if rel == "main.rs" || rel.starts_with("bin/") {
            continue;
        }
        let mut module: Vec<String> = rel
            .trim_end_matches(".rs")
            .split('/')
            .map(str::to_owned)
            .collect();
        if module.last().is_some_and(|m| m == "mod" || m == "lib") {
            module.pop();
        }
        by_module.insert(module, rel);
    }
    by_module
}

/// Every file of the crate rooted at `src` and the files it imports.
fn file_graph(src: &Path) -> FileGraph {
    let files = module_files(src);
    let resolve =
        |path: &[String]| -> Option<&String> { (0..=path.len()).rev().find_map(|n| files.get(&path[..n])) };
    let mut graph = FileGraph::new();
    for (module, rel) in &files {
        let source = without_comments(&std::fs::read_to_string(src.join(rel)).expect("read a source file"));
        // Child modules this file declares (`mod x;`), which it may name bare (`x::Y`).
        let children: BTreeSet<String> = source
            .split(';')
            .filter_map(|stmt| {
                let words: Vec<&str> = stmt.split_whitespace().collect();
                let at = words.iter().rposition(|w| *w == "mod")?;
                (at + 2 == words.len()).then(|| words[at + 1].to_owned())
            })
            .collect();
        let mut edges = BTreeSet::new();
        // Inline modules open at each brace depth, for `super` and `self`.
        let mut inline: Vec<(String, usize)> = Vec::new();
        let mut depth = 0usize;
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i] as char;
            if c == '{' {
                depth += 1;
            } else if c == '}' {
                depth = depth.saturating_sub(1);
                inline.retain(|(_, d)| *d <= depth);
            }
            let starts_word = is_ident_char(c) && (i == 0 || !is_ident_char(bytes[i - 1] as char));
            if !starts_word || source[..i].ends_with("::") {
                i += 1;
                continue;
            }
            let word_end = i + source[i..]
                .find(|ch: char| !is_ident_char(ch))
                .unwrap_or(source.len() - i);
            let word = &source[i..word_end];
            if word == "mod" {
                // `mod name {` opens an inline module.
                let rest = source[word_end..].trim_start();
                let name_len = rest.find(|ch: char| !is_ident_char(ch)).unwrap_or(rest.len());
                if rest[name_len..].trim_start().starts_with('{') {
                    inline.push((rest[..name_len].to_owned(), depth + 1));
                }
            }
            let here: Vec<String> = module
                .iter()
                .cloned()
                .chain(inline.iter().map(|(n, _)| n.clone()))
                .collect();
            if source[word_end..].starts_with("::") {
                let base: Option<Vec<String>> = match word {
                    "crate" => Some(Vec::new()),
                    "self" => Some(here.clone()),
                    "super" => Some(here.clone()),
                    w if inline.is_empty() && children.contains(w) => Some(here.clone()),
                    _ => None,
                };
                if let Some(base) = base {
                    let tails = if word == "crate" || word == "self" {
                        path_tails(&source[word_end + 2..])
                    } else {
                        path_tails(&source[i..])
                    };
                    for tail in tails {
                        let mut path = base.clone();
                        for seg in tail {
                            if seg == "super" {
                                path.pop();
                            } else {
                                path.push(seg);
                            }
                        }
                        if let Some(target) = resolve(&path) {
                            if target != rel {
                                edges.insert(target.clone());
                            }
                        }
                    }
                }
            }
            i = word_end;
        }
        graph.insert(rel.clone(), edges);
    }
    graph
}

/// The strongly connected parts of `graph` with more than one file (Tarjan's algorithm).
fn circles(graph: &FileGraph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g FileGraph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn connect<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                connect(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut part = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                part.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort();
                s.found.push(part);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            connect(&mut s, v);
        }
    }
    s.found
}

/// The folder a file sits in ("" for the crate's `src` itself).
fn folder(file: &str) -> &str {
    file.rfind('/').map_or("", |i| &file[..i])
}

/// The ground floor of `app/src`: what every feature stands on, which imports no feature.
fn is_ground(file: &str) -> bool {
    ["auth.rs", "state.rs", "format.rs", "error.rs", "role.rs"].contains(&file)
        || file.starts_with("entities/")
        || file.starts_with("i18n/")
}

/// The shell of `app/src`: it composes the features, never the reverse.
fn is_shell(file: &str) -> bool {
    ["lib.rs", "chat_app.rs", "shell.rs"].contains(&file)
}

/// The circles of `graph` whose files sit in more than one folder, or that run through a ground
/// file at the top of the crate (`state.rs`, `auth.rs` …).
fn forbidden_circles(graph: &FileGraph, ground: &dyn Fn(&str) -> bool) -> Vec<Vec<String>> {
    circles(graph)
        .into_iter()
        .filter(|part| {
            let folders: BTreeSet<&str> = part.iter().map(|f| folder(f)).collect();
            folders.len() > 1 || part.iter().any(|f| ground(f) && folder(f).is_empty())
        })
        .collect()
}

fn describe(circles: &[Vec<String>]) -> String {
    circles
        .iter()
        .map(|c| format!("  {} files: {}", c.len(), c.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn server_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_import_circle_crosses_a_folder_or_the_ground() {
    for (name, src) in [("app/src", app_src()), ("src", server_src())] {
        let graph = file_graph(&src);
        let all = circles(&graph);
        // The drawing, for whoever reads the test's output.
        println!(
            "{name}: {} files, {} imports; circles inside one folder:\n{}",
            graph.len(),
            graph.values().map(BTreeSet::len).sum::<usize>(),
            describe(&all)
        );
        let bad = forbidden_circles(&graph, &is_ground);
        assert!(
            bad.is_empty(),
            "{name}: files of different folders (or the ground) import each other in a circle:\n{}",
            describe(&bad)
        );
    }
}

/// The imports `file → import` of `graph` from a file that `from` takes to one that `to` takes.
fn imports_between(graph: &FileGraph, from: &dyn Fn(&str) -> bool, to: &dyn Fn(&str) -> bool) -> Vec<String> {
    graph
        .iter()
        .filter(|(file, _)| from(file))
        .flat_map(|(file, imports)| {
            imports
                .iter()
                .filter(|i| to(i))
                .map(move |i| format!("{file} → {i}"))
        })
        .collect()
}

#[test]
fn the_ground_imports_nothing_above_it() {
    let above = imports_between(&file_graph(&app_src()), &is_ground, &|f| !is_ground(f));
    assert!(
        above.is_empty(),
        "the ground imports features or the shell: {above:#?}"
    );
}

#[test]
fn features_never_import_the_shell() {
    let upward = imports_between(&file_graph(&app_src()), &|f| !is_shell(f), &is_shell);
    assert!(
        upward.is_empty(),
        "the shell composes features, not the reverse: {upward:#?}"
    );
}

/// The checker itself, on a made-up crate: it finds a circle through a child module, a
/// `super` path, a `crate::{…}` group and a re-export, and tells a folder's own circle from one
/// across folders.
#[test]
fn the_checker_finds_circles_across_folders() {
    let root = std::env::temp_dir().join(format!("layout-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |path: &str, text: &str| {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("make a folder");
        std::fs::write(p, text).expect("write a file");
    };
    write("lib.rs", "pub mod a;\npub mod b;\npub mod ground;\n");
    write(
        "ground.rs",
        "// crate::a::Nothing in a comment is no import\npub struct G;\n",
    );
    write("a/mod.rs", "mod x;\npub use x::X;\n");
    write(
        "a/x.rs",
        "use super::super::ground::G;\npub struct X(G);\nfn f() -> crate::b::Y { todo!() }\n",
    );
    write("b/mod.rs", "mod y;\npub use y::Y;\n");
    write(
        "b/y.rs",
        "pub struct Y;\n#[cfg(test)]\nmod tests { use super::*; }\n",
    );
    let graph = file_graph(&root);
    assert_eq!(
        graph["a/x.rs"],
        BTreeSet::from(["ground.rs".to_owned(), "b/mod.rs".to_owned()])
    );
    assert!(graph["ground.rs"].is_empty(), "comments are not imports");
    assert!(
        graph["b/y.rs"].is_empty(),
        "super inside `mod tests` is the file itself"
    );
    // a/mod.rs ↔ a/x.rs would be a folder's own business; b importing a closes a circle
    // across folders.
    assert!(forbidden_circles(&graph, &|_| false).is_empty());
    write(
        "b/y.rs",
        "pub struct Y;\nfn g() -> crate::{a::X, ground::G} { todo!() }\n",
    );
    let graph = file_graph(&root);
    let bad = forbidden_circles(&graph, &|_| false);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0], ["a/mod.rs", "a/x.rs", "b/mod.rs", "b/y.rs"]);
    let _ = std::fs::remove_dir_all(&root);
}
