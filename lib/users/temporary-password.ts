// A temporary password (an administrator's AdminCreateUser or AdminSetUserPassword without
// permanent): how long it works, by the pool's current policy, and Cognito's answer once it has expired.
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "./user.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a temporary password works, by the pool's current policy. */
export function temporaryPasswordValidityMs(pool: Pick<Pool, "passwordPolicy">): number {
  return pool.passwordPolicy.temporaryPasswordValidityDays * DAY_MS;
}

/**
 * When a user's temporary password stops working: the pool's temporaryPasswordValidityDays after
 * it was set, counted with the pool's current policy (so raising it extends passwords already
 * handed out). Null when the user has no temporary password.
 */
export function temporaryPasswordExpiresAt(pool: Pick<Pool, "passwordPolicy">, user: Pick<UserRow, "status" | "passwordSetAt">): Date | null {
  if (user.status !== "FORCE_CHANGE_PASSWORD" || !user.passwordSetAt) return null;
  return new Date(user.passwordSetAt.getTime() + temporaryPasswordValidityMs(pool));
}

/** Cognito's answer once a temporary password has expired: only an administrator can issue a new one. */
export function assertTemporaryPasswordValid(pool: Pick<Pool, "passwordPolicy">, user: Pick<UserRow, "status" | "passwordSetAt">, now = new Date()): void {
  const expiresAt = temporaryPasswordExpiresAt(pool, user);
  if (expiresAt && expiresAt <= now)
    throw new AppError("NotAuthorizedException", "Your temporary password has expired. Ask the application's administrator for a new one.");
}
