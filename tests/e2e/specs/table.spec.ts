import { test, expect, open } from "./fixtures";

test("the table lists every step, sorts, filters, edits in place and exports CSV", async ({ page }) => {
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
  await page.getByRole("link", { name: "Tabelle" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();

  const rows = page.getByRole("table").getByRole("row");
  await expect(page.getByRole("status").filter({ hasText: /22 von 22 Schritten/ })).toBeVisible();

  await page.getByRole("button", { name: "Schritt", exact: true }).click();
  await expect(page.getByRole("columnheader", { name: /Schritt/ })).toHaveAttribute("aria-sort", "ascending");

  await page.getByLabel("Filter").fill("moodboard");
  await expect(rows).toHaveCount(2); // header + one step
  const progress = page.getByLabel("Fortschritt (%) Moodboard & Styleguide");
  await progress.fill("60");
  await progress.press("Enter");
  await progress.blur();
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", "Schritt geändert");
  await expect(page.getByLabel("Fortschritt (%) Moodboard & Styleguide")).toHaveValue("60");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Als CSV exportieren" }).click();
  const file = await download;
  const csv = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff); // Excel reads the umlauts
  expect(csv).toContain("Projekt;Schritt;Bereich");
  expect(csv).toContain("Moodboard & Styleguide");
  expect(csv.trim().split("\r\n")).toHaveLength(2);
});
