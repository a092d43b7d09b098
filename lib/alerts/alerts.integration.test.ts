import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { EVENT_CATALOGUE, parseEventData } from "@/lib/webhooks/event-catalogue";
import { verifyEmpfioRequest, verifyStandardWebhook } from "@/lib/webhooks/sign-payload";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { startReceiver } from "@/test/support/receiver";
import { startSmtpInbox } from "@/test/support/smtp-inbox";
import { createTestOrganization } from "@/test/support/webhook-fixtures";

// Alerts end to end: real deliveries through the app's Inngest route and our executor to
// loopback receivers, mail through mail-send to a real SMTP server on loopback, the feed through
// the real GET /api/v1/notifications route. The retry schedule runs 1,000× faster (time scale).
const NOTIFICATIONS = "/api/v1/notifications";
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
let db: Db;
let lib: {
  withEvents: typeof import("@/lib/webhooks/emit-event").withEvents;
  createEndpoint: typeof import("@/lib/webhooks/manage-endpoints").createEndpoint;
  updateEndpoint: typeof import("@/lib/webhooks/manage-endpoints").updateEndpoint;
  createApiKey: typeof import("@/lib/api-keys/manage-api-keys").createApiKey;
};

beforeAll(async () => {
  smtp = await startSmtpInbox();
  stack = await startDeliveryStack({
    routes: async () => ({ [NOTIFICATIONS]: await import("@/app/api/v1/notifications/route") }),
    env: { SMTP_URL: smtp.url, APP_URL: "https://app.empfio.test" },
  });
  db = stack.db;
  lib = {
    withEvents: (await import("@/lib/webhooks/emit-event")).withEvents,
    ...(await import("@/lib/webhooks/manage-endpoints")),
    createApiKey: (await import("@/lib/api-keys/manage-api-keys")).createApiKey,
  };
});

afterAll(async () => {
  await stack?.stop();
  await smtp?.close();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
});

/** An organization with an owner, an admin, an admin who turned email off, and a member. */
async function team() {
  const org = await createTestOrganization(db);
  const tag = randomBytes(3).toString("hex");
  const people = {} as Record<"owner" | "admin" | "quiet" | "member", { id: string; email: string }>;
  for (const [who, role, emailAlerts] of [
    ["owner", "owner", true],
    ["admin", "admin", true],
    ["quiet", "admin", false],
    ["member", "member", true],
  ] as const) {
    const email = `${who}-${tag}@salon.test`;
    const user = await db.user.create({ data: { email, name: `${who} ${tag}`, passwordHash: "x" } });
    await db.membership.create({ data: { organizationId: org.id, userId: user.id, role, emailAlerts } });
    people[who] = { id: user.id, email };
  }
  return { org, people };
}

const emitLead = (organizationId: string) =>
  lib.withEvents(db, (_tx, emit) => emit(organizationId, "lead.created", EVENT_CATALOGUE["lead.created"].sample));

describe("alerts", () => {
  it("a 410 disables the endpoint: one mail to each owner and admin, the feed, and a signed endpoint.disabled", async () => {
    const { org, people } = await team();
    const gone = await startReceiver(() => ({ status: 410 }));
    const watcher = await startReceiver();
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: gone.url, event_types: ["lead.created"] });
    const { secret } = await lib.createEndpoint(db, org.id, { url: watcher.url, event_types: ["endpoint.disabled"] });

    await emitLead(org.id);
    await waitUntil(() => watcher.received.length === 1, 20_000, "endpoint.disabled at the watcher");
    await waitUntil(() => smtp.to(people.admin.email).length > 0, 20_000, "the admin's mail");
    // Anything raised twice would have been sent by now, alongside the first.
    await new Promise((r) => setTimeout(r, 1_000));

    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(false);
    for (const who of ["owner", "admin"] as const) {
      const mails = smtp.to(people[who].email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`Endpoint disabled: ${gone.url}`);
      expect(mails[0].text).toContain(gone.url);
      expect(mails[0].text).toContain("410 Gone");
      expect(mails[0].text).toContain(
        `https://app.empfio.test/${org.slug}/settings/integrations/webhooks/${endpoint.id}`,
      );
      expect(mails[0].html).toContain("410 Gone");
    }
    expect(smtp.to(people.quiet.email)).toEqual([]);
    expect(smtp.to(people.member.email)).toEqual([]);

    const { key } = await lib.createApiKey(db, org.id, { name: "test" });
    const res = await stack.call(key, "GET", NOTIFICATIONS, NOTIFICATIONS);
    expect(res.status).toBe(200);
    const feed = res.body as {
      data: { level: string; title: string; endpoint_id: string }[];
      unread_count: number;
    };
    expect(feed.data).toEqual([
      expect.objectContaining({ level: "disabled", title: `Endpoint disabled: ${gone.url}`, endpoint_id: endpoint.id }),
    ]);
    expect(feed.unread_count).toBe(1);

    const [received] = watcher.received;
    expect(verifyEmpfioRequest(received.body, received.headers, secret)).toBe(true);
    const headers = received.headers as Record<string, string>;
    expect(
      verifyStandardWebhook(
        { id: headers["webhook-id"], timestamp: headers["webhook-timestamp"], signature: headers["webhook-signature"] },
        received.body,
        secret,
      ),
    ).toBe(true);
    const envelope = JSON.parse(received.body) as { event: string; organization_id: string; data: unknown };
    expect(envelope.event).toBe("endpoint.disabled");
    expect(envelope.organization_id).toBe(org.id);
    expect(parseEventData("endpoint.disabled", envelope.data)).toEqual(envelope.data);
    expect(envelope.data).toMatchObject({ endpoint_id: endpoint.id, endpoint_url: gone.url, reason: "gone" });
    await Promise.all([gone.close(), watcher.close()]);
  });

  it("a failing endpoint that recovers sends one 'failing' and one 'healthy again' mail", async () => {
    const { org, people } = await team();
    let healthy = false;
    const receiver = await startReceiver(() => ({ status: healthy ? 200 : 500 }));
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });

    await emitLead(org.id);
    await emitLead(org.id);
    await waitUntil(
      async () =>
        (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures === 2,
      30_000,
      "both deliveries to fail for good",
    );
    await waitUntil(() => smtp.to(people.owner.email).length === 1, 20_000, "the failing mail");
    healthy = true;
    await emitLead(org.id);
    await waitUntil(() => smtp.to(people.owner.email).length >= 2, 20_000, "the healthy-again mail");
    await new Promise((r) => setTimeout(r, 1_000));

    for (const who of ["owner", "admin"] as const) {
      expect(smtp.to(people[who].email).map((m) => m.subject)).toEqual([
        `Deliveries to ${receiver.url} are failing`,
        `${receiver.url} is healthy again`,
      ]);
    }
    expect(smtp.to(people.quiet.email)).toEqual([]);
    const levels = await db.notification.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { createdAt: "asc" },
    });
    expect(levels.map((n) => [n.level, n.episode])).toEqual([
      ["exhausted", 0],
      ["recovered", 0],
    ]);
    await receiver.close();
  });

  it("never emits an operational event about a delivery of an operational event", async () => {
    const { org } = await team();
    const broken = await startReceiver(() => ({ status: 500 }));
    // Fails, and is subscribed to the events its own failure would raise.
    const { endpoint: selfFeeding } = await lib.createEndpoint(db, org.id, {
      url: broken.url,
      event_types: ["delivery.exhausted", "endpoint.failing", "endpoint.disabled"],
    });
    const { endpoint: other } = await lib.createEndpoint(db, org.id, {
      url: broken.url,
      event_types: ["lead.created"],
    });

    await emitLead(org.id);
    // lead.created to `other` fails for good and raises delivery.exhausted, which reaches
    // selfFeeding and fails for good too: an alert in the app, but no event about it.
    await waitUntil(
      async () =>
        (await db.webhookDelivery.count({ where: { organizationId: org.id, status: { not: "pending" } } })) ===
        (await db.webhookDelivery.count({ where: { organizationId: org.id } })),
      30_000,
      "every delivery to end",
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const events = await db.webhookEvent.findMany({ where: { organizationId: org.id }, select: { type: true } });
    expect(events.map((e) => e.type).sort()).toEqual(["delivery.exhausted", "lead.created"]);
    const exhausted = await db.webhookDelivery.findMany({
      where: { organizationId: org.id, eventType: "delivery.exhausted" },
    });
    expect(exhausted).toHaveLength(1);
    expect(exhausted[0].endpointId).toBe(selfFeeding.id);
    expect(await db.notification.count({ where: { endpointId: { in: [selfFeeding.id, other.id] } } })).toBe(2);
    await broken.close();
  });

  it("an owner turning an endpoint off is named in the alert, and turning it on ends the episode", async () => {
    const { org, people } = await team();
    const receiver = await startReceiver();
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    const owner = { kind: "user" as const, userId: people.owner.id, role: "owner" as const };
    await lib.updateEndpoint(db, org.id, endpoint.id, { enabled: false }, owner);
    await lib.updateEndpoint(db, org.id, endpoint.id, { enabled: true }, owner);
    await lib.updateEndpoint(db, org.id, endpoint.id, { enabled: false }, owner);
    await waitUntil(() => smtp.to(people.admin.email).length === 3, 20_000, "three mails");
    const notes = await db.notification.findMany({ where: { endpointId: endpoint.id }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => [n.level, n.episode])).toEqual([
      ["disabled", 0],
      ["recovered", 0],
      ["disabled", 1],
    ]);
    expect(notes[0].body).toContain(`Disabled by owner`);
    await receiver.close();
  });
});
