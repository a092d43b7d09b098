// The worker tier as its own process: `node --conditions=react-server --import tsx inngest/worker/main.ts`
// (scripts/start.ts spawns it). Serves the Inngest functions to the embedded executor, a
// self-hosted Inngest server or Inngest Cloud; the web tier serves none of them.
import { installInngestDeliveryRuns } from "../install-delivery-runs";
import { installInngestMailQueue } from "../install-mail-queue";
import { runTier } from "@/scripts/lib/run-tier";
import { startFunctionsServer } from "./functions-server";

runTier("worker", async () => {
  if (process.env.INNGEST_DEV) throw new Error("INNGEST_DEV is set: the worker serves signed calls only; unset it");
  if (!process.env.INNGEST_SIGNING_KEY) throw new Error("INNGEST_SIGNING_KEY is not set: every call must be signed");
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  // The delivery functions hand deliveries over (a lane passed on, the sweep) through this port.
  installInngestDeliveryRuns();
  // A batch of attempts that disables an endpoint raises its alerts here, and emails the owners.
  installInngestMailQueue();
  const port = Number(process.env.EMPFIO_WORKER_PORT ?? 8289);
  const worker = await startFunctionsServer(port, process.env.EMPFIO_WORKER_HOST || "127.0.0.1");
  console.log(`worker listening on ${worker.url}`);
  // In-flight calls finish on a stop (or the executor retries them after its lease); no new ones start.
  return worker;
});
