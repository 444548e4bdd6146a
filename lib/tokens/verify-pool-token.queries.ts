// The server-side check of a pool's token (verify-pool-token.ts) in one statement: its grant and
// its user, each looked up only when the token names one.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import { artifactType } from "../oidc/artifacts.ts";

export type LiveRows = {
  /** Null when no grant was asked for or none is stored. */
  grant: { expiresAt: Date | null } | null;
  /** Null when no user was asked for or none is stored. */
  user: { enabled: boolean } | null;
};

export async function readTokenLiveRows(db: Db, options: { poolId: string; grantId: string | null; userId: string | null }): Promise<LiveRows> {
  const grant = options.grantId === null ? Prisma.sql`FALSE` : Prisma.sql`gr."type" = ${artifactType(options.poolId, "Grant")} AND gr."id" = ${options.grantId}`;
  const user = options.userId === null ? Prisma.sql`FALSE` : Prisma.sql`u."id" = ${options.userId} AND u."poolId" = ${options.poolId}`;
  const [row] = await db.$queryRaw<{ grantFound: boolean; grantExpiresAt: Date | null; userFound: boolean; enabled: boolean | null }[]>`
    SELECT gr."id" IS NOT NULL AS "grantFound", gr."expiresAt" AS "grantExpiresAt", u."id" IS NOT NULL AS "userFound", u."enabled"
    FROM (SELECT 1) AS one
    LEFT JOIN "OidcPayload" gr ON ${grant}
    LEFT JOIN "User" u ON ${user}`;
  return {
    grant: row!.grantFound ? { expiresAt: row!.grantExpiresAt } : null,
    user: row!.userFound ? { enabled: row!.enabled === true } : null,
  };
}
