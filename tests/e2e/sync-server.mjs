// The CouchDB-compatible peer of the sync tests (issue 14): PouchDB Server
// from npm, in memory, on loopback, with CORS and credentials for the
// e2e origin, and one user (anna / geheim-123) for the cookie session.
// Started by scripts/test.sh before Playwright (and stopped by its trap);
// playwright.config.ts starts it too when a spec is run on its own.
//   node sync-server.mjs COUCH_PORT APP_PORT [DATA_DIR]
// With DATA_DIR the databases are kept on disk there (LevelDB), so a
// server stopped and started again still has them (sync_scale.spec.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const port = Number(process.argv[2] ?? 5984);
const appPort = Number(process.argv[3] ?? 4173);
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.argv[4];
const dir = dataDir ?? mkdtempSync(join(tmpdir(), "chefsache-couch-"));
const config = join(dir, "config.json");
writeFileSync(config, JSON.stringify({
  httpd: { enable_cors: true },
  cors: {
    origins: `http://127.0.0.1:${appPort}`,
    credentials: true,
    methods: "GET, PUT, POST, HEAD, DELETE",
    headers: "accept, authorization, content-type, origin, referer",
  },
  log: { file: join(dir, "log.txt") },
}));

const server = spawn(join(here, "node_modules/.bin/pouchdb-server"),
  [...(dataDir ? [] : ["--in-memory"]), "--host", "127.0.0.1", "--port", String(port), "--config", config, "--no-stdout-logs"],
  { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    if (tries > 100) { console.error("sync-server: PouchDB Server did not start"); stop(); process.exit(1); }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const user = await fetch(`${base}/_users/org.couchdb.user:anna`, {
  method: "PUT",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ name: "anna", password: "geheim-123", roles: [], type: "user" }),
});
if (!user.ok && user.status !== 409) {
  console.error(`sync-server: could not create the test user (${user.status})`);
}
// Playwright waits for this URL; the user exists before it answers 200.
console.log(`sync-server: PouchDB Server on ${base}, user anna`);
