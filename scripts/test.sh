#!/usr/bin/env bash
# Installs what is missing and runs every test layer:
#   0. cargo fmt --check and cargo clippy (warnings denied), native and wasm32
#   1. native `cargo test` (pure core: domain, planning, exchange, store, state)
#   2. browser tests with wasm-bindgen-test in headless Chromium
#   3. end-to-end tests with Playwright against the release build
# Then prints the size of the shipped files.
source "$(dirname "$0")/lib.sh"
setup_all
ensure_browser
ensure_apt brotli

log "0/3 Format and lints (native and wasm32)"
run_lints

log "1/3 Native tests"
cargo test --locked

log "2/3 Browser tests (wasm-bindgen-test, headless Chromium)"
"${WASM_ENV[@]}" cargo test --locked --target wasm32-unknown-unknown --test browser

log "3/3 End-to-end tests (Playwright, release build)"
"${RELEASE_ENV[@]}" trunk build --release
npm_ci "$ROOT/tests/e2e"
(cd tests/e2e && npx playwright test)

log "Size of the release build"
bash scripts/size-report.sh
