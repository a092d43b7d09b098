import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { leadCreatedData, type NewLead } from "@/lib/records/leads";
import { inSpan } from "@/lib/tracing/tracing";
import { emittedAttributes, logEmitted, outboxCtes, outboxEvent, type NewDelivery } from "@/lib/webhooks/emit-event";
import { handOver } from "@/lib/webhooks/hand-over";
import { claimCtes } from "./claim-dedupe-key";
import type { InboundContext, InboundResult } from "./handle-inbound";

/**
 * The agent's `new_lead`, the most frequent inbound event, in ONE statement: the organization
 * check, the dedupe claim, the lead, its `lead.created` outbox row with its deliveries, and the
 * inbound log row. It does what `processOnce` + `createLead` + `recordInboundRequest` do (same
 * rows, same event, same answers; the agent-event tests hold for it) without their six round
 * trips, which were most of an agent event's CPU (bench:inbound). Atomic as one statement: a
 * duplicate's claim returns nothing, so no lead or event follows it; concurrent duplicates wait
 * on the key's row and then find it claimed. An unknown organization writes nothing here (the
 * 404 is logged by handleInbound, unattributed).
 */
export async function createLeadOnce(
  db: Db,
  event: {
    organizationId: string;
    dedupeKey: string;
    windowMs: number;
    lead: Pick<NewLead, "name" | "email" | "phone" | "channel">;
  },
  log: InboundContext["log"],
): Promise<InboundResult> {
  const { organizationId, lead: input } = event;
  const now = new Date();
  const lead = {
    id: randomUUID(),
    name: input.name,
    email: input.email?.toLowerCase() ?? null,
    phone: input.phone ?? null,
    channel: input.channel,
    status: "new" as const,
    createdAt: now,
  };
  const outbox = outboxEvent(organizationId, "lead.created", leadCreatedData(lead), { occurredAt: now });
  const effects = { lead_id: lead.id, events: ["lead.created"] };
  // The change and its emit are one statement: both spans cover it.
  const [row] = await inSpan("empfio.change", {}, () =>
    inSpan("empfio.emit", { "empfio.event_type": outbox.type, "empfio.event_id": outbox.id }, async (span) => {
      const rows = await db.$queryRaw<{ org_found: boolean; claimed: boolean; deliveries: NewDelivery[] | null }[]>`
        WITH ${claimCtes(event.dedupeKey, event.windowMs, organizationId)},
        lead AS (
          INSERT INTO leads (id, organization_id, name, email, phone, channel, created_at, updated_at)
          SELECT ${lead.id}::uuid, ${organizationId}::uuid, ${lead.name}, ${lead.email}, ${lead.phone}, ${lead.channel}::"LeadChannel", ${now}, ${now}
          FROM claim
          RETURNING id
        ),
        ${outboxCtes(outbox, Prisma.sql`FROM lead`)},
        logged AS (
          INSERT INTO inbound_requests (organization_id, source, event_type, verification, outcome, http_status, effects, duration_ms)
          SELECT ${organizationId}::uuid, 'agent', 'new_lead', ${log.verification ?? "verified"},
            CASE WHEN EXISTS (SELECT 1 FROM claim) THEN 'processed' ELSE 'duplicate' END, 200,
            CASE WHEN EXISTS (SELECT 1 FROM claim) THEN ${JSON.stringify(effects)}::jsonb END, ${Math.round(performance.now() - log.startedAt)}
          FROM org
        )
        SELECT EXISTS (SELECT 1 FROM org) AS org_found, EXISTS (SELECT 1 FROM claim) AS claimed,
          (SELECT json_agg(json_build_object('id', id, 'endpointId', endpoint_id)) FROM deliveries) AS deliveries`;
      span?.setAttributes(emittedAttributes({ id: outbox.id, deliveries: rows[0]?.deliveries ?? [] }));
      return rows;
    }),
  );
  if (!row.org_found) throw new AppError("not_found", `Organization ${organizationId} not found`);
  const base = { organizationId, eventType: "new_lead", logged: true };
  if (!row.claimed) return { ...base, outcome: "duplicate", body: { status: "duplicate" } };
  logEmitted({ ...outbox, deliveries: row.deliveries ?? [] });
  if (row.deliveries)
    await handOver(
      db,
      row.deliveries.map((d) => d.endpointId),
    );
  return { ...base, outcome: "processed", effects, body: { status: "processed", lead_id: lead.id } };
}
