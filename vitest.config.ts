import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    environment: "node",
    // Inngest is a closed port unless a test starts the executor and points INNGEST_DEV at it, so
    // no test sends events anywhere real, whatever the developer's shell has set.
    env: { INNGEST_DEV: "http://127.0.0.1:1" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // "server-only" throws outside a React Server Component bundle; tests import lib/ directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "test/helpers/server-only-stub.ts") },
  },
});
