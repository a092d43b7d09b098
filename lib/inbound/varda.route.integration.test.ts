import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deliverNewEvents,
  expectRejections,
  setUpInboundRoute,
  subscribeReceiver,
  type RejectionCase,
} from "@/test/support/inbound-route";
import { fixtureJson, fixtureText } from "@/test/support/load-fixture";

// POST /api/v1/webhooks/varda/{connection_id} over real HTTP, signed as Varda signs
// (X-Varda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">), with the
// seed's payloads; the outbound events go through real signed deliveries to a loopback receiver.
const SECRET = "varda_whsec_test_0123456789abcdef";
const ctx = setUpInboundRoute(
  () => import("@/app/api/v1/webhooks/varda/[connection_id]/route"),
  {},
  "/api/v1/webhooks/varda/[connection_id]",
);

let connectionId: string;
let receiver: Awaited<ReturnType<typeof subscribeReceiver>>;
beforeAll(async () => {
  const { createConnection } = await import("@/lib/integrations/connections");
  connectionId = (await createConnection(ctx.db, ctx.orgId, { provider: "varda", signing_secret: SECRET })).connection
    .id;
  receiver = await subscribeReceiver(ctx.db, ctx.orgId);
});
afterAll(() => receiver.close());

const now = () => Math.floor(Date.now() / 1000);
const sign = (raw: string, secret = SECRET, t = now()) =>
  `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${raw}`).digest("hex")}`;

function send(raw: string, options: { signature?: string | null; connection?: string } = {}) {
  const signature = options.signature === undefined ? sign(raw) : options.signature;
  return fetch(`${ctx.origin}/api/v1/webhooks/varda/${options.connection ?? connectionId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(signature ? { "X-Varda-Signature": signature } : {}) },
    body: raw,
  });
}
const sendJson = async (body: unknown) => {
  const res = await send(JSON.stringify(body));
  return { status: res.status, body: await res.json() };
};

type Envelope = { event: string; timestamp: string; data: Record<string, unknown> };
const seed = (name: string) => fixtureJson<Envelope>(name);
const conversationCreated = seed("varda-conversation-created.json");
const callEnded = seed("varda-call-ended.json");
const outcomeTagged = seed("varda-call-outcome-tagged.json");

const counts = async () => ({
  leads: await ctx.db.lead.count(),
  conversations: await ctx.db.conversation.count(),
  messages: await ctx.db.message.count(),
  calls: await ctx.db.call.count(),
  events: await ctx.db.webhookEvent.count(),
});

describe("Varda webhooks: the seed's payloads", () => {
  it("conversation, message, call and outcome become one lead with its records; lead.created and lead.status_changed reach the receiver", async () => {
    const conversation = await send(fixtureText("varda-conversation-created.json"));
    expect(conversation.status).toBe(200);
    const { lead_id: leadId, conversation_id: conversationId } = await conversation.json();
    const lead = await ctx.db.lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead).toMatchObject({
      organizationId: ctx.orgId,
      name: "Jane Doe",
      email: "jane@example.com",
      phone: "+18005551234",
      channel: "phone",
      status: "new",
      externalRef: `varda:${connectionId}:contact:456`,
    });
    expect(lead.attribution).toEqual({
      source: "google_ads",
      medium: "cpc",
      campaign: "spring-sale",
      landing_page: "https://example.com/services",
      type: "session",
    });
    expect(await ctx.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      leadId,
      status: "open",
      channel: "phone",
      externalRef: `varda:${connectionId}:conversation:123`,
    });

    const message = await (await send(fixtureText("varda-message-created.json"))).json();
    expect(message).toMatchObject({ status: "processed", conversation_id: conversationId, lead_id: leadId });
    expect(await ctx.db.message.findUniqueOrThrow({ where: { id: message.message_id } })).toMatchObject({
      conversationId,
      leadId,
      direction: "inbound",
      channel: "webchat",
      content: "Hi, I'd like to schedule a service appointment.",
      createdAt: new Date("2026-03-25T18:31:00Z"),
    });

    const call = await (await send(fixtureText("varda-call-ended.json"))).json();
    expect(call).toMatchObject({ status: "processed", lead_id: leadId });
    expect(await ctx.db.call.findUniqueOrThrow({ where: { id: call.call_id } })).toMatchObject({
      source: "varda",
      direction: "inbound",
      status: "ended",
      fromNumber: "+18005559876",
      toNumber: "+18005551234",
      durationSeconds: 245,
      disposition: "completed",
      externalRef: `varda:${connectionId}:call:42`,
      startedAt: new Date("2026-03-25T18:30:55Z"),
      endedAt: new Date("2026-03-25T18:35:00Z"),
    });

    const tagged = await (await send(fixtureText("varda-call-outcome-tagged.json"))).json();
    expect(tagged).toEqual({
      status: "processed",
      call_id: call.call_id,
      lead_id: leadId,
      previous_status: "new",
      lead_status: "booked",
    });
    expect(await ctx.db.call.findUniqueOrThrow({ where: { id: call.call_id } })).toMatchObject({
      outcome: "booked",
      durationSeconds: 245,
    });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: leadId } })).status).toBe("booked");
    expect(await ctx.db.lead.count({ where: { organizationId: ctx.orgId } })).toBe(1);

    await deliverNewEvents(ctx.db, ctx.orgId);
    const [created] = receiver.events("lead.created");
    expect(Object.keys(created)).toEqual(["event", "timestamp", "organization_id", "data"]);
    expect(created.organization_id).toBe(ctx.orgId);
    expect(created.data).toEqual({
      id: leadId,
      name: "Jane Doe",
      email: "jane@example.com",
      phone: "+18005551234",
      channel: "phone",
      status: "new",
      created_at: expect.any(String),
    });
    expect(receiver.events("lead.status_changed").map((e) => e.data)).toEqual([
      { id: leadId, previous_status: "new", status: "booked" },
    ]);

    // Varda redelivers an event it thinks failed: the same event id answers duplicate and changes nothing.
    const before = await counts();
    for (const name of [
      "varda-conversation-created.json",
      "varda-message-created.json",
      "varda-call-ended.json",
      "varda-call-outcome-tagged.json",
    ]) {
      expect(await (await send(fixtureText(name))).json()).toEqual({ status: "duplicate" });
    }
    expect(await counts()).toEqual(before);
    const log = await ctx.db.inboundRequest.findMany({ where: { source: "varda" }, orderBy: { id: "asc" } });
    expect(log.map((r) => r.outcome)).toEqual([
      "processed",
      "processed",
      "processed",
      "processed",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect(
      log.every(
        (r) => r.connectionId === connectionId && r.organizationId === ctx.orgId && r.verification === "verified",
      ),
    ).toBe(true);
    expect(log[3]).toMatchObject({
      eventType: "call.outcome_tagged",
      effects: { lead_id: leadId, events: ["lead.status_changed"] },
    });
    expect(
      (await ctx.db.integrationConnection.findUniqueOrThrow({ where: { id: connectionId } })).lastReceivedAt,
    ).not.toBeNull();
  });

  it("the five events without a seed payload: conversations resolve and close, calls start then end, contacts create and update leads", async () => {
    const contact = { id: 900, name: "Max Muster", email: "max@example.com", phone: "+4915100000900" };
    const attribution = { source: "facebook", medium: "paid_social", campaign: "autumn" };
    const created = await sendJson({
      event: "contact.created",
      timestamp: "2026-03-25T10:00:00Z",
      data: { ...contact, attribution, created_at: "2026-03-25T10:00:00Z" },
    });
    expect(created.body).toMatchObject({ status: "processed", lead_id: expect.any(String) });
    const leadId = created.body.lead_id;
    expect(await ctx.db.lead.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({
      name: "Max Muster",
      email: "max@example.com",
      channel: "phone",
      attribution,
      externalRef: `varda:${connectionId}:contact:900`,
    });

    const updated = await sendJson({
      event: "contact.updated",
      timestamp: "2026-03-26T08:00:00Z",
      data: { ...contact, name: "Max Mustermann", email: "MAX.M@example.com", attribution: { source: "later" } },
    });
    expect(updated.body).toEqual({ status: "processed", lead_id: leadId });
    // New details replace old ones; the first touch keeps its attribution.
    expect(await ctx.db.lead.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({
      name: "Max Mustermann",
      email: "max.m@example.com",
      attribution,
    });

    const conv = { ...conversationCreated.data, id: 901, contact };
    const opened = await sendJson({ event: "conversation.created", timestamp: "2026-03-26T09:00:00Z", data: conv });
    expect(opened.body).toMatchObject({ lead_id: leadId });
    for (const [event, status] of [
      ["conversation.resolved", "resolved"],
      ["conversation.closed", "closed"],
    ] as const) {
      const res = await sendJson({
        event,
        timestamp: `2026-03-26T09:${event.endsWith("resolved") ? "10" : "20"}:00Z`,
        data: { ...conv, status },
      });
      expect(res.body.conversation_id).toBe(opened.body.conversation_id);
      expect((await ctx.db.conversation.findUniqueOrThrow({ where: { id: opened.body.conversation_id } })).status).toBe(
        status,
      );
    }

    const call = { ...callEnded.data, id: 902, contact };
    const started = await sendJson({
      event: "call.started",
      timestamp: "2026-03-26T10:00:00Z",
      data: { ...call, status: "ringing", duration_seconds: null, disposition: null, ended_at: null },
    });
    const ended = await sendJson({
      event: "call.ended",
      timestamp: "2026-03-26T10:05:00Z",
      data: { ...call, duration_seconds: 300 },
    });
    expect(ended.body.call_id).toBe(started.body.call_id);
    expect(await ctx.db.call.findUniqueOrThrow({ where: { id: started.body.call_id } })).toMatchObject({
      leadId,
      status: "ended",
      durationSeconds: 300,
      disposition: "completed",
    });
    expect(await ctx.db.lead.count({ where: { externalRef: `varda:${connectionId}:contact:900` } })).toBe(1);
  });

  it("a call from an unknown number creates a phone lead; outcomes move the status only when it changes", async () => {
    const callData = { ...callEnded.data, id: 903, from_number: "+18005550903", contact: null, attribution: null };
    const unknownCaller = await sendJson({ event: "call.ended", timestamp: "2026-03-27T10:00:00Z", data: callData });
    const lead = await ctx.db.lead.findUniqueOrThrow({ where: { id: unknownCaller.body.lead_id } });
    expect(lead).toMatchObject({ name: "+18005550903", phone: "+18005550903", channel: "phone", status: "new" });

    const tag = (outcome: string, minute: number) =>
      sendJson({
        ...outcomeTagged,
        timestamp: `2026-03-27T10:${minute}:00Z`,
        data: { ...outcomeTagged.data, id: 1000 + minute, call_session_id: 903, outcome_type: outcome, contact: null },
      });
    const statuses: [string, string][] = [];
    for (const [outcome, minute] of [
      ["quoted", 10],
      ["follow_up", 11],
      ["no_answer", 12],
      ["other", 13],
      ["spam", 14],
      ["wrong_number", 15],
      ["booked", 16],
    ] as const) {
      await tag(outcome, minute);
      statuses.push([outcome, (await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status]);
    }
    expect(statuses).toEqual([
      ["quoted", "contacted"],
      ["follow_up", "contacted"],
      ["no_answer", "contacted"],
      ["other", "contacted"],
      ["spam", "lost"],
      ["wrong_number", "lost"],
      ["booked", "booked"],
    ]);

    await deliverNewEvents(ctx.db, ctx.orgId);
    expect(receiver.events("lead.created").map((e) => e.data)).toContainEqual({
      id: lead.id,
      name: "+18005550903",
      email: null,
      phone: "+18005550903",
      channel: "phone",
      status: "new",
      created_at: lead.createdAt.toISOString(),
    });
    // One event per real change: new → contacted → lost → booked.
    expect(
      receiver
        .events("lead.status_changed")
        .filter((e) => e.data.id === lead.id)
        .map((e) => e.data),
    ).toEqual([
      { id: lead.id, previous_status: "new", status: "contacted" },
      { id: lead.id, previous_status: "contacted", status: "lost" },
      { id: lead.id, previous_status: "lost", status: "booked" },
    ]);
    expect(await sendJson({ event: "call.transferred", timestamp: "2026-03-27T11:00:00Z", data: { id: 1 } })).toEqual({
      status: 200,
      body: { status: "ignored" },
    });
  });
});

describe("Varda webhooks: bad requests", () => {
  it("wrong, stale or missing signature, bad JSON, wrong types, unknown connection, 2 MB: a clear 4xx, only the log entry", async () => {
    const raw = fixtureText("varda-call-ended.json").replace('"id": 42', '"id": 4242');
    const before = await counts();
    const cases: RejectionCase[] = [
      ["wrong secret", () => send(raw, { signature: sign(raw, "not-the-secret") }), 401, "does not match"],
      ["stale timestamp", () => send(raw, { signature: sign(raw, SECRET, now() - 301) }), 401, "older than 300 s"],
      ["no signature", () => send(raw, { signature: null }), 401, "Missing X-Varda-Signature"],
      ["malformed header", () => send(raw, { signature: "v1=abc" }), 401, "Malformed X-Varda-Signature"],
      [
        "signed over other bytes",
        () => send(raw, { signature: sign(raw.replace("245", "246")) }),
        401,
        "does not match",
      ],
      ["malformed JSON", () => send("{not json"), 400, "not valid JSON"],
      [
        "wrong types",
        () =>
          send(JSON.stringify({ ...callEnded, data: { ...callEnded.data, id: "forty-two", direction: "sideways" } })),
        422,
        "data.id: must be an integer id",
      ],
      [
        "missing timestamp",
        () => send(JSON.stringify({ event: "call.ended", data: callEnded.data })),
        422,
        "timestamp: is required",
      ],
      [
        "unknown connection",
        () => send(raw, { connection: "00000000-0000-4000-8000-000000000000" }),
        404,
        "No Varda connection",
      ],
      ["not a connection id", () => send(raw, { connection: "nope" }), 404, "No Varda connection"],
      [
        "2 MB body",
        () => send(JSON.stringify({ ...callEnded, data: { ...callEnded.data, padding: "x".repeat(2_000_000) } })),
        413,
        "larger than",
      ],
      [
        "duration beyond a 32-bit integer",
        () => send(JSON.stringify({ ...callEnded, data: { ...callEnded.data, duration_seconds: 3e9 } })),
        422,
        "data.duration_seconds: is too large",
      ],
      [
        "NUL character in text",
        () => send(JSON.stringify({ ...callEnded, data: { ...callEnded.data, id: 4343, disposition: "a\u0000b" } })),
        422,
        "cannot be stored",
      ],
    ];
    const log = await expectRejections(ctx.db, cases);
    expect(await counts()).toEqual(before);
    expect(
      log
        .filter((r) => r.httpStatus === 401)
        .every((r) => r.verification === "failed" && r.connectionId === connectionId && r.organizationId === ctx.orgId),
    ).toBe(true);
    expect(
      log.filter((r) => r.httpStatus === 404).every((r) => r.connectionId === null && r.organizationId === null),
    ).toBe(true);
  });

  it("a rejected request does not count as received from Varda", async () => {
    const { connection } = await (
      await import("@/lib/integrations/connections")
    ).createConnection(ctx.db, ctx.orgId, { provider: "varda", signing_secret: "another-secret" });
    const res = await send(fixtureText("varda-call-ended.json"), { connection: connection.id });
    expect(res.status).toBe(401);
    expect(
      (await ctx.db.integrationConnection.findUniqueOrThrow({ where: { id: connection.id } })).lastReceivedAt,
    ).toBeNull();
  });
});

describe("Varda webhooks: two Varda accounts in one organization", () => {
  it("the same Varda contact id from each account makes two leads, not one updated twice", async () => {
    const { createConnection } = await import("@/lib/integrations/connections");
    const second = (await createConnection(ctx.db, ctx.orgId, { provider: "varda", signing_secret: SECRET })).connection
      .id;
    const contact = (name: string) =>
      JSON.stringify({
        event: "contact.created",
        timestamp: "2026-03-29T09:00:00Z",
        data: { id: 970, name, phone: null, email: null },
      });
    expect((await send(contact("Account A Customer"))).status).toBe(200);
    expect((await send(contact("Account B Customer"), { connection: second })).status).toBe(200);
    const leads = await ctx.db.lead.findMany({
      where: { externalRef: { endsWith: ":contact:970" } },
      orderBy: { createdAt: "asc" },
    });
    expect(leads.map((l) => [l.name, l.externalRef])).toEqual([
      ["Account A Customer", `varda:${connectionId}:contact:970`],
      ["Account B Customer", `varda:${second}:contact:970`],
    ]);
  });
});

describe("Varda webhooks: concurrency", () => {
  it("events about one new contact arriving at once make one lead, and every request succeeds", async () => {
    const contact = { id: 950, name: "Rush Hour", phone: "+4915100000950" };
    const bodies = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify({
        event: "message.created",
        timestamp: "2026-03-28T10:00:00Z",
        data: {
          id: 9500 + i,
          conversation_id: 951,
          direction: "inbound",
          content: `message ${i}`,
          channel_type: "whatsapp",
          contact,
        },
      }),
    );
    const answers = await Promise.all(bodies.map(async (raw) => (await send(raw)).status));
    expect(answers).toEqual(bodies.map(() => 200));
    expect(await ctx.db.lead.count({ where: { externalRef: `varda:${connectionId}:contact:950` } })).toBe(1);
    expect(await ctx.db.conversation.count({ where: { externalRef: `varda:${connectionId}:conversation:951` } })).toBe(
      1,
    );
    expect(await ctx.db.message.count({ where: { content: { startsWith: "message " } } })).toBe(8);
  });
});
