import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// Two tabs of one browser (two pages of one context share IndexedDB and
// the BroadcastChannel). The races of issue 8 are fired at the same
// instant in both tabs, many times over; afterwards nothing is lost and
// nothing broken is stored.

const ROUNDS = 5;

async function createProject(page: Page, name: string): Promise<string> {
  await open(page, "/projects");
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Gespeichert", { exact: true })).toBeVisible();
  return page.url();
}

/** Clicks, in both pages, the button with the given text at one instant
 *  (both pages share the browser's clock, so the clicks land within a
 *  millisecond or two of each other). */
async function clickTogether(a: Page, aButton: string, b: Page, bButton: string) {
  const at = Date.now() + 150;
  const fire = (page: Page, text: string) =>
    page.evaluate(
      ({ text, at }) =>
        new Promise<void>((resolve, reject) => {
          const button = [...document.querySelectorAll("button")].find(
            (el) => el.textContent?.trim() === text && !el.disabled,
          );
          if (!button) return reject(new Error(`no button "${text}"`));
          setTimeout(() => {
            button.click();
            resolve();
          }, Math.max(0, at - Date.now()));
        }),
      { text, at },
    );
  await Promise.all([fire(a, aButton), fire(b, bButton)]);
}

/** All stored records of one kind, read straight from IndexedDB. */
async function stored(page: Page, kind: string): Promise<any[]> {
  return page.evaluate(
    (kind) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open("chefsache");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(kind).objectStore(kind).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result.map((v: any) => JSON.parse(v.json)));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    kind,
  );
}

async function settled(page: Page) {
  await expect(page.getByText("Gespeichert", { exact: true })).toBeVisible();
}

async function dataCheckIsClean(page: Page) {
  await open(page, "/settings");
  const check = page.getByRole("region", { name: "Datenprüfung" });
  await expect(check).toContainText("Alles in Ordnung");
}

async function openStepForm(page: Page, title: string, area?: string) {
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  await page.getByLabel("Titel", { exact: true }).fill(title);
  if (area) await page.getByLabel("Arbeitsbereich", { exact: true }).fill(area);
}

test.describe("two tabs", () => {
  test("deleting a project while the other tab adds a step never stores an orphan", async ({ page, context }) => {
    test.setTimeout(120_000);
    const other = await context.newPage();
    for (let round = 0; round < ROUNDS; round++) {
      const name = `Messestand ${round}`;
      const url = await createProject(page, name);
      await other.goto(url);
      await expect(other.getByRole("heading", { level: 1, name })).toBeVisible();
      await openStepForm(other, `Nachtrag ${round}`);
      await page.getByRole("button", { name: "Projekt löschen" }).click();
      await clickTogether(page, "Projekt löschen", other, "Schritt anlegen");
      await settled(page);
      await settled(other);

      // One of the two won; nothing refers to a project that is gone.
      const projects = await stored(page, "projects");
      const steps = await stored(page, "steps");
      const ids = new Set(projects.map((p) => p.id));
      expect(steps.filter((s) => !ids.has(s.project)), `round ${round}: no orphan`).toEqual([]);
      const kept = projects.some((p) => p.name === name);
      if (kept) expect(steps.some((s) => s.title === `Nachtrag ${round}`)).toBe(true);
    }
    await dataCheckIsClean(page);
    await dataCheckIsClean(other);
    // Every edit still works after a reload.
    await createProject(other, "Nach dem Wettlauf");
    await other.close();
  });

  test("renaming while the other tab adds a step with a new work area keeps both", async ({ page, context }) => {
    test.setTimeout(120_000);
    const url = await createProject(page, "Relaunch Bäckerei");
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByRole("heading", { level: 1, name: "Relaunch Bäckerei" })).toBeVisible();
    for (let round = 0; round < ROUNDS; round++) {
      await page.getByLabel("Name", { exact: true }).fill(`Relaunch Bäckerei ${round}`);
      await openStepForm(other, `Schritt ${round}`, `Bereich ${round}`);
      await clickTogether(page, "Speichern", other, "Schritt anlegen");
      await settled(page);
      await settled(other);
      const [project] = await stored(page, "projects");
      expect(project.name, `round ${round}: the rename is kept`).toBe(`Relaunch Bäckerei ${round}`);
      expect(project.work_areas, `round ${round}: the area is kept`).toContain(`Bereich ${round}`);
      await expect(other.getByRole("heading", { level: 1, name: `Relaunch Bäckerei ${round}` })).toBeVisible();
    }
    const [project] = await stored(page, "projects");
    expect(project.work_areas).toHaveLength(ROUNDS);
    expect(await stored(page, "steps")).toHaveLength(ROUNDS);
    await other.reload();
    await expect(other.getByRole("heading", { level: 1, name: `Relaunch Bäckerei ${ROUNDS - 1}` })).toBeVisible();
    await other.close();
  });

  test("the same field saved in both tabs keeps one value and offers the lost one again", async ({ page, context }) => {
    const url = await createProject(page, "Flyer Sommerfest");
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByRole("heading", { level: 1, name: "Flyer Sommerfest" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("Flyer Sommerfest (A)");
    await other.getByLabel("Name", { exact: true }).fill("Flyer Sommerfest (B)");
    await clickTogether(page, "Speichern", other, "Speichern");
    await settled(page);
    await settled(other);

    const conflict = (p: Page) => p.getByRole("alert").filter({ hasText: "zur selben Zeit in einem anderen Tab geändert" });
    await expect.poll(async () => (await conflict(page).count()) + (await conflict(other).count())).toBe(1);
    const loser = (await conflict(page).count()) === 1 ? page : other;
    const lost = loser === page ? "Flyer Sommerfest (A)" : "Flyer Sommerfest (B)";
    const won = loser === page ? "Flyer Sommerfest (B)" : "Flyer Sommerfest (A)";
    await expect(conflict(loser)).toContainText(`Ihr Wert „${lost}“ wurde nicht übernommen`);
    await expect(conflict(loser)).toContainText(`Gespeichert ist „${won}“`);
    await loser.screenshot({ path: "test-results/tabs-conflict.png" });
    await loser.setViewportSize({ width: 375, height: 800 });
    await loser.screenshot({ path: "test-results/tabs-conflict-375.png" });
    await loser.setViewportSize({ width: 1280, height: 720 });
    expect((await stored(page, "projects"))[0].name).toBe(won);

    await conflict(loser).getByRole("button", { name: "Meinen Wert übernehmen" }).click();
    await settled(loser);
    expect((await stored(page, "projects"))[0].name).toBe(lost);
    for (const p of [page, other]) {
      await expect(p.getByRole("heading", { level: 1, name: lost })).toBeVisible();
    }
    await other.close();
  });

  test("undo after the other tab changed the record is dropped with a notice", async ({ page, context }) => {
    const url = await createProject(page, "Angebot Praxis Weber");
    const other = await context.newPage();
    await other.goto(url);
    await page.getByLabel("Name", { exact: true }).fill("Angebot Praxis Weber v2");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await settled(page);
    await expect(other.getByRole("heading", { level: 1, name: "Angebot Praxis Weber v2" })).toBeVisible();
    await other.getByLabel("Name", { exact: true }).fill("Angebot Praxis Weber v3");
    await other.getByRole("button", { name: "Speichern", exact: true }).click();
    await settled(other);
    await expect(page.getByRole("heading", { level: 1, name: "Angebot Praxis Weber v3" })).toBeVisible();

    await page.getByRole("button", { name: "Rückgängig" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rückgängig verworfen" })).toContainText(
      "in einem anderen Tab geändert",
    );
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Angebot Praxis Weber v3" })).toBeVisible();
    await other.close();
  });
});

test.describe("a damaged database", () => {
  test("opens, names the damage, repairs it, and its export imports again", async ({ page }) => {
    const url = await createProject(page, "Intakt");
    const orphanId = "0b7a6f1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
    const brokenId = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
    await page.evaluate(
      ({ orphanId, brokenId }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("chefsache");
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("steps", "readwrite");
            const steps = tx.objectStore("steps");
            const orphan = {
              id: orphanId, created: "2026-11-01T09:00:00Z", updated: "2026-11-01T09:00:00Z",
              project: "11111111-2222-4333-8444-555555555555", title: "Verwaister Schritt", duration_days: 2,
            };
            steps.put({ id: orphanId, json: JSON.stringify(orphan) });
            steps.put({ id: brokenId, json: '{"id": 17, "title": ["kaputt"' });
            tx.oncomplete = () => { db.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      { orphanId, brokenId },
    );

    // The app opens with the rest of the data and says something is wrong.
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: "Intakt" })).toBeVisible();
    await expect(page.getByText("Einige gespeicherte Daten passen nicht zusammen")).toBeVisible();
    await page.getByRole("link", { name: "Zur Datenprüfung" }).click();
    const check = page.getByRole("region", { name: "Datenprüfung" });
    const problem = check.getByRole("listitem").filter({ hasText: "Verwaister Schritt" });
    await expect(problem).toContainText("gehört zu einem Projekt, das es nicht mehr gibt");
    await check.screenshot({ path: "test-results/tabs-data-check.png" });

    // The unreadable record is kept aside, downloadable.
    const aside = page.getByRole("region", { name: "Beiseitegelegte Einträge" });
    const item = aside.getByRole("listitem").filter({ hasText: brokenId });
    await expect(item).toContainText("Konnte nicht gelesen werden");
    const rawDownload = page.waitForEvent("download");
    await item.getByRole("button", { name: "Herunterladen (JSON)" }).click();
    const raw = Buffer.concat(await (await (await rawDownload).createReadStream()).toArray()).toString("utf8");
    expect(raw).toContain("kaputt");

    // The export of the damaged data …
    const exported = page.waitForEvent("download");
    await page.getByRole("button", { name: "Alles exportieren" }).click();
    const backup = Buffer.concat(await (await (await exported).createReadStream()).toArray());
    expect(backup.toString("utf8")).toContain("Verwaister Schritt");

    // … one click repairs it: the step goes to a new project.
    await problem.getByRole("button", { name: "Reparieren" }).click();
    await expect(check).toContainText("Alles in Ordnung");
    await settled(page);
    const projects = await stored(page, "projects");
    const recovered = projects.find((p) => p.name === "Wiederhergestellt");
    expect(recovered).toBeTruthy();
    expect((await stored(page, "steps")).find((s) => s.id === orphanId).project).toBe(recovered.id);
    await expect(page.getByText("Einige gespeicherte Daten passen nicht zusammen")).toHaveCount(0);

    // … and the damaged export imports again, with the same repair.
    await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({
      name: "beschaedigt.json", mimeType: "application/json", buffer: backup,
    });
    const preview = page.getByRole("region", { name: /Vorschau/ });
    await expect(preview).toContainText("Probleme: 1");
    await preview.getByRole("button", { name: "Reparieren und alles ersetzen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
    await expect(check).toContainText("Alles in Ordnung");
    await expect(item).toBeVisible();
    await page.reload();
    await expect(page.getByRole("region", { name: "Datenprüfung" })).toContainText("Alles in Ordnung");
  });
});

test("closing a tab while a write is failing asks first", async ({ page, context }) => {
  await open(page, "/projects");
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 1 });
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Ungespeichert");
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByText("Nicht gespeichert")).toBeVisible();
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", async (dialog) => {
      resolve(dialog.type());
      // The person decides to leave anyway.
      await dialog.accept();
    }),
  );
  const closed = page.waitForEvent("close");
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe("beforeunload");
  await closed;
});

test("a database that cannot be read opens read-only and is never written", async ({ page }) => {
  await createProject(page, "Wird nicht überschrieben");
  // Replace the database with one of the current version that lacks a
  // record store: the data cannot be read at all.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const gone = indexedDB.deleteDatabase("chefsache");
        gone.onerror = () => reject(gone.error);
        gone.onsuccess = () => {
          const open = indexedDB.open("chefsache", 2);
          open.onupgradeneeded = () => {
            const db = open.result;
            for (const name of ["projects", "materials", "contacts", "communications", "appointments", "time_entries", "snapshots", "set_aside"]) {
              db.createObjectStore(name, { keyPath: "id" });
            }
            db.createObjectStore("meta");
          };
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("projects", "readwrite");
            const p = { id: "22222222-3333-4444-8555-666666666666", created: "2026-11-01T09:00:00Z", updated: "2026-11-01T09:00:00Z", name: "Unlesbar gespeichert" };
            tx.objectStore("projects").put({ id: p.id, json: JSON.stringify(p) });
            tx.oncomplete = () => { db.close(); resolve(); };
          };
          open.onerror = () => reject(open.error);
        };
      }),
  );
  await open(page, "/projects");
  await expect(page.getByRole("alert").filter({ hasText: "schreibgeschützt" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Darf nicht landen");
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nicht übernommen: Chefsache ist schreibgeschützt" })).toBeVisible();
  const projects = await stored(page, "projects");
  expect(projects.map((p) => p.name)).toEqual(["Unlesbar gespeichert"]);
});
