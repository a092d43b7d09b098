/**
 * The client's address, from X-Forwarded-For as the app server leaves it: the production
 * server (scripts/next-server.mjs) appends the socket's address to whatever the client sent,
 * so the last entry is the peer. Behind `trustedProxyHops` proxies (TRUSTED_PROXY_HOPS), each
 * of which appends its own peer, the entry that many places from the end is the address the
 * outermost trusted proxy saw; everything to its left is the client's to invent.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxyHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  return entries[Math.max(0, entries.length - 1 - trustedProxyHops)];
}

/** TRUSTED_PROXY_HOPS: how many proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const hops = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 ? hops : 0;
}
