const HOME = "/";
const PROBE_ORIGIN = "http://callback.invalid";

/**
 * The login page's `callbackUrl` as a same-origin path, else "/". Browsers drop tabs and
 * newlines and read "\" as "/", so `/\evil.com` and `/%09/evil.com` would leave the site:
 * anything with a backslash or a control character, raw or percent-encoded, stays home.
 */
export function safeCallbackPath(callbackUrl: string | undefined | null): string {
  if (!callbackUrl || !callbackUrl.startsWith("/")) return HOME;
  let decoded: string;
  try {
    decoded = decodeURIComponent(callbackUrl);
  } catch {
    return HOME;
  }
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || decoded.startsWith("//")) return HOME;
  const url = new URL(callbackUrl, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith("//")) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
