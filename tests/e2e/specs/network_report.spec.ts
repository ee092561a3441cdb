import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// A collaborator's page (their steps across projects and their track
// record) and the client status report (what the client may see, printed
// and as one HTML file). The clock stands in the sample's week (Wed 25 Nov
// 2026), so the sample's dates are as written.

const TODAY = new Date("2026-11-25T09:00:00");
const SHOP = "16f4ac7c-734c-581a-b391-463542493f87";
const AYLIN = "baaa4ae6-b317-52b6-bb1c-8126714a7891";
const OLD = "a2000000-0000-4000-8000-000000000001";

/** The sample plus an earlier, finished project: two backend steps done
 * by Aylin Demir, estimated at 10 h each, booked 12 h and 9 h. */
function backup(): Buffer {
  const sample = JSON.parse(readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url), "utf8"));
  const stamp = { created: "2026-09-01T09:00:00Z", updated: "2026-10-30T09:00:00Z" };
  const project = {
    ...sample.data.projects[0], ...stamp, id: OLD, name: "Shop Café Lind", client: null,
    status: "done", start: "2026-10-05", deadline: null, work_areas: ["Backend"],
  };
  const step = (n: number, title: string, hours: number) => ({
    ...sample.data.steps[0], ...stamp, id: `a2000000-0000-4000-8000-00000000001${n}`, project: OLD, title,
    work_area: "Backend", assignee: { contact: AYLIN }, planned_start: "2026-10-0" + (4 + n), duration_days: 1,
    effort_hours: 10, dependencies: [], status: "done", progress: 100, result: null,
    actual_start: "2026-10-0" + (4 + n), actual_finish: "2026-10-0" + (4 + n), sort_order: n,
  });
  const entry = (n: number, hours: number) => ({
    ...sample.data.time_entries[0], ...stamp, id: `a2000000-0000-4000-8000-00000000002${n}`,
    step: `a2000000-0000-4000-8000-00000000001${n}`, person: { contact: AYLIN }, date: "2026-10-0" + (4 + n), hours, note: "",
  });
  const data = {
    ...sample.data,
    projects: [...sample.data.projects, project],
    steps: [...sample.data.steps, step(1, "Datenbank", 12), step(2, "Zahlungsanbieter", 9)],
    time_entries: [...sample.data.time_entries, entry(1, 12), entry(2, 9)],
  };
  return Buffer.from(JSON.stringify({ ...sample, data }), "utf8");
}

/** Everything the client must never read: the rates, costs, revenues
 * and budgets of the dataset, and every collaborator's name and e-mail. */
function secrets(): string[] {
  const data = JSON.parse(backup().toString("utf8")).data;
  const money = (cents: number) => {
    const euros = Math.floor(cents / 100).toString();
    const rest = String(cents % 100).padStart(2, "0");
    return [
      `${euros.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${rest}`,
      `€${euros.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${rest}`,
    ];
  };
  const out: string[] = [];
  for (const p of data.projects) out.push(...[p.planned_revenue, p.planned_cost].filter((c) => c > 0).flatMap(money));
  for (const m of data.materials) out.push(...money(m.unit_cost));
  for (const c of data.contacts) {
    if (c.hourly_rate) out.push(...money(c.hourly_rate));
    if (c.roles.includes("collaborator")) {
      out.push(c.name, c.name.split(" ")[0], ...c.emails.map((e: string | { value: string }) => (typeof e === "string" ? e : e.value)));
    }
  }
  return out.filter((s) => s.length >= 4);
}

async function load(page: Page, replace: string) {
  await page.clock.setFixedTime(TODAY);
  await open(page, "/settings");
  await page.getByLabel(/^(Sicherungsdatei \(JSON\)|Backup file \(JSON\))$/).setInputFiles({
    name: "network.json", mimeType: "application/json", buffer: backup(),
  });
  await page.getByRole("button", { name: replace }).click();
  await expect(page.getByRole("status").filter({ hasText: /Import abgeschlossen|Import finished/ })).toBeVisible();
}

function expectNoSecrets(text: string, where: string) {
  for (const secret of secrets()) {
    expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
  }
}

test.describe("German interface", () => {
  test("a collaborator's page lists their steps across projects and their track record", async ({ page }) => {
    await load(page, "Alles ersetzen");
    await page.getByRole("link", { name: "Netzwerk" }).first().click();
    await page.getByRole("link", { name: "Aylin Demir" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Aylin Demir" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/network/${AYLIN}$`));

    const profile = page.getByRole("region", { name: "Profil" });
    await expect(profile).toContainText("Backend, Shopware, PHP, Schnittstellen");
    await expect(profile).toContainText("85,00 €");

    const steps = page.getByRole("region", { name: "Zugewiesene Schritte" });
    const setup = steps.getByRole("row", { name: /Shopware-Setup & Hosting/ });
    await expect(setup).toContainText("Relaunch Onlineshop Modehaus Berger");
    await expect(setup).toContainText("5 / 24 h");
    await expect(setup).toContainText("In Arbeit");
    await expect(setup.getByRole("cell").nth(1)).toHaveText(/\d\d\.\d\d\.2026/);
    await expect(steps.getByRole("row", { name: /Produktimport/ })).toContainText("0 / 50 h");
    // The finished project is history: not in the list, in the record.
    await expect(steps).not.toContainText("Datenbank");

    const record = page.getByRole("region", { name: "Bilanz aus früheren Projekten" });
    await expect(record.getByRole("list", { name: "Erledigte Schritte je Arbeitsbereich" })).toHaveText("Backend: 2 Schritte erledigt");
    await expect(record).toContainText("Gebucht 21 h bei 20 h geplant (1,05 × die Schätzung), aus 2 Schritten abgeschlossener Projekte");
    await page.screenshot({ path: "test-results/collaborator-1280.png", fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: "test-results/collaborator-375.png", fullPage: true });

    await page.getByRole("link", { name: "Kontakt bearbeiten" }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${AYLIN}$`));
  });

  test("the client report says where the project stands, and nothing internal, printed and as HTML", async ({ page }) => {
    await load(page, "Alles ersetzen");
    const business = page.getByRole("region", { name: "Mein Unternehmen" });
    await business.getByLabel("Name des Unternehmens").fill("Studio Lindner");
    await business.getByLabel("Ansprechperson").fill("Eva Lindner");
    await business.getByLabel("E-Mail").fill("eva@lindner.example");
    await business.getByLabel("Telefon").fill("0341 123456");
    await business.getByLabel("Adresse").fill("Hauptstr. 1\n04109 Leipzig");
    await business.getByLabel("Name des Unternehmens").focus();

    await open(page, `/projects/${SHOP}`);
    await page.getByRole("link", { name: "Kundenbericht" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${SHOP}/report$`));
    const report = page.getByRole("article", { name: "Statusbericht: Relaunch Onlineshop Modehaus Berger" });
    await expect(report.getByRole("heading", { level: 1 })).toHaveText("Statusbericht: Relaunch Onlineshop Modehaus Berger");
    await expect(report).toContainText("Für: Modehaus Berger GmbH");
    await expect(report).toContainText("Stand: 25.11.2026");
    const sender = report.getByRole("group", { name: "Absender" }).or(report.locator("address"));
    await expect(sender).toContainText("Studio Lindner");
    await expect(sender).toContainText("04109 Leipzig");
    await expect(sender).toContainText("eva@lindner.example");

    await expect(report.getByRole("region", { name: "Fortschritt" })).toContainText("3 von 12 Schritten erledigt (25 %)");
    await expect(report.getByRole("progressbar")).toHaveAttribute("value", "25");
    await expect(report.getByRole("list", { name: "Nächste Meilensteine" }).getByRole("listitem").first()).toContainText("Design-Abnahme");
    await expect(report.getByRole("list", { name: "Was wir von Ihnen brauchen" }))
      .toContainText("Konzept und Sitemap freigegeben. Abschlagsrechnung (30 %) kann raus. (bis 25.11.2026)");
    await expect(report.getByRole("list", { name: "Ergebnisse der letzten 30 Tage" })).toContainText("Sitemap v2 freigegeben");

    await page.screenshot({ path: "test-results/report-1280.png", fullPage: true });
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Drucken" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: /Hauptnavigation|Main navigation/ })).toBeHidden();
    const printed = await page.locator("body").innerText();
    expect(printed).toContain("3 von 12 Schritten erledigt");
    expectNoSecrets(printed, "the printed page");
    await page.screenshot({ path: "test-results/report-print.png", fullPage: true });
    await page.emulateMedia({ media: "screen" });

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Als HTML exportieren" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Statusbericht-Relaunch-Onlineshop-Modehaus-Berger-2026-11-25\.html$/);
    const html = await readFile(await file.path(), "utf8");
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("3 von 12 Schritten erledigt (25 %)");
    expect(html).toContain("Studio Lindner");
    expect(html.toLowerCase()).not.toContain("<script");
    expect(html).not.toMatch(/https?:\/\//);
    expectNoSecrets(html, "the HTML file");
    await expect(page.getByRole("status").filter({ hasText: "Bericht exportiert" })).toBeVisible();

    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: "test-results/report-375.png", fullPage: true });
  });
});

test.describe("English interface", () => {
  test.use({ locale: "en-GB" });

  test("the report and the collaborator page follow the language", async ({ page }) => {
    await load(page, "Replace everything");
    await open(page, `/projects/${SHOP}/report`);
    const report = page.getByRole("article", { name: "Status report: Relaunch Onlineshop Modehaus Berger" });
    await expect(report).toContainText("For: Modehaus Berger GmbH");
    await expect(report).toContainText("As of: 25/11/2026");
    await expect(report.getByRole("region", { name: "Progress" })).toContainText("3 of 12 steps done (25 %)");
    await expect(report.getByRole("list", { name: "Next milestones" })).toContainText("Design-Abnahme");
    await expect(report.getByRole("list", { name: "What we need from you" })).toContainText("(by 25/11/2026)");
    await expect(page.getByText("Your business does not appear as the sender yet.")).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export as HTML" }).click();
    const html = await readFile(await (await download).path(), "utf8");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("What we need from you");
    expectNoSecrets(html, "the HTML file");

    await open(page, `/network/${AYLIN}`);
    await expect(page.getByRole("region", { name: "Assigned steps" }).getByRole("row", { name: /Shopware-Setup/ })).toContainText("In progress");
    await expect(page.getByRole("region", { name: "Track record from earlier projects" }))
      .toContainText("Booked 21 h against 20 h planned (1.05 × the estimate), from 2 steps of finished projects");
  });
});
