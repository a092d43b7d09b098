import "server-only";
import { Agent, type Dispatcher } from "undici";
import { publicOnlyLookup } from "./url-safety";

// Sockets per origin. Deliveries to one endpoint are also limited upstream; this only stops a
// burst from opening unbounded connections to a single receiver.
const CONNECTIONS_PER_ORIGIN = 256;

/**
 * A keep-alive pool for webhook requests. Unless `allowInsecure`, every name is resolved by
 * publicOnlyLookup when a socket opens, so a host whose DNS turned private after validation
 * (rebinding) fails with EBLOCKED and the socket never connects. Kept-alive sockets stay on the
 * address they were checked against.
 */
export function createWebhookAgent(options: { allowInsecure: boolean }): Agent {
  return new Agent({
    connections: CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: options.allowInsecure ? {} : { lookup: publicOnlyLookup },
  });
}

let strict: Agent | undefined;
let insecure: Agent | undefined;

/** The shared pools (one per mode), so connections are reused across deliveries. */
export function webhookDispatcher(allowInsecure: boolean): Dispatcher {
  if (allowInsecure) return (insecure ??= createWebhookAgent({ allowInsecure: true }));
  return (strict ??= createWebhookAgent({ allowInsecure: false }));
}
