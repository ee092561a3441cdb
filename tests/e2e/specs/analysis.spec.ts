import { readFileSync } from "node:fs";
import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// After the project: finishing it moves it to the archive, where it is
// read-only until reopened; its analysis compares the baseline with what
// happened (slip in working days, effort, cost, margin), in German and in
// English; re-baselining keeps the earlier plan selectable; lessons learned
// are kept. Today is fixed on Wed 3 Feb 2027.

const TODAY = new Date("2027-02-03T09:00:00");
const IDS = {
  shop: "a2000000-0000-4000-8000-000000000001",
  praxis: "a2000000-0000-4000-8000-000000000002",
  konzept: "b2000000-0000-4000-8000-000000000001",
  backend: "b2000000-0000-4000-8000-000000000002",
  seiten: "b2000000-0000-4000-8000-000000000003",
  jonas: "c2000000-0000-4000-8000-000000000001",
  licence: "d2000000-0000-4000-8000-000000000001",
};

/** "Webshop" (active, revenue 5.000 €, planned cost 2.000 €), baseline of
 * 18 Jan: Konzept (me, 24 h) Mon 18 – Wed 20 Jan, then Backend (Jonas at
 * 60 €/h, 20 h) Thu 21 – Mon 25 Jan, which needs two licences (2 × 50 €).
 * What happened: Konzept 18 – 21 Jan (30 h), Backend 22 – 26 Jan (28 h,
 * so 1.680 € labour), the licences delivered on 22 Jan (a day late) and
 * invoiced at 120 €. So the end is 1 working day late, the cost 1.800 €
 * and the margin 3.200 € against 3.000 € planned.
 * "Praxis-Website" is a second, running project. */
function backup(): Buffer {
  const sample = JSON.parse(readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url), "utf8"));
  const stamp = { created: "2027-01-15T09:00:00Z", updated: "2027-01-15T09:00:00Z" };
  const project = (id: string, name: string, extra: object = {}) => ({
    ...sample.data.projects[0], ...stamp, id, name, client: null, start: "2027-01-18", deadline: null,
    priority: "normal", status: "active", work_areas: ["Konzept", "Backend"], notes: "", ...extra,
  });
  const step = (id: string, projectId: string, title: string, days: number, extra: object = {}) => ({
    ...sample.data.steps[0], ...stamp, id, project: projectId, title, work_area: null, assignee: "me", planned_start: null,
    duration_days: days, effort_hours: 0, deadline: null, dependencies: [], status: "todo", progress: 0,
    result: null, actual_start: null, actual_finish: null, remaining_days: null, ...extra,
  });
  const entry = (n: number, stepId: string, person: unknown, date: string, hours: number) => ({
    id: `e2000000-0000-4000-8000-00000000000${n}`, ...stamp, step: stepId, person, date, hours, note: "",
  });
  const jonas = { contact: IDS.jonas };
  const contact = sample.data.contacts.find((c: { roles: string[] }) => c.roles.includes("collaborator"));
  const baseline = {
    taken: "2027-01-18T08:00:00Z", note: "Angebot",
    steps: [
      { step: IDS.konzept, title: "Konzept", work_area: "Konzept", start: "2027-01-18", finish: "2027-01-20", effort_hours: 24, milestone: false },
      { step: IDS.backend, title: "Backend", work_area: "Backend", start: "2027-01-21", finish: "2027-01-25", effort_hours: 20, milestone: false },
    ],
    materials: [{ material: IDS.licence, name: "Lizenz", quantity: 2, unit_cost: 5000, needed_by: "2027-01-21" }],
    planned_revenue: 500000, planned_cost: 200000,
  };
  const data = {
    projects: [
      project(IDS.shop, "Webshop", { planned_revenue: 500000, planned_cost: 200000, baselines: [baseline] }),
      project(IDS.praxis, "Praxis-Website", { start: "2027-02-01" }),
    ],
    steps: [
      step(IDS.konzept, IDS.shop, "Konzept", 3, {
        work_area: "Konzept", effort_hours: 24, status: "done", progress: 100,
        actual_start: "2027-01-18", actual_finish: "2027-01-21", sort_order: 1,
      }),
      step(IDS.backend, IDS.shop, "Backend", 3, {
        work_area: "Backend", effort_hours: 20, assignee: jonas, status: "done", progress: 100,
        dependencies: [{ predecessor: IDS.konzept, lag_days: 0 }],
        actual_start: "2027-01-22", actual_finish: "2027-01-26", sort_order: 2,
      }),
      step(IDS.seiten, IDS.praxis, "Seiten", 5, { sort_order: 1 }),
    ],
    materials: [{
      ...sample.data.materials[0], ...stamp, id: IDS.licence, project: IDS.shop, step: IDS.backend, name: "Lizenz",
      quantity: 2, unit: "Stück", unit_cost: 5000, supplier: null, lead_time_days: 0, ordered_on: "2027-01-15",
      delivered_on: "2027-01-22", status: "delivered", actual_cost: 12000,
    }],
    contacts: [{ ...contact, ...stamp, id: IDS.jonas, name: "Jonas Weber", hourly_rate: 6000, days_off: [] }],
    communications: [], appointments: [],
    time_entries: [
      // At most 24 h a day per person: spread over the days worked.
      entry(1, IDS.konzept, "me", "2027-01-18", 10),
      entry(2, IDS.konzept, "me", "2027-01-19", 10),
      entry(3, IDS.konzept, "me", "2027-01-21", 10),
      entry(4, IDS.backend, jonas, "2027-01-22", 14),
      entry(5, IDS.backend, jonas, "2027-01-26", 14),
    ],
  };
  return Buffer.from(JSON.stringify({ ...sample, data }), "utf8");
}

async function load(page: Page, replace: string) {
  await page.clock.setFixedTime(TODAY);
  await open(page, "/settings");
  await page.getByLabel(/^(Sicherungsdatei \(JSON\)|Backup file \(JSON\))$/).setInputFiles({
    name: "analysis.json", mimeType: "application/json", buffer: backup(),
  });
  await page.getByRole("button", { name: replace }).click();
  await expect(page.getByRole("status").filter({ hasText: /Import abgeschlossen|Import finished/ })).toBeVisible();
}

/** Sets the project's status in its form and saves. */
async function setStatus(page: Page, status: string, save: string) {
  const form = page.locator("#project-data-title").locator("..");
  await form.getByLabel("Status", { exact: true }).selectOption({ label: status });
  await form.getByRole("button", { name: save, exact: true }).click();
}

test("a finished project moves to the archive, is read-only until reopened, and its analysis reads slip, effort, cost and margin", async ({ page }) => {
  test.setTimeout(90_000);
  await load(page, "Alles ersetzen");
  await open(page, `/projects/${IDS.shop}`);
  await expect(page.getByRole("button", { name: "Schritt hinzufügen" })).toBeVisible();
  await setStatus(page, "Abgeschlossen", "Speichern");
  const banner = page.getByRole("region", { name: "Projektstatus" });
  await expect(banner).toContainText("Dieses Projekt ist abgeschlossen – nur lesbar");
  // Read-only: no adding or editing steps, the project's fields locked.
  await expect(page.getByRole("button", { name: "Schritt hinzufügen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Bearbeiten Konzept" })).toHaveCount(0);
  await expect(page.getByLabel("Status von Konzept")).toBeDisabled();
  await expect(page.locator("#project-name")).toBeDisabled();

  // It leaves the active list and is found in the archive.
  await page.getByRole("link", { name: "Projekte" }).first().click();
  const list = page.getByRole("list", { name: "Projekte" });
  await expect(list.getByRole("link", { name: "Praxis-Website" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Webshop" })).toHaveCount(0);
  await page.getByRole("link", { name: "Archiv" }).click();
  await expect(list.getByRole("link", { name: "Webshop", exact: true })).toBeVisible();
  await expect(list.getByRole("link", { name: "Praxis-Website" })).toHaveCount(0);
  // Across finished projects: how good the estimates were.
  const accuracy = page.getByRole("region", { name: "Schätzgenauigkeit" });
  await expect(accuracy.getByRole("row", { name: /Backend 1 20 h 28 h 1,4×/ })).toBeVisible();
  await page.getByRole("link", { name: "Analyse Webshop" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Analyse: Webshop" })).toBeVisible();
  const summary = page.getByRole("region", { name: "Auf einen Blick" });
  await expect(summary).toContainText("1 Arbeitstag später als geplant");
  await expect(summary).toContainText("44 h geplant, 58 h gebucht");
  await expect(summary).toContainText("3.000,00 € geplant, 3.200,00 € tatsächlich");
  const steps = page.getByRole("region", { name: "Schritte: Basisplan und Ist" });
  await expect(steps.getByRole("img", { name: /Balkendiagramm: je Schritt/ })).toBeVisible();
  await expect(steps.getByRole("row", { name: /Backend Backend 21\.01\.2027 – 25\.01\.2027 22\.01\.2027 – 26\.01\.2027 \+1 \+1 20 h 28 h/ })).toBeVisible();
  const areas = page.getByRole("region", { name: "Aufwand je Arbeitsbereich" });
  await expect(areas.getByRole("img")).toBeVisible();
  await expect(areas.getByRole("row", { name: /Konzept 1 24 h 30 h \+1/ })).toBeVisible();
  const money = page.getByRole("region", { name: "Umsatz, Kosten und Marge" });
  await expect(money.getByRole("img")).toBeVisible();
  await expect(money.getByRole("row", { name: /^Kosten 2\.000,00 € 1\.800,00 € -200,00 €$/ })).toBeVisible();
  await expect(money.getByRole("row", { name: /^Marge 3\.000,00 € 3\.200,00 € 200,00 €$/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Material: geplant und tatsächlich" })
    .getByRole("row", { name: /Lizenz 100,00 € 120,00 € 1 Arbeitstag zu spät/ })).toBeVisible();
  await page.screenshot({ path: "test-results/analysis-1280.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "test-results/analysis-375.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "test-results/analysis-print.png", fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // Reopening makes the plan editable again.
  await page.getByRole("link", { name: "Zum Projekt" }).click();
  await page.getByRole("region", { name: "Projektstatus" }).getByRole("button", { name: "Wieder öffnen" }).click();
  await expect(page.getByRole("region", { name: "Projektstatus" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Schritt hinzufügen" })).toBeVisible();
  await expect(page.getByLabel("Status von Konzept")).toBeEnabled();
  await expect(page.locator("#project-name")).toBeEnabled();
});

test("the step form says how long steps of a work area really took", async ({ page }) => {
  await load(page, "Alles ersetzen");
  await open(page, `/projects/${IDS.shop}`);
  await setStatus(page, "Abgeschlossen", "Speichern");
  await expect(page.getByRole("region", { name: "Projektstatus" })).toBeVisible();
  await open(page, `/projects/${IDS.praxis}`);
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  await page.getByLabel("Arbeitsbereich").fill("Backend");
  await expect(page.getByText("Backend-Schritte dauerten 1,4× so lang wie geschätzt (1 Schritt)")).toBeVisible();
});

test("re-baselining keeps the earlier plan selectable, and lessons learned are kept", async ({ page }) => {
  test.setTimeout(60_000);
  await load(page, "Alles ersetzen");
  await open(page, `/projects/${IDS.shop}`);
  const panel = page.getByRole("region", { name: "Basisplan" });
  await expect(panel).toContainText("Aktueller Basisplan vom 18.01.2027 · Angebot");
  await panel.getByLabel("Notiz zum neuen Basisplan").fill("Kunde wünscht Shop-Modul");
  await panel.getByRole("button", { name: "Basisplan neu setzen" }).click();
  await expect(panel).toContainText("Aktueller Basisplan vom 03.02.2027 · Kunde wünscht Shop-Modul");
  await expect(panel.getByText("18.01.2027 · Angebot")).toBeVisible();

  await page.getByRole("link", { name: "Analyse", exact: true }).click();
  // The first baseline by default: the plan the estimates are judged by.
  await expect(page.getByRole("heading", { level: 1, name: "Analyse: Webshop" })).toBeVisible();
  const choice = page.getByRole("combobox", { name: "Basisplan", exact: true });
  await expect(choice).toHaveValue("1");
  const summary = page.getByRole("region", { name: "Auf einen Blick" });
  await expect(summary).toContainText("1 Arbeitstag später als geplant");
  await choice.selectOption({ label: "Basisplan 2 vom 03.02.2027 · Kunde wünscht Shop-Modul" });
  await expect(summary).toContainText("wie geplant");
  await choice.selectOption({ label: "Basisplan 1 vom 18.01.2027 · Angebot" });
  await expect(summary).toContainText("1 Arbeitstag später als geplant");

  // Lessons learned are there after reload.
  await page.getByLabel("Erkenntnisse (Lessons learned)").fill("Lizenzen eine Woche früher bestellen.");
  await page.getByRole("button", { name: "Erkenntnisse speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Erkenntnisse gespeichert" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Erkenntnisse (Lessons learned)")).toHaveValue("Lizenzen eine Woche früher bestellen.");
});

test.describe("English interface", () => {
  test.use({ locale: "en-GB" });

  test("a finished project's analysis reads in English", async ({ page }) => {
    test.setTimeout(60_000);
    await load(page, "Replace everything");
    await open(page, `/projects/${IDS.shop}`);
    await setStatus(page, "Done", "Save");
    await expect(page.getByRole("region", { name: "Project status" })).toContainText("This project is finished – read-only");
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("link", { name: "Archive" }).click();
    await page.getByRole("link", { name: "Analysis Webshop" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Analysis: Webshop" })).toBeVisible();
    const summary = page.getByRole("region", { name: "At a glance" });
    await expect(summary).toContainText("1 working day later than planned");
    await expect(summary).toContainText("44 h planned, 58 h booked");
    await expect(summary).toContainText("€3,000.00 planned, €3,200.00 actual");
    const money = page.getByRole("region", { name: "Revenue, cost and margin" });
    await expect(money.getByRole("row", { name: /^Cost €2,000.00 €1,800.00 -€200.00$/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Steps: baseline and actual" })
      .getByRole("row", { name: /Backend Backend .* \+1 \+1 20 h 28 h/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  });
});
