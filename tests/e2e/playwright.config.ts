import { defineConfig } from "@playwright/test";

// E2E_PORT lets several checkouts run their suites side by side.
const port = process.env.E2E_PORT ?? "4173";
// The sync tests' CouchDB-compatible peer (sync-server.mjs).
const couchPort = process.env.E2E_COUCH_PORT ?? String(Number(port) + 1811);
process.env.E2E_COUCH_URL = `http://127.0.0.1:${couchPort}`;

// Debian's Chromium, never a downloaded browser (no internet on CI).
export default defineConfig({
  testDir: "./specs",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "de-DE",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      command: `node serve.mjs ../../dist ${port}`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: false,
    },
    // scripts/test.sh starts it before Playwright (and stops it after);
    // a spec run on its own gets it from here. Ready once its user exists.
    {
      command: `node sync-server.mjs ${couchPort} ${port}`,
      url: `http://127.0.0.1:${couchPort}/_users/org.couchdb.user:anna`,
      reuseExistingServer: true,
    },
  ],
});
