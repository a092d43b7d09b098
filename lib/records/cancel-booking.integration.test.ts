import { describe, expect, it } from "vitest";
import { cancelBooking, createBooking } from "@/lib/records/bookings";
import { withEvents } from "@/lib/webhooks/emit-event";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { setUpTestDb } from "@/test/support/test-db";

const t = setUpTestDb();

describe("cancelBooking", () => {
  it("two cancels at once: the booking is cancelled once and one booking.cancelled goes out", async () => {
    const org = await createTestOrganization(t.db);
    const { result: booking } = await withEvents(t.db, (tx, emit) =>
      createBooking(tx, emit, org.id, {
        leadId: null,
        service: "Haircut",
        startTime: new Date("2026-03-20T14:00:00Z"),
        endTime: null,
        source: "dashboard",
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        withEvents(t.db, (tx, emit) => cancelBooking(tx, emit, org.id, booking.id)).then((r) => r.result),
      ),
    );
    expect(results.filter((r) => r?.changed)).toHaveLength(1);
    expect(results.every((r) => r?.booking.status === "cancelled")).toBe(true);
    expect(await t.db.webhookEvent.count({ where: { organizationId: org.id, type: "booking.cancelled" } })).toBe(1);
  });
});
