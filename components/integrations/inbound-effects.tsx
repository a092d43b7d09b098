import Link from "next/link";

// What an inbound request created or changed, as the server recorded it: record ids (linked to
// their list page, the id on hover) and the Empfio events it emitted.
const RECORDS: { key: string; label: string; page: string | null }[] = [
  { key: "lead_id", label: "Lead", page: "/leads" },
  { key: "booking_id", label: "Booking", page: "/bookings" },
  { key: "conversation_id", label: "Conversation", page: "/conversations" },
  { key: "message_id", label: "Message", page: "/conversations" },
  { key: "call_id", label: "Call", page: null },
];

export function InboundEffects({ org, effects }: { org: string; effects: Record<string, unknown> | null }) {
  const records = RECORDS.filter((r) => typeof effects?.[r.key] === "string");
  const events = Array.isArray(effects?.events) ? effects.events.filter((e): e is string => typeof e === "string") : [];
  if (!effects || (records.length === 0 && events.length === 0))
    return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return (
    <div className="space-y-1">
      {records.length ? (
        <p className="flex flex-wrap gap-x-2 gap-y-0.5">
          {records.map(({ key, label, page }) => {
            const id = effects[key] as string;
            return page ? (
              <Link
                key={key}
                href={`/${org}${page}`}
                title={id}
                className="font-medium text-brand-700 hover:underline dark:text-brand-100"
              >
                {label}
              </Link>
            ) : (
              <span key={key} title={id}>
                {label}
              </span>
            );
          })}
        </p>
      ) : null}
      {events.length ? (
        <ul aria-label="Events emitted" className="flex flex-wrap gap-1">
          {events.map((e, i) => (
            <li key={`${e}-${i}`} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
              {e}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
