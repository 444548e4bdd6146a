// The SQL of a user's sessions in oidc-provider's storage (the OidcPayload table), as the console's
// Sessions card reads and ends them (list-user-sessions.ts, revoke-user-session.ts).
import type { Tx } from "../../db/client.ts";
import { artifactType } from "../../oidc/artifacts.ts";

/** Up to 100 live sessions of the user, newest sign-in first. */
export function findLiveSessions<P>(db: Tx, options: { poolId: string; userId: string }): Promise<{ id: string; payload: P; expiresAt: Date | null }[]> {
  // Raw, so the filter is the expression the (type, payload->>'accountId') index covers.
  return db.$queryRaw<{ id: string; payload: P; expiresAt: Date | null }[]>`
    SELECT id, payload, "expiresAt" FROM "OidcPayload"
    WHERE type = ${artifactType(options.poolId, "Session")} AND payload->>'accountId' = ${options.userId} AND ("expiresAt" IS NULL OR "expiresAt" > now())
    ORDER BY (payload->>'loginTs')::bigint DESC NULLS LAST
    LIMIT 100`;
}

/** Usable (unconsumed, unexpired) refresh tokens per grant. */
export async function countRefreshTokensByGrant(db: Tx, options: { poolId: string; grantIds: string[] }): Promise<{ grantId: string | null; count: number }[]> {
  const rows = await db.oidcPayload.groupBy({
    by: ["grantId"],
    where: { type: artifactType(options.poolId, "RefreshToken"), grantId: { in: options.grantIds }, consumedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    _count: { _all: true },
  });
  return rows.map((row) => ({ grantId: row.grantId, count: row._count._all }));
}

/** Every usable refresh token of the user, including those of sessions that have ended. */
export async function countUserRefreshTokens(db: Tx, options: { poolId: string; userId: string }): Promise<number> {
  const [all] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM "OidcPayload"
      WHERE type = ${artifactType(options.poolId, "RefreshToken")} AND payload->>'accountId' = ${options.userId}
        AND "consumedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())`;
  return Number(all?.count ?? 0);
}

export function findClientNames(db: Tx, options: { poolId: string; clientIds: string[] }): Promise<{ clientId: string; name: string }[]> {
  return db.appClient.findMany({ where: { poolId: options.poolId, clientId: { in: options.clientIds } }, select: { clientId: true, name: true } });
}

export async function findSessionPayload(db: Tx, options: { type: string; id: string }): Promise<unknown> {
  const session = await db.oidcPayload.findUnique({ where: { type_id: { type: options.type, id: options.id } } });
  return session?.payload;
}

/** Deletes the grants' artifacts (of these types), then the session: how many rows went. */
export async function deleteSessionAndGrants(db: Tx, options: { sessionType: string; sessionId: string; grantTypes: string[]; grantIds: string[] }): Promise<number> {
  const tokens = options.grantIds.length ? await db.oidcPayload.deleteMany({ where: { type: { in: options.grantTypes }, grantId: { in: options.grantIds } } }) : { count: 0 };
  const ended = await db.oidcPayload.deleteMany({ where: { type: options.sessionType, id: options.sessionId } });
  return tokens.count + ended.count;
}
