import { z } from "zod";

// An endpoint's custom headers, as the API and the form take them. Their values are secrets
// (an Authorization token, say): stored sealed, answered masked. A masked value sent back
// unchanged keeps the stored one (endpoint-headers.ts).

const MAX_HEADERS = 20;
const MAX_NAME = 100;
const MAX_VALUE = 2000;
// An HTTP field name (RFC 9110 token).
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, spaces and tabs: nothing that could end the header or that undici refuses.
const VALUE = /^[\t\x20-\x7e]*$/;

/** Ours on every request, or what HTTP itself owns (hop-by-hop and framing headers). */
const RESERVED = new Set([
  "content-type",
  "user-agent",
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
]);
const RESERVED_PREFIXES = ["x-empfio-", "webhook-"];

export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || RESERVED_PREFIXES.some((p) => lower.startsWith(p));
}

/** How a stored value is shown: never more than its last 4 characters, and only of a long value. */
export const MASK = "••••••";
export function maskHeaderValue(value: string): string {
  return value.length >= 12 ? `${MASK}${value.slice(-4)}` : MASK;
}
export function isMasked(value: string): boolean {
  return value.startsWith(MASK);
}

export const customHeadersSchema = z
  .record(z.string(), z.string().max(MAX_VALUE, `a value may be at most ${MAX_VALUE} characters`))
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_HEADERS) ctx.addIssue({ code: "custom", message: `at most ${MAX_HEADERS} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      const issue = (message: string) => ctx.addIssue({ code: "custom", path: [name], message });
      if (!NAME.test(name) || name.length > MAX_NAME) issue(`"${name}" is not a valid header name`);
      else if (isReservedHeader(name)) issue(`"${name}" is set by Empfio or by HTTP itself and cannot be overridden`);
      else if (seen.has(name.toLowerCase())) issue(`"${name}" is given twice (header names ignore case)`);
      else if (!isMasked(headers[name]) && !VALUE.test(headers[name]))
        issue(`the value of "${name}" may hold only printable ASCII characters`);
      seen.add(name.toLowerCase());
    }
  })
  .describe(
    'Headers sent with every delivery, e.g. {"Authorization": "Bearer …"}. Values are stored encrypted and ' +
      "answered masked; sending a masked value back unchanged keeps it. Content-Type, User-Agent, Host, " +
      "Content-Length, hop-by-hop headers, X-Empfio-* and webhook-* cannot be set.",
  );

export type CustomHeaders = z.output<typeof customHeadersSchema>;
