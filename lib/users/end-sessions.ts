// Ends every session of a user in a pool: their hosted-UI sessions in oidc-provider's storage, and
// every grant with the codes, access and refresh tokens issued under it. Sign-out everywhere, a
// password reset or an admin setting the password (as Keycloak ends a user's other sessions),
// disabling and deleting a user all end here; so does the console session of an admin, which is
// bound to its grant (lib/admin/console-session.ts).
import type { Db } from "../db/client.ts";
import { noteRevocation } from "../tokens/revocations.ts";

/** What a grant leaves in oidc-provider's storage: itself and the codes and tokens issued under it. */
export const GRANT_ARTIFACTS = ["Grant", "RefreshToken", "AccessToken", "AuthorizationCode"] as const;

/** Takes the client or a transaction's, so a password change and the end of its sessions commit together. */
export async function endUserSessions(db: Pick<Db, "$executeRaw">, options: { poolId: string; userId: string }): Promise<number> {
  const types = ["Session", ...GRANT_ARTIFACTS].map((model) => `${options.poolId}/${model}`);
  const grantType = `${options.poolId}/Grant`;
  const ended = await db.$executeRaw`
    DELETE FROM "OidcPayload"
    WHERE type = ANY(${types}::text[])
      AND (payload->>'accountId' = ${options.userId}
        OR "grantId" IN (SELECT id FROM "OidcPayload" WHERE type = ${grantType} AND payload->>'accountId' = ${options.userId}))`;
  // Inside a caller's transaction this comes before the commit: revocations.ts moves the epoch again once it has.
  await noteRevocation(options.poolId);
  return ended;
}
