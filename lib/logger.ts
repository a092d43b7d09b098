import "server-only";
import pino from "pino";
import { traceIds } from "@/lib/tracing/tracing";

// JSON lines to stdout; secrets are never passed to the logger (redaction below is a backstop).
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  // With tracing on, each line names its trace and span, so logs and traces join up.
  mixin: traceIds,
  redact: { paths: ["*.secret", "*.password", "*.authorization", "*.signingSecret"], censor: "[redacted]" },
});
