import "server-only";
import pino from "pino";

// JSON lines to stdout; secrets are never passed to the logger (redaction below is a backstop).
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: { paths: ["*.secret", "*.password", "*.authorization", "*.signingSecret"], censor: "[redacted]" },
});
