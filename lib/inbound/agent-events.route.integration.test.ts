import { describe, expect, it } from "vitest";
import { deliverNewEvents, setUpInboundRoute, subscribeReceiver } from "@/test/support/inbound-route";

// POST /api/v1/webhooks/agent-event, called as the agent service calls it.
const TOKEN = "internal-test-token-0123456789";
const ctx = setUpInboundRoute(() => import("@/app/api/v1/webhooks/agent-event/route"), { INTERNAL_AUTH_TOKEN: TOKEN });

function send(body: unknown, token = TOKEN, raw?: string) {
  return ctx.POST(
    new Request("http://localhost/api/v1/webhooks/agent-event", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: raw ?? JSON.stringify(body),
    }),
  );
}

const payloads = async (type: string) =>
  (
    await ctx.db.webhookEvent.findMany({ where: { organizationId: ctx.orgId, type }, orderBy: { createdAt: "asc" } })
  ).map((e) => JSON.parse(e.payload));

describe("agent events", () => {
  it("new_lead creates a lead and a lead.created event shaped as the seed", async () => {
    const res = await send({
      type: "new_lead",
      organization_id: ctx.orgId,
      data: { name: "Jane Smith", email: "jane@example.com", phone: "+49123456789", channel: "whatsapp" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "processed", lead_id: expect.any(String) });
    const [event] = await payloads("lead.created");
    expect(Object.keys(event)).toEqual(["event", "timestamp", "organization_id", "data"]);
    expect(event.data).toEqual({
      id: body.lead_id,
      name: "Jane Smith",
      email: "jane@example.com",
      phone: "+49123456789",
      channel: "whatsapp",
      status: "new",
      created_at: expect.any(String),
    });
  });

  it("status_update emits lead.status_changed with the previous status; escalation emits conversation.escalated", async () => {
    const { lead_id } = await (
      await send({ type: "new_lead", organization_id: ctx.orgId, data: { name: "Bo", channel: "telegram" } })
    ).json();
    expect(
      await (
        await send({ type: "status_update", organization_id: ctx.orgId, data: { lead_id, status: "booked" } })
      ).json(),
    ).toMatchObject({ status: "processed" });
    expect((await payloads("lead.status_changed")).at(-1).data).toEqual({
      id: lead_id,
      previous_status: "new",
      status: "booked",
    });
    const conversationId = "880b0500-e29b-41d4-a716-446655440000";
    await send({
      type: "escalation",
      organization_id: ctx.orgId,
      data: {
        conversation_id: conversationId,
        lead_id,
        channel: "telegram",
        reason: "Customer explicitly requested a human",
      },
    });
    expect((await payloads("conversation.escalated")).at(-1).data).toEqual({
      conversation_id: conversationId,
      lead_id,
      channel: "telegram",
      reason: "Customer explicitly requested a human",
    });
    const logged = await send({
      type: "message_logged",
      organization_id: ctx.orgId,
      data: { lead_id, conversation_id: conversationId, channel: "telegram", direction: "inbound", content: "Hi!" },
    });
    expect(await logged.json()).toMatchObject({ status: "processed", conversation_id: conversationId });
    const booking = await send({
      type: "booking_request",
      organization_id: ctx.orgId,
      data: { lead_id, service: "Haircut", start_time: "2026-03-20T14:00:00Z" },
    });
    expect(await booking.json()).toMatchObject({ status: "processed", booking_id: expect.any(String) });
  });

  it("answers bad input with a clear 4xx and writes nothing but the inbound log entry", async () => {
    const before = {
      leads: await ctx.db.lead.count(),
      events: await ctx.db.webhookEvent.count(),
      log: await ctx.db.inboundRequest.count(),
    };
    const cases: [Promise<Response>, number, string][] = [
      [
        send({ type: "new_lead", organization_id: ctx.orgId, data: { name: "X", channel: "sms" } }, "wrong-token"),
        401,
        "unauthorized",
      ],
      [send(null, TOKEN, "{not json"), 400, "bad_request"],
      [
        send({ type: "new_lead", organization_id: ctx.orgId, data: { name: 42, channel: "pigeon" } }),
        422,
        "validation_failed",
      ],
      [send({ type: "teleport", organization_id: ctx.orgId, data: {} }), 422, "validation_failed"],
      [
        send({
          type: "new_lead",
          organization_id: "00000000-0000-4000-8000-000000000000",
          data: { name: "X", channel: "sms" },
        }),
        404,
        "not_found",
      ],
      [
        send({
          type: "status_update",
          organization_id: ctx.orgId,
          data: { lead_id: "00000000-0000-4000-8000-000000000000", status: "lost" },
        }),
        404,
        "not_found",
      ],
      [
        send(
          null,
          TOKEN,
          JSON.stringify({
            type: "new_lead",
            organization_id: ctx.orgId,
            data: { name: "x".repeat(2_000_000), channel: "sms" },
          }),
        ),
        413,
        "payload_too_large",
      ],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect({ status: res.status, code: (await res.json()).error.code }).toEqual({ status, code });
    }
    expect(await ctx.db.lead.count()).toBe(before.leads);
    expect(await ctx.db.webhookEvent.count()).toBe(before.events);
    expect(await ctx.db.inboundRequest.count()).toBe(before.log + cases.length);
    const wrongType = await ctx.db.inboundRequest.findFirst({ where: { httpStatus: 422 }, orderBy: { id: "desc" } });
    expect(wrongType).toMatchObject({ outcome: "rejected", source: "agent" });
    // The owner sees a request about their organization, even one that failed; nobody's is unattributed.
    const unmatched = await ctx.db.inboundRequest.findMany({
      where: { outcome: "unmatched", source: "agent" },
      select: { organizationId: true, reason: true },
    });
    expect(unmatched).toEqual(
      expect.arrayContaining([
        { organizationId: null, reason: "Organization 00000000-0000-4000-8000-000000000000 not found" },
        { organizationId: ctx.orgId, reason: expect.stringMatching(/^Lead .* not found/) },
      ]),
    );
  });

  it("20 concurrent identical events make one lead and 19 duplicates, decided in the database", async () => {
    const event = {
      type: "new_lead",
      organization_id: ctx.orgId,
      data: { channel: "phone", name: "Twenty Times", phone: "+491700000020" },
    };
    const logged = (outcome: string) =>
      ctx.db.inboundRequest.count({
        where: { organizationId: ctx.orgId, source: "agent", eventType: "new_lead", outcome },
      });
    const before = { processed: await logged("processed"), duplicate: await logged("duplicate") };
    const bodies = await Promise.all(Array.from({ length: 20 }, () => send(event).then((r) => r.json())));
    expect(bodies.filter((b) => b.status === "processed")).toHaveLength(1);
    expect(bodies.filter((b) => b.status === "duplicate")).toHaveLength(19);
    expect(await ctx.db.lead.count({ where: { organizationId: ctx.orgId, name: "Twenty Times" } })).toBe(1);
    // Key order does not make a different event.
    const reordered = {
      data: { phone: "+491700000020", name: "Twenty Times", channel: "phone" },
      organization_id: ctx.orgId,
      type: "new_lead",
    };
    expect(await (await send(reordered)).json()).toEqual({ status: "duplicate" });
    // Each request is in the owner's inbound log once, with what became of it.
    expect({ processed: await logged("processed"), duplicate: await logged("duplicate") }).toEqual({
      processed: before.processed + 1,
      duplicate: before.duplicate + 20,
    });
    const row = await ctx.db.inboundRequest.findFirstOrThrow({
      where: { organizationId: ctx.orgId, outcome: "processed", eventType: "new_lead" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({
      verification: "verified",
      httpStatus: 200,
      effects: { lead_id: bodies.find((b) => b.status === "processed").lead_id, events: ["lead.created"] },
    });
  });

  it("new_lead's event makes no delivery while nobody subscribes, and reaches a subscribed endpoint signed", async () => {
    const unheard = await (
      await send({ type: "new_lead", organization_id: ctx.orgId, data: { name: "Nobody Listens", channel: "sms" } })
    ).json();
    const receiver = await subscribeReceiver(ctx.db, ctx.orgId);
    try {
      const heard = await (
        await send({
          type: "new_lead",
          organization_id: ctx.orgId,
          data: { name: "Someone Listens", email: "SOME@Example.com", channel: "email" },
        })
      ).json();
      const outbox = async (leadId: string) =>
        (await ctx.db.webhookEvent.findMany({ where: { organizationId: ctx.orgId, type: "lead.created" } })).find(
          (e) => JSON.parse(e.payload).data.id === leadId,
        )!;
      // Nothing to deliver: no delivery at all. A subscriber: one pending delivery, left for a run.
      const deliveries = async (leadId: string) =>
        ctx.db.webhookDelivery.findMany({ where: { eventId: (await outbox(leadId)).id } });
      expect(await deliveries(unheard.lead_id)).toEqual([]);
      expect((await deliveries(heard.lead_id)).map((d) => d.status)).toEqual(["pending"]);
      await deliverNewEvents(ctx.db, ctx.orgId);
      const lead = await ctx.db.lead.findUniqueOrThrow({ where: { id: heard.lead_id } });
      expect(
        receiver
          .events("lead.created")
          .map((e) => e.data)
          .filter((d) => d.id === lead.id),
      ).toEqual([
        {
          id: lead.id,
          name: "Someone Listens",
          email: "some@example.com",
          phone: null,
          channel: "email",
          status: "new",
          created_at: lead.createdAt.toISOString(),
        },
      ]);
    } finally {
      await receiver.close();
    }
  });
});
