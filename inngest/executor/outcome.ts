import type { AppResponse } from "./app-client";
import { retryAfterMs, sleepDelayMs } from "./durations";

export type SerializedError = { name: string; message: string; stack?: string; [field: string]: unknown };
export type Memo = { id: string; name: string | null; result: unknown };
export type Planned = { id: string; kind: "call" | "sleep"; name: string | null; delayMs: number };

/** What one call to the app (or one finished sleep) means for the run. */
export type Outcome =
  | { type: "complete"; output: unknown }
  | { type: "fail"; error: SerializedError }
  | { type: "retry"; error: SerializedError; retryAfterMs?: number; stepName?: string }
  | { type: "progress"; memos: Memo[]; planned: Planned[]; discover: boolean; parallel: boolean };

type Op = { id: string; op: string; name?: string; displayName?: string; data?: unknown; error?: unknown };

/** Step kinds this executor runs; anything else fails the run with a clear message. */
const UNSUPPORTED_OPS = new Set(["WaitForEvent", "InvokeFunction", "AIGateway", "Gateway", "WaitForSignal"]);

/**
 * Reads the SDK's reply: 200 = finished; 206 = ops; 4xx/5xx = a function-level error that is
 * final when the SDK says `x-inngest-no-retry: true`, else retried (honouring Retry-After).
 */
export function interpretResponse(res: AppResponse, now = Date.now()): Outcome {
  const noRetry = res.headers["x-inngest-no-retry"] === "true";
  const retryAfter = retryAfterMs(header(res, "retry-after"), now);
  if (res.status === 200) return { type: "complete", output: parseJson(res.body) ?? null };
  if (res.status === 206) return fromOps(opsOf(parseJson(res.body)), noRetry, retryAfter, now);
  const error = toError(
    parseJson(res.body),
    `the app replied ${res.status}${res.body ? `: ${res.body.slice(0, 300)}` : ""}`,
  );
  return noRetry ? { type: "fail", error } : { type: "retry", error, retryAfterMs: retryAfter };
}

function fromOps(ops: Op[], noRetry: boolean, retryAfter: number | undefined, now: number): Outcome {
  const memos: Memo[] = [];
  const planned: Planned[] = [];
  let discover = false;
  for (const op of ops) {
    const name = op.displayName ?? op.name ?? null;
    switch (op.op) {
      case "StepRun":
      case "Step":
        memos.push({ id: op.id, name, result: { data: op.data ?? null } });
        discover = true;
        break;
      case "StepFailed":
        memos.push({ id: op.id, name, result: { error: toError(op.error, "step failed") } });
        discover = true;
        break;
      case "StepError":
        if (noRetry) {
          memos.push({ id: op.id, name, result: { error: toError(op.error, "step failed") } });
          discover = true;
          break;
        }
        return {
          type: "retry",
          error: toError(op.error, "step errored"),
          retryAfterMs: retryAfter,
          stepName: name ?? op.id,
        };
      case "StepPlanned":
        planned.push({ id: op.id, kind: "call", name, delayMs: 0 });
        break;
      case "Sleep":
        planned.push({
          id: op.id,
          kind: "sleep",
          name: op.displayName ?? op.id,
          delayMs: sleepDelayMs(op.name ?? "0", now),
        });
        break;
      case "RunComplete":
        return { type: "complete", output: op.data ?? null };
      default:
        return {
          type: "fail",
          error: {
            name: "UnsupportedStepError",
            message: UNSUPPORTED_OPS.has(op.op)
              ? `step "${name ?? op.id}" uses ${op.op}, which the embedded executor does not support; run this function on an Inngest server`
              : `unknown step op "${op.op}"`,
          },
        };
    }
  }
  return { type: "progress", memos, planned, discover, parallel: ops.length > 1 };
}

function opsOf(body: unknown): Op[] {
  const list = Array.isArray(body) ? body : body && typeof body === "object" ? [body] : [];
  return list.filter(
    (o): o is Op => Boolean(o) && typeof (o as Op).id === "string" && typeof (o as Op).op === "string",
  );
}

export function toError(value: unknown, fallback: string): SerializedError {
  if (value && typeof value === "object" && typeof (value as SerializedError).message === "string") {
    const e = value as SerializedError;
    return { ...e, name: typeof e.name === "string" ? e.name : "Error" };
  }
  if (typeof value === "string" && value) return { name: "Error", message: value };
  return { name: "Error", message: fallback };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function header(res: AppResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
