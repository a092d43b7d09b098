import { scrapeMetrics } from "@/lib/metrics/scrape-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint of the web app (docs/operations.md, "Metrics"). */
export async function GET(req: Request): Promise<Response> {
  const { status, contentType, body } = await scrapeMetrics(req.headers.get("authorization"));
  return new Response(body, { status, headers: { "content-type": contentType, "cache-control": "no-store" } });
}
