/**
 * Next.js start-up hook: starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md)
 * and wires the web app's hand-overs to Inngest (see lib/webhooks/delivery-runs.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startTracing } = await import("./lib/tracing/tracing");
  await startTracing("empfio-web");
  const { installInngestDeliveryRuns } = await import("./inngest/install-delivery-runs");
  installInngestDeliveryRuns();
  const { installInngestMailQueue } = await import("./inngest/install-mail-queue");
  installInngestMailQueue();
}
