import { test, expect } from "./fixtures";
import { test as plain } from "@playwright/test";

// The first paint comes from index.html alone: while the wasm is still on
// its way (held back here), the person sees the app's frame and a calm
// loading state, not an empty page; then the app takes its place.
test("the frame and a loading state show before the wasm arrives", async ({ page }) => {
  let release!: () => void;
  const wasmHeld = new Promise<void>((resolve) => (release = resolve));
  let wasmAsked = false;
  await page.route("**/*.wasm", async (route) => {
    wasmAsked = true;
    await wasmHeld;
    await route.continue();
  });

  await page.goto("/", { waitUntil: "domcontentloaded" });
  const loading = page.getByRole("status");
  await expect(loading).toBeVisible();
  await expect(loading).toContainText("Chefsache wird geladen");
  await expect(page.getByText("Chefsache", { exact: true }).filter({ visible: true })).toHaveCount(1);
  await expect.poll(() => wasmAsked).toBe(true);
  // The app itself has not started: no page heading, no navigation yet.
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(0);
  await expect(page.getByRole("navigation")).toHaveCount(0);
  // In the design system's light colours.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(246, 247, 249)");

  const brand = page.getByText("Chefsache", { exact: true }).filter({ visible: true });
  const before = await brand.boundingBox();
  await page.screenshot({ path: "test-results/first-paint.png" });

  release();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible();
  // The app's own name stands where the frame's did: nothing jumps.
  const after = await brand.first().boundingBox();
  expect({ x: after!.x, y: after!.y }).toEqual({ x: before!.x, y: before!.y });
  await expect(page.getByText("Chefsache wird geladen")).toHaveCount(0);
});

test("the frame follows a dark colour scheme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  let release!: () => void;
  const wasmHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await wasmHeld;
    await route.continue();
  });
  await page.goto("/", { waitUntil: "domcontentloaded" });
  await expect(page.getByRole("status")).toContainText("Chefsache wird geladen");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(17, 21, 27)");
  release();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("without JavaScript the page says that the app needs it, German first", async ({ browser, baseURL, request }) => {
  // Chromium under Playwright keeps parsing <noscript> as if scripts ran,
  // even with JavaScript off (microsoft/playwright#32542), so the message
  // is checked in the page as served ...
  const html = await (await request.get("/")).text();
  const noscript = html.match(/<noscript>([\s\S]*?)<\/noscript>/)?.[1] ?? "";
  const de = noscript.indexOf("Chefsache braucht JavaScript.");
  const en = noscript.indexOf("Chefsache needs JavaScript.");
  expect(de, "German message").toBeGreaterThanOrEqual(0);
  expect(en, "English message after the German one").toBeGreaterThan(de);

  // ... and without JavaScript nothing pretends to load.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseURL + "/");
  await expect(page.getByText("Chefsache", { exact: true }).filter({ visible: true })).toHaveCount(1);
  await expect(page.getByText("Chefsache wird geladen")).toBeHidden();
  await context.close();
});

// When the app fails (here: a page's code cannot be fetched, as on a first
// visit that lost its connection), index.html's notice says so in the
// person's language and offers a reload, instead of a frozen page. Without
// the shared fixture: the failure is logged as an error on purpose.
plain.describe("a failure", () => {
  plain.use({ serviceWorkers: "block" });
  plain("a page whose code cannot be fetched says so and offers a reload", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "Etwas ist schiefgelaufen" })).toHaveCount(0);
    await page.route("**/split-*/*.wasm", (route) => route.abort("internetdisconnected"));
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Projekte" }).click();
    const notice = page.getByRole("alert").filter({ hasText: "Etwas ist schiefgelaufen" });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Gespeichertes bleibt erhalten");
    await expect(notice.getByText("Something went wrong")).toBeHidden();
    await page.unroute("**/split-*/*.wasm");
    await notice.getByRole("link", { name: "Neu laden" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
    await expect(notice).toBeHidden();
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Projekte" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Projekte" })).toBeVisible();
  });
});
