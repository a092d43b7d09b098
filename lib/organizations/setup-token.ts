import "server-only";
import { createHmac } from "node:crypto";
import { constantTimeEqual } from "@/lib/inbound/constant-time-equal";

/**
 * The one-time setup's key: derived from AUTH_SECRET, so every web instance knows it and only
 * whoever started Empfio (who sees it printed in the start command's output, and holds the
 * secret) can make the first owner. Without it, the first visitor of a fresh deployment would.
 */
export function setupToken(secret = process.env.AUTH_SECRET ?? ""): string {
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return createHmac("sha256", secret).update("empfio:first-owner-setup").digest("base64url").slice(0, 32);
}

export function isSetupToken(presented: string | null | undefined): boolean {
  return Boolean(process.env.AUTH_SECRET) && constantTimeEqual(presented ?? "", setupToken());
}
