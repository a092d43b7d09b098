import {
  brevoCallSchema,
  brevoMeetingSchema,
  type BrevoCallType,
  type BrevoKind,
  type BrevoMeetingKind,
} from "./brevo-webhook-schema";
import { parseBody, type ParseResult } from "./parse-result";
import { sha256Hex } from "./sha256-hex";

export type BrevoParticipant = {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
};

export type BrevoMeeting = {
  /** The same for booked, started and cancelled of one meeting: Brevo sends no meeting id. */
  externalRef: string;
  name: string | null;
  service: string;
  startTime: Date;
  endTime: Date | null;
  location: string | null;
  address: string | null;
  notes: string | null;
  price: number | null;
  currency: string | null;
  accountEmail: string | null;
};

type BrevoFacts = {
  /** Brevo sends no event id: identical payloads of one kind are the same delivery (60 s window). */
  dedupeKey: string;
};

export type BrevoCommand =
  | (BrevoFacts & {
      kind: "meeting_booked" | "meeting_started" | "meeting_cancelled";
      meeting: BrevoMeeting;
      participant: BrevoParticipant | null;
      participants: BrevoParticipant[];
    })
  | (BrevoFacts & {
      kind: "call_finished";
      call: {
        phoneNumber: string;
        type: BrevoCallType;
        durationSeconds: number | null;
        isForwarded: boolean | null;
        recording: boolean | null;
        phoneLine: string | null;
        phoneLineName: string | null;
        agentName: string | null;
      };
      /** "missed" and "missed voicemail": an unknown number becomes a lead. */
      missed: boolean;
    });

const MEETING_COMMAND: Record<BrevoMeetingKind, "meeting_booked" | "meeting_started" | "meeting_cancelled"> = {
  "meeting-booked": "meeting_booked",
  "meeting-started": "meeting_started",
  "meeting-cancelled": "meeting_cancelled",
};

export function brevoDedupeKey(kind: BrevoKind, rawBody: Uint8Array | string): string {
  return `brevo:${sha256Hex(kind, "\n", rawBody)}`;
}

const joinName = (...parts: (string | null)[]) => parts.filter(Boolean).join(" ") || null;

function meetingRef(startIso: string, name: string | null, email: string | null): string {
  // The start instant, not its spelling, so "…Z" and "+00:00" forms of one meeting agree.
  return `brevo:meeting:${sha256Hex(new Date(startIso).toISOString(), "\n", name ?? "", "\n", email?.toLowerCase() ?? "")}`;
}

/** Raw body of `/brevo/{connection}/{kind}` → a command, or a 400/422 naming the field. */
export function parseBrevoWebhook(kind: BrevoKind, rawBody: Uint8Array | string): ParseResult<BrevoCommand> {
  const dedupeKey = brevoDedupeKey(kind, rawBody);
  if (kind === "call-finished") {
    const parsed = parseBody(rawBody, brevoCallSchema);
    if (!parsed.ok) return parsed;
    const c = parsed.value;
    const call = {
      phoneNumber: c.phone_number,
      type: c.type,
      durationSeconds: c.duration_seconds === null ? null : Math.round(c.duration_seconds),
      isForwarded: c.is_forwarded,
      recording: c.recording,
      phoneLine: c.phone_line,
      phoneLineName: c.phone_line_name,
      agentName: c.account_name && joinName(c.account_name.given_name, c.account_name.family_name),
    };
    return {
      ok: true,
      command: { kind: "call_finished", dedupeKey, call, missed: c.type === "missed" || c.type === "missed voicemail" },
    };
  }
  const parsed = parseBody(rawBody, brevoMeetingSchema);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const participants = m.event_participants.map((p) => ({
    email: p.EMAIL,
    firstName: p.FIRSTNAME,
    lastName: p.LASTNAME,
    name: joinName(p.FIRSTNAME, p.LASTNAME),
  }));
  const participant = participants[0] ?? null;
  const meeting: BrevoMeeting = {
    externalRef: meetingRef(m.meeting_start_timestamp, m.meeting_name, participant?.email ?? null),
    name: m.meeting_name,
    service: m.meeting_name ?? "Meeting",
    startTime: new Date(m.meeting_start_timestamp),
    endTime: m.meeting_end_timestamp ? new Date(m.meeting_end_timestamp) : null,
    location: m.meeting_location,
    address: m.meeting_address,
    notes: m.meeting_notes,
    price: m.price,
    currency: m.currency,
    accountEmail: m.account_email,
  };
  return { ok: true, command: { kind: MEETING_COMMAND[kind], dedupeKey, meeting, participant, participants } };
}
