// `npm test`: lint, typecheck, unit tests, integration tests (vitest), the production build and
// the Playwright e2e suite in Chromium; `npm test -- unit|integration|e2e` runs one part. Uses the
// PostgreSQL server at TEST_POSTGRES_URL (default 127.0.0.1:5432) when it answers, else embedded
// PGlite. Ends with "N passed, N failed", the sum over every part that ran.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@/test/support/database";
import { SERVER_CONDITION } from "./lib/tsx-node-args";

type Tally = { passed: number; failed: number };
const tally: Tally = { passed: 0, failed: 0 };
const PARTS = ["unit", "integration", "e2e"] as const;
const only = process.argv[2] as (typeof PARTS)[number] | undefined;
// `npm test -- e2e overview team`: the words after "e2e" filter the Playwright specs by file name.
// Playwright matches its arguments against the whole path, so a bare word would also match a
// checkout whose folder holds it (/work/wt/team runs every spec): each word is held to the file name.
const e2eFilter = only === "e2e" ? process.argv.slice(3).map((word) => `[^/]*${word}[^/]*\\.spec\\.ts$`) : [];
if (only && !PARTS.includes(only)) {
  console.error(`Unknown part "${only}": npm test [-- ${PARTS.join("|")}]`);
  process.exit(2);
}

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

function check(title: string, ok: boolean) {
  if (ok) tally.passed++;
  else tally.failed++;
  console.log(`${ok ? "✔" : "✖"} ${title}`);
}

function readCounts(file: string, pick: (json: never) => Tally): Tally | null {
  if (!existsSync(file)) return null;
  return pick(JSON.parse(readFileSync(file, "utf8")) as never);
}

async function main() {
  rmSync("test-results", { recursive: true, force: true });
  mkdirSync("test-results/screenshots", { recursive: true });

  if (!only) {
    check("lint and format", run("lint", "npm", ["run", "lint"]));
    check("typecheck", run("typecheck", "npx", ["tsc", "--noEmit"]));
  }

  for (const project of ["unit", "integration"] as const) if (!only || only === project) vitest(project);

  if (!only || only === "e2e") {
    if (!process.env.SKIP_BUILD)
      check(
        "production build",
        run("build", "npm", ["run", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }),
      );
    const database = await createTestDatabase({ migrate: false });
    const dataDir = mkdtempSync(path.join(tmpdir(), "empfio-e2e-"));
    try {
      // global-setup.ts seeds the database through lib/, whose server modules import "server-only".
      const playwright = [SERVER_CONDITION, "node_modules/@playwright/test/cli.js", "test", ...e2eFilter];
      const ok = await runAsync("e2e tests (Chromium)", process.execPath, playwright, {
        ...process.env,
        E2E_DATABASE_URL: database.url,
        E2E_DATA_DIR: dataDir,
      });
      type Stats = { stats: { expected: number; unexpected: number; flaky: number } };
      const counts = readCounts("test-results/e2e.json", (j: Stats) => ({
        passed: j.stats.expected + j.stats.flaky,
        failed: j.stats.unexpected,
      }));
      if (counts) {
        tally.passed += counts.passed;
        tally.failed += counts.failed + (ok || counts.failed ? 0 : 1);
      } else check("playwright produced a report", false);
    } finally {
      await database.drop();
    }
  }

  console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed ? 1 : 0);
}

/** One vitest project; its passed and failed tests join the tally (a run that failed without a failed test counts one). */
function vitest(project: "unit" | "integration") {
  const report = `test-results/${project}.json`;
  const ok = run(`${project} tests`, "npx", [
    "vitest",
    "run",
    `--project=${project}`,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  const counts = readCounts(report, (j: { numPassedTests: number; numFailedTests: number }) => ({
    passed: j.numPassedTests,
    failed: j.numFailedTests,
  }));
  if (counts) {
    tally.passed += counts.passed;
    tally.failed += counts.failed + (ok || counts.failed ? 0 : 1);
  } else check(`vitest produced the ${project} report`, false);
}

// Async so an in-process PGlite (when no PostgreSQL server answers) keeps serving meanwhile.
function runAsync(title: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  return new Promise((resolve) =>
    spawn(command, args, { stdio: "inherit", env }).on("exit", (code) => resolve(code === 0)),
  );
}

void main();
