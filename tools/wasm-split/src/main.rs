//! `wasm-split INPUT.wasm OUT_DIR MAIN_OUT.wasm OUTPUT_NAME`: splits the client module at its
//! `#[lazy]` split points (Leptos's lazy routes), as `cargo leptos build --split` does.
//!
//! Writes the chunks (`OUT_DIR/*.wasm`), their loader (`OUT_DIR/__wasm_split.…js`, the name
//! Leptos's `HydrationScripts` expects), the prefetch manifest Leptos reads to preload the
//! chunks a page needs (`OUT_DIR/__wasm_split_manifest.json`) and the main module, which
//! wasm-bindgen then processes (`--keep-lld-exports`, so the chunks can reach it).
//! Prints one chunk path per line.

use std::path::Path;
use std::process::ExitCode;

/// The loader's file name that Leptos's `HydrationScripts` links when files are not hashed.
const LINK_NAME: &str = "./__wasm_split.______________________.js";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_out, output_name] = args.as_slice() else {
        eprintln!("usage: wasm-split INPUT.wasm OUT_DIR MAIN_OUT.wasm OUTPUT_NAME");
        return ExitCode::from(2);
    };
    match split(
        Path::new(input),
        Path::new(out_dir),
        Path::new(main_out),
        output_name,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wasm-split: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &Path, out_dir: &Path, main_out: &Path, output_name: &str) -> Result<(), String> {
    let wasm = std::fs::read(input).map_err(|e| format!("reading {}: {e}", input.display()))?;
    let main_module = format!("./{output_name}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir;
    opts.main_out_path = main_out;
    opts.main_module = &main_module;
    opts.link_name = LINK_NAME;
    let split = wasm_split_cli_support::transform(opts).map_err(|e| format!("{e:#}"))?;
    let manifest = serde_json::to_string_pretty(&split.prefetch_map).map_err(|e| e.to_string())?;
    let manifest_path = out_dir.join("__wasm_split_manifest.json");
    std::fs::write(&manifest_path, manifest)
        .map_err(|e| format!("writing {}: {e}", manifest_path.display()))?;
    for chunk in &split.split_modules {
        println!("{}", chunk.display());
    }
    Ok(())
}
