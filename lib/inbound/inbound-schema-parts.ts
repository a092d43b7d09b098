import { z } from "zod";
import { LEAD_CHANNELS, LEAD_STATUSES } from "@/lib/records/list-records";

// Zod pieces shared by the inbound schemas.
export const leadChannel = z.enum(LEAD_CHANNELS, `must be one of ${LEAD_CHANNELS.join(", ")}`);
export const leadStatus = z.enum(LEAD_STATUSES, `must be one of ${LEAD_STATUSES.join(", ")}`);
export type LeadChannel = z.output<typeof leadChannel>;
export type LeadStatus = z.output<typeof leadStatus>;

/** ISO 8601 with a zone (Z or ±hh:mm): a time without one would be read in the server's zone. */
export const isoTime = z.iso
  .datetime({ offset: true, message: "Invalid ISO datetime (expected e.g. 2026-03-20T14:00:00Z)" })
  .refine((value) => !value.startsWith("0000"), "Year 0000 is not a date PostgreSQL can store");

/** Seconds as stored (a 32-bit integer column). */
export const durationSeconds = z
  .number("must be a number")
  .nonnegative("must not be negative")
  .max(2_147_483_647, "is too large");

/** Optional text where senders use "", null or absence for "none": all become null. */
export function optionalText(max: number) {
  return z
    .preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? null : value),
      z.string().trim().max(max).nullish(),
    )
    .transform((value) => value ?? null);
}

/** Integer ids some senders send as numbers and others as numeric strings. */
export const numericId = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value),
  z.number("must be an integer id").int("must be an integer id").nonnegative("must be an integer id"),
);
