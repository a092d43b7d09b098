import { describe, expect, it } from "vitest";
import { claimDedupeKey } from "@/lib/inbound/claim-dedupe-key";
import { setUpTestDb } from "@/test/support/test-db";
import { pruneExpiredRows } from "./prune-expired-rows";

const t = setUpTestDb();

describe("pruneExpiredRows", () => {
  it("deletes only expired dedupe keys and day-old rate-limit windows and sign-in throttles, in batches", async () => {
    await t.db
      .$executeRaw`INSERT INTO inbound_dedupe_keys (key, expires_at) SELECT 'old-' || i, now() - interval '1 second' FROM generate_series(1, 12000) i`;
    await t.db.$transaction((tx) => claimDedupeKey(tx, "live", 60_000));
    await t.db
      .$executeRaw`INSERT INTO rate_limit_counters (key, window_start, count) VALUES ('ping:a', now() - interval '2 days', 3), ('ping:a', now(), 1)`;
    await t.db
      .$executeRaw`INSERT INTO login_throttles (key, attempts, next_attempt_at, updated_at) VALUES ('ip:a', 3, now(), now() - interval '2 days'), ('ip:b', 3, now(), now())`;

    expect(await pruneExpiredRows(t.db)).toEqual({ dedupeKeys: 12_000, rateLimitCounters: 1, loginThrottles: 1 });
    expect((await t.db.inboundDedupeKey.findMany()).map((k) => k.key)).toEqual(["live"]);
    expect(await t.db.rateLimitCounter.count()).toBe(1);
    expect((await t.db.loginThrottle.findMany()).map((r) => r.key)).toEqual(["ip:b"]);
    // A live key is still a duplicate after pruning.
    expect(await t.db.$transaction((tx) => claimDedupeKey(tx, "live", 60_000))).toBe(false);
  });
});
