# shellcheck shell=bash
# Shared by scripts/serve.sh and scripts/test.sh: installs whatever is
# missing, quickly and idempotently, and picks the wasm toolchain.
#
# Toolchain: rustup's wasm32 target when it can be had (the normal path on a
# machine with internet); otherwise Debian's rustc-web, which builds the wasm
# standard library from source (build-std) and links with wasm-ld.
# CHEFSACHE_TOOLCHAIN=rustup|debian forces one.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# Playwright drives Debian's Chromium; it must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

APT_UPDATED=0
# ensure_apt PACKAGE... installs the Debian packages that are not installed yet.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  log "Installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_rustup() {
  command -v cargo >/dev/null 2>&1 && return 0
  command -v rustup >/dev/null 2>&1 && return 0
  ensure_apt curl ca-certificates
  log "Installing Rust with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal || true
}

# The shipped build compiles the standard library itself (build-std, with
# rust-src or Debian's rust-web-src) so that it can leave out what a person
# never sees: panic messages and their formatting (-Cpanic=immediate-abort),
# source locations, and `Debug` output (-Zfmt-debug=none: nothing in the app
# may depend on `{:?}`). About 36 KB brotli. Unstable flags, allowed on the
# stable compilers by RUSTC_BOOTSTRAP=1. RUSTFLAGS replaces the rustflags of
# .cargo/config.toml, so its `erase_components` is repeated here. Tests and
# lints build without these flags: their failures must say what failed.
RELEASE_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"

# The shipped build is split: every page but the dashboard (src/app.rs `mod lazy`)
# becomes a wasm chunk that loads on its first visit, so what loads before
# the first page is interactive is smaller. Feature `split` turns the lazy
# routes on and keeps the linker's relocations (build.rs); the wasm-bindgen
# of scripts/split-bin splits the linked wasm before wasm-bindgen proper
# (chefsache-wasm-split, scripts/wasm-split); scripts/postbuild.mjs puts
# the chunks into the site. SPLIT_ENV is the part of RELEASE_ENV that does
# it: PATH is spelled out, with the build tools' wasm-opt, because `env`
# replaces it whole.
split_env() {
  SPLIT_ENV=(TRUNK_BUILD_FEATURES=split
             "CHEFSACHE_SPLIT_DIR=${CARGO_TARGET_DIR:-$ROOT/target}/wasm-split"
             "PATH=$ROOT/scripts/split-bin:$ROOT/scripts/tools/node_modules/.bin:$PATH")
}

# Sets WASM_ENV (an `env` prefix for wasm builds and tests), RELEASE_ENV
# (the same for the shipped release build) and the PATH.
choose_toolchain() {
  local wanted="${CHEFSACHE_TOOLCHAIN:-auto}"
  if [ "$wanted" != "debian" ] && command -v rustup >/dev/null 2>&1; then
    if { rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
        || timeout 300 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; } \
      && { rustup component list --installed 2>/dev/null | grep -q '^rust-src' \
        || timeout 300 rustup component add rust-src >/dev/null 2>&1; }; then
      TOOLCHAIN=rustup
      WASM_ENV=(env)
      split_env
      RELEASE_ENV=(env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
                   "RUSTFLAGS=$RELEASE_RUSTFLAGS" "${SPLIT_ENV[@]}")
      log "Toolchain: rustup ($(rustc --version))"
      return 0
    fi
  fi
  [ "$wanted" = "rustup" ] && die "rustup's wasm32 target is not available"
  ensure_apt rustc-web cargo-web rust-web-src lld-22
  TOOLCHAIN=debian
  # Debian's cargo first, so that Trunk's `cargo` is this one too.
  export PATH="/usr/bin:$PATH"
  # A separate target dir keeps these artifacts apart from rustup's.
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/debian}"
  WASM_ENV=(env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22)
  split_env
  RELEASE_ENV=("${WASM_ENV[@]}" "RUSTFLAGS=$RELEASE_RUSTFLAGS" "${SPLIT_ENV[@]}")
  log "Toolchain: Debian ($(/usr/bin/rustc --version)) with build-std"
}

ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  ensure_apt nodejs npm
}

# npm_ci DIR installs DIR's locked npm packages unless they are current.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.chefsache-lock"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return 0; fi
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

lock_version() { # the version of crate $1 in Cargo.lock
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_build_tools() {
  ensure_node
  if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
    log "Installing trunk 0.21"
    cargo install trunk --version '^0.21' --locked
  fi
  local bindgen
  bindgen="$(lock_version wasm-bindgen)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen" ]; then
    log "Installing wasm-bindgen-cli $bindgen"
    cargo install wasm-bindgen-cli --version "=$bindgen" --force
  fi
  # The splitter of the split build (see split_env), from scripts/wasm-split.
  local split_version
  split_version="$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/scripts/wasm-split/Cargo.toml")"
  if [ "$(chefsache-wasm-split --version 2>/dev/null | awk '{print $2}')" != "$split_version" ]; then
    log "Installing chefsache-wasm-split $split_version"
    cargo install --locked --force --path "$ROOT/scripts/wasm-split" \
      --target-dir "${CARGO_TARGET_DIR:-$ROOT/target}/wasm-split-tool"
  fi
  # wasm-opt from the npm registry (binaryen), pinned in scripts/tools.
  npm_ci "$ROOT/scripts/tools"
  export PATH="$ROOT/scripts/tools/node_modules/.bin:$PATH"
}

# The formatter and the linter of the chosen toolchain.
ensure_lint_tools() {
  if [ "$TOOLCHAIN" = debian ]; then
    ensure_apt rustfmt-web rust-web-clippy
  elif command -v rustup >/dev/null 2>&1; then
    rustup component list --installed 2>/dev/null | grep -q '^clippy' \
      && rustup component list --installed 2>/dev/null | grep -q '^rustfmt' \
      || rustup component add clippy rustfmt >/dev/null 2>&1 || true
  fi
}

# Formatting, then clippy with warnings denied, on the host and on wasm32
# (the browser-only code exists only there). Native-only test files use
# proptest, so wasm32 lints the library, the app and the browser tests.
run_lints() {
  ensure_lint_tools
  cargo fmt --check
  cargo clippy --locked --all-targets -- -D warnings
  "${WASM_ENV[@]}" cargo clippy --locked --target wasm32-unknown-unknown \
    --lib --bins --test browser -- -D warnings
  # The shipped build's lazy routes (feature `split`, see split_env).
  "${WASM_ENV[@]}" cargo clippy --locked --target wasm32-unknown-unknown \
    --features split --bins -- -D warnings
}

ensure_browser() {
  ensure_apt chromium chromium-driver
  export CHROMEDRIVER=/usr/bin/chromedriver
}

setup_all() {
  ensure_rustup
  choose_toolchain
  ensure_build_tools
}
