import http from "node:http";
import { ForeignAppUrlError, type AppSync } from "./app-sync";
import { handleCheckpoint } from "./checkpoint-api";
import { createRuns, type IncomingEvent } from "./create-runs";
import { EventApiError, MAX_EVENT_BODY_BYTES, parseEvents } from "./event-api";
import type { FunctionConfig, FunctionRegistry } from "./function-registry";
import type { Log } from "./logger";
import { bearerIsValid, constantTimeEqual } from "./sign-request";
import { scrapeExecutorMetrics } from "./metrics";
import type pg from "pg";

type Deps = {
  db: pg.Pool;
  registry: FunctionRegistry;
  sync: AppSync;
  eventKey: string;
  /** The SDK's calls (registration, checkpoints) must carry the hash of one of these as bearer. */
  signingKeys: string[];
  metricsToken?: string;
  onQueued: () => void;
  log: Log;
  health: () => Record<string, unknown>;
};

/**
 * The endpoints the SDK talks to, as on a self-hosted Inngest server: `/e/<event key>`, and with
 * the hashed signing key as bearer `/fn/register` and async checkpoints; plus a public `/health`
 * and `/metrics` for the METRICS_TOKEN bearer.
 */
export function createHttpServer(deps: Deps): http.Server {
  return http.createServer((req, res) => {
    handle(deps, req, res).catch((error: Error) =>
      reply(res, 500, { status: 500, error: `executor error: ${error.message}` }),
    );
  });
}

async function handle(deps: Deps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://executor");
  if (req.method === "GET" && url.pathname === "/health") return reply(res, 200, deps.health());
  if (req.method === "GET" && url.pathname === "/metrics") {
    const { status, contentType, body } = await scrapeExecutorMetrics(
      deps.db,
      req.headers.authorization,
      deps.metricsToken,
    );
    res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    return void res.end(body);
  }
  const eventPath = /^\/e\/([^/]*)\/?$/.exec(url.pathname);
  if (eventPath && req.method === "POST") return receiveEvents(deps, decodeURIComponent(eventPath[1]), req, res);
  const checkpointPath = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(url.pathname);
  const register = url.pathname === "/fn/register" && req.method === "POST";
  if ((checkpointPath && req.method === "POST") || register) {
    if (!bearerIsValid(req.headers.authorization, deps.signingKeys)) {
      req.resume();
      deps.log(`refused ${req.method} ${url.pathname}: no valid signing key bearer`);
      return reply(res, 401, { status: 401, error: "Unauthorized: a bearer derived from the signing key is required" });
    }
  }
  if (checkpointPath && req.method === "POST")
    return receiveCheckpoint(deps, decodeURIComponent(checkpointPath[1]), req, res);
  if (register) return receiveRegistration(deps, req, res);
  return reply(res, 404, { status: 404, error: `no route ${req.method} ${url.pathname}` });
}

async function receiveEvents(
  deps: Deps,
  key: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    if (!constantTimeEqual(key, deps.eventKey)) {
      req.resume();
      throw new EventApiError(401, "event_key_not_found", "Event key not found");
    }
    const events: IncomingEvent[] = parseEvents(await readBody(req, MAX_EVENT_BODY_BYTES));
    // Before the first sync ever, an event proves the app is up: sync now rather than miss triggers.
    if (!deps.sync.synced && deps.registry.size === 0) await deps.sync.syncNow();
    const { eventIds, runIds } = await createRuns(deps.db, deps.registry, events);
    if (runIds.length > 0) deps.onQueued();
    reply(res, 200, { ids: eventIds, status: 200 });
  } catch (error) {
    if (!(error instanceof EventApiError)) throw error;
    reply(res, error.status, { status: error.status, code: error.code, error: error.message });
  }
}

async function receiveRegistration(deps: Deps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let body: { url?: unknown; functions?: FunctionConfig[] };
  try {
    body = JSON.parse(await readBody(req, 10 * MAX_EVENT_BODY_BYTES)) as typeof body;
  } catch (error) {
    if (error instanceof EventApiError) return reply(res, error.status, { status: error.status, error: error.message });
    return reply(res, 400, { status: 400, error: "Request body is not valid JSON" });
  }
  if (!Array.isArray(body.functions) || typeof body.url !== "string")
    return reply(res, 400, { status: 400, error: "url and functions are required" });
  try {
    await deps.sync.register(body.functions, body.url);
  } catch (error) {
    if (!(error instanceof ForeignAppUrlError)) throw error;
    deps.log(error.message);
    return reply(res, 400, { status: 400, error: error.message });
  }
  reply(res, 200, { ok: true, modified: true });
}

async function receiveCheckpoint(
  deps: Deps,
  runId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const { status, body } = await handleCheckpoint(
      deps.db,
      deps.log,
      runId,
      await readBody(req, 10 * MAX_EVENT_BODY_BYTES),
    );
    reply(res, status, body);
  } catch (error) {
    if (!(error instanceof EventApiError)) throw error;
    reply(res, error.status, { status: error.status, code: error.code, error: error.message });
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new EventApiError(413, "payload_too_large", `Request body is larger than ${limit / 1024} KB`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new EventApiError(413, "payload_too_large", `Request body is larger than ${limit / 1024} KB`));
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
