import { z } from "zod";
import {
  alertPreferenceSchema,
  listNotificationsQuery,
  markReadSchema,
  notificationListResponse,
} from "@/lib/alerts/notification-schemas";
import { createApiKeySchema } from "@/lib/api-keys/manage-api-keys";
import { listInboundRequestsQuery } from "@/lib/inbound/list-inbound-requests";
import { createConnectionSchema } from "@/lib/integrations/connections";
import { createEndpointSchema, updateEndpointSchema } from "@/lib/webhooks/endpoint-schemas";
import { EVENT_CATALOGUE } from "@/lib/webhooks/event-catalogue";
import { bulkRetrySchema } from "@/lib/webhooks/bulk-retry";
import { listDeliveriesQuery } from "@/lib/webhooks/list-deliveries";
import { listEventsQuery } from "@/lib/webhooks/list-events";
import { replayEventSchema } from "@/lib/webhooks/replay-event";
import { overviewQuery, overviewResponse } from "@/lib/overview/overview-schemas";
import { acceptInvitationSchema, changeRoleSchema, inviteSchema } from "@/lib/organizations/team-schemas";
import * as R from "./response-schemas";

type Op = {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  ok: [number, z.ZodType | null];
  manage?: boolean;
  signedIn?: boolean;
};

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

const OPS: Record<string, Record<string, Op>> = {
  "/overview": {
    get: {
      summary:
        "The Overview's figures: leads and bookings today and this week against last week, upcoming bookings, open escalations, webhook health",
      query: overviewQuery,
      ok: [200, overviewResponse],
    },
  },
  "/webhook-endpoints": {
    get: {
      summary: "List webhook endpoints with 24 h stats",
      ok: [200, z.object({ data: z.array(R.endpointResponse) })],
    },
    post: {
      summary:
        "Create an endpoint; returns its secret once and the result of the test ping it sent. 409 past WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION (50); 429 past 20 a minute per organization",
      body: createEndpointSchema,
      ok: [201, z.object({ endpoint: R.endpointResponse, secret: z.string(), test_ping: R.pingResponse })],
      manage: true,
    },
  },
  "/webhook-endpoints/{id}": {
    get: { summary: "Get an endpoint", ok: [200, z.object({ endpoint: R.endpointResponse })] },
    patch: {
      summary:
        "Update an endpoint (url, description, event_types, enabled, custom_headers, rate_limit_per_second, filter)",
      body: updateEndpointSchema,
      ok: [200, z.object({ endpoint: R.endpointResponse })],
      manage: true,
    },
    delete: { summary: "Delete an endpoint and its delivery log", ok: [204, null], manage: true },
  },
  "/webhook-endpoints/{id}/test": {
    post: { summary: "Send a test ping now and report the result", ok: [200, R.pingResponse], manage: true },
  },
  "/webhook-endpoints/{id}/rotate-secret": {
    post: {
      summary: "Rotate the signing secret; the previous one keeps signing for 24 h",
      ok: [200, z.object({ secret: z.string(), previous_secret_expires_at: z.iso.datetime().nullable() })],
      manage: true,
    },
  },
  "/webhook-endpoints/{id}/secret/reveal": {
    post: {
      summary: "Reveal the current signing secret",
      ok: [200, z.object({ secret: z.string() })],
      manage: true,
      signedIn: true,
    },
  },
  "/webhook-endpoints/{id}/recover": {
    post: {
      summary: "Re-deliver every failed delivery since a time",
      body: z.object({ since: z.iso.datetime() }),
      ok: [200, z.object({ recovered: z.number().int() })],
      manage: true,
    },
  },
  "/webhook-endpoints/{id}/send-sample": {
    post: {
      summary:
        "Send a catalogue sample of an event type through the full pipeline (429 past 30 a minute per organization)",
      body: z.object({ event_type: z.string() }),
      ok: [202, z.object({ event_id: z.uuid(), delivery_ids: z.array(z.uuid()) })],
      manage: true,
    },
  },
  "/webhook-endpoints/{id}/stats": {
    get: {
      summary: "Deliveries per hour by outcome",
      query: z.object({ range: z.enum(["24h", "7d"]).optional() }),
      ok: [
        200,
        z.object({
          range: z.string(),
          buckets: z.array(
            z.object({ start: z.iso.datetime(), succeeded: z.number(), failed: z.number(), pending: z.number() }),
          ),
        }),
      ],
    },
  },
  "/deliveries": {
    get: {
      summary: "The delivery log, newest first, keyset-paginated",
      query: listDeliveriesQuery,
      ok: [200, z.object({ data: z.array(R.deliveryResponse), next_cursor: z.string().nullable() })],
    },
  },
  "/deliveries/retry": {
    post: {
      summary:
        "Retry every failed delivery matching the delivery log's filters, in the background: answers a job (202); with dry_run, only the count (200)",
      body: bulkRetrySchema,
      ok: [202, z.object({ job: R.jobResponse })],
      manage: true,
    },
  },
  "/jobs": {
    get: {
      summary: "The organization's latest 20 background jobs, newest first",
      ok: [200, z.object({ data: z.array(R.jobResponse) })],
    },
  },
  "/jobs/{id}": {
    get: {
      summary: "A background job's progress (done of total) and status",
      ok: [200, z.object({ job: R.jobResponse })],
    },
  },
  "/deliveries/{id}": {
    get: {
      summary: "A delivery with its event and every attempt",
      ok: [
        200,
        z.object({
          delivery: R.deliveryResponse,
          event: z.object({ id: z.uuid(), type: z.string(), occurred_at: z.iso.datetime(), payload: z.string() }),
          attempts: z.array(R.attemptResponse),
        }),
      ],
    },
  },
  "/deliveries/{id}/retry": {
    post: {
      summary: "Attempt a delivery again now, outside the schedule",
      ok: [
        200,
        z.object({
          outcome: z.object({
            succeeded: z.boolean(),
            status_code: z.number().nullable(),
            error: z.object({ kind: z.string(), message: z.string() }).nullable(),
            advice: z.string().nullable(),
          }),
          delivery: R.deliveryResponse,
        }),
      ],
      manage: true,
    },
  },
  "/events": {
    get: {
      summary: "The event log (every event emitted, with its deliveries counted), newest first, keyset-paginated",
      query: listEventsQuery,
      ok: [200, z.object({ data: z.array(R.eventResponse), next_cursor: z.string().nullable() })],
    },
  },
  "/events/{id}": {
    get: { summary: "An event with its stored payload and every delivery of it", ok: [200, R.eventDetailResponse] },
  },
  "/events/{id}/replay": {
    post: {
      summary:
        "Send a stored event again (same body, new webhook-id) to one endpoint, or to every enabled endpoint subscribed to it now",
      body: replayEventSchema,
      ok: [202, z.object({ event_id: z.uuid(), delivery_ids: z.array(z.uuid()) })],
      manage: true,
    },
  },
  "/event-types": {
    get: {
      summary: "The event catalogue",
      ok: [
        200,
        z.object({
          data: z.array(
            z.object({
              name: z.string(),
              description: z.string(),
              area: z.string(),
              addition: z.boolean(),
              schema: z.unknown(),
              sample: z.unknown(),
            }),
          ),
        }),
      ],
    },
  },
  "/api-keys": {
    get: { summary: "List API keys", ok: [200, z.object({ data: z.array(R.apiKeyResponse) })] },
    post: {
      summary: "Create an API key; the key is returned once",
      body: createApiKeySchema,
      ok: [201, z.object({ api_key: R.apiKeyResponse, key: z.string() })],
      manage: true,
      signedIn: true,
    },
  },
  "/api-keys/{id}": { delete: { summary: "Revoke an API key", ok: [204, null], manage: true, signedIn: true } },
  "/integrations/connections": {
    get: {
      summary: "List the Cal.com, Varda and Brevo connections, newest first (never their secrets)",
      ok: [200, z.object({ data: z.array(R.connectionResponse) })],
    },
    post: {
      summary: "Create a connection; a generated Cal.com secret or Brevo token/credentials is returned once",
      body: createConnectionSchema,
      ok: [201, R.createdConnectionResponse],
      manage: true,
    },
  },
  "/integrations/connections/{id}": {
    delete: { summary: "Delete a connection; its URL stops accepting webhooks", ok: [204, null], manage: true },
  },
  "/notifications": {
    get: {
      summary:
        "The organization's alerts about endpoint health, newest first, with the signed-in user's read state and unread count (an API key reads nothing as read)",
      query: listNotificationsQuery,
      ok: [200, notificationListResponse],
    },
  },
  "/notifications/read": {
    post: {
      summary: "Mark notifications read for the signed-in user: some (ids) or all (a session only, not an API key)",
      body: markReadSchema,
      ok: [200, z.object({ marked: z.number().int() })],
    },
  },
  "/me/alert-preferences": {
    get: {
      summary: "Whether the signed-in user gets alert emails from this organization (owners and admins do unless off)",
      ok: [200, z.object({ email_alerts: z.boolean(), receives_alerts: z.boolean() })],
    },
    patch: {
      summary: "Turn alert emails on or off for the signed-in user (a session only, not an API key)",
      body: alertPreferenceSchema,
      ok: [200, z.object({ email_alerts: z.boolean(), receives_alerts: z.boolean() })],
    },
  },
  "/members": {
    get: {
      summary: "The organization's members with their roles",
      ok: [200, z.object({ data: z.array(R.memberResponse) })],
    },
  },
  "/members/{id}": {
    patch: {
      summary: "Change a member's role (owners only; the last owner cannot be demoted)",
      body: changeRoleSchema,
      ok: [200, z.object({ member: R.memberResponse })],
    },
    delete: {
      summary: "Remove a member (owners), or leave (your own membership); never the last owner",
      ok: [204, null],
    },
  },
  "/invitations": {
    get: {
      summary: "Pending invitations (not accepted, revoked or expired), newest first",
      ok: [200, z.object({ data: z.array(R.invitationResponse) })],
      manage: true,
    },
    post: {
      summary:
        "Invite someone by email with a role no higher than yours; the single-use link (7 days) is emailed and returned once",
      body: inviteSchema,
      ok: [201, z.object({ invitation: R.invitationResponse, link: z.string(), emailed: z.boolean() })],
      manage: true,
    },
  },
  "/invitations/{id}": { delete: { summary: "Revoke a pending invitation", ok: [204, null], manage: true } },
  "/invitations/accept": {
    post: {
      summary:
        "Accept an invitation by its link's token: someone new gives a name and password; an existing account must be signed in (no organization header needed)",
      body: acceptInvitationSchema,
      ok: [
        200,
        z.object({
          organization: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
          email: z.string(),
          role: z.enum(["owner", "admin", "member"]),
          new_account: z.boolean(),
        }),
      ],
    },
  },
  "/inbound-requests": {
    get: {
      summary:
        "The inbound log (agent, Cal.com, Varda, Brevo requests and what became of them), newest first, keyset-paginated",
      query: listInboundRequestsQuery,
      ok: [200, z.object({ data: z.array(R.inboundRequestResponse), next_cursor: z.string().nullable() })],
    },
  },
};

/** OpenAPI 3.1 for /api/v1, generated from the zod schemas the routes parse with. */
export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, ops] of Object.entries(OPS)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(ops)) {
      const parameters = [
        ...(path.includes("{id}") ? [idParam] : []),
        ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          schema: json(schema as z.ZodType),
        })),
      ];
      paths[path][method] = {
        summary: op.summary,
        description: op.signedIn
          ? "Requires a signed-in owner or admin: no API key can do this."
          : op.manage
            ? "Requires the owner or admin role, or an API key with the manage scope."
            : undefined,
        parameters: parameters.length ? parameters : undefined,
        requestBody: op.body
          ? { required: true, content: { "application/json": { schema: json(op.body) } } }
          : undefined,
        responses: {
          [op.ok[0]]: op.ok[1]
            ? { description: "OK", content: { "application/json": { schema: json(op.ok[1]) } } }
            : { description: "No content" },
          default: { description: "Error", content: { "application/json": { schema: json(R.errorResponse) } } },
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Empfio API",
      version: "1.0.0",
      description:
        "Manage webhook endpoints and read the delivery log. Authenticate with `Authorization: Bearer <api key>`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
    paths,
    webhooks: Object.fromEntries(
      Object.entries(EVENT_CATALOGUE).map(([name, entry]) => [
        name,
        {
          post: {
            summary: entry.description,
            "x-empfio-addition": entry.addition,
            requestBody: { content: { "application/json": { schema: envelopeSchema(entry.dataSchema) } } },
            responses: { "200": { description: "Any 2xx acknowledges" } },
          },
        },
      ]),
    ),
  };
}

function envelopeSchema(data: z.ZodType) {
  return json(z.object({ event: z.string(), timestamp: z.iso.datetime(), organization_id: z.uuid(), data }));
}
