import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Modules that reach the database, secrets, auth, the Inngest client or Node's built-ins must fail
// the build if a client component ever imports them. The executor runs as its own process, which
// Next.js never bundles.
const SERVER_IMPORT =
  /from "(@\/lib\/db\/client|@\/lib\/generated\/[^"]*|node:[^"]*|next-auth[^"]*|@\/inngest\/client|pg|undici|bcryptjs|pino)"/;

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => !f.startsWith(path.join("lib", "generated")) && !f.startsWith(path.join("inngest", "executor")));
}

describe("server modules", () => {
  it('import "server-only" when they reach the database, secrets, auth, Inngest or Node built-ins', () => {
    const unmarked = [...sources("lib"), ...sources("inngest")].filter((file) => {
      const text = readFileSync(file, "utf8");
      return SERVER_IMPORT.test(text) && !text.includes('import "server-only";');
    });
    expect(unmarked).toEqual([]);
  });

  it("stay out of lib/api-client, which holds the browser's hooks", () => {
    const marked = sources(path.join("lib", "api-client")).filter((f) =>
      readFileSync(f, "utf8").includes("server-only"),
    );
    expect(marked).toEqual([]);
  });
});
