//! Browser tests: code that needs a real browser (DOM, localStorage,
//! IndexedDB, BroadcastChannel), run by `wasm-bindgen-test` in headless
//! Chromium. Natively this file is empty.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/shell.rs"]
mod shell;
#[path = "browser/store.rs"]
mod store;
#[path = "browser/tabs.rs"]
mod tabs;
