// The password step of sign-in. Unknown user and wrong password give the same answer; after five
// failures in a row a user is locked out, for 30 seconds and then twice as long each time (up to
// 15 minutes), as Cognito does.
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

export async function verifySignInPassword(db: Db, options: { pool: Pool; login: string; password: string }): Promise<UserRow> {
  const user = await findUserByLogin(db, options.pool, options.login);
  if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const wait = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
    throw new AppError("TooManyFailedAttemptsException", "Password attempts exceeded. Wait a while and try again, or reset your password.", { retryAfterSeconds: wait });
  }
  const ok = await verifyPassword(user?.passwordHash, options.password);
  if (!user || !ok) {
    if (user) {
      const updated = await db.user.update({ where: { id: user.id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
      const seconds = lockSeconds(updated.failedAttempts);
      if (seconds > 0) {
        await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + seconds * 1000) } });
        throw new AppError("TooManyFailedAttemptsException", "Password attempts exceeded. Wait a while and try again, or reset your password.", { retryAfterSeconds: seconds });
      }
    }
    throw new AppError("NotAuthorizedException", WRONG);
  }
  if (!user.enabled) throw new AppError("NotAuthorizedException", "This account is disabled. Contact the application's administrator.");
  if (user.failedAttempts > 0 || user.lockedUntil) {
    await db.user.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null } });
  }
  return user;
}
