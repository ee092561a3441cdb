import { test, expect, open } from "./fixtures";

test("the table lists every step, sorts, filters, edits in place and exports CSV", async ({ page }) => {
  await open(page, "/settings");
  await page.getByRole("button", { name: "Beispieldaten laden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
  await page.getByRole("link", { name: "Tabelle" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tabelle" })).toBeVisible();

  const grid = page.getByRole("grid", { name: "Schritte" });
  const rows = grid.getByRole("rowheader"); // one per shown step, plus the totals
  await expect(page.getByRole("status").filter({ hasText: /22 von 22 Schritten/ })).toBeVisible();

  await page.getByRole("button", { name: "Schritt", exact: true }).click();
  await expect(page.getByRole("columnheader", { name: /Schritt/ })).toHaveAttribute("aria-sort", "ascending");

  await page.getByLabel("Filter").fill("moodboard");
  await expect(rows).toHaveCount(2); // one step + the totals
  const column = await grid.getByRole("columnheader", { name: "Fortschritt (%)" }).getAttribute("aria-colindex");
  await grid.getByRole("row").filter({ hasText: "Moodboard" }).locator(`[aria-colindex="${column}"]`).click();
  const progress = page.getByLabel("Fortschritt (%) Moodboard & Styleguide");
  await progress.fill("60");
  await progress.press("Enter");
  await expect(page.getByRole("button", { name: "Rückgängig" })).toHaveAttribute("title", "Schritt geändert");
  await expect(grid.getByRole("row").filter({ hasText: "Moodboard" }).locator(`[aria-colindex="${column}"]`)).toHaveText("60");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Als CSV exportieren" }).click();
  const file = await download;
  const csv = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff); // Excel reads the umlauts
  expect(csv).toContain("Schritt;Projekt;Bereich");
  expect(csv).toContain("Moodboard & Styleguide");
  expect(csv.trim().split("\r\n")).toHaveLength(2);
});
