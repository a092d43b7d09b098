import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { waitUntil } from "@/lib/wait-until";
import { TSX_NODE_ARGS } from "@/scripts/lib/tsx-node-args";
import { freePort } from "./free-port";

export type ProductionStart = Awaited<ReturnType<typeof startProduction>>;

/**
 * `scripts/start.ts start` as `npm start` runs it (web, ingest, worker, embedded executor; needs a
 * production build), on free ports and its own data directory, for the benchmarks, the attack
 * check and the tests that drive the production start over HTTP. `env` adds to this process's
 * environment (DATABASE_URL, AUTH_SECRET and ENCRYPTION_KEY at least). Resolves once it says it
 * is ready; its output is kept (and stderr echoed with `echoErrors`). Stopped with `stop()`, or
 * when this process exits.
 */
export async function startProduction(env: Record<string, string>, { echoErrors = false } = {}) {
  const [port, executorPort, workerPort, ingestPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const child = spawn(process.execPath, [...TSX_NODE_ARGS, "scripts/start.ts", "start"], {
    env: {
      ...process.env,
      PORT: String(port),
      INNGEST_EXECUTOR_PORT: String(executorPort),
      EMPFIO_WORKER_PORT: String(workerPort),
      EMPFIO_INGEST_PORT: String(ingestPort),
      EMPFIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), "empfio-start-")),
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (echoErrors) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A script that fails midway exits at once: the product must not outlive it.
  process.once("exit", () => child.kill("SIGTERM"));
  await Promise.race([
    waitUntil(() => output.includes("Empfio is ready"), 180_000, "npm start", 250),
    exited.then(() => Promise.reject(new Error(`npm start exited early:\n${output}`))),
  ]);
  return {
    url: `http://127.0.0.1:${port}`,
    /** The app as the start command prints it (its public URL). */
    publicUrl: `http://localhost:${port}`,
    workerUrl: `http://127.0.0.1:${workerPort}`,
    executorUrl: `http://127.0.0.1:${executorPort}`,
    ingestUrl: `http://127.0.0.1:${ingestPort}`,
    /** The start command's process, parent of the tiers (for CPU accounting). */
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    },
  };
}
