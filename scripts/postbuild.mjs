// Trunk post-build hook: finishes the staged build so that it is a
// self-contained, offline-capable static site.
//  1. Allows Trunk's inline loader script by its SHA-256 hash in the CSP
//     (no 'unsafe-inline').
//  2. Writes the service worker's build id and precache list of every
//     shipped file, so each build gets its own cache.
//  3. Copies index.html to 404.html, so static hosts that serve 404.html for
//     unknown paths still open deep links.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set; run through trunk.");
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

// 1. CSP hashes of inline scripts (Trunk's module loader).
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline
  .filter((body) => body.length > 0)
  .map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
if (!html.includes("__TRUNK_LOADER_HASH__")) {
  console.error("postbuild: the CSP placeholder __TRUNK_LOADER_HASH__ is missing from index.html");
  process.exit(1);
}
html = html.replace("__TRUNK_LOADER_HASH__", hashes.join(" "));
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
