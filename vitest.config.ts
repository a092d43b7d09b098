import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests (a database, a server, the network) are named *.integration.test.ts; the rest
// are fast unit tests. `npm test -- unit` and `npm test -- integration` run one project each.
const INTEGRATION = ["**/*.integration.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    environment: "node",
    // Inngest is a closed port unless a test starts the executor and points INNGEST_BASE_URL at it,
    // so no test sends events anywhere real, whatever the developer's shell has set. Signed mode,
    // as in production: the SDK never runs in dev mode here.
    env: {
      INNGEST_BASE_URL: "http://127.0.0.1:1",
      INNGEST_EVENT_KEY: "test-event-key",
      INNGEST_SIGNING_KEY: `signkey-test-${"0f".repeat(32)}`,
    },
    setupFiles: ["test/support/install-delivery-runs.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // "server-only" throws outside a React Server Component bundle; tests import lib/ directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "test/support/server-only-stub.ts") },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: INTEGRATION,
        },
      },
      { extends: true, test: { name: "integration", include: INTEGRATION } },
    ],
  },
});
