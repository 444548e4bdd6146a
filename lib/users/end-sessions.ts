// Ends every session of a user in a pool: their hosted-UI sessions in oidc-provider's storage, and
// every grant with the codes, access and refresh tokens issued under it. Sign-out everywhere, a
// password reset or an admin setting the password (as Keycloak ends a user's other sessions),
// disabling and deleting a user all end here; so does the console session of an admin, which is
// bound to its grant (lib/admin/console-session.ts).
import { deleteSessionsAndGrantsOfUser, GRANT_ARTIFACTS } from "../oidc/artifacts.ts";
import type { Tx } from "../db/client.ts";
import { noteRevocation } from "../tokens/revocations.ts";

// Re-exported for the modules that import it from here.
export { GRANT_ARTIFACTS };

/** Takes the client or a transaction's, so a password change and the end of its sessions commit together. */
export async function endUserSessions(db: Pick<Tx, "$executeRaw">, options: { poolId: string; userId: string }): Promise<number> {
  const ended = await deleteSessionsAndGrantsOfUser(db, options);
  // Inside a caller's transaction this comes before the commit: revocations.ts moves the epoch again once it has.
  await noteRevocation(options.poolId);
  return ended;
}
