import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// Three cards as address books export them: CRLF, a folded e-mail line and
// a folded note, umlauts in names and organisation.
const THREE_CARDS = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:Müller;Jürgen;;;",
  "FN:Jürgen Müller",
  "ORG:Druckerei Müller GmbH",
  "EMAIL;TYPE=INTERNET,WORK:juergen.mueller@druckerei-mu",
  " eller.example",
  "TEL;TYPE=WORK,VOICE:+49 341 555 0101",
  "URL:https://druckerei-mueller.example",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:Neumann;Clara;;;",
  "FN:Clara Neumann",
  "EMAIL:clara@neumann.example",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:Brandt;Sophie;;;",
  "FN:Sophie Brandt",
  "TEL;TYPE=CELL:0171 2345678",
  "NOTE:Fotografin für Produktbilder\\, arbeitet gern mit kurzen Brief",
  " ings.",
  "END:VCARD",
  "",
].join("\r\n");

// The middle card has a line that is no property at all.
const MIDDLE_BROKEN = [
  "BEGIN:VCARD", "VERSION:3.0", "FN:Erste Person", "EMAIL:erste@example.de", "END:VCARD",
  "BEGIN:VCARD", "VERSION:3.0", "FN:Zweite Person", "das ist keine Eigenschaft", "EMAIL:zweite@example.de", "END:VCARD",
  "BEGIN:VCARD", "VERSION:3.0", "FN:Dritte Person", "TEL:+49 30 333333", "END:VCARD", "",
].join("\r\n");

// A card as Apple Contacts writes one: name parts, department, title, role,
// typed phones (a work fax), e-mails and two addresses, a second web
// address, birthday, a category and a small photo.
const APPLE_CARD = [
  "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.4//EN",
  "N:Kowalski-Schönberger;Łukasz;Maria;Dr.;",
  "FN:Dr. Łukasz Kowalski-Schönberger",
  "ORG:Druckerei Wagner GmbH;Vorstufe",
  "TITLE:Leiter Druckvorstufe", "ROLE:Projektleitung",
  "EMAIL;type=INTERNET;type=WORK;type=pref:lukasz@wagner.example",
  "EMAIL;type=INTERNET;type=HOME:lukasz@privat.example",
  "TEL;type=CELL;type=VOICE;type=pref:+49 171 5550101",
  "TEL;type=WORK;type=FAX:+49 341 5550199",
  "ADR;type=WORK;type=pref:;;Hauptstraße 5;Leipzig;Sachsen;04109;Deutschland",
  "ADR;type=HOME:;;Lindenweg 2;Markkleeberg;Sachsen;04416;Deutschland",
  "URL;type=WORK:https://wagner.example", "URL;type=HOME:https://lukasz.example",
  "BDAY:1985-03-15", "CATEGORIES:VIP",
  "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "UID:5B2C7A10-2D3E-4F50-8A61-7C8D9E0F1A2B",
  "END:VCARD", "",
].join("\r\n");

async function importFile(page: Page, text: string) {
  await page.getByLabel("vCard-Datei importieren (.vcf)").setInputFiles({
    name: "kontakte.vcf",
    mimeType: "text/vcard",
    buffer: Buffer.from(text, "utf-8"),
  });
}

async function goTo(page: Page, link: string) {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: link }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

function status(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text });
}

test.describe("address book", () => {
  test("import, find, call, follow up and tick it off", async ({ page }) => {
    // A project to log the call against. No reloads from here on: the
    // data may live in memory only.
    await open(page, "/projects");
    await page.getByRole("button", { name: "Neues Projekt" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Flyer Frühjahr");
    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Flyer Frühjahr" })).toBeVisible();

    await goTo(page, "Adressbuch");
    await importFile(page, THREE_CARDS);
    await expect(status(page, "3 Kontakte importiert, 0 zusammengeführt")).toBeVisible();
    const list = page.getByRole("list", { name: "Kontakte" });
    await expect(list.getByRole("listitem")).toHaveCount(3);

    // Without the umlaut, as people type on the go.
    await page.getByLabel("Suchen").fill("muller");
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list.getByRole("link", { name: "Jürgen Müller" })).toBeVisible();
    await page.getByLabel("Rolle", { exact: true }).selectOption({ label: "Lieferant" });
    await expect(list).toBeHidden();
    await page.getByLabel("Rolle", { exact: true }).selectOption({ label: "Alle Rollen" });
    await list.getByRole("link", { name: "Jürgen Müller" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Jürgen Müller" })).toBeVisible();
    await expect(page.getByRole("link", { name: "juergen.mueller@druckerei-mueller.example" }))
      .toHaveAttribute("href", "mailto:juergen.mueller@druckerei-mueller.example");
    await expect(page.getByRole("link", { name: "+49 341 555 0101" })).toHaveAttribute("href", "tel:+493415550101");
    await expect(page.getByRole("link", { name: "https://druckerei-mueller.example" })).toBeVisible();

    // Log the call: type of contact, project, summary, follow-up today.
    const log = page.getByRole("region", { name: "Kommunikation" });
    await expect(log.getByLabel("Kontakt", { exact: true })).toHaveValue(/.+/);
    await log.getByLabel("Art").selectOption({ label: "Anruf" });
    await log.getByLabel("Projekt").selectOption({ label: "Flyer Frühjahr" });
    await log.getByLabel("Worum ging es?").fill("Angebot für 5.000 Flyer besprochen");
    const today = await page.evaluate(() => new Date().toLocaleDateString("sv"));
    await log.getByLabel("Wiedervorlage am").fill(today);
    await log.getByRole("button", { name: "Eintrag speichern" }).click();
    const entries = log.getByRole("list", { name: "Verlauf" });
    await expect(entries.getByText("Angebot für 5.000 Flyer besprochen")).toBeVisible();
    await expect(entries.getByText("Anruf")).toBeVisible();

    await goTo(page, "Übersicht");
    const due = page.getByRole("region", { name: "Fällige Wiedervorlagen" });
    await expect(due.getByText("Angebot für 5.000 Flyer besprochen")).toBeVisible();

    // The follow-up is in the calendar too, and in its .ics export.
    await goTo(page, "Kalender");
    await page.getByRole("button", { name: "Agenda", exact: true }).click();
    await expect(page.getByRole("button", { name: /^Wiedervorlage: .*Angebot für 5\.000 Flyer/ }).first()).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Als .ics exportieren" }).click();
    const ics = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("Angebot für 5.000 Flyer besprochen");

    await goTo(page, "Übersicht");
    await due.getByRole("button", { name: /^Erledigt: Angebot für 5\.000 Flyer/ }).click();
    await expect(due.getByText("Keine fälligen Wiedervorlagen.")).toBeVisible();

    // The log on the contact shows it as done.
    await goTo(page, "Adressbuch");
    await page.getByRole("link", { name: "Jürgen Müller" }).click();
    await expect(page.getByRole("region", { name: "Kommunikation" }).getByText("Wiedervorlage erledigt")).toBeVisible();
  });

  test("importing the same file again asks to merge or skip", async ({ page }) => {
    await open(page, "/contacts");
    await importFile(page, THREE_CARDS);
    await expect(status(page, "3 Kontakte importiert")).toBeVisible();

    await importFile(page, THREE_CARDS);
    const review = page.getByRole("region", { name: "Import prüfen" });
    await expect(review).toBeVisible();
    await expect(review.getByText("0 neue Kontakte. 3 Karten passen zu Kontakten")).toBeVisible();
    const finish = review.getByRole("button", { name: "Import abschließen" });
    await expect(finish).toBeDisabled();
    const cards = review.getByRole("listitem");
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(0)).toContainText("Karte 1: „Jürgen Müller“ entspricht „Jürgen Müller“ im Adressbuch.");
    await cards.nth(0).getByRole("button", { name: "Zusammenführen" }).click();
    await cards.nth(1).getByRole("button", { name: "Überspringen" }).click();
    await cards.nth(2).getByRole("button", { name: "Überspringen" }).click();
    await expect(cards.nth(0).getByRole("button", { name: "Zusammenführen" })).toHaveAttribute("aria-pressed", "true");
    await finish.click();

    await expect(status(page, "0 Kontakte importiert, 1 zusammengeführt")).toBeVisible();
    await expect(review).toBeHidden();
    await expect(page.getByRole("list", { name: "Kontakte" }).getByRole("listitem")).toHaveCount(3);
  });

  test("a broken middle card is named and the other two import", async ({ page }) => {
    await open(page, "/contacts");
    await importFile(page, MIDDLE_BROKEN);
    await expect(page.getByRole("alert").filter({ hasText: /Karte 2 \(Zeile \d+\) konnte nicht gelesen werden/ })).toBeVisible();
    await expect(status(page, "2 Kontakte importiert, 0 zusammengeführt")).toBeVisible();
    const list = page.getByRole("list", { name: "Kontakte" });
    await expect(list.getByRole("link", { name: "Erste Person" })).toBeVisible();
    await expect(list.getByRole("link", { name: "Dritte Person" })).toBeVisible();
    await expect(list.getByRole("link", { name: "Zweite Person" })).toHaveCount(0);
  });

  test("a new contact is created, edited and deleted", async ({ page }) => {
    await open(page, "/contacts");
    await page.getByRole("button", { name: "Neuer Kontakt" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Ömer Yıldız");
    await page.getByLabel("Freelancer").check();
    await page.getByLabel("E-Mail-Adressen").fill("oemer@example.de\nstudio@example.de");
    await page.getByLabel("Website").fill("javascript:alert(1)");
    await page.getByLabel("Fähigkeiten").fill("Fotografie, Video");
    await page.getByLabel("Stundensatz").fill("85,50");
    await page.getByRole("button", { name: "Kontakt anlegen" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Ömer Yıldız" })).toBeVisible();
    await expect(page.getByRole("link", { name: "studio@example.de" })).toHaveAttribute("href", "mailto:studio@example.de");
    // Not a web address: shown, never a link.
    await expect(page.getByText("javascript:alert(1)")).toBeVisible();
    await expect(page.getByRole("link", { name: "javascript:alert(1)" })).toHaveCount(0);
    await expect(page.getByText(/85,50/)).toBeVisible();

    await page.getByRole("button", { name: "Bearbeiten" }).click();
    await page.getByLabel("Organisation oder Firma").fill("Studio Yıldız");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await expect(page.getByText("Studio Yıldız").first()).toBeVisible();

    await page.getByRole("button", { name: "Kontakt löschen" }).click();
    await page.getByRole("region", { name: "Kontakt löschen" }).getByRole("button", { name: "Kontakt löschen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Adressbuch" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ömer Yıldız" })).toHaveCount(0);
  });

  test("a vCard export imported again finds its contact and loses no field", async ({ page }) => {
    await open(page, "/contacts");
    await page.getByLabel("Rolle für alle Karten der Datei").selectOption({ label: "Kunde" });
    await importFile(page, APPLE_CARD);
    await expect(status(page, "1 Kontakt importiert, 0 zusammengeführt")).toBeVisible();
    const name = "Dr. Łukasz Kowalski-Schönberger";
    const details = async () => {
      await page.getByRole("list", { name: "Kontakte" }).getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(page.getByText("Leiter Druckvorstufe · Vorstufe · Druckerei Wagner GmbH · Kunde")).toBeVisible();
      const data = page.getByRole("region", { name: "Kontaktdaten" });
      await expect(data.getByRole("img", { name: `Foto von ${name}` })).toHaveAttribute("src", /^data:image\/png;base64,/);
      await expect(data.getByText("+49 341 5550199 (Fax)")).toBeVisible();
      await expect(data.getByText("+49 171 5550101 (Mobil)")).toBeVisible();
      await expect(data.getByText("lukasz@privat.example (Privat)")).toBeVisible();
      await expect(data.getByText(/Lindenweg 2\s+04416 Markkleeberg\s+Sachsen\s+Deutschland \(Privat\)/)).toBeVisible();
      await expect(data.getByText("https://lukasz.example (Privat)")).toBeVisible();
      await expect(data.getByText("Projektleitung")).toBeVisible();
      await expect(data.getByText("15.03.1985")).toBeVisible();
      await expect(data.getByText("VIP")).toBeVisible();
    };
    await details();

    // The form shows the kinds and the name parts.
    await page.getByRole("button", { name: "Bearbeiten" }).click();
    await expect(page.getByLabel("Telefonnummern")).toHaveValue("+49 171 5550101 (Mobil)\n+49 341 5550199 (Fax)");
    await expect(page.getByLabel("Nachname")).toHaveValue("Kowalski-Schönberger");
    await expect(page.getByLabel("Abteilung")).toHaveValue("Vorstufe");
    await page.getByRole("button", { name: "Abbrechen" }).first().click();

    // Out as vCard 4.0, and in again: the same contact, no second one.
    await goTo(page, "Adressbuch");
    await page.getByLabel("vCard-Version für den Export").selectOption({ label: "4.0" });
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Alle exportieren" }).click();
    const vcf = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
    expect(vcf).toContain("VERSION:4.0");
    expect(vcf).toContain("UID:5B2C7A10-2D3E-4F50-8A61-7C8D9E0F1A2B");
    await importFile(page, vcf);
    const review = page.getByRole("region", { name: "Import prüfen" });
    await review.getByRole("button", { name: "Zusammenführen" }).click();
    await review.getByRole("button", { name: "Import abschließen" }).click();
    await expect(status(page, "0 Kontakte importiert, 1 zusammengeführt")).toBeVisible();
    await expect(page.getByRole("list", { name: "Kontakte" }).getByRole("listitem")).toHaveCount(1);
    await details();
  });

  test("a project's client can be any contact, clients first", async ({ page }) => {
    await open(page, "/contacts");
    await importFile(page, THREE_CARDS);
    await expect(status(page, "3 Kontakte importiert, 0 zusammengeführt")).toBeVisible();
    // Two more, all of the file made clients at once.
    await page.getByLabel("Rolle für alle Karten der Datei").selectOption({ label: "Kunde" });
    await importFile(page, MIDDLE_BROKEN);
    await expect(status(page, "2 Kontakte importiert, 0 zusammengeführt")).toBeVisible();
    await goTo(page, "Projekte");
    await page.getByRole("button", { name: "Neues Projekt" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Katalog");
    const client = page.getByLabel("Kunde");
    await expect(client.locator("option")).toHaveText([
      "– kein Kunde –", "Dritte Person", "Erste Person", "Clara Neumann", "Jürgen Müller", "Sophie Brandt",
    ]);
    await client.selectOption({ label: "Sophie Brandt" });
    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Katalog" })).toBeVisible();
    await expect(page.getByLabel("Kunde").locator("option:checked")).toHaveText("Sophie Brandt");
  });
});
