import { randomBytes } from "node:crypto";

/** A fresh event key and signing key, as an Inngest server and the app share them. */
export function testInngestKeys() {
  return { eventKey: randomBytes(16).toString("hex"), signingKey: `signkey-test-${randomBytes(32).toString("hex")}` };
}

/**
 * The app's environment in signed mode against an executor on `executorPort`, its functions
 * registered at `http://127.0.0.1:<appPort>/api/inngest` (host the route there, e.g. hostRoute).
 */
export function signedInngestEnv(keys: ReturnType<typeof testInngestKeys>, executorPort: number, appPort: number) {
  return {
    INNGEST_BASE_URL: `http://127.0.0.1:${executorPort}`,
    INNGEST_EVENT_KEY: keys.eventKey,
    INNGEST_SIGNING_KEY: keys.signingKey,
    INNGEST_SERVE_ORIGIN: `http://127.0.0.1:${appPort}`,
    INNGEST_SERVE_PATH: "/api/inngest",
  };
}
