import { readFileSync } from "node:fs";
import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// The plan meets reality: progress moves successors, late steps say by how
// much, levelling says what it moved and why the rest stayed, and the
// project page keeps its tab in the URL. Today is fixed on Wed 13 Jan 2027.

const TODAY = new Date("2027-01-13T09:00:00");
const IDS = {
  stand: "a1000000-0000-4000-8000-000000000001",
  shop: "a1000000-0000-4000-8000-000000000002",
  konzept: "b1000000-0000-4000-8000-000000000001",
  grafik: "b1000000-0000-4000-8000-000000000002",
  frontend: "b1000000-0000-4000-8000-000000000003",
  tests: "b1000000-0000-4000-8000-000000000004",
  doku: "b1000000-0000-4000-8000-000000000005",
  jonas: "c1000000-0000-4000-8000-000000000001",
  wall: "d1000000-0000-4000-8000-000000000001",
};

/** A backup of the sample's shape with two small projects:
 * "Messestand": Konzept (3 days from Mon 11 Jan, in progress, 1 day left)
 * then Grafik (2 days); a material for Grafik.
 * "Shop" (from Mon 18 Jan, due 26 Feb): Jonas (20 h a week) has Frontend
 * (due Fri 22 Jan) and Tests in the same week, 20 h each; Doku (4 h)
 * follows Tests. */
function backup(): Buffer {
  const sample = JSON.parse(readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url), "utf8"));
  const stamp = { created: "2027-01-04T09:00:00Z", updated: "2027-01-04T09:00:00Z" };
  const project = (id: string, name: string, start: string, deadline: string | null) => ({
    ...sample.data.projects[0], ...stamp, id, name, client: null, start, deadline,
    priority: "normal", status: "active", work_areas: [],
  });
  const step = (id: string, project: string, title: string, days: number, extra: object = {}) => ({
    ...sample.data.steps[0], ...stamp, id, project, title, work_area: null, assignee: "me", planned_start: null,
    duration_days: days, effort_hours: 0, deadline: null, dependencies: [], status: "todo", progress: 0,
    result: null, actual_start: null, actual_finish: null, remaining_days: null, ...extra,
  });
  const jonas = { contact: IDS.jonas };
  const contact = sample.data.contacts.find((c: { roles: string[] }) => c.roles.includes("collaborator"));
  const data = {
    projects: [project(IDS.stand, "Messestand", "2027-01-11", null), project(IDS.shop, "Shop", "2027-01-18", "2027-02-26")],
    steps: [
      step(IDS.konzept, IDS.stand, "Konzept", 3, { status: "in_progress", actual_start: "2027-01-11", remaining_days: 1, sort_order: 1 }),
      step(IDS.grafik, IDS.stand, "Grafik", 2, { dependencies: [{ predecessor: IDS.konzept, lag_days: 0 }], sort_order: 2 }),
      step(IDS.frontend, IDS.shop, "Frontend", 5, { assignee: jonas, effort_hours: 20, deadline: "2027-01-22", sort_order: 1 }),
      step(IDS.tests, IDS.shop, "Tests", 5, { assignee: jonas, effort_hours: 20, sort_order: 2 }),
      step(IDS.doku, IDS.shop, "Doku", 2, { assignee: jonas, effort_hours: 4, dependencies: [{ predecessor: IDS.tests, lag_days: 0 }], sort_order: 3 }),
    ],
    materials: [{
      ...sample.data.materials[0], ...stamp, id: IDS.wall, project: IDS.stand, step: IDS.grafik, name: "Messewand 3x3 m",
      quantity: 1, unit: "Stück", unit_cost: 120000, supplier: null, lead_time_days: 10, ordered_on: null, status: "to_order",
    }],
    contacts: [{ ...contact, ...stamp, id: IDS.jonas, name: "Jonas Weber", weekly_capacity_hours: 20, days_off: [] }],
    communications: [], appointments: [], time_entries: [],
  };
  return Buffer.from(JSON.stringify({ ...sample, data }), "utf8");
}

async function load(page: Page, replace = "Alles ersetzen") {
  await page.clock.setFixedTime(TODAY);
  await open(page, "/settings");
  await page.getByLabel(/^(Sicherungsdatei \(JSON\)|Backup file \(JSON\))$/).setInputFiles({
    name: "progress.json", mimeType: "application/json", buffer: backup(),
  });
  await page.getByRole("button", { name: replace }).click();
  await expect(page.getByRole("status").filter({ hasText: /Import abgeschlossen|Import finished/ })).toBeVisible();
}

function row(page: Page, title: string) {
  return page.locator(".step-row").filter({ has: page.getByText(title, { exact: true }) });
}

test("a step done a day late moves its successors and the end, and says it is late", async ({ page }) => {
  test.setTimeout(60_000);
  await load(page);
  await open(page, `/projects/${IDS.stand}`);
  await expect(row(page, "Grafik").locator(".step-row__dates")).toContainText("14.01.2027 – 15.01.2027");
  await expect(page.getByText(/Voraussichtliches Ende 15\.01\.2027 · Puffer gemessen bis zum berechneten Projektende/)).toBeVisible();
  await expect(row(page, "Konzept").getByText(/verspätet/)).toHaveCount(0);

  // Done, with the finish typed a day after the plan (Wed 13 → Thu 14).
  await page.getByRole("button", { name: "Bearbeiten Konzept", exact: true }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Status").selectOption({ label: "Erledigt" });
  await expect(form.getByLabel("Tatsächliches Ende")).toHaveValue("2027-01-13");
  await expect(form.getByLabel("Tatsächlicher Start")).toHaveValue("2027-01-11");
  await form.getByLabel("Tatsächliches Ende").fill("2027-01-14");
  await form.getByRole("button", { name: "Schritt speichern" }).click();
  await expect(form).toHaveCount(0);

  await expect(row(page, "Konzept").getByText("1 Arbeitstag verspätet")).toBeVisible();
  await expect(row(page, "Grafik").locator(".step-row__dates")).toContainText("15.01.2027 – 18.01.2027");
  await expect(page.getByText("Voraussichtliches Ende 18.01.2027 (geplant: 15.01.2027)")).toBeVisible();

  // The table flags it in words too (reached through the navigation, so
  // the undo history of this page stays).
  await page.getByRole("link", { name: "Tabelle" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Konzept/ }).getByText("1 Arbeitstag verspätet")).toBeVisible();

  // One undo takes the status back.
  await page.getByRole("button", { name: "Rückgängig" }).click();
  await expect(page.getByRole("row", { name: /Konzept/ }).getByText(/verspätet/)).toHaveCount(0);
});

test("the status control in the list stamps today", async ({ page }) => {
  await load(page);
  await open(page, `/projects/${IDS.stand}`);
  await row(page, "Grafik").getByLabel("Status von Grafik").selectOption({ label: "In Arbeit" });
  await expect(page.getByRole("status").filter({ hasText: "Status geändert: Grafik" })).toBeVisible();
  await page.getByRole("button", { name: "Bearbeiten Grafik", exact: true }).click();
  await expect(page.locator("form.step-form").getByLabel("Tatsächlicher Start")).toHaveValue("2027-01-13");
});

test("levelling an overloaded collaborator says which steps moved and why the rest stayed", async ({ page }) => {
  await load(page);
  await page.getByRole("link", { name: "Netzwerk" }).first().click();
  await page.getByRole("button", { name: "Auslastung von Jonas Weber ausgleichen" }).click();
  const moved = page.getByRole("list", { name: "Verschoben" });
  await expect(moved).toContainText(/Tests: \d+ Arbeitstage? später/);
  await expect(moved).toContainText(/Doku: \d+ Arbeitstage? später \(mitgeschoben von Tests\)/);
  await expect(moved).not.toContainText("Frontend");
  await page.screenshot({ path: "test-results/progress-levelling.png", fullPage: true });

  // One undo takes every move back: the week is overloaded again.
  await page.getByRole("button", { name: "Rückgängig" }).click();
  await expect(page.getByRole("button", { name: "Auslastung von Jonas Weber ausgleichen" })).toBeVisible();
  await page.getByRole("button", { name: "Auslastung von Jonas Weber ausgleichen" }).click();
  await expect(page.getByRole("list", { name: "Verschoben" })).toContainText("Tests");
});

test("the project's tab is in the URL and survives a reload", async ({ page }) => {
  await load(page);
  await open(page, `/projects/${IDS.stand}`);
  const tabs = page.getByRole("navigation", { name: "Bereiche des Projekts" });
  await expect(tabs.getByRole("link", { name: "Schritte" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "Material" }).click();
  await expect(page).toHaveURL(/\?tab=materials$/);
  await expect(page.getByRole("heading", { name: "Material", level: 2 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Material", level: 2 })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Material" })).toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page.getByRole("button", { name: "Bearbeiten Konzept", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/progress-project-desktop.png", fullPage: true });

  // A supplier is created from the material form without leaving it.
  await tabs.getByRole("link", { name: "Material" }).click();
  await page.getByRole("button", { name: "Bearbeiten Messewand 3x3 m" }).click();
  await page.getByRole("button", { name: "Neuer Lieferant" }).click();
  await page.getByLabel("Name des neuen Lieferanten").fill("Messebau Krüger GmbH");
  await page.getByRole("button", { name: "Lieferant anlegen" }).click();
  await expect(page.getByLabel("Lieferant", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel("Lieferant", { exact: true }).locator("option:checked")).toHaveText("Messebau Krüger GmbH");
  await page.getByRole("button", { name: "Material speichern" }).click();
  await expect(page.locator(".materials-table")).toContainText("Messebau Krüger GmbH");
  await page.setViewportSize({ width: 1280, height: 800 });
  const actions = page.getByRole("button", { name: "Löschen Messewand 3x3 m" });
  const box = (await actions.boundingBox())!;
  expect(box.x + box.width, "the last action fits in the window").toBeLessThanOrEqual(1280);
  await page.screenshot({ path: "test-results/progress-materials-1280.png", fullPage: true });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 800 } });

  test("a step row keeps title, dates and status readable, and a material is a card", async ({ page }) => {
    await load(page);
    await open(page, `/projects/${IDS.stand}`);
    const konzept = row(page, "Konzept");
    const title = (await konzept.locator(".step-row__title").boundingBox())!;
    const dates = (await konzept.locator(".step-row__dates").boundingBox())!;
    const status = (await konzept.getByLabel("Status von Konzept").boundingBox())!;
    expect(title.y + title.height, "dates below the title").toBeLessThanOrEqual(dates.y + 1);
    expect(dates.y + dates.height, "status below the dates").toBeLessThanOrEqual(status.y + 1);
    expect(status.height).toBeGreaterThanOrEqual(44);
    for (const button of await konzept.getByRole("button").all()) {
      const b = (await button.boundingBox())!;
      expect(b.height, "touch target").toBeGreaterThanOrEqual(44);
      expect(b.x + b.width).toBeLessThanOrEqual(375);
    }
    await page.screenshot({ path: "test-results/progress-project-375.png", fullPage: true });

    await page.getByRole("navigation", { name: "Bereiche des Projekts" }).getByRole("link", { name: "Material" }).click();
    const card = page.locator(".materials-table tbody tr").first();
    await expect(card.locator(".materials-table__order-by")).toBeVisible();
    await expect(card.locator(".materials-table__order-by")).toContainText(/\d\d\.\d\d\.\d{4}/);
    const cardBox = (await card.boundingBox())!;
    expect(cardBox.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: "test-results/progress-materials-375.png", fullPage: true });
  });
});

test.describe("English interface", () => {
  test.use({ locale: "en-GB" });

  test("tabs and float speak English", async ({ page }) => {
    await load(page, "Replace everything");
    await open(page, `/projects/${IDS.stand}`);
    await expect(page.getByText("Float measured to the computed project end")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Parts of the project" }).getByRole("link", { name: "Materials" })).toBeVisible();
    await open(page, `/projects/${IDS.shop}`);
    await expect(page.getByText(/Float measured to the project deadline 26\/02\/2027/)).toBeVisible();
  });
});

test("the workload part shows whose week the project fills", async ({ page }) => {
  await load(page);
  await open(page, `/projects/${IDS.shop}?tab=workload`);
  const tabs = page.getByRole("navigation", { name: "Bereiche des Projekts" });
  await expect(tabs.getByRole("link", { name: "Auslastung" })).toHaveAttribute("aria-current", "page");
  const table = page.getByRole("region", { name: "Auslastung" }).getByRole("table");
  await expect(table.getByRole("columnheader", { name: "KW 3" })).toBeVisible();
  // Jonas has Frontend and Tests (20 h each) in the week of 18 January, at 20 h a week.
  const jonas = table.getByRole("row", { name: /Jonas Weber/ });
  await expect(jonas.getByRole("cell", { name: "40 h · gesamt 40 / 20 h (überlastet)" })).toBeVisible();
});

test("once a baseline is frozen, a step that slips says how far it is behind it", async ({ page }) => {
  await load(page);
  await open(page, `/projects/${IDS.stand}`);
  // Saving the active project freezes its plan as the first baseline.
  const data = page.getByRole("region", { name: "Projektdaten" });
  await expect(data.getByLabel("Status")).toHaveValue("active");
  await data.getByRole("button", { name: "Speichern" }).click();
  const grafik = page.locator(`#step-${IDS.grafik}`);
  await expect(grafik.getByText(/hinter dem Basisplan/)).toHaveCount(0);

  // Konzept needs three more days instead of one: Grafik ends two days later.
  await page.getByRole("button", { name: "Bearbeiten Konzept", exact: true }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Verbleibend (Arbeitstage)").fill("3");
  await form.getByRole("button", { name: "Schritt speichern" }).click();
  await expect(grafik.getByText("2 Arbeitstage hinter dem Basisplan")).toBeVisible();
});
