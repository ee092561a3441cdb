#!/usr/bin/env bash
# Where the bundle's bytes go: builds the release wasm with its function names
# kept (Cargo profile `release-names`), runs wasm-bindgen and wasm-opt like
# Trunk does (but keeping the name section), then prints twiggy's largest
# items and the size per crate. By hand, not part of scripts/test.sh:
#
#   bash scripts/size-breakdown.sh [TOP]      # TOP items, default 40
#
# The figures are raw (uncompressed) bytes of code and data; brotli shrinks
# them roughly 3.5 times. This is the whole app, unsplit (without feature
# `split`): what the shipped build divides between its main module and the
# lazily loaded chunks (see scripts/lib.sh, split_env). Installs twiggy from crates.io if it is missing.
source "$(dirname "$0")/lib.sh"
top="${1:-40}"
choose_toolchain

if ! command -v twiggy >/dev/null 2>&1; then
  log "Installing twiggy (cargo install)"
  cargo install --locked twiggy >/dev/null
fi
wasm_opt="$ROOT/scripts/tools/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || npm_ci "$ROOT/scripts/tools"

out="$ROOT/target/size-breakdown"
mkdir -p "$out"
log "Building the release wasm with names (profile release-names)"
"${RELEASE_ENV[@]}" cargo build --locked --profile release-names --target wasm32-unknown-unknown --bin chefsache
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "$target_dir/wasm32-unknown-unknown/release-names/chefsache.wasm"
# The same passes as index.html's data-wasm-opt, but -g keeps the names.
"$wasm_opt" -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/chefsache_bg.wasm" -o "$out/chefsache_named.wasm"
wasm="$out/chefsache_named.wasm"

log "Largest items (twiggy top $top)"
twiggy top -n "$top" "$wasm"

log "Per crate (sum of shallow sizes; generic code counts for the crate that defines the type)"
twiggy top -n 1000000 --format csv "$wasm" | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").slice(1);
  // The crate of a path such as "tachys::view::Mountable" ("core[1a2b]" -> "core").
  const crateOf = (path) => {
    const m = path.replace(/^[&*\s]+/, "").replace(/^(dyn |mut |const )+/, "").match(/^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/);
    return m ? m[1] : null;
  };
  const sums = new Map();
  let total = 0, names = 0;
  for (const line of lines) {
    // Name,ShallowSize,ShallowSizePercent; names may hold commas (quoted).
    const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (!m) continue;
    const name = m[1].replace(/^"|"$/g, "").replace(/""/g, "\"");
    const size = Number(m[2]);
    if (/subsection|custom section|^producers|^name/.test(name) && !name.includes("::")) { names += size; continue; }
    total += size;
    let crate;
    if (/^data segment|^data\[/.test(name)) crate = "(data: strings, tables)";
    else if (name.startsWith("<")) {
      // <Self as Trait>::f: the crate of Self, or of the trait for a generic
      // or primitive Self (F, T, f64, str).
      const inner = name.slice(1);
      const as = inner.indexOf(" as ");
      const self = as >= 0 ? inner.slice(0, as) : inner;
      crate = crateOf(self) ?? (as >= 0 ? crateOf(inner.slice(as + 4)) : null) ?? "(other)";
    } else crate = crateOf(name) ?? "(wasm: types, imports, tables, other)";
    sums.set(crate, (sums.get(crate) ?? 0) + size);
  }
  const rows = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [crate, size] of rows) {
    console.log(`${String(size).padStart(10)}  ${(100 * size / total).toFixed(1).padStart(5)} %  ${crate}`);
  }
  console.log(`${String(total).padStart(10)}  100.0 %  total shipped (raw; the name section, ${names} bytes, is only in this build)`);
'
