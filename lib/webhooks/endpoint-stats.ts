import "server-only";
import type { Db } from "@/lib/db/client";
import type { EndpointStats } from "@/lib/api/serializers";

/** Success rate over 24 h and the last delivery, for every endpoint of an organization at once. */
export async function endpointStats(db: Db, organizationId: string): Promise<Map<string, EndpointStats>> {
  const [counts, lasts] = await Promise.all([
    db.$queryRaw<{ endpoint_id: string; succeeded: bigint; failed: bigint; total: bigint }[]>`
      SELECT endpoint_id, count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
             count(*) FILTER (WHERE status = 'failed') AS failed, count(*) AS total
      FROM webhook_deliveries
      WHERE organization_id = ${organizationId}::uuid AND created_at > now() - interval '24 hours' AND NOT is_test
      GROUP BY endpoint_id`,
    db.$queryRaw<{ id: string; status: "pending" | "succeeded" | "failed" | null; created_at: Date | null }[]>`
      SELECT e.id, d.status, d.created_at FROM webhook_endpoints e
      LEFT JOIN LATERAL (
        SELECT status, created_at FROM webhook_deliveries WHERE endpoint_id = e.id ORDER BY created_at DESC, id DESC LIMIT 1
      ) d ON true
      WHERE e.organization_id = ${organizationId}::uuid`,
  ]);
  const byEndpoint = new Map(counts.map((c) => [c.endpoint_id, c]));
  return new Map(
    lasts.map((l) => {
      const c = byEndpoint.get(l.id);
      const finished = c ? Number(c.succeeded) + Number(c.failed) : 0;
      return [
        l.id,
        {
          success_rate_24h: finished > 0 ? Number(c!.succeeded) / finished : null,
          deliveries_24h: c ? Number(c.total) : 0,
          last_delivery: l.status && l.created_at ? { status: l.status, at: l.created_at.toISOString() } : null,
        },
      ];
    }),
  );
}

/** Deliveries per hour by outcome over the last 24 h or 7 days, with empty hours filled in. */
export async function deliveryHistogram(db: Db, organizationId: string, endpointId: string, range: "24h" | "7d") {
  const hours = range === "24h" ? 24 : 168;
  const rows = await db.$queryRaw<{ start: Date; succeeded: bigint; failed: bigint; pending: bigint }[]>`
    SELECT date_trunc('hour', created_at) AS start,
           count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
           count(*) FILTER (WHERE status = 'failed') AS failed,
           count(*) FILTER (WHERE status = 'pending') AS pending
    FROM webhook_deliveries
    WHERE organization_id = ${organizationId}::uuid AND endpoint_id = ${endpointId}::uuid
      AND created_at >= date_trunc('hour', now()) - make_interval(hours => ${hours - 1})
    GROUP BY 1`;
  const byHour = new Map(rows.map((r) => [new Date(r.start).getTime(), r]));
  const firstHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - (hours - 1) * 3_600_000;
  return Array.from({ length: hours }, (_, i) => {
    const start = firstHour + i * 3_600_000;
    const r = byHour.get(start);
    return {
      start: new Date(start).toISOString(),
      succeeded: Number(r?.succeeded ?? 0),
      failed: Number(r?.failed ?? 0),
      pending: Number(r?.pending ?? 0),
    };
  });
}
