// Confirms a user (UNCONFIRMED → CONFIRMED): after a sign-up code, and (next) Cognito's
// AdminConfirmSignUp. A code proves the address it went to, so that address becomes verified.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { UserRow } from "./user.ts";

export async function confirmUser(
  db: Prisma.TransactionClient,
  options: { userId: string; verified: "email" | "phone_number" | null },
): Promise<UserRow> {
  return db.user.update({
    where: { id: options.userId },
    data: {
      status: "CONFIRMED",
      ...(options.verified === "email" ? { emailVerified: true } : options.verified === "phone_number" ? { phoneVerified: true } : {}),
    },
  });
}
