import { canonicalJson } from "./canonical-json";
import { sha256Hex } from "./sha256-hex";

/**
 * The seed: the same agent event (same type, organization and data) within 60 s is a duplicate.
 * The key is stable across key order; the window itself is enforced in the database.
 */
export function agentEventDedupeKey(event: { type: string; organization_id: string; data: unknown }): string {
  return `agent:${sha256Hex(canonicalJson({ type: event.type, organization_id: event.organization_id, data: event.data }))}`;
}
