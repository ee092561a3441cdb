import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";
import { readFile } from "node:fs/promises";

// The freelancer network: staff a work area from the suggestions, hand a
// collaborator their work package, let them record progress and hours in
// their own browser, and merge their update back field by field.

const TODAY = new Date("2026-11-23T09:00:00");

async function openTeam(page: Page) {
  await page.clock.setFixedTime(TODAY);
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Projekte" }).click();
  await page.getByRole("link", { name: "Relaunch Onlineshop Modehaus Berger" }).first().click();
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Besetzung" })).toBeVisible();
}

test("a work area is staffed from the suggestions, a package goes out and its update comes back", async ({ page, browser }) => {
  await openTeam(page);

  // Frontend: Jonas has the skill; the reason names his free hours and rate.
  const frontend = page.getByRole("region", { name: "Frontend" });
  await expect(frontend.getByText(/h frei in KW/)).toBeVisible();
  await expect(frontend.getByText(/75,00\s€\/h/)).toBeVisible();
  await expect(page.getByText("Niemand im Netzwerk hat die Fähigkeit „Design“.", { exact: false })).toBeVisible();
  await frontend.getByRole("button", { name: "Frontend an Jonas Weber vergeben" }).click();
  const preview = page.getByRole("region", { name: "Vorschau: Frontend an Jonas Weber" });
  await expect(preview.getByText("Zusätzliche Kosten")).toBeVisible();
  await expect(preview.getByText("Geplante Marge")).toBeVisible();
  await preview.getByRole("button", { name: "Zuweisung bestätigen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Frontend an Jonas Weber vergeben" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Frontend" })).toHaveCount(0);

  // The package for Jonas: his steps, nothing about money or other people.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Arbeitspaket für Jonas Weber exportieren" }).click();
  const packagePath = await (await download).path();
  const packageText = await readFile(packagePath, "utf8");
  expect(packageText).toContain("Theme-Umsetzung");
  for (const secret of ["Aylin", "Marek", "Berger GmbH", "1850000", "7500", "rate", "cost", "revenue"]) {
    expect(packageText).not.toContain(secret);
  }
  await expect(page.getByText(/Paket vom 23\.11\.2026/).first()).toBeVisible();

  // Jonas opens it in his own browser and records his work.
  const theirs = await browser.newContext();
  const jonas = await theirs.newPage();
  await jonas.clock.setFixedTime(TODAY);
  await open(jonas, "/package");
  await jonas.getByLabel("Arbeitspaket (Datei) wählen").setInputFiles(packagePath);
  await expect(jonas.getByRole("heading", { level: 2, name: "Relaunch Onlineshop Modehaus Berger" })).toBeVisible();
  const step = jonas.getByRole("article", { name: "Theme-Umsetzung" });
  await step.getByLabel("Fortschritt (%)").fill("50");
  await step.getByLabel("Fortschritt (%)").press("Tab");
  await step.getByLabel("Stunden", { exact: true }).fill("0");
  await step.getByRole("button", { name: "Stunden für Theme-Umsetzung buchen" }).click();
  await expect(step.getByRole("alert").filter({ hasText: /über 0 und höchstens 24/ })).toBeVisible();
  await step.getByLabel("Stunden", { exact: true }).fill("2,5");
  await step.getByRole("button", { name: "Stunden für Theme-Umsetzung buchen" }).click();
  await expect(step.getByText("2,5 h von 70 h gebucht")).toBeVisible();
  const sent = jonas.waitForEvent("download");
  await jonas.getByRole("button", { name: "Rückmeldung exportieren" }).click();
  // Saved before the context closes (closing deletes its downloads).
  const updatePath = test.info().outputPath("update.json");
  await (await sent).saveAs(updatePath);
  await theirs.close();

  // Back at the person's: the review names each change, then it merges.
  await page.getByLabel("Rückmeldung (Datei) wählen").setInputFiles(updatePath);
  const review = page.getByRole("region", { name: "Was sich ändert" });
  const row = review.getByRole("row", { name: /Theme-Umsetzung Fortschritt/ });
  await expect(row).toContainText("0 %");
  await expect(row).toContainText("50 %");
  await expect(review.getByText("Rückmeldung 1 von Jonas Weber: 1 Zeiteinträge, 0 Notizen.")).toBeVisible();
  await review.getByRole("button", { name: "Rückmeldung übernehmen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rückmeldung von Jonas Weber übernommen" })).toBeVisible();
  await expect(page.getByText(/Rückmeldung 1 übernommen/)).toBeVisible();

  // The same file again changes nothing and says so.
  await page.getByLabel("Rückmeldung (Datei) wählen").setInputFiles(updatePath);
  await expect(page.getByRole("alert").filter({ hasText: "Rückmeldung 1 ist schon übernommen" })).toBeVisible();

  // The step shows the collaborator's progress.
  await page.getByRole("link", { name: "Schritte", exact: true }).click();
  await expect(page.locator("#step-6e4f62c3-4511-5df4-940c-13cbcd15b2f1")).toContainText("50");
});

test("a file that is not an update is refused in words and nothing changes", async ({ page }) => {
  await openTeam(page);
  await page.getByLabel("Rückmeldung (Datei) wählen").setInputFiles({
    name: "backup.json", mimeType: "application/json", buffer: Buffer.from('{"format":"chefsache-backup","format_version":2,"data":{}}'),
  });
  await expect(page.getByRole("alert").filter({ hasText: "kein Arbeitspaket bzw. keine Rückmeldung" })).toBeVisible();
  await page.getByLabel("Rückmeldung (Datei) wählen").setInputFiles({
    name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ nope"),
  });
  await expect(page.getByRole("alert").filter({ hasText: "kein lesbares JSON" })).toBeVisible();
});
