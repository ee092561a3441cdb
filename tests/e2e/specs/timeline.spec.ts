import { test, expect, open } from "./fixtures";
import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

// A long plan: 400 steps of 3 working days in a chain, about four and a
// half years of days on the axis.
async function importLongPlan(page: Page) {
  const t = "2026-11-01T09:00:00Z";
  const project = { id: randomUUID(), created: t, updated: t, name: "Langläufer", start: "2027-01-04", status: "active" };
  const steps: object[] = [];
  let previous: string | undefined;
  for (let i = 0; i < 400; i++) {
    const id = randomUUID();
    steps.push({ id, created: t, updated: t, project: project.id, title: `Etappe ${i + 1}`, duration_days: 3,
      sort_order: i, dependencies: previous ? [{ predecessor: previous, lag_days: 0 }] : [] });
    previous = id;
  }
  const backup = { format: "chefsache-backup", format_version: 2, app_version: "e2e", exported_at: t,
    data: { projects: [project], steps } };
  await open(page, "/settings");
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles({
    name: "long.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)),
  });
  await page.getByRole("button", { name: "Alles ersetzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import abgeschlossen" })).toBeVisible({ timeout: 30_000 });
  await open(page, `/projects/${project.id}?tab=timeline`);
  return page.getByRole("region", { name: "Zeitplan Langläufer" });
}

test("a years-long timeline keeps only the dates in view on its axis, and scrolling brings the next ones", async ({ page }) => {
  const chart = await importLongPlan(page);
  await expect(chart.getByRole("button", { name: /^Etappe 1: / })).toBeVisible();
  const axis = chart.locator(".timeline__axis span");

  // About 1,600 days are on the chart, but only a screenful (and a margin)
  // of them has a label.
  expect(await axis.count()).toBeLessThan(150);
  await expect(chart.getByText("Jan 2027", { exact: true })).toBeVisible();
  await expect(chart.getByText("Jun 2029", { exact: true })).toHaveCount(0);

  // Scroll to mid-2029: its month heading and days appear, the first
  // ones are gone, and still only a screenful is drawn.
  const x = await chart.evaluate((el) => {
    const day = 30;
    const first = Date.UTC(2027, 0, 1); // the chart starts three days before the project
    el.scrollLeft = ((Date.UTC(2029, 5, 1) - first) / 86_400_000) * day;
    return el.scrollLeft;
  });
  expect(x).toBeGreaterThan(0);
  await expect(chart.getByText("Jun 2029", { exact: true })).toBeVisible();
  await expect(chart.locator(".timeline__tick").filter({ hasText: /^15$/ }).first()).toBeVisible();
  await expect(chart.getByText("Jan 2027", { exact: true })).toHaveCount(0);
  expect(await axis.count()).toBeLessThan(150);

  // Week and month zoom: still bounded.
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Woche" }).click();
  await expect(chart.getByText(/^KW \d+$/).first()).toBeVisible();
  expect(await axis.count()).toBeLessThan(150);
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Monat" }).click();
  await expect(chart.getByText(/^(Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez) \d\d$/).first()).toBeVisible();
  expect(await axis.count()).toBeLessThan(150);

  // Scrolling down brings the rows further down, and only those.
  await chart.evaluate((el) => { el.scrollTop = 36 * 300; });
  await expect(chart.getByRole("button", { name: /^Etappe 305: / })).toBeAttached();
  await expect(chart.getByRole("button", { name: /^Etappe 1: / })).toHaveCount(0);
  expect(await chart.getByRole("button").count()).toBeLessThan(60);
});

test("a bar moved with the keyboard keeps the focus, so it can be moved again", async ({ page }) => {
  const chart = await importLongPlan(page);
  const first = chart.getByRole("button", { name: /^Etappe 1: / });
  const second = chart.getByRole("button", { name: /^Etappe 2: / });
  const before = await second.getAttribute("aria-label");
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await expect(second).not.toHaveAttribute("aria-label", before!);
  await expect(first).toBeFocused();
  const once = await second.getAttribute("aria-label");
  await page.keyboard.press("ArrowRight");
  await expect(second).not.toHaveAttribute("aria-label", once!);
  await expect(first).toBeFocused();
});
