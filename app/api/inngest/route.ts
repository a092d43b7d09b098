import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import { installInngestMailQueue } from "@/inngest/install-mail-queue";
import { functions } from "@/inngest/functions";

installInngestDeliveryRuns();
installInngestMailQueue();

// Signed mode: every call, a sync (PUT) included, must carry a valid X-Inngest-Signature.
export const { GET, POST, PUT } = serve({ client: inngest, functions, enableUnauthedSync: false });
