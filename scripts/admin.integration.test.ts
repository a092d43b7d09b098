import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { setUpTestDb } from "@/test/support/test-db";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";

const t = setUpTestDb();

function admin(...args: string[]) {
  const result = spawnSync(process.execPath, [...TSX_NODE_ARGS, "scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: t.url },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("admin CLI", () => {
  it("creates an organization with its owner and prints JSON", () => {
    const r = admin(
      "create-org",
      "--name",
      "Hair by Kim",
      "--owner-email",
      "kim@hair.example",
      "--owner-password",
      "s3cret-pass",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      organization: { name: "Hair by Kim", slug: "hair-by-kim" },
      owner: { email: "kim@hair.example" },
    });
  });

  it("adds a member by slug", async () => {
    const r = admin(
      "add-member",
      "--org",
      "hair-by-kim",
      "--email",
      "lee@hair.example",
      "--password",
      "another-pass",
      "--role",
      "member",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ organization: { slug: "hair-by-kim" }, role: "member" });
    const again = admin(
      "add-member",
      "--org",
      "hair-by-kim",
      "--email",
      "lee@hair.example",
      "--password",
      "another-pass",
      "--role",
      "admin",
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already a member");
  });

  it("rejects malformed calls with usage and exit code 2, writing nothing", async () => {
    const before = await t.db.user.count();
    for (const args of [
      [],
      ["frobnicate"],
      ["create-org", "--name", "X"],
      ["create-org", "--name", "X", "--owner-email", "not-an-email", "--owner-password", "long-enough"],
      ["create-org", "--name", "X", "--owner-email", "x@x.example", "--owner-password", "short"],
      ["add-member", "--org", "hair-by-kim", "--email", "z@x.example", "--password", "long-enough", "--role", "king"],
      ["create-org", "--bogus", "1"],
    ]) {
      const r = admin(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain("Usage: npm run admin");
    }
    expect(await t.db.user.count()).toBe(before);
  });

  it("refuses an unknown organization with a clear message", () => {
    const r = admin(
      "add-member",
      "--org",
      "no-such-org",
      "--email",
      "z@x.example",
      "--password",
      "long-enough",
      "--role",
      "member",
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual({ error: 'No organization with id or slug "no-such-org"' });
  });

  it(
    "prunes what is older than the retention window at once, and refuses a bad --days",
    { timeout: 60_000 },
    async () => {
      await t.db
        .$executeRaw`INSERT INTO inbound_requests (source, received_at, verification, outcome, http_status, duration_ms)
      SELECT 'calcom', now() - make_interval(days => d, hours => 1), 'failed', 'rejected', 401, 2 FROM generate_series(1, 10) d`;
      const r = admin("prune", "--days", "7");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ retention_days: 7, pruned: { inboundRequests: 4 } });
      expect(await t.db.inboundRequest.count()).toBe(6);
      expect(admin("prune", "--days", "a week").stderr).toContain(
        'RETENTION_DAYS: "a week" is not a whole number of days',
      );
    },
  );
});
