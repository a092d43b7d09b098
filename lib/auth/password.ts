import "server-only";
import bcrypt from "bcryptjs";

// bcrypt cost 11: ~100 ms per hash here, slow enough to blunt guessing, fast enough for sign-in.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so response time does not reveal which emails exist.
export const DUMMY_HASH = "$2b$11$pre1bke.dSITYuFI5esrt.9UFsJDbnX.DQ4Mq2N8eCJMeyVhPb.iu";
