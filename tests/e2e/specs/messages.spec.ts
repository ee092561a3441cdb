import { readFileSync } from "node:fs";
import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// Every refusal and count speaks the person's language: the same broken
// files in the German and in the English interface.

const card = (name: string, email: string) =>
  ["BEGIN:VCARD", "VERSION:3.0", `FN:${name}`, `EMAIL:${email}`, "END:VCARD"];

const ONE_CARD = [...card("Erste Person", "erste@example.de"), ""].join("\r\n");

// The middle card has a line that is no property at all.
const MIDDLE_BROKEN = [
  ...card("Erste Person", "erste@example.de"),
  "BEGIN:VCARD", "VERSION:3.0", "FN:Zweite Person", "das ist keine Eigenschaft", "EMAIL:zweite@example.de", "END:VCARD",
  ...card("Dritte Person", "dritte@example.de"), "",
].join("\r\n");

// The sample backup with one step 150 % done: a domain rule breaks, the
// preview names it and offers the repair.
function brokenBackup(): Buffer {
  const backup = JSON.parse(readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url), "utf8"));
  backup.data.steps[0].progress = 150;
  return Buffer.from(JSON.stringify(backup), "utf8");
}

async function importCards(page: Page, label: string, text: string) {
  await page.getByLabel(label).setInputFiles({
    name: "kontakte.vcf", mimeType: "text/vcard", buffer: Buffer.from(text, "utf-8"),
  });
}

async function importBackup(page: Page, label: string) {
  await page.getByLabel(label).setInputFiles({
    name: "backup.json", mimeType: "application/json", buffer: brokenBackup(),
  });
}

test.describe("German interface", () => {
  test("counts take the right plural form", async ({ page }) => {
    await open(page, "/contacts");
    await importCards(page, "vCard-Datei importieren (.vcf)", ONE_CARD);
    await expect(page.getByRole("status").filter({ hasText: "1 Kontakt importiert, 0 zusammengeführt" })).toBeVisible();
    await page.screenshot({ path: "test-results/messages-de-count.png" });
  });

  test("a broken card and a broken backup are refused in German", async ({ page }) => {
    await open(page, "/contacts");
    await importCards(page, "vCard-Datei importieren (.vcf)", MIDDLE_BROKEN);
    await expect(page.getByRole("status").filter({ hasText: "2 Kontakte importiert, 0 zusammengeführt" })).toBeVisible();
    const skipped = page.getByRole("alert").filter({ hasText: "Karte 2" });
    await expect(skipped).toContainText(/Karte 2 \(Zeile \d+\) konnte nicht gelesen werden und wurde übersprungen: Eine Zeile ist keine Eigenschaft/);
    await expect(skipped).toContainText("das ist keine Eigenschaft");
    await page.screenshot({ path: "test-results/messages-de-vcard.png", fullPage: true });

    await open(page, "/settings");
    await importBackup(page, "Sicherungsdatei (JSON)");
    const refused = page.getByRole("region", { name: /Vorschau/ }).getByRole("status");
    await expect(refused).toContainText("Regeln verletzen");
    // The field's label, not its name in the data (`progress`).
    await expect(refused).toContainText(/Fortschritt darf höchstens 100 sein \(ist 150\)/);
    await refused.screenshot({ path: "test-results/messages-de-backup.png" });
    await page.setViewportSize({ width: 375, height: 800 });
    await refused.screenshot({ path: "test-results/messages-de-backup-375.png" });
  });
});

test("restore points say why they were taken, in the person's language", async ({ page }) => {
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Import abgeschlossen: \d+ Einträge\./ })).toBeVisible();
  const points = page.getByRole("region", { name: "Wiederherstellungspunkte" });
  await expect(points).toContainText("vor dem Import von freelancer.json");
  await points.getByRole("button", { name: "Wiederherstellen" }).first().click();
  await expect(points).toContainText("vor der Wiederherstellung des Stands vom");

  await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
  const english = page.getByRole("region", { name: "Restore points" });
  await expect(english).toContainText("before importing freelancer.json");
  await expect(english).toContainText("before restoring the state of");
  await english.screenshot({ path: "test-results/messages-en-snapshots.png" });
});

test.describe("English interface", () => {
  test.use({ locale: "en-GB" });

  test("counts take the right plural form", async ({ page }) => {
    await open(page, "/contacts");
    await importCards(page, "Import a vCard file (.vcf)", ONE_CARD);
    await expect(page.getByRole("status").filter({ hasText: "1 contact imported, 0 merged" })).toBeVisible();
  });

  test("a broken card and a broken backup are refused in English", async ({ page }) => {
    await open(page, "/contacts");
    await importCards(page, "Import a vCard file (.vcf)", MIDDLE_BROKEN);
    await expect(page.getByRole("status").filter({ hasText: "2 contacts imported, 0 merged" })).toBeVisible();
    const skipped = page.getByRole("alert").filter({ hasText: "Card 2" });
    await expect(skipped).toContainText(/Card 2 \(line \d+\) could not be read and was skipped: A line is not a property/);
    await page.screenshot({ path: "test-results/messages-en-vcard.png", fullPage: true });

    await open(page, "/settings");
    await importBackup(page, "Backup file (JSON)");
    const refused = page.getByRole("region", { name: /Preview/ }).getByRole("status");
    await expect(refused).toContainText("breaks rules");
    await expect(refused).toContainText(/progress must be at most 100 \(is 150\)/);
    await expect(refused).not.toContainText("Fortschritt");
    await refused.screenshot({ path: "test-results/messages-en-backup.png" });
  });
});

test.describe("today follows the clock", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("an app left open over midnight shows the new day without a reload", async ({ page }) => {
    // 30 seconds before midnight in Berlin.
    await page.clock.install({ time: new Date("2026-12-01T22:59:30Z") });
    await open(page, "/");
    const today = page.locator(".today-line time");
    await expect(today).toHaveAttribute("datetime", "2026-12-01");
    await expect(today).toContainText("1. Dezember 2026");

    await page.clock.runFor("01:00");
    await expect(today).toHaveAttribute("datetime", "2026-12-02");
    await expect(today).toContainText("2. Dezember 2026");
  });

  test("a page hidden over night shows the new day when it is shown again", async ({ page }) => {
    await page.clock.install({ time: new Date("2026-12-01T20:00:00Z") });
    await open(page, "/");
    const today = page.locator(".today-line time");
    await expect(today).toHaveAttribute("datetime", "2026-12-01");
    // Timers of a sleeping laptop may not fire; the clock jumps instead.
    await page.clock.setSystemTime(new Date("2026-12-02T07:00:00Z"));
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect(today).toHaveAttribute("datetime", "2026-12-02");
  });
});
