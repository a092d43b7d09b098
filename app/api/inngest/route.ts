import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import { functions } from "@/inngest/functions";

installInngestDeliveryRuns();

export const { GET, POST, PUT } = serve({ client: inngest, functions });
