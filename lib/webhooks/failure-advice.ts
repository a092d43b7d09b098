// Plain-language advice for a failed attempt: the dashboard's answer to "why did it fail?".
export function failureAdvice(attempt: {
  responseStatus: number | null;
  errorKind: string | null;
  timeoutMs?: number;
}): string | null {
  const status = attempt.responseStatus;
  if (status !== null && status >= 200 && status < 300) return null;
  switch (attempt.errorKind) {
    case "timeout":
      return `Your server did not answer within ${Math.round((attempt.timeoutMs ?? 10_000) / 1000)} s. Return 200 at once and process the event afterwards.`;
    case "refused":
      return "Nothing is listening at that address: is the server running, and is the port right?";
    case "dns":
      return "The host name could not be resolved: check its spelling, and that its DNS record exists.";
    case "tls":
      return "The TLS handshake failed: the certificate must be valid, unexpired and issued for this host.";
    case "blocked_address":
      return "This host resolves to a private or local address, which Empfio never delivers to. Use a public HTTPS URL.";
    case "reset":
      return "Your server closed the connection before answering. Check its logs for a crash.";
    case "invalid_url":
      return "The URL is not valid. Edit the endpoint and check it.";
  }
  if (status === null) return "The request failed before your server answered.";
  if (status === 404) return "Your server returned 404: is the path right?";
  if (status === 401 || status === 403)
    return `Your server refused the request (${status}). Empfio proves itself with the X-Empfio-Signature header, not a token: allow the request and verify the signature.`;
  if (status === 405) return "Your server returned 405: it does not accept POST at this path.";
  if (status === 410)
    return "Your server returned 410 Gone, so Empfio disabled this endpoint. Enable it again when it accepts webhooks.";
  if (status === 413) return "Your server returned 413: raise its request body size limit.";
  if (status === 429) return "Your server is rate limiting Empfio (429). Raise its limit for this endpoint.";
  if (status >= 300 && status < 400)
    return `Your server redirected (${status}). Empfio does not follow redirects: use the final URL.`;
  if (status >= 500) return `Your server had an error (${status}). Check its logs; Empfio retries on a schedule.`;
  return `Your server answered ${status}; only a 2xx counts as delivered.`;
}
