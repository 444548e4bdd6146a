// Where a user is signed in (as Keycloak's Sessions tab shows): their live hosted-UI sessions from
// oidc-provider's storage, each with when it began, how (MFA or not), which apps it signed in to,
// and how many of its refresh tokens are still usable.
import type { Db } from "../../db/client.ts";
import { artifactType } from "../../oidc/artifacts.ts";
import { findUserRow } from "./manage-user.ts";
import { ACCOUNT_CLIENT_NAME, isBuiltInClientId } from "../../account/account-client.ts";

export type UserSession = {
  id: string;
  signedInAt: string | null;
  expiresAt: string | null;
  mfa: boolean;
  apps: { clientId: string; name: string | null }[];
  refreshTokens: number;
};

/** The parts of oidc-provider's Session payload the console reads. */
export type SessionPayload = { accountId?: string; loginTs?: number; amr?: string[]; authorizations?: Record<string, { grantId?: string }> };

/** The grants a session made: one per app it signed in to. */
export function sessionGrantIds(payload: SessionPayload): string[] {
  return Object.values(payload.authorizations ?? {}).map((a) => a.grantId).filter((g): g is string => !!g);
}

export type UserSessions = {
  sessions: UserSession[];
  /** Every usable refresh token of the user, including those of sessions that have ended. */
  refreshTokens: number;
};

export async function listUserSessions(db: Db, options: { poolId: string; username: string }): Promise<UserSessions> {
  const user = await findUserRow(db, options.poolId, options.username);
  // Raw, so the filter is the expression the (type, payload->>'accountId') index covers.
  const rows = await db.$queryRaw<{ id: string; payload: SessionPayload; expiresAt: Date | null }[]>`
    SELECT id, payload, "expiresAt" FROM "OidcPayload"
    WHERE type = ${artifactType(options.poolId, "Session")} AND payload->>'accountId' = ${user.id} AND ("expiresAt" IS NULL OR "expiresAt" > now())
    ORDER BY (payload->>'loginTs')::bigint DESC NULLS LAST
    LIMIT 100`;
  const grants = rows.flatMap((row) => sessionGrantIds(row.payload));
  const clientIds = [...new Set(rows.flatMap((row) => Object.keys(row.payload.authorizations ?? {})))];
  const [tokens, clients, [all]] = await Promise.all([
    grants.length
      ? db.oidcPayload.groupBy({
          by: ["grantId"],
          where: { type: artifactType(options.poolId, "RefreshToken"), grantId: { in: grants }, consumedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
          _count: { _all: true },
        })
      : [],
    clientIds.length ? db.appClient.findMany({ where: { poolId: options.poolId, clientId: { in: clientIds } }, select: { clientId: true, name: true } }) : [],
    db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM "OidcPayload"
      WHERE type = ${artifactType(options.poolId, "RefreshToken")} AND payload->>'accountId' = ${user.id}
        AND "consumedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())`,
  ]);
  const tokensOf = new Map(tokens.map((t) => [t.grantId, t._count._all]));
  const nameOf = new Map(clients.map((c) => [c.clientId, c.name]));
  const sessions = rows.map((row) => {
    const authorizations = Object.entries(row.payload.authorizations ?? {});
    return {
      id: row.id,
      signedInAt: row.payload.loginTs ? new Date(row.payload.loginTs * 1000).toISOString() : null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      mfa: (row.payload.amr ?? []).includes("mfa"),
      apps: authorizations.map(([clientId]) => ({ clientId, name: nameOf.get(clientId) ?? (isBuiltInClientId(clientId) ? ACCOUNT_CLIENT_NAME : null) })),
      refreshTokens: authorizations.reduce((sum, [, a]) => sum + (a.grantId ? (tokensOf.get(a.grantId) ?? 0) : 0), 0),
    };
  });
  return { sessions, refreshTokens: Number(all?.count ?? 0) };
}
