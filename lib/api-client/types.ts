// Response shapes of /api/v1, derived from the server's serializers so the two never drift.
import type {
  attemptJson,
  deliveryJson,
  endpointJson,
  EndpointStats,
  eventDetailJson,
  eventJson,
  jobJson,
} from "@/lib/api/serializers";
import type { z } from "zod";
import type { inboundRequestJson } from "@/lib/inbound/list-inbound-requests";
import type { INBOUND_OUTCOMES, INBOUND_SOURCES, InboundLogEntry } from "@/lib/inbound/record-inbound-request";
import type { connectionJson, createConnectionSchema, Credentials } from "@/lib/integrations/connections";
import type { PingResult } from "@/lib/webhooks/send-test-ping";
export type { Overview } from "@/lib/overview/overview-schemas";
import type { invitationJson, memberJson } from "@/lib/organizations/team-json";

export type Member = ReturnType<typeof memberJson>;
export type Invitation = ReturnType<typeof invitationJson>;

export type Endpoint = ReturnType<typeof endpointJson> & { stats?: EndpointStats };
export type Delivery = ReturnType<typeof deliveryJson>;
export type DeliveryStatus = Delivery["status"];
export type Attempt = ReturnType<typeof attemptJson>;

export type Me = {
  user: { id: string; name: string; email: string } | null;
  organization: { id: string; slug: string; name: string };
  role: string;
  can_manage: boolean;
};

export type Ping = PingResult;

export type CreatedEndpoint = { endpoint: Endpoint; secret: string; test_ping: Ping };

export type StatsBucket = { start: string; succeeded: number; failed: number; pending: number };
export type StatsRange = "24h" | "7d";

export type DeliveryDetail = {
  delivery: Delivery;
  event: { id: string; type: string; occurred_at: string; payload: string };
  attempts: Attempt[];
};

export type RetryResult = {
  outcome: {
    succeeded: boolean;
    status_code: number | null;
    error: { kind: string; message: string } | null;
    advice: string | null;
  };
  delivery: Delivery;
};

export type EventType = {
  name: string;
  description: string;
  area: string;
  addition: boolean;
  schema: Record<string, unknown>;
  sample: Record<string, unknown>;
};

export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scope: "read_only" | "manage";
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type WebhookEvent = ReturnType<typeof eventJson>;
export type WebhookEventDetail = ReturnType<typeof eventDetailJson>;
export type EventFilters = { type?: string; since?: string; until?: string };
export type ReplayResult = { event_id: string; delivery_ids: string[] };
export type Job = ReturnType<typeof jobJson>;
export type NewApiKey = { name: string; scope: ApiKey["scope"]; expires_in_days?: number };

export type DeliveryFilters = {
  endpoint_id?: string;
  status?: DeliveryStatus;
  event_type?: string;
  since?: string;
  until?: string;
};

export type Connection = ReturnType<typeof connectionJson>;
export type ConnectionProvider = Connection["provider"];
export type BrevoWebhookUrls = NonNullable<Connection["webhook_urls"]>;
export type CreatedConnection = Connection & { credentials: Credentials };
export type ConnectionInput = z.input<typeof createConnectionSchema>;

export type InboundSource = (typeof INBOUND_SOURCES)[number];
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];
export type InboundVerification = InboundLogEntry["verification"];
// The serializer types these columns as plain strings; the log writes only these values.
export type InboundRequest = Omit<ReturnType<typeof inboundRequestJson>, "source" | "outcome" | "verification"> & {
  source: InboundSource;
  outcome: InboundOutcome;
  verification: InboundVerification;
};

export type InboundFilters = { source?: InboundSource; outcome?: InboundOutcome; connection_id?: string };
