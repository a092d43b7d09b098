import { Ban, CircleCheck, CircleHelp, CircleSlash, Copy, ShieldAlert, ShieldCheck, ShieldOff } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { InboundOutcome, InboundVerification } from "@/lib/api-client/types";

const OUTCOMES: Record<InboundOutcome, { label: string; tone: BadgeTone; icon: typeof Ban }> = {
  processed: { label: "Processed", tone: "success", icon: CircleCheck },
  duplicate: { label: "Duplicate", tone: "neutral", icon: Copy },
  ignored: { label: "Ignored", tone: "neutral", icon: CircleSlash },
  unmatched: { label: "Unmatched", tone: "warning", icon: CircleHelp },
  rejected: { label: "Rejected", tone: "danger", icon: Ban },
};

export const OUTCOME_OPTIONS = Object.entries(OUTCOMES).map(([value, { label }]) => ({
  value: value as InboundOutcome,
  label,
}));

export function OutcomeBadge({ outcome }: { outcome: InboundOutcome }) {
  const { label, tone, icon: Icon } = OUTCOMES[outcome] ?? OUTCOMES.rejected;
  return (
    <Badge tone={tone}>
      <Icon aria-hidden className="size-3" /> {label}
    </Badge>
  );
}

const VERIFICATIONS: Record<InboundVerification, { label: string; tone: BadgeTone; icon: typeof Ban }> = {
  verified: { label: "Verified", tone: "success", icon: ShieldCheck },
  failed: { label: "Failed", tone: "danger", icon: ShieldAlert },
  not_configured: { label: "Not checked", tone: "neutral", icon: ShieldOff },
};

export function VerificationBadge({ verification }: { verification: InboundVerification }) {
  const { label, tone, icon: Icon } = VERIFICATIONS[verification] ?? VERIFICATIONS.failed;
  return (
    <Badge
      tone={tone}
      title={
        verification === "not_configured"
          ? "No secret or token was configured, so the sender was not verified."
          : undefined
      }
    >
      <Icon aria-hidden className="size-3" /> {label}
    </Badge>
  );
}
