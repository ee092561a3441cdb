// Timeline benchmark: imports a generated project with N steps (default
// 5,000) into the release build, opens its page and prints how long the
// first render takes and how long scroll frames take. Figures, not a test.
//
//   trunk build --release && node tests/e2e/serve.mjs dist 4173 &
//   node benches/timeline.mjs [http://127.0.0.1:4173] [5000]
import { createRequire } from "node:module";
import { plan, backup as backupOf } from "./plan.mjs";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const n = Number(process.argv[3] ?? 5000);
const backup = backupOf(plan(n));

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" })).newPage();
await page.goto(base + "/settings");
await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(backup) });
let t0 = Date.now();
await page.getByRole("button", { name: "Alles ersetzen" }).click();
await page.getByText("Import abgeschlossen").waitFor({ timeout: 120_000 });
const importMs = Date.now() - t0;

await page.getByRole("link", { name: "Projekte" }).first().click();
t0 = Date.now();
await page.getByRole("link", { name: "Großprojekt" }).click();
// The project page shows one part at a time; the timeline is a tab.
await page.getByRole("navigation", { name: "Bereiche des Projekts" }).getByRole("link", { name: "Zeitplan", exact: true }).click();
await page.getByRole("region", { name: /^Zeitplan Großprojekt/ }).getByRole("button").first().waitFor({ timeout: 120_000 });
const openMs = Date.now() - t0;

const region = page.getByRole("region", { name: /^Zeitplan Großprojekt/ });
const frames = await region.evaluate(async (el) => {
  const times = [];
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    el.scrollTop += 400;
    el.dispatchEvent(new Event("scroll"));
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  return times;
});
frames.sort((a, b) => a - b);
const bars = await region.getByRole("button").count();
console.log(`timeline benchmark: ${n} steps`);
console.log(`import (parse, validate, store):        ${importMs} ms`);
console.log(`open project page (schedule + render):  ${openMs} ms`);
console.log(`bars in the DOM while scrolling:        ${bars}`);
console.log(`scroll frame median / p95 / max:        ${frames[30].toFixed(1)} / ${frames[56].toFixed(1)} / ${frames[59].toFixed(1)} ms`);
await browser.close();
