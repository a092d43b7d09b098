import type pg from "pg";
import client from "prom-client";
import { constantTimeEqual } from "./sign-request";

// The executor's own registry (its own process; the app's metrics are lib/metrics/metrics.ts).
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: "empfio_executor_" });

const runs = new client.Counter({
  name: "empfio_executor_runs_total",
  help: "Function runs, by status: started, completed or failed.",
  labelNames: ["status"] as const,
  registers: [registry],
});

const queueDepth = new client.Gauge({
  name: "empfio_executor_queue_depth",
  help: "Queued steps, by state: due (runnable now, including those being run) or scheduled (sleeps and retries).",
  labelNames: ["state"] as const,
  registers: [registry],
});

export function countRuns(status: "started" | "completed" | "failed", count = 1): void {
  if (count > 0) runs.inc({ status }, count);
}

/**
 * GET /metrics: the Prometheus text, for `Authorization: Bearer <token>` (METRICS_TOKEN); 404
 * when no token is configured, 401 for a wrong one. The queue depth is read at each scrape.
 */
export async function scrapeExecutorMetrics(
  db: pg.Pool,
  authorization: string | undefined,
  token: string | undefined,
): Promise<{ status: number; contentType: string; body: string }> {
  if (!token) return { status: 404, contentType: "application/json", body: '{"error":"metrics are disabled"}' };
  const presented = authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  if (!constantTimeEqual(presented, token))
    return { status: 401, contentType: "application/json", body: '{"error":"unauthorized"}' };
  const { rows } = await db.query<{ due: number; scheduled: number }>(
    `SELECT count(*) FILTER (WHERE available_at <= now())::int AS due,
            count(*) FILTER (WHERE available_at > now())::int AS scheduled FROM executor.queue`,
  );
  queueDepth.set({ state: "due" }, rows[0].due);
  queueDepth.set({ state: "scheduled" }, rows[0].scheduled);
  return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
}
