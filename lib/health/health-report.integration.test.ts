import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { setUpTestDb } from "@/test/support/test-db";
import { healthReport } from "./health-report";

// /api/health: the public learns ok or not; the detail (error text, internal addresses) only
// with the operator token, and in production never without one.
const t = setUpTestDb();
const executor = { EMPFIO_EXECUTOR_URL: "http://10.1.2.3:1", EMPFIO_WORKER_URL: "http://10.1.2.3:2" };
const production = { NODE_ENV: "production", ...executor } as NodeJS.ProcessEnv;
const withToken = { ...production, OPERATOR_TOKEN: "operator-secret-token" } as NodeJS.ProcessEnv;

describe("healthReport", () => {
  it("tells the public only ok or not, in production without a token", async () => {
    const report = await healthReport(t.db, null, production);
    expect(report).toEqual({ status: 503, body: { ok: false } });
  });

  it("hides the detail from a wrong or missing operator token", async () => {
    for (const authorization of [null, "Bearer wrong", "operator-secret-token", "Bearer operator-secret-tokenX"])
      expect((await healthReport(t.db, authorization, withToken)).body).toEqual({ ok: false });
  });

  it("gives the operator the detail with the token", async () => {
    const report = await healthReport(t.db, "Bearer operator-secret-token", withToken);
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({
      ok: false,
      database: { ok: true },
      executor: { ok: false, detail: expect.stringContaining("10.1.2.3") },
    });
  });

  it("counts the ingest tier the app passes inbound webhooks to, naming it to the operator", async () => {
    const ready = { ...withToken, EMPFIO_EXECUTOR_URL: "", EMPFIO_WORKER_URL: "", INNGEST_BASE_URL: "http://x" };
    const alone = await healthReport(t.db, "Bearer operator-secret-token", ready);
    expect(alone).toMatchObject({ status: 200, body: { ok: true, ingest: { ok: true } } });
    const behind = await healthReport(t.db, "Bearer operator-secret-token", {
      ...ready,
      EMPFIO_INGEST_URL: "http://127.0.0.1:1",
    });
    expect(behind).toMatchObject({
      status: 503,
      body: { ok: false, ingest: { ok: false, detail: "ingest tier at http://127.0.0.1:1 is not reachable" } },
    });
  });

  it("never shows a database error to the public", async () => {
    const broken = createDb("postgresql://postgres@127.0.0.1:1/nothing", 1);
    try {
      expect(await healthReport(broken, null, production)).toEqual({ status: 503, body: { ok: false } });
      const detail = await healthReport(broken, "Bearer operator-secret-token", withToken);
      expect(JSON.stringify(detail.body)).toMatch(/database unreachable/);
    } finally {
      await broken.$disconnect();
    }
  });
});
