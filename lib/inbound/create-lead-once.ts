import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { leadCreatedData, type NewLead } from "@/lib/records/leads";
import { Prisma } from "@/lib/generated/prisma/client";
import { inSpan } from "@/lib/tracing/tracing";
import {
  emittedAttributes,
  logEmitted,
  outboxEvent,
  type NewDelivery,
  type OutboxEvent,
} from "@/lib/webhooks/emit-event";
import { idleLanes, newWakeToken, wakeLanesSql, type WokenRow } from "@/lib/webhooks/endpoint-lanes";
import { finishHandOver } from "@/lib/webhooks/hand-over";
import type { InboundContext, InboundResult } from "./handle-inbound";

/**
 * The agent's `new_lead`, the most frequent inbound event, in ONE statement: the organization
 * check, the dedupe claim, the lead, its `lead.created` outbox row with its deliveries, the
 * inbound log row, and the wake of those deliveries' lanes (the hand-over's statement). It does
 * what `processOnce` + `createLead` + `recordInboundRequest` + `handOver` do (same rows, same
 * event, same answers; the agent-event tests hold for it) without their seven round trips,
 * which were most of an agent event's CPU (bench:inbound). Atomic as one statement: a
 * duplicate's claim returns nothing, so no lead or event follows it; concurrent duplicates wait
 * on the key's row and then find it claimed. An unknown organization writes nothing here (the
 * 404 is logged by handleInbound, unattributed).
 *
 * Under load the statement is PostgreSQL's and this process's largest cost (sending it alone is
 * a third of the ingest tier's CPU), so concurrent new leads of one process are written
 * together: while one statement is in flight, the leads arriving meanwhile wait and go in the
 * next, one statement for all of them. An idle caller's goes at once (no timer).
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
  const row = await inSpan("empfio.change", {}, () =>
    inSpan("empfio.emit", { "empfio.event_type": outbox.type, "empfio.event_id": outbox.id }, async (span) => {
      const written = await writeTogether(db, { ...event, lead, outbox, effects, log });
      span?.setAttributes(emittedAttributes({ id: outbox.id, deliveries: written.deliveries ?? [] }));
      return written;
    }),
  );
  await row.handOver();
  if (!row.org_found) throw new AppError("not_found", `Organization ${organizationId} not found`);
  const base = { organizationId, eventType: "new_lead", logged: true };
  if (!row.claimed) return { ...base, outcome: "duplicate", body: { status: "duplicate" } };
  logEmitted({ ...outbox, deliveries: row.deliveries ?? [] });
  return { ...base, outcome: "processed", effects, body: { status: "processed", lead_id: lead.id } };
}

type NewLeadRow = {
  organizationId: string;
  dedupeKey: string;
  windowMs: number;
  lead: { id: string; name: string; email: string | null; phone: string | null; channel: string; createdAt: Date };
  outbox: OutboxEvent;
  effects: Record<string, unknown>;
  log: InboundContext["log"];
};
type Written = { org_found: boolean; claimed: boolean; deliveries: NewDelivery[] | null };
/** A lead's answer, and its group's hand-over, which every lead awaits whatever its own outcome. */
type Answer = Written & { handOver: () => Promise<void> };
type Waiting = { row: NewLeadRow; resolve: (answer: Answer) => void; reject: (error: unknown) => void };
type Line = { waiting: Waiting[]; busy: boolean };

const lines = new WeakMap<Db, Line>();
/** Leads per statement at most: its parameters are arrays, so any number costs the same 12. */
const MOST_TOGETHER = 200;

function writeTogether(db: Db, row: NewLeadRow): Promise<Answer> {
  const line = lines.get(db) ?? lines.set(db, { waiting: [], busy: false }).get(db)!;
  return new Promise((resolve, reject) => {
    line.waiting.push({ row, resolve, reject });
    if (!line.busy) void drain(db, line);
  });
}

async function drain(db: Db, line: Line) {
  line.busy = true;
  try {
    while (line.waiting.length > 0) {
      const group = line.waiting.splice(0, MOST_TOGETHER);
      // One statement cannot claim a key twice (ON CONFLICT touches a row once): a second lead
      // with the same key goes in the next statement, which finds it claimed, as one after another would.
      const keys = new Set<string>();
      const now = group.filter((w) => !keys.has(w.row.dedupeKey) && keys.add(w.row.dedupeKey));
      line.waiting.unshift(...group.filter((w) => !now.includes(w)));
      await writeGroup(db, now);
    }
  } finally {
    line.busy = false;
  }
}

async function writeGroup(db: Db, group: Waiting[]) {
  let written: Awaited<ReturnType<typeof insertLeads>>;
  try {
    written = await insertLeads(
      db,
      group.map((w) => w.row),
    );
  } catch (error) {
    if (group.length === 1) return group[0].reject(error);
    // Whatever failed the statement is one request's to answer for, not its neighbours'.
    for (const w of group) await writeGroup(db, [w]);
    return;
  }
  // The statement woke the lanes; the leads answer once the runs they need were asked for (or
  // left to the sweep), as after any hand-over. The next group's statement need not wait for that.
  // The first lead back asks, in its own request's context (its trace parents the runs), and the
  // rest wait for the same ask.
  const { answers, woken } = written;
  let asked: Promise<void> | undefined;
  const handOver = () => (asked ??= finishHandOver(db, woken));
  group.forEach((w, i) => w.resolve({ ...answers[i], handOver }));
}

/**
 * The leads, each as its own request would write it, in one statement; answers in their order.
 * The same statement hands their deliveries over: it wakes the endpoints' lanes (once each for
 * the whole group) and says which lanes nobody held, for which a run is to be asked.
 */
async function insertLeads(db: Db, rows: NewLeadRow[]) {
  const column = <T>(pick: (row: NewLeadRow) => T) => rows.map(pick);
  const token = newWakeToken();
  const answers = await db.$queryRaw<(Written & { i: number; woken: WokenRow[] | null })[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((r) => r.organizationId)}::uuid[], ${column((r) => r.dedupeKey)}::text[],
        ${column((r) => r.windowMs / 1000)}::float8[], ${column((r) => r.lead.id)}::uuid[],
        ${column((r) => r.lead.name)}::text[], ${column((r) => r.lead.email)}::text[],
        ${column((r) => r.lead.phone)}::text[], ${column((r) => r.lead.channel)}::text[],
        ${column((r) => r.lead.createdAt.toISOString())}::timestamptz[], ${column((r) => r.outbox.id)}::uuid[],
        ${column((r) => r.outbox.payload)}::text[], ${column((r) => r.log.verification ?? "verified")}::text[],
        ${column((r) => JSON.stringify(r.effects))}::jsonb[], ${column((r) => Math.round(performance.now() - r.log.startedAt))}::int[]
      ) WITH ORDINALITY AS t(organization_id, key, window_secs, lead_id, name, email, phone, channel, created_at,
        event_id, payload, verification, effects, duration_ms, i)
    ),
    org AS (SELECT input.* FROM input WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = input.organization_id)),
    claim AS (
      INSERT INTO inbound_dedupe_keys (key, expires_at)
      -- In key order, as every group takes them: two processes' groups sharing keys wait for
      -- each other instead of deadlocking.
      SELECT key, now() + make_interval(secs => window_secs) FROM org ORDER BY key
      ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE inbound_dedupe_keys.expires_at <= now()
      RETURNING key
    ),
    claimed AS (SELECT org.* FROM org JOIN claim USING (key)),
    lead AS (
      INSERT INTO leads (id, organization_id, name, email, phone, channel, created_at, updated_at)
      SELECT lead_id, organization_id, name, email, phone, channel::"LeadChannel", created_at, created_at FROM claimed
    ),
    subscribed AS (
      SELECT claimed.event_id, claimed.organization_id, ep.id AS endpoint_id
      FROM claimed JOIN webhook_endpoints ep ON ep.organization_id = claimed.organization_id
      WHERE ep.enabled AND 'lead.created' = ANY (ep.event_types)
        AND (ep.filter IS NULL OR webhook_filter_matches(ep.filter, claimed.payload::jsonb))
      -- As a single emit (lib/webhooks/emit-event.ts): a deleted endpoint is waited for, then skipped.
      FOR KEY SHARE OF ep
    ),
    outbox AS (
      INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, endpoint_id)
      SELECT event_id, organization_id, 'lead.created', payload, created_at, NULL FROM claimed
      RETURNING id
    ),
    deliveries AS (
      INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, next_attempt_at, updated_at)
      SELECT gen_random_uuid(), subscribed.organization_id, outbox.id, subscribed.endpoint_id, 'lead.created', now(), now()
      FROM outbox JOIN subscribed ON subscribed.event_id = outbox.id
      RETURNING id::text, endpoint_id::text, event_id, organization_id
    ),
    woken AS (${wakeLanesSql(token, Prisma.sql`SELECT DISTINCT endpoint_id::uuid, organization_id FROM deliveries`)}),
    logged AS (
      INSERT INTO inbound_requests (organization_id, source, event_type, verification, outcome, http_status, effects, duration_ms)
      SELECT org.organization_id, 'agent', 'new_lead', org.verification,
        CASE WHEN claimed.key IS NULL THEN 'duplicate' ELSE 'processed' END, 200,
        CASE WHEN claimed.key IS NOT NULL THEN org.effects END, org.duration_ms
      FROM org LEFT JOIN claimed USING (i)
    )
    SELECT input.i::int AS i,
      EXISTS (SELECT 1 FROM org WHERE org.i = input.i) AS org_found,
      EXISTS (SELECT 1 FROM claimed WHERE claimed.i = input.i) AS claimed,
      (SELECT json_agg(json_build_object('id', d.id, 'endpointId', d.endpoint_id)) FROM deliveries d
        WHERE d.event_id = input.event_id) AS deliveries,
      CASE WHEN input.i = 1 THEN (SELECT json_agg(w) FROM woken w WHERE w.asked) END AS woken
    FROM input ORDER BY input.i`;
  return { answers, woken: { token, idle: idleLanes(answers[0]?.woken ?? []) } };
}
