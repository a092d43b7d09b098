// The ingest tier as its own process: `node --conditions=react-server --import tsx ingest/main.ts`
// (scripts/start.ts spawns it). Serves the inbound webhooks (the agent, Cal.com, Varda, Brevo)
// with the same handlers as the Next.js routes, without Next.js's cost per request.
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import { installInngestMailQueue } from "@/inngest/install-mail-queue";
import { startTracing } from "@/lib/tracing/tracing";
import { inboundTurnsFromEnv } from "@/scripts/lib/inbound-gate.mjs";
import { runTier } from "@/scripts/lib/run-tier";
import { startIngestServer } from "./ingest-server";

runTier("ingest", async () => {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  await startTracing("empfio-ingest");
  // The events a webhook emits start their delivery runs at once, as from the web tier.
  installInngestDeliveryRuns();
  installInngestMailQueue();
  const port = Number(process.env.EMPFIO_INGEST_PORT ?? 8290);
  // Loopback unless told otherwise: the web tier in front of it is a trusted hop (TRUSTED_PROXY_HOPS).
  const ingest = await startIngestServer(
    port,
    process.env.EMPFIO_INGEST_HOST || "127.0.0.1",
    // Many at a time: nothing else waits here, and the new leads arriving together are written
    // in one statement (lib/inbound/create-lead-once.ts), the more the cheaper each.
    inboundTurnsFromEnv(process.env, 32),
  );
  console.log(`ingest listening on ${ingest.origin}`);
  // Webhooks in flight finish on a stop; no new ones start.
  return ingest;
});
