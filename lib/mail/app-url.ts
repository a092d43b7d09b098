/** An absolute link into the dashboard for an email: APP_URL, else NEXTAUTH_URL (set by the start command). */
export function appUrl(pathname: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = (env.APP_URL || env.NEXTAUTH_URL || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
  return `${base}${pathname.startsWith("/") ? pathname : `/${pathname}`}`;
}
