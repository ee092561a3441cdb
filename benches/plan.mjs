// The generated plan both benchmarks use: one project with N steps in four
// work areas, mostly a chain (each step after the one before), every third
// step after the one 20 places back instead (with a day's lag), so the plan
// is long (about 2,200 days at 5,000 steps) and has many arrows.
import { randomUUID } from "node:crypto";

export const PROJECT_START = "2027-01-04";

export function plan(n) {
  const t = "2026-11-01T09:00:00Z";
  const project = { id: randomUUID(), created: t, updated: t, name: "Großprojekt", start: PROJECT_START, status: "active" };
  const steps = [];
  for (let i = 0; i < n; i++) {
    const deps = [];
    if (i > 0) deps.push({ predecessor: steps[i - 1].id, lag_days: 0 });
    if (i > 20 && i % 3 === 0) deps.push({ predecessor: steps[i - 20].id, lag_days: 1 });
    steps.push({ id: randomUUID(), created: t, updated: t, project: project.id, title: `Schritt ${i + 1}`,
      duration_days: 1 + (i % 4), sort_order: i, work_area: ["Konzept", "Backend", "Frontend", "Design"][i % 4],
      dependencies: i % 7 === 0 && i > 0 ? deps.slice(0, 1) : deps.slice(-1) });
  }
  return { project, steps };
}

/** The plan as a Chefsache backup file (what Settings › Import reads). */
export function backup({ project, steps }) {
  const t = "2026-11-01T09:00:00Z";
  return JSON.stringify({ format: "chefsache-backup", format_version: 2, app_version: "bench", exported_at: t,
    data: { projects: [project], steps } });
}
