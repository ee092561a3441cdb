import { test, expect, open } from "./fixtures";

// The shipped build is split (scripts/lib.sh, split_env): the dashboard
// comes with the main module; the project pages, calendar, contacts,
// network, table and settings load their code (split-*/) on their first visit.
// Without the service worker, so that only the page's own requests count.
test.use({ serviceWorkers: "block" });

test("the first pages open without the lazily loaded code, the others fetch it on their first visit", async ({ page }) => {
  const chunks: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    // (split-*/__wasm_split.js, the chunks' small loader, comes with the main module.)
    if (path.startsWith("/split-") && path.endsWith(".wasm")) chunks.push(path);
  });
  await open(page, "/");
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  expect(chunks, "nothing lazy loaded for the dashboard").toEqual([]);
  await page.getByRole("link", { name: "Projekte" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Projekte" })).toBeVisible();
  expect(chunks.some((path) => path.includes("projects"))).toBe(true);

  await page.getByRole("link", { name: "Einstellungen" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  expect(chunks.some((path) => path.includes("settings"))).toBe(true);
});
