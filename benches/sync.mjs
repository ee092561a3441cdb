// Sync benchmark (issue 14): how long 10,000 records take to reach an
// empty device through a CouchDB-compatible server, and how long one edit
// takes from one device to the other. Figures, not a test.
//
//   (a) upload: device A imports a plan of N records and turns sync on,
//       until its status bar says "Synchronisiert" and the server holds
//       all N documents;
//   (b) download: device B, empty, turns sync on, until it shows the
//       project with all its steps (the step list's "Alle … Schritte
//       anzeigen") and its status bar says "Synchronisiert";
//   (c) one edit: A renames the project; the clock stops when B's page
//       heading shows the new name (median of `reps`).
//
// The server is PouchDB Server in memory (tests/e2e/sync-server.mjs),
// started and stopped here; the app is the release build, served by
// tests/e2e/serve.mjs:
//   trunk build --release && node tests/e2e/serve.mjs dist 4173 &
//   node benches/sync.mjs [http://127.0.0.1:4173] [records=10000] [reps=7]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { plan, backup } from "./plan.mjs";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const records = Number(process.argv[3] ?? 10000);
const reps = Number(process.argv[4] ?? 7);
const couchPort = 5990;
const couch = `http://127.0.0.1:${couchPort}`;
const database = `chefsache-bench-${Date.now()}`;

const server = spawn(process.execPath,
  [fileURLToPath(new URL("../tests/e2e/sync-server.mjs", import.meta.url)), String(couchPort), new URL(base).port],
  { stdio: ["ignore", "ignore", "inherit"] });
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(`${couch}/_users/org.couchdb.user:anna`)).ok) break;
  } catch {
    if (tries > 300) throw new Error("PouchDB Server did not start");
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await fetch(`${couch}/${database}`, { method: "PUT" });

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const status = (page) => page.locator(".sync-indicator");

async function newDevice() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });
  const page = await context.newPage();
  await page.goto(base + "/settings");
  await page.getByRole("heading", { level: 1, name: "Einstellungen" }).waitFor();
  return page;
}

/** Settings › Sync as a person fills it in; returns when sync is switched on. */
async function configure(page) {
  const sync = page.getByRole("region", { name: "Synchronisation" });
  await sync.getByLabel("Server-Adresse").fill(couch);
  await sync.getByLabel("Datenbank", { exact: true }).fill(database);
  await sync.getByLabel("Benutzername").fill("anna");
  await Promise.all([page.waitForEvent("load"), sync.getByRole("button", { name: "Server übernehmen" }).click()]);
  await page.getByRole("heading", { level: 1, name: "Einstellungen" }).waitFor();
  await sync.getByLabel("Passwort").fill("geheim-123");
  await sync.getByRole("button", { name: "Verbindung testen" }).click();
  await sync.getByText("Verbindung steht").waitFor();
  const t0 = performance.now();
  await sync.getByRole("button", { name: "Synchronisation einschalten" }).click();
  return t0;
}

async function synced(page, timeout = 600_000) {
  await page.waitForFunction(() => /^Synchronisiert/.test(document.querySelector(".sync-indicator")?.textContent ?? ""),
    null, { timeout, polling: 100 });
}

const steps = records - 1;
const p = plan(steps);
p.project.name = "Sync-Bench";

// (a) upload from A.
const a = await newDevice();
await a.getByLabel("Sicherungsdatei (JSON)").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(backup(p)) });
await a.getByRole("button", { name: "Alles ersetzen" }).click();
await a.getByText("Import abgeschlossen").waitFor({ timeout: 300_000 });
const upStart = await configure(a);
let onServer = 0;
for (;;) {
  onServer = (await (await fetch(`${couch}/${database}`)).json()).doc_count;
  if (onServer >= records) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await synced(a);
const upload = performance.now() - upStart;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`Sync through PouchDB Server (in memory, loopback), ${records} records (1 project, ${steps} steps), release build:`);
console.log(`  upload from a device that has them:  ${s(upload)} (${Math.round(records / (upload / 1000))} records/s)`);

// (b) download to an empty B.
const b = await newDevice();
const downStart = await configure(b);
await synced(b);
await b.goto(`${base}/projects/${p.project.id}`);
const count = `(${steps}|${steps.toLocaleString("de-DE").replace(".", "\\.")})`;
await b.getByRole("button", { name: new RegExp(`^Alle ${count} Schritte anzeigen$`) }).waitFor({ timeout: 600_000 });
const shown = await b.getByRole("button", { name: /Schritte anzeigen$/ }).textContent();
const download = performance.now() - downStart;
console.log(`  download to an empty device:         ${s(download)} (${Math.round(records / (download / 1000))} records/s; its step list: "${shown?.trim()}")`);

// (c) one edit from A to B.
await a.goto(`${base}/projects/${p.project.id}`);
await a.getByRole("heading", { level: 1, name: "Sync-Bench" }).waitFor();
const times = [];
for (let i = 1; i <= reps; i++) {
  const name = `Sync-Bench ${i}`;
  const data = a.getByRole("region", { name: "Projektdaten" });
  await data.getByLabel("Name", { exact: true }).fill(name);
  const arrived = b.waitForFunction((name) => document.querySelector("h1")?.textContent?.trim() === name, name, { polling: "raf", timeout: 60_000 });
  const t0 = performance.now();
  await data.getByRole("button", { name: "Speichern" }).click();
  await arrived;
  times.push(performance.now() - t0);
  await synced(a);
}
times.sort((x, y) => x - y);

console.log(`  one edit to the other device:        median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}, ${reps} edits)`);

await browser.close();
if (server.exitCode === null) {
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  await exited;
}
