export type AuthorizationHeader =
  | { scheme: "bearer"; token: string }
  | { scheme: "basic"; username: string; password: string }
  | { scheme: "malformed"; problem: string };

/** `Bearer <token>` or `Basic base64(user:pass)`; null when the header is absent or empty. */
export function parseAuthorizationHeader(header: string | null | undefined): AuthorizationHeader | null {
  const value = header?.trim();
  if (!value) return null;
  const match = /^(\S+)\s+(\S+)$/.exec(value);
  if (!match)
    return { scheme: "malformed", problem: "Authorization header must be `Bearer <token>` or `Basic <credentials>`." };
  const [, scheme, credentials] = match;
  if (scheme.toLowerCase() === "bearer") return { scheme: "bearer", token: credentials };
  if (scheme.toLowerCase() !== "basic")
    return { scheme: "malformed", problem: `Unsupported Authorization scheme "${scheme}".` };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials))
    return { scheme: "malformed", problem: "Basic credentials are not valid base64." };
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  // RFC 7617: the user-id cannot contain a colon, the password can.
  const colon = decoded.indexOf(":");
  if (colon < 0) return { scheme: "malformed", problem: "Basic credentials must be base64 of `user:password`." };
  return { scheme: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
