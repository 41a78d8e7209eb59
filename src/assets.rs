//! The built site's versioned asset path, its WASM split manifest, and the files the shared
//! page carries inside itself.
//!
//! The WASM, JS and CSS are served under `/pkg/<hash>/`, where `<hash>` is taken from their
//! contents at start-up, so they can be cached for a year: a new build gets a new path.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;

/// Short content hash of every file under `<site_root>/pkg` (names and bytes, sorted by name),
/// or `"dev"` when the directory is missing (a server built without the client).
pub fn pkg_hash(site_root: &Path) -> String {
    let pkg = site_root.join("pkg");
    let mut files = Vec::new();
    collect(&pkg, &mut files);
    if files.is_empty() {
        return "dev".to_owned();
    }
    files.sort();
    // FNV-1a, 64 bit: stable across runs and builds (std's SipHash keys are not).
    let mut h = Fnv1a::default();
    for f in files {
        h.write(f.strip_prefix(&pkg).unwrap_or(&f).to_string_lossy().as_bytes());
        if let Ok(bytes) = std::fs::read(&f) {
            h.write(&bytes);
        }
    }
    format!("{:012x}", h.finish() & 0xffff_ffff_ffff)
}

/// The build's map from each split point of the client to the WASM chunks it needs
/// (`<site_root>/pkg/__wasm_split_manifest.json`, written by `tools/wasm-split`); empty when the
/// site has none or it cannot be read.
pub fn split_manifest(site_root: &Path) -> HashMap<String, Vec<String>> {
    let path = site_root.join("pkg").join("__wasm_split_manifest.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return HashMap::new();
    };
    serde_json::from_str(&text).unwrap_or_else(|err| {
        tracing::warn!(path = %path.display(), %err, "unreadable WASM split manifest: no chunk preloads");
        HashMap::new()
    })
}

/// The built site's reading stylesheet (`pkg/chatshare.css`) and the shared page's script
/// (`share.js`), for the shared page to carry inside itself: on a slow network every file a
/// page needs before its controls work costs a round trip (562.5 ms on Slow 4G). Each is `None`
/// when the site has no such file, or when its text could end the element it goes into; the
/// page then links to it instead.
pub fn reading_assets(site_root: &Path) -> app::share::ReadingAssets {
    let read = |path: std::path::PathBuf, element: &str| {
        let text = std::fs::read_to_string(path).ok()?;
        let closes = text.to_ascii_lowercase().contains(&format!("</{element}"));
        (!text.trim().is_empty() && !closes).then(|| std::sync::Arc::<str>::from(text))
    };
    app::share::ReadingAssets {
        css: read(site_root.join("pkg").join("chatshare.css"), "style"),
        script: read(site_root.join("share.js"), "script"),
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_changes_with_content_and_is_stable() {
        let dir = std::env::temp_dir().join(format!("chatshare-assets-{}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        assert_eq!(pkg_hash(&dir.join("missing")), "dev");
        std::fs::write(pkg.join("a.js"), "one").unwrap();
        let first = pkg_hash(&dir);
        assert_eq!(first, pkg_hash(&dir));
        assert_eq!(first.len(), 12);
        std::fs::write(pkg.join("a.js"), "two").unwrap();
        assert_ne!(first, pkg_hash(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_shared_page_carries_the_built_files_unless_they_could_end_their_element() {
        let dir = std::env::temp_dir().join(format!("chatshare-reading-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        let none = reading_assets(&dir);
        assert!(none.css.is_none() && none.script.is_none());
        std::fs::write(dir.join("pkg/chatshare.css"), "body{margin:0}").unwrap();
        std::fs::write(dir.join("share.js"), "document.title = '</SCRIPT><b>';").unwrap();
        let read = reading_assets(&dir);
        assert_eq!(read.css.as_deref(), Some("body{margin:0}"));
        assert!(
            read.script.is_none(),
            "a script that closes its element is linked, not carried"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
