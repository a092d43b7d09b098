import type { DeliveryFilters, EventFilters, InboundFilters, StatsRange } from "./types";

// Keys start with the org so switching organizations never shows another org's cache.
export const queryKeys = {
  me: (org: string) => [org, "me"] as const,
  overview: (org: string, tz: string) => [org, "overview", tz] as const,
  members: (org: string) => [org, "members"] as const,
  invitations: (org: string) => [org, "invitations"] as const,
  endpoints: (org: string) => [org, "endpoints"] as const,
  endpoint: (org: string, id: string) => [org, "endpoints", id] as const,
  stats: (org: string, id: string, range: StatsRange) => [org, "endpoints", id, "stats", range] as const,
  deliveries: (org: string) => [org, "deliveries"] as const,
  deliveryList: (org: string, filters: DeliveryFilters) => [org, "deliveries", "list", filters] as const,
  delivery: (org: string, id: string) => [org, "deliveries", id] as const,
  events: (org: string) => [org, "events"] as const,
  eventList: (org: string, filters: EventFilters) => [org, "events", "list", filters] as const,
  event: (org: string, id: string) => [org, "events", id] as const,
  jobs: (org: string) => [org, "jobs"] as const,
  job: (org: string, id: string) => [org, "jobs", id] as const,
  eventTypes: (org: string) => [org, "event-types"] as const,
  apiKeys: (org: string) => [org, "api-keys"] as const,
  openapi: (org: string) => [org, "openapi"] as const,
  connections: (org: string) => [org, "connections"] as const,
  notifications: (org: string) => [org, "notifications"] as const,
  notificationSummary: (org: string) => [org, "notifications", "summary"] as const,
  notificationList: (org: string, unreadOnly: boolean) => [org, "notifications", "list", unreadOnly] as const,
  alertPreference: (org: string) => [org, "alert-preference"] as const,
  inboundRequests: (org: string) => [org, "inbound-requests"] as const,
  inboundList: (org: string, filters: InboundFilters, limit: number) =>
    [org, "inbound-requests", "list", filters, limit] as const,
};
