import { serve } from "inngest/next";
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import { serveOptions } from "@/inngest/serve-options";

/*
 * The functions normally run in the worker tier (inngest/worker/). This route serves them from
 * the web app only on a serverless host, where no worker process can run: it answers 404 unless
 * EMPFIO_FUNCTIONS_ROUTE=1, and then, like the worker, only signed calls.
 */
export const dynamic = "force-dynamic";

const enabled = process.env.EMPFIO_FUNCTIONS_ROUTE === "1";
if (enabled) installInngestDeliveryRuns();
const handlers = enabled ? serve(serveOptions) : null;

function off(): Response {
  return Response.json(
    { error: { code: "not_found", message: "The functions are served by the worker (EMPFIO_FUNCTIONS_ROUTE is off)" } },
    { status: 404 },
  );
}

export const GET = handlers?.GET ?? off;
export const POST = handlers?.POST ?? off;
export const PUT = handlers?.PUT ?? off;
