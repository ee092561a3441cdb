#!/usr/bin/env bash
# Installs what is missing and runs every test layer:
#   0. cargo fmt --check and cargo clippy (warnings denied), native and wasm32
#   1. native `cargo test` (pure core: domain, planning, exchange, store, state)
#   2. browser tests with wasm-bindgen-test in headless Chromium
#   3. end-to-end tests with Playwright against the release build (with
#      PouchDB Server as the sync tests' CouchDB, started and stopped here)
# Then prints the size of the shipped files.
source "$(dirname "$0")/lib.sh"
setup_all
ensure_browser
ensure_apt brotli curl

log "0/3 Format and lints (native and wasm32)"
run_lints

log "1/3 Native tests"
cargo test --locked

log "2/3 Browser tests (wasm-bindgen-test, headless Chromium)"
"${WASM_ENV[@]}" cargo test --locked --target wasm32-unknown-unknown --test browser

log "3/3 End-to-end tests (Playwright, release build)"
"${RELEASE_ENV[@]}" trunk build --release
npm_ci "$ROOT/tests/e2e"
# The sync tests' peer: PouchDB Server from npm (tests/e2e/package.json),
# in memory on loopback with CORS for the e2e origin; stopped on any exit.
E2E_PORT="${E2E_PORT:-4173}"
E2E_COUCH_PORT="${E2E_COUCH_PORT:-$((E2E_PORT + 1811))}"
export E2E_PORT E2E_COUCH_PORT
node tests/e2e/sync-server.mjs "$E2E_COUCH_PORT" "$E2E_PORT" &
SYNC_SERVER_PID=$!
trap 'kill "$SYNC_SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$E2E_COUCH_PORT/_users/org.couchdb.user:anna" >/dev/null && break
  sleep 0.2
done
(cd tests/e2e && npx playwright test)

log "Size of the release build"
bash scripts/size-report.sh
