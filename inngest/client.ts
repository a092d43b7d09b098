import "./plain-process-env";
import { Inngest } from "inngest";

/**
 * The app's Inngest client. Where it sends events and who may call it follow the standard
 * INNGEST_* variables: INNGEST_DEV=<url> for the embedded executor (set by `npm run dev` /
 * `npm start`), or INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY (+ INNGEST_BASE_URL) for a server.
 */
export const inngest = new Inngest({ id: "empfio" });
