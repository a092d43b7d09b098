import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getDelivery } from "@/lib/webhooks/get-delivery";
import { getEvent } from "@/lib/webhooks/get-event";
import { getEndpoint } from "@/lib/webhooks/manage-endpoints";

// Pages check the id server-side so another organization's (or an unknown) id is a real 404
// response, not an empty client page. The data itself is still read through the API.
async function orNotFound(load: () => Promise<unknown>) {
  try {
    await load();
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}

export function endpointOr404(organizationId: string, id: string) {
  return orNotFound(() => getEndpoint(getDb(), organizationId, id));
}

export function deliveryOr404(organizationId: string, id: string) {
  return orNotFound(() => getDelivery(getDb(), organizationId, id));
}

export function eventOr404(organizationId: string, id: string) {
  return orNotFound(() => getEvent(getDb(), organizationId, id));
}
