// Chefsache's timeline against DHTMLX Gantt (Community edition, from npm,
// dev-only) on the same plan, in one Chromium run: for 1,000, 5,000 and
// 10,000 steps, each side in a fresh browser context. Prints the figures
// and the ratio app/DHTMLX. Figures, not a test; installs nothing.
//
//   (cd benches && npm ci)                          # once: DHTMLX Gantt
//   (cd tests/e2e && npm ci)                        # once: playwright-core
//   trunk build --release
//   node benches/gantt-compare.mjs [--dist dist] [--port 4302] [--sizes 1000,5000,10000]
//
// The app is measured twice: on the project's page (its timeline tab, what
// a person opens to see the plan) and on the projects page, whose
// timeline of all open projects shows the same steps (the timeline alone,
// beside one project card).
//
// What is measured, the same way on both sides:
// - first bars: from the start of the page load to the first frame with a
//   bar on screen (app: the page opened by its address after the import,
//   loading from IndexedDB; DHTMLX: a page that parses the same tasks).
// - scroll frames: ~1 s of horizontal and ~1 s of vertical scrolling, one
//   step per requestAnimationFrame (120 px across, 3 rows down), frame time
//   = time between frames. Chromium runs without its frame-rate limit, so a
//   frame takes as long as its work (scroll handler, style, layout, paint),
//   not a fixed 16.7 ms.
// - DOM nodes: document.getElementsByTagName('*').length after scrolling
//   (the whole page), and the app's timeline element's descendants.
// - memory: after a garbage collection (CDP HeapProfiler.collectGarbage),
//   performance.memory.usedJSHeapSize (precise, --enable-precise-memory-info)
//   plus, for the app, the byte length of the wasm Memory (the module's
//   exported memory, taken from Trunk's TrunkApplicationStarted event).
//   Wasm memory only grows: it is the peak of this page load.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { plan, backup, PROJECT_START } from "./plan.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const dist = resolve(args.dist ?? join(here, "../dist"));
const port = Number(args.port ?? process.env.E2E_PORT ?? 4302);
const sizes = (args.sizes ?? "1000,5000,10000").split(",").map(Number);
const gantt = join(here, "node_modules/dhtmlx-gantt/codebase");
try {
  await stat(join(gantt, "dhtmlxgantt.js"));
} catch {
  console.error("DHTMLX Gantt is missing: run (cd benches && npm ci) first");
  process.exit(1);
}
try {
  await stat(join(dist, "index.html"));
} catch {
  console.error(`no build in ${dist}: run trunk build --release first (or pass --dist)`);
  process.exit(1);
}

// ---- the plan, for DHTMLX: same steps, durations and links ------------
// DHTMLX's Community edition does not schedule, so the start dates come
// from a forward pass here: working days Monday to Friday (the app also
// skips public holidays, a few days a year: the ranges differ by ~1%).
const plans = new Map();
function dhtmlxTasks(n) {
  const { steps } = plans.get(n);
  const day = 86_400_000;
  const isWorking = (t) => { const w = new Date(t).getUTCDay(); return w !== 0 && w !== 6; };
  const onOrAfter = (t) => { while (!isWorking(t)) t += day; return t; };
  const addWorking = (t, days) => { while (days > 0) { t += day; if (isWorking(t)) days--; } return t; };
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const finish = [];
  const data = [], links = [];
  steps.forEach((s, i) => {
    let start = onOrAfter(Date.parse(PROJECT_START));
    for (const d of s.dependencies) {
      const after = onOrAfter(addWorking(finish[index.get(d.predecessor)], 1 + d.lag_days));
      if (after > start) start = after;
      links.push({ id: links.length + 1, source: index.get(d.predecessor) + 1, target: i + 1, type: "0", lag: d.lag_days });
    }
    finish[i] = addWorking(start, s.duration_days - 1);
    data.push({ id: i + 1, text: s.title, start_date: new Date(start).toISOString().slice(0, 10), duration: s.duration_days, progress: 0 });
  });
  return { data, links };
}

const dhtmlxPage = (n, width, height) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>DHTMLX Gantt ${n}</title>
<link rel="stylesheet" href="/__dhtmlx/dhtmlxgantt.css">
<style>body { margin: 0; font: 14px system-ui, sans-serif; } #gantt { width: ${width}px; height: ${height}px; }</style>
</head><body><div id="gantt"></div>
<script src="/__dhtmlx/dhtmlxgantt.js"></script>
<script src="/__dhtmlx/tasks-${n}.js"></script>
<script>
  // As close to the app's chart as the configuration allows: a 220 px name
  // column, months over days at 30 px a day, 36 px rows, 22 px bars,
  // weekends shaded, working days only.
  gantt.config.date_format = "%Y-%m-%d";
  gantt.config.work_time = true;
  gantt.config.columns = [{ name: "text", label: "Schritt", width: 220, tree: false }];
  gantt.config.grid_width = 220;
  gantt.config.scale_height = 44;
  gantt.config.row_height = 36;
  gantt.config.bar_height = 22;
  gantt.config.min_column_width = 30;
  gantt.config.scales = [{ unit: "month", step: 1, format: "%M %Y" }, { unit: "day", step: 1, format: "%j" }];
  gantt.templates.timeline_cell_class = (task, date) => (date.getDay() === 0 || date.getDay() === 6) ? "weekend" : "";
  gantt.init("gantt");
  gantt.parse(window.TASKS);
</script></body></html>`;

// ---- one server for both: the app's dist/ and the DHTMLX page ---------
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json", ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml", ".png": "image/png" };
async function distFile(urlPath) {
  const path = join(dist, normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, ""));
  try {
    if (path.startsWith(dist) && (await stat(path)).isFile()) return path;
  } catch { /* not there: the app's index.html (deep links) */ }
  return join(dist, "index.html");
}
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  try {
    let body, type;
    const tasks = url.pathname.match(/^\/__dhtmlx\/tasks-(\d+)\.js$/);
    if (url.pathname === "/__dhtmlx/") {
      const q = url.searchParams;
      [body, type] = [dhtmlxPage(Number(q.get("n")), Number(q.get("w")), Number(q.get("h"))), types[".html"]];
    } else if (tasks) {
      [body, type] = [`window.TASKS = ${JSON.stringify(dhtmlxTasks(Number(tasks[1])))};`, types[".js"]];
    } else if (url.pathname.startsWith("/__dhtmlx/")) {
      const name = url.pathname.slice("/__dhtmlx/".length);
      if (!["dhtmlxgantt.js", "dhtmlxgantt.css"].includes(name)) throw new Error("not found");
      [body, type] = [await readFile(join(gantt, name)), types[extname(name)]];
    } else {
      const path = await distFile(url.pathname);
      [body, type] = [await readFile(path), types[extname(path)] ?? "application/octet-stream"];
    }
    res.writeHead(200, { "content-type": type, "cache-control": "no-cache" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
const base = `http://127.0.0.1:${port}`;

// ---- in the page --------------------------------------------------------
// Notes the first frame in which a bar (by its selector) is on screen, and
// keeps the wasm exports the app's loader announces.
const watchFirstBar = (selector) => {
  addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
  const poll = () => {
    const bar = document.querySelector(selector);
    if (bar && bar.getBoundingClientRect().width > 0) window.__firstBar = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

// Scrolls for ~1 s across, then ~1 s down, one step a frame (turning back
// at the end of the chart); returns the frame times. Each side scrolls its
// own way: the app's scroll area natively, DHTMLX through gantt.scrollTo.
const scrollFrames = async ({ kind }) => {
  const el = document.querySelector(".timeline__scroll");
  const state = kind === "app"
    ? () => ({ x: el.scrollLeft, y: el.scrollTop, maxX: el.scrollWidth - el.clientWidth, maxY: el.scrollHeight - el.clientHeight })
    : () => { const s = window.gantt.getScrollState(); return { x: s.x, y: s.y, maxX: s.inner_width - s.width, maxY: s.inner_height - s.height }; };
  const scrollTo = kind === "app"
    ? (x, y) => { el.scrollLeft = x; el.scrollTop = y; }
    : (x, y) => window.gantt.scrollTo(x, y);
  const times = { across: [], down: [] };
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  for (let [dx, dy, way] of [[120, 0, "across"], [0, 108, "down"]]) {
    await frame();
    let last = performance.now();
    const until = last + 1000;
    while (performance.now() < until) {
      const s = state();
      if ((dx > 0 && s.x + dx > s.maxX) || (dx < 0 && s.x + dx < 0)) dx = -dx;
      if ((dy > 0 && s.y + dy > s.maxY) || (dy < 0 && s.y + dy < 0)) dy = -dy;
      scrollTo(s.x + dx, s.y + dy);
      await frame();
      const now = performance.now();
      times[way].push(now - last);
      last = now;
    }
  }
  return times;
};

// Opens `url` in `page` (a fresh document, so a fresh wasm instance) and
// measures it.
async function measure(context, page, kind, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__firstBar !== undefined, null, { timeout: 300_000, polling: 100 });
  const firstBar = await page.evaluate(() => window.__firstBar);
  const region = kind === "app" ? page.locator(".timeline__scroll") : null;
  const box = region ? await region.boundingBox() : null;
  await page.waitForTimeout(500);
  const { across, down } = await page.evaluate(scrollFrames, { kind });
  const sorted = (list) => [...list].sort((a, b) => a - b);
  const frames = sorted([...across, ...down]);
  const middle = (list) => sorted(list)[Math.floor(list.length / 2)];
  await page.waitForTimeout(300);
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const result = await page.evaluate(() => ({
    dom: document.getElementsByTagName("*").length,
    chartDom: (document.querySelector(".timeline")?.getElementsByTagName("*").length ?? 0),
    heap: performance.memory.usedJSHeapSize,
    wasm: window.__wasm?.memory?.buffer?.byteLength ?? 0,
  }));
  await cdp.detach();
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  return { firstBar, median: at(0.5), p95: at(0.95), across: middle(across), down: middle(down), frames: frames.length, ...result, memory: result.heap + result.wasm,
    size: box && { width: Math.round(box.width), height: Math.round(box.height) } };
}

const newContext = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });

// The app: import once, then open (1) the project's page by its address,
// on its timeline tab (the page shows one part at a time), and (2) the projects page, whose timeline of all open
// projects shows the same steps under one heading row: the timeline alone.
async function measureApp(n) {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${base}/settings`);
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({ name: "bench.json", mimeType: "application/json",
    buffer: Buffer.from(backup(plans.get(n))) });
  await page.getByRole("button", { name: "Alles ersetzen" }).click();
  await page.getByText("Import abgeschlossen").waitFor({ timeout: 300_000 });
  await page.addInitScript(watchFirstBar, ".timeline__bar");
  const project = await measure(context, page, "app", `${base}/projects/${plans.get(n).project.id}?tab=timeline`);
  const projects = await measure(context, page, "app", `${base}/projects`);
  await context.close();
  return { project, projects };
}

async function measureDhtmlx(n, size) {
  const context = await newContext();
  const page = await context.newPage();
  await page.addInitScript(watchFirstBar, ".gantt_task_line");
  const result = await measure(context, page, "dhtmlx", `${base}/__dhtmlx/?n=${n}&w=${size.width}&h=${size.height}`);
  await context.close();
  return result;
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--enable-precise-memory-info", "--disable-frame-rate-limit", "--disable-gpu-vsync", "--js-flags=--expose-gc"] });
const mb = (b) => (b / 1e6).toFixed(1);
const ms = (t) => t.toFixed(1);
try {
  for (const n of sizes) {
    plans.set(n, plan(n));
    const app = await measureApp(n);
    const dhx = await measureDhtmlx(n, app.project.size ?? { width: 926, height: 512 });
    printRow(n, app, dhx);
  }
} finally {
  await browser.close();
  server.close();
}

function printRow(n, { project, projects }, dhx) {
  const r = (a, b) => (b ? (a / b).toFixed(2) : "-");
  const size = project.size;
  console.log(`\n${n} steps (chart ${size?.width}x${size?.height} px; frames: ${project.frames} / ${projects.frames} / ${dhx.frames})`);
  console.log("app: the project's page | the projects page (its timeline alone) | DHTMLX Gantt; ratios app/DHTMLX");
  console.log(`${"".padEnd(26)}${"project".padStart(10)}${"projects".padStart(10)}${"DHTMLX".padStart(10)}${"ratio".padStart(8)}${"ratio".padStart(8)}`);
  const line = (name, get, fmt) => {
    const [a, b, c] = [get(project), get(projects), get(dhx)];
    console.log(`${name.padEnd(26)}${fmt(a).padStart(10)}${fmt(b).padStart(10)}${fmt(c).padStart(10)}${r(a, c).padStart(8)}${r(b, c).padStart(8)}`);
  };
  line("first bars visible (ms)", (m) => m.firstBar, (v) => v.toFixed(0));
  line("scroll frame median (ms)", (m) => m.median, ms);
  line("scroll frame p95 (ms)", (m) => m.p95, ms);
  line("  median across (ms)", (m) => m.across, ms);
  line("  median down (ms)", (m) => m.down, ms);
  line("DOM nodes (page)", (m) => m.dom, String);
  line("DOM nodes (timeline)", (m) => (m === dhx ? m.dom : m.chartDom), String);
  line("JS heap (MB)", (m) => m.heap, mb);
  line("wasm memory (MB)", (m) => m.wasm, mb);
  line("memory, JS + wasm (MB)", (m) => m.memory, mb);
}
