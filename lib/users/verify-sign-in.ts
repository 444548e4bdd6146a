// The password step of sign-in and the lockout every step shares. Unknown user and wrong password
// give the same answer; after five failures in a row (passwords and MFA codes alike) a user is
// locked out, for 30 seconds and then twice as long each time (up to 15 minutes), as Cognito does.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { verifyPassword } from "../security/passwords.ts";
import { findUserByLogin } from "./find-user.ts";
import type { UserRow } from "./user.ts";

export const LOCKOUT_THRESHOLD = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

export function lockSeconds(failedAttempts: number): number {
  if (failedAttempts < LOCKOUT_THRESHOLD) return 0;
  return Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failedAttempts - LOCKOUT_THRESHOLD));
}

const WRONG = "Incorrect username or password.";
const PASSWORD_LOCKED = "Password attempts exceeded. Wait a while and try again, or reset your password.";

/** Refuses a user who is locked out, with `message` and how long to wait. */
export function assertNotLocked(user: Pick<UserRow, "lockedUntil">, message = PASSWORD_LOCKED): void {
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const wait = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
    throw new AppError("TooManyFailedAttemptsException", message, { retryAfterSeconds: wait });
  }
}

/**
 * Counts one failed step of a sign-in (a wrong password or MFA code) toward the user's lockout,
 * and throws `message` if the user is now locked. The count is cleared only when a sign-in
 * completes, so starting a new sign-in after each wrong MFA code gains nothing.
 */
export async function recordFailedAttempt(db: Db, userId: string, message = PASSWORD_LOCKED): Promise<void> {
  const updated = await db.user.update({ where: { id: userId }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
  const seconds = lockSeconds(updated.failedAttempts);
  if (seconds > 0) {
    await db.user.update({ where: { id: userId }, data: { lockedUntil: new Date(Date.now() + seconds * 1000) } });
    throw new AppError("TooManyFailedAttemptsException", message, { retryAfterSeconds: seconds });
  }
}

/** A sign-in completed: the failures before it no longer count. */
export async function clearFailedAttempts(db: Db, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, OR: [{ failedAttempts: { gt: 0 } }, { lockedUntil: { not: null } }] }, data: { failedAttempts: 0, lockedUntil: null } });
}

export async function verifySignInPassword(db: Db, options: { pool: Pool; login: string; password: string }): Promise<UserRow> {
  const user = await findUserByLogin(db, options.pool, options.login);
  if (user) assertNotLocked(user);
  const ok = await verifyPassword(user?.passwordHash, options.password);
  if (!user || !ok) {
    if (user) await recordFailedAttempt(db, user.id);
    throw new AppError("NotAuthorizedException", WRONG);
  }
  if (!user.enabled) throw new AppError("NotAuthorizedException", "This account is disabled. Contact the application's administrator.");
  return user;
}
