// A signed-in user changes their password (Cognito's ChangePassword). The previous password proves
// it is them, under the lockout sign-in has (verify-sign-in.ts); the new one must meet the pool's
// policy and is set with its SRP verifier (set-password.ts). Other sessions stay signed in, as in
// Cognito (an administrator setting a password ends them; the user changing theirs does not).
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { assertPasswordMeetsPolicy } from "./assert-password-meets-policy.ts";
import { computePasswordRecord } from "./password-record.ts";
import { setPassword } from "./set-password.ts";
import type { UserRow } from "./user.ts";
import { verifyUserPassword } from "./verify-sign-in.ts";

export async function changePassword(
  deps: { db: Db; secrets: Secrets },
  options: { pool: Pool; user: UserRow; previousPassword: string | undefined; proposedPassword: string },
): Promise<UserRow> {
  const { pool, user } = options;
  assertPasswordMeetsPolicy(pool, options.proposedPassword);
  // A user without a password (one who signs in through another provider) may set one without it.
  if (user.passwordHash) {
    if (options.previousPassword === undefined) throw new AppError("InvalidParameterException", "Missing required parameter PreviousPassword");
    await verifyUserPassword(deps.db, user, options.previousPassword);
  }
  const password = await computePasswordRecord({ poolId: pool.id, username: user.username, secrets: deps.secrets, password: options.proposedPassword });
  const saved = await setPassword(deps.db, {
    poolId: pool.id, userId: user.id, password, status: "CONFIRMED", clearLockout: true, endSessions: false,
    // Only over the password that was checked: of two changes racing, the second must prove the first's.
    onlyIf: { passwordHash: user.passwordHash },
  });
  if (!saved) throw new AppError("NotAuthorizedException", "Incorrect username or password.");
  return saved;
}
