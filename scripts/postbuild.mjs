// Trunk post-build hook: finishes the staged build so that it is a
// self-contained, offline-capable static site.
//  0. The split build (CHEFSACHE_SPLIT_DIR set, see scripts/lib.sh): copies
//     the lazily loaded chunks and their loader into the site, tells the
//     loader the main JS's hashed name and runs wasm-opt on each chunk with
//     index.html's options (Trunk optimises only the main module).
//  1. Allows Trunk's inline loader script by its SHA-256 hash in the CSP
//     that public/csp.js writes (no 'unsafe-inline').
//  2. Writes the service worker's build id and precache list of every
//     shipped file, so each build gets its own cache.
//  3. Copies index.html to 404.html, so static hosts that serve 404.html for
//     unknown paths still open deep links.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync, cpSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set; run through trunk.");
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

// 0. The lazily loaded chunks of the split build.
const splitDir = process.env.CHEFSACHE_SPLIT_DIR;
if (splitDir) {
  const chunkDirs = readdirSync(splitDir).filter((name) => name.startsWith("split-"));
  if (chunkDirs.length !== 1) {
    console.error(`postbuild: expected one split-* directory in ${splitDir}, found ${chunkDirs.length}`);
    process.exit(1);
  }
  const [chunkDir] = chunkDirs;
  const mainJs = readdirSync(staging).find((name) => /^chefsache(-[0-9a-f]+)?\.js$/.test(name));
  if (!mainJs || !readFileSync(join(staging, mainJs), "utf8").includes(`./${chunkDir}/__wasm_split.js`)) {
    console.error(`postbuild: the main JS does not import ./${chunkDir}/__wasm_split.js`);
    process.exit(1);
  }
  cpSync(join(splitDir, chunkDir), join(staging, chunkDir), { recursive: true });
  const loaderPath = join(staging, chunkDir, "__wasm_split.js");
  writeFileSync(loaderPath, readFileSync(loaderPath, "utf8").replace("__CHEFSACHE_MAIN_JS__", mainJs));
  const source = readFileSync(join(process.env.TRUNK_SOURCE_DIR || ".", "index.html"), "utf8");
  const level = source.match(/data-wasm-opt="(\w+)"/)?.[1] ?? "z";
  const params = (source.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? "").split(/\s+/).filter(Boolean);
  const chunks = readdirSync(join(staging, chunkDir)).filter((name) => name.endsWith(".wasm"));
  for (const chunk of chunks) {
    const path = join(staging, chunkDir, chunk);
    execFileSync("wasm-opt", [`-O${level}`, ...params, path, "-o", path], { stdio: "inherit" });
  }
  console.log(`postbuild: ${chunks.length} lazily loaded chunk(s) in ${chunkDir}/`);
}

// 1. CSP hashes of inline scripts (Trunk's module loader).
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline
  .filter((body) => body.length > 0)
  .map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
// The policy itself is written by csp.js (see index.html): the hashes go
// there, and index.html must still load it first.
const cspPath = join(staging, "csp.js");
const csp = readFileSync(cspPath, "utf8");
if (!csp.includes("__TRUNK_LOADER_HASH__")) {
  console.error("postbuild: the CSP placeholder __TRUNK_LOADER_HASH__ is missing from csp.js");
  process.exit(1);
}
if (!html.replace(/<!--[\s\S]*?-->/g, "").match(/<script[^>]*>/)?.[0].includes('src="/csp.js"')) {
  console.error("postbuild: csp.js must be the first script in <head> of index.html");
  process.exit(1);
}
// Its whole-line comments are for the source only (the first load counts
// every byte).
const shipped = csp
  .split("\n")
  .filter((line) => !/^\s*\/\//.test(line))
  .map((line) => line.trim())
  .join("\n")
  .replaceAll("__TRUNK_LOADER_HASH__", hashes.join(" "));
writeFileSync(cspPath, shipped);
writeFileSync(indexPath, html);
copyFileSync(indexPath, join(staging, "404.html"));

// 2. Service worker precache list and build id.
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const skip = new Set(["sw.js", "404.html"]);
const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((path) => !skip.has(path))
  .sort();
const build = createHash("sha256");
for (const file of files) build.update(file).update(readFileSync(join(staging, file)));
const buildId = build.digest("hex").slice(0, 16);
const urls = files.map((file) => publicUrl + file);

const swPath = join(staging, "sw.js");
let sw = readFileSync(swPath, "utf8");
sw = sw
  .replace("__BUILD_ID__", buildId)
  .replace("/* __PRECACHE_LIST__ */ []", JSON.stringify(urls, null, 2));
writeFileSync(swPath, sw);

console.log(`postbuild: build ${buildId}, ${urls.length} files precached, ${hashes.length} inline script hash(es) in the CSP`);
