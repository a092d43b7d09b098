import "server-only";
import client from "prom-client";
import { getDb } from "@/lib/db/client";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "empfio_" });
  const registers = [registry];
  return {
    registry,
    deliveries: new client.Counter({
      name: "empfio_deliveries_total",
      help: "Deliveries that reached a final status, by status (succeeded, failed).",
      labelNames: ["status"] as const,
      registers,
    }),
    attempts: new client.Counter({
      name: "empfio_delivery_attempts_total",
      help: "Delivery attempts made, by outcome: succeeded, http_status (a non-2xx answer) or the network error's kind.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    attemptDuration: new client.Histogram({
      name: "empfio_delivery_attempt_duration_seconds",
      help: "How long delivery attempts took, from connecting to the end of the response, by whether they succeeded.",
      labelNames: ["succeeded"] as const,
      buckets: SECONDS,
      registers,
    }),
    pending: new client.Gauge({
      name: "empfio_deliveries_pending",
      help: "Deliveries waiting for an attempt (due now or later), read from the database at each scrape.",
      registers,
      async collect() {
        const [row] = await getDb().$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`;
        this.set(row.n);
      },
    }),
    oldestPending: new client.Gauge({
      name: "empfio_oldest_pending_delivery_age_seconds",
      help: "Age of the oldest delivery still waiting for an attempt (0 when none), read at each scrape.",
      registers,
      async collect() {
        const [row] = await getDb().$queryRaw<{ age: number | null }[]>`
          SELECT extract(epoch FROM now() - min(created_at))::float8 AS age FROM webhook_deliveries WHERE status = 'pending'`;
        this.set(row.age ?? 0);
      },
    }),
    inbound: new client.Counter({
      name: "empfio_inbound_requests_total",
      help: "Inbound webhook requests, by source (agent, calcom, varda, brevo) and outcome.",
      labelNames: ["source", "outcome"] as const,
      registers,
    }),
    http: new client.Histogram({
      name: "empfio_http_request_duration_seconds",
      help: "Time to answer /api requests, by route pattern, method and status code.",
      labelNames: ["route", "method", "status"] as const,
      buckets: SECONDS,
      registers,
    }),
  };
}

// One set per process, kept on globalThis so Next's bundles and dev reloads share the counters.
const holder = globalThis as unknown as { __empfioMetrics?: ReturnType<typeof createMetrics> };

export function metrics(): ReturnType<typeof createMetrics> {
  return (holder.__empfioMetrics ??= createMetrics());
}
