import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { freePort } from "@/test/support/free-port";
import { startReceiver } from "@/test/support/receiver";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { flushTracing, startTracing, traceCarrier } from "./tracing";

// An agent event followed through OpenTelemetry: the inbound request, its change and emit, the
// delivery run (the real SDK route driven by the executor) and the attempt, exported over
// OTLP/HTTP to a loopback collector that decodes the JSON export.

type OtlpValue = { stringValue?: string; intValue?: string | number; arrayValue?: { values: OtlpValue[] } };
type OtlpSpan = {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: OtlpValue }[];
};
type Export = { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };

const AGENT_TOKEN = "internal-test-token-0123456789";
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let collector: http.Server;
let db: Db;
const spans: OtlpSpan[] = [];

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/v1/traces" && String(req.headers["content-type"]).includes("json")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Export;
        spans.push(...body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  const collectorPort = await freePort();
  await new Promise<void>((resolve) => collector.listen(collectorPort, "127.0.0.1", resolve));
  process.env.OTEL_BSP_SCHEDULE_DELAY = "100";
  // Without the endpoint, nothing starts: no context to pass on.
  await startTracing("empfio-test");
  expect(traceCarrier()).toEqual({});
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${collectorPort}`;
  await startTracing("empfio-test");

  stack = await startDeliveryStack({ env: { INTERNAL_AUTH_TOKEN: AGENT_TOKEN } });
  db = stack.db;
});

afterAll(async () => {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await stack?.stop();
  await new Promise((resolve) => collector?.close(resolve));
});

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.arrayValue
    ? value.arrayValue.values.map((v) => v.stringValue)
    : (value?.stringValue ?? value?.intValue);
};

describe("tracing", () => {
  it("follows an agent event from the inbound request to the receiver's 200 in one trace", async () => {
    const receiver = await startReceiver();
    try {
      const orgId = (await createTestOrganization(db)).id;
      const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
      await createEndpoint(db, orgId, { url: receiver.url, event_types: ["lead.created"] });
      const { POST } = await import("@/app/api/v1/webhooks/agent-event/route");
      const res = await POST(
        new Request("http://localhost/api/v1/webhooks/agent-event", {
          method: "POST",
          headers: { Authorization: `Bearer ${AGENT_TOKEN}`, "Content-Type": "application/json" },
          body: JSON.stringify({ type: "new_lead", organization_id: orgId, data: { name: "Ana", channel: "phone" } }),
        }),
      );
      expect(res.status).toBe(200);
      await waitUntil(() => receiver.received.length === 1, 15_000, "the delivery");
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { organizationId: orgId } });
      expect(receiver.received[0].headers["webhook-id"]).toBeDefined();

      const names = ["inbound.request", "empfio.change", "empfio.emit", "empfio.run", "empfio.attempt"];
      await waitUntil(
        async () => {
          await flushTracing();
          return names.every((name) => spans.some((s) => s.name === name));
        },
        15_000,
        "the spans at the collector",
      );
      const byName = (name: string) => spans.find((s) => s.name === name)!;
      const inbound = byName("inbound.request");
      expect(names.map((name) => [name, byName(name).traceId])).toEqual(names.map((name) => [name, inbound.traceId]));
      expect(byName("empfio.change").parentSpanId).toBe(inbound.spanId);
      expect(byName("empfio.emit").parentSpanId).toBe(byName("empfio.change").spanId);
      expect(byName("empfio.run").parentSpanId).toBe(inbound.spanId);
      expect(byName("empfio.attempt").parentSpanId).toBe(byName("empfio.run").spanId);

      expect(attribute(inbound, "empfio.source")).toBe("agent");
      expect(attribute(byName("empfio.emit"), "empfio.event_id")).toBe(delivery.eventId);
      expect(attribute(byName("empfio.emit"), "empfio.delivery_ids")).toEqual([delivery.id]);
      expect(attribute(byName("empfio.attempt"), "empfio.delivery_id")).toBe(delivery.id);
      expect(attribute(byName("empfio.attempt"), "empfio.event_id")).toBe(delivery.eventId);
      expect(Number(attribute(byName("empfio.attempt"), "http.response.status_code"))).toBe(200);
    } finally {
      await receiver.close();
    }
  });

  it("continues the caller's trace through the ingest tier's server", async () => {
    const orgId = (await createTestOrganization(db)).id;
    const { createIngestServer } = await import("@/ingest/ingest-server");
    const server = createIngestServer({ concurrency: 4, queueLimit: 10 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const [traceId, callerSpanId] = ["4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"];
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/webhooks/agent-event`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${AGENT_TOKEN}`,
          traceparent: `00-${traceId}-${callerSpanId}-01`,
        },
        body: JSON.stringify({ type: "new_lead", organization_id: orgId, data: { name: "Traced", channel: "phone" } }),
      });
      expect(res.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await waitUntil(
      async () => {
        await flushTracing();
        return spans.some((s) => s.name === "inbound.request" && s.traceId === traceId);
      },
      15_000,
      "the ingest tier's spans at the collector",
    );
    const ingestSpan = spans.find((s) => s.name === "ingest.request" && s.traceId === traceId)!;
    expect(ingestSpan.parentSpanId).toBe(callerSpanId);
    expect(attribute(ingestSpan, "url.path")).toBe("/api/v1/webhooks/agent-event");
    expect(Number(attribute(ingestSpan, "http.response.status_code"))).toBe(200);
    expect(spans.find((s) => s.name === "inbound.request" && s.traceId === traceId)!.parentSpanId).toBe(
      ingestSpan.spanId,
    );
  });
});
