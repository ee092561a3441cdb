// Import benchmark: builds a ~10 MB backup (copies of the freelancer sample
// with fresh ids, pretty-printed like the app's own export), opens the
// release build and measures in one page:
//
//   - `JSON.parse` of the text (the floor: the browser's own parser),
//   - the app's check of the same text: from the file input's `change` to
//     the preview region in the DOM (read, decode, validate, preview counts),
//     and the longest task that blocked the page meanwhile; and the check
//     of the text alone, from the status "Einträge werden gelesen" (the
//     file's bytes are in hand) to the preview: the like of `JSON.parse`,
//     which starts from the text in memory too,
//   - "Alles ersetzen": from the click to "Import abgeschlossen"
//     (snapshot, one transaction of bulk writes),
//   - the same file again with "Zusammenführen" (nothing new: the merge
//     writes nothing but the snapshot).
//
// Figures, not a test; the goal of issue 9 is the check of the text at
// most 5x `JSON.parse`. Timings vary with the machine's load: run it on a
// quiet machine, and compare builds in the same session.
//
//   trunk build --release && node tests/e2e/serve.mjs dist 4173 &
//   node benches/import.mjs [http://127.0.0.1:4173] [10]   # target MB
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const targetMb = Number(process.argv[3] ?? 10);

// --- the backup -------------------------------------------------------------
const sample = JSON.parse(readFileSync(new URL("../public/samples/freelancer.json", import.meta.url), "utf8"));
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const template = JSON.stringify(sample.data);
const data = Object.fromEntries(Object.keys(sample.data).map((kind) => [kind, []]));
let copies = 0;
let size = 0;
while (size < targetMb * 1_000_000) {
  // Every id of the sample gets a fresh one, consistently: links stay valid.
  const ids = new Map();
  const copy = JSON.parse(template.replace(uuid, (id) => {
    if (!ids.has(id)) ids.set(id, randomUUID());
    return ids.get(id);
  }));
  copies += 1;
  for (const project of copy.projects) project.name = `${project.name} ${copies}`;
  for (const contact of copy.contacts) contact.name = `${contact.name} ${copies}`;
  for (const [kind, records] of Object.entries(copy)) data[kind].push(...records);
  size += template.length * 1.6; // pretty-printing adds about 60 %
}
const text = JSON.stringify({ ...sample, app_version: "bench", data }, null, 2);
const counts = Object.entries(data).map(([kind, records]) => `${records.length} ${kind}`).join(", ");

// --- the page ----------------------------------------------------------------
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" })).newPage();
await page.goto(base + "/settings");
await page.getByLabel("Sicherungsdatei (JSON)").waitFor();

// Timers inside the page, so no round trip to the driver is counted: the
// start is the event that begins the work, the end the DOM change that
// shows its result; long tasks tell how long the page was frozen.
const installTimers = () => page.evaluate(() => {
  const marks = (window.__bench = { tasks: [] });
  new PerformanceObserver((list) => {
    // Only tasks that began after the start (setInputFiles itself builds
    // the file in the page, which is the driver's work, not the app's).
    for (const entry of list.getEntries()) if (entry.startTime >= marks.start) marks.tasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: false });
  const begin = () => { marks.start = performance.now(); marks.decoding = undefined; marks.tasks = []; };
  document.addEventListener("change", begin, true);
  document.addEventListener("click", begin, true);
  marks.waitFor = (found) => new Promise((resolve) => {
    const check = () => {
      // The check of the text itself starts when the file is read and the
      // status says the records are being read (this build's progress).
      if (marks.decoding === undefined && [...document.querySelectorAll("[role=status]")]
        .some((el) => el.textContent.includes("Einträge werden gelesen"))) marks.decoding = performance.now();
      if (!found()) return false;
      observer.disconnect();
      const now = performance.now();
      const done = now - marks.start;
      const text = marks.decoding === undefined ? undefined : now - marks.decoding;
      requestAnimationFrame(() => setTimeout(() => resolve({ done, text, longest: Math.max(0, ...marks.tasks) }), 200));
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    check();
  });
});

await installTimers();

const parseMs = await page.evaluate((text) => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    JSON.parse(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[2];
}, text);

const preview = () => window.__bench.waitFor(() => document.querySelector("[aria-labelledby=import-preview-title]"));
const finished = () => window.__bench.waitFor(() => [...document.querySelectorAll("[role=status]")]
  .some((el) => el.textContent.includes("Import abgeschlossen")));
const file = { name: "bench.json", mimeType: "application/json", buffer: Buffer.from(text) };

async function check() {
  const shown = page.evaluate(preview);
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles(file);
  return shown;
}

async function apply(button) {
  const done = page.evaluate(finished);
  await page.getByRole("button", { name: button, exact: true }).click();
  return done;
}

const first = await check();
const replaced = await apply("Alles ersetzen");
await page.reload();
await page.getByLabel("Sicherungsdatei (JSON)").waitFor();
await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
await installTimers();
const second = await check();
const merged = await apply("Zusammenführen");

const f = (ms) => (ms === undefined ? "   n/a   " : `${ms.toFixed(0).padStart(6)} ms`);
console.log(`import benchmark: ${(text.length / 1e6).toFixed(1)} MB backup (${counts})`);
console.log(`JSON.parse of the text (median of 5):       ${f(parseMs)}`);
console.log(`check, empty app (file -> preview):         ${f(first.done)}   longest frozen: ${f(first.longest)}`);
console.log(`  of which the text (bytes read -> preview): ${f(first.text)}`);
console.log(`replace all (click -> imported):            ${f(replaced.done)}   longest frozen: ${f(replaced.longest)}`);
console.log(`check, same data stored (file -> preview):  ${f(second.done)}   longest frozen: ${f(second.longest)}`);
console.log(`  of which the text (bytes read -> preview): ${f(second.text)}`);
console.log(`merge, nothing new (click -> imported):     ${f(merged.done)}   longest frozen: ${f(merged.longest)}`);
console.log(`ratio check (file -> preview) / JSON.parse:  ${(first.done / parseMs).toFixed(1)}x`);
if (first.text !== undefined) {
  console.log(`ratio check of the text / JSON.parse:       ${(first.text / parseMs).toFixed(1)}x (goal: at most 5x)`);
}
await browser.close();
