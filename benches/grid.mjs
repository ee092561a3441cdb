// Table benchmark (issue 12): the steps grid at 10,000 rows, in one
// Chromium run on the release build. Figures, not a test; prints
//
//   first render: from the click on "Tabelle" until the grid's first row
//     is in the DOM, and until the next frame has painted;
//   scroll frames: the grid is scrolled every animation frame, once as a
//     fling (down the whole list and back up in 600 frames: every row is
//     new in every frame) and once like a wheel (120 px a frame), and the
//     time between frames is recorded (median, 95th percentile, worst,
//     frames over 16.7 ms and over 33 ms), plus how many rows the DOM
//     holds meanwhile (only those in view are drawn).
//
//   trunk build --release && node tests/e2e/serve.mjs dist 4173 &
//   node benches/grid.mjs [http://127.0.0.1:4173] [rows=10000] [frames=600]
import { plan, backup } from "./plan.mjs";
import { createRequire } from "node:module";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const n = Number(process.argv[3] ?? 10000);
const frames = Number(process.argv[4] ?? 600);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });
const page = await context.newPage();
await page.goto(base + "/settings");
await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(backup(plan(n))) });
await page.getByRole("button", { name: "Alles ersetzen" }).click();
await page.getByText("Import abgeschlossen").waitFor({ timeout: 180_000 });
await page.locator(".status-bar").getByText("Gespeichert").waitFor({ timeout: 120_000 });

// Load the table's code once (a lazy route), then measure a fresh visit.
await page.getByRole("link", { name: "Tabelle" }).first().click();
await page.getByRole("grid", { name: "Schritte" }).getByRole("rowheader").first().waitFor({ timeout: 120_000 });
await page.getByRole("link", { name: "Übersicht" }).first().click();
await page.getByRole("heading", { level: 1 }).waitFor();
await page.waitForTimeout(500);

await page.evaluate(() => {
  window.__render = new Promise((resolve) => {
    let t0 = null;
    document.addEventListener("click", () => { t0 = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t0 === null || !document.querySelector(".grid__row")) return;
      observer.disconnect();
      const shown = performance.now() - t0;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ shown, painted: performance.now() - t0 })));
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
});
await page.getByRole("link", { name: "Tabelle" }).first().click();
const render = await page.evaluate(() => window.__render);
await page.getByText(`${n.toLocaleString("de-DE")} von ${n.toLocaleString("de-DE")} Schritten`).or(page.getByText(`${n} von ${n} Schritten`)).waitFor();

// Scrolls by `step` px each frame (0: down the whole list and back up in
// `frames` frames, a long fling that replaces every row every frame) and
// records the time between frames.
const run = (step) => page.evaluate(([frames, fixed]) => new Promise((resolve) => {
  const el = document.querySelector(".grid-scroll");
  el.scrollTop = 0;
  const max = el.scrollHeight - el.clientHeight;
  const step = fixed || (2 * max) / frames;
  const gaps = [];
  let rows = 0;
  let last = performance.now();
  let i = 0;
  const tick = (now) => {
    gaps.push(now - last);
    last = now;
    rows = Math.max(rows, el.querySelectorAll(".grid__row").length);
    i += 1;
    const down = fixed || i <= frames / 2;
    el.scrollTop = down ? i * step : max - (i - frames / 2) * step;
    if (i < frames) requestAnimationFrame(tick);
    else resolve({ gaps: gaps.slice(2), rows, height: el.scrollHeight, step });
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
}), [frames, step]);
const fling = await run(0);
const wheel = await run(120);

await context.close();
await browser.close();

console.log(`grid benchmark: ${n} steps, 1280×900, release build`);
console.log(`first render   rows in DOM ${render.shown.toFixed(1)} ms, painted ${render.painted.toFixed(1)} ms`);
for (const [name, scroll] of [["fling", fling], ["wheel", wheel]]) {
  const sorted = [...scroll.gaps].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  console.log(`scroll ${name.padEnd(6)} ${sorted.length} frames, ${Math.round(scroll.step)} px a frame (list ${scroll.height} px): median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms`);
  console.log(`               over 16.7 ms: ${sorted.filter((g) => g > 16.7).length}, over 33 ms: ${sorted.filter((g) => g > 33.4).length}; most rows in the DOM: ${scroll.rows}`);
}
