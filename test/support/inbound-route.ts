import { afterAll, beforeAll, expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "./database";
import { startReceiver } from "./receiver";
import { hostRoute } from "./route-host";
import { createTestOrganization, setWebhookTestEnv } from "./webhook-fixtures";

// Typed loosely: route modules with dynamic segments take `{ params }` as their second argument.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteModule = { POST: (req: Request, context?: any) => Promise<Response> };

/**
 * An inbound route handler on a throwaway database with one organization. The route is imported
 * after the environment is set, as the app reads it at import. With `path` (dynamic segments as
 * in app/, e.g. `/api/v1/webhooks/varda/[connection_id]`) it is also served over real HTTP at
 * `origin`. Fields fill in during beforeAll.
 */
export function setUpInboundRoute(load: () => Promise<RouteModule>, env: Record<string, string>, path?: string) {
  const ctx = {} as { db: Db; POST: RouteModule["POST"]; orgId: string; origin: string };
  let database: TestDatabase;
  let host: Awaited<ReturnType<typeof hostRoute>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Inngest is unreachable on purpose: events stay in the outbox, where the tests read them.
    setWebhookTestEnv({ DATABASE_URL: database.url, INNGEST_BASE_URL: "http://127.0.0.1:1", ...env });
    ctx.POST = (await load()).POST;
    ctx.db = (await import("@/lib/db/client")).getDb();
    ctx.orgId = (await createTestOrganization(ctx.db)).id;
    if (path) {
      host = await hostRoute({ POST: ctx.POST }, path);
      ctx.origin = host.origin;
    }
  });
  afterAll(async () => {
    await host?.close();
    await ctx.db.$disconnect();
    await database.drop();
  });
  return ctx;
}

/**
 * What the delivery function does with the deliveries the emits created, done inline (no executor
 * runs here): each endpoint's due deliveries drained, one real, signed HTTP attempt each.
 */
export async function deliverNewEvents(db: Db, organizationId: string) {
  const { drainEndpoint } = await import("@/lib/webhooks/drain-endpoint");
  const endpoints = await db.webhookEndpoint.findMany({ where: { organizationId }, select: { id: true } });
  for (const { id } of endpoints) {
    await drainEndpoint(db, { endpointId: id, runId: "inline", dueBy: null }, { budgetMs: 10_000, lingerMs: 0 });
  }
}

type Envelope = { event: string; timestamp: string; organization_id: string; data: Record<string, unknown> };

/**
 * A loopback receiver behind an endpoint of the organization subscribed to every event. `events`
 * answers the envelopes of one type it received, each checked against its X-Empfio-Signature.
 */
export async function subscribeReceiver(db: Db, organizationId: string) {
  const receiver = await startReceiver();
  const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
  const { SUBSCRIBABLE_EVENT_TYPES } = await import("@/lib/webhooks/event-catalogue");
  const { verifyEmpfioSignature } = await import("@/lib/webhooks/sign-payload");
  const { secret } = await createEndpoint(db, organizationId, {
    url: receiver.url,
    event_types: [...SUBSCRIBABLE_EVENT_TYPES],
  });
  const events = (type: string): Envelope[] =>
    receiver.received.flatMap((r) => {
      if (!verifyEmpfioSignature(r.body, String(r.headers["x-empfio-signature"]), secret))
        throw new Error(`bad X-Empfio-Signature on ${r.body}`);
      const envelope = JSON.parse(r.body) as Envelope;
      return envelope.event === type ? [envelope] : [];
    });
  return { events, close: receiver.close };
}

export type RejectionCase = [what: string, request: () => Promise<Response>, status: number, message: string];

/**
 * Sends each bad request in turn: each must answer its 4xx with an error message containing its
 * text, and leave one inbound log entry (404: unmatched, else rejected). Returns those entries.
 */
export async function expectRejections(db: Db, cases: RejectionCase[]) {
  const lastLogged = (await db.inboundRequest.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0n;
  for (const [what, request, status, message] of cases) {
    const res = await request();
    const error = (await res.json()).error;
    expect({ what, status: res.status, message: error.message.includes(message) ? message : error.message }).toEqual({
      what,
      status,
      message,
    });
  }
  const log = await db.inboundRequest.findMany({ where: { id: { gt: lastLogged } }, orderBy: { id: "asc" } });
  expect(log.map((r) => [r.httpStatus, r.outcome])).toEqual(
    cases.map(([, , status]) => [status, status === 404 ? "unmatched" : "rejected"]),
  );
  return log;
}
