import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson, signatureHeader } from "@/inngest/executor/sign-request";
import type { Db } from "@/lib/db/client";
import { EVENT_CATALOGUE } from "@/lib/webhooks/event-catalogue";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { testInngestKeys } from "@/test/support/inngest-keys";
import { startReceiver } from "@/test/support/receiver";
import { hostRoute } from "@/test/support/route-host";
import { createTestOrganization } from "@/test/support/webhook-fixtures";

// The functions' endpoint as an attacker meets it: the worker's real SDK handler in signed mode,
// the real executor signing its calls, a real receiver. Only what the executor signs may run a
// function or change where the functions are called. The web app's route is off unless enabled,
// and then just as strict.
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let db: Db;
let lib: {
  emitEvent: typeof import("@/lib/webhooks/emit-event").emitEvent;
  withEvents: typeof import("@/lib/webhooks/emit-event").withEvents;
  createEndpoint: typeof import("@/lib/webhooks/manage-endpoints").createEndpoint;
  ENDPOINT_DELIVERIES_DUE: string;
};

beforeAll(async () => {
  stack = await startDeliveryStack();
  db = stack.db;
  lib = {
    ...(await import("@/lib/webhooks/emit-event")),
    createEndpoint: (await import("@/lib/webhooks/manage-endpoints")).createEndpoint,
    ENDPOINT_DELIVERIES_DUE: (await import("@/inngest/delivery-runs")).ENDPOINT_DELIVERIES_DUE,
  };
});
afterAll(() => stack?.stop());

/** A raw request, so the Host header can be anything. */
function send(method: string, path: string, headers: Record<string, string>, body = "", origin = stack.workerOrigin) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(origin + path, { method, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function pendingDelivery() {
  const receiver = await startReceiver();
  const org = await createTestOrganization(db);
  const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
  // Committed and not handed over: only a run of webhook-deliver would send it.
  const event = await db.$transaction((tx) =>
    lib.emitEvent(tx, org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
  );
  return { receiver, org, endpoint, deliveryId: event.deliveries[0].id };
}

describe("the functions' endpoint", () => {
  it("answers an unsigned, wrongly signed or stale call with 401 and runs nothing", async () => {
    const { receiver, org, endpoint, deliveryId } = await pendingDelivery();
    const event = {
      name: lib.ENDPOINT_DELIVERIES_DUE,
      data: { endpointId: endpoint.id, organizationId: org.id },
      id: "forged",
      ts: Date.now(),
    };
    const body = canonicalJson({
      event,
      events: [event],
      steps: {},
      ctx: {
        run_id: "01FORGEDRUN",
        attempt: 0,
        max_attempts: 1,
        disable_immediate_execution: true,
        use_api: false,
        stack: { stack: [], current: 0 },
      },
    });
    const path = "/api/inngest?fnId=empfio-webhook-deliver&stepId=step";
    const signatures = [
      undefined,
      "t=1&s=00",
      signatureHeader(body, testInngestKeys().signingKey),
      signatureHeader(body, stack.keys.signingKey, Date.now() - 10 * 60_000),
      signatureHeader(`${body} `, stack.keys.signingKey),
    ];
    for (const signature of signatures) {
      const headers = {
        "content-type": "application/json",
        ...(signature ? { "x-inngest-signature": signature } : {}),
      };
      expect((await send("POST", path, headers, body)).status).toBe(401);
    }
    expect((await send("GET", "/api/inngest", {})).status).toBe(401);
    expect(receiver.received).toHaveLength(0);
    expect(await db.webhookDeliveryAttempt.count({ where: { deliveryId } })).toBe(0);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("pending");
    await receiver.close();
  });

  it("ignores a PUT with a forged Host: 401, the functions stay where they were, deliveries still arrive", async () => {
    const attacker = "attacker.example:4100";
    const outOfBand = await send("PUT", "/api/inngest", { host: attacker });
    expect(outOfBand.status).toBe(401);
    const inBand = await send(
      "PUT",
      "/api/inngest",
      { host: attacker, "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
      JSON.stringify({ url: `http://${attacker}/api/inngest` }),
    );
    expect(inBand.status).toBe(401);

    const rows = await db.$queryRaw<{ config: string }[]>`SELECT config::text AS config FROM executor.functions`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.config.includes("attacker.example"))).toBe(false);

    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    await lib.withEvents(db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
    await waitUntil(
      async () =>
        (await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).status === "succeeded",
      15_000,
      "the delivery after the forged sync",
    );
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it("is not served by the web app unless EMPFIO_FUNCTIONS_ROUTE=1, and then only signed", async () => {
    const { receiver, org, endpoint, deliveryId } = await pendingDelivery();
    const event = { name: lib.ENDPOINT_DELIVERIES_DUE, data: { endpointId: endpoint.id, organizationId: org.id } };
    const body = JSON.stringify({ event, events: [event], steps: {}, ctx: { run_id: "01FORGED", attempt: 0 } });
    const call = async (method: "GET" | "POST" | "PUT") => {
      const route = await import("@/app/api/inngest/route");
      const served = await hostRoute({ GET: route.GET, POST: route.POST, PUT: route.PUT });
      try {
        const path = method === "POST" ? "/api/inngest?fnId=empfio-webhook-deliver&stepId=step" : "/api/inngest";
        const headers = { "content-type": "application/json", host: "attacker.example" };
        return (await send(method, path, headers, method === "GET" ? "" : body, served.origin)).status;
      } finally {
        await served.close();
      }
    };
    delete process.env.EMPFIO_FUNCTIONS_ROUTE;
    for (const method of ["GET", "POST", "PUT"] as const) expect(await call(method)).toBe(404);
    vi.resetModules();
    process.env.EMPFIO_FUNCTIONS_ROUTE = "1";
    try {
      for (const method of ["GET", "POST", "PUT"] as const) expect(await call(method)).toBe(401);
    } finally {
      delete process.env.EMPFIO_FUNCTIONS_ROUTE;
      vi.resetModules();
    }
    expect(receiver.received).toHaveLength(0);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("pending");
    await receiver.close();
  });
});
