import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/api/authenticate-request";
import { dispatchAlerts } from "@/lib/alerts/dispatch-alerts";
import { raiseManualAlerts } from "@/lib/alerts/raise-manual-alerts";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound, validationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import { allowInsecureUrls, maxEndpointsPerOrganization, ROTATION_OVERLAP_MS } from "./delivery-settings";
import { sealHeaders } from "./endpoint-headers";
import { openSecret, sealSecret } from "./endpoint-secrets";
import {
  createEndpointSchema,
  updateEndpointSchema,
  type CreateEndpointInput,
  type UpdateEndpointInput,
} from "./endpoint-schemas";
import type { PayloadFilter } from "./payload-filter";
import { generateSigningSecret } from "./sign-payload";
import { checkEndpointUrl } from "./url-safety";

const MANUAL_DISABLE_REASON = "Disabled by an owner or admin.";

// Every query here is scoped by organization id, so another organization's ids are "not found".

export async function createEndpoint(db: Db, organizationId: string, input: CreateEndpointInput) {
  const data = parse(createEndpointSchema, input);
  const url = await safeUrl(data.url);
  const secret = generateSigningSecret();
  const max = maxEndpointsPerOrganization();
  // Creates in one organization queue on its lock, so concurrent ones cannot both pass the count.
  const endpoint = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`endpoints:${organizationId}`}, 0))`;
    if ((await tx.webhookEndpoint.count({ where: { organizationId } })) >= max)
      throw new AppError(
        "conflict",
        `This organization has ${max} endpoints, the most allowed (WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION). Delete one first.`,
      );
    return tx.webhookEndpoint.create({
      data: {
        organizationId,
        url,
        description: data.description,
        eventTypes: data.event_types,
        secretEncrypted: sealSecret(secret),
        customHeaders: sealHeaders(data.custom_headers, {}),
        rateLimitPerSecond: data.rate_limit_per_second,
        filter: storedFilter(data.filter),
      },
    });
  });
  return { endpoint, secret };
}

/** `by`: who changes it, named in the alert when they disable it. */
export async function updateEndpoint(
  db: Db,
  organizationId: string,
  endpointId: string,
  input: UpdateEndpointInput,
  by?: Actor,
) {
  const data = parse(updateEndpointSchema, input);
  const before = await getEndpoint(db, organizationId, endpointId);
  const url = data.url === undefined ? undefined : await safeUrl(data.url);
  const { endpoint, alerts } = await db.$transaction(async (tx) => {
    const endpoint = await update(tx);
    return { endpoint, alerts: await raiseManualAlerts(tx, endpointId, before.enabled, endpoint.enabled, by) };
  });
  await dispatchAlerts(db, alerts);
  return endpoint;

  function update(tx: Tx) {
    return tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        url,
        description: data.description,
        eventTypes: data.event_types,
        customHeaders: data.custom_headers && sealHeaders(data.custom_headers, before.customHeaders),
        rateLimitPerSecond: data.rate_limit_per_second,
        filter: data.filter === undefined ? undefined : storedFilter(data.filter),
        // Enabling clears the system's reason and gives the endpoint a fresh failure count.
        ...(data.enabled === true
          ? { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 }
          : {}),
        ...(data.enabled === false
          ? { enabled: false, disabledReason: MANUAL_DISABLE_REASON, disabledAt: new Date() }
          : {}),
      },
    });
  }
}

export async function getEndpoint(db: Db, organizationId: string, endpointId: string) {
  const endpoint = isUuid(endpointId)
    ? await db.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId } })
    : null;
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

export function listEndpoints(db: Db, organizationId: string) {
  return db.webhookEndpoint.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" } });
}

export async function deleteEndpoint(db: Db, organizationId: string, endpointId: string) {
  await getEndpoint(db, organizationId, endpointId);
  await db.webhookEndpoint.delete({ where: { id: endpointId } });
}

/** A new secret; the old one keeps signing alongside it for the overlap (default 24 h). */
export async function rotateSecret(
  db: Db,
  organizationId: string,
  endpointId: string,
  overlapMs = ROTATION_OVERLAP_MS,
) {
  const endpoint = await getEndpoint(db, organizationId, endpointId);
  const secret = generateSigningSecret();
  const previousSecretExpiresAt = new Date(Date.now() + overlapMs);
  await db.webhookEndpoint.update({
    where: { id: endpointId },
    data: {
      secretEncrypted: sealSecret(secret),
      previousSecretEncrypted: overlapMs > 0 ? endpoint.secretEncrypted : null,
      previousSecretExpiresAt: overlapMs > 0 ? previousSecretExpiresAt : null,
    },
  });
  return { secret, previousSecretExpiresAt: overlapMs > 0 ? previousSecretExpiresAt : null };
}

export async function revealSecret(db: Db, organizationId: string, endpointId: string): Promise<string> {
  return openSecret((await getEndpoint(db, organizationId, endpointId)).secretEncrypted);
}

async function safeUrl(url: string): Promise<string> {
  const check = await checkEndpointUrl(url, { allowInsecure: allowInsecureUrls() });
  if (!check.ok) throw validationError([{ field: "url", message: check.message }]);
  return check.url;
}

function storedFilter(filter: PayloadFilter | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return filter === null ? Prisma.DbNull : (filter as Prisma.InputJsonValue);
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(result.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })));
}
