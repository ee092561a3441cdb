import { test, expect, open } from "./fixtures";
import type { Locator, Page } from "@playwright/test";
import { readFileSync } from "node:fs";

// The table page's grid (issue 12): fits at 1,280 px, moves and edits with
// the keyboard, keeps chosen columns, groups with subtotals, has the same
// grid for materials, contacts and time entries, shows cards on a phone,
// and imports steps from a CSV file through a checked preview.

async function loadSample(page: Page) {
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
}

async function toTable(page: Page) {
  await page.getByRole("link", { name: "Tabelle" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();
}

/** The cell under the column headed `column` in the row headed `row`. */
async function cell(grid: Locator, row: string | RegExp, column: string): Promise<Locator> {
  const index = await grid.getByRole("columnheader", { name: column, exact: true }).getAttribute("aria-colindex");
  return grid
    .getByRole("row")
    .filter({ has: grid.page().getByRole("rowheader", { name: row }) })
    .locator(`[aria-colindex="${index}"]`);
}

test("at 1280 px every column fits; the keyboard moves, edits, cancels, and the edit sticks", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadSample(page);
  await toTable(page);
  const grid = page.getByRole("grid", { name: "Schritte" });
  await expect(grid.getByRole("rowheader", { name: "Moodboard & Styleguide" })).toBeVisible();

  // No inner sideways scroll, and every header lies inside the grid's box.
  const scroller = page.locator(".grid-scroll");
  const [scrollWidth, clientWidth] = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const box = (await scroller.boundingBox())!;
  const headers = grid.getByRole("columnheader");
  await expect(headers).toHaveCount(11);
  for (const header of await headers.all()) {
    const h = (await header.boundingBox())!;
    expect(h.x + h.width).toBeLessThanOrEqual(box.x + box.width + 1);
  }
  for (const name of ["Start", "Ende", "Status", "Puffer (AT)"]) {
    await expect(grid.getByRole("columnheader", { name, exact: true })).toBeInViewport();
  }

  // Arrow keys move the active cell from the step's name to its effort.
  await grid.getByRole("rowheader", { name: "Moodboard & Styleguide" }).click();
  for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowRight");
  const effort = await cell(grid, "Moodboard & Styleguide", "Aufwand (h)");
  await expect(effort).toBeFocused();

  // Enter edits, Enter commits (German decimal comma).
  await page.keyboard.press("Enter");
  const input = page.getByLabel("Aufwand (h) Moodboard & Styleguide");
  await expect(input).toBeFocused();
  await input.fill("30,5");
  await page.keyboard.press("Enter");
  await expect(effort).toHaveText("30,5");
  await expect(effort).toBeFocused();
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", "Schritt geändert");

  // Esc cancels: the typed text is dropped.
  await page.keyboard.press("Enter");
  await input.fill("99");
  await page.keyboard.press("Escape");
  await expect(effort).toHaveText("30,5");
  await expect(effort).toBeFocused();

  // Text that is no number is refused at the grid, nothing saved.
  await page.keyboard.press("Enter");
  await input.fill("viel");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Zahl" })).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Escape");
  await expect(effort).toHaveText("30,5");

  // Tab goes to the next cell; ArrowDown to the next row.
  await page.keyboard.press("Tab");
  await expect(await cell(grid, "Moodboard & Styleguide", "Status")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(":focus")).toHaveAttribute("aria-colindex", "9");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();
  await expect(await cell(page.getByRole("grid", { name: "Schritte" }), "Moodboard & Styleguide", "Aufwand (h)")).toHaveText("30,5");
});

test("columns can be hidden and moved (kept after reload); grouping by work area shows subtotals", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadSample(page);
  await toTable(page);
  const grid = page.getByRole("grid", { name: "Schritte" });

  await page.getByRole("button", { name: "Spalten", exact: true }).click();
  await page.getByRole("checkbox", { name: "Puffer (AT)" }).uncheck();
  await expect(grid.getByRole("columnheader", { name: "Puffer (AT)" })).toHaveCount(0);
  await expect(grid.getByRole("columnheader", { name: "Status", exact: true })).toHaveAttribute("aria-colindex", "9");
  const left = page.getByRole("button", { name: "Status nach links" });
  await left.click();
  await expect(grid.getByRole("columnheader", { name: "Status", exact: true })).toHaveAttribute("aria-colindex", "8");
  await expect(grid.getByRole("columnheader", { name: "Aufwand (h)", exact: true })).toHaveAttribute("aria-colindex", "9");
  // Keyboard: the button keeps the focus after the list is redrawn.
  await expect(left).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(grid.getByRole("columnheader", { name: "Status", exact: true })).toHaveAttribute("aria-colindex", "7");
  // The pinned column stays.
  await expect(page.getByRole("checkbox", { name: /Schritt/ })).toBeDisabled();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();
  const again = page.getByRole("grid", { name: "Schritte" });
  await expect(again.getByRole("columnheader", { name: "Status", exact: true })).toHaveAttribute("aria-colindex", "7");
  await expect(again.getByRole("columnheader", { name: "Puffer (AT)" })).toHaveCount(0);

  await page.getByLabel("Gruppieren nach").selectOption({ label: "Arbeitsbereich" });
  const backend = again.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Backend · 2 Zeilen/ }) });
  await expect(backend).toBeVisible();
  const index = await again.getByRole("columnheader", { name: "Aufwand (h)", exact: true }).getAttribute("aria-colindex");
  await expect(backend.locator(`[aria-colindex="${index}"]`)).toHaveText("74"); // 24 h + 50 h
  const totals = again.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Summe" }) });
  await expect(totals).toBeVisible();

  // The grouping stays when the person leaves the table and comes back.
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Übersicht" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Gruppieren nach")).toHaveValue("area");
  await expect(page.getByRole("grid", { name: "Schritte" }).getByRole("rowheader", { name: /^Backend · 2 Zeilen/ })).toBeVisible();
});

test("the same grid for materials, contacts and time entries; time entries refuse what cannot be", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadSample(page);
  await toTable(page);
  const tabs = page.getByRole("navigation", { name: "Tabellen" });

  await tabs.getByRole("link", { name: "Material" }).click();
  const materials = page.getByRole("grid", { name: "Material" });
  await expect(materials.getByRole("rowheader", { name: "Managed Server (Monat)" })).toBeVisible();
  await expect(materials.getByRole("columnheader", { name: "Kosten", exact: true })).toBeVisible();
  await page.getByLabel("Filter").fill("Flyer");
  await expect(page.getByRole("status").filter({ hasText: "1 von 7 Materialien" })).toBeVisible();

  await tabs.getByRole("link", { name: "Kontakte" }).click();
  const contacts = page.getByRole("grid", { name: "Kontakte" });
  await expect(contacts.getByRole("rowheader", { name: "Claudia Berger" })).toBeVisible();
  await expect(page.getByLabel("Gruppieren nach")).toHaveCount(0);

  await tabs.getByRole("link", { name: "Zeiten" }).click();
  const times = page.getByRole("grid", { name: "Zeiten" });
  await expect(page.getByRole("status").filter({ hasText: "8 von 8 Zeiteinträgen" })).toBeVisible();
  const hoursIndex = await times.getByRole("columnheader", { name: "Stunden", exact: true }).getAttribute("aria-colindex");
  const dateIndex = await times.getByRole("columnheader", { name: "Datum", exact: true }).getAttribute("aria-colindex");
  const first = times.getByRole("row").nth(1);
  const second = times.getByRole("row").nth(2);
  const hours = first.locator(`[aria-colindex="${hoursIndex}"]`);
  await hours.click();
  const input = hours.getByRole("textbox");
  await input.fill("0");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Bitte mehr als 0 Stunden eingeben." })).toBeVisible();
  await input.fill("1.5");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Zahl" })).toBeVisible();
  await input.fill("20");
  await page.keyboard.press("Enter");
  await expect(hours).toHaveText("20");
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", "Zeiteintrag geändert");

  // Moving a second entry onto that day would make more than 24 hours.
  const day = (await first.locator(`[aria-colindex="${dateIndex}"]`).textContent())!;
  const otherHours = Number((await second.locator(`[aria-colindex="${hoursIndex}"]`).textContent())!.replace(",", "."));
  expect(otherHours).toBeGreaterThan(4);
  const date = second.locator(`[aria-colindex="${dateIndex}"]`);
  const before = await date.textContent();
  await date.click();
  await date.getByRole("textbox").fill(day);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "mehr als 24 Stunden pro Tag" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(date).toHaveText(before!);
});

test("on a phone each row is a card of label and value, still editable", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await loadSample(page);
  await page.goto("/table");
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();
  const grid = page.getByRole("grid", { name: "Schritte" });
  const row = grid.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Moodboard & Styleguide" }) });
  await row.scrollIntoViewIfNeeded();
  const box = (await row.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(375);
  expect(box.height).toBeGreaterThan(200); // one line per column
  const finish = await cell(grid, "Moodboard & Styleguide", "Ende");
  const f = (await finish.boundingBox())!;
  expect(f.x + f.width).toBeLessThanOrEqual(375);
  const label = await finish.evaluate((el) => getComputedStyle(el, "::before").content);
  expect(label).toContain('"Ende"');

  const progress = await cell(grid, "Moodboard & Styleguide", "Fortschritt (%)");
  await progress.click();
  await page.getByLabel("Fortschritt (%) Moodboard & Styleguide").fill("55");
  await page.keyboard.press("Enter");
  await expect(progress).toContainText("55");
  await page.screenshot({ path: "test-results/grid-375.png" });
});

test("steps come in from a CSV file through a mapping preview, after confirmation, as one undoable action", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadSample(page);
  await toTable(page);
  const opener = page.getByRole("button", { name: "Schritte aus CSV importieren" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Schritte aus CSV importieren" });
  // A modal dialog: Escape closes it and
  // the focus goes back to the button that opened it.
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await opener.click();
  await dialog.getByLabel("In Projekt").selectOption({ label: "Website Physiotherapie Sommer" });
  await dialog.getByLabel("CSV-Datei").setInputFiles({
    name: "schritte.csv",
    mimeType: "text/csv",
    buffer: readFileSync(new URL("../fixtures/steps-excel.csv", import.meta.url)),
  });

  // Guessed from the headers; "Std" is not recognised.
  await expect(dialog.getByLabel("Bedeutung der Spalte „Vorgang“")).toHaveValue("0");
  await expect(dialog.getByLabel("Bedeutung der Spalte „Std“")).toHaveValue("");
  // Line 4 has no number of days: shown with its line, nothing to confirm.
  const errors = dialog.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Grund" }) });
  const bad = errors.getByRole("row").filter({ hasText: "eine Woche" });
  await expect(bad.getByRole("cell").first()).toHaveText("4");
  await expect(bad).toContainText("Dauer (AT)");
  await expect(dialog.getByRole("button", { name: /importieren$/ })).toBeDisabled();

  // Fix the mapping: days are not taken, "Std" is the effort.
  await dialog.getByLabel("Bedeutung der Spalte „Tage“").selectOption({ label: "Nicht importieren" });
  await dialog.getByLabel("Bedeutung der Spalte „Std“").selectOption({ label: "Aufwand (h)" });
  await expect(errors).toHaveCount(0);
  await expect(dialog.getByRole("status")).toContainText("3 Schritte bereit");
  const preview = dialog.getByRole("table").filter({ has: page.getByRole("rowheader", { name: "Import-Abnahme" }) });
  const row = (title: string) => preview.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
  await expect(row("Import-Abnahme")).toContainText("Import-Umsetzung"); // "3": the file's line 3
  await expect(row("Import-Umsetzung")).toContainText("Import-Konzept"); // by title
  await expect(row("Import-Umsetzung")).toContainText("37,5");

  // Nothing was written yet.
  const grid = page.getByRole("grid", { name: "Schritte" });
  await expect(grid.getByRole("rowheader", { name: "Import-Abnahme" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "3 Schritte importieren" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "3 Schritte importiert." })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /25 von 25 Schritten/ })).toBeVisible();
  await expect(await cell(grid, "Import-Umsetzung", "Projekt")).toHaveText("Website Physiotherapie Sommer");
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", "Schritte importiert");
  await page.getByRole("button", { name: "Rückgängig" }).click();
  await expect(page.getByRole("status").filter({ hasText: /22 von 22 Schritten/ })).toBeVisible();
});
