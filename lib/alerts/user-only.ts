import type { Actor } from "@/lib/api/authenticate-request";
import { AppError } from "@/lib/errors";

/** Read state and email preferences are a person's: an API key has neither. */
export function userOnly(actor: Actor): string {
  if (actor.kind !== "user")
    throw new AppError(
      "forbidden",
      "This belongs to a signed-in user; an API key has no read state or email preference.",
    );
  return actor.userId;
}
