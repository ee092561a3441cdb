import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";

// The sample's week is the week of 23 November 2026; with the clock in
// that week the sample is not moved, so the dates below are the sample's.
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-11-25T09:00:00"));
});

/** Loads the sample with one click (the database is empty) and opens the
 *  dashboard through the navigation. */
async function dashboardWithSample(page: Page, load: string, done: RegExp, nav: string) {
  await open(page, "/settings");
  await page.getByRole("button", { name: load }).click();
  await expect(page.getByRole("status").filter({ hasText: done })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: nav }).click();
}

test.describe("German interface", () => {
  test("the sample shows a late step and a project at risk with the reasons, linked", async ({ page }) => {
    await dashboardWithSample(page, "Beispieldaten laden", /Import abgeschlossen/, "Übersicht");
    const health = page.getByRole("region", { name: "Wie die Projekte stehen" });
    const shop = health.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Relaunch Onlineshop Modehaus Berger" }) }).first();
    await expect(shop).toContainText("Gefährdet");
    await expect(shop.getByRole("link", { name: /hätte am \d\d\.\d\d\.\d{4} bestellt werden sollen, vor \d+ Arbeitstagen/ }).first()).toBeVisible();
    const physio = health.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Website Physiotherapie Sommer" }) }).first();
    await expect(physio).toContainText("Verspätet");
    const late = physio.getByRole("link", { name: /„Texte & Fotos von der Praxis“ wird am .* fertig, \d+ Arbeitstage nach seiner Frist vom 08\.01\.2027/ });
    await expect(late).toHaveAttribute("href", /\/projects\/69e5937c-07d1-55d6-9797-d62c49405633#step-0e69b404/);

    // The projects list says the same.
    await page.getByRole("navigation").getByRole("link", { name: "Projekte" }).click();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Relaunch Onlineshop Modehaus Berger", exact: true }) });
    await expect(card).toContainText("Gefährdet");
    await page.getByRole("navigation").getByRole("link", { name: "Übersicht" }).click();

    // This week: Monday's jour fixe (a weekly appointment) and an order
    // overdue, in words.
    const week = page.getByRole("region", { name: "Diese Woche" });
    await expect(week.getByRole("link", { name: "Jour fixe Shop-Relaunch" })).toBeVisible();
    const overdue = week.getByRole("listitem").filter({ hasText: /seit \d+ Tagen überfällig/ }).filter({ hasText: "Bestellen" });
    await expect(overdue.first()).toBeVisible();
    await expect(overdue.first().getByRole("link")).toHaveAttribute("href", /\/projects\/.+#material-/);
    await expect(page.getByRole("region", { name: "Die nächsten 14 Tage" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Budget bisher" }).getByRole("row", { name: /Relaunch Onlineshop/ })).toBeVisible();
    await page.screenshot({ path: "test-results/dashboard-de.png", fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: "test-results/dashboard-de-375.png", fullPage: true });
  });

  test("a pinned item goes first and stays pinned after a reload", async ({ page }) => {
    await dashboardWithSample(page, "Beispieldaten laden", /Import abgeschlossen/, "Übersicht");
    const next = page.getByRole("region", { name: "Als Nächstes" });
    const items = next.getByRole("listitem");
    await expect(items.first()).toBeVisible();
    const third = await items.nth(2).getByRole("link").first().innerText();
    await next.getByRole("button", { name: `„${third}“ oben anheften` }).click();
    await expect(items.first()).toContainText(third);
    await expect(items.first()).toContainText("von Ihnen angeheftet");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
    await expect(items.first()).toContainText(third);
    const unpin = next.getByRole("button", { name: `„${third}“ lösen` });
    await expect(unpin).toHaveAttribute("aria-pressed", "true");
    // Pushed back, it goes last.
    await unpin.click();
    await next.getByRole("button", { name: `„${third}“ zurückstellen` }).click();
    await expect(items.last()).toContainText(third);
  });
});

test.describe("English interface", () => {
  test.use({ locale: "en-GB" });

  test("health, this week and the next items speak English", async ({ page }) => {
    await dashboardWithSample(page, "Load sample data", /Import finished/, "Dashboard");
    const health = page.getByRole("region", { name: "How the projects stand" });
    await expect(health.getByText("At risk").first()).toBeVisible();
    await expect(health.getByRole("link", { name: /'Texte & Fotos von der Praxis' finishes on .*, \d+ working days after its deadline/ })).toBeVisible();
    const week = page.getByRole("region", { name: "This week" });
    await expect(week.getByText(/overdue by \d+ days/).first()).toBeVisible();
    await expect(week.getByRole("link", { name: "Jour fixe Shop-Relaunch" })).toBeVisible();
    await expect(page.getByRole("region", { name: "What to work on next" }).getByRole("button", { name: /^Pin '/ }).first()).toBeVisible();
    await page.screenshot({ path: "test-results/dashboard-en.png", fullPage: true });
  });
});
