import { z } from "zod";

// Response shapes of /api/v1 for the OpenAPI document; lib/api/serializers.ts produces them.
const nullableTime = z.iso.datetime().nullable();

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
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
  custom_headers: z.record(z.string(), z.string()).describe("Header names with their values masked."),
  rate_limit_per_second: z.number().int().nullable(),
  filter: z.record(z.string(), z.unknown()).nullable(),
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
  is_replay: z.boolean().describe("A replay of its event: a new delivery with its own webhook-id."),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  completed_at: nullableTime,
});

export const eventResponse = z.object({
  id: z.uuid(),
  type: z.string(),
  occurred_at: z.iso.datetime(),
  created_at: z.iso.datetime(),
  endpoint_id: z.uuid().nullable().describe("Set for a sample aimed at one endpoint; null for a real event."),
  deliveries: z.object({
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
  }),
});

export const eventDetailResponse = z.object({
  event: eventResponse.omit({ deliveries: true }).extend({
    payload: z.string().describe("The envelope exactly as it is signed and sent."),
  }),
  deliveries: z.array(deliveryResponse),
});

export const jobResponse = z.object({
  id: z.uuid(),
  kind: z.literal("bulk_retry"),
  status: z.enum(["running", "succeeded", "failed"]),
  filters: z.record(z.string(), z.string()).describe("What the job works on, as it was asked for."),
  total: z.number().int().describe("Deliveries matching when the job started."),
  done: z.number().int().describe("Deliveries the job has gone past (re-queued, or no longer failed)."),
  error: z.string().nullable(),
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
  request: z.object({
    method: z.literal("POST"),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
  response: z
    .object({
      status: z.number().int(),
      headers: z.record(z.string(), z.string()),
      body: z.string().nullable(),
      truncated: z.boolean(),
    })
    .nullable(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  advice: z.string().nullable(),
});

export const apiKeyResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(["read_only", "manage"]),
  expires_at: nullableTime,
  created_at: z.iso.datetime(),
  last_used_at: nullableTime,
  revoked_at: nullableTime,
});

const brevoUrls = z.object({
  meeting_booked: z.url(),
  meeting_started: z.url(),
  meeting_cancelled: z.url(),
  call_finished: z.url(),
});

export const connectionResponse = z.object({
  id: z.uuid(),
  provider: z.enum(["calcom", "varda", "brevo"]),
  name: z.string(),
  auth: z.enum(["signature", "bearer", "basic"]),
  webhook_url: z.url().describe("Where the provider posts; for Brevo the base of webhook_urls."),
  webhook_urls: brevoUrls.nullable().describe("Brevo only: one URL per webhook kind."),
  last_received_at: nullableTime,
  created_at: z.iso.datetime(),
});

export const createdConnectionResponse = connectionResponse.extend({
  credentials: z
    .union([
      z.object({ signing_secret: z.string() }),
      z.object({ bearer_token: z.string() }),
      z.object({ username: z.string(), password: z.string() }),
    ])
    .nullable()
    .describe(
      "Shown this once: Cal.com's signing secret, or Brevo's bearer token or basic-auth credentials. Null for Varda (its secret is the one you pasted).",
    ),
});

export const inboundRequestResponse = z.object({
  id: z.string(),
  source: z.enum(["agent", "calcom", "varda", "brevo"]),
  connection_id: z.uuid().nullable(),
  event_type: z.string().nullable(),
  received_at: z.iso.datetime(),
  verification: z.enum(["verified", "failed", "not_configured"]),
  outcome: z.enum(["processed", "duplicate", "ignored", "unmatched", "rejected"]),
  http_status: z.number().int(),
  reason: z.string().nullable(),
  effects: z.record(z.string(), z.unknown()).nullable(),
  duration_ms: z.number().int(),
});

export const memberResponse = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["owner", "admin", "member"]),
  joined_at: z.iso.datetime(),
});

export const invitationResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(["owner", "admin", "member"]),
  invited_by: z.string().nullable(),
  expires_at: z.iso.datetime(),
  created_at: z.iso.datetime(),
});
