// Vitest setup: hand-overs in tests start runs through Inngest, as in the app (wherever the test
// points INNGEST_* before its first hand-over).
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import { installInngestMailQueue } from "@/inngest/install-mail-queue";

installInngestDeliveryRuns();
installInngestMailQueue();
