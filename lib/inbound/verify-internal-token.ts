import { constantTimeEqual } from "./constant-time-equal";
import { parseAuthorizationHeader } from "./parse-authorization-header";
import { rejected, verified, type VerificationResult } from "./verification-result";

/** The agent service's `Authorization: Bearer <INTERNAL_AUTH_TOKEN>`. No configured token: everything is refused. */
export function verifyInternalToken(
  authorization: string | null | undefined,
  expectedToken: string | null | undefined,
): VerificationResult {
  if (!expectedToken)
    return rejected("not_configured", "Agent events are disabled: INTERNAL_AUTH_TOKEN is not configured.");
  const auth = parseAuthorizationHeader(authorization);
  if (!auth)
    return rejected(
      "missing_credentials",
      "Missing Authorization header: send `Authorization: Bearer <INTERNAL_AUTH_TOKEN>`.",
    );
  if (auth.scheme !== "bearer")
    return rejected("malformed_credentials", "Authorization must be `Bearer <INTERNAL_AUTH_TOKEN>`.");
  if (!constantTimeEqual(auth.token, expectedToken))
    return rejected("bad_credentials", "Wrong bearer token (INTERNAL_AUTH_TOKEN).");
  return verified;
}
