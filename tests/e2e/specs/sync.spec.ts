import { test, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

// Sync through CouchDB replication (issue 14): two browser contexts are
// two devices, PouchDB Server (tests/e2e/sync-server.mjs, started by
// scripts/test.sh or playwright.config.ts) is the server. Every device
// signs in with CouchDB's cookie session; nothing but the app's own
// origin and the configured server is ever asked.

const couch = process.env.E2E_COUCH_URL ?? "http://127.0.0.1:5984";
const couchOrigin = new URL(couch).origin;

type Device = { context: BrowserContext; page: Page; problems: string[] };

async function device(browser: Browser, baseURL: string): Promise<Device> {
  const context = await browser.newContext({ baseURL, locale: "de-DE" });
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (msg) => {
    // A request the server answers 401/404 (a wrong password, PouchDB
    // looking for its checkpoint) or one made while offline is logged by
    // the browser itself; the app's own errors are not.
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin && url.origin !== couchOrigin) {
      problems.push(`request to another origin: ${req.url()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

function syncSection(page: Page) {
  return page.getByRole("region", { name: "Synchronisation" });
}

function syncStatus(page: Page) {
  return page.locator(".sync-indicator");
}

/** Enters the server, signs in (the password only for the test) and turns
 *  sync on. */
async function configure(page: Page, database: string) {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  const sync = syncSection(page);
  await sync.getByLabel("Server-Adresse").fill(couch);
  await sync.getByLabel("Datenbank", { exact: true }).fill(database);
  await sync.getByLabel("Benutzername").fill("anna");
  // The page reloads so that its policy allows exactly this server.
  await Promise.all([
    page.waitForEvent("load"),
    sync.getByRole("button", { name: "Server übernehmen" }).click(),
  ]);
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  const policy = await page.locator("meta[http-equiv='Content-Security-Policy']").getAttribute("content");
  expect(policy).toContain(`connect-src 'self' ${couchOrigin};`);
  await expect(sync.getByLabel("Server-Adresse")).toHaveValue(couch);

  await sync.getByLabel("Passwort").fill("geheim-123");
  await sync.getByRole("button", { name: "Verbindung testen" }).click();
  const answer = sync.getByRole("alert").or(sync.getByRole("status").filter({ hasText: "Verbindung steht" }));
  await expect(answer.first()).toBeVisible();
  if (await sync.getByRole("button", { name: "Datenbank anlegen" }).isVisible()) {
    await sync.getByRole("button", { name: "Datenbank anlegen" }).click();
    await expect(sync.getByText("Die Datenbank wurde angelegt.")).toBeVisible();
  } else {
    await expect(sync.getByText("Verbindung steht: angemeldet als anna")).toBeVisible();
  }
  // The password is gone from the form once used.
  await expect(sync.getByLabel("Passwort")).toHaveValue("");
  await sync.getByRole("button", { name: "Synchronisation einschalten" }).click();
  await expect(sync.getByText("Die Synchronisation läuft.", { exact: true })).toBeVisible();
  await expect(syncStatus(page)).toHaveText(/^Synchronisiert \d\d:\d\d$/, { timeout: 20_000 });
}

async function createProject(page: Page, name: string) {
  await page.goto("/projects");
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]+$/);
  return new URL(page.url()).pathname;
}

async function addStep(page: Page, title: string, days: string) {
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Titel").fill(title);
  await form.getByLabel("Dauer (Arbeitstage)").fill(days);
  await form.getByRole("button", { name: "Schritt anlegen" }).click();
  await expect(page.locator("form.step-form")).toHaveCount(0);
}

function projectData(page: Page) {
  return page.getByRole("region", { name: "Projektdaten" });
}

async function saveDescription(page: Page, text: string) {
  await projectData(page).getByLabel("Beschreibung").fill(text);
  await projectData(page).getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Gespeichert", { exact: true })).toBeVisible();
}

test("without a server the policy allows the app's own origin only, and sync is silent", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const policy = await page.locator("meta[http-equiv='Content-Security-Policy']").getAttribute("content");
  expect(policy).toContain("connect-src 'self';");
  expect(policy).not.toContain("__TRUNK_LOADER_HASH__");
  await expect(syncStatus(page)).toHaveCount(0);
  // A tampered origin never widens the policy.
  await page.evaluate(() => localStorage.setItem("chefsache.sync.origin", "https://a.example; script-src *"));
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const after = await page.locator("meta[http-equiv='Content-Security-Policy']").getAttribute("content");
  expect(after).toContain("connect-src 'self';");
});

test("a wrong password is refused in words, and bad addresses are explained at the field", async ({ browser, baseURL }) => {
  const a = await device(browser, baseURL!);
  const page = a.page;
  await page.goto("/settings");
  const sync = syncSection(page);
  await sync.getByLabel("Server-Adresse").fill("http://couch.example.com");
  await sync.getByRole("button", { name: "Server übernehmen" }).click();
  await expect(sync.getByText("http:// ist nur für diesen Rechner erlaubt")).toBeVisible();
  await expect(sync.getByLabel("Server-Adresse")).toHaveAttribute("aria-invalid", "true");

  await sync.getByLabel("Server-Adresse").fill(couch);
  await sync.getByLabel("Datenbank", { exact: true }).fill("chefsache-wrong-password");
  await sync.getByLabel("Benutzername").fill("anna");
  await Promise.all([
    page.waitForEvent("load"),
    sync.getByRole("button", { name: "Server übernehmen" }).click(),
  ]);
  await sync.getByLabel("Passwort").fill("falsch");
  await sync.getByRole("button", { name: "Verbindung testen" }).click();
  await expect(sync.getByRole("alert")).toHaveText("Benutzername oder Passwort ist falsch.");
  expect(a.problems).toEqual([]);
  await a.context.close();
});

test("two devices: an edit reaches the other; the same field edited offline on both is a conflict decided once", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const database = `chefsache-e2e-${Date.now()}`;
  // Created by plain HTTP: PouchDB Server 4.2.0 crashes on a PUT of a
  // database it answered 404 for a moment before (express-pouchdb's
  // cached handle), which is what "Datenbank anlegen" does.
  expect((await request.put(`${couch}/${database}`)).ok()).toBe(true);
  const a = await device(browser, baseURL!);
  const b = await device(browser, baseURL!);
  await configure(a.page, database);
  await configure(b.page, database);

  // A plans; B sees the project and its step after they synced.
  const path = await createProject(a.page, "Badsanierung");
  await addStep(a.page, "Fliesen legen", "3");
  await expect(syncStatus(a.page)).toHaveText(/^Synchronisiert/, { timeout: 20_000 });
  await b.page.goto("/projects");
  await expect(b.page.getByRole("link", { name: "Badsanierung" })).toBeVisible({ timeout: 20_000 });
  await b.page.goto(path);
  await expect(b.page.getByRole("list").getByText("Fliesen legen")).toBeVisible({ timeout: 20_000 });

  // B goes offline; both change the description.
  await b.context.setOffline(true);
  await saveDescription(a.page, "Von Gerät A");
  await expect(syncStatus(a.page)).toHaveText(/^Synchronisiert/, { timeout: 20_000 });
  await saveDescription(b.page, "Von Gerät B");
  await expect(syncStatus(b.page)).toHaveText(/^Offline – 1 Änderung wartet/, { timeout: 20_000 });

  // Back online: the conflict is listed with both values.
  await b.context.setOffline(false);
  await expect(syncStatus(b.page)).toHaveText(/^Synchronisiert/, { timeout: 30_000 });
  await b.page.goto("/settings");
  const conflicts = syncSection(b.page).getByRole("list").filter({ hasText: "Badsanierung" });
  await expect(conflicts).toBeVisible({ timeout: 20_000 });
  const row = conflicts.getByRole("row", { name: /Beschreibung/ });
  await expect(row).toContainText("Von Gerät A");
  await expect(row).toContainText("Von Gerät B");

  // B keeps A's text; A gets the decision.
  await row.getByRole("cell").filter({ hasText: "Von Gerät A" }).getByRole("radio").check();
  await conflicts.getByRole("button", { name: "Auswahl übernehmen" }).click();
  await expect(b.page.getByText("Konflikt bei „Badsanierung“ gelöst.")).toBeVisible();
  await expect(syncSection(b.page).getByText("Keine Konflikte.")).toBeVisible({ timeout: 20_000 });
  await b.page.goto(path);
  await expect(projectData(b.page).getByLabel("Beschreibung")).toHaveValue("Von Gerät A");
  await expect(syncStatus(b.page)).toHaveText(/^Synchronisiert/, { timeout: 20_000 });
  await a.page.goto("/settings");
  await expect(syncSection(a.page).getByText("Keine Konflikte.")).toBeVisible({ timeout: 20_000 });
  await a.page.goto(path);
  await expect(projectData(a.page).getByLabel("Beschreibung")).toHaveValue("Von Gerät A");

  // Any CouchDB client sees ordinary documents (here plain HTTP), and a
  // document it writes appears in the app.
  const all = await (await request.get(`${couch}/${database}/_all_docs?include_docs=true`)).json();
  const project = all.rows.map((row: any) => row.doc).find((doc: any) => doc.type === "project");
  expect(project).toMatchObject({ name: "Badsanierung", description: "Von Gerät A", schema: expect.any(Number) });
  expect(all.rows.map((row: any) => row.doc).filter((doc: any) => doc.type === "step" && doc.title === "Fliesen legen")).toHaveLength(1);
  const id = "5f0c2a6e-0000-4000-8000-000000000001";
  const { _rev, ...fields } = project;
  const put = await request.put(`${couch}/${database}/${id}`, {
    data: { ...fields, _id: id, id, name: "Vom Fremdprogramm", description: "" },
  });
  expect(put.ok()).toBe(true);
  await a.page.goto("/projects");
  await expect(a.page.getByRole("link", { name: "Vom Fremdprogramm" })).toBeVisible({ timeout: 20_000 });

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});
