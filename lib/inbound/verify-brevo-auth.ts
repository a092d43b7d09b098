import { constantTimeEqual } from "./constant-time-equal";
import { parseAuthorizationHeader } from "./parse-authorization-header";
import { rejected, verified, type VerificationResult } from "./verification-result";

/** What a Brevo connection is configured with: a bearer token, basic-auth credentials, or both. */
export type BrevoCredentials = {
  bearerToken?: string | null;
  basic?: { username: string; password: string } | null;
};

/** Brevo does not sign; the webhook carries the bearer token or the basic-auth user:password we gave the owner. */
export function verifyBrevoAuth(
  authorization: string | null | undefined,
  credentials: BrevoCredentials,
): VerificationResult {
  const { bearerToken, basic } = credentials;
  if (!bearerToken && !basic)
    return rejected("not_configured", "This Brevo connection has no token or basic-auth credentials configured.");
  const auth = parseAuthorizationHeader(authorization);
  if (!auth)
    return rejected(
      "missing_credentials",
      "Missing Authorization header: configure the Brevo webhook with this connection's bearer token or basic-auth credentials.",
    );
  if (auth.scheme === "malformed") return rejected("malformed_credentials", auth.problem);
  if (auth.scheme === "bearer") {
    if (!bearerToken)
      return rejected("bad_credentials", "This Brevo connection expects basic-auth credentials, not a bearer token.");
    return constantTimeEqual(auth.token, bearerToken)
      ? verified
      : rejected("bad_credentials", "Wrong bearer token for this Brevo connection.");
  }
  if (!basic)
    return rejected("bad_credentials", "This Brevo connection expects a bearer token, not basic-auth credentials.");
  // Both halves are compared whatever the first says, so timing does not reveal a right username.
  const userOk = constantTimeEqual(auth.username, basic.username);
  const passwordOk = constantTimeEqual(auth.password, basic.password);
  return userOk && passwordOk
    ? verified
    : rejected("bad_credentials", "Wrong basic-auth username or password for this Brevo connection.");
}
