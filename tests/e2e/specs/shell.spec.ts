import { test, expect, open } from "./fixtures";

const routes: [string, string][] = [
  ["/", "Übersicht"],
  ["/projects", "Projekte"],
  ["/calendar", "Kalender"],
  ["/contacts", "Adressbuch"],
  ["/network", "Netzwerk"],
  ["/table", "Tabelle"],
  ["/settings", "Einstellungen"],
];

test.describe("app shell", () => {
  for (const [path, heading] of routes) {
    test(`${path} renders its heading`, async ({ page }) => {
      await open(page, path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole("main")).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible();
    });
  }

  test("an unknown project shows a clear not-found page", async ({ page }) => {
    await open(page, "/projects/does-not-exist");
    await expect(page.getByRole("heading", { level: 1, name: "Projekt nicht gefunden" })).toBeVisible();
    await page.getByRole("link", { name: "Zurück zu den Projekten" }).click();
    await expect(page).toHaveURL(/\/projects$/);
  });

  test("an unknown address shows the not-found page", async ({ page }) => {
    await open(page, "/no/such/page");
    await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  });

  test("clicking the navigation moves between pages", async ({ page }) => {
    await open(page, "/");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    for (const [path, heading] of routes.slice(1)) {
      await nav.getByRole("link", { name: heading }).click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(nav.getByRole("link", { name: heading })).toHaveAttribute("aria-current", "page");
    }
  });

  test("a deep link survives a reload", async ({ page }) => {
    await open(page, "/calendar");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Kalender" })).toBeVisible();
  });

  test("on a phone the navigation folds into a menu", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await open(page, "/");
    const menu = page.getByRole("button", { name: "Menü" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("link", { name: "Kalender" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.getByRole("link", { name: "Kalender" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kalender" })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });
});

test.describe("language", () => {
  test("switching to English changes the text and survives a reload", async ({ page }) => {
    await open(page, "/settings");
    await expect(page.getByTestId("format-example")).toHaveText("24.12.2026 · 1.234,50\u00a0€");
    await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("format-example")).toHaveText("24/12/2026 · €1,234.50");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await page.getByRole("combobox", { name: "Language" }).selectOption("de");
    await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  });
});

test.describe("english browser", () => {
  test.use({ locale: "en-GB" });
  test("the language follows the browser on the first visit", async ({ page }) => {
    await open(page, "/");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  });
});
