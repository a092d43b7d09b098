import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/organizations/create-organization";
import { setUpTestDb } from "@/test/support/test-db";
import { authenticate } from "./authenticate";
import { LOGIN_LIMITS } from "./login-rate-limit";

const t = setUpTestDb();

beforeAll(async () => {
  await createOrganization(t.db, {
    name: "Salon A",
    ownerEmail: "ana@salon-a.example",
    ownerPassword: "correct horse",
  });
});

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

  it("locks an email after repeated failures, even for the right password", async () => {
    await createOrganization(t.db, {
      name: "Salon B",
      ownerEmail: "bo@salon-b.example",
      ownerPassword: "right password",
    });
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++)
      await authenticate(t.db, "bo@salon-b.example", `guess ${i}`, `10.1.0.${i}`);
    expect(await authenticate(t.db, "bo@salon-b.example", "right password", "10.1.0.99")).toEqual({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("locks an IP that tries many emails", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await authenticate(t.db, `spray${i}@x.example`, "guess", "10.9.9.9");
    expect(await authenticate(t.db, "ana@salon-a.example", "correct horse", "10.9.9.9")).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect(await authenticate(t.db, "ana@salon-a.example", "correct horse", "10.9.9.10")).toMatchObject({ ok: true });
  });
});
