import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

/** Creates a project through the form and returns its page's path. */
async function createProject(page: Page, name: string) {
  await open(page, "/projects");
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]+$/);
  return new URL(page.url()).pathname;
}

/** Shows one part of the project page through its tab. */
async function showTab(page: Page, name: string) {
  await page.getByRole("navigation", { name: /^(Bereiche des Projekts|Parts of the project)$/ }).getByRole("link", { name, exact: true }).click();
}

function projectData(page: Page, name = "Projektdaten") {
  return page.getByRole("region", { name });
}

async function addStep(page: Page, title: string, days: string) {
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Titel").fill(title);
  await form.getByLabel("Dauer (Arbeitstage)").fill(days);
  await form.getByRole("button", { name: "Schritt anlegen" }).click();
  await expect(page.locator("form.step-form")).toHaveCount(0);
}

test("typing in one tab survives a save in another; saving keeps the other tab's change", async ({ page, context }) => {
  const path = await createProject(page, "Messestand");
  const other = await context.newPage();
  await open(other, path);

  // A types a description, B changes the revenue and saves.
  const a = projectData(page);
  await a.getByLabel("Beschreibung").fill("Text aus Tab A");
  const b = projectData(other);
  await b.getByLabel("Geplanter Umsatz (€)").fill("2.500");
  await b.getByRole("button", { name: "Speichern" }).click();

  // A keeps its text and is told, with both choices.
  await expect(a.getByText("in einem anderen Tab")).toBeVisible();
  await expect(a.getByLabel("Beschreibung")).toHaveValue("Text aus Tab A");
  await a.getByRole("button", { name: "Weiter bearbeiten" }).click();
  await expect(a.getByText("in einem anderen Tab")).toHaveCount(0);
  await a.getByRole("button", { name: "Speichern" }).click();

  // Both changes are there, in both tabs.
  await other.reload();
  await expect(projectData(other).getByLabel("Beschreibung")).toHaveValue("Text aus Tab A");
  await expect(projectData(other).getByLabel("Geplanter Umsatz (€)")).toHaveValue("2.500,00\u00a0€");
  await expect(a.getByLabel("Geplanter Umsatz (€)")).toHaveValue("2.500,00\u00a0€");

  // "Load the new values" replaces what A typed with B's record.
  await a.getByLabel("Name").fill("Wird verworfen");
  await projectData(other).getByLabel("Beschreibung").fill("Von B");
  await projectData(other).getByRole("button", { name: "Speichern" }).click();
  await expect(a.getByText("in einem anderen Tab")).toBeVisible();
  await expect(a.getByLabel("Name")).toHaveValue("Wird verworfen");
  await a.getByRole("button", { name: "Neue Werte laden" }).click();
  await expect(a.getByLabel("Name")).toHaveValue("Messestand");
  await expect(a.getByLabel("Beschreibung")).toHaveValue("Von B");
  await expect(a.getByText("in einem anderen Tab")).toHaveCount(0);

  // With nothing typed there is nothing to keep: A simply shows B's values.
  await projectData(other).getByLabel("Name").fill("Messestand Nord");
  await projectData(other).getByRole("button", { name: "Speichern" }).click();
  await expect(a.getByLabel("Name")).toHaveValue("Messestand Nord");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Messestand Nord");
  await expect(a.getByText("in einem anderen Tab")).toHaveCount(0);
});

test("German amounts: 1.000,50 is a thousand and a half; a malformed one saves nothing", async ({ page }) => {
  await createProject(page, "Beträge");
  const form = projectData(page);
  const revenue = form.getByLabel("Geplanter Umsatz (€)");
  await revenue.fill("1.000,50");
  await form.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", "Projekt gespeichert");
  await page.reload();
  await expect(projectData(page).getByLabel("Geplanter Umsatz (€)")).toHaveValue("1.000,50\u00a0€");

  // "1,2,3" is no amount: the field says so, the form says nothing was saved.
  const undoTitle = await page.getByRole("button", { name: "Rückgängig" }).getAttribute("title");
  const cost = projectData(page).getByLabel("Geplante Kosten (€)");
  await cost.fill("1,2,3");
  await projectData(page).getByLabel("Beschreibung").fill("nicht gespeichert");
  await projectData(page).getByRole("button", { name: "Speichern" }).click();
  await expect(cost).toHaveAttribute("aria-invalid", "true");
  await expect(cost).toHaveAccessibleDescription(/Kein Betrag in deutscher Schreibweise/);
  await expect(projectData(page).getByRole("alert")).toContainText("Nicht gespeichert");
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", undoTitle!);
  await page.reload();
  await expect(projectData(page).getByLabel("Beschreibung")).toHaveValue("");
  await expect(projectData(page).getByLabel("Geplante Kosten (€)")).toHaveValue("");
});

test.describe("english", () => {
  test.use({ locale: "en-GB" });
  test("English amounts: 1,000.50 is a thousand and a half, 1,5 is refused", async ({ page }) => {
    await open(page, "/projects");
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill("Amounts");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]+$/);
    const form = projectData(page, "Project data");
    await form.getByLabel("Planned revenue (€)").fill("1,000.50");
    await form.getByRole("button", { name: "Save" }).click();
    await page.reload();
    await expect(projectData(page, "Project data").getByLabel("Planned revenue (€)")).toHaveValue("€1,000.50");
    const cost = projectData(page, "Project data").getByLabel("Planned cost (€)");
    await cost.fill("1,5");
    await projectData(page, "Project data").getByRole("button", { name: "Save" }).click();
    await expect(cost).toHaveAttribute("aria-invalid", "true");
    await expect(cost).toHaveAccessibleDescription(/Not an amount as written in English/);
  });
});

test("a refused table cell edit shows why at the cell and leaves no undo entry", async ({ page }) => {
  await createProject(page, "Tabelle");
  await addStep(page, "Zuschnitt", "2");
  await page.getByRole("link", { name: "Tabelle" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();
  const undo = page.getByRole("button", { name: "Rückgängig" });
  await expect(undo).toHaveAttribute("title", "Schritt angelegt");

  // The grid's cells open an editor on click (or Enter); a refused text
  // keeps the editor open with the reason.
  const grid = page.getByRole("grid", { name: "Schritte" });
  const cellOf = async (column: string) => {
    const index = await grid.getByRole("columnheader", { name: column, exact: true }).getAttribute("aria-colindex");
    return grid.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Zuschnitt" }) }).locator(`[aria-colindex="${index}"]`);
  };
  await (await cellOf("Dauer (AT)")).click();
  for (const text of ["abc", "1,5", "0"]) {
    const cell = page.getByLabel("Dauer (AT) Zuschnitt");
    await cell.fill(text);
    await cell.press("Enter");
    await expect(cell).toHaveAttribute("aria-invalid", "true");
    await expect(undo).toHaveAttribute("title", "Schritt angelegt");
  }
  await expect(page.getByLabel("Dauer (AT) Zuschnitt")).toHaveAccessibleDescription(/Nicht übernommen/);
  await page.keyboard.press("Escape");

  await (await cellOf("Aufwand (h)")).click();
  const effort = page.getByLabel("Aufwand (h) Zuschnitt");
  await effort.fill("1.000,5");
  await effort.press("Enter");
  await expect(undo).toHaveAttribute("title", "Schritt geändert");
  await page.keyboard.press("Enter");
  await expect(effort).toHaveValue("1000,5");
  await page.keyboard.press("Escape");
  const durationCell = await cellOf("Dauer (AT)");
  await durationCell.click();
  const duration = page.getByLabel("Dauer (AT) Zuschnitt");
  await duration.fill("3");
  await duration.press("Enter");
  await expect(duration).toHaveCount(0);
  await expect(durationCell).toHaveText("3");
});

test("ticking milestone makes a diamond of length 0 in the schedule", async ({ page }) => {
  await createProject(page, "Meilenstein");
  await addStep(page, "Aufbau", "2");
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Titel").fill("Eröffnung");
  await form.getByLabel("Dauer (Arbeitstage)").fill("3");
  await form.getByLabel("Meilenstein").check();
  await expect(form.getByLabel("Dauer (Arbeitstage)")).toHaveValue("0");
  await expect(form.getByLabel("Dauer (Arbeitstage)")).toBeDisabled();
  await form.getByRole("button", { name: "Schritt anlegen" }).click();
  const row = page.locator(".step-row", { hasText: "Eröffnung" });
  await expect(row.locator(".milestone-mark")).toBeVisible();
  await expect(row).toContainText("0 AT");
  // The confirmation appears in the steps section, not at the top.
  await expect(page.getByRole("region", { name: "Schritte" }).getByRole("status").filter({ hasText: "Schritt angelegt" })).toBeVisible();
  await showTab(page, "Zeitplan");
  await expect(page.locator(".timeline__milestone")).toHaveCount(1);
});

test.describe("phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });
  test("very long names keep every page within the window", async ({ page }) => {
    test.setTimeout(90_000);
    const huge = "Riesenprojektname".repeat(176).slice(0, 3000);
    const unbroken = "X".repeat(120);
    await open(page, "/projects");
    await page.getByRole("button", { name: "Neues Projekt" }).click();
    await page.getByLabel("Name").fill(huge);
    await page.getByLabel("Start").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]+$/);
    const path = new URL(page.url()).pathname;
    await addStep(page, unbroken, "2");
    await showTab(page, "Material");
    await page.getByRole("button", { name: "Material hinzufügen" }).click();
    await page.getByLabel("Bezeichnung").first().fill(unbroken);
    await page.getByRole("button", { name: "Material anlegen" }).click();
    await open(page, "/contacts");
    await page.getByRole("button", { name: "Neuer Kontakt" }).click();
    await page.getByLabel("Name", { exact: true }).fill(unbroken);
    await page.getByRole("button", { name: "Kontakt anlegen" }).click();

    for (const p of ["/", "/projects", path, `${path}?tab=materials`, "/table", "/calendar", "/contacts", "/network", "/settings"]) {
      await open(page, p);
      await page.waitForTimeout(300);
      const { scroll, inner } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(scroll, `${p} is no wider than the window`).toBeLessThanOrEqual(inner);
      await page.screenshot({ path: `test-results/long-${p.replace(/\W+/g, "_") || "root"}-375.png`, fullPage: true });
    }
  });
});
