import { apiRoute } from "@/lib/api/api-route";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { cancelBooking } from "@/lib/records/bookings";
import { bookingJson } from "@/lib/records/list-records";
import { withEvents } from "@/lib/webhooks/emit-event";

// As the seed says, a cancel from the dashboard emits booking.cancelled like a Cal.com one.
export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ db, organization, params }) => {
  if (!isUuid(params.id)) throw notFound("Booking");
  const { result } = await withEvents(db, (tx, emit) => cancelBooking(tx, emit, organization.id, params.id));
  if (!result) throw notFound("Booking");
  return { booking: bookingJson(result.booking), changed: result.changed };
});
