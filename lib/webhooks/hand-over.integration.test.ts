import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setUpTestDb } from "@/test/support/test-db";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { EVENT_CATALOGUE } from "./event-catalogue";

// An Inngest whose event API accepts connections and never answers.
const silent = net.createServer((socket) => socket.on("error", () => undefined));
beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  // Read by the Inngest client, which this file imports only after setting them.
  setWebhookTestEnv({
    INNGEST_BASE_URL: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`,
    INNGEST_REQUEST_TIMEOUT_MS: "200",
  });
});
afterAll(() => {
  silent.close();
  silent.unref();
});

const t = setUpTestDb(4);

it("a hung Inngest holds no emitting request for long: every emit queued behind it returns, its deliveries left to the sweep", async () => {
  const { withEvents } = await import("./emit-event");
  const { createEndpoint } = await import("./manage-endpoints");
  const org = await createTestOrganization(t.db);
  await createEndpoint(t.db, org.id, { url: "http://127.0.0.1:9/hook", event_types: ["lead.created"] });
  const started = performance.now();
  const emits = await Promise.all(
    [0, 1, 2].map(() =>
      withEvents(t.db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample)),
    ),
  );
  // Two hand-overs in a row (the first emit's, then the two that waited for it), each giving up
  // after the SDK's 5 tries of 200 ms.
  expect(performance.now() - started).toBeLessThan(15_000);
  expect(emits.map((e) => e.events[0].deliveries.length)).toEqual([1, 1, 1]);
  // Pending, and their lane free again: the sweep sees nobody drains them and asks once more.
  expect(await t.db.webhookDelivery.count({ where: { organizationId: org.id, status: "pending" } })).toBe(3);
  expect(await t.db.webhookEndpointLane.findFirstOrThrow({ where: { organizationId: org.id } })).toMatchObject({
    holder: null,
    wakes: 2n,
  });
}, 60_000);
