// Signs a user out everywhere: every session, grant and refresh token (end-sessions.ts), so the
// access tokens issued under them stop working at once, and any sign-in they have in progress.
// Cognito's AdminUserGlobalSignOut (the admin side) and GlobalSignOut (the user's own token).
import type { Tx } from "../db/client.ts";
import { deleteUserAuthFlows } from "../auth-flow/flow-records.queries.ts";
import { endUserSessions } from "./end-sessions.ts";
import { endUserFlows } from "../hosted-ui/flow-keys.ts";
import { runningRuntime } from "../runtime.ts";

/** Takes the client or a transaction's. Returns how many stored artifacts ended. */
export async function signOutUser(db: Pick<Tx, "$executeRaw" | "authFlow">, options: { poolId: string; userId: string }): Promise<number> {
  const revoked = await endUserSessions(db, options);
  await deleteUserAuthFlows(db, options);
  // Where Redis is configured, hosted sign-ins in progress live there (lib/hosted-ui/flow.ts). Ended
  // at once, even inside a transaction that may still roll back: that only restarts a sign-in.
  const rt = runningRuntime();
  if (rt?.redis) await endUserFlows(rt.redis, rt.env.redisPrefix, options);
  return revoked;
}
