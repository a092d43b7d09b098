import "server-only";
import { validationError } from "@/lib/errors";
import { isMasked, maskHeaderValue, type CustomHeaders } from "./custom-headers";
import { openSecret, sealSecret } from "./endpoint-secrets";

/** As stored in webhook_endpoints.custom_headers: name -> sealed value. */
type SealedHeaders = Record<string, string>;

function sealed(stored: unknown): SealedHeaders {
  return (stored ?? {}) as SealedHeaders;
}

/**
 * The headers to store: new values sealed; a masked value (as answered) keeps the stored value
 * of the same header, and is refused if there is none to keep.
 */
export function sealHeaders(input: CustomHeaders, stored: unknown): SealedHeaders {
  const before = new Map(Object.entries(sealed(stored)).map(([name, box]) => [name.toLowerCase(), box]));
  return Object.fromEntries(
    Object.entries(input).map(([name, value]) => {
      if (!isMasked(value)) return [name, sealSecret(value)];
      const box = before.get(name.toLowerCase());
      if (!box || maskHeaderValue(openSecret(box)) !== value)
        throw validationError([
          { field: `custom_headers.${name}`, message: `enter the value of "${name}": it is not stored yet` },
        ]);
      return [name, box];
    }),
  );
}

/** The headers as they go out. */
export function openHeaders(stored: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(sealed(stored)).map(([name, box]) => [name, openSecret(box)]));
}

/** The headers as the API answers them: names, and values masked. */
export function maskedHeaders(stored: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(openHeaders(stored)).map(([name, value]) => [name, maskHeaderValue(value)]));
}
