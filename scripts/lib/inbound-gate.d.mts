import type { IncomingMessage, ServerResponse } from "node:http";

export function createInboundGate(options: {
  turns: { concurrency: number; queueLimit: number } | null;
  maxBodyBytes: number;
  bodyTimeoutMs?: number;
}): (req: IncomingMessage, res: ServerResponse, handle: (body: Buffer) => void) => void;

export function refuse(res: ServerResponse, status: number, code: string, message: string): void;

export function appendPeerAddress(req: IncomingMessage): void;

export function inboundTurnsFromEnv(
  env: Record<string, string | undefined>,
  concurrency: number,
): {
  concurrency: number;
  queueLimit: number;
};
