//! Entry point: mounts the app in the browser; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    chefsache::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Chefsache runs in the browser: see README.md (scripts/serve.sh).");
}
