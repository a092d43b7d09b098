"use client";

import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { useEventTypes } from "@/lib/api-client/use-event-types";

/** The "Event type" filter of the event log and the delivery log: every catalogue type, or all. */
export function EventTypeFilter({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (type: string) => void;
}) {
  const { data: types } = useEventTypes();
  return (
    <Field id={id} label="Event type" className="w-52">
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {(types ?? []).map((t) => (
          <option key={t.name} value={t.name}>
            {t.name}
          </option>
        ))}
      </NativeSelect>
    </Field>
  );
}
