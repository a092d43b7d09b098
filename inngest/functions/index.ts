import { deliveriesBulkRetry } from "./deliveries-bulk-retry";
import { mailSend } from "./mail-send";
import { pruneExpiredRowsCron } from "./prune-expired-rows";
import { webhookDeliver } from "./webhook-deliver";
import { webhookDeliverySweep } from "./webhook-delivery-sweep";

/** Every function the app serves. */
export const functions = [webhookDeliver, webhookDeliverySweep, pruneExpiredRowsCron, mailSend, deliveriesBulkRetry];
