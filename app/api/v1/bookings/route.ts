import { apiRoute } from "@/lib/api/api-route";
import { bookingJson, listBookings } from "@/lib/records/list-records";

export const GET = apiRoute({}, async ({ db, organization }) => ({
  data: (await listBookings(db, organization.id)).map(bookingJson),
}));
