import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";

const steps: [string, number, string[]][] = [
  ["Konzept", 3, []],
  ["Grafik", 2, ["Konzept"]],
  ["Standbau", 4, ["Konzept"]],
  ["Druck", 1, ["Grafik"]],
  ["Aufbau", 2, ["Standbau", "Druck"]],
  ["Messe", 0, ["Aufbau"]],
];

function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

/** Monday four weeks from now: far enough that nothing is in the past. */
function startMonday() {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 28 + ((8 - d.getUTCDay()) % 7));
  return isoDate(d);
}

async function addStep(page: Page, title: string, days: number, milestone: boolean) {
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Titel").fill(title);
  await form.getByLabel("Dauer (Arbeitstage)").fill(String(days));
  if (milestone) await form.getByLabel("Meilenstein").check();
  await form.getByRole("button", { name: "Schritt anlegen" }).click();
  await expect(page.locator("form.step-form")).toHaveCount(0);
}

async function addPredecessor(page: Page, step: string, predecessor: string) {
  const edit = page.getByRole("button", { name: `Bearbeiten ${step}`, exact: true });
  if ((await edit.getAttribute("aria-expanded")) !== "true") await edit.click();
  const editor = page.locator(".step-row__editor");
  await editor.getByLabel("Vorgänger", { exact: true }).selectOption({ label: predecessor });
  await editor.getByRole("button", { name: "Vorgänger hinzufügen" }).click();
  await expect(editor.getByRole("button", { name: `Entfernen ${predecessor}` })).toBeVisible();
}

/** Shows one part of the project page through its tab. */
async function showTab(page: Page, name: string) {
  await page.getByRole("navigation", { name: /^(Bereiche des Projekts|Parts of the project)$/ }).getByRole("link", { name, exact: true }).click();
}

function bar(page: Page, title: string) {
  return page.getByRole("region", { name: /^Zeitplan Messestand/ }).getByRole("button", { name: new RegExp(`^${title}: `) });
}

test("a six-step project shows its critical path, and dragging a step moves its dependants", async ({ page }) => {
  test.setTimeout(90_000);
  // A supplier in the address book, via a backup import.
  await open(page, "/settings");
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({
    name: "supplier.json", mimeType: "application/json",
    buffer: readFileSync(new URL("../fixtures/supplier.json", import.meta.url)),
  });
  await page.getByRole("button", { name: "Alles ersetzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();

  await page.getByRole("link", { name: "Projekte" }).first().click();
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Messestand");
  await page.getByLabel("Start", { exact: true }).fill(startMonday());
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Messestand" })).toBeVisible();

  for (const [title, days] of steps) await addStep(page, title, days, days === 0);
  for (const [title, , preds] of steps) {
    for (const pred of preds) await addPredecessor(page, title, pred);
  }
  // A cycle is refused at once, naming the steps.
  await addPredecessorExpectingRefusal(page, "Konzept", "Messe");

  // Konzept → Standbau → Aufbau → Messe is the longest chain (9 days).
  await showTab(page, "Zeitplan");
  for (const title of ["Konzept", "Standbau", "Aufbau", "Messe"]) {
    await expect(bar(page, title)).toHaveAttribute("aria-label", /kritischer Pfad/);
  }
  for (const title of ["Grafik", "Druck"]) {
    await expect(bar(page, title)).not.toHaveAttribute("aria-label", /kritischer Pfad/);
  }

  // Drag Konzept three days to the right: everything after it follows.
  const before = await bar(page, "Standbau").getAttribute("aria-label");
  const konzept = bar(page, "Konzept");
  await konzept.scrollIntoViewIfNeeded();
  const box = (await konzept.boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + 100, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(bar(page, "Standbau")).not.toHaveAttribute("aria-label", before!);
  const moved = await bar(page, "Standbau").getAttribute("aria-label");

  // The keyboard does the same: Shift+→ makes Konzept one day longer.
  await bar(page, "Konzept").focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect(bar(page, "Standbau")).not.toHaveAttribute("aria-label", moved!);
  const afterKeys = await bar(page, "Standbau").getAttribute("aria-label");

  await page.reload();
  await expect(bar(page, "Standbau")).toHaveAttribute("aria-label", afterKeys!);
  await showTab(page, "Schritte");
  await expect(page.getByRole("button", { name: "Bearbeiten Messe", exact: true })).toBeVisible();

  // A material for the stand, with the supplier and a long lead time.
  await showTab(page, "Material");
  await page.getByRole("button", { name: "Material hinzufügen" }).click();
  await page.getByLabel("Bezeichnung").fill("Messewand 3x3 m");
  await page.getByLabel("Gebraucht für Schritt").selectOption({ label: "Aufbau" });
  await page.getByLabel("Lieferant").selectOption({ label: "Messebau Krüger GmbH" });
  await page.getByLabel("Lieferzeit (Arbeitstage)").fill("40");
  await page.getByRole("button", { name: "Material anlegen" }).click();
  const row = page.getByRole("row", { name: /Messewand/ });
  await expect(row).toContainText("Messebau Krüger GmbH");
  const orderBy = (await row.getByRole("cell").nth(2).textContent())!.trim();
  expect(orderBy).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);

  // It is due (overdue, even): the procurement list on the dashboard has it.
  await page.getByRole("link", { name: "Übersicht" }).first().click();
  const orders = page.getByRole("region", { name: "Diese Woche bestellen" });
  await expect(orders).toContainText("Messebau Krüger GmbH");
  await expect(orders).toContainText("Messewand 3x3 m");
  await expect(orders).toContainText(orderBy);
});

async function addPredecessorExpectingRefusal(page: Page, step: string, predecessor: string) {
  const edit = page.getByRole("button", { name: `Bearbeiten ${step}`, exact: true });
  if ((await edit.getAttribute("aria-expanded")) !== "true") await edit.click();
  const editor = page.locator(".step-row__editor");
  await editor.getByLabel("Vorgänger", { exact: true }).selectOption({ label: predecessor });
  await editor.getByRole("button", { name: "Vorgänger hinzufügen" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Kreis" });
  await expect(alert.first()).toContainText("Konzept");
  await expect(alert.first()).toContainText("Messe");
  await edit.click();
}
