import { z } from "zod";

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `tz`: the IANA time zone whose calendar days and weeks (Monday first) the figures count in. */
export const overviewQuery = z.object({
  tz: z.string().max(64).refine(isTimeZone, "tz must be an IANA time zone such as Europe/Berlin").default("UTC"),
});

/** A count now and over the same span a week earlier. */
const trend = z.object({ current: z.number().int(), previous: z.number().int() });

export const overviewResponse = z.object({
  time_zone: z.string(),
  empty: z.boolean(),
  leads: z.object({ today: trend, week: trend }),
  bookings: z.object({ today: trend, week: trend }),
  upcoming_bookings: z.object({
    total: z.number().int(),
    next: z.array(
      z.object({
        id: z.uuid(),
        service: z.string(),
        start_time: z.iso.datetime(),
        status: z.string(),
        lead_name: z.string().nullable(),
      }),
    ),
  }),
  open_escalations: z.object({
    total: z.number().int(),
    latest: z.array(
      z.object({
        id: z.uuid(),
        channel: z.string(),
        reason: z.string().nullable(),
        escalated_at: z.iso.datetime().nullable(),
        lead_name: z.string().nullable(),
      }),
    ),
  }),
  webhooks: z.object({
    endpoints: z.number().int(),
    deliveries_24h: z.array(
      z.object({ start: z.iso.datetime(), succeeded: z.number(), failed: z.number(), pending: z.number() }),
    ),
    attention: z.array(
      z.object({
        id: z.uuid(),
        url: z.string(),
        description: z.string(),
        state: z.enum(["failing", "disabled"]),
        consecutive_failures: z.number().int(),
        disabled_reason: z.string().nullable(),
      }),
    ),
  }),
});

export type Overview = z.infer<typeof overviewResponse>;
