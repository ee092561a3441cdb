//! `chefsache-wasm-split INPUT.wasm OUT_DIR`
//!
//! Splits the linked app (built with `--emit-relocs`, feature `split`) at
//! its `#[lazy]` functions, as `cargo leptos --split` does:
//! - `OUT_DIR/main.wasm`: the module wasm-bindgen processes next;
//! - `OUT_DIR/split-HASH/`: the chunks and `__wasm_split.js`, which loads
//!   them. HASH is the input's, so a new build never meets an old chunk in
//!   a cache. The main module imports the loader as
//!   `./split-HASH/__wasm_split.js` (relative to the main JS at the site's
//!   root); the loader imports the main JS as `../__CHEFSACHE_MAIN_JS__`,
//!   a name scripts/postbuild.mjs fills in once Trunk has hashed it.
//!
//! Prints the name of the `split-HASH` directory; `--version` its version.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--version") {
        // scripts/lib.sh reinstalls the tool when this differs from Cargo.toml.
        println!("chefsache-wasm-split {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: chefsache-wasm-split INPUT.wasm OUT_DIR");
        return ExitCode::from(2);
    };
    match split(Path::new(input), Path::new(out_dir)) {
        Ok(dir) => {
            println!("{dir}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("wasm-split: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &Path, out_dir: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let dir_name = format!("split-{:016x}", fnv1a(&wasm));
    let chunk_dir: PathBuf = out_dir.join(&dir_name);
    let main_out = out_dir.join("main.wasm");
    // The main module imports the loader under this name, and the splitter
    // writes the loader to OUT_DIR joined with it.
    let link_name = format!("./{dir_name}/__wasm_split.js");
    std::fs::create_dir_all(&chunk_dir)?;
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir;
    opts.main_out_path = &main_out;
    opts.link_name = &link_name;
    opts.main_module = "../__CHEFSACHE_MAIN_JS__";
    let split = wasm_split_cli_support::transform(opts).map_err(|e| format!("{e:#}"))?;
    if split.split_modules.is_empty() {
        return Err("no split points: was the app built with feature `split`?".into());
    }
    // The loader fetches the chunks next to itself.
    for chunk in &split.split_modules {
        let name = chunk.file_name().ok_or("a chunk without a file name")?;
        std::fs::rename(chunk, chunk_dir.join(name))?;
    }
    Ok(dir_name)
}

/// FNV-1a, 64 bits: a content hash for cache busting, no crate needed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
