import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "@/test/support/free-port";
import { screenshot } from "./fixtures";

// The README's first command on a fresh data directory: it prints credentials that work,
// keeps its data across restarts, and a second copy fails fast instead of sharing the database.
type Started = { proc: ChildProcess; output: () => string; exited: Promise<number | null> };

function startDev(env: Record<string, string>): Started {
  // The embedded database is what a fresh machine gets, whatever this shell has configured.
  const full = { ...process.env, ...env };
  delete full.DATABASE_URL;
  const proc = spawn("npm", ["run", "dev"], { env: full, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  proc.stdout!.on("data", (c) => (output += c));
  proc.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => output, exited };
}

async function waitForOutput(started: Started, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const match = started.output().match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${pattern}; output:\n${started.output()}`);
}

async function stop(started: Started) {
  try {
    process.kill(-started.proc.pid!, "SIGINT");
  } catch (error) {
    // A copy that already died has no process group left; the test's own failure says why.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
  await Promise.race([started.exited, new Promise((r) => setTimeout(r, 20_000))]);
}

test("npm run dev on a fresh machine: sign in with the printed credentials; restart keeps data; a second copy fails fast", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const env = {
    PORT: String(await freePort()),
    EMBEDDED_DB_PORT: String(await freePort()),
    INNGEST_EXECUTOR_PORT: String(await freePort()),
    EMPFIO_WORKER_PORT: String(await freePort()),
    EMPFIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), "empfio-dev-")),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const first = startDev(env);
  try {
    const [, email, password] = await waitForOutput(first, /Sign in as (\S+)\n\s+password\s+(\S+)/, 180_000);
    await page.goto(`http://localhost:${env.PORT}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Welcome, Demo Owner" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("Demo Salon").first()).toBeVisible();
    await screenshot(page, "dev-first-sign-in");

    const second = startDev(env);
    expect(await Promise.race([second.exited, new Promise((r) => setTimeout(() => r("still running"), 30_000))])).toBe(
      1,
    );
    expect(second.output()).toContain(`Port ${env.PORT} is in use`);
  } finally {
    await stop(first);
  }

  const again = startDev(env);
  try {
    const [, email] = await waitForOutput(again, /Sign in as (\S+)\n\s+password\s+(\S+)/, 180_000);
    expect(email).toBe("owner@demo-salon.example");
    expect(again.output()).not.toContain("Applied migrations");
    await page.goto(`http://localhost:${env.PORT}/demo-salon`);
    await expect(page.getByRole("heading", { name: "Welcome, Demo Owner" })).toBeVisible({ timeout: 60_000 });
  } finally {
    await stop(again);
  }
});
