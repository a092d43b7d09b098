import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { observeHttpRequest, routePattern } from "@/lib/metrics/observe";
import { authenticateRequest, canManage, type ApiAuth } from "./authenticate-request";
import { errorResponse } from "./error-response";

export type ApiContext<P> = ApiAuth & { req: Request; params: P; db: Db };
type Handler<P> = (ctx: ApiContext<P>) => Promise<Response | object>;

const MAX_BODY_BYTES = 1_000_000;

/**
 * The one wrapper of every /api/v1 route: authentication, role check, and errors as
 * `{ "error": { code, message, details? } }`. Anything unexpected is logged and answered
 * with a bare 500, never a stack trace.
 */
/**
 * `manage`: owners and admins (and manage-scoped API keys). `signedIn`: a person signed in,
 * never an API key: minting and revoking keys, revealing a signing secret.
 */
type RouteOptions = { manage?: boolean; signedIn?: boolean };

export function apiRoute<P = Record<string, never>>(options: RouteOptions, handler: Handler<P>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const startedAt = performance.now();
    const params = await context.params;
    const response = await answer(options, handler, req, params);
    observeHttpRequest(routePattern(req.url, params as Record<string, string>), req.method, response.status, startedAt);
    return response;
  };
}

async function answer<P>(options: RouteOptions, handler: Handler<P>, req: Request, params: P): Promise<Response> {
  try {
    const db = getDb();
    const auth = await authenticateRequest(db, req);
    if (options.signedIn && auth.actor.kind !== "user") {
      throw new AppError("forbidden", "API keys cannot do this: sign in to the dashboard as an owner or admin.");
    }
    if (options.manage && !canManage(auth.actor)) {
      throw new AppError("forbidden", "Your role can view this but not change it. Ask an owner or admin.");
    }
    const result = await handler({ ...auth, req, params, db });
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}

/** The JSON body, validated; 400 for unparseable JSON, 413 for oversized, 422 for schema errors. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("payload_too_large", "Request body is larger than 1 MB.");
  let json: unknown;
  try {
    json = text.length ? JSON.parse(text) : {};
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
  return parseWith(schema, json);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })));
}

export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
