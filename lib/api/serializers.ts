// The JSON shapes of /api/v1 (snake_case, like the seeds' payloads). The dashboard reads these too.
import "server-only";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { maskedHeaders } from "@/lib/webhooks/endpoint-headers";
import { failureAdvice } from "@/lib/webhooks/failure-advice";
import type { PayloadFilter } from "@/lib/webhooks/payload-filter";

type EndpointRow = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  previousSecretExpiresAt: Date | null;
  consecutiveFailures: number;
  customHeaders: unknown;
  rateLimitPerSecond: number | null;
  filter: unknown;
  createdAt: Date;
  updatedAt: Date;
};

export type EndpointStats = {
  success_rate_24h: number | null;
  deliveries_24h: number;
  last_delivery: { status: DeliveryStatus; at: string } | null;
};

export function endpointJson(e: EndpointRow, stats?: EndpointStats) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    disabled_at: iso(e.disabledAt),
    consecutive_failures: e.consecutiveFailures,
    custom_headers: maskedHeaders(e.customHeaders),
    rate_limit_per_second: e.rateLimitPerSecond,
    filter: (e.filter ?? null) as PayloadFilter | null,
    previous_secret_expires_at:
      e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date()
        ? e.previousSecretExpiresAt.toISOString()
        : null,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
    ...(stats ? { stats } : {}),
  };
}

export type DeliveryRow = {
  id: string;
  eventId: string;
  endpointId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  isTest: boolean;
  isReplay: boolean;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  endpoint?: { url: string };
};

export function deliveryJson(d: DeliveryRow) {
  return {
    id: d.id,
    event_id: d.eventId,
    event_type: d.eventType,
    endpoint_id: d.endpointId,
    endpoint_url: d.endpoint?.url ?? null,
    status: d.status,
    attempt_count: d.attemptCount,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    next_attempt_at: d.status === "pending" ? iso(d.nextAttemptAt) : null,
    is_test: d.isTest,
    is_replay: d.isReplay,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    completed_at: iso(d.completedAt),
  };
}

type EventListRow = {
  id: string;
  type: string;
  occurredAt: Date;
  createdAt: Date;
  endpointId: string | null;
  deliveries: { total: number; succeeded: number; failed: number; pending: number };
};

export function eventJson(e: EventListRow) {
  return {
    id: e.id,
    type: e.type,
    occurred_at: e.occurredAt.toISOString(),
    created_at: e.createdAt.toISOString(),
    endpoint_id: e.endpointId,
    deliveries: e.deliveries,
  };
}

type EventDetailRow = Omit<EventListRow, "deliveries"> & { payload: string; deliveries: DeliveryRow[] };

export function eventDetailJson(e: EventDetailRow) {
  return {
    event: {
      id: e.id,
      type: e.type,
      occurred_at: e.occurredAt.toISOString(),
      created_at: e.createdAt.toISOString(),
      endpoint_id: e.endpointId,
      payload: e.payload,
    },
    deliveries: e.deliveries.map(deliveryJson),
  };
}

type AttemptRow = {
  id: string;
  attemptNumber: number;
  trigger: string;
  startedAt: Date;
  durationMs: number;
  url: string;
  requestHeaders: unknown;
  requestBody: string;
  succeeded: boolean;
  responseStatus: number | null;
  responseHeaders: unknown;
  responseBody: string | null;
  responseTruncated: boolean;
  errorKind: string | null;
  errorMessage: string | null;
};

export function attemptJson(a: AttemptRow) {
  return {
    id: a.id,
    attempt_number: a.attemptNumber,
    trigger: a.trigger,
    started_at: a.startedAt.toISOString(),
    duration_ms: a.durationMs,
    succeeded: a.succeeded,
    request: { method: "POST", url: a.url, headers: a.requestHeaders as Record<string, string>, body: a.requestBody },
    response:
      a.responseStatus === null
        ? null
        : {
            status: a.responseStatus,
            headers: (a.responseHeaders ?? {}) as Record<string, string>,
            body: a.responseBody,
            truncated: a.responseTruncated,
          },
    error: a.errorKind ? { kind: a.errorKind, message: a.errorMessage ?? "" } : null,
    advice: a.succeeded ? null : failureAdvice({ responseStatus: a.responseStatus, errorKind: a.errorKind }),
  };
}

type JobRow = {
  id: string;
  kind: string;
  status: string;
  filters: unknown;
  total: number;
  done: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
};

export function jobJson(j: JobRow) {
  return {
    id: j.id,
    kind: j.kind as "bulk_retry",
    status: j.status as "running" | "succeeded" | "failed",
    filters: j.filters as Record<string, string>,
    total: j.total,
    done: j.done,
    error: j.error,
    created_at: j.createdAt.toISOString(),
    updated_at: j.updatedAt.toISOString(),
    completed_at: iso(j.completedAt),
  };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
