import { z } from "zod";

// Response shapes of /api/v1 for the OpenAPI document; lib/api/serializers.ts produces them.
const nullableTime = z.iso.datetime().nullable();

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })).optional() }),
});

export const endpointResponse = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  event_types: z.array(z.string()),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  disabled_at: nullableTime,
  consecutive_failures: z.number().int(),
  previous_secret_expires_at: nullableTime,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  stats: z
    .object({
      success_rate_24h: z.number().nullable(),
      deliveries_24h: z.number().int(),
      last_delivery: z.object({ status: z.enum(["pending", "succeeded", "failed"]), at: z.iso.datetime() }).nullable(),
    })
    .optional(),
});

export const pingResponse = z.object({
  ok: z.boolean(),
  delivery_id: z.uuid(),
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  response_excerpt: z.string().nullable(),
  advice: z.string().nullable(),
});

export const deliveryResponse = z.object({
  id: z.uuid(),
  event_id: z.uuid(),
  event_type: z.string(),
  endpoint_id: z.uuid(),
  endpoint_url: z.string().nullable(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempt_count: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: nullableTime,
  is_test: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  completed_at: nullableTime,
});

export const attemptResponse = z.object({
  id: z.uuid(),
  attempt_number: z.number().int(),
  trigger: z.enum(["scheduled", "manual", "test"]),
  started_at: z.iso.datetime(),
  duration_ms: z.number().int(),
  succeeded: z.boolean(),
  request: z.object({ method: z.literal("POST"), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string() }),
  response: z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string().nullable(), truncated: z.boolean() }).nullable(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  advice: z.string().nullable(),
});

export const apiKeyResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.iso.datetime(),
  last_used_at: nullableTime,
  revoked_at: nullableTime,
});
