import { pruneExpiredRowsCron } from "./prune-expired-rows";
import { webhookDeliver } from "./webhook-deliver";
import { webhookFanOut } from "./webhook-fan-out";
import { webhookOutboxSweep } from "./webhook-outbox-sweep";

/** Every function served at /api/inngest. */
export const functions = [webhookDeliver, webhookFanOut, webhookOutboxSweep, pruneExpiredRowsCron];
