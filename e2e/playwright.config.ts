import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.E2E_PORT ?? 8187);
const dataDir = mkdtempSync(join(tmpdir(), "vigil-e2e-"));

/** Browser journeys in Debian's Chromium against a real server on a fresh SQLite file. */
export default defineConfig({
  testDir: ".",
  testMatch: /.*\.journey\.ts$/,
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `node bin/vigil.mjs serve --port ${port}`,
    cwd: join(import.meta.dirname, ".."),
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { DATABASE_URL: join(dataDir, "vigil.db"), LOG_LEVEL: "warn", HOST: "127.0.0.1" },
  },
});
