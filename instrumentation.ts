/** Next.js start-up hook: wires the web app's hand-overs to Inngest (see lib/webhooks/delivery-runs.ts). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installInngestDeliveryRuns } = await import("./inngest/install-delivery-runs");
  installInngestDeliveryRuns();
  const { installInngestMailQueue } = await import("./inngest/install-mail-queue");
  installInngestMailQueue();
}
