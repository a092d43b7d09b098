import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpInboundRoute } from "@/test/support/inbound-route";
import { fixtureText } from "@/test/support/load-fixture";
import { REJECTED_PER_ADDRESS, REJECTED_PER_CONNECTION } from "./limit-rejected-requests";

// Nobody floods an owner's inbound log: requests to a connection's URL that fail verification
// are logged up to a limit per source address and per connection, then answered 429 unlogged;
// accepted requests are never limited. Over real HTTP, on Varda's route.
const SECRET = "varda_whsec_limit_0123456789abcdef";
const ctx = setUpInboundRoute(
  () => import("@/app/api/v1/webhooks/varda/[connection_id]/route"),
  {},
  "/api/v1/webhooks/varda/[connection_id]",
);

let connectionId: string;
beforeAll(async () => {
  const { createConnection } = await import("@/lib/integrations/connections");
  connectionId = (await createConnection(ctx.db, ctx.orgId, { provider: "varda", signing_secret: SECRET })).connection
    .id;
});

const raw = fixtureText("varda-conversation-created.json");

function send(from: string, signature: string, connection = connectionId) {
  return fetch(`${ctx.origin}/api/v1/webhooks/varda/${connection}`, {
    method: "POST",
    // The route host passes X-Forwarded-For through; the last entry is the peer the app trusts.
    headers: { "Content-Type": "application/json", "X-Varda-Signature": signature, "X-Forwarded-For": from },
    body: raw,
  });
}
const forged = "t=1,v1=" + "0".repeat(64);
const signed = () => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${raw}`).digest("hex")}`;
};
const logged = () => ctx.db.inboundRequest.count({ where: { connectionId } });

/** The limits count in fixed minutes: a test starting a few seconds before one ends waits for the next. */
async function atMinuteStart() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute));
}

describe("rejected inbound requests", { timeout: 60_000 }, () => {
  it("are logged up to the limit per address, then answered 429 and not logged; accepted ones still pass", async () => {
    await atMinuteStart();
    const statuses: number[] = [];
    for (let i = 0; i <= REJECTED_PER_ADDRESS; i++) statuses.push((await send("198.51.100.1", forged)).status);
    expect(statuses.slice(0, REJECTED_PER_ADDRESS).every((s) => s === 401)).toBe(true);
    const limited = await send("198.51.100.1", forged);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    expect((await limited.json()).error.message).toMatch(/Too many rejected requests from this address/);
    expect(await logged()).toBe(REJECTED_PER_ADDRESS);

    expect((await send("198.51.100.2", forged)).status).toBe(401);
    expect((await send("198.51.100.1", signed())).status).toBe(200);
    expect(await logged()).toBe(REJECTED_PER_ADDRESS + 2);
  });

  it("are capped per connection across rotating addresses", async () => {
    await atMinuteStart();
    const before = await logged();
    const addresses = Math.ceil(REJECTED_PER_CONNECTION / REJECTED_PER_ADDRESS) + 1;
    const statuses: number[] = [];
    for (let a = 0; a < addresses; a++)
      for (let i = 0; i < REJECTED_PER_ADDRESS; i++) statuses.push((await send(`10.0.${a}.${i}`, forged)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(await logged()).toBeLessThanOrEqual(before + REJECTED_PER_CONNECTION);
    expect((await send("198.51.100.9", signed())).status).toBe(200);
  });
});
