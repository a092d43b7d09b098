// npm run attack:check: tries, as an attacker would, to get past each trust boundary of a
// production start (`npm start`: Next.js build, worker, embedded executor) on a throwaway
// database, prints what each attempt got, and checks that nothing was left behind but log rows
// (the inbound log, the sign-in log, rate-limit counters). Exits 1 if anything got through.
// Needs `npm run build`. docs/security.md has the latest output.
import { existsSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { waitUntil } from "@/lib/wait-until";
import { createTestDatabase } from "@/test/support/database";
import { startProduction } from "@/test/support/production-start";
import { startReceiver } from "@/test/support/receiver";

/** Tables an attempt may add rows to: logs of what was refused, and the counters that refuse. */
const LOG_TABLES = new Set(["inbound_requests", "login_attempts", "login_throttles", "rate_limit_counters"]);

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** node:http, not fetch: it sends a forged Host header as is and binds a chosen local address. */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? "GET", headers: options.headers, localAddress: options.from },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const results: { what: string; refused: boolean; detail: string }[] = [];
function record(what: string, refused: boolean, detail: string) {
  results.push({ what, refused, detail });
  console.log(`${refused ? "✔ refused" : "✖ NOT REFUSED"}  ${what}: ${detail}`);
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("run `npm run build` first");
  const database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    AUTH_SECRET: "attack-check-auth-secret-0123456789abcdef",
    ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
    WEBHOOK_ALLOW_INSECURE_URLS: "1",
  };
  // This script seals the test connection's secret itself, as the app would.
  process.env.ENCRYPTION_KEY = env.ENCRYPTION_KEY;
  const app = await startProduction(env).catch(async (error: Error) => {
    await database.drop();
    throw error;
  });
  const [web, worker, executor] = [app.url, app.workerUrl, app.executorUrl];
  const receiver = await startReceiver();
  const sql = new pg.Client({ connectionString: database.url });
  try {
    console.log(
      `npm start is up (web ${web}, worker ${worker}, executor ${executor}); it printed no password: ${!/^\s*password\s/m.test(app.output())}`,
    );
    await sql.connect();

    // The first owner, through the one-time setup; then what the attacks need: keys and an endpoint.
    const owner = { email: "owner@attack.example", password: "owner-password-1" };
    const { setupToken } = await import("@/lib/organizations/setup-token");
    const firstVisitor = await postJson(`${web}/api/setup`, {
      organization_name: "Mine Now",
      name: "Mallory",
      email: "mallory@evil.example",
      password: "mallory-password",
      token: "",
    });
    record(
      "the first visitor of a fresh start, without the setup link",
      firstVisitor.status === 403,
      `${firstVisitor.status}`,
    );
    const setup = await postJson(`${web}/api/setup`, {
      organization_name: "Attack Salon",
      name: "Olga Owner",
      ...owner,
      token: setupToken(env.AUTH_SECRET),
    });
    if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${setup.body}`);
    const orgId = (JSON.parse(setup.body) as { organization: { id: string } }).organization.id;
    const db = await import("@/lib/db/client").then((m) => m.createDb(database.url, 1));
    const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
    const readOnly = (await createApiKey(db, orgId, { name: "reader", scope: "read_only" })).key;
    const manage = (await createApiKey(db, orgId, { name: "writer", scope: "manage" })).key;
    const { createConnection } = await import("@/lib/integrations/connections");
    const varda = (await createConnection(db, orgId, { provider: "varda", signing_secret: "varda-attack-secret-0123" }))
      .connection.id;
    await db.$disconnect();
    const created = await postJson(
      `${web}/api/v1/webhook-endpoints`,
      { url: receiver.url, event_types: ["booking.created"] },
      manage,
    );
    const endpointId = (JSON.parse(created.body) as { endpoint: { id: string } }).endpoint.id;
    await waitUntil(async () => ((await getJson(`${executor}/health`)) as { synced: boolean }).synced, 60_000, "sync");

    const before = await tableCounts(sql);

    const takeover = await postJson(`${web}/api/setup`, {
      organization_name: "Takeover",
      name: "Mallory",
      email: "mallory@evil.example",
      password: "mallory-password",
    });
    record("a second setup", takeover.status === 404, `${takeover.status}`);

    const forgedSync = await request(`${worker}/api/inngest`, { method: "PUT", headers: { Host: "attacker.example" } });
    const webSync = await request(`${web}/api/inngest`, { method: "PUT", headers: { Host: "attacker.example" } });
    record(
      "forged-Host sync PUT to the functions' endpoint",
      forgedSync.status === 401 && webSync.status === 404,
      `worker ${forgedSync.status}, web app's /api/inngest ${webSync.status}`,
    );

    const run = await request(`${worker}/api/inngest?fnId=empfio-webhook-deliver&stepId=step`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: { name: "empfio/deliveries.due", data: { endpointId } }, steps: {}, ctx: {} }),
    });
    record("unsigned run POST to the functions' endpoint", run.status === 401, `${run.status}`);

    const event = await postJson(`${executor}/e/not-the-event-key`, { name: "empfio/deliveries.due", data: {} });
    record("event sent to the executor without its key", event.status === 401, `${event.status}`);

    const booking = await postJson(`${web}/api/v1/webhooks/calcom`, {
      triggerEvent: "BOOKING_CREATED",
      createdAt: new Date().toISOString(),
      payload: {
        uid: "forged-1",
        title: "Forged",
        startTime: "2026-12-24T10:00:00Z",
        endTime: "2026-12-24T10:30:00Z",
        attendees: [{ name: "Eve", email: "eve@evil.example", timeZone: "UTC" }],
        metadata: { organization_id: orgId },
      },
    });
    record("unsigned global Cal.com booking", booking.status === 401, `${booking.status} ${errorOf(booking)}`);

    const flood: number[] = [];
    for (let i = 0; i < 40; i++)
      flood.push(
        (
          await request(`${web}/api/v1/webhooks/varda/${varda}`, {
            method: "POST",
            from: "127.0.0.7",
            headers: { "Content-Type": "application/json", "X-Varda-Signature": `t=1,v1=${"0".repeat(64)}` },
            body: "{}",
          })
        ).status,
      );
    const floodLogged = Number(
      (await sql.query("SELECT count(*) AS n FROM inbound_requests WHERE connection_id = $1", [varda])).rows[0].n,
    );
    record(
      "40 forged Varda webhooks flooding the owner's inbound log",
      flood.every((s) => s === 401 || s === 429) && floodLogged <= 30,
      `${flood.filter((s) => s === 401).length}× 401 (logged: ${floodLogged}), then ${flood.filter((s) => s === 429).length}× 429 unlogged`,
    );

    // Each sign-in attack from its own loopback address, as the throttle counts per peer address.
    const rotating: string[] = [];
    for (let i = 0; i < 30; i++)
      rotating.push(
        await signIn(web, `nobody${i}@attack.example`, "guess", "127.0.0.4", { "X-Forwarded-For": `203.0.113.${i}` }),
      );
    const rotatedThrottled = rotating.filter((e) => e.startsWith("Too many")).length;
    record(
      "rotating X-Forwarded-For over 30 sign-ins to 30 accounts",
      rotatedThrottled >= 10,
      `the first ${rotating.findIndex((e) => e.startsWith("Too many"))} reached the password check, ${rotatedThrottled} throttled (all counted against the peer 127.0.0.4)`,
    );

    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(web, owner.email, `wrong-${i}`, "127.0.0.5")),
    );
    const wrong = guesses.filter((e) => e === "Wrong email or password.").length;
    record(
      "20 parallel wrong passwords for the owner",
      guesses.every((e) => e !== "signed in") && wrong <= 5,
      `${wrong} reached the password hash, ${guesses.length - wrong} throttled ("${guesses.find((e) => e.startsWith("Too many"))}")`,
    );

    const write = await postJson(
      `${web}/api/v1/webhook-endpoints`,
      { url: receiver.url, event_types: ["lead.created"] },
      readOnly,
    );
    record("a read-only key creating an endpoint", write.status === 403, `${write.status} ${errorOf(write)}`);

    const mint = await postJson(`${web}/api/v1/api-keys`, { name: "mine", scope: "manage" }, manage);
    const reveal = await postJson(`${web}/api/v1/webhook-endpoints/${endpointId}/secret/reveal`, {}, manage);
    record(
      "a manage key minting a key / revealing a secret",
      mint.status === 403 && reveal.status === 403,
      `${mint.status} ${errorOf(mint)} / ${reveal.status}`,
    );

    const after = await tableCounts(sql);
    const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
    const leftBehind = changed.filter((t) => !LOG_TABLES.has(t));
    console.log(`\nRows added: ${changed.map((t) => `${t} +${after[t] - before[t]}`).join(", ") || "none"}`);
    record("anything left behind beyond log rows", leftBehind.length === 0, leftBehind.join(", ") || "nothing");

    // After the forged sync the executor still runs the real functions: a sample still arrives.
    const sample = await postJson(
      `${web}/api/v1/webhook-endpoints/${endpointId}/send-sample`,
      { event_type: "booking.created" },
      manage,
    );
    await waitUntil(
      async () => receiver.received.some((r) => r.body.includes('"booking.created"')),
      60_000,
      "the sample",
    );
    console.log(`A sample after the attacks (${sample.status}) reached its endpoint: deliveries are unharmed.`);
    // The guesses cost the owner a capped wait, never a lock.
    const waitStarted = Date.now();
    let owners = await signIn(web, owner.email, owner.password, "127.0.0.6");
    while (owners.startsWith("Too many") && Date.now() - waitStarted < 90_000) {
      await new Promise((r) => setTimeout(r, 1000 * Number(/in (\d+) s/.exec(owners)?.[1] ?? 1)));
      owners = await signIn(web, owner.email, owner.password, "127.0.0.6");
    }
    console.log(`The owner, from another address: ${owners} after ${Math.round((Date.now() - waitStarted) / 1000)} s.`);
  } finally {
    await sql.end().catch(() => undefined);
    await receiver.close();
    await app.stop();
    await database.drop();
  }
  const through = results.filter((r) => !r.refused);
  console.log(through.length ? `\n✖ ${through.length} got through` : `\n✔ all ${results.length} refused`);
  process.exit(through.length ? 1 : 0);
}

function postJson(url: string, body: unknown, key?: string) {
  return request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function getJson(url: string): Promise<unknown> {
  return JSON.parse((await request(url)).body);
}

function errorOf(answer: Answer): string {
  try {
    return `"${(JSON.parse(answer.body) as { error: { message: string } }).error.message}"`;
  } catch {
    return "";
  }
}

/** A sign-in as the login form makes it; answers "signed in" or next-auth's error message. */
async function signIn(
  web: string,
  email: string,
  password: string,
  from: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const csrf = await request(`${web}/api/auth/csrf`, { from });
  const cookie = [csrf.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await request(`${web}/api/auth/callback/credentials`, {
    method: "POST",
    from,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie.join("; "), ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  if ([res.headers["set-cookie"] ?? []].flat().some((c) => c.includes("session-token="))) return "signed in";
  const url = (JSON.parse(res.body) as { url?: string }).url ?? res.headers.location ?? "";
  return new URL(url, web).searchParams.get("error") ?? `status ${res.status}`;
}

async function tableCounts(sql: pg.Client): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows)
    counts[table_name] = Number((await sql.query(`SELECT count(*) AS n FROM "${table_name}"`)).rows[0].n);
  return counts;
}

main().catch((error: Error) => {
  console.error(`\n✖ ${error.stack ?? error.message}`);
  process.exit(1);
});
