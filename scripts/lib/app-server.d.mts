import type { IncomingMessage, Server, ServerResponse } from "node:http";

export function createAppServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
  options: {
    hsts: string | null;
    ingestUrl?: string | null;
    inboundConcurrency: number;
    inboundQueueLimit: number;
    inboundMaxBodyBytes: number;
    inboundBodyTimeoutMs?: number;
  },
): Server;
