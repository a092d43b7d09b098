import { parseWith } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors";
import { applyCalcomWebhook, calcomWebhookSchema, isHandledTrigger, resolveCalcomOrganization, verifyCalcomSignature } from "@/lib/inbound/calcom";
import { claimDedupeKey } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound } from "@/lib/inbound/handle-inbound";
import { parseJson, readRawBody, sha256 } from "@/lib/inbound/inbound-request";
import { withEvents } from "@/lib/webhooks/emit-event";

// Cal.com redelivers a webhook it thinks failed; the same delivery within a day is a duplicate.
const REDELIVERY_WINDOW_MS = 24 * 3_600_000;

export function POST(req: Request) {
  return handleInbound("calcom", async ({ db, log }) => {
    const raw = await readRawBody(req);
    const secret = process.env.CALCOM_WEBHOOK_SECRET;
    if (secret) {
      if (!verifyCalcomSignature(raw, req.headers.get("x-cal-signature-256"), secret)) {
        log.verification = "failed";
        throw new AppError("unauthorized", "Missing or wrong X-Cal-Signature-256 for CALCOM_WEBHOOK_SECRET.");
      }
      log.verification = "verified";
    }
    const hook = parseWith(calcomWebhookSchema, parseJson(raw));
    log.eventType = hook.triggerEvent;
    if (!isHandledTrigger(hook.triggerEvent)) {
      return { outcome: "ignored", eventType: hook.triggerEvent, reason: `${hook.triggerEvent} is not handled`, body: { status: "ignored" } };
    }
    const trigger = hook.triggerEvent;
    const { result } = await withEvents(db, async (tx, emit): Promise<{ organizationId: string; effects: Record<string, string | null | undefined> | null }> => {
      const organizationId = await resolveCalcomOrganization(tx, hook, null);
      log.organizationId = organizationId;
      if (!(await claimDedupeKey(tx, `calcom:${sha256(raw.toString("utf8"))}`, REDELIVERY_WINDOW_MS))) return { organizationId, effects: null };
      return { organizationId, effects: await applyCalcomWebhook(tx, emit, organizationId, { ...hook, triggerEvent: trigger }) };
    });
    if (!result.effects) return { outcome: "duplicate", organizationId: result.organizationId, eventType: trigger, body: { status: "duplicate" } };
    return { outcome: "processed", organizationId: result.organizationId, eventType: trigger, effects: result.effects, body: { status: "processed", ...result.effects } };
  });
}
