import "server-only";
import { inngest } from "./client";
import { functions } from "./functions";

/**
 * How the functions are served, by the worker and by the optional Next route alike: signed mode
 * only (the client never runs in dev mode), and a sync (PUT) must be signed too, so a request's
 * Host header can never choose where the functions get registered.
 */
export const serveOptions = { client: inngest, functions, enableUnauthedSync: false };
