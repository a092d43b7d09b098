import "server-only";
import type { Db } from "@/lib/db/client";

/**
 * The fan-out of events written before it moved into the emit (`outboxCtes`), for the outbox
 * sweep and the legacy fan-out function: one pending Delivery per enabled endpoint subscribed to
 * the event (or the one endpoint a sample targets), in one statement. Unique on (event,
 * endpoint), so running this twice creates nothing new. Returns the deliveries still pending,
 * which are the ones to start.
 */
export async function createDeliveries(db: Db, eventId: string): Promise<{ id: string; endpointId: string }[]> {
  // The statement's snapshot does not see its own inserts, hence the union with rows made earlier.
  const rows = await db.$queryRaw<{ id: string; endpoint_id: string }[]>`
    WITH ev AS (
      SELECT id, organization_id, type, endpoint_id FROM webhook_events WHERE id = ${eventId}::uuid
    ), created AS (
      INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, updated_at)
      SELECT gen_random_uuid(), ev.organization_id, ev.id, e.id, ev.type, now()
      FROM ev JOIN webhook_endpoints e ON e.organization_id = ev.organization_id AND e.enabled
        AND CASE WHEN ev.endpoint_id IS NULL THEN ev.type = ANY (e.event_types) ELSE e.id = ev.endpoint_id END
      ON CONFLICT (event_id, endpoint_id) DO NOTHING
      RETURNING id, endpoint_id
    )
    SELECT id::text, endpoint_id::text FROM created
    UNION
    SELECT id::text, endpoint_id::text FROM webhook_deliveries WHERE event_id = ${eventId}::uuid AND status = 'pending'
    ORDER BY endpoint_id`;
  return rows.map((r) => ({ id: r.id, endpointId: r.endpoint_id }));
}
