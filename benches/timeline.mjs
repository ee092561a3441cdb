// Timeline benchmark: imports a generated project with N steps (default
// 5,000) into the release build, opens its page and prints how long the
// first render takes and how long scroll frames take. Figures, not a test.
//
//   trunk build --release && node tests/e2e/serve.mjs dist 4173 &
//   node benches/timeline.mjs [http://127.0.0.1:4173] [5000]
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const n = Number(process.argv[3] ?? 5000);
const t = "2026-11-01T09:00:00Z";
const project = { id: randomUUID(), created: t, updated: t, name: "Großprojekt", start: "2027-01-04", status: "active" };
const steps = [];
for (let i = 0; i < n; i++) {
  const deps = [];
  if (i > 0) deps.push({ predecessor: steps[i - 1].id, lag_days: 0 });
  if (i > 20 && i % 3 === 0) deps.push({ predecessor: steps[i - 20].id, lag_days: 1 });
  steps.push({ id: randomUUID(), created: t, updated: t, project: project.id, title: `Schritt ${i + 1}`,
    duration_days: 1 + (i % 4), sort_order: i, work_area: ["Konzept", "Backend", "Frontend", "Design"][i % 4],
    dependencies: i % 7 === 0 && i > 0 ? deps.slice(0, 1) : deps.slice(-1) });
}
const backup = JSON.stringify({ format: "chefsache-backup", format_version: 2, app_version: "bench", exported_at: t,
  data: { projects: [project], steps } });

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
