import { agentEventDedupeKey } from "./agent-event-dedupe-key";
import { agentEventSchema, type AgentEvent } from "./agent-event-schema";
import { parseBody, type ParseResult } from "./parse-result";

export type AgentCommand = AgentEvent & { dedupeKey: string };

/** Raw body → a validated agent event and its dedupe key, or a 400/422 naming the field. */
export function parseAgentEvent(rawBody: Uint8Array | string): ParseResult<AgentCommand> {
  const parsed = parseBody(rawBody, agentEventSchema);
  if (!parsed.ok) return parsed;
  return { ok: true, command: { ...parsed.value, dedupeKey: agentEventDedupeKey(parsed.value) } };
}
