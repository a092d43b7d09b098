import { applyCalcomCommand, resolveCalcomOrganization } from "@/lib/inbound/calcom";
import { claimDedupeKey } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound } from "@/lib/inbound/handle-inbound";
import { commandOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "@/lib/inbound/inbound-request";
import { parseCalcomWebhook } from "@/lib/inbound/parse-calcom-webhook";
import { verifyCalcomSignature } from "@/lib/inbound/verify-calcom-signature";
import { withEvents } from "@/lib/webhooks/emit-event";

// Cal.com redelivers a webhook it thinks failed; the same delivery within a day is a duplicate.
const REDELIVERY_WINDOW_MS = 24 * 3_600_000;

export function POST(req: Request) {
  return handleInbound("calcom", async ({ db, log }) => {
    const raw = await readRawBodyOrThrow(req);
    // With no CALCOM_WEBHOOK_SECRET, Cal.com sends no signature and none is required.
    if (process.env.CALCOM_WEBHOOK_SECRET) verifiedOrThrow(verifyCalcomSignature(raw, req.headers.get("x-cal-signature-256"), process.env.CALCOM_WEBHOOK_SECRET), log);
    const command = commandOrThrow(parseCalcomWebhook(raw));
    log.eventType = command.triggerEvent;
    if (command.kind === "ignored") return { outcome: "ignored", eventType: command.triggerEvent, reason: command.reason, body: { status: "ignored" } };
    const { result } = await withEvents(db, async (tx, emit): Promise<{ organizationId: string; effects: Record<string, string | null | undefined> | null }> => {
      const organizationId = await resolveCalcomOrganization(tx, command, null);
      log.organizationId = organizationId;
      if (!(await claimDedupeKey(tx, command.dedupeKey, REDELIVERY_WINDOW_MS))) return { organizationId, effects: null };
      return { organizationId, effects: await applyCalcomCommand(tx, emit, organizationId, command) };
    });
    if (!result.effects) return { outcome: "duplicate", organizationId: result.organizationId, eventType: command.triggerEvent, body: { status: "duplicate" } };
    return { outcome: "processed", organizationId: result.organizationId, eventType: command.triggerEvent, effects: result.effects, body: { status: "processed", ...result.effects } };
  });
}
