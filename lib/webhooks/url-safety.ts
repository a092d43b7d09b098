import "server-only";
import dns from "node:dns";
import net from "node:net";

// Where a webhook may never connect: loopback, private, link-local, CGNAT, multicast, reserved
// and documentation ranges. IPv6 forms that embed an IPv4 address are judged by that address.
const BLOCKED_V4 = new net.BlockList();
for (const [addr, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  BLOCKED_V4.addSubnet(addr, bits, "ipv4");

const BLOCKED_V6 = new net.BlockList();
for (const [addr, bits] of [
  ["::", 128],
  ["::1", 128],
  // Local-use NAT64 (RFC 8215): translated to whatever IPv4 the operator's network chooses.
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  BLOCKED_V6.addSubnet(addr, bits, "ipv6");

export const MAX_URL_LENGTH = 2048;

/** False for every address a webhook must not reach; also false for anything that is not an IP. */
export function isPublicAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return !BLOCKED_V4.check(ip, "ipv4");
  if (!net.isIPv6(ip)) return false;
  const embedded = embeddedIPv4(ipv6Bytes(ip));
  if (embedded) return isPublicAddress(embedded);
  return !BLOCKED_V6.check(ip.split("%")[0], "ipv6");
}

/** IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). */
function embeddedIPv4(b: number[]): string | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number) => b.slice(at, at + 4).join(".");
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12);
  if (zeros(0, 12) && !zeros(12, 16)) return v4(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2);
  return null;
}

/** The 16 bytes of a valid IPv6 address (already checked by net.isIPv6). */
function ipv6Bytes(ip: string): number[] {
  let text = ip.split("%")[0];
  const dotted = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = text.slice(0, -dotted[0].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const groups = (s: string | undefined) => (s ? s.split(":").filter(Boolean) : []);
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

export type UrlCheck = { ok: true; url: string } | { ok: false; field: "url"; message: string };

const fail = (message: string): UrlCheck => ({ ok: false, field: "url", message });
const PUBLIC_HINT = "Webhooks can only go to public addresses; use a public HTTPS URL.";

/**
 * Syntax and policy, then DNS: every address the host resolves to must be public. This is the
 * check at save time; the dispatcher repeats the address check at connect time.
 * `allowInsecure` (WEBHOOK_ALLOW_INSECURE_URLS=1) permits http:// and private addresses.
 */
export async function checkEndpointUrl(raw: string, options: { allowInsecure: boolean }): Promise<UrlCheck> {
  const syntax = checkUrlSyntax(raw, options);
  if (!syntax.ok || options.allowInsecure) return syntax;
  const host = hostOf(syntax.url);
  if (net.isIP(host))
    return isPublicAddress(host) ? syntax : fail(`${host} is a private or reserved address. ${PUBLIC_HINT}`);
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return fail(`${host} resolves to ${blocked.address}, a private or reserved address. ${PUBLIC_HINT}`);
  } catch {
    return fail(`The host ${host} could not be resolved; check its spelling and its DNS record.`);
  }
  return syntax;
}

/** Everything that needs no network. Returns the normalized URL (WHATWG parsing, no fragment). */
export function checkUrlSyntax(raw: string, options: { allowInsecure: boolean }): UrlCheck {
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH) return fail(`URL must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("Not a valid URL (expected e.g. https://example.com/webhooks/empfio)");
  }
  if (url.protocol !== "https:" && !(options.allowInsecure && url.protocol === "http:"))
    return fail("URL must use https://");
  if (url.username || url.password)
    return fail("URL must not contain a user name or password; Empfio signs every request instead");
  if (!url.hostname) return fail("URL must have a host");
  url.hash = "";
  return { ok: true, url: url.toString() };
}

/** The URL's host as an address or name, without IPv6 brackets. */
export function hostOf(url: string | URL): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, "");
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `dns.lookup` for sockets that fails with code EBLOCKED when a name resolves to any non-public
 * address, at connect time, so DNS that changes after validation (rebinding) cannot reach a
 * private network. Literal IPs never reach a lookup: callers check them with isPublicAddress.
 */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked || addresses.length === 0) {
      const error: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${blocked?.address ?? "no address"}, a private or reserved address`,
      );
      error.code = "EBLOCKED";
      return callback(error, "");
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
