import "server-only";
import type { Attributes, Span, Tracer } from "@opentelemetry/api";

type Api = typeof import("@opentelemetry/api");
type Tracing = { api: Api; tracer: Tracer; flush: () => Promise<void> };

/** The W3C trace context a span hands to work that continues it elsewhere (`traceparent`…). */
export type TraceCarrier = Record<string, string>;

// On globalThis: Next.js bundles instrumentation and route handlers separately.
const holder = globalThis as unknown as { __empfioTracing?: Tracing };

/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans are batched to
 * `$OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces` over OTLP/HTTP (JSON). Without it nothing is loaded:
 * the packages are imported here and only here, and `inSpan` runs its work bare.
 */
export async function startTracing(serviceName: string): Promise<void> {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT || holder.__empfioTracing) return;
  const [api, { NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/api"),
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Sets the global tracer provider, the W3C propagator and the async context manager.
  provider.register();
  holder.__empfioTracing = { api, tracer: api.trace.getTracer("empfio"), flush: () => provider.forceFlush() };
}

/** Sends the spans ended so far (tests; a process about to exit). */
export async function flushTracing(): Promise<void> {
  await holder.__empfioTracing?.flush();
}

/**
 * Runs `work` inside a span named `name` (a child of the active span, or of `parent` when given),
 * ending it when `work` settles and recording a thrown error. Without tracing, just runs `work`.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Pick<Span, "setAttributes"> | null) => Promise<T>,
  parent?: TraceCarrier,
): Promise<T> {
  const tracing = holder.__empfioTracing;
  if (!tracing) return work(null);
  const { api, tracer } = tracing;
  const context = parent ? api.propagation.extract(api.context.active(), parent) : api.context.active();
  return tracer.startActiveSpan(name, { attributes }, context, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span's context to pass along (in an Inngest event's data); empty without tracing. */
export function traceCarrier(): TraceCarrier {
  const tracing = holder.__empfioTracing;
  const carrier: TraceCarrier = {};
  tracing?.api.propagation.inject(tracing.api.context.active(), carrier);
  return carrier;
}

/** The active trace and span ids, for log lines; empty without tracing. */
export function traceIds(): { trace_id?: string; span_id?: string } {
  const span = holder.__empfioTracing?.api.trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
