//! Generates the `i18n` module from `src/i18n/locales/{de,en}.json` for the
//! browser build.
//!
//! leptos_i18n's `load_locales!` macro cannot switch on
//! `interpolate_display`, which `t_string!` needs to fill `{{ name }}`
//! placeholders and pick plural forms in texts built in code (notices,
//! labels, error messages). So we run its parser and code generator here,
//! with that option, and `src/i18n/mod.rs` includes the result. Native
//! builds have no UI and skip the work.

use std::path::PathBuf;

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/i18n/locales");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    // The split build (feature `split`) keeps the linker's relocations in the
    // wasm: the splitter (scripts/wasm-split) needs them to move code into
    // the lazily loaded chunks. Only the app's own link sees this flag, so the
    // dependencies' build cache stays the same.
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let config = Config::new("de")
        .and_then(|c| c.add_locale("en"))
        .expect("valid locale names")
        .locales_path("src/i18n/locales")
        .parse_options(ParseOptions::new().interpolate_display(true));
    let parsed = leptos_i18n_parser::parse_locales::parse_locales(Some(manifest_dir), config)
        .unwrap_or_else(|error| panic!("the locale files do not parse: {error}"));
    for warning in parsed.diag.warnings().iter() {
        println!("cargo::warning={warning}");
    }
    let errors = parsed.diag.errors();
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the locale files have errors: {}", list.join("; "));
    }
    if let Some(paths) = parsed.tracked_files.as_deref() {
        for path in paths {
            println!("cargo::rerun-if-changed={path}");
        }
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)
        .unwrap_or_else(|error| panic!("the i18n module cannot be generated: {error}"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("i18n.rs");
    std::fs::write(&out, code.to_string()).expect("OUT_DIR is writable");
}
