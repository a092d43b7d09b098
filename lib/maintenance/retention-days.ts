/** How long events, deliveries, inbound requests and sign-in attempts are kept, from RETENTION_DAYS. */
export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.RETENTION_DAYS?.trim();
  if (!raw) return 30;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new Error(`RETENTION_DAYS: "${raw}" is not a whole number of days`);
  return days;
}
