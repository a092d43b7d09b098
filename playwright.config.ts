import { defineConfig } from "@playwright/test";
import { E2E_DATA_DIR, E2E_SMTP_URL } from "./e2e/mail";
import { TSX_NODE_ARGS } from "./scripts/lib/tsx-node-args";

// Runs against the production build (`npm start`) on the database scripts/test.ts prepared.
// The browser is Debian's Chromium: `npx playwright install` cannot download here.
const port = Number(process.env.E2E_PORT ?? 3210);
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl)
  throw new Error("E2E_DATABASE_URL is not set: run the e2e suite through `npm test` (scripts/test.ts)");

export const E2E_BASE_URL = `http://localhost:${port}`;
// The operator token of the server under test, which e2e/security.spec.ts reads /api/health's detail with.
process.env.E2E_OPERATOR_TOKEN ??= "e2e-operator-token";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e-artifacts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-dev-shm-usage",
      ],
    },
  },
  webServer: {
    command: `node ${TSX_NODE_ARGS.join(" ")} scripts/start.ts start`,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "e2e-auth-secret-e2e-auth-secret-0000",
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      EMPFIO_DATA_DIR: E2E_DATA_DIR,
      SMTP_URL: E2E_SMTP_URL,
      WEBHOOK_ALLOW_INSECURE_URLS: "1",
      INNGEST_EXECUTOR_PORT: process.env.E2E_EXECUTOR_PORT ?? "8399",
      EMPFIO_WORKER_PORT: process.env.E2E_WORKER_PORT ?? String(Number(process.env.E2E_EXECUTOR_PORT ?? 8399) + 1),
      // Executor + 2 is the e2e suite's SMTP server (e2e/mail.ts).
      EMPFIO_INGEST_PORT: process.env.E2E_INGEST_PORT ?? String(Number(process.env.E2E_EXECUTOR_PORT ?? 8399) + 3),
      NEXT_TELEMETRY_DISABLED: "1",
      OPERATOR_TOKEN: process.env.E2E_OPERATOR_TOKEN,
    },
  },
});
