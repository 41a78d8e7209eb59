//! Rebuilds the app when the catalogue changes: the server's copy of every language
//! (`fluent_templates::static_loader!`) and the pages' copies (`include_str!`) are compiled in.
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=build.rs");
}
