import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// Time tracking with the sample (its week is the week of 23 November 2026;
// with the clock in that week the sample is not moved). The clock stands
// still (`setFixedTime`) and is moved on by hand to make time pass; every
// page of one context shares it.
//
// The sample already has, for me in that week, 4,25 h on "Moodboard &
// Styleguide" on Monday the 23rd and 2,5 h on another step on Thursday.

const START = new Date("2026-11-25T09:00:00");
const later = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const SHOP = "16f4ac7c-734c-581a-b391-463542493f87";
const SHOP_NAME = "Relaunch Onlineshop Modehaus Berger";
const STEP = "Moodboard & Styleguide";

async function loadSample(page: Page, button = "Beispieldaten laden", done = /Import abgeschlossen/) {
  await open(page, "/settings");
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("status").filter({ hasText: done })).toBeVisible();
}

const steps = (page: Page) => page.getByRole("region", { name: "Schritte", exact: true });
const runningTimer = (page: Page) => page.getByRole("group", { name: "Laufender Timer" });
const weekSheet = (page: Page) => page.getByRole("table", { name: /^Gebuchte Stunden von Ich, KW 48/ });

test.describe("German interface", () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(START);
  });

  test("a timer keeps running across a reload and a closed page, and its hours land in the week's sheet", async ({ page, context }) => {
    await loadSample(page);
    await open(page, `/projects/${SHOP}`);
    await steps(page).getByRole("button", { name: `Timer starten: ${STEP}` }).click();
    await expect(runningTimer(page)).toContainText(STEP);
    await expect(runningTimer(page).getByRole("timer")).toHaveText("0:00:00");
    await expect(steps(page).getByRole("button", { name: `Timer stoppen: ${STEP}` })).toBeVisible();

    // Half an hour later the page is reloaded: the timer still runs.
    await page.clock.setFixedTime(later(30));
    await page.reload();
    await expect(runningTimer(page).getByRole("timer")).toHaveText("0:30:00");

    // The page is closed and opened again (the browser kept its storage).
    await page.close();
    const reopened = await context.newPage();
    await reopened.clock.setFixedTime(later(90));
    await open(reopened, "/");
    await expect(runningTimer(reopened)).toContainText(STEP);
    await expect(runningTimer(reopened).getByRole("timer")).toHaveText("1:30:00");
    await runningTimer(reopened).getByRole("button", { name: "Stoppen" }).click();
    await expect(reopened.getByRole("status").filter({ hasText: `1,5 h auf „${STEP}“ gebucht.` })).toBeVisible();
    await expect(runningTimer(reopened)).toHaveCount(0);

    await reopened.getByRole("navigation").getByRole("link", { name: "Zeiten" }).click();
    await expect(reopened.getByRole("heading", { level: 1, name: "Zeiterfassung" })).toBeVisible();
    const row = weekSheet(reopened).getByRole("row", { name: new RegExp(STEP) });
    // Monday's 4,25 h from the sample, Wednesday's 1,5 h from the timer.
    await expect(row.getByRole("cell").nth(0)).toHaveText("4,25");
    await expect(row.getByRole("cell").nth(2)).toHaveText("1,5");
    await expect(row.getByRole("cell").last()).toHaveText("5,75");
    await expect(weekSheet(reopened).getByRole("columnheader", { name: "Mi 25.11." })).toBeVisible();
    const totals = weekSheet(reopened).getByRole("row", { name: /^Summe/ });
    await expect(totals.getByRole("cell").last()).toHaveText("8,25");
    await expect(reopened.getByRole("list").getByText("1,5 h")).toBeVisible();
  });

  test("a second tab sees the running timer and stops it; a new timer books the old one; under a minute books nothing", async ({ page, context }) => {
    await loadSample(page);
    await open(page, `/projects/${SHOP}`);
    await steps(page).getByRole("button", { name: `Timer starten: ${STEP}` }).click();
    await expect(runningTimer(page)).toContainText(STEP);

    const other = await context.newPage();
    await open(other, "/time");
    await expect(runningTimer(other)).toContainText(STEP);
    await other.clock.setFixedTime(later(120));
    await runningTimer(other).getByRole("button", { name: "Stoppen" }).click();
    await expect(other.getByRole("status").filter({ hasText: `2 h auf „${STEP}“ gebucht.` })).toBeVisible();

    // The first tab hears of it at once.
    await expect(runningTimer(page)).toHaveCount(0);
    const start = steps(page).getByRole("button", { name: `Timer starten: ${STEP}` });
    await expect(start).toBeVisible();

    // Starting another timer stops and books the one that runs.
    await page.clock.setFixedTime(later(120));
    await start.click();
    await page.clock.setFixedTime(later(150));
    const design = "Screendesigns Startseite, Kategorie, Produkt, Checkout";
    await steps(page).getByRole("button", { name: `Timer starten: ${design}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `0,5 h auf „${STEP}“ gebucht.` })).toBeVisible();
    await expect(runningTimer(page)).toContainText(design);
    await expect(runningTimer(other)).toContainText(design);

    // Stopped within the same minute: nothing is booked, and it says so.
    await runningTimer(page).getByRole("button", { name: "Stoppen" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Weniger als eine Minute auf „${design}“ – nichts gebucht.` })).toBeVisible();

    // The first tab's sheet has the second tab's 2 h and its own 0,5 h.
    await page.getByRole("navigation").getByRole("link", { name: "Zeiten" }).click();
    const row = weekSheet(page).getByRole("row", { name: new RegExp(STEP) });
    await expect(row.getByRole("cell").nth(2)).toHaveText("2,5");
    await expect(weekSheet(page).getByRole("row", { name: new RegExp(design) })).toHaveCount(0);
    await other.close();
  });

  test("entries by hand: 1,5 is taken, 0, 25 and 1.5 are refused at the field; edit and delete", async ({ page }) => {
    await loadSample(page);
    await open(page, "/time");
    await page.getByRole("button", { name: "Eintrag hinzufügen" }).click();
    const hours = page.getByLabel("Stunden", { exact: true });
    const save = page.getByRole("button", { name: "Speichern", exact: true });
    await expect(page.getByLabel("Datum", { exact: true })).toHaveValue("2026-11-25");
    await page.getByLabel("Schritt", { exact: true }).selectOption({ label: STEP });
    await page.getByLabel("Notiz").fill("=SUMME(A1:A9)");

    await hours.fill("0");
    await save.click();
    await expect(hours).toHaveAttribute("aria-invalid", "true");
    await expect(hours).toHaveAccessibleDescription("Bitte mehr als 0 Stunden eingeben.");
    await hours.fill("25");
    await save.click();
    await expect(hours).toHaveAccessibleDescription("Höchstens 24 Stunden an einem Tag pro Person.");
    await hours.fill("1.5");
    await save.click();
    await expect(hours).toHaveAccessibleDescription(/Keine Zahl in deutscher Schreibweise/);
    await expect(weekSheet(page).getByRole("row", { name: new RegExp(STEP) }).getByRole("cell").nth(2)).toHaveText("");

    await hours.fill("1,5");
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "Zeiteintrag hinzugefügt." })).toBeVisible();
    const row = weekSheet(page).getByRole("row", { name: new RegExp(STEP) });
    await expect(row.getByRole("cell").nth(2)).toHaveText("1,5");

    // Edited to 2,25 h; then 22 more on that day would pass 24.
    const edit = page.getByRole("button", { name: `Eintrag vom 25.11.2026 bearbeiten: ${SHOP_NAME} · ${STEP}` });
    await edit.click();
    await hours.fill("2,25");
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "Zeiteintrag gespeichert." })).toBeVisible();
    await expect(row.getByRole("cell").nth(2)).toHaveText("2,25");
    await page.getByRole("button", { name: "Eintrag hinzufügen" }).click();
    await hours.fill("22");
    await save.click();
    await expect(hours).toHaveAccessibleDescription("Höchstens 24 Stunden an einem Tag pro Person – an diesem Tag sind schon 2,25 h gebucht.");
    // For another person the same day is free.
    await page.getByLabel("Wer", { exact: true }).selectOption({ label: "Jonas Weber" });
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "Zeiteintrag hinzugefügt." })).toBeVisible();
    await page.getByLabel("Person", { exact: true }).selectOption({ label: "Jonas Weber" });
    await expect(page.getByRole("table", { name: /^Gebuchte Stunden von Jonas Weber/ }).getByRole("row", { name: /Summe/ }).getByRole("cell").nth(2)).toHaveText("22");
    await page.getByLabel("Person", { exact: true }).selectOption({ label: "Ich" });

    await page.getByRole("button", { name: `Eintrag vom 25.11.2026 löschen: ${SHOP_NAME} · ${STEP}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Zeiteintrag gelöscht." })).toBeVisible();
    await expect(row.getByRole("cell").nth(2)).toHaveText("");

    // The week moves back and forth.
    await page.getByRole("button", { name: "Vorige Woche" }).click();
    await expect(page.getByRole("table", { name: /^Gebuchte Stunden von Ich, KW 47 · 16\.11\.2026 – 22\.11\.2026/ })).toBeVisible();
    await page.getByRole("button", { name: "Diese Woche" }).click();
    await expect(weekSheet(page)).toBeVisible();
  });

  test("the month of a project exports as CSV for German Excel", async ({ page }) => {
    await loadSample(page);
    await open(page, "/time");
    await page.getByRole("button", { name: "Eintrag hinzufügen" }).click();
    await page.getByLabel("Stunden", { exact: true }).fill("1,5");
    await page.getByLabel("Schritt", { exact: true }).selectOption({ label: STEP });
    await page.getByLabel("Notiz").fill("=SUMME(A1:A9)");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Zeiteintrag hinzugefügt." })).toBeVisible();
    await page.getByLabel("Ihr Stundensatz").fill("80");
    await page.getByLabel("Ihr Stundensatz").press("Tab");

    // From the project page to its month.
    await open(page, `/projects/${SHOP}`);
    await page.getByRole("region", { name: "Zeit", exact: true }).getByRole("link", { name: "Monatsübersicht und CSV-Export" }).click();
    const month = page.getByRole("region", { name: "Monat pro Projekt" });
    await expect(month.getByLabel("Projekt")).toHaveValue(SHOP);
    const sheet = month.getByRole("table", { name: `Gebuchte Stunden auf ${SHOP_NAME}, November 2026` });
    await expect(sheet.getByRole("row", { name: /^25\.11\.2026/ }).getByRole("cell").last()).toHaveText("1,5");

    const download = page.waitForEvent("download");
    await month.getByRole("button", { name: "CSV exportieren" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("zeiten-relaunch-onlineshop-modehaus-berger-2026-11.csv");
    const bytes = Buffer.concat(await (await file.createReadStream()).toArray());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM for Excel
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Datum;Projekt;Schritt;Arbeitsbereich;Person;Stunden;Stundensatz;Betrag;Notiz");
    const mine = lines.find((l) => l.startsWith("2026-11-25;"));
    expect(mine).toBe(`2026-11-25;${SHOP_NAME};${STEP};Design;Ich;1,5;80,00;120,00;'=SUMME(A1:A9)`);
    expect(lines.at(-1)).toMatch(/^Summe;;;;;\d+(,\d+)?;;\d+,\d\d;$/);
    await expect(month.getByRole("status").filter({ hasText: /Zeiteinträge als CSV heruntergeladen/ })).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "test-results/time-de.png", fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: "test-results/time-de-375.png", fullPage: true });
  });
});

test.describe("English interface", () => {
  test.use({ locale: "en-GB" });
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(START);
  });

  test("hours are read as 1.5, the timer speaks English and the export is plain CSV", async ({ page }) => {
    await loadSample(page, "Load sample data", /Import finished/);
    await open(page, `/projects/${SHOP}`);
    await page.getByRole("region", { name: "Steps" }).getByRole("button", { name: `Start timer: ${STEP}` }).click();
    await page.clock.setFixedTime(later(45));
    await page.getByRole("group", { name: "Running timer" }).getByRole("button", { name: "Stop" }).click();
    await expect(page.getByRole("status").filter({ hasText: `0.75 h booked on '${STEP}'.` })).toBeVisible();

    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Time", exact: true }).click();
    await page.getByRole("button", { name: "Add entry" }).click();
    const hours = page.getByLabel("Hours", { exact: true });
    await page.getByLabel("Step", { exact: true }).selectOption({ label: STEP });
    await hours.fill("1,5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(hours).toHaveAccessibleDescription(/English/);
    await hours.fill("0");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(hours).toHaveAccessibleDescription("Please enter more than 0 hours.");
    await hours.fill("1.5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Time entry added." })).toBeVisible();
    const row = page.getByRole("table", { name: /^Hours booked by Me, Week 48/ }).getByRole("row", { name: new RegExp(STEP) });
    await expect(row.getByRole("cell").nth(2)).toHaveText("2.25");
    await expect(page.getByRole("columnheader", { name: "Wed 25/11" })).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("time-relaunch-onlineshop-modehaus-berger-2026-11.csv");
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("Date,Project,Step,Work area,Person,Hours,Hourly rate,Amount,Note");
    expect(lines.filter((l) => l.startsWith("2026-11-25,")).map((l) => l.split(",")[5]).sort()).toEqual(["0.75", "1.5"]);
  });
});
