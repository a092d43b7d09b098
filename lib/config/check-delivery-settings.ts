import { deliveryTimeoutMs, maxEndpointsPerOrganization, retrySchedule } from "@/lib/webhooks/delivery-settings";

/**
 * The delivery settings read from the environment, checked once at start: a typo in one of them
 * stops `npm start` / `npm run dev` with its message instead of failing every delivery or every
 * new endpoint later. Null when all are fine.
 */
export function checkDeliverySettings(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    retrySchedule(env);
    maxEndpointsPerOrganization(env);
    deliveryTimeoutMs(env);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}
