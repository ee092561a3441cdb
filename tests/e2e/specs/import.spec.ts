import { test, expect, open } from "./fixtures";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

// A backup of a busy business: copies of the freelancer sample with fresh
// ids (links stay valid), pretty-printed like the app's own export.
function largeBackup(copies: number) {
  const sample = JSON.parse(readFileSync(new URL("../../../public/samples/freelancer.json", import.meta.url), "utf8"));
  const template = JSON.stringify(sample.data);
  const data: Record<string, unknown[]> = Object.fromEntries(Object.keys(sample.data).map((kind) => [kind, []]));
  for (let copy = 1; copy <= copies; copy++) {
    const ids = new Map<string, string>();
    const records = JSON.parse(template.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, randomUUID());
      return ids.get(id)!;
    }));
    for (const project of records.projects) project.name = `${project.name} ${copy}`;
    for (const [kind, list] of Object.entries(records)) data[kind].push(...(list as unknown[]));
  }
  const total = Object.values(data).reduce((sum, list) => sum + list.length, 0);
  return { text: JSON.stringify({ ...sample, data }, null, 2), projects: data.projects.length, total };
}

test("a large backup shows its progress, then the preview, and replaces and merges in one go", async ({ page }) => {
  const backup = largeBackup(60); // about 2.5 MB, 3,900 records
  await open(page, "/settings");
  // What the status line said, in order (the phases pass quickly).
  await page.evaluate(() => {
    const seen: string[] = ((window as any).__statuses = []);
    new MutationObserver(() => {
      for (const el of document.querySelectorAll("[role=status]")) {
        const text = el.textContent?.trim() ?? "";
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const file = { name: "gross.json", mimeType: "application/json", buffer: Buffer.from(backup.text) };
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles(file);
  const preview = page.getByRole("region", { name: /Vorschau/ });
  await expect(preview.getByRole("row", { name: /Projekte/ })).toContainText(String(backup.projects));
  const statuses: string[] = await page.evaluate(() => (window as any).__statuses);
  const checking = statuses.filter((s) => s.includes("Prüfe Sicherung"));
  expect(checking.some((s) => s.includes("Einträge werden gelesen"))).toBe(true);
  expect(checking.some((s) => s.includes("Vergleich mit Ihren Daten"))).toBe(true);

  await preview.getByRole("button", { name: "Alles ersetzen" }).click();
  const done = page.getByRole("status").filter({ hasText: `Import abgeschlossen: ${backup.total.toLocaleString("de-DE")} Einträge` });
  await expect(done.or(page.getByRole("status").filter({ hasText: `Import abgeschlossen: ${backup.total} Einträge` }))).toBeVisible();

  // The same file again, merged: nothing new, nothing lost.
  await page.getByLabel("Sicherungsdatei (JSON)").setInputFiles(file);
  await expect(preview.getByRole("row", { name: /Projekte/ })).toContainText(String(backup.projects));
  await preview.getByRole("button", { name: "Zusammenführen" }).click();
  await expect(preview).toHaveCount(0);
  await page.reload();
  await open(page, "/projects");
  await expect(page.getByRole("list", { name: "Projekte" }).getByRole("listitem")).toHaveCount(backup.projects);
});
