import "server-only";
import type { Db } from "@/lib/db/client";
import type { Overview } from "./overview-schemas";

type CountRow = { kind: "leads" | "bookings"; today: bigint; prev_today: bigint; week: bigint; prev_week: bigint };
type HourRow = { start: Date; succeeded: bigint; failed: bigint; pending: bigint };

const HOUR = 3_600_000;
const UPCOMING_SHOWN = 5;

/**
 * The Overview's figures for one organization. Days and weeks (Monday first) are calendar days
 * in `timeZone`; "previous" is the same span one week earlier (today until this time of day
 * against the same weekday last week until the same time; this week so far against last week
 * as far), so a Tuesday morning is never compared with a whole week. Leads and bookings count
 * when they were captured (created), whatever became of them since.
 */
export async function getOverview(
  db: Db,
  organizationId: string,
  timeZone: string,
  now = new Date(),
): Promise<Overview> {
  const [counts, [flags], hours, upcoming, upcomingTotal, escalations, escalationTotal, attention] = await Promise.all([
    db.$queryRaw<CountRow[]>`
      WITH local AS (SELECT ${now}::timestamptz AT TIME ZONE ${timeZone} AS t),
      bounds AS (
        SELECT date_trunc('day', t) AT TIME ZONE ${timeZone} AS today_start,
               (date_trunc('day', t) - interval '7 days') AT TIME ZONE ${timeZone} AS prev_today_start,
               date_trunc('week', t) AT TIME ZONE ${timeZone} AS week_start,
               (date_trunc('week', t) - interval '7 days') AT TIME ZONE ${timeZone} AS prev_week_start,
               (t - interval '7 days') AT TIME ZONE ${timeZone} AS prev_now
        FROM local
      ),
      captured AS (
        SELECT 'leads' AS kind, created_at FROM leads, bounds
        WHERE organization_id = ${organizationId}::uuid AND created_at >= prev_week_start AND created_at <= ${now}
        UNION ALL
        SELECT 'bookings', created_at FROM bookings, bounds
        WHERE organization_id = ${organizationId}::uuid AND created_at >= prev_week_start AND created_at <= ${now}
      )
      SELECT kind,
             count(*) FILTER (WHERE created_at >= today_start) AS today,
             count(*) FILTER (WHERE created_at >= prev_today_start AND created_at < prev_now) AS prev_today,
             count(*) FILTER (WHERE created_at >= week_start) AS week,
             count(*) FILTER (WHERE created_at < prev_now) AS prev_week
      FROM captured, bounds GROUP BY kind`,
    db.$queryRaw<{ endpoints: bigint; anything: boolean }[]>`
      SELECT (SELECT count(*) FROM webhook_endpoints WHERE organization_id = ${organizationId}::uuid) AS endpoints,
             EXISTS (SELECT 1 FROM leads WHERE organization_id = ${organizationId}::uuid)
          OR EXISTS (SELECT 1 FROM bookings WHERE organization_id = ${organizationId}::uuid)
          OR EXISTS (SELECT 1 FROM conversations WHERE organization_id = ${organizationId}::uuid)
          OR EXISTS (SELECT 1 FROM webhook_endpoints WHERE organization_id = ${organizationId}::uuid) AS anything`,
    db.$queryRaw<HourRow[]>`
      SELECT date_trunc('hour', created_at, 'UTC') AS start,
             count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
             count(*) FILTER (WHERE status = 'failed') AS failed,
             count(*) FILTER (WHERE status = 'pending') AS pending
      FROM webhook_deliveries
      WHERE organization_id = ${organizationId}::uuid AND NOT is_test
        AND created_at >= date_trunc('hour', ${now}::timestamptz, 'UTC') - interval '23 hours' AND created_at <= ${now}
      GROUP BY 1`,
    db.booking.findMany({
      where: { organizationId, startTime: { gte: now }, status: { in: ["requested", "confirmed"] } },
      include: { lead: { select: { name: true } } },
      orderBy: [{ startTime: "asc" }, { id: "asc" }],
      take: UPCOMING_SHOWN,
    }),
    db.booking.count({
      where: { organizationId, startTime: { gte: now }, status: { in: ["requested", "confirmed"] } },
    }),
    db.conversation.findMany({
      where: { organizationId, status: "escalated" },
      include: { lead: { select: { name: true } } },
      orderBy: [{ escalatedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      take: UPCOMING_SHOWN,
    }),
    db.conversation.count({ where: { organizationId, status: "escalated" } }),
    db.webhookEndpoint.findMany({
      where: { organizationId, OR: [{ enabled: false }, { consecutiveFailures: { gt: 0 } }] },
      orderBy: [{ enabled: "asc" }, { consecutiveFailures: "desc" }, { createdAt: "asc" }],
    }),
  ]);
  const trend = (kind: CountRow["kind"]) => {
    const row = counts.find((c) => c.kind === kind);
    return {
      today: { current: Number(row?.today ?? 0), previous: Number(row?.prev_today ?? 0) },
      week: { current: Number(row?.week ?? 0), previous: Number(row?.prev_week ?? 0) },
    };
  };
  return {
    time_zone: timeZone,
    empty: !flags.anything,
    leads: trend("leads"),
    bookings: trend("bookings"),
    upcoming_bookings: {
      total: upcomingTotal,
      next: upcoming.map((b) => ({
        id: b.id,
        service: b.service,
        start_time: b.startTime.toISOString(),
        status: b.status,
        lead_name: b.lead?.name ?? null,
      })),
    },
    open_escalations: {
      total: escalationTotal,
      latest: escalations.map((c) => ({
        id: c.id,
        channel: c.channel,
        reason: c.escalationReason,
        escalated_at: c.escalatedAt?.toISOString() ?? null,
        lead_name: c.lead?.name ?? null,
      })),
    },
    webhooks: {
      endpoints: Number(flags.endpoints),
      deliveries_24h: fillHours(hours, now),
      attention: attention.map((e) => ({
        id: e.id,
        url: e.url,
        description: e.description,
        state: e.enabled ? ("failing" as const) : ("disabled" as const),
        consecutive_failures: e.consecutiveFailures,
        disabled_reason: e.disabledReason,
      })),
    },
  };
}

/** The 24 hours up to `now`, oldest first, empty hours included. */
function fillHours(rows: HourRow[], now: Date) {
  const byHour = new Map(rows.map((r) => [new Date(r.start).getTime(), r]));
  const first = Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR;
  return Array.from({ length: 24 }, (_, i) => {
    const r = byHour.get(first + i * HOUR);
    return {
      start: new Date(first + i * HOUR).toISOString(),
      succeeded: Number(r?.succeeded ?? 0),
      failed: Number(r?.failed ?? 0),
      pending: Number(r?.pending ?? 0),
    };
  });
}
