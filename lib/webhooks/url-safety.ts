import dns from "node:dns";
import net from "node:net";

// Where a webhook may never connect: loopback, private, link-local, CGNAT, multicast, reserved
// and documentation ranges. IPv6 forms that embed an IPv4 address are judged by that address.
const BLOCKED_V4 = new net.BlockList();
for (const [addr, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED_V4.addSubnet(addr, bits, "ipv4");

const BLOCKED_V6 = new net.BlockList();
for (const [addr, bits] of [
  ["::", 128], ["::1", 128], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) BLOCKED_V6.addSubnet(addr, bits, "ipv6");

export function isPublicAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return !BLOCKED_V4.check(ip, "ipv4");
  if (!net.isIPv6(ip)) return false;
  const bytes = ipv6Bytes(ip);
  const embedded = embeddedIPv4(bytes);
  if (embedded) return isPublicAddress(embedded);
  return !BLOCKED_V6.check(ip, "ipv6");
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

function ipv6Bytes(ip: string): number[] {
  let text = ip.split("%")[0];
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const p = dotted[1].split(".").map(Number);
    text = text.slice(0, -dotted[1].length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const parts = (s: string | undefined) => (s ? s.split(":").filter(Boolean) : []);
  const h = parts(head);
  const t = parts(tail);
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** Syntax and policy, then DNS: every address the host resolves to must be public. */
export async function checkEndpointUrl(raw: string, options: { allowInsecure: boolean }): Promise<UrlCheck> {
  const syntax = checkUrlSyntax(raw, options);
  if (!syntax.ok || options.allowInsecure) return syntax;
  const host = new URL(syntax.url).hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) return isPublicAddress(host) ? syntax : { ok: false, message: `${host} is a private or reserved address; use a public HTTPS URL` };
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return { ok: false, message: `${host} resolves to ${blocked.address}, a private or reserved address; use a public HTTPS URL` };
  } catch {
    return { ok: false, message: `${host} could not be resolved; check the host name` };
  }
  return syntax;
}

export function checkUrlSyntax(raw: string, options: { allowInsecure: boolean }): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: "not a valid URL (expected e.g. https://example.com/webhooks/empfio)" };
  }
  if (raw.length > 2048) return { ok: false, message: "URL must be at most 2048 characters" };
  if (url.protocol !== "https:" && !(options.allowInsecure && url.protocol === "http:")) return { ok: false, message: "URL must use https://" };
  if (url.username || url.password) return { ok: false, message: "URL must not contain a user name or password; Empfio signs every request instead" };
  if (!url.hostname) return { ok: false, message: "URL must have a host" };
  url.hash = "";
  return { ok: true, url: url.toString() };
}

/** dns.lookup for sockets that refuses, at connect time, hosts that now resolve to private addresses. */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as dns.LookupAddress[];
    const blocked = list.find((a) => !isPublicAddress(a.address));
    if (blocked) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${blocked.address}, a private or reserved address`);
      error.code = "EBLOCKED";
      return callback(error, "");
    }
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}
