// Edit benchmark (issue 9): how long one edit takes from the key press to
// the moment its dependants have moved on the timeline, at 100 and at
// 5,000 steps, in one Chromium run on the release build. Figures, not a
// test; prints medians and the 5,000/100 ratio (goal: at most 1.5, and
// under 16 ms at 100 steps).
//
//   (a) keyboard move: focus a bar, press ArrowRight, until the next
//       step's bar shows its new dates;
//   (b) duration edit: in the step list's editor, type a new duration and
//       press Enter, until the next step's row shows its new dates (the
//       timeline and the step list are tabs of the project page, so the
//       step list is what is on screen here).
//
// "moved" is taken in the page (a capture keydown listener starts the
// clock, a MutationObserver on the chart stops it when the successor's bar
// carries new dates); "painted" adds the next animation frame; "stored"
// waits for the status bar to say the write is stored (IndexedDB write and
// read back).
//
//   trunk build --release && node tests/e2e/serve.mjs dist 4173 &
//   node benches/edit.mjs [http://127.0.0.1:4173] [small=100] [large=5000] [reps=9]
import { plan, backup } from "./plan.mjs";
import { createRequire } from "node:module";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const sizes = [Number(process.argv[3] ?? 100), Number(process.argv[4] ?? 5000)];
const reps = Number(process.argv[5] ?? 9);

// The step that is edited and its successor, whose bar must move. Step 5
// is in the first work area, so the step list shows it at 5,000 steps too
// (it lists the first 200).
const MOVED = "Schritt 5";
const SUCCESSOR = "Schritt 6";
// The duration edit watches the step list, which at 5,000 steps shows the
// first work area only: Schritt 9 is in it (as Schritt 5) and follows it
// down the chain.
const ROW_SUCCESSOR = "Schritt 9";

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });

/// Arms the in-page clock: the next keydown starts it; it stops when the
/// successor's bar (`on` = "bar") or step row (`on` = "row") shows other
/// dates than now, then waits one frame and for the status bar to say
/// "Gespeichert".
async function arm(page, on = "bar") {
  await page.evaluate(([successor, on]) => {
    const bar = on === "bar"
      ? () => document.querySelector(`.timeline__bar[aria-label^="${successor}:"]`)
      : () => [...document.querySelectorAll(".step-row")]
          .find((row) => row.querySelector(".step-row__title")?.textContent.trim() === successor)
          ?.querySelector(".step-row__dates");
    const dates = (el) => (on === "bar" ? el?.getAttribute("aria-label") : el?.textContent);
    const before = dates(bar());
    window.__edit = new Promise((resolve) => {
      let t0 = null;
      const chart = on === "bar" ? document.querySelector(".timeline__chart") : document.querySelector("main");
      const onKey = () => { t0 = performance.now(); };
      window.addEventListener("keydown", onKey, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const now = dates(bar());
        if (t0 === null || !now || now === before) return;
        const moved = performance.now() - t0;
        observer.disconnect();
        requestAnimationFrame(() => {
          const painted = performance.now() - t0;
          const stored = () => {
            const text = document.querySelector(".status-bar")?.textContent ?? "";
            if (text.includes("Gespeichert")) resolve({ moved, painted, stored: performance.now() - t0 });
            else requestAnimationFrame(stored);
          };
          stored();
        });
      });
      observer.observe(chart, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }, [on === "bar" ? SUCCESSOR : ROW_SUCCESSOR, on]);
}

/// The project page shows one part at a time (steps, timeline, ...).
async function showTab(page, name) {
  await page.getByRole("navigation", { name: "Bereiche des Projekts" }).getByRole("link", { name, exact: true }).click();
}

async function settle(page) {
  await page.locator(".status-bar").getByText("Gespeichert").waitFor({ timeout: 60_000 });
  await page.waitForTimeout(400);
}

async function measure(n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });
  const page = await context.newPage();
  await page.goto(base + "/settings");
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(backup(plan(n))) });
  await page.getByRole("button", { name: "Alles ersetzen" }).click();
  await page.getByText("Import abgeschlossen").waitFor({ timeout: 120_000 });
  await page.getByRole("link", { name: "Projekte" }).first().click();
  await page.getByRole("link", { name: "Großprojekt" }).click();
  await showTab(page, "Zeitplan");
  const region = page.getByRole("region", { name: /^Zeitplan Großprojekt/ });
  await region.locator(`.timeline__bar[aria-label^="${SUCCESSOR}:"]`).waitFor({ timeout: 120_000 });
  await settle(page);

  const moves = [];
  for (let r = 0; r < reps + 1; r++) {
    // The bar is rebuilt when its dates change: focus it afresh.
    await region.locator(`.timeline__bar[aria-label^="${MOVED}:"]`).focus();
    await arm(page);
    await page.keyboard.press("ArrowRight");
    const result = await page.evaluate(() => window.__edit);
    if (r > 0) moves.push(result); // the first one warms up
    await settle(page);
  }

  await showTab(page, "Schritte");
  const edits = [];
  for (let r = 0; r < reps + 1; r++) {
    await page.getByRole("button", { name: `Bearbeiten ${MOVED}`, exact: true }).click();
    const duration = page.getByLabel("Dauer (Arbeitstage)");
    await duration.fill(String(2 + (r % 2)));
    await arm(page, "row");
    await duration.press("Enter");
    const result = await page.evaluate(() => window.__edit);
    if (r > 0) edits.push(result);
    await settle(page);
  }
  await context.close();
  return { moves, edits };
}

const median = (list, key) => {
  const values = list.map((x) => x[key]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};

const results = [];
for (const n of sizes) results.push(await measure(n));
await browser.close();

console.log(`edit benchmark: ${sizes[0]} and ${sizes[1]} steps, median of ${reps} (ms)`);
for (const [name, key] of [["keyboard move", "moves"], ["duration edit", "edits"]]) {
  for (const what of ["moved", "painted", "stored"]) {
    const [small, large] = results.map((r) => median(r[key], what));
    console.log(`${name.padEnd(14)} ${what.padEnd(8)} ${small.toFixed(1).padStart(7)} / ${large.toFixed(1).padStart(7)}   ratio ${(large / small).toFixed(2)}`);
  }
}
