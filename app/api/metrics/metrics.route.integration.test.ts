import { afterAll, describe, expect, it } from "vitest";
import { deliverNewEvents, setUpInboundRoute, subscribeReceiver } from "@/test/support/inbound-route";

// GET /api/metrics scraped as Prometheus does, while an agent event becomes a delivery.
const AGENT_TOKEN = "internal-test-token-0123456789";
const METRICS_TOKEN = "metrics-test-token-9876543210";
const ctx = setUpInboundRoute(() => import("@/app/api/v1/webhooks/agent-event/route"), {
  INTERNAL_AUTH_TOKEN: AGENT_TOKEN,
  METRICS_TOKEN,
});
afterAll(() => void (process.env.METRICS_TOKEN = ""));

async function scrape(token: string | null = METRICS_TOKEN): Promise<Response> {
  const { GET } = await import("./route");
  return GET(
    new Request("http://localhost/api/metrics", { headers: token ? { Authorization: `Bearer ${token}` } : {} }),
  );
}

/** The samples of the exposition text, keyed by name and labels as written, e.g. `x_total{status="failed"}`. */
async function samples(): Promise<Map<string, number>> {
  const res = await scrape();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const text = await res.text();
  return new Map(
    text
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => {
        const at = line.lastIndexOf(" ");
        return [line.slice(0, at), Number(line.slice(at + 1))];
      }),
  );
}

const INBOUND_PROCESSED = 'empfio_inbound_requests_total{source="agent",outcome="processed"}';
const INBOUND_REJECTED = 'empfio_inbound_requests_total{source="agent",outcome="rejected"}';
const AGENT_ROUTE_OK =
  'empfio_http_request_duration_seconds_count{route="/api/v1/webhooks/agent-event",method="POST",status="200"}';
const SUCCEEDED = 'empfio_deliveries_total{status="succeeded"}';
const ATTEMPTS_OK = 'empfio_delivery_attempts_total{outcome="succeeded"}';
const ATTEMPT_TIMES = 'empfio_delivery_attempt_duration_seconds_count{succeeded="true"}';
const PENDING = "empfio_deliveries_pending";
const OLDEST = "empfio_oldest_pending_delivery_age_seconds";

describe("GET /api/metrics", () => {
  it("refuses a scrape without the token, or with a wrong one, with 401", async () => {
    for (const token of [null, "not-the-token"]) {
      const res = await scrape(token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("moves its counters as an agent event becomes a delivery and the delivery succeeds", async () => {
    const receiver = await subscribeReceiver(ctx.db, ctx.orgId);
    try {
      const before = await samples();
      const at = (s: Map<string, number>, name: string) => s.get(name) ?? 0;
      const send = (token: string) =>
        ctx.POST(
          new Request("http://localhost/api/v1/webhooks/agent-event", {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            body: JSON.stringify({
              type: "new_lead",
              organization_id: ctx.orgId,
              data: { name: "Ana", channel: "phone" },
            }),
          }),
        );
      expect((await send(AGENT_TOKEN)).status).toBe(200);
      expect((await send("wrong-token")).status).toBe(401);

      const queued = await samples();
      expect(at(queued, INBOUND_PROCESSED) - at(before, INBOUND_PROCESSED)).toBe(1);
      expect(at(queued, INBOUND_REJECTED) - at(before, INBOUND_REJECTED)).toBe(1);
      expect(at(queued, AGENT_ROUTE_OK) - at(before, AGENT_ROUTE_OK)).toBe(1);
      expect(queued.get(PENDING)).toBe(1);
      expect(queued.get(OLDEST)).toBeGreaterThan(0);

      await deliverNewEvents(ctx.db, ctx.orgId);
      expect(receiver.events("lead.created")).toHaveLength(1);

      const delivered = await samples();
      expect(at(delivered, SUCCEEDED) - at(before, SUCCEEDED)).toBe(1);
      expect(at(delivered, ATTEMPTS_OK) - at(before, ATTEMPTS_OK)).toBe(1);
      expect(at(delivered, ATTEMPT_TIMES) - at(before, ATTEMPT_TIMES)).toBe(1);
      expect(delivered.get(PENDING)).toBe(0);
      expect(delivered.get(OLDEST)).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it("does not exist while METRICS_TOKEN is unset", async () => {
    process.env.METRICS_TOKEN = "";
    expect((await scrape()).status).toBe(404);
  });
});
