import { z } from "zod";
import { customHeadersSchema } from "./custom-headers";
import { SUBSCRIBABLE_EVENT_TYPES } from "./event-catalogue";
import { payloadFilterSchema } from "./payload-filter";

// Shared by the REST API and the dashboard form. URL reachability rules (https, public
// addresses) are checked separately by url-safety, which needs DNS.
const eventTypes = z
  .array(z.string())
  .min(1, "pick at least one event")
  .max(50)
  .superRefine((types, ctx) => {
    types.forEach((t, i) => {
      if (!(SUBSCRIBABLE_EVENT_TYPES as readonly string[]).includes(t))
        ctx.addIssue({ code: "custom", message: `unknown event type "${t}"`, path: [i] });
    });
  })
  .transform((types) => [...new Set(types)]);

export const endpointUrlSchema = z.string().trim().min(1, "URL is required").max(2048, "URL is too long");

export const rateLimitSchema = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(1000, "must be at most 1000")
  .nullable()
  .describe("Requests per second at most; a burst waits its turn. null: no limit.");

export const createEndpointSchema = z.object({
  url: endpointUrlSchema,
  description: z.string().trim().max(500, "description must be at most 500 characters").default(""),
  event_types: eventTypes,
  custom_headers: customHeadersSchema.default({}),
  rate_limit_per_second: rateLimitSchema.default(null),
  filter: payloadFilterSchema.default(null),
});

export const updateEndpointSchema = z
  .object({
    url: endpointUrlSchema.optional(),
    description: z.string().trim().max(500).optional(),
    event_types: eventTypes.optional(),
    enabled: z.boolean().optional(),
    custom_headers: customHeadersSchema.optional(),
    rate_limit_per_second: rateLimitSchema.optional(),
    filter: payloadFilterSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "nothing to update");

export type CreateEndpointInput = z.input<typeof createEndpointSchema>;
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;
