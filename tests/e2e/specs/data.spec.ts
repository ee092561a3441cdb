import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

async function createProject(page: Page, name: string) {
  await open(page, "/projects");
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Loads the sample: one click on an empty database, else through the
 *  preview with `mode`. */
async function importSample(page: Page, mode?: "Alles ersetzen" | "Zusammenführen") {
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  if (mode) {
    const preview = page.getByRole("region", { name: /Vorschau/ });
    await expect(preview).toBeVisible();
    await preview.getByRole("button", { name: mode }).click();
  }
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
}

test.describe("data survives", () => {
  test("a new project is kept across a reload", async ({ page }) => {
    await createProject(page, "Relaunch Bäckerei Schmitz");
    await expect(page.getByText("Gespeichert")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Relaunch Bäckerei Schmitz" })).toBeVisible();
    await open(page, "/projects");
    await expect(page.getByRole("link", { name: "Relaunch Bäckerei Schmitz" })).toBeVisible();
  });

  test("an edit can be undone and redone", async ({ page }) => {
    await createProject(page, "Logo für Café Lotte");
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("Logo und Karte für Café Lotte");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Logo und Karte für Café Lotte" })).toBeVisible();
    await page.getByRole("button", { name: "Rückgängig" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Logo für Café Lotte" })).toBeVisible();
    await page.getByRole("button", { name: "Wiederholen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Logo und Karte für Café Lotte" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Logo und Karte für Café Lotte" })).toBeVisible();
  });

  test("an edit made just before the tab is closed is there in the next tab", async ({ page, context }) => {
    await createProject(page, "Flyer Wochenmarkt");
    await expect(page.getByText("Gespeichert")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("Flyer und Plakat Wochenmarkt");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    // Closed at once, before the write can have been stored.
    await page.close();
    const next = await context.newPage();
    await open(next, "/projects");
    await expect(next.getByRole("link", { name: "Flyer und Plakat Wochenmarkt" })).toBeVisible();
  });

  test("a change in one tab appears in the other without reload", async ({ page, context }) => {
    await open(page, "/projects");
    const other = await context.newPage();
    await open(other, "/projects");
    await createProject(page, "Messestand Hannover");
    await expect(other.getByRole("link", { name: "Messestand Hannover" })).toBeVisible();
    // And back: a different record edited in the second tab.
    await other.getByRole("button", { name: "Neues Projekt" }).click();
    await other.getByLabel("Name", { exact: true }).fill("Newsletter Januar");
    await other.getByRole("button", { name: "Projekt anlegen" }).click();
    await open(page, "/projects");
    await expect(page.getByRole("link", { name: "Newsletter Januar" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Messestand Hannover" })).toBeVisible();
    await other.close();
  });

  test("a full disk shows a message, keeps the edit and saves it on retry", async ({ page, context }) => {
    await open(page, "/projects");
    const cdp = await context.newCDPSession(page);
    const origin = new URL(page.url()).origin;
    await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 1 });
    await page.getByRole("button", { name: "Neues Projekt" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Großauftrag Stadtwerke");
    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Speicher ist voll" }).first()).toBeVisible();
    await expect(page.getByText("Nicht gespeichert")).toBeVisible();
    // Still there for the person to see and keep working with.
    await expect(page.getByRole("heading", { level: 1, name: "Großauftrag Stadtwerke" })).toBeVisible();

    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
    await page.getByRole("button", { name: "Erneut versuchen" }).click();
    await expect(page.getByText("Gespeichert", { exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Großauftrag Stadtwerke" })).toBeVisible();
  });
});

test.describe("backup", () => {
  test("the sample imports with a preview, and the previous state can be restored", async ({ page }) => {
    await createProject(page, "Mein eigenes Projekt");
    await open(page, "/settings");
    await page.getByRole("button", { name: "Beispieldaten laden" }).click();
    const preview = page.getByRole("region", { name: /Vorschau/ });
    await expect(preview.getByRole("row", { name: /Projekte/ })).toContainText("4");
    await preview.getByRole("button", { name: "Alles ersetzen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();

    await open(page, "/projects");
    await expect(page.getByRole("list", { name: "Projekte" }).getByRole("listitem")).toHaveCount(4);
    await expect(page.getByRole("link", { name: "Mein eigenes Projekt" })).toHaveCount(0);

    await open(page, "/settings");
    const points = page.getByRole("region", { name: "Wiederherstellungspunkte" });
    await points.getByRole("button", { name: "Wiederherstellen" }).first().click();
    await expect(page.getByRole("status").filter({ hasText: "wiederhergestellt" })).toBeVisible();
    await open(page, "/projects");
    await expect(page.getByRole("link", { name: "Mein eigenes Projekt" })).toBeVisible();
  });

  test("export downloads every record as JSON", async ({ page }) => {
    await importSample(page);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Alles exportieren" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^chefsache-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await (await file.createReadStream()).toArray();
    const backup = JSON.parse(Buffer.concat(text).toString("utf8"));
    expect(backup.format).toBe("chefsache-backup");
    expect(backup.data.projects).toHaveLength(4);
    expect(backup.data.steps.length).toBeGreaterThan(10);
  });

  for (const [what, content, message] of [
    ["a file that is not JSON", "Das ist keine Sicherung.", /kein gültiges JSON \(Zeile 1/],
    ["a file of another format", JSON.stringify({ format: "excalidraw", version: 2 }), /format|backup/i],
    ["a backup of a newer version", JSON.stringify({ format: "chefsache-backup", format_version: 99, app_version: "9.0.0", exported_at: "2030-01-01T00:00:00Z", data: {} }), /newer|99/],
    ["a step with a wrong field", JSON.stringify({ format: "chefsache-backup", format_version: 2, app_version: "0.1.0", exported_at: "2026-11-01T00:00:00Z", data: { projects: [], steps: [{ id: "5f0c3c6e-8a43-4d6e-9d0a-8f1b0c9b1a11", created: "2026-11-01T00:00:00Z", updated: "2026-11-01T00:00:00Z", project: "5f0c3c6e-8a43-4d6e-9d0a-8f1b0c9b1a12", title: "X", duration_days: "zwei" }] } }), /steps\[0\]\.duration_days/],
  ] as const) {
    test(`${what} is refused and nothing changes`, async ({ page }) => {
      await createProject(page, "Bleibt erhalten");
      await open(page, "/settings");
      await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({
        name: "backup.json", mimeType: "application/json", buffer: Buffer.from(content, "utf8"),
      });
      const alert = page.getByRole("alert").filter({ hasText: "Import abgelehnt" });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(message);
      await expect(page.getByRole("region", { name: /Vorschau/ })).toHaveCount(0);
      await open(page, "/projects");
      await expect(page.getByRole("link", { name: "Bleibt erhalten" })).toBeVisible();
    });
  }
});

test("settings tell how the data is stored", async ({ page }) => {
  await open(page, "/settings");
  await expect(page.getByTestId("storage-persistence")).toBeVisible();
  await expect(page.getByTestId("storage-usage")).toContainText("Belegt:");
});
