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

test("three presses of the arrow key move a bar three working days", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-11-23T09:00:00"));
  const chart = await importLongPlan(page);
  const first = chart.getByRole("button", { name: /^Etappe 1: / });
  await expect(first).toHaveAttribute("aria-label", /^Etappe 1: 04\.01\.2027 – 06\.01\.2027/);
  await first.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  // Monday the 4th plus three working days: Thursday the 7th, three days long.
  await expect(first).toHaveAttribute("aria-label", /^Etappe 1: 07\.01\.2027 – 11\.01\.2027/);
  await expect(first).toBeFocused();
});

test("a project opens at its own start, with buttons to today and back, a today line and a legend", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-11-23T09:00:00"));
  const chart = await importLongPlan(page);
  const first = chart.getByRole("button", { name: /^Etappe 1: / });
  const todayLine = chart.getByRole("img", { name: "heute 23.11.2026" });
  // The plan starts in January: it opens there, not at an empty today.
  await expect(first).toBeInViewport();
  await expect(todayLine).not.toBeInViewport();

  const jump = page.getByRole("group", { name: "Springen" });
  await jump.getByRole("button", { name: "Heute" }).click();
  await expect(todayLine).toBeInViewport();
  await expect(first).not.toBeInViewport();
  await jump.getByRole("button", { name: "Zum Projektstart" }).click();
  await expect(first).toBeInViewport();

  const legend = page.getByRole("list", { name: "Legende" });
  for (const mark of ["kritischer Pfad", "verspätet", "Meilenstein", "erledigt", "ursprünglich geplant", "heute", "Feiertag, freier Tag", "Wochenende"]) {
    await expect(legend.getByRole("listitem").filter({ hasText: mark })).toBeVisible();
  }
});

test("a label too long for its bar stands beside it in full", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-11-23T09:00:00"));
  const chart = await importLongPlan(page);
  // At week zoom a three-day bar is 30 px wide: "Etappe 1" would be cut.
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Woche" }).click();
  const bar = chart.getByRole("button", { name: /^Etappe 1: / });
  const label = bar.getByText("Etappe 1", { exact: true });
  await expect(label).toBeVisible();
  const [barBox, labelBox] = [await bar.boundingBox(), await label.boundingBox()];
  expect(labelBox!.x).toBeGreaterThanOrEqual(barBox!.x + barBox!.width);
  expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
});
