import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";

// What the sync specs share: a device (a browser context of its own,
// watched for errors, CSP violations and requests to other origins), the
// sync settings filled in as a person would, and a few edits.

export const couch = process.env.E2E_COUCH_URL ?? "http://127.0.0.1:5984";
export const couchOrigin = new URL(couch).origin;

export type Device = { context: BrowserContext; page: Page; problems: string[] };

/** A device that may talk to the app's origin and to `servers` only. */
export async function device(browser: Browser, baseURL: string, servers = [couch]): Promise<Device> {
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
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin && !servers.some((s) => new URL(s).origin === url.origin)) {
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

export function syncSection(page: Page) {
  return page.getByRole("region", { name: "Synchronisation" });
}

export function syncStatus(page: Page) {
  return page.locator(".sync-indicator");
}

/** Enters the server, signs in (the password only for the test) and turns
 *  sync on; then waits until the first sync is done unless told not to. */
export async function configure(page: Page, database: string, server = couch, { waitSynced = true } = {}) {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  const sync = syncSection(page);
  await sync.getByLabel("Server-Adresse").fill(server);
  await sync.getByLabel("Datenbank", { exact: true }).fill(database);
  await sync.getByLabel("Benutzername").fill("anna");
  // The page reloads so that its policy allows exactly this server.
  await Promise.all([
    page.waitForEvent("load"),
    sync.getByRole("button", { name: "Server übernehmen" }).click(),
  ]);
  await expect(page.getByRole("heading", { level: 1, name: "Einstellungen" })).toBeVisible();
  const policy = await page.locator("meta[http-equiv='Content-Security-Policy']").getAttribute("content");
  expect(policy).toContain(`connect-src 'self' ${new URL(server).origin};`);
  await expect(sync.getByLabel("Server-Adresse")).toHaveValue(server);

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
  if (waitSynced) {
    await expect(syncStatus(page)).toHaveText(/^Synchronisiert \d\d:\d\d$/, { timeout: 20_000 });
  }
}

export async function createProject(page: Page, name: string) {
  await page.goto("/projects");
  await page.getByRole("button", { name: "Neues Projekt" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]+$/);
  return new URL(page.url()).pathname;
}

export async function addStep(page: Page, title: string, days: string) {
  await page.getByRole("button", { name: "Schritt hinzufügen" }).click();
  const form = page.locator("form.step-form");
  await form.getByLabel("Titel").fill(title);
  await form.getByLabel("Dauer (Arbeitstage)").fill(days);
  await form.getByRole("button", { name: "Schritt anlegen" }).click();
  await expect(page.locator("form.step-form")).toHaveCount(0);
}

export function projectData(page: Page) {
  return page.getByRole("region", { name: "Projektdaten" });
}

export async function saveDescription(page: Page, text: string) {
  await projectData(page).getByLabel("Beschreibung").fill(text);
  await projectData(page).getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Gespeichert", { exact: true })).toBeVisible();
}


/** A new database on the test server (created by plain HTTP: PouchDB
 *  Server 4.2.0 crashes on a PUT of a database it answered 404 for a
 *  moment before, express-pouchdb's cached handle, which is what
 *  "Datenbank anlegen" does) and `count` devices signed in to it with
 *  sync on. */
export async function devicesOn(browser: Browser, baseURL: string, request: APIRequestContext, name: string, count: number) {
  const database = `chefsache-e2e-${name}-${Date.now()}`;
  expect((await request.put(`${couch}/${database}`)).ok()).toBe(true);
  const devices: Device[] = [];
  for (let i = 0; i < count; i++) {
    const d = await device(browser, baseURL);
    await configure(d.page, database);
    devices.push(d);
  }
  return { database, devices };
}

/** Closes the devices; none may have logged an error or asked another
 *  origin. */
export async function closeDevices(...devices: Device[]) {
  for (const d of devices) expect(d.problems).toEqual([]);
  for (const d of devices) await d.context.close();
}
