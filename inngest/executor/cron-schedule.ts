import { CronExpressionParser } from "cron-parser";

/**
 * The next time a cron trigger fires after `after`. Accepts Inngest's `TZ=Zone ` prefix and,
 * beyond Inngest, a leading seconds field (6 fields), which tests use to fire every second.
 */
export function nextCronTime(cron: string, after: Date): Date {
  const match = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(cron.trim());
  const [expression, tz] = match ? [match[2], match[1]] : [cron.trim(), "UTC"];
  return CronExpressionParser.parse(expression, { currentDate: after, tz }).next().toDate();
}
