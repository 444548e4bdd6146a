// The SQL of an admin's view of a user's second factors (user-factors.ts): counts for the user
// page, and "Reset MFA", which removes every second factor in the caller's transaction.
import type { Tx } from "../../db/client.ts";
import type { UserRow } from "../../users/user.ts";

export function countPasskeys(db: Tx, userId: string): Promise<number> {
  return db.webAuthnCredential.count({ where: { userId } });
}

export function countConfirmedDevices(db: Tx, userId: string): Promise<number> {
  return db.device.count({ where: { userId, confirmed: true } });
}

export function findUserRowById(db: Tx, userId: string): Promise<UserRow> {
  return db.user.findUniqueOrThrow({ where: { id: userId } });
}

/** No authenticator (a new one is set up from scratch), SMS and email codes off, no preference. */
export async function clearMfaColumns(db: Tx, userId: string): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { totpSecretEnc: null, totpLastStep: null, totpPendingEnc: null, totpEnabled: true, smsMfaEnabled: false, emailMfaEnabled: false, preferredMfa: null },
  });
}

/** Deletes every recovery code of the user; how many of them were unused. */
export async function deleteRecoveryCodes(db: Tx, userId: string): Promise<number> {
  const unused = await db.recoveryCode.deleteMany({ where: { userId, usedAt: null } });
  await db.recoveryCode.deleteMany({ where: { userId } });
  return unused.count;
}

export async function deleteDevices(db: Tx, userId: string): Promise<void> {
  await db.device.deleteMany({ where: { userId } });
}
