import { test, expect, open } from "./fixtures";

for (const width of [1280, 375]) {
  test(`screens at ${width}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.clock.setFixedTime(new Date("2026-11-23T09:00:00"));
    await open(page, "/settings");
    await page.getByRole("button", { name: "Beispieldaten laden" }).click();
    await page.getByRole("region", { name: /Vorschau/ }).getByRole("button", { name: "Alles ersetzen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible();
    await page.getByLabel("Von", { exact: true }).fill("2026-11-26");
    await page.getByLabel(/^Bis/).fill("2026-11-27");
    await page.getByRole("button", { name: "Freie Tage eintragen" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Projekte" }).click();
    await page.waitForTimeout(500);
    await page.setViewportSize({ width, height: 900 });
    await page.locator(".timeline").first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.locator(".timeline").first().screenshot({ path: `/tmp/tl2shots/all-${width}.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(".project-card a").first().click();
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(800);
    await page.locator(".timeline").first().scrollIntoViewIfNeeded();
    await page.locator(".timeline").first().screenshot({ path: `/tmp/tl2shots/project-${width}.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("navigation").getByRole("link", { name: "Kalender" }).click();
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole("button", { name: "Monat", exact: true }).click();
    await page.waitForTimeout(300);
    await page.locator(".cal").screenshot({ path: `/tmp/tl2shots/month-${width}.png` });
    await page.getByRole("button", { name: "Woche", exact: true }).click();
    await page.waitForTimeout(300);
    await page.locator(".cal").screenshot({ path: `/tmp/tl2shots/week-${width}.png` });
    await page.getByRole("button", { name: "Agenda", exact: true }).click();
    await page.waitForTimeout(300);
    await page.locator(".cal").screenshot({ path: `/tmp/tl2shots/agenda-${width}.png` });
  });
}
