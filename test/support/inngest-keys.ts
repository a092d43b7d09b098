import { randomBytes } from "node:crypto";

/** A fresh event key and signing key, as an Inngest server and the app share them. */
export function testInngestKeys() {
  return { eventKey: randomBytes(16).toString("hex"), signingKey: `signkey-test-${randomBytes(32).toString("hex")}` };
}
