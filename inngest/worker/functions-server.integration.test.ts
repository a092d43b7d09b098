import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { EVENT_CATALOGUE } from "@/lib/webhooks/event-catalogue";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { startReceiver } from "@/test/support/receiver";

// The worker's GET /metrics, scraped as Prometheus does while the worker delivers: the delivery
// counters move in the process that makes the attempts.
const METRICS_TOKEN = "worker-metrics-token-0123456789";
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;

beforeAll(async () => {
  stack = await startDeliveryStack({ env: { METRICS_TOKEN } });
});
afterAll(async () => {
  process.env.METRICS_TOKEN = "";
  await stack?.stop();
});

const scrape = (token?: string) =>
  fetch(`${stack.workerOrigin}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function sample(name: string): Promise<number> {
  const res = await scrape(METRICS_TOKEN);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const line = (await res.text()).split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

const SUCCEEDED = 'empfio_deliveries_total{status="succeeded"}';
const ATTEMPTS_OK = 'empfio_delivery_attempts_total{outcome="succeeded"}';
const ATTEMPT_TIMES = 'empfio_delivery_attempt_duration_seconds_count{succeeded="true"}';

describe("the worker's GET /metrics", () => {
  it("refuses a scrape without the token, or with a wrong one, with 401", async () => {
    for (const token of [undefined, "not-the-token"]) {
      const res = await scrape(token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("counts the deliveries and attempts the worker makes", async () => {
    const receiver = await startReceiver();
    try {
      const org = await stack.organization();
      const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
      const { withEvents } = await import("@/lib/webhooks/emit-event");
      await createEndpoint(stack.db, org.id, { url: receiver.url, event_types: ["lead.created"] });
      const before = await Promise.all([SUCCEEDED, ATTEMPTS_OK, ATTEMPT_TIMES].map(sample));
      await withEvents(stack.db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
      await waitUntil(async () => (await sample(SUCCEEDED)) > before[0], 15_000, "the delivery to be counted");
      const after = await Promise.all([SUCCEEDED, ATTEMPTS_OK, ATTEMPT_TIMES].map(sample));
      expect(after.map((n, i) => n - before[i])).toEqual([1, 1, 1]);
      expect(receiver.received).toHaveLength(1);
      expect(await sample("empfio_deliveries_pending")).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it("does not exist while METRICS_TOKEN is unset", async () => {
    process.env.METRICS_TOKEN = "";
    expect((await scrape(METRICS_TOKEN)).status).toBe(404);
  });
});
