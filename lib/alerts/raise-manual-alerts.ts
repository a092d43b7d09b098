import "server-only";
import type { Actor } from "@/lib/api/authenticate-request";
import type { Tx } from "@/lib/db/client";
import { NO_ALERTS, raiseEndpointAlerts, type RaisedAlerts } from "./raise-alerts";

/**
 * An owner or admin turned an endpoint off (alert "disabled", naming them when known) or on again
 * (ends an open episode as "healthy again"; enabling also resets the failure count).
 */
export async function raiseManualAlerts(
  tx: Tx,
  endpointId: string,
  wasEnabled: boolean,
  isEnabled: boolean,
  by?: Actor,
): Promise<RaisedAlerts> {
  if (wasEnabled && !isEnabled) {
    const message = `Disabled by ${await actorName(tx, by)}.`;
    return raiseEndpointAlerts(tx, endpointId, [{ level: "disabled", reason: "manual", message, emit: true }]);
  }
  if (!wasEnabled && isEnabled)
    return raiseEndpointAlerts(tx, endpointId, [{ level: "recovered", reason: "enabled", emit: true }]);
  return NO_ALERTS;
}

async function actorName(tx: Tx, actor: Actor | undefined): Promise<string> {
  if (actor?.kind === "api_key") {
    const key = await tx.apiKey.findUnique({ where: { id: actor.apiKeyId }, select: { name: true } });
    return key ? `the API key “${key.name}”` : "an API key";
  }
  if (actor?.kind === "user") {
    const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
    if (user) return `${user.name} (${actor.role})`;
  }
  return "an owner or admin";
}
