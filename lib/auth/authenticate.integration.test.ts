import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setUpTestDb } from "@/test/support/test-db";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";
import { LOGIN_THROTTLE } from "./login-throttle";
import * as password from "./password";

const t = setUpTestDb();

beforeAll(async () => {
  await createOrganization(t.db, {
    name: "Salon A",
    ownerEmail: "ana@salon-a.example",
    ownerPassword: "correct horse",
  });
});

/** The throttle's waits are real seconds: the test lets them pass by moving the clock of the rows. */
async function letBackoffPass(key: string) {
  await t.db.$executeRaw`UPDATE login_throttles SET next_attempt_at = now() WHERE key = ${key}`;
}

describe("authenticate", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const result = await authenticate(t.db, "  Ana@Salon-A.example ", "correct horse", "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { email: "ana@salon-a.example" } });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    expect(await authenticate(t.db, "ana@salon-a.example", "wrong", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(t.db, "nobody@salon-a.example", "wrong", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(t.db, "not an email", "x", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows an account down after repeated failures, and its owner still signs in once the backoff passes", async () => {
    await createOrganization(t.db, {
      name: "Salon B",
      ownerEmail: "bo@salon-b.example",
      ownerPassword: "right password",
    });
    // The attacker's guesses come from many addresses and keep coming.
    for (let i = 0; i < LOGIN_THROTTLE.account.free; i++)
      expect(await authenticate(t.db, "bo@salon-b.example", `guess ${i}`, `10.1.0.${i}`)).toMatchObject({
        reason: "invalid",
      });
    const throttled = await authenticate(t.db, "bo@salon-b.example", "right password", "10.1.0.99");
    expect(throttled).toEqual({ ok: false, reason: "rate_limited", retryAfterS: expect.any(Number) });
    expect((throttled as { retryAfterS: number }).retryAfterS).toBeLessThanOrEqual(LOGIN_THROTTLE.account.maxDelayS);
    for (let i = 0; i < 10; i++) {
      await letBackoffPass("email:bo@salon-b.example");
      await authenticate(t.db, "bo@salon-b.example", `more ${i}`, `10.2.0.${i}`);
    }
    const row = await t.db.loginThrottle.findUniqueOrThrow({ where: { key: "email:bo@salon-b.example" } });
    // The wait is capped: never a lock the attacker can hold.
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(LOGIN_THROTTLE.account.maxDelayS * 1000);
    await letBackoffPass("email:bo@salon-b.example");
    expect(await authenticate(t.db, "bo@salon-b.example", "right password", "10.1.0.99")).toMatchObject({ ok: true });
    // The owner's success starts the account's count over.
    expect(await t.db.loginThrottle.count({ where: { key: "email:bo@salon-b.example" } })).toBe(0);
  });

  it("20 parallel wrong passwords: only the free attempts reach the password hash", async () => {
    await createOrganization(t.db, { name: "Salon C", ownerEmail: "cy@salon-c.example", ownerPassword: "right one" });
    let hashed = 0;
    const verify = password.verifyPassword;
    const spy = (await import("vitest")).vi.spyOn(password, "verifyPassword").mockImplementation((p, h) => {
      hashed++;
      return verify(p, h);
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => authenticate(t.db, "cy@salon-c.example", `guess ${i}`, `10.3.0.${i}`)),
      );
      expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBe(20 - LOGIN_THROTTLE.account.free);
      expect(hashed).toBe(LOGIN_THROTTLE.account.free);
    } finally {
      spy.mockRestore();
    }
  });

  it("slows an address that tries many accounts, without touching other addresses", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.address.free; i++)
      await authenticate(t.db, `spray${i}@x.example`, "guess", "10.9.9.9");
    expect(await authenticate(t.db, "ana@salon-a.example", "correct horse", "10.9.9.9")).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(await authenticate(t.db, "ana@salon-a.example", "correct horse", "10.9.9.10")).toMatchObject({ ok: true });
  });

  it("rotating X-Forwarded-For does not change the address without a trusted proxy", async () => {
    // The app server appends the socket's address; whatever the client wrote comes before it.
    const addresses = Array.from({ length: 25 }, (_, i) => clientAddress(`203.0.113.${i}, 127.0.0.1`, 0));
    expect(new Set(addresses)).toEqual(new Set(["127.0.0.1"]));
    for (let i = 0; i < LOGIN_THROTTLE.address.free; i++)
      await authenticate(t.db, `rotate${i}@x.example`, "guess", clientAddress(`198.51.100.${i}, 10.8.8.8`, 0));
    expect(
      await authenticate(t.db, "rotate-last@x.example", "guess", clientAddress("198.51.100.200, 10.8.8.8", 0)),
    ).toMatchObject({ reason: "rate_limited" });
    // Behind one trusted proxy, the address that proxy saw (and appended) counts.
    expect(clientAddress("203.0.113.9, 198.51.100.7, 10.0.0.2", 1)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", 3)).toBe("198.51.100.7");
  });
});
