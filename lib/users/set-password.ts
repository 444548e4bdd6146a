// Sets a user's password: the one writer of a password for an existing user (admin set password,
// forgot password, NEW_PASSWORD_REQUIRED). The record comes from computePasswordRecord
// (password-record.ts), so whatever a password stores is stored here too.
import type { Tx } from "../db/client.ts";
import { endUserSessions } from "./end-sessions.ts";
import { passwordColumns, type PasswordRecord } from "./password-record.ts";
import type { UserRow } from "./user.ts";
import { updateUserIf, type UserCondition } from "./user.queries.ts";

export type SetPasswordOptions = {
  poolId: string;
  userId: string;
  password: PasswordRecord;
  /** CONFIRMED for a password the user chose or an admin made permanent; FORCE_CHANGE_PASSWORD for a temporary one. */
  status: "CONFIRMED" | "FORCE_CHANGE_PASSWORD";
  /** Forget failed sign-ins and any lockout: a new password is a fresh start. */
  clearLockout: boolean;
  /** End every session the old password opened, with its tokens (as Keycloak does). */
  endSessions: boolean;
  /** Only if the user still matches this, checked in the update itself (e.g. a temporary password not yet expired). */
  onlyIf?: UserCondition;
};

/** The updated user, or null when no user of the pool matched (with onlyIf). */
export async function setPassword(db: Tx, options: SetPasswordOptions): Promise<UserRow | null> {
  const user = await updateUserIf(db, { id: options.userId, poolId: options.poolId, ...options.onlyIf }, {
    ...passwordColumns(options.password), status: options.status,
    ...(options.clearLockout ? { failedAttempts: 0, lockedUntil: null } : {}),
  });
  if (!user) return null;
  if (options.endSessions) await endUserSessions(db, { poolId: options.poolId, userId: user.id });
  return user;
}
