import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { getPriority, tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { freePort } from "@/test/support/free-port";
import { setUpTestDb } from "@/test/support/test-db";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";

const t = setUpTestDb();

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

/** `npm start` running the worker, the executor and the ingest tier, on free ports; resolves once they are ready. */
async function startTiers() {
  const [executorPort, workerPort, ingestPort] = [await freePort(), await freePort(), await freePort()];
  // Without an Inngest server (vitest points the SDK at a closed port): the start command runs its own executor.
  const inherited = { ...process.env };
  for (const name of ["INNGEST_BASE_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]) delete inherited[name];
  const start = spawn(process.execPath, [...TSX_NODE_ARGS, "scripts/start.ts", "start"], {
    env: {
      ...inherited,
      EMPFIO_ROLES: "worker,executor,ingest",
      DATABASE_URL: t.url,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      INNGEST_EXECUTOR_PORT: String(executorPort),
      EMPFIO_WORKER_PORT: String(workerPort),
      EMPFIO_INGEST_PORT: String(ingestPort),
      EMPFIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), "empfio-start-")),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  start.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  start.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => start.once("exit", resolve));
  await waitUntil(() => output.includes("ready. Press Ctrl-C"), 60_000, "the tiers").catch((e: Error) => {
    throw new Error(`${e.message}\n${output}`);
  });
  return { start, exited, executorPort, workerPort, ingestPort };
}

it("stops its tiers on SIGTERM even when whoever started it has gone (its output pipe closed)", async () => {
  const { start, exited, executorPort, workerPort, ingestPort } = await startTiers();
  expect([await listening(executorPort), await listening(workerPort), await listening(ingestPort)]).toEqual([
    true,
    true,
    true,
  ]);

  // The terminal or the script that started it went away: its output has nowhere to go.
  start.stdout.destroy();
  start.stderr.destroy();
  start.kill("SIGTERM");
  await exited;
  await waitUntil(
    async () => !(await listening(executorPort)) && !(await listening(workerPort)) && !(await listening(ingestPort)),
    15_000,
    "the executor, the worker and the ingest tier to stop",
  );
}, 90_000);

it.runIf(process.platform === "linux")(
  "runs the worker and the executor at a lower CPU priority than itself, and the ingest tier between, so the web tier comes first",
  async () => {
    const { start, exited } = await startTiers();
    try {
      const children = readdirSync(`/proc/${start.pid}/task`).flatMap((task) =>
        readFileSync(`/proc/${start.pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
      );
      const tier = (script: string) =>
        children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(script));
      const own = getPriority(start.pid!);
      expect({
        worker: getPriority(tier("inngest/worker/main.ts")),
        executor: getPriority(tier("inngest/executor/main.ts")),
        ingest: getPriority(tier("ingest/main.ts")),
      }).toEqual({ worker: own + 10, executor: own + 10, ingest: own + 5 });
    } finally {
      start.kill("SIGTERM");
      await exited;
    }
  },
  90_000,
);
