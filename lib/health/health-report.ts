import "server-only";
import type { Db } from "@/lib/db/client";
import { constantTimeEqual } from "@/lib/inbound/constant-time-equal";
import { checkHealth, type Health } from "./check-health";

type HealthReport = { status: 200 | 503; body: { ok: boolean } | ({ ok: boolean } & Health) };

/**
 * `/api/health`: the public learns only whether the app is ready. The detail (database error
 * text, the executor's and worker's addresses) is for `Authorization: Bearer $OPERATOR_TOKEN`;
 * without OPERATOR_TOKEN, for everyone in development and for nobody in production.
 */
export async function healthReport(
  db: Db,
  authorization: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<HealthReport> {
  const health = await checkHealth(db, env);
  const ok = health.status === "ok";
  const status = ok ? 200 : 503;
  return { status, body: mayReadDetail(authorization, env) ? { ok, ...health } : { ok } };
}

function mayReadDetail(authorization: string | null, env: NodeJS.ProcessEnv): boolean {
  const token = env.OPERATOR_TOKEN;
  if (!token) return env.NODE_ENV !== "production";
  const presented = authorization?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  return constantTimeEqual(presented, token);
}
