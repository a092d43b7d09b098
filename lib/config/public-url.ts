type Env = Record<string, string | undefined>;

/** The app's public URL: APP_URL, else NEXTAUTH_URL (the start command sets it), else localhost. */
export function publicUrl(env: Env = process.env): string {
  return (env.APP_URL || env.NEXTAUTH_URL || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** Behind https the session cookie is `Secure` and `__Secure-` prefixed, and responses carry HSTS. */
export function servesHttps(env: Env = process.env): boolean {
  return publicUrl(env).startsWith("https://");
}

/** What `npm start` prints when its public URL is plain http: cookies and passwords in the clear. */
export function plainHttpWarning(env: Env): string | null {
  if (servesHttps(env)) return null;
  const bar = "!".repeat(78);
  return `\n${bar}\n  WARNING: the public URL ${publicUrl(env)} is plain http.\n  Passwords and session cookies cross the network unencrypted and the cookie is not Secure.\n  Serve Empfio behind https and set APP_URL (or NEXTAUTH_URL) to its https:// address.\n${bar}\n`;
}
