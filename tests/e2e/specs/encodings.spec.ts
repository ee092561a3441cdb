import { readFileSync } from "node:fs";
import { test, expect, open } from "./fixtures";

// Files as Windows programs save them: "Unicode" (UTF-16 with a byte order
// mark) and UTF-8 with a byte order mark. Umlauts must arrive intact.

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_LE_BOM = Buffer.from([0xff, 0xfe]);

const CARDS = [
  "BEGIN:VCARD", "VERSION:3.0", "N:Schäfer;Jürgen", "FN:Jürgen Schäfer", "ORG:Bäckerei Groß",
  "TEL;TYPE=work:+49 221 555 0123", "END:VCARD",
  "BEGIN:VCARD", "VERSION:3.0", "FN:Özlem Weiß", "EMAIL:oezlem@weiss.example", "END:VCARD", "",
].join("\r\n");

test("a UTF-16 vCard from Windows imports with its umlauts", async ({ page }) => {
  await open(page, "/contacts");
  await page.getByLabel("vCard-Datei importieren (.vcf)").setInputFiles({
    name: "kontakte.vcf",
    mimeType: "text/vcard",
    buffer: Buffer.concat([UTF16_LE_BOM, Buffer.from(CARDS, "utf16le")]),
  });
  await expect(page.getByRole("status").filter({ hasText: "2 Kontakte importiert, 0 zusammengeführt" }))
    .toBeVisible();
  const list = page.getByRole("list", { name: "Kontakte" });
  await expect(list.getByRole("link", { name: "Jürgen Schäfer" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Özlem Weiß" })).toBeVisible();
  await list.getByRole("link", { name: "Jürgen Schäfer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jürgen Schäfer" })).toBeVisible();
  await expect(page.getByText("Bäckerei Groß").first()).toBeVisible();
});

test("a backup with a UTF-8 byte order mark is checked and restored", async ({ page }) => {
  const sample = readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url));
  await open(page, "/settings");
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({
    name: "sicherung.json",
    mimeType: "application/json",
    buffer: Buffer.concat([UTF8_BOM, sample]),
  });
  const preview = page.getByRole("region", { name: /Vorschau/ });
  await expect(preview).toBeVisible();
  await preview.getByRole("button", { name: "Alles ersetzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
  await open(page, "/projects");
  await expect(page.getByRole("link", { name: "Tagesgeschäft" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Workshop-Reihe „Barrierefreies Web“ (VHS)" })).toBeVisible();
});
