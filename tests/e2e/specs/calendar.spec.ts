import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";
import { readFile } from "node:fs/promises";

// The sample data plans around November 2026; the clock is fixed there so
// that "today" and the computed dates are the same on every run.
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-11-23T09:00:00"));
});

/** Loads the sample data and opens the calendar through the navigation
 *  (no reload: on the in-memory store a reload would lose the data). */
async function openCalendarWithSample(page: Page) {
  await open(page, "/settings");
  // On an empty database the sample loads with one click, no preview.
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Kalender" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kalender" })).toBeVisible();
}


test("the month, week and agenda show appointments and planning dates", async ({ page }) => {
  await openCalendarWithSample(page);
  const month = page.getByRole("table", { name: "November 2026" });
  await expect(month.getByRole("button", { name: /^Termin: 09:30 Kick-off Shop-Relaunch/ })).toBeVisible();
  await expect(month.getByRole("button", { name: /^Arbeitsbeginn: Produktfotos/ })).toBeVisible();
  // The weekly jour fixe repeats on every Monday from the 16th on.
  await expect(month.getByRole("button", { name: /Jour fixe Shop-Relaunch/ })).toHaveCount(3);

  await page.getByRole("button", { name: "Woche", exact: true }).click();
  await expect(page.getByRole("button", { name: "Woche", exact: true })).toHaveAttribute("aria-pressed", "true");
  const week = page.getByRole("table", { name: /KW 48/ });
  await expect(week.getByRole("row", { name: /^10:00/ }).getByRole("button", { name: /Jour fixe Shop-Relaunch/ })).toBeVisible();
  await expect(week.getByRole("button", { name: "Neuer Termin am Mittwoch, 25. November 2026 um 14:00" })).toBeVisible();

  await page.getByRole("button", { name: "Agenda", exact: true }).click();
  const agenda = page.getByRole("list", { name: "23.11.2026 – 20.12.2026" });
  await expect(agenda.getByRole("heading", { name: /Dienstag, 8. Dezember 2026/ })).toBeVisible();
  await expect(agenda.getByRole("button", { name: /Termin: Fotoshooting Produktfotos/ }).first()).toBeVisible();

  // Filters hide a kind.
  await page.getByRole("checkbox", { name: "Termin" }).uncheck();
  await expect(agenda.getByRole("button", { name: /Termin: Fotoshooting/ })).toHaveCount(0);
});

test("an appointment is created from a day, repeats weekly and is exported", async ({ page }) => {
  await openCalendarWithSample(page);
  // By keyboard: the day is a real button.
  await page.getByRole("button", { name: "Neuer Termin am Mittwoch, 25. November 2026" }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("region", { name: "Neuer Termin" });
  await expect(form.getByLabel("Titel")).toBeFocused();
  await form.getByLabel("Titel").fill("Abstimmung Flyer");
  await form.getByLabel("Ort").fill("Druckerei Wagner");
  await form.getByRole("button", { name: "Termin anlegen" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name: "November 2026" })).toBeFocused();
  const month = page.getByRole("table", { name: "November 2026" });
  const entry = month.getByRole("button", { name: "Termin: 09:00 Abstimmung Flyer" });
  await expect(entry).toHaveCount(1);

  await entry.click();
  const edit = page.getByRole("region", { name: "Termin bearbeiten" });
  await expect(edit.getByLabel("Titel")).toHaveValue("Abstimmung Flyer");
  await edit.getByLabel("Wiederholung").selectOption({ label: "Wöchentlich" });
  await edit.getByRole("button", { name: "Speichern", exact: true }).click();
  // 25 November and 2 December, the last row of the November grid.
  await expect(entry).toHaveCount(2);
  await page.getByRole("button", { name: "Weiter zum nächsten Zeitraum" }).click();
  await expect(page.getByRole("table", { name: "Dezember 2026" }).getByRole("button", { name: /Abstimmung Flyer/ })).toHaveCount(5);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Als .ics exportieren" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.ics$/);
  const text = await readFile(await file.path(), "utf8");
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain("SUMMARY:Abstimmung Flyer");
  expect(text).toContain("RRULE:FREQ=WEEKLY");
  expect(text).toMatch(/UID:[0-9a-f-]{36}@chefsache\.app/);
  expect(text).toContain("UID:7310f354-03d2-55d6-bd46-f664ec72113d@chefsache.app");
  expect(text).toContain("CATEGORIES:Meilenstein");
});

test("an appointment repeats every other week on two weekdays", async ({ page }) => {
  await openCalendarWithSample(page);
  await page.getByRole("button", { name: "Neuer Termin am Mittwoch, 25. November 2026" }).click();
  const form = page.getByRole("region", { name: "Neuer Termin" });
  await form.getByLabel("Titel").fill("Lagerinventur");
  await form.getByLabel("Wiederholung").selectOption({ label: "Wöchentlich" });
  await form.getByLabel("Alle wie viele Wochen").fill("2");
  const days = form.getByRole("group", { name: "An diesen Wochentagen" });
  // The first appointment's weekday is chosen already.
  await expect(days.getByRole("checkbox", { name: "Mittwoch" })).toBeChecked();
  await days.getByRole("checkbox", { name: "Freitag" }).check();
  await days.getByRole("checkbox", { name: "Mittwoch" }).uncheck();
  await form.getByRole("button", { name: "Termin anlegen" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Der erste Termin muss auf einem der gewählten Wochentage liegen." })).toBeVisible();
  await days.getByRole("checkbox", { name: "Mittwoch" }).check();
  await form.getByLabel("Alle wie viele Wochen").fill("0");
  await form.getByRole("button", { name: "Termin anlegen" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Bitte eine ganze Zahl von 1 bis 99 eingeben." })).toBeVisible();
  await form.getByLabel("Alle wie viele Wochen").fill("2");
  await form.getByRole("button", { name: "Termin anlegen" }).click();
  await expect(form).toBeHidden();

  // Wednesday 25 and Friday 27 November, then 9, 11, 23 and 25 December.
  await expect(page.getByRole("table", { name: "November 2026" }).getByRole("button", { name: /Lagerinventur/ })).toHaveCount(2);
  await page.getByRole("button", { name: "Weiter zum nächsten Zeitraum" }).click();
  const december = page.getByRole("table", { name: "Dezember 2026" });
  await expect(december.getByRole("button", { name: /Lagerinventur/ })).toHaveCount(4);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Als .ics exportieren" }).click();
  const text = await readFile(await (await download).path(), "utf8");
  expect(text).toContain("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,FR");
});

test("an appointment can be deleted and a follow-up marked done", async ({ page }) => {
  await openCalendarWithSample(page);
  const month = page.getByRole("table", { name: "November 2026" });
  await month.getByRole("button", { name: /Termin: 09:30 Kick-off Shop-Relaunch/ }).click();
  await page.getByRole("region", { name: "Termin bearbeiten" }).getByRole("button", { name: "Termin löschen" }).click();
  await expect(month.getByRole("button", { name: /Kick-off Shop-Relaunch/ })).toHaveCount(0);

  await month.getByRole("button", { name: /^Wiedervorlage: Fototermin angefragt/ }).click();
  const detail = page.getByRole("region", { name: "Wiedervorlage" });
  await expect(detail).toContainText("Freitag, 27. November 2026");
  await detail.getByRole("button", { name: "Erledigt" }).click();
  await expect(month.getByRole("button", { name: /Fototermin angefragt/ })).toHaveCount(0);
});

const TWO_EVENTS_ONE_BROKEN = [
  "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Test//DE",
  "BEGIN:VEVENT", "UID:druckerei@example.com", "DTSTAMP:20261101T080000Z",
  "DTSTART:20261202T090000Z", "DTEND:20261202T100000Z", "SUMMARY:Abstimmung Druckerei", "END:VEVENT",
  "BEGIN:VEVENT", "UID:kaputt@example.com", "DTSTAMP:20261101T080000Z",
  "DTSTART:kein-datum", "SUMMARY:Kaputter Termin", "END:VEVENT",
  "END:VCALENDAR", "",
].join("\r\n");

test("an .ics import takes the good event and names the broken one", async ({ page }) => {
  await openCalendarWithSample(page);
  await page.getByLabel(".ics-Datei importieren").setInputFiles({
    name: "termine.ics", mimeType: "text/calendar", buffer: Buffer.from(TWO_EVENTS_ONE_BROKEN),
  });
  await expect(page.getByRole("status").filter({ hasText: "1 Termin importiert" })).toBeVisible();
  const problems = page.getByRole("alert").filter({ hasText: "Nicht importiert" });
  await expect(problems).toContainText("Termin 2 „Kaputter Termin“");
  // The reason in German, not the parser's English.
  await expect(problems).toContainText("DTSTART ist kein Datum.");
  await page.getByRole("button", { name: "Weiter zum nächsten Zeitraum" }).click();
  // 09:00 UTC is 10:00 in Berlin.
  await expect(page.getByRole("table", { name: "Dezember 2026" })
    .getByRole("button", { name: "Termin: 10:00 Abstimmung Druckerei" })).toBeVisible();
});

// As Nextcloud writes a series: Mondays 14:00 from 23 November, four times,
// 30 November excluded (EXDATE), 7 December moved to Wednesday 9 December
// 16:00 (RECURRENCE-ID).
const NEXTCLOUD_SERIES = [
  "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//IDN nextcloud.com//Calendar app 4.6.0//EN",
  "BEGIN:VEVENT", "UID:7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b", "DTSTAMP:20261101T090000Z",
  "DTSTART;TZID=Europe/Berlin:20261123T140000", "DTEND;TZID=Europe/Berlin:20261123T150000",
  "SUMMARY:Jour fixe Druckerei", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4",
  "EXDATE;TZID=Europe/Berlin:20261130T140000", "END:VEVENT",
  "BEGIN:VEVENT", "UID:7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b", "DTSTAMP:20261101T090000Z",
  "RECURRENCE-ID;TZID=Europe/Berlin:20261207T140000",
  "DTSTART;TZID=Europe/Berlin:20261209T160000", "DTEND;TZID=Europe/Berlin:20261209T170000",
  "SUMMARY:Jour fixe Druckerei (verschoben)", "END:VEVENT",
  "END:VCALENDAR", "",
].join("\r\n");

test("the same .ics imported twice shows each event once, a moved occurrence at its new time", async ({ page }) => {
  await openCalendarWithSample(page);
  const importSeries = async () => {
    await page.getByLabel(".ics-Datei importieren").setInputFiles({
      name: "nextcloud.ics", mimeType: "text/calendar", buffer: Buffer.from(NEXTCLOUD_SERIES),
    });
    await expect(page.getByRole("status").filter({ hasText: "2 Termine importiert" })).toBeVisible();
  };
  const check = async () => {
    const november = page.getByRole("table", { name: "November 2026" });
    // 23 November only: 30 November is excluded.
    await expect(november.getByRole("button", { name: /^Termin: 14:00 Jour fixe Druckerei/ })).toHaveCount(1);
    await page.getByRole("button", { name: "Weiter zum nächsten Zeitraum" }).click();
    const december = page.getByRole("table", { name: "Dezember 2026" });
    await expect(december.getByRole("button", { name: /^Termin: 16:00 Jour fixe Druckerei \(verschoben\)/ })).toHaveCount(1);
    // 14 December; 7 December moved away.
    await expect(december.getByRole("button", { name: /^Termin: 14:00 Jour fixe Druckerei/ })).toHaveCount(1);
    await page.getByRole("button", { name: "Zurück zum vorherigen Zeitraum" }).click();
  };
  await importSeries();
  await check();
  // Away and back (the import's report starts empty), then the same file again.
  await page.getByRole("navigation").getByRole("link", { name: "Adressbuch" }).click();
  await page.getByRole("navigation").getByRole("link", { name: "Kalender" }).click();
  await importSeries();
  await check();
});

test("the previous and next buttons are named with their visible text", async ({ page }) => {
  await openCalendarWithSample(page);
  const nav = page.getByRole("group", { name: "Zeitraum" });
  for (const [visible, name] of [["Zurück", "Zurück zum vorherigen Zeitraum"], ["Weiter", "Weiter zum nächsten Zeitraum"]]) {
    const button = nav.getByRole("button", { name });
    await expect(button).toContainText(visible);
    expect(name).toContain(visible);
  }
});

test("holidays show in month, week and agenda, and a repeating appointment on every one of its days", async ({ page }) => {
  await openCalendarWithSample(page);
  // The weekly jour fixe from 16 November: its third time is Monday the 30th.
  await page.getByRole("button", { name: "Agenda", exact: true }).click();
  const agenda = page.getByRole("list", { name: "23.11.2026 – 20.12.2026" });
  const thirtieth = agenda.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Montag, 30\. November 2026/ }) });
  await expect(thirtieth.getByRole("button", { name: /Jour fixe Shop-Relaunch/ })).toBeVisible();
  await page.getByRole("button", { name: "Weiter zum nächsten Zeitraum" }).click();
  await expect(page.getByRole("heading", { name: "Freitag, 25. Dezember 2026 · 1. Weihnachtstag" })).toBeVisible();

  await page.getByRole("button", { name: "Monat", exact: true }).click();
  await expect(page.getByRole("table", { name: "Dezember 2026" }).getByText("1. Weihnachtstag")).toBeVisible();
  await expect(page.getByRole("table", { name: "Dezember 2026" }).getByText("2. Weihnachtstag")).toBeVisible();

  await page.getByRole("button", { name: "Woche", exact: true }).click();
  await expect(page.getByRole("table", { name: /KW 52/ }).getByRole("columnheader", { name: /1\. Weihnachtstag/ })).toBeVisible();
});

test("days off entered as a range show on each of their days", async ({ page }) => {
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
  // The last day before the first is refused with a reason.
  await page.getByLabel("Von", { exact: true }).fill("2026-12-30");
  await page.getByLabel(/^Bis/).fill("2026-12-28");
  await page.getByRole("button", { name: "Freie Tage eintragen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der letzte Tag liegt vor dem ersten." })).toBeVisible();
  await page.getByLabel("Von", { exact: true }).fill("2026-12-28");
  await page.getByLabel(/^Bis/).fill("2026-12-30");
  await page.getByRole("button", { name: "Freie Tage eintragen" }).click();
  await expect(page.getByRole("button", { name: "Entfernen 28.12.2026 – 30.12.2026" })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Kalender" }).click();
  await page.getByRole("button", { name: "Monat", exact: true }).click();
  await page.getByRole("button", { name: "Weiter zum nächsten Zeitraum" }).click();
  const december = page.getByRole("table", { name: "Dezember 2026" });
  await expect(december.getByText("Frei", { exact: true })).toHaveCount(3);
  await page.getByRole("button", { name: "Agenda", exact: true }).click();
  for (const day of ["Montag, 28. Dezember 2026", "Dienstag, 29. Dezember 2026", "Mittwoch, 30. Dezember 2026"]) {
    await expect(page.getByRole("heading", { name: `${day} · Frei` })).toBeVisible();
  }
});
