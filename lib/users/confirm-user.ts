// Confirms a user (UNCONFIRMED → CONFIRMED): after a sign-up code, and (next) Cognito's
// AdminConfirmSignUp. A code proves the address it went to, so that address becomes verified.
import type { Tx } from "../db/client.ts";
import type { UserRow } from "./user.ts";
import { updateUserRow } from "./user.queries.ts";

export async function confirmUser(
  db: Tx,
  options: { userId: string; verified: "email" | "phone_number" | null },
): Promise<UserRow> {
  return updateUserRow(db, { userId: options.userId }, {
    status: "CONFIRMED",
    ...(options.verified === "email" ? { emailVerified: true } : options.verified === "phone_number" ? { phoneVerified: true } : {}),
  });
}
