import { test, expect } from "@playwright/test";

// One retry: two devices and a server over the network (see sync.spec.ts).
test.describe.configure({ retries: 1 });
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { plan, backup } from "../../../benches/plan.mjs";
import { configure, device, syncSection, syncStatus, type Device } from "./sync_devices";

// Sync at scale and through a server outage (issue 14): two devices with
// 1,000 records each meet on a server of this spec's own, which is
// stopped in the middle of the first upload and started again. It keeps
// its databases on disk (LevelDB), as a real CouchDB does, so what it
// had before the outage is still there afterwards.

const port = Number(process.env.E2E_COUCH_PORT ?? 5984) + 1;
const server = `http://127.0.0.1:${port}`;
const script = fileURLToPath(new URL("../sync-server.mjs", import.meta.url));

async function startServer(appPort: string, dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, String(port), appPort, dir], { stdio: ["ignore", "inherit", "inherit"] });
  for (let tries = 0; tries < 300; tries++) {
    try {
      if ((await fetch(`${server}/_users/org.couchdb.user:anna`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGTERM");
  throw new Error("the spec's PouchDB Server did not start");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

/** The documents on the server, by kind (`type`). */
async function serverDocs(database: string) {
  const all = await (await fetch(`${server}/${database}/_all_docs?include_docs=true`)).json();
  return (all.rows as { doc: Record<string, unknown> }[]).map((row) => row.doc).filter((doc) => !String(doc._id).startsWith("_design/"));
}

/** A backup of one project with 999 steps: 1,000 records. */
function thousand(name: string) {
  const p = plan(999);
  p.project.name = name;
  return Buffer.from(backup(p), "utf8");
}

async function importBackup(d: Device, name: string) {
  const page = d.page;
  await page.goto("/settings");
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({ name: "plan.json", mimeType: "application/json", buffer: thousand(name) });
  const preview = page.getByRole("region", { name: /Vorschau/ });
  const done = page.getByRole("status").filter({ hasText: "Import abgeschlossen" });
  await expect(preview.or(done).first()).toBeVisible({ timeout: 20_000 });
  if (await preview.isVisible()) await preview.getByRole("button", { name: "Alles ersetzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible({ timeout: 30_000 });
}

async function projectSteps(d: Device, name: string) {
  await d.page.goto("/projects");
  await d.page.getByRole("link", { name }).click();
  await expect(d.page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("1,000 records sync both ways, and a server stopped in the middle of a sync loses and duplicates nothing", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const appPort = new URL(baseURL!).port;
  const dir = mkdtempSync(join(tmpdir(), "chefsache-couch-disk-"));
  let child = await startServer(appPort, dir);
  const a = await device(browser, baseURL!, [server]);
  const b = await device(browser, baseURL!, [server]);
  try {
    const database = `chefsache-scale-${Date.now()}`;
    expect((await fetch(`${server}/${database}`, { method: "PUT" })).ok).toBe(true);
    await importBackup(a, "Lager A");
    await importBackup(b, "Lager B");

    // A starts its first upload; the server goes away in the middle of it.
    await configure(a.page, database, server, { waitSynced: false });
    for (let tries = 0; tries < 600; tries++) {
      const info = await (await fetch(`${server}/${database}`)).json();
      if (info.doc_count > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await stopServer(child);
    await expect(syncStatus(a.page)).toHaveText(/^Offline – \d+ Änderung(en)? warte/, { timeout: 60_000 });

    // The person keeps working while the server is down.
    await a.page.goto("/projects");
    await a.page.getByRole("link", { name: "Lager A" }).click();
    await a.page.getByRole("button", { name: "Schritt hinzufügen" }).click();
    const form = a.page.locator("form.step-form");
    await form.getByLabel("Titel").fill("Nach dem Ausfall");
    await form.getByLabel("Dauer (Arbeitstage)").fill("2");
    await form.getByRole("button", { name: "Schritt anlegen" }).click();
    await expect(a.page.locator("form.step-form")).toHaveCount(0);

    // The server is back: A catches up by itself.
    child = await startServer(appPort, dir);
    await expect(syncStatus(a.page)).toHaveText(/^Synchronisiert/, { timeout: 90_000 });
    let docs = await serverDocs(database);
    expect(docs).toHaveLength(1001);
    expect(new Set(docs.map((doc) => doc._id)).size).toBe(1001);
    expect(docs.filter((doc) => doc.type === "step" && doc.title === "Nach dem Ausfall")).toHaveLength(1);

    // B joins with its own 1,000 records: each device ends with both plans.
    await configure(b.page, database, server, { waitSynced: false });
    await expect(syncStatus(b.page)).toHaveText(/^Synchronisiert/, { timeout: 120_000 });
    await expect(async () => {
      expect(await serverDocs(database)).toHaveLength(2001);
    }).toPass({ timeout: 60_000 });
    await expect(syncStatus(a.page)).toHaveText(/^Synchronisiert/, { timeout: 60_000 });

    // What a person sees: both projects with all their steps, once.
    for (const d of [a, b]) {
      await expect(async () => {
        await d.page.goto("/projects");
        await expect(d.page.getByRole("link", { name: "Lager A" })).toHaveCount(1, { timeout: 1_000 });
        await expect(d.page.getByRole("link", { name: "Lager B" })).toHaveCount(1, { timeout: 1_000 });
      }).toPass({ timeout: 60_000 });
      await projectSteps(d, "Lager A");
      await expect(d.page.getByRole("button", { name: /^Alle 1\.?000 Schritte anzeigen$/ })).toBeVisible({ timeout: 30_000 });
      await projectSteps(d, "Lager B");
      await expect(d.page.getByRole("button", { name: "Alle 999 Schritte anzeigen" })).toBeVisible({ timeout: 30_000 });
    }
    docs = await serverDocs(database);
    expect(new Set(docs.map((doc) => doc._id)).size).toBe(2001);
    await b.page.goto("/settings");
    await expect(syncSection(b.page).getByText("Keine Konflikte.")).toBeVisible({ timeout: 20_000 });
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  } finally {
    await a.context.close();
    await b.context.close();
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
});
