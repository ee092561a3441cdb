import { test, expect, open } from "./fixtures";

test("after the first visit the app opens without a network", async ({ page, context }) => {
  await open(page, "/");
  // Wait until the service worker controls the page and has precached.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
    return registration.active?.state;
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  // A deep link the browser never loaded before also opens offline.
  await page.goto("/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "Adressbuch" })).toBeVisible();
  // Pages that load their code on the first visit (the split build's lazy
  // chunks) come from the precache too, within the running app.
  for (const name of ["Einstellungen", "Tabelle", "Netzwerk", "Kalender"]) {
    await page.getByRole("link", { name }).first().click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
  await context.setOffline(false);
});

test("the manifest makes the app installable", async ({ page, request }) => {
  await open(page, "/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain("Chefsache");
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).ok()).toBe(true);
  }
});
