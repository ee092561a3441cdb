import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { test, expect, open } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

// The freelancer network on a four-area website: the person hands
// Konzept and Design to Aylin and Backend and Frontend to Marek from the
// staffing suggestions, sends each their work package, and each records
// progress and hours in their own browser. Their updates, imported in
// either order, give the same plan: the timeline and the analysis show
// what they reported. Today is fixed on Mon 23 Nov 2026.

const TODAY = new Date("2026-11-23T09:00:00");
const IDS = {
  project: "a3000000-0000-4000-8000-000000000001",
  konzept: "b3000000-0000-4000-8000-000000000001",
  design: "b3000000-0000-4000-8000-000000000002",
  backend: "b3000000-0000-4000-8000-000000000003",
  frontend: "b3000000-0000-4000-8000-000000000004",
  aylin: "c3000000-0000-4000-8000-000000000001",
  marek: "c3000000-0000-4000-8000-000000000002",
  client: "c3000000-0000-4000-8000-000000000003",
};

/** "Website Tischlerei Holz" (active, revenue 9.000 €), all four steps
 * still the person's own: Konzept (18 h) Mon 23 – Wed 25 Nov, then Design
 * (24 h) and Backend (24 h) side by side Thu 26 Nov – Tue 1 Dec, then
 * Frontend (30 h) Wed 2 – Tue 8 Dec; its baseline is that plan. */
function backup(): Buffer {
  const sample = JSON.parse(readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url), "utf8"));
  const stamp = { created: "2026-11-20T09:00:00Z", updated: "2026-11-20T09:00:00Z" };
  const step = (id: string, title: string, area: string, days: number, hours: number, order: number, after: string[]) => ({
    ...sample.data.steps[0], ...stamp, id, project: IDS.project, title, work_area: area, assignee: "me",
    planned_start: null, duration_days: days, effort_hours: hours, deadline: null,
    dependencies: after.map((predecessor) => ({ predecessor, lag_days: 0 })), status: "todo", progress: 0,
    result: null, actual_start: null, actual_finish: null, remaining_days: null, sort_order: order,
  });
  const planned = (id: string, title: string, area: string, start: string, finish: string, hours: number) => ({
    step: id, title, work_area: area, start, finish, effort_hours: hours, milestone: false,
  });
  const collaborator = sample.data.contacts.find((c: { roles: string[] }) => c.roles.includes("collaborator"));
  const person = (id: string, name: string, email: string, skills: string[], rate: number) => ({
    ...collaborator, ...stamp, id, name, emails: [email], phones: [], skills, hourly_rate: rate,
    weekly_capacity_hours: 30, days_off: [], notes: "",
  });
  const client = sample.data.contacts.find((c: { roles: string[] }) => c.roles.includes("client"));
  const data = {
    projects: [{
      ...sample.data.projects[0], ...stamp, id: IDS.project, name: "Website Tischlerei Holz", client: IDS.client,
      start: "2026-11-23", deadline: "2026-12-18", status: "active", priority: "normal", notes: "",
      description: "Neue Website mit Referenzen und Anfrageformular.",
      work_areas: ["Konzept", "Design", "Backend", "Frontend"], planned_revenue: 900000, planned_cost: 0,
      baselines: [{
        taken: "2026-11-20T09:00:00Z", note: "Angebot",
        steps: [
          planned(IDS.konzept, "Konzept und Sitemap", "Konzept", "2026-11-23", "2026-11-25", 18),
          planned(IDS.design, "Screendesign", "Design", "2026-11-26", "2026-12-01", 24),
          planned(IDS.backend, "CMS und Datenmodell", "Backend", "2026-11-26", "2026-12-01", 24),
          planned(IDS.frontend, "Templates umsetzen", "Frontend", "2026-12-02", "2026-12-08", 30),
        ],
        materials: [], planned_revenue: 900000, planned_cost: 0,
      }],
    }],
    steps: [
      step(IDS.konzept, "Konzept und Sitemap", "Konzept", 3, 18, 1, []),
      step(IDS.design, "Screendesign", "Design", 4, 24, 2, [IDS.konzept]),
      step(IDS.backend, "CMS und Datenmodell", "Backend", 4, 24, 3, [IDS.konzept]),
      step(IDS.frontend, "Templates umsetzen", "Frontend", 5, 30, 4, [IDS.design, IDS.backend]),
    ],
    materials: [],
    contacts: [
      person(IDS.aylin, "Aylin Kaya", "aylin@kaya-design.example", ["Konzept", "Design"], 6000),
      person(IDS.marek, "Marek Nowak", "marek@nowak-dev.example", ["Backend", "Frontend"], 7000),
      { ...client, ...stamp, id: IDS.client, name: "Tischlerei Holz GmbH", emails: ["info@tischlerei-holz.example"] },
    ],
    communications: [], appointments: [], time_entries: [],
  };
  return Buffer.from(JSON.stringify({ ...sample, data }), "utf8");
}

async function load(page: Page, file: Buffer | string) {
  await page.clock.setFixedTime(TODAY);
  await open(page, "/settings");
  const files = typeof file === "string" ? file : { name: "website.json", mimeType: "application/json", buffer: file };
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles(files);
  await page.getByRole("button", { name: "Alles ersetzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
}

async function openTab(page: Page, tab: string) {
  await open(page, `/projects/${IDS.project}?tab=${tab}`);
  await expect(page.getByRole("heading", { level: 1, name: "Website Tischlerei Holz" })).toBeVisible();
}

/** The collaborator opens their package in a browser of their own,
 * records progress and hours per step, and exports their update. */
async function work(browser: Browser, packagePath: string, name: string, steps: { title: string; progress: string; hours: string }[]) {
  const theirs = await browser.newContext();
  const page = await theirs.newPage();
  await page.clock.setFixedTime(TODAY);
  await open(page, "/package");
  await page.getByLabel("Arbeitspaket (Datei) wählen").setInputFiles(packagePath);
  await expect(page.getByRole("heading", { level: 2, name: "Website Tischlerei Holz" })).toBeVisible();
  await expect(page.getByText(`Für ${name}`, { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Ansprechpartner: Lena Hoffmann (Hoffmann Webdesign)")).toBeVisible();
  for (const { title, progress, hours } of steps) {
    const step = page.getByRole("article", { name: title });
    await step.getByLabel("Fortschritt (%)").fill(progress);
    await step.getByLabel("Fortschritt (%)").press("Tab");
    await step.getByLabel("Stunden", { exact: true }).fill(hours);
    await step.getByRole("button", { name: `Stunden für ${title} buchen` }).click();
    await expect(step.getByText(new RegExp(`· ${hours} h von \\d+ h gebucht`))).toBeVisible();
  }
  // What was recorded survives a reload: it is kept on this device.
  await page.reload();
  await expect(page.getByRole("article", { name: steps[0].title }).getByText(`${steps[0].hours} h von`)).toBeVisible();
  const sent = page.waitForEvent("download");
  await page.getByRole("button", { name: "Rückmeldung exportieren" }).click();
  const path = test.info().outputPath(`update-${name.split(" ")[0]}.json`);
  await (await sent).saveAs(path);
  await theirs.close();
  return path;
}

async function importUpdate(page: Page, path: string, name: string) {
  await page.getByLabel("Rückmeldung (Datei) wählen").setInputFiles(path);
  const review = page.getByRole("region", { name: "Was sich ändert" });
  await expect(review.getByText(new RegExp(`Rückmeldung 1 von ${name}`))).toBeVisible();
  await review.getByRole("button", { name: "Rückmeldung übernehmen" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Rückmeldung von ${name} übernommen` })).toBeVisible();
}

/** What the plan says after the updates: the timeline's bar names and the
 * analysis table of steps. */
async function outcome(page: Page) {
  await openTab(page, "timeline");
  const bars = page.getByRole("button", { name: /^(Konzept und Sitemap|Screendesign|CMS und Datenmodell|Templates umsetzen):/ });
  await expect(bars).toHaveCount(4);
  const names = (await bars.evaluateAll((all) => all.map((b) => b.getAttribute("aria-label") ?? ""))).sort();
  await open(page, `/projects/${IDS.project}/analysis`);
  const table = page.getByRole("table", { name: /^Schritte mit Verzug/ });
  await expect(table).toBeVisible();
  const rows = await table.getByRole("row").allInnerTexts();
  return { names, rows };
}

test("two collaborators take the four areas, and their updates give the same plan in either order", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await load(page, backup());
  await openTab(page, "team");
  // Without business details a package would name no contact: said, with
  // the way to the settings.
  await page.getByRole("link", { name: "Kontaktdaten in den Einstellungen eintragen" }).click();
  await page.getByLabel("Name des Unternehmens").fill("Hoffmann Webdesign");
  await page.getByLabel("Name des Unternehmens").press("Tab");
  await page.getByLabel("Ansprechperson", { exact: true }).fill("Lena Hoffmann");
  await page.getByLabel("Ansprechperson", { exact: true }).press("Tab");
  await openTab(page, "team");
  await expect(page.getByText("Ihre Kontaktdaten fehlen noch")).toHaveCount(0);

  // Staffing from the suggestions: each area goes to the one who has it.
  for (const [area, name] of [["Konzept", "Aylin Kaya"], ["Design", "Aylin Kaya"], ["Backend", "Marek Nowak"], ["Frontend", "Marek Nowak"]]) {
    const region = page.getByRole("region", { name: area, exact: true });
    await expect(region.getByText(/h frei in KW/).first()).toBeVisible();
    await region.getByRole("button", { name: `${area} an ${name} vergeben` }).click();
    const preview = page.getByRole("region", { name: `Vorschau: ${area} an ${name}` });
    await expect(preview.getByText("Zusätzliche Kosten")).toBeVisible();
    await preview.getByRole("button", { name: "Zuweisung bestätigen" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${area} an ${name} vergeben` })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Frontend", exact: true })).toHaveCount(0);

  // One package each, with nothing of the money or of the other person.
  const packages: Record<string, string> = {};
  for (const [name, other, own, foreign] of [
    ["Aylin Kaya", "Marek", "Screendesign", "CMS und Datenmodell"],
    ["Marek Nowak", "Aylin", "CMS und Datenmodell", "Screendesign"],
  ]) {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: `Arbeitspaket für ${name} exportieren` }).click();
    const path = test.info().outputPath(`package-${name.split(" ")[0]}.json`);
    await (await download).saveAs(path);
    const text = await readFile(path, "utf8");
    expect(text).toContain(own);
    expect(text).not.toContain(`"title":"${foreign}","work_area"`);
    for (const secret of [other, "6000", "7000", "900000", "Tischlerei Holz GmbH", "tischlerei-holz.example", "rate", "revenue", "cost"]) {
      expect(text).not.toContain(secret);
    }
    packages[name] = path;
  }

  // The plan as it was sent, for the second run.
  await open(page, "/settings");
  const exported = page.waitForEvent("download");
  await page.getByRole("button", { name: "Alles exportieren" }).click();
  const sentPlan = test.info().outputPath("plan-sent.json");
  await (await exported).saveAs(sentPlan);

  const fromAylin = await work(browser, packages["Aylin Kaya"], "Aylin Kaya", [
    { title: "Konzept und Sitemap", progress: "80", hours: "6" },
    { title: "Screendesign", progress: "30", hours: "4" },
  ]);
  const fromMarek = await work(browser, packages["Marek Nowak"], "Marek Nowak", [
    { title: "CMS und Datenmodell", progress: "60", hours: "5" },
  ]);

  // First run: Aylin's update, then Marek's.
  await openTab(page, "team");
  await importUpdate(page, fromAylin, "Aylin Kaya");
  await importUpdate(page, fromMarek, "Marek Nowak");
  const first = await outcome(page);
  expect(first.names.find((n) => n.startsWith("Konzept und Sitemap:"))).toContain("erledigt 80 %");
  expect(first.names.find((n) => n.startsWith("CMS und Datenmodell:"))).toContain("erledigt 60 %");
  const konzept = page.getByRole("table", { name: /^Schritte mit Verzug/ }).getByRole("row", { name: /Konzept und Sitemap/ });
  await expect(konzept.getByRole("cell").last()).toHaveText(/^6(,0)?( h)?$/);

  // Second run, on another device with the plan as it was sent: Marek's
  // update first. The same plan comes out.
  const other = await browser.newContext();
  const second = await other.newPage();
  await load(second, sentPlan);
  await openTab(second, "team");
  await importUpdate(second, fromMarek, "Marek Nowak");
  await importUpdate(second, fromAylin, "Aylin Kaya");
  expect(await outcome(second)).toEqual(first);
  await other.close();
});
