import "server-only";
import { constantTimeEqual } from "@/lib/inbound/constant-time-equal";
import { metrics } from "./metrics";

export type Scrape = { status: number; contentType: string; body: string };

/**
 * The Prometheus text of this process, for `Authorization: Bearer $METRICS_TOKEN`. Without
 * METRICS_TOKEN the endpoint does not exist (404), so metrics are never public by accident.
 */
export async function scrapeMetrics(
  authorization: string | null,
  token: string | undefined = process.env.METRICS_TOKEN,
): Promise<Scrape> {
  const json = "application/json";
  if (!token)
    return { status: 404, contentType: json, body: error("not_found", "Metrics are disabled: set METRICS_TOKEN.") };
  const presented = authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  if (!constantTimeEqual(presented, token))
    return {
      status: 401,
      contentType: json,
      body: error("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>."),
    };
  const { registry } = metrics();
  return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
}

function error(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}
